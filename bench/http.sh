#!/usr/bin/env bash
# Benchmark: HTTP throughput and p99 latency with wrk against the Release service on a fresh
# SQLite database (samples loaded on start). The floor, measured in the same run on the same
# server, is GET /api/v1/plans/{slug} (the plan document); then the plan status (every target
# evaluated) and a cached target chart PNG, each as a ratio to the floor's requests per second.
# Usage: bash bench/http.sh [SECONDS]      (default 10; WRK_THREADS, WRK_CONNECTIONS, WARMUP_SECONDS,
#        PLAN, TARGET override; see bench/README.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
duration=${1:-${DURATION:-10}}
threads=${WRK_THREADS:-2} connections=${WRK_CONNECTIONS:-64} warmup=${WARMUP_SECONDS:-2}
plan=${PLAN:-oesterby-nord} target=${TARGET:-1}
goal_status_share=25 goal_status_p99_ms=20 goal_chart_share=50

command -v wrk >/dev/null || { bench_log "wrk is not installed (Debian: apt-get install wrk)"; exit 2; }
work=$(mktemp -d /tmp/monitoring-bench-http-XXXX)
trap 'bench_stop_api; rm -rf "$work"' EXIT
bench_build
bench_start_api sqlite "Data Source=$work/monitoring.db" "$work"
echo "Service (Release, SQLite, samples) at $bench_api_url, pid $bench_api_pid; wrk -t$threads -c$connections -d${duration}s --latency, ${warmup} s warm-up each"

# run_wrk PATH: sets rps and p99_ms; refuses a path that does not answer 200 or a run with non-2xx answers.
run_wrk() {
  local url=$bench_api_url$1 status out
  status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  [ "$status" = 200 ] || { bench_log "GET $1 answered $status"; exit 1; }
  wrk -t"$threads" -c"$connections" -d"${warmup}s" "$url" >/dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url")
  if grep -q 'Non-2xx' <<<"$out"; then bench_log "$out"; bench_log "GET $1: non-2xx answers under load"; exit 1; fi
  grep -q 'Socket errors' <<<"$out" && bench_log "GET $1: $(grep 'Socket errors' <<<"$out")"
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p99_ms=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.1f", v * f }' <<<"$out")
}

run_wrk "/api/v1/plans/$plan"
floor_rps=$rps
echo "floor: GET /api/v1/plans/$plan: $floor_rps req/s, p99 $p99_ms ms"

run_wrk "/api/v1/plans/$plan/status"
share=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
echo "status: GET /api/v1/plans/$plan/status: $rps req/s, p99 $p99_ms ms"
echo "status ratio: $share % of the floor's throughput (goal >= ${goal_status_share} %): $(bench_verdict "$share" '>=' "$goal_status_share")"
echo "status p99: $p99_ms ms (goal < ${goal_status_p99_ms} ms): $(bench_verdict "$p99_ms" '<' "$goal_status_p99_ms")"

run_wrk "/api/v1/charts/targets/$target.png"
share=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
echo "chart: GET /api/v1/charts/targets/$target.png (cached): $rps req/s, p99 $p99_ms ms"
echo "chart ratio: $share % of the floor's throughput (goal >= ${goal_chart_share} %): $(bench_verdict "$share" '>=' "$goal_chart_share")"
