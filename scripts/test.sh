#!/usr/bin/env bash
# Runs every test of the repository: builds with warnings as errors, starts what the tests need
# (each scripts/services/*.sh installs and starts one thing on 127.0.0.1, and stops it afterwards),
# runs all test projects and prints one closing line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export BOUNCEBACK_TEST_STATE="${BOUNCEBACK_TEST_STATE:-$root/.tmp/test-state}"
mkdir -p "$BOUNCEBACK_TEST_STATE"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

services=()
stop_services() {
  for s in "${services[@]}"; do bash "$s" stop || true; done
}
trap stop_services EXIT
for s in scripts/services/*.sh; do
  [ -e "$s" ] || continue
  echo "== starting $(basename "$s" .sh)"
  bash "$s" start
  services+=("$s")
done

echo "== build"
dotnet build Bounceback.slnx -c Release -warnaserror -nologo -v:q

echo "== test"
log="$BOUNCEBACK_TEST_STATE/test-output.txt"
set +e
dotnet test Bounceback.slnx -c Release --no-build -nologo -v:q "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed"
exit "$status"
