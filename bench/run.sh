#!/usr/bin/env bash
# Benchmark of the public report card: wrk on loopback against the published app (Release) and, in the same run,
# nginx serving the same bytes as a static file. Prints requests/s, p99, the ratio to nginx and server CPU per request.
# Usage: bench/run.sh [seconds per run, default 10] [connections, default 64] [warm-up seconds, default 10]
set -euo pipefail

duration=${1:-10}
connections=${2:-64}
warmup=${3:-10}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
source "$root/bench/common.sh"

need_tools wrk nginx
publish

# measure LABEL URL PID|- ENCODING [COOKIE] → one tab-separated result line: the median of three runs (by req/s),
# and the server's CPU per request over all three
measure() {
  local label=$1 url=$2 pid=$3 encoding=$4 cookie=${5:-}
  local header=(); [[ $encoding != identity ]] && header=(-H "Accept-Encoding: $encoding")
  [[ -n $cookie ]] && header+=(-H "Cookie: $cookie")
  wrk -t2 -c"$connections" -d"${warmup}s" "${header[@]}" "$url" >/dev/null 2>&1 # warm-up: let tiered JIT settle
  local before=0; [[ $pid != - ]] && before=$(cpu_ticks "$pid")
  local runs=() requests=0 out
  for _ in 1 2 3; do
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "${header[@]}" "$url")
    runs+=("$(awk '/Requests\/sec/ {rps=$2} $1=="99%" {p99=$2} END {print rps, p99}' <<<"$out")")
    requests=$((requests + $(awk '/requests in/ {print $1}' <<<"$out")))
    awk -v label="$label" '/Socket errors|Non-2xx/ {print label ": " $0}' <<<"$out" >>"$work/errors"
  done
  local after=0; [[ $pid != - ]] && after=$(cpu_ticks "$pid")
  local rps p99 cpu="-" bytes
  read -r rps p99 < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
  [[ $pid != - ]] && cpu=$(python3 -c "import os; print(f'{($after-$before)/os.sysconf(\"SC_CLK_TCK\")/$requests*1e6:.0f}')")
  bytes=$(curl -s "${header[@]}" "$url" | wc -c)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$encoding" "$bytes" "$rps" "$p99" "$cpu"
}

start_app cached Minxin__CachePublicPages=true; cached_port=$app_port; cached_pid=$app_pid
start_app uncached Minxin__CachePublicPages=false; uncached_port=$app_port; uncached_pid=$app_pid

# nginx serves the very bytes Minxin sends: the page and the JSON, plain and gzip-compressed (gzip_static).
mkdir -p "$work/html"
curl -s "http://127.0.0.1:$cached_port/programs/jinnan-2025" >"$work/html/card.html"
curl -s -H "Accept-Encoding: gzip" "http://127.0.0.1:$cached_port/programs/jinnan-2025" >"$work/html/card.html.gz"
curl -s "http://127.0.0.1:$cached_port/api/v1/programs/jinnan-2025/report-card" >"$work/html/card.json"
curl -s -H "Accept-Encoding: gzip" "http://127.0.0.1:$cached_port/api/v1/programs/jinnan-2025/report-card" >"$work/html/card.json.gz"
chmod -R a+r "$work/html"
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip_static on;
  types { text/html html; application/json json; }
  client_body_temp_path $work/nginx-tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/html; }
}
CONF
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" -p "$work"

page=/programs/jinnan-2025
api=/api/v1/programs/jinnan-2025/report-card
echo "wrk -t2 -c$connections, median of three ${duration}s runs after ${warmup}s warm-up, $(nproc) cores; browsers send Accept-Encoding, so gzip is the realistic case"
table=$(
  for encoding in gzip identity; do
    measure "nginx, card page as a static file" "http://127.0.0.1:$nginx_port/card.html" - "$encoding"
    measure "Minxin, card page, output-cached" "http://127.0.0.1:$cached_port$page" "$cached_pid" "$encoding"
    measure "Minxin, card page, output-cached, 适老版" "http://127.0.0.1:$cached_port$page" "$cached_pid" "$encoding" "minxin-reader=m%3Delder"
    measure "Minxin, card page, uncached" "http://127.0.0.1:$uncached_port$page" "$uncached_pid" "$encoding"
    measure "nginx, card JSON as a static file" "http://127.0.0.1:$nginx_port/card.json" - "$encoding"
    measure "Minxin, card API, output-cached" "http://127.0.0.1:$cached_port$api" "$cached_pid" "$encoding"
    measure "Minxin, card API, uncached" "http://127.0.0.1:$uncached_port$api" "$uncached_pid" "$encoding"
  done
)
python3 - "$table" "$results/latest.md" <<'PY'
import sys
rows = [line.split("\t") for line in sys.argv[1].strip().splitlines()]
out = ["| what | encoding | bytes | req/s | p99 | vs nginx | server CPU per request |", "|---|---|---|---|---|---|---|"]
reference = None
for label, encoding, size, rps, p99, cpu in rows:
    if label.startswith("nginx"):
        reference = float(rps)
    ratio = float(rps) / reference
    out.append(f"| {label} | {encoding} | {int(size):,} | {float(rps):,.0f} | {p99} | {ratio:.2f} | {cpu + ' µs' if cpu != '-' else '-'} |")
text = "\n".join(out)
print(text)
open(sys.argv[2], "w").write(text + "\n")
PY
if [[ -s $work/errors ]]; then echo "wrk saw errors:"; cat "$work/errors"; else echo "wrk saw no errors (no socket errors, no non-2xx responses)"; fi
