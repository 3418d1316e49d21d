# Shared by the bench/*.sh scripts; source it, don't run it.
# Everything here drives the service through its public surfaces only: the Release build of the
# command line (`Monitoring.Ingest import`), the HTTP API, and the database's own tools for the
# floors. No benchmark script links against the service's classes, so a rewrite of storage, DI or
# caching does not break them as long as the CLI and the HTTP API keep their contracts.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bench_log() { printf '%s\n' "$*" >&2; }

# Release build of the API and the CLI; sets bench_api_dll and bench_ingest_dll.
bench_build() {
  bench_log "Building Release (Monitoring.Api, Monitoring.Ingest)..."
  local log; log=$(mktemp)
  if ! { dotnet build -c Release -nologo "$bench_root/Monitoring.Api/Monitoring.Api.csproj" &&
         dotnet build -c Release -nologo "$bench_root/Monitoring.Ingest/Monitoring.Ingest.csproj"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2; rm -f "$log"; return 1
  fi
  rm -f "$log"
  bench_api_dll=$(ls -t "$bench_root"/Monitoring.Api/bin/Release/*/Monitoring.Api.dll | head -n 1)
  bench_ingest_dll=$(ls -t "$bench_root"/Monitoring.Ingest/bin/Release/*/Monitoring.Ingest.dll | head -n 1)
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# bench_csv FILE ROWS [REVISION]: the canonical long CSV, 400 areas × 50 indicators × N years ×
# 2 subgroups (1,000,000 rows for 25 years). Deterministic. REVISION=1 writes the same keys with
# every value changed (value ±0.1, denominator +1), so importing it after REVISION=0 revises every
# observation.
bench_csv() {
  python3 - "$1" "$2" "${3:-0}" <<'PY'
import random, sys
path, rows, revision = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
years = max(1, rows // (400 * 50 * 2))
rnd = random.Random(20261124)
out = ["indicator,area,period,value,numerator,denominator,subgroup\n"]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(out[0])
    for i in range(1, 51):
        ind = f"BENCH_{i:03d}"
        buf = []
        for a in range(1, 401):
            area = f"A{a:04d}"
            for year in range(2000, 2000 + years):
                for sub in ("", "koen:kvinde"):
                    den = rnd.randint(200, 2999)
                    num = rnd.randint(0, den)
                    value = round(1000.0 * num / den) / 10
                    if revision:
                        # A revision moves the count far enough that the rounded share changes, and
                        # the share is recomputed, so every row agrees with its counts (an import rule).
                        delta = max(1, den // 500)
                        num = num + delta if num + delta <= den else num - delta
                        value = round(1000.0 * num / den) / 10
                    buf.append(f"{ind},{area},{year},{value:.1f},{num},{den},{sub}\n")
        f.write("".join(buf))
PY
}

# bench_metadata_json DIR: indicators.json and areas.json for the generated codes, as the API takes them.
bench_metadata_json() {
  python3 - "$1" <<'PY'
import json, sys, os
d = sys.argv[1]
inds = [{"code": f"BENCH_{i:03d}", "name": f"Benchmark-indikator {i}", "unit": "percent",
         "direction": "lowerBetter", "source": "register", "periodicity": "yearly", "decimals": 1,
         "influenceable": True} for i in range(1, 51)]
areas = [{"code": f"A{a:04d}", "name": f"Område A{a:04d}", "kind": "area", "municipalityCode": "0999"}
         for a in range(1, 401)]
json.dump(inds, open(os.path.join(d, "indicators.json"), "w"))
json.dump(areas, open(os.path.join(d, "areas.json"), "w"))
PY
}

# bench_start_api PROVIDER CONNECTION DIR: starts the Release API on a free 127.0.0.1 port with its
# key file and logs in DIR, waits for /health; sets bench_api_pid, bench_api_url, bench_api_key.
# Stop it with bench_stop_api (the scripts also do so on exit).
bench_start_api() {
  local provider=$1 connection=$2 dir=$3 port
  port=$(bench_free_port)
  bench_api_url="http://127.0.0.1:$port"
  (
    cd "$(dirname "$bench_api_dll")"
    export Urls="$bench_api_url" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
    export ConnectionStrings__Monitoring="$connection" Monitoring__Database__Provider="$provider"
    export Monitoring__Auth__AdminKeyFile="$dir/admin.key" Monitoring__Samples__Folder="$bench_root/samples"
    # wrk is one caller at full speed: the per-caller rate limit would answer it 429 and measure nothing.
    export Monitoring__Limits__RateLimit__Enabled=false
    exec dotnet "$bench_api_dll"
  ) >"$dir/api.log" 2>&1 &
  bench_api_pid=$!
  local i
  for i in $(seq 1 600); do
    if curl -fsS -o /dev/null "$bench_api_url/health" 2>/dev/null; then
      bench_api_key=$(tr -d '\r\n' <"$dir/admin.key" 2>/dev/null || true)
      return 0
    fi
    if ! kill -0 "$bench_api_pid" 2>/dev/null; then
      bench_log "The API exited during start; its log:"; tail -n 40 "$dir/api.log" >&2; return 1
    fi
    sleep 0.2
  done
  bench_log "The API did not answer /health within 120 s; its log:"; tail -n 40 "$dir/api.log" >&2
  return 1
}

bench_stop_api() {
  if [ -n "${bench_api_pid:-}" ] && kill -0 "$bench_api_pid" 2>/dev/null; then
    kill "$bench_api_pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do kill -0 "$bench_api_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$bench_api_pid" 2>/dev/null || true
    wait "$bench_api_pid" 2>/dev/null || true
  fi
  bench_api_pid=
}

# bench_seed_metadata DIR: defines the generated indicators and areas through POST /api/v1/indicators
# and /api/v1/areas on the running API (admin key from its key file).
bench_seed_metadata() {
  bench_metadata_json "$1"
  python3 - "$bench_api_url" "$bench_api_key" "$1" <<'PY'
import json, sys, os, urllib.request, urllib.error
url, key, d = sys.argv[1:4]
def post(path, body):
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Api-Key": key})
    try:
        urllib.request.urlopen(req).read()
    except urllib.error.HTTPError as e:
        if e.code != 409:  # already defined: fine
            sys.exit(f"POST {path} {body.get('code')}: {e.code} {e.read().decode()[:500]}")
for i in json.load(open(os.path.join(d, "indicators.json"))): post("/api/v1/indicators", i)
for a in json.load(open(os.path.join(d, "areas.json"))): post("/api/v1/areas", a)
PY
}

# bench_timed OUT CMD...: runs CMD with its output in OUT; sets bench_seconds (wall) and bench_peak_mb
# (peak resident set of the process, from GNU time's maximum RSS). Fails if CMD fails.
bench_timed() {
  local out=$1; shift
  local stats; stats=$(mktemp)
  if ! /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$out" 2>&1; then
    bench_log "Failed: $*"; tail -n 30 "$out" >&2; rm -f "$stats"; return 1
  fi
  read -r bench_seconds bench_peak_kb < <(tail -n 1 "$stats")
  bench_peak_mb=$(awk -v k="$bench_peak_kb" 'BEGIN { printf "%.0f", k / 1024 }')
  rm -f "$stats"
}

# bench_ratio A B: A / B with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "inf"; else printf "%.2f", a / b }'; }

# bench_verdict VALUE OP LIMIT: PASS or MISS (OP is <= < >= >).
bench_verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    ok = (op == "<=" && v <= l) || (op == "<" && v < l) || (op == ">=" && v >= l) || (op == ">" && v > l)
    print ok ? "PASS" : "MISS" }'
}

# The import's summary row from the CLI's table (status, batch, rows read, created, changed, unchanged, rejected).
bench_import_summary() { grep -E '(Committed|committed|Imported|imported|AlreadyImported|Rejected)' "$1" | tail -n 1 | tr -s ' │|' ' ' | sed 's/^ //'; }

# bench_postgres_start: a throwaway cluster from the Debian binaries on a free loopback port
# (unless MONITORING_BENCH_POSTGRES names a server); sets MONITORING_BENCH_POSTGRES, bench_pg_*.
# bench_postgres_stop stops it and removes its folder.
bench_pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bench_postgres_start() {
  if [ -n "${MONITORING_BENCH_POSTGRES:-}" ]; then bench_pg_dir=; return 0; fi
  bench_pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  bench_pg_dir=$(mktemp -d /tmp/monitoring-bench-pg-XXXX)
  local port; port=$(bench_free_port)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$bench_pg_dir"
  bench_pg_as "$bench_pg_bin/initdb" -D "$bench_pg_dir/data" -U postgres -A trust -E UTF8 --no-sync --locale=C >/dev/null
  bench_pg_as "$bench_pg_bin/pg_ctl" start -D "$bench_pg_dir/data" -l "$bench_pg_dir/server.log" -w \
    -o "-p $port -k $bench_pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  export MONITORING_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}
bench_postgres_stop() {
  if [ -n "${bench_pg_dir:-}" ] && [ -d "$bench_pg_dir/data" ]; then
    bench_pg_as "$bench_pg_bin/pg_ctl" stop -D "$bench_pg_dir/data" -m fast >/dev/null || true
    rm -rf "$bench_pg_dir"
  fi
  bench_pg_dir=
}

# bench_psql_args: psql connection arguments from MONITORING_BENCH_POSTGRES (Host, Port, Username, Password, Database).
bench_psql_args() {
  local part key value host=127.0.0.1 port=5432 user=postgres db=postgres
  local IFS=';'
  for part in $MONITORING_BENCH_POSTGRES; do
    key=${part%%=*}; value=${part#*=}
    case "${key,,}" in
      host|server) host=$value ;; port) port=$value ;; username|user|"user id"|userid) user=$value ;;
      database|db) db=$value ;; password) export PGPASSWORD=$value ;;
    esac
  done
  printf '%s\n' -h "$host" -p "$port" -U "$user" -d "$db"
}

