#!/usr/bin/env bash
# Lights, what changed between editions, and publishing an edition, on a synthetic 50-item program.
# Usage: bench/oversight/run.sh [BenchmarkDotNet arguments]   (default: --filter '*')
#   bench/oversight/run.sh --filter '*' --job short --inProcess    # quicker, rougher
# Copies BenchmarkDotNet's GitHub-flavoured markdown reports to bench/results/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
[ $# -eq 0 ] && set -- --filter '*'
artifacts="${TMPDIR:-/tmp}/minxin-oversight-benchmarks/artifacts"
rm -rf "$artifacts/results"
dotnet run -c Release --project bench/oversight -- "$@" < /dev/null
mkdir -p bench/results
for report in "$artifacts"/results/*-report-github.md; do
  name="$(basename "$report")"
  cp "$report" "bench/results/oversight-${name#Minxin.Oversight.Benchmarks.}"
done
ls -1 bench/results/oversight-*
