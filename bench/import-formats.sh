#!/usr/bin/env bash
# Benchmark: the same 1,000,000 observations in the formats analysts really export — the canonical
# long CSV, a Danish Excel CSV (Windows-1252, semicolons, decimal commas, Danish headers) and an
# .xlsx workbook — each imported through the command line into its own fresh copy of the service's
# SQLite database, against `sqlite3 .import` of the canonical CSV in the same run (the floor and
# goals of bench/import-sqlite.sh).
# Usage: bash bench/import-formats.sh [ROWS]      (see bench/README.md)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${1:-1000000}
goal_ratio=3 goal_peak_mb=150

work=$(mktemp -d /tmp/monitoring-bench-formats-XXXX)
trap 'bench_stop_api; rm -rf "$work"' EXIT
bench_build

csv=$work/observations.csv danish=$work/observations-dansk.csv xlsx=$work/observations.xlsx
bench_csv "$csv" "$rows" 0
bench_danish_csv "$csv" "$danish"
bench_xlsx "$csv" "$xlsx"
echo "Generated $(($(wc -l <"$csv") - 1)) rows: canonical CSV $(du -m "$csv" | cut -f1) MiB," \
  "Danish CSV $(du -m "$danish" | cut -f1) MiB, .xlsx $(du -m "$xlsx" | cut -f1) MiB"

# One seeded database (schema, samples, the benchmark's indicators and areas, through the API),
# copied fresh for each format so every import is a first import of the same rows.
seeded=$work/seeded.db
bench_start_api sqlite "Data Source=$seeded" "$work"
bench_seed_metadata "$work"
bench_stop_api

bench_timed "$work/floor.log" sqlite3 "$work/bare.db" \
  "CREATE TABLE bench_bare (indicator TEXT, area TEXT, period TEXT, value REAL, numerator REAL, denominator REAL, subgroup TEXT)" \
  ".import --csv --skip 1 $csv bench_bare"
floor=$bench_seconds
echo "floor: sqlite3 .import of the canonical CSV into a bare table: ${floor} s"

for variant in "canonical CSV:$csv" "Danish Excel CSV:$danish" ".xlsx workbook:$xlsx"; do
  name=${variant%%:*} file=${variant#*:}
  db=$work/import-$RANDOM.db
  cp "$seeded" "$db"
  bench_timed "$work/import.log" env Monitoring__Database__Provider=sqlite TERM=dumb COLUMNS=200 \
    dotnet "$bench_ingest_dll" import "$file" --connection "Data Source=$db"
  ratio=$(bench_ratio "$bench_seconds" "$floor")
  echo "$name: ${bench_seconds} s, $ratio x the floor (goal <= ${goal_ratio}x): $(bench_verdict "$ratio" '<=' "$goal_ratio");" \
    "peak RSS $bench_peak_mb MB (goal <= ${goal_peak_mb} MB): $(bench_verdict "$bench_peak_mb" '<=' "$goal_peak_mb")" \
    "  [$(bench_import_summary "$work/import.log")]"
  rm -f "$db"
done
