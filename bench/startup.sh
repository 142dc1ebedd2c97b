#!/usr/bin/env bash
# Whole-process start-up of the bounceback tool, timed with hyperfine -N:
#  - a ReadyToRun publish (framework-dependent, what bench/scan.sh runs), and
#  - the dotnet tool as users get it: packed and installed with scripts/pack-tool.sh (on linux-x64 that is the
#    ReadyToRun package; elsewhere the portable IL package).
# Usage: bench/startup.sh [runs]   (default 30; installs hyperfine with apt-get when missing)
#   BOUNCEBACK_PUBLISH_DIR  where to publish (default /tmp/bounceback-startup)
#   BOUNCEBACK_TOOL_DIR     an already installed tool path to time instead of packing again
#   BOUNCEBACK_SKIP_TOOL=1  time the publish only
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

commands=("$exe --version" "$exe explain 5.1.1" "$exe explain --json 5.1.1"
  "$exe explain --lang nl 550 5.7.26 unauthenticated" "$exe codes 0x800CCC0E")
if [ "${BOUNCEBACK_SKIP_TOOL:-}" != 1 ]; then
  tooldir=${BOUNCEBACK_TOOL_DIR:-}
  if [ -z "$tooldir" ] || [ ! -x "$tooldir/bounceback" ]; then
    pkgdir=$(mktemp -d /tmp/bounceback-pack.XXXXXX)
    tooldir=$(scripts/pack-tool.sh "$pkgdir" | sed -n 's/^BOUNCEBACK_TOOL_DIR=//p')
  fi
  echo "installed tool: $(readlink -f "$tooldir/bounceback")"
  commands+=("$tooldir/bounceback --version" "$tooldir/bounceback explain 5.1.1")
fi
hyperfine --warmup 3 --runs "$runs" --shell=none "${commands[@]}"
