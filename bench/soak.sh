#!/usr/bin/env bash
# Soak: does the service's memory stay flat under sustained mixed load? wrk for 60 s (or $1) with
# one Lua script rotating over the plan status, target charts (PNG and SVG at every allowed size:
# the uncached renders that used to grow the process) and pages of observations, against the
# Release service on a fresh SQLite database with the samples. Resident memory (VmRSS) is sampled
# every 5 s; the figure is end RSS / RSS after the warm-up, goal <= 1.2.
# Usage: bash bench/soak.sh [SECONDS]   (WARMUP_SECONDS, WRK_THREADS, WRK_CONNECTIONS override)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
duration=${1:-${DURATION:-60}}
threads=${WRK_THREADS:-2} connections=${WRK_CONNECTIONS:-32} warmup=${WARMUP_SECONDS:-20}
goal_ratio=1.2

command -v wrk >/dev/null || { bench_log "wrk is not installed (Debian: apt-get install wrk)"; exit 2; }
work=$(mktemp -d /tmp/monitoring-bench-soak-XXXX)
trap 'bench_stop_api; rm -rf "$work"' EXIT
bench_build
bench_start_api sqlite "Data Source=$work/monitoring.db" "$work"
echo "Service (Release, SQLite, samples) at $bench_api_url, pid $bench_api_pid; wrk -t$threads -c$connections, ${warmup} s warm-up, ${duration} s soak"

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$bench_api_pid/status"; }

# The paths: every target of every sample plan, each plan's status, observations of each indicator.
python3 - "$bench_api_url" "$work/paths.lua" <<'PY'
import json, sys, urllib.request
url, out = sys.argv[1:3]
get = lambda p: json.load(urllib.request.urlopen(url + p))
paths = []
widths = [160, 240, 320, 480, 640, 800, 900, 1024, 1200, 1600]
heights = [40, 80, 120, 200, 300, 400, 600, 800]
for plan in get("/api/v1/plans"):
    slug = plan["slug"]
    paths.append(f"/api/v1/plans/{slug}/status")
    status = get(f"/api/v1/plans/{slug}/status")
    ids = sorted({t["targetId"] for g in status["goals"] for t in g.get("targets", []) + [t for s in g.get("subGoals", []) for t in s.get("targets", [])]})
    for n, target in enumerate(ids):
        for k in range(4):
            w, h = widths[(n + k) % len(widths)], heights[(n * 3 + k) % len(heights)]
            paths.append(f"/api/v1/charts/targets/{target}.{'png' if k % 2 else 'svg'}?width={w}&height={h}")
for indicator in get("/api/v1/indicators"):
    paths.append(f"/api/v1/observations?indicator={indicator['code']}&limit=200")
with open(out, "w") as f:
    f.write("paths = {\n" + ",\n".join(json.dumps(p) for p in paths) + "\n}\n")
    f.write("n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"GET\", paths[(n % #paths) + 1])\nend\n")
print(f"{len(paths)} paths", file=sys.stderr)
PY

echo "RSS at start: $(rss_mb) MB"
wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$work/paths.lua" "$bench_api_url" >/dev/null
warm=$(rss_mb)
echo "RSS after the ${warmup} s warm-up: $warm MB"

wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$work/paths.lua" "$bench_api_url" >"$work/wrk.out" &
wrk_pid=$!
samples=()
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 5
  samples+=("$(rss_mb)")
done
wait "$wrk_pid"
end=$(rss_mb)
echo "RSS every 5 s during the soak (MB): ${samples[*]}"
grep -E 'Requests/sec|requests in|Non-2xx|Socket errors' "$work/wrk.out" || true
if grep -q 'Non-2xx' "$work/wrk.out"; then bench_log "non-2xx answers under load: the figure measures errors, not work"; fi
ratio=$(awk -v a="$end" -v b="$warm" 'BEGIN { printf "%.2f", a / b }')
echo "RSS at the end: $end MB"
echo "memory: end RSS / post-warm-up RSS = $ratio (goal <= $goal_ratio): $(bench_verdict "$ratio" '<=' "$goal_ratio")"
