#!/usr/bin/env bash
# Whole-process start-up of the bounceback tool: publishes a ReadyToRun build and times `bounceback explain 5.1.1`
# (and a few neighbours) with hyperfine. Usage: bench/startup.sh [runs]   (installs hyperfine with apt-get when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
out=${BOUNCEBACK_PUBLISH_DIR:-/tmp/bounceback-startup}
if ! command -v hyperfine >/dev/null; then
  apt-get install -y hyperfine >/dev/null 2>&1 || sudo apt-get install -y hyperfine >/dev/null
fi
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
dotnet publish src/Bounceback.Cli -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$out" -v:q -nologo >/dev/null
exe="$out/bounceback"
"$exe" explain 5.1.1 >/dev/null
hyperfine --warmup 3 --runs "$runs" --shell=none \
  "$exe explain 5.1.1" \
  "$exe explain --json 5.1.1" \
  "$exe explain --lang nl 550 5.7.26 unauthenticated" \
  "$exe codes 0x800CCC0E"
