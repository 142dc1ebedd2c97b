#!/usr/bin/env bash
# Whole-process start-up of the bounceback tool, timed with hyperfine -N:
#  - a ReadyToRun publish (framework-dependent, JIT-based: what a plain `dotnet pack` puts in the linux-x64 package),
#  - the dotnet tool as users get it: packed and installed with scripts/pack-tool.sh (on linux-x64 that is the
#    Native AOT package; elsewhere the portable IL package), and
#  - the portable IL package run with `dotnet`.
# Usage: bench/startup.sh [runs]   (default 30; installs hyperfine with apt-get when missing)
#   BOUNCEBACK_PUBLISH_DIR  where to publish (default /tmp/bounceback-startup)
#   BOUNCEBACK_TOOL_DIR     an already installed tool path to time instead of packing again
#   BOUNCEBACK_SKIP_TOOL=1  time the publish only
#   BOUNCEBACK_NATIVE_EXE   also time this Native AOT executable (from scripts/publish-native.sh)
#   BOUNCEBACK_EXTRA_COMMAND  one more command to time first (a hello-world build as the floor of the machine)
#   BOUNCEBACK_INTERLEAVE=1 time with bench/interleave.py (commands take turns; fairer when the load changes)
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

dsn=tests/fixtures/rfc3464/two-recipients.eml
timed() { local e=$1; commands+=("$e --version" "$e explain 5.1.1" "$e explain --json 5.1.1"
  "$e explain --lang nl 550 5.7.26 unauthenticated" "$e codes 0x800CCC0E" "$e parse --jsonl $dsn"); }
commands=()
timed "$exe"
if [ "${BOUNCEBACK_SKIP_TOOL:-}" != 1 ]; then
  tooldir=${BOUNCEBACK_TOOL_DIR:-}
  if [ -z "$tooldir" ] || [ ! -x "$tooldir/bounceback" ]; then
    pkgdir=$(mktemp -d /tmp/bounceback-pack.XXXXXX)
    tooldir=$(scripts/pack-tool.sh "$pkgdir" | sed -n 's/^BOUNCEBACK_TOOL_DIR=//p')
  fi
  echo "installed tool: $(readlink -f "$tooldir/bounceback")"
  timed "$tooldir/bounceback"
  # The portable IL package, which platforms without a RID-specific package install (run as the dotnet shim does).
  pkg=$(ls "${pkgdir:-/nonexistent}"/Bounceback.any.*.nupkg 2>/dev/null | head -1 || true)
  if [ -n "$pkg" ]; then
    anydir=$(mktemp -d /tmp/bounceback-any.XXXXXX)
    unzip -q "$pkg" -d "$anydir"
    commands+=("dotnet $anydir/tools/net10.0/any/bounceback.dll explain 5.1.1")
  fi
fi
if [ -n "${BOUNCEBACK_NATIVE_EXE:-}" ]; then
  timed "$BOUNCEBACK_NATIVE_EXE"
fi
[ -n "${BOUNCEBACK_EXTRA_COMMAND:-}" ] && commands=("$BOUNCEBACK_EXTRA_COMMAND" "${commands[@]}")
if [ "${BOUNCEBACK_INTERLEAVE:-}" = 1 ]; then
  python3 bench/interleave.py "$runs" "${commands[@]}"
else
  hyperfine --warmup 3 --runs "$runs" --shell=none "${commands[@]}"
fi
