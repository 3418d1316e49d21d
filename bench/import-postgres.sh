#!/usr/bin/env bash
# Benchmark: the 1,000,000-row long CSV into PostgreSQL through the command line, against
# `psql \copy` of the same file into a bare table in the same run; then a second file revising
# every value, against the same floor. Starts a throwaway cluster from the Debian binaries (or
# uses MONITORING_BENCH_POSTGRES) and stops it.
# Usage: bash bench/import-postgres.sh [ROWS]      (see bench/README.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${1:-1000000}
goal_ratio=4 goal_peak_mb=150 goal_revise_ratio=8

work=$(mktemp -d /tmp/monitoring-bench-postgres-XXXX)
chmod 755 "$work"
trap 'bench_stop_api; bench_postgres_stop; rm -rf "$work"' EXIT
bench_build

file=$work/observations.csv revised=$work/observations-revised.csv
bench_csv "$file" "$rows" 0
bench_csv "$revised" "$rows" 1
chmod 644 "$file" "$revised"
echo "Generated $(($(wc -l <"$file") - 1)) rows ($(du -m "$file" | cut -f1) MiB) and a revision of every value"

bench_postgres_start
connection=$MONITORING_BENCH_POSTGRES
mapfile -t psql_args < <(bench_psql_args)
psql=(psql "${psql_args[@]}" -X -q -v ON_ERROR_STOP=1)

# The service's database: schema, samples and the benchmark's indicators and areas, all through the API.
bench_start_api postgres "$connection" "$work"
bench_seed_metadata "$work"
bench_stop_api

# Floor: psql \copy into a bare table (no validation, no indexes, no history).
"${psql[@]}" -c "SET client_min_messages = warning; DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (indicator TEXT, area TEXT, period TEXT, value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION, subgroup TEXT)"
bench_timed "$work/floor.log" "${psql[@]}" -c "\\copy bench_bare FROM '$file' WITH (FORMAT csv, HEADER true)"
floor=$bench_seconds
echo "floor: psql \\copy into a bare table: ${floor} s"

cli=(env Monitoring__Database__Provider=postgres TERM=dumb COLUMNS=200 dotnet "$bench_ingest_dll" import)
bench_timed "$work/import.log" "${cli[@]}" "$file" --connection "$connection"
import=$bench_seconds peak=$bench_peak_mb
ratio=$(bench_ratio "$import" "$floor")
echo "import: Monitoring.Ingest import (Release): ${import} s   [$(bench_import_summary "$work/import.log")]"
echo "ratio: $ratio x the floor (goal <= ${goal_ratio}x): $(bench_verdict "$ratio" '<=' "$goal_ratio")"
echo "peak RSS: $peak MB (goal <= ${goal_peak_mb} MB): $(bench_verdict "$peak" '<=' "$goal_peak_mb")"

bench_timed "$work/revise.log" "${cli[@]}" "$revised" --connection "$connection"
revise=$bench_seconds
revise_ratio=$(bench_ratio "$revise" "$floor")
echo "revision: second file, every value changed: ${revise} s   [$(bench_import_summary "$work/revise.log")]"
echo "revision ratio: $revise_ratio x the floor (goal <= ${goal_revise_ratio}x): $(bench_verdict "$revise_ratio" '<=' "$goal_revise_ratio")"
echo "revision peak RSS (info): $bench_peak_mb MB"
