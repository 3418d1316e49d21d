#!/usr/bin/env bash
# Benchmark: the 1,000,000-row long CSV into SQLite through the command line, against
# `sqlite3 .import` of the same file into a bare table in the same run.
# Usage: bash bench/import-sqlite.sh [ROWS]      (see bench/README.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${1:-1000000}
goal_ratio=3 goal_peak_mb=150

work=$(mktemp -d /tmp/monitoring-bench-sqlite-XXXX)
trap 'bench_stop_api; rm -rf "$work"' EXIT
bench_build

file=$work/observations.csv revised=$work/observations-revised.csv
bench_csv "$file" "$rows" 0
bench_csv "$revised" "$rows" 1
echo "Generated $(($(wc -l <"$file") - 1)) rows ($(du -m "$file" | cut -f1) MiB) and a revision of every value"

# A fresh service database: schema, samples and the benchmark's indicators and areas, all through the API.
db=$work/monitoring.db
bench_start_api sqlite "Data Source=$db" "$work"
bench_seed_metadata "$work"
bench_stop_api

# Floor: sqlite3's own CSV import into a bare table (no validation, no indexes, no history).
bench_timed "$work/floor.log" sqlite3 "$work/bare.db" \
  "CREATE TABLE bench_bare (indicator TEXT, area TEXT, period TEXT, value REAL, numerator REAL, denominator REAL, subgroup TEXT)" \
  ".import --csv --skip 1 $file bench_bare"
floor=$bench_seconds
echo "floor: sqlite3 .import into a bare table: ${floor} s"

cli=(env Monitoring__Database__Provider=sqlite TERM=dumb COLUMNS=200 dotnet "$bench_ingest_dll" import)
bench_timed "$work/import.log" "${cli[@]}" "$file" --connection "Data Source=$db"
import=$bench_seconds peak=$bench_peak_mb
ratio=$(bench_ratio "$import" "$floor")
echo "import: Monitoring.Ingest import (Release): ${import} s   [$(bench_import_summary "$work/import.log")]"
echo "ratio: $ratio x the floor (goal <= ${goal_ratio}x): $(bench_verdict "$ratio" '<=' "$goal_ratio")"
echo "peak RSS: $peak MB (goal <= ${goal_peak_mb} MB): $(bench_verdict "$peak" '<=' "$goal_peak_mb")"

bench_timed "$work/revise.log" "${cli[@]}" "$revised" --connection "Data Source=$db"
revise=$bench_seconds
echo "revision (info): second file, every value changed: ${revise} s, $(bench_ratio "$revise" "$floor") x the floor, peak RSS $bench_peak_mb MB   [$(bench_import_summary "$work/revise.log")]"
