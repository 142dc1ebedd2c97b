#!/usr/bin/env bash
# Publishes bounceback as one Native AOT executable for linux-x64 (no .NET runtime needed to run it): the same build
# the linux-x64 tool package carries (scripts/pack-tool.sh), as a plain executable.
#   scripts/publish-native.sh [output-dir]     (default: artifacts/native/publish)
# Not part of CI. Needs a C toolchain: clang, or gcc (the
# ILCompiler falls back to gcc when clang is missing), plus zlib1g-dev. Takes 4-6 minutes on the shared build
# machine. Builds in its own artifacts directory so the AOT settings never mix with the ordinary build's output.
# docs/performance.md has the start-up figures and the list of trim/AOT warnings.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/artifacts/native/publish}
command -v clang >/dev/null || command -v gcc >/dev/null \
  || { echo "publish-native: needs clang or gcc (apt-get install clang zlib1g-dev)" >&2; exit 1; }
dotnet publish "$root/src/Bounceback.Cli" -c Release -r linux-x64 \
  -p:BouncebackNative=true \
  --artifacts-path "$root/artifacts/native" -o "$out" -nologo -v:q
"$out/bounceback" explain 5.1.1 | grep -q . || { echo "publish-native: the native build printed nothing for explain 5.1.1" >&2; exit 1; }
echo "native executable: $out/bounceback ($(du -h "$out/bounceback" | cut -f1))"
