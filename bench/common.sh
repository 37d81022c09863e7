# Shared by bench/run.sh and bench/flood.sh (sourced): tools, the app published in Release, apps on loopback ports.
# Needs $root. Makes $work, a scratch folder removed on exit with every app and nginx it started.

work=$(mktemp -d /tmp/minxin-bench.XXXXXX)
chmod 755 "$work" # nginx workers run as another user
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# need_tools TOOL… → installs the missing ones from apt
need_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "Installing $tool…"; apt-get install -y -qq "$tool" >/dev/null; }
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# publish → the app in Release in $work/web (or the build named by MINXIN_BENCH_APP, e.g. an older commit's, to compare)
publish() {
  if [[ -n ${MINXIN_BENCH_APP:-} ]]; then
    cp -r "$MINXIN_BENCH_APP" "$work/web"
    return
  fi
  echo "Publishing Minxin.Web (Release)…"
  dotnet publish "$root/src/Minxin.Web" -c Release -o "$work/web" --nologo -v quiet >/dev/null
}

# start_app NAME [VARIABLE=value…] → sets app_port, app_pid; a fresh SQLite database; wrk is one client address, so
# the per-address rate limit is lifted unless a variable sets it
start_app() {
  local name=$1
  shift
  app_port=$(free_port)
  mkdir -p "$work/data-$name"
  (cd "$work/web" && exec env MINXIN_DATA="$work/data-$name" Minxin__PublicRequestsPerMinute=2000000000 ASPNETCORE_ENVIRONMENT=Production \
     Logging__LogLevel__Default=Warning "$@" dotnet Minxin.Web.dll --urls "http://127.0.0.1:$app_port" >"$work/$name.log" 2>&1) &
  app_pid=$!
  pids+=("$app_pid")
  local started=$(date +%s%N)
  until curl -fs -o /dev/null "http://127.0.0.1:$app_port/programs/jinnan-2025"; do
    sleep 0.05
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/$name.log"; exit 1; }
  done
  echo "$name app on :$app_port serves the card $(( ($(date +%s%N) - started) / 1000000 )) ms after start"
}

# cpu_ticks PID → utime+stime of the process and its threads, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# rss_mb PID → resident set size in MB
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
