#!/usr/bin/env bash
# Benchmark of the staff side under load: REPORTS reports created, submitted and approved through the staff API
# (/api/v1/workspace) by CONCURRENCY workers, on SQLite and on PostgreSQL, against the published app (Release).
# Reporters (one per unit) create and submit, the coordinator approves; each step runs over all reports before the
# next. During each step wrk measures the public card (/programs/jinnan-2025, gzip), and once before the load alone.
# Prints requests/s, p50 and p99 per step and for the card; fails if any request (driver or wrk) was not a 2xx
# (a card request unanswered after 10 s included).
#
# Usage: bench/workspace/run.sh [reports, default 2000] [concurrency, default 8]
# Environment: PROVIDERS ("sqlite postgres"), UNITS (4, at most 8), WRK (1; 0 runs the load without wrk),
#              WRK_SECONDS (10, the card alone), WRK_CONNECTIONS (32),
#              PG_INLINE_COMPLETIONS (0; "app" keeps the app's own inline socket completions on PostgreSQL, see below).
# wrk, the driver and the server share this machine's cores: the figures are for comparing, not for capacity.
set -euo pipefail

reports=${1:-2000}
concurrency=${2:-8}
providers=${PROVIDERS:-sqlite postgres}
units=${UNITS:-4}
use_wrk=${WRK:-1}
wrk_seconds=${WRK_SECONDS:-10}
wrk_connections=${WRK_CONNECTIONS:-32}
program=jinnan-2025
region=120112
warmup_rounds=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
work=$(mktemp -d /tmp/minxin-bench-workspace.XXXXXX)
chmod 755 "$work" # the throwaway PostgreSQL runs as the postgres user, below this folder

