#!/usr/bin/env bash
# Runs every test: installs what the tests need, starts a throwaway PostgreSQL on a loopback port,
# runs all test projects, and prints a closing line "N passed, N failed". Exit code 0 only if all passed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results="$root/TestResults"
artifacts="$root/test-artifacts"
rm -rf "$results" && mkdir -p "$results" "$artifacts"

# 1. System packages the browser tests need (Debian): Chromium and a CJK font. Installed once.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if ((${#need[@]})); then
  echo "Installing ${need[*]}…"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. A throwaway PostgreSQL server (initdb refuses root, so it runs as the postgres user when we are root).
pg_bin=$(dirname "$(readlink -f "$(command -v postgres)")")
pg_dir=$(mktemp -d /tmp/minxin-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export MINXIN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# 3. Every test project in the solution. Browser tests write screenshots to test-artifacts/.
export MINXIN_TEST_ARTIFACTS="$artifacts"
status=0
# A test that hangs is stopped after 10 minutes and counted as failed, so a run ends well inside the CI limit.
dotnet test Minxin.slnx --logger "trx" --results-directory "$results" --blame-hang-timeout 10m --blame-hang-dump-type none "$@" || status=$?

# 4. The closing line, summed over the TRX file of each project.
read -r passed failed < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
print(passed, failed)
PY
)
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi  # a build or run failure with no TRX still fails
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
