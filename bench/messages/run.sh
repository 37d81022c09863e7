#!/usr/bin/env bash
# Benchmark: does a flood of citizens' messages slow the cached public card? wrk measures the card page (gzip) on the
# published app (Release, SQLite) alone, then while RATE messages per second arrive through the public message API
# (POST /api/v1/items/{id}/messages, each from its own contact), then alone again. Prints requests/s and p99 of each,
# the messages accepted and the ratio to the card alone.
# Usage: bench/messages/run.sh [seconds per run, default 10] [messages per second, default 100] [connections, default 32]
set -euo pipefail

duration=${1:-10}
rate=${2:-100}
connections=${3:-32}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/bench/messages"
results="$root/bench/results"
mkdir -p "$results"
source "$root/bench/common.sh"

need_tools wrk
publish
# The flood comes from one address: the per-address and per-contact limits are lifted so every message is stored.
start_app cached Minxin__CachePublicPages=true Minxin__MessagesPerMinute=1000000 Minxin__MessagesPerContactPerHour=1000000
port=$app_port pid=$app_pid
card="http://127.0.0.1:$port/programs/jinnan-2025"
item=jinnan-2025-07-1

card_run() { # LABEL → one tab-separated line: label, req/s, p99
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Accept-Encoding: gzip" "$card")
  awk -v label="$1" '/Requests\/sec/ {rps=$2} $1=="99%" {p99=$2} END {printf "%s\t%s\t%s\n", label, rps, p99}' <<<"$out"
}

wrk -t2 -c"$connections" -d5s -H "Accept-Encoding: gzip" "$card" >/dev/null # warm-up
alone=$(card_run "card alone")
python3 "$here/flood_messages.py" "http://127.0.0.1:$port" "$item" "$rate" "$duration" >"$work/flood" &
flood_pid=$!
during=$(card_run "card while $rate messages/s arrive")
wait "$flood_pid"
read -r sent accepted refused errors achieved <"$work/flood"
after=$(card_run "card alone, after the flood")
# The generator itself takes CPU from the two cores wrk and the server share: the same rate of posts to an item that
# does not exist (404, nothing stored) measures that part alone.
python3 "$here/flood_messages.py" "http://127.0.0.1:$port" jinnan-2025-99-9 "$rate" "$duration" >/dev/null &
control_pid=$!
control=$(card_run "card while $rate posts/s to an unknown item arrive (control)")
wait "$control_pid"
received() { curl -s "http://127.0.0.1:$port/api/v1/items/$item" | python3 -c 'import json,sys; print(json.load(sys.stdin)["messages"]["received"])'; }
stored=$(received)
# The public counter follows within Minxin__CitizenActivitySeconds (60 s by default): how long until it shows them all.
waited=0
while (( $(received) < accepted && waited < 90 )); do sleep 1; waited=$((waited + 1)); done
shown=$(received)

{
  echo "# Messages flood against the cached card ($(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c$connections, ${duration}s per run)"
  echo
  echo "| run | req/s | p99 |"
  echo "|---|---:|---:|"
  for line in "$alone" "$during" "$control" "$after"; do IFS=$'\t' read -r label rps p99 <<<"$line"; echo "| $label | $rps | $p99 |"; done
  echo
  echo "Messages: $sent sent, $accepted accepted (201), $refused refused, $errors errors; $achieved accepted per second."
  echo "The item's public counter said received = $stored right after the flood and $shown ${waited} s later (it is refreshed at most once a minute, by design)."
  IFS=$'\t' read -r _ rps_alone _ <<<"$alone"; IFS=$'\t' read -r _ rps_during _ <<<"$during"; IFS=$'\t' read -r _ rps_control _ <<<"$control"
  python3 -c "print(f'Card req/s during the flood / alone: {$rps_during / $rps_alone:.2f}; during the control / alone: {$rps_control / $rps_alone:.2f}')"
} | tee "$results/messages-latest.md"
(( errors == 0 )) || { echo "message posts failed" >&2; exit 1; }