[[ $reports =~ ^[1-9][0-9]*$ && $concurrency =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [reports] [concurrency]" >&2; exit 2; }
(( units >= 1 && units <= 8 )) || { echo "UNITS must be 1 to 8" >&2; exit 2; }

app_pid='' wrk_pid='' driver_pid='' pg_data=''
pg_bin=''
if [[ " $providers " == *" postgres "* ]]; then
  command -v postgres >/dev/null 2>&1 || { echo "PostgreSQL's postgres is not on PATH (or run with PROVIDERS=sqlite)" >&2; exit 2; }
  # createdb and psql on PATH may be wrappers; the real tools sit beside the server binary.
  pg_bin=$(dirname "$(readlink -f "$(command -v postgres)")")
fi
stop_postgres() {
  if [[ -n $pg_data ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    pg_data=''
  fi
}
stop_app() {
  if [[ -n $app_pid ]]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=''
  fi
}
cleanup() {
  local status=$?
  if (( status != 0 )) && [[ -d $work ]]; then
    # Keep what explains a failure: the app's, PostgreSQL's and the CLI's logs, wrk's and the driver's output.
    rm -rf "$results/workspace-failed" && mkdir -p "$results/workspace-failed"
    (cd "$work" && find . -name '*.log' -o -name 'wrk-*.txt' -o -name 'answer.json' -o -name '*.tsv' ! -name tokens.tsv) |
      while read -r file; do mkdir -p "$results/workspace-failed/$(dirname "$file")"; cp "$work/$file" "$results/workspace-failed/$file"; done
    echo "Logs of the failed run: ${results#"$root"/}/workspace-failed/" >&2
  fi
  [[ -n $wrk_pid ]] && kill "$wrk_pid" 2>/dev/null || true
  [[ -n $driver_pid ]] && kill "$driver_pid" 2>/dev/null || true
  stop_app
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ $use_wrk == 1 ]] && ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk…"
  apt-get install -y -qq wrk >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
stage() { echo "[$1] $2 ($(( $(date +%s) - started_at )) s)"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

started_at=$(date +%s)
echo "Publishing Minxin.Web, Minxin.Cli and the load driver (Release)…"
dotnet publish "$root/src/Minxin.Web" -c Release -o "$work/web" --nologo -v quiet >/dev/null
dotnet publish "$root/src/Minxin.Cli" -c Release -o "$work/cli" --nologo -v quiet >/dev/null
dotnet publish "$here/Driver" -c Release -o "$work/driver" --nologo -v quiet >/dev/null

# Rate limits, if this version of the app has them: every "…PerMinute" option it knows (Minxin__X or, should they
# move to a section, Minxin__RateLimits__X) is raised out of reach; options it does not know are ignored by it.
limits=()
while read -r option; do
  limits+=("Minxin__$option=1000000000" "Minxin__RateLimits__$option=1000000000")
done < <(grep -aoE '[A-Z][A-Za-z]*PerMinute' "$work/web/Minxin.Web.dll" | sort -u)
(( ${#limits[@]} > 0 )) && echo "Rate limits lifted: $(printf '%s ' "${limits[@]}" | grep -oE 'Minxin__[A-Za-z]+PerMinute' | tr '\n' ' ')"

unit_names=(区教育局 区卫健委 区民政局 区住建委 区城管委 区人社局 区文旅局 区农业农村委)
items=$(python3 - "$root/programs/$program.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
for c in p["categories"]:
    for i in c["items"]:
        print(f'{p["id"]}-{c["number"]:02d}-{i["number"]}')
PY
)
item_count=$(wc -l <<<"$items")
rounds=$(( warmup_rounds + (reports + item_count - 1) / item_count ))

# wrk_summary FILE → "req/s p50 p99 errors" (errors: non-2xx/3xx answers plus socket errors and timeouts)
wrk_summary() {
  awk '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2}
       /Non-2xx/ {err+=$NF} /Socket errors/ {gsub(",", ""); err+=$4+$6+$8+$10}
       END {print rps, p50, p99, err+0}' "$1"
}
# A card request unanswered after 10 s counts as failed (wrk's own default, 2 s, would count slow answers as errors).
wrk_args=(-t1 -c"$wrk_connections" --timeout 10s --latency -H "Accept-Encoding: gzip")

run_provider() {
  local provider=$1 dir="$work/$provider" conn=''
  mkdir -p "$dir/data"
  local db_env=("MINXIN_DATA=$dir/data") app_env=()
  if [[ $provider == postgres ]]; then
    local pg_port; pg_port=$(free_port)
    mkdir -p "$dir/pg" && chown postgres "$dir/pg"
    runuser -u postgres -- "$pg_bin/initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    pg_data="$dir/pg/data"
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/pg/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c fsync=off -c synchronous_commit=off" start >/dev/null
    "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres minxin
    conn="Host=127.0.0.1;Port=$pg_port;Database=minxin;Username=postgres"
    db_env+=(MINXIN_DATABASE=postgres "MINXIN_POSTGRES=$conn")
    # The app turns on inline socket completions for the whole process (PlatformSetup.RunRequestsOnSocketThreads),
    # Npgsql's sockets included: a continuation after a database call then runs on a socket thread, and whatever
    # blocks there (at start, `app.Run()` after `await InitializeDatabaseAsync()`) stops every socket of that thread.
    # As shipped it hung at start in 3 of 4 tries here; so 0 unless PG_INLINE_COMPLETIONS=app asks for the app's own.
    [[ ${PG_INLINE_COMPLETIONS:-0} == app ]] || app_env+=("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=${PG_INLINE_COMPLETIONS:-0}")
    data_version() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d minxin -Atc "select \"DataVersion\" from \"Programs\" where \"Code\" = '$program'"; }
  else
    data_version() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select DataVersion from Programs where Code = ?", (sys.argv[2],)).fetchone()[0])' "$dir/data/minxin.db" "$program"; }
  fi

  local port; port=$(free_port)
  base="http://127.0.0.1:$port"
  card="$base/programs/$program"
  (cd "$work/web" && exec env "${db_env[@]}" "${app_env[@]}" "${limits[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
     dotnet Minxin.Web.dll --urls "$base" >"$dir/app.log" 2>&1) &
  app_pid=$!
  # The first start on an empty database creates the schema and loads the bundled programs.
  local deadline=$(( $(date +%s) + 120 ))
  until curl -fs -m 5 -o /dev/null "$card"; do
    sleep 0.1
    kill -0 "$app_pid" 2>/dev/null || { cat "$dir/app.log"; exit 1; }
    (( $(date +%s) < deadline )) || { echo "[$provider] the app does not answer 120 s after its start"; tail -n 30 "$dir/app.log"; exit 1; }
  done

  stage "$provider" "units, accounts and tokens with the CLI…"
  cli() { (cd "$work/cli" && exec env "${db_env[@]}" dotnet minxin.dll "$@"); }
  # waits for the CLI runs started in the background (pids), shows the log (logs) of any that failed
  wait_all() {
    local failed=0 i=0 pid
    for pid in "${pids[@]}"; do
      wait "$pid" || { failed=1; cat "${logs[$i]}"; }
      i=$((i + 1))
    done
    (( failed == 0 )) || exit 1
  }
  local password; password=$(python3 -c 'import secrets; print("Bench-" + secrets.token_urlsafe(18))')
  local pids=() logs=() i
  for ((i = 0; i < units; i++)); do
    cli units add "${unit_names[i]}" --region "$region" --code "bench-u$i" >"$dir/cli-unit-$i.log" 2>&1 &
    pids+=($!); logs+=("$dir/cli-unit-$i.log")
  done
  wait_all
  pids=() logs=()
  for ((i = 0; i < units; i++)); do
    printf '%s\n' "$password" | cli users add "bench-reporter-$i" --role reporter --region "$region" --unit "bench-u$i" --password-stdin >"$dir/cli-user-$i.log" 2>&1 &
    pids+=($!); logs+=("$dir/cli-user-$i.log")
  done
  printf '%s\n' "$password" | cli users add bench-coordinator --role coordinator --region "$region" --password-stdin >"$dir/cli-user-c.log" 2>&1 &
  pids+=($!); logs+=("$dir/cli-user-c.log")
  wait_all
  pids=() logs=()
  for ((i = 0; i < units; i++)); do
    cli tokens create "bench-reporter-$i" --label benchmark >"$dir/token-$i.txt" 2>"$dir/cli-token-$i.log" &
    pids+=($!); logs+=("$dir/cli-token-$i.log")
  done
  cli tokens create bench-coordinator --label benchmark >"$dir/token-c.txt" 2>"$dir/cli-token-c.log" &
  pids+=($!); logs+=("$dir/cli-token-c.log")
  wait_all
  local tokens="$dir/tokens.tsv"
  (umask 077
   printf 'coordinator\t-\t%s\n' "$(tail -n1 "$dir/token-c.txt")" >"$tokens"
   for ((i = 0; i < units; i++)); do printf 'reporter\t%s\t%s\n' "${unit_names[i]}" "$(tail -n1 "$dir/token-$i.txt")" >>"$tokens"; done)
  local coordinator; coordinator=$(tail -n1 "$dir/token-c.txt")

  stage "$provider" "$item_count items to $units units, $rounds rounds…"
  # api ARGS… : a coordinator's call; anything but a 2xx shows the answer and ends the run
  api() {
    local code
    code=$(curl -sS -m 60 -o "$dir/answer.json" -w '%{http_code}' -H "Authorization: Bearer $coordinator" -H "Content-Type: application/json" "$@") || true
    [[ $code == 2?? ]] || { echo "${code:-no answer} from curl $*:"; cat "$dir/answer.json" 2>/dev/null; echo; tail -n 30 "$dir/app.log"; exit 1; }
  }
  i=0
  while read -r item; do
    api -X PATCH --data "{\"leadUnit\":\"${unit_names[i % units]}\"}" "$base/api/v1/workspace/items/$item"
    i=$((i + 1))
  done <<<"$items"
  # Distinct as-of dates, one a day from 2025-07-01 (after the bundled reports of 2025-06-30), due a week later.
  while read -r as_of due; do
    api --data "{\"title\":\"基准测试 $as_of\",\"asOf\":\"$as_of\",\"dueDate\":\"$due\"}" "$base/api/v1/workspace/programs/$program/rounds"
  done < <(python3 -c 'import datetime, sys
start = datetime.date(2025, 7, 1)
for k in range(int(sys.argv[1])):
    d = start + datetime.timedelta(days=k)
    print(d.isoformat(), (d + datetime.timedelta(days=7)).isoformat())' "$rounds")

  if [[ $use_wrk == 1 ]]; then
    stage "$provider" "the card alone: wrk -t1 -c$wrk_connections -d${wrk_seconds}s, gzip (after 3 s of warm-up)"
    wrk "${wrk_args[@]}" -d3s "$card" >/dev/null
    local ticks; ticks=$(cpu_ticks "$app_pid")
    wrk "${wrk_args[@]}" -d"${wrk_seconds}s" "$card" >"$dir/wrk-alone.txt"
    printf '%s\talone\t%s\t%s\t%s\n' "$provider" "$(wrk_summary "$dir/wrk-alone.txt" | tr ' ' '\t')" "$(( $(cpu_ticks "$app_pid") - ticks ))" "$wrk_seconds" >>"$work/wrk.tsv"
  fi

  local version_before; version_before=$(data_version)
  stage "$provider" "load: $reports reports, $concurrency workers (load average $(load))"
  local phase='' phase_ticks=0 phase_started=0 line
  # The driver's output comes in on $from; it starts each step once it reads a line on $to (after wrk has started).
  local from to
  coproc DRIVER { cd "$work/driver" && exec dotnet Minxin.Workspace.LoadDriver.dll --url "$base" --tokens "$tokens" --program "$program" \
    --reports "$reports" --concurrency "$concurrency" --warmup-rounds "$warmup_rounds" --tsv "$work/driver.tsv" --label "$provider" 2>&1; }
  driver_pid=$DRIVER_PID
  exec {from}<&"${DRIVER[0]}" {to}>&"${DRIVER[1]}" # copies: bash closes the coprocess's own when it ends
  while IFS= read -r line <&"$from"; do
    case $line in
      "@phase-start "*)
        phase=${line#@phase-start }
        phase_ticks=$(cpu_ticks "$app_pid"); phase_started=$(date +%s%N)
        if [[ $use_wrk == 1 ]]; then
          # wrk itself, not a subshell, so that SIGINT reaches it: it then stops and prints what it measured
          wrk "${wrk_args[@]}" -d3600s "$card" >"$dir/wrk-$phase.txt" 2>&1 &
          wrk_pid=$!
        fi
        printf 'go\n' >&"$to"
        ;;
      "@phase-end "*)
        local seconds; seconds=$(python3 -c "print(($(date +%s%N) - $phase_started) / 1e9)")
        if [[ -n $wrk_pid ]]; then
          kill -INT "$wrk_pid"; wait "$wrk_pid" || true; wrk_pid=''
          printf '%s\t%s\t%s\t%s\t%s\n' "$provider" "$phase" "$(wrk_summary "$dir/wrk-$phase.txt" | tr ' ' '\t')" "$(( $(cpu_ticks "$app_pid") - phase_ticks ))" "$seconds" >>"$work/wrk.tsv"
        else
          printf '%s\t%s\t-\t-\t-\t0\t%s\t%s\n' "$provider" "$phase" "$(( $(cpu_ticks "$app_pid") - phase_ticks ))" "$seconds" >>"$work/wrk.tsv"
        fi
        ;;
      *) printf '  %s\n' "$line" ;;
    esac
  done
  exec {from}<&- {to}>&-
  local status=0
  wait "$driver_pid" || status=$?
  driver_pid=''
  local version_after; version_after=$(data_version)
  local approvals=$(( reports + warmup_rounds * item_count ))
  printf '%s\t%s\t%s\n' "$provider" "$(( version_after - version_before ))" "$approvals" >>"$work/versions.tsv"
  echo "[$provider] the program's data version moved by $(( version_after - version_before )) for $approvals approvals (load average $(load))"
  stop_app
  stop_postgres
  (( status == 0 )) || { echo "[$provider] the driver failed (exit $status); the app's log:"; tail -n 50 "$dir/app.log"; exit 1; }
}

for provider in $providers; do
  run_provider "$provider"
done

python3 - "$work/driver.tsv" "$work/wrk.tsv" "$work/versions.tsv" "$results/workspace-latest.md" "$reports" "$concurrency" "$wrk_connections" "$(nproc)" "$(( $(date +%s) - started_at ))" "$(load)" <<'PY'
import os, sys
driver_file, wrk_file, versions_file, out, reports, concurrency, connections, cores, seconds, load = sys.argv[1:]
names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
rows, providers = {}, []
for line in open(driver_file):
    label, op, count, rps, p50, p99, mx, err, skipped, first, last = line.rstrip("\n").split("\t")
    if label not in providers:
        providers.append(label)
    rows[(label, op)] = (f"{float(rps):,.1f} ({float(first):,.0f} → {float(last):,.0f})", f"{p50} ms", f"{p99} ms", str(int(err) + int(skipped)))
cpu = {}
tick = os.sysconf("SC_CLK_TCK")
if os.path.exists(wrk_file):
    for line in open(wrk_file):
        label, phase, rps, p50, p99, err, ticks, secs = line.rstrip("\n").split("\t")
        cpu[(label, phase)] = int(ticks) / tick / float(secs)
        if rps != "-":
            rows[(label, "card " + phase)] = (f"{float(rps):,.0f}", p50, p99, err)
errors = sum(int(v[3]) for v in rows.values())
ops = ["create", "submit", "approve"]
cards = ["card alone", "card create", "card submit", "card approve"]
titles = {"create": "create (reporter)", "submit": "submit (reporter)", "approve": "approve (coordinator)",
          "card alone": "public card, alone", "card create": "public card, during create", "card submit": "public card, during submit",
          "card approve": "public card, during approve"}
head = "| what | " + " | ".join(f"{names.get(p, p)} req/s | p50 | p99 | errors" for p in providers) + " |"
lines = [f"{reports} reports, {concurrency} workers; card: wrk -t1 -c{connections}, gzip; {cores} cores shared by server, driver and wrk.",
         "Steps: req/s over the step (over its first → last quarter); p50/p99 per request.", "",
         head, "|---|" + "---|---|---|---|" * len(providers)]
for key in ops + cards:
    if any((p, key) in rows for p in providers):
        lines.append(f"| {titles[key]} | " + " | ".join(" | ".join(rows.get((p, key), ("-",) * 4)) for p in providers) + " |")
lines.append("")
for p in providers:
    busy = ", ".join(f"{ph} {cpu[(p, ph)]:.2f}" for ph in ["alone"] + ops if (p, ph) in cpu)
    lines.append(f"- {names.get(p, p)}: server CPU in cores, {busy}")
if os.path.exists(versions_file):
    for line in open(versions_file):
        label, moved, approvals = line.split()
        note = "" if moved == approvals else f" ({int(approvals) - int(moved)} increments lost to concurrent approvals)"
        lines.append(f"- {names.get(label, label)}: the program's data version moved by {moved} for {approvals} approvals{note}")
lines.append(f"- {errors} failed requests; {seconds} s in all; load average at the end {load}")
text = "\n".join(lines)
print(text)
open(out, "w", encoding="utf-8").write(text + "\n")
sys.exit(1 if errors else 0)
PY
