#!/usr/bin/env bash
# Packs the bounceback dotnet tool, installs it from the packed files into a scratch tool path, and smoke-runs it.
#   scripts/pack-tool.sh [package-dir]     (default: artifacts/tool; the install goes to a temporary directory)
# `dotnet pack` writes three packages (see src/Bounceback.Cli/Bounceback.Cli.csproj):
#   Bounceback.<v>.nupkg             the one users name in `dotnet tool install`; it only lists the two below
#   Bounceback.linux-x64.<v>.nupkg   ReadyToRun, framework-dependent, started by a native apphost
#   Bounceback.any.<v>.nupkg         portable IL, run by `dotnet`, for every other platform
# Prints where the tool is installed (BOUNCEBACK_TOOL_DIR=...) so bench/startup.sh can time it. Exits non-zero on any
# failure. Takes one to two minutes on the shared build machine (two publishes, one of them ReadyToRun).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pkgdir=$(mkdir -p "${1:-$root/artifacts/tool}" && cd "${1:-$root/artifacts/tool}" && pwd)
tooldir=${BOUNCEBACK_TOOL_DIR:-$(mktemp -d /tmp/bounceback-tool.XXXXXX)}
version=$(dotnet msbuild "$root/src/Bounceback.Cli" -getProperty:Version -nologo)

rm -f "$pkgdir"/Bounceback.*"$version".nupkg
dotnet pack "$root/src/Bounceback.Cli" -c Release -o "$pkgdir" -v:q -nologo >/dev/null
for id in Bounceback Bounceback.linux-x64 Bounceback.any; do
  [ -f "$pkgdir/$id.$version.nupkg" ] || { echo "pack-tool: $id.$version.nupkg was not produced" >&2; exit 1; }
done

# The portable package must run on its own with `dotnet` (it is what other platforms install).
anydir=$(mktemp -d /tmp/bounceback-any.XXXXXX)
trap 'rm -rf "$anydir"' EXIT
unzip -q "$pkgdir/Bounceback.any.$version.nupkg" -d "$anydir"
dotnet "$anydir/tools/net10.0/any/bounceback.dll" explain 5.1.1 | grep -q . \
  || { echo "pack-tool: the portable (any) package does not run" >&2; exit 1; }

# Install from the packed files only: a package of the same name and version on nuget.org must not stand in for them.
cat > "$anydir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="packed" value="$pkgdir" /></packageSources></configuration>
XML
rm -rf "$tooldir"
dotnet tool install --tool-path "$tooldir" --configfile "$anydir/nuget.config" --version "$version" Bounceback >/dev/null
exe="$tooldir/bounceback"
"$exe" --version
"$exe" explain 5.1.1 | grep -q . || { echo "pack-tool: the installed tool printed nothing for explain 5.1.1" >&2; exit 1; }

# On linux-x64 the installed command must be the ReadyToRun package's native apphost, not the portable IL.
if [ "$(dotnet --info | awk '/RID:/ {print $2; exit}')" = linux-x64 ]; then
  target=$(readlink -f "$exe")
  case "$target" in
    */tools/net10.0/linux-x64/bounceback) ;;
    *) echo "pack-tool: expected the linux-x64 package, got $target" >&2; exit 1 ;;
  esac
  # A ReadyToRun assembly has a non-empty ManagedNativeHeader in its CLI header.
  for dll in bounceback.dll Bounceback.Core.dll; do
    python3 "$root/scripts/is-readytorun.py" "$(dirname "$target")/$dll" \
      || { echo "pack-tool: $dll in the linux-x64 package is not ReadyToRun" >&2; exit 1; }
  done
fi
echo "BOUNCEBACK_TOOL_DIR=$tooldir"
