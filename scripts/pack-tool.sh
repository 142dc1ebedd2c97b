#!/usr/bin/env bash
# Packs the bounceback dotnet tool, installs it from the packed files into a scratch tool path, and smoke-runs it.
#   scripts/pack-tool.sh [package-dir]     (default: artifacts/tool; the install goes to a temporary directory)
# Three packages (see src/Bounceback.Cli/Bounceback.Cli.csproj):
#   Bounceback.<v>.nupkg             the one users name in `dotnet tool install`; it only lists the two below
#   Bounceback.linux-x64.<v>.nupkg   one Native AOT executable, no .NET runtime needed
#   Bounceback.any.<v>.nupkg         portable IL, run by `dotnet`, for every platform without a package of its own
# The native package can only be made on linux-x64, with a C toolchain (gcc or clang, and zlib1g-dev). On any other
# machine the script packs what a plain `dotnet pack` makes: the same three, with ReadyToRun code for linux-x64.
# Prints where the tool is installed (BOUNCEBACK_TOOL_DIR=...) so bench/startup.sh can time it. Exits non-zero on any
# failure. Takes 4-8 minutes on the shared build machine, most of it the native compile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pkgdir=$(mkdir -p "${1:-$root/artifacts/tool}" && cd "${1:-$root/artifacts/tool}" && pwd)
tooldir=${BOUNCEBACK_TOOL_DIR:-$(mktemp -d /tmp/bounceback-tool.XXXXXX)}
version=$(dotnet msbuild "$root/src/Bounceback.Cli" -getProperty:Version -nologo)

rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
rm -f "$pkgdir"/Bounceback.*"$version".nupkg
# A package takes what its publish directory holds; start from empty ones so no file of an earlier build rides along.
rm -rf "$root"/src/Bounceback.Cli/bin/Release/net10.0/*/publish
pack() { dotnet pack "$root/src/Bounceback.Cli" -c Release -o "$pkgdir" -v:q -nologo "$@" >/dev/null; }
if [ "$rid" = linux-x64 ]; then
  command -v clang >/dev/null || command -v gcc >/dev/null \
    || { echo "pack-tool: the native package needs clang or gcc (apt-get install gcc zlib1g-dev)" >&2; exit 1; }
  # With Native AOT on, each package is its own pack: the primary one, then one per runtime identifier.
  pack -p:BouncebackNative=true
  pack -p:BouncebackNative=true -r any
  pack -p:BouncebackNative=true -r linux-x64
else
  pack
fi
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

# On linux-x64 the installed command must be the native package's executable, with no managed assemblies beside it.
if [ "$rid" = linux-x64 ]; then
  target=$(readlink -f "$exe")
  case "$target" in
    */tools/*/linux-x64/bounceback) ;;
    *) echo "pack-tool: expected the linux-x64 package, got $target" >&2; exit 1 ;;
  esac
  if ls "$(dirname "$target")"/*.dll >/dev/null 2>&1; then
    echo "pack-tool: the linux-x64 package holds managed assemblies; expected one Native AOT executable" >&2; exit 1
  fi
  # The native executable must answer exactly as the portable package does (explain, codes, parse, check, serve).
  "$root/scripts/compare-builds.sh" "dotnet $anydir/tools/net10.0/any/bounceback.dll" "$exe"
fi
echo "BOUNCEBACK_TOOL_DIR=$tooldir"
