#!/usr/bin/env bash
# Floods of distinct URLs against the published app (Release), as the black-box probe sent them. Short runs: the
# machine has 2 cores, shared by the app, wrk and the flood.
#  (a) Memory: 5,000 of the probe's URLs (refused now: 414), then twice 5,000 distinct long URLs the app must render
#      (filters, searches, dates, unknown parameters, a long Cookie header each): the process's RSS after each; then
#      the same against an app whose managed heap is capped at 512 MB (DOTNET_GCHeapHardLimit), which must survive.
#  (b) Cache: the cached card's req/s and p99 alone, then with ~250 new addresses a second requested beside it (a
#      second wrk running bench/unique.lua), and whether the card stayed cached throughout (its Age header).
# Usage: bench/flood.sh [seconds per run, default 10] [connections, default 64] [parts, default "memory cache"]
# MINXIN_BENCH_APP=DIR runs a build published elsewhere (an older commit's, to compare) instead of publishing this one.
set -euo pipefail

duration=${1:-10}
connections=${2:-64}
parts=${3:-memory cache}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/common.sh"

need_tools wrk curl
publish

# flood PORT KIND FIRST → 5,000 distinct URLs and their status counts
flood() { python3 "$root/bench/flood_urls.py" "$1" "$2" "$3" 5000; }

# memory_floods NAME → every flood against the app just started, RSS after each, and whether it still serves the card
memory_floods() {
  local name=$1 card="http://127.0.0.1:$app_port/programs/jinnan-2025"
  curl -s -o /dev/null -H "Accept-Encoding: br" "$card"
  echo "$name: RSS $(rss_mb "$app_pid") MB after start and one card"
  for step in "probe 0" "mixed 0" "mixed 5000"; do
    read -r kind first <<<"$step"
    echo "$name: $(flood "$app_port" "$kind" "$first"); RSS $(rss_mb "$app_pid") MB"
  done
  kill -0 "$app_pid" 2>/dev/null || { echo "$name: the app died"; tail -5 "$work/$name.log"; return; }
  echo "$name: the card after the floods: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$card")"
}

if [[ $parts == *memory* ]]; then
  echo "== (a) memory"
  start_app memory
  memory_floods memory
  kill "$app_pid"
  start_app capped DOTNET_GCHeapHardLimit=0x20000000
  memory_floods capped
  kill "$app_pid"
fi
[[ $parts == *cache* ]] || exit 0

# card_runs URL → "req/s p99" of the cached card (gzip), the median of three runs by req/s
card_runs() {
  local runs=()
  for _ in 1 2 3; do
    local out
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Accept-Encoding: gzip" "$1")
    awk '/Socket errors|Non-2xx/' <<<"$out" >>"$work/errors"
    runs+=("$(awk '/Requests\/sec/ {rps=$2} $1=="99%" {p99=$2} END {print rps, p99}' <<<"$out")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

echo "== (b) the cached card beside new addresses: wrk -t2 -c$connections, median of three ${duration}s runs"
start_app cache
card="http://127.0.0.1:$app_port/programs/jinnan-2025"
wrk -t2 -c"$connections" -d5s -H "Accept-Encoding: gzip" "$card" >/dev/null # warm-up
read -r alone_rps alone_p99 < <(card_runs "$card")
flood_seconds=$((duration * 3 + 15))
wrk -t1 -c6 -d"${flood_seconds}s" -s "$root/bench/unique.lua" "http://127.0.0.1:$app_port" >"$work/unique.out" 2>&1 &
unique_pid=$!
sleep 10 # the new addresses fill the cache to its budget; from then on the least recently used go
read -r beside_rps beside_p99 < <(card_runs "$card")
wait "$unique_pid"
unique_rate=$(awk -v s="$flood_seconds" '/requests in/ {printf "%.0f", $1 / s}' "$work/unique.out")
age=$(curl -s -o /dev/null -D - -H "Accept-Encoding: gzip" "$card" | awk 'tolower($1)=="age:" {print $2+0}')
printf '| what | req/s | p99 |\n|---|---|---|\n'
printf '| cached card (gzip), alone | %s | %s |\n' "$(printf '%.0f' "$alone_rps")" "$alone_p99"
printf '| cached card (gzip), beside %s new addresses/s | %s | %s |\n' "$unique_rate" "$(printf '%.0f' "$beside_rps")" "$beside_p99"
if [[ -s $work/errors ]]; then echo "wrk saw errors:"; cat "$work/errors"; else echo "wrk saw no errors on the card"; fi
echo "The card's Age after ${flood_seconds}s of new addresses: ${age}s (it stayed cached if that is at least the flood's length)."
