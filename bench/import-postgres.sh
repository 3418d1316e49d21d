#!/usr/bin/env bash
# Benchmark: the 1,000,000-row long CSV into PostgreSQL, against psql \copy of the same file.
# Starts a throwaway cluster from the Debian binaries (or uses MONITORING_BENCH_POSTGRES), runs
# the benchmark in Release, and stops the cluster.  Usage: bash bench/import-postgres.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
if [ -z "${MONITORING_BENCH_POSTGRES:-}" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort | tail -n 1)
  dir=$(mktemp -d /tmp/monitoring-bench-pg-XXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync --locale=C >/dev/null
  as_pg "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  trap 'as_pg "$bin/pg_ctl" stop -D "$dir/data" -m fast >/dev/null; rm -rf "$dir"' EXIT
  export MONITORING_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi
dotnet run -c Release --project bench/Monitoring.Bench -- import --rows "$rows"
