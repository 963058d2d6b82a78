#!/usr/bin/env bash
# Builds the TlsReady PowerShell module folder, ready to Import-Module or to copy into a
# PSModulePath folder:
#
#   powershell/build.sh [--native-dir DIR] [--out DIR] [--win-dll PATH | --windows-dir DIR | --no-win-dll]
#
#   OUT/TlsReady.psd1, TlsReady.format.ps1xml, TlsReady.dll (netstandard2.0),
#   OUT/en-US/TlsReady.dll-Help.xml (MAML, from powershell/make_help.py),
#   OUT/runtimes/linux-x64/native/libtlsready.so   (from the CMake build dir)
#   OUT/runtimes/win-x64/native/tlsready.dll       (the win-x64 cross build's, when there is one)
#
# Defaults: --native-dir build/release (configured and built with
# `cmake --build build/release -j2 --target tlsready`), --out build/powershell/TlsReady.
# win-x64: --win-dll PATH (or TLSREADY_WIN_DLL) names tlsready.dll; without it the cross build's is
# taken when --windows-dir (default build/windows, what tests/windows/run_wine_tests.sh builds, or
# `cmake --build build/windows -j2 --target tlsready` after the README's cross configure) has one.
# Its export table must be the symbol ledger (tests/capi/check_abi_ledgers.py): a stale DLL is an
# error when named, and left out with a warning when found (tests/powershell/ModuleRuntimes.Tests.ps1
# then fails). --no-win-dll ships linux-x64 only.
# Needs the .NET SDK and the NuGet feed for PowerShellStandard.Library 5.1.1 (restored once into
# ~/.nuget/packages); nothing else from the network. A no-op rebuild takes a few seconds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
native_dir="$repo/build/release"
out="$repo/build/powershell/TlsReady"
win_dll="${TLSREADY_WIN_DLL:-}"
windows_dir="$repo/build/windows"
while [ $# -gt 0 ]; do
  case "$1" in
    --native-dir) native_dir="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --win-dll) win_dll="$2"; shift 2 ;;
    --windows-dir) windows_dir="$2"; shift 2 ;;
    --no-win-dll) windows_dir=""; win_dll=""; shift ;;
    *) echo "powershell/build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

so="$native_dir/native/src/capi/libtlsready.so"
if [ ! -f "$so" ]; then
  echo "powershell/build.sh: $so not found; build it first: cmake --build $native_dir -j2 --target tlsready" >&2
  exit 2
fi
found_dll=0
if [ -z "$win_dll" ] && [ -n "$windows_dir" ] && [ -f "$windows_dir/native/src/capi/tlsready.dll" ]; then
  win_dll="$windows_dir/native/src/capi/tlsready.dll"
  found_dll=1
fi
if [ -n "$win_dll" ]; then
  if [ ! -f "$win_dll" ]; then
    echo "powershell/build.sh: --win-dll $win_dll: no such file" >&2
    exit 2
  fi
  if ! ledger="$(python3 "$repo/tests/capi/check_abi_ledgers.py" "$repo" "$win_dll" 2>&1)"; then
    printf '%s\n' "$ledger" >&2
    echo "powershell/build.sh: $win_dll does not export the symbol ledger's functions (a stale build? rebuild" \
      "it: cmake --build build/windows -j2 --target tlsready; or leave it out: --no-win-dll)" >&2
    # named by the caller: an error; found in the cross-build folder: left out (the module tests say so)
    [ "$found_dll" = 1 ] || exit 2
    echo "powershell/build.sh: building the module without runtimes/win-x64" >&2
    win_dll=""
  fi
fi
version="$(tr -d '[:space:]' < "$repo/VERSION")"

project="$here/TlsReady/src/TlsReady.csproj"
log="$here/TlsReady/src/obj/build.log"
mkdir -p "$here/TlsReady/src/obj"
if ! dotnet build "$project" -c Release -nologo -v q -p:Version="$version" >"$log" 2>&1; then
  cat "$log" >&2
  echo "powershell/build.sh: building TlsReady.dll failed (log: $log)" >&2
  exit 2
fi

rm -rf "$out"
mkdir -p "$out/runtimes/linux-x64/native" "$out/en-US"
cp "$here/TlsReady/src/bin/Release/netstandard2.0/TlsReady.dll" "$out/"
sed "s/^\(    ModuleVersion *= *\)'[^']*'/\1'$version'/" "$here/TlsReady/TlsReady.psd1" > "$out/TlsReady.psd1"
cp "$here/TlsReady/TlsReady.format.ps1xml" "$out/"
python3 "$here/make_help.py" > "$out/en-US/TlsReady.dll-Help.xml"
cp -L "$so" "$out/runtimes/linux-x64/native/libtlsready.so"
# the debug info of a RelWithDebInfo build is ~50 MB; the module ships without it
if command -v strip >/dev/null 2>&1; then strip --strip-debug "$out/runtimes/linux-x64/native/libtlsready.so"; fi
if [ -n "$win_dll" ]; then
  mkdir -p "$out/runtimes/win-x64/native"
  cp "$win_dll" "$out/runtimes/win-x64/native/tlsready.dll"
  # the cross build's DLL carries its COFF symbol table (19 MB; 6.5 MB without, --strip-debug keeps
  # it); the export table stays. binutils' strip reads PE too.
  win_strip="$(command -v x86_64-w64-mingw32-strip || command -v strip || true)"
  if [ -n "$win_strip" ]; then "$win_strip" --strip-all "$out/runtimes/win-x64/native/tlsready.dll"; fi
fi
echo "$out"