# bench_danish_csv CANONICAL OUT: the same rows as Danish Excel saves them — Windows-1252,
# semicolons, decimal commas, Danish headers (Indikator;Område;År;Værdi;Tæller;Nævner;Undergruppe).
bench_danish_csv() {
  python3 - "$1" "$2" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f, open(out, "w", encoding="cp1252", newline="") as o:
    next(f)
    o.write("Indikator;Område;År;Værdi;Tæller;Nævner;Undergruppe\r\n")
    for line in f:
        ind, area, period, value, num, den, sub = line.rstrip("\n").split(",")
        o.write(f"{ind};{area};{period};{value.replace('.', ',')};{num};{den};{sub}\r\n")
PY
}

# bench_xlsx CANONICAL OUT: the same rows as one .xlsx sheet the way Excel stores it (numbers as
# number cells, text in the shared-strings table), written streaming.
bench_xlsx() {
  python3 - "$1" "$2" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
src, out = sys.argv[1], sys.argv[2]
strings, index = [], {}
def sid(text):
    if text not in index:
        index[text] = len(strings); strings.append(text)
    return index[text]
def col(i): return "ABCDEFG"[i]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with open(src, encoding="utf-8") as f, z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        buf = []
        for r, line in enumerate(f, start=1):
            cells = line.rstrip("\n").split(",")
            xml = [f'<row r="{r}">']
            for i, cell in enumerate(cells):
                ref = f"{col(i)}{r}"
                if cell == "":
                    continue
                if r > 1 and i in (2, 3, 4, 5):
                    xml.append(f'<c r="{ref}"><v>{cell}</v></c>')
                else:
                    xml.append(f'<c r="{ref}" t="s"><v>{sid(cell)}</v></c>')
            xml.append("</row>")
            buf.append("".join(xml))
            if len(buf) >= 10000:
                sheet.write("".join(buf).encode()); buf = []
        sheet.write(("".join(buf) + "</sheetData></worksheet>").encode())
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
               + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
PY
}
