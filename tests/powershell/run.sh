#!/usr/bin/env bash
# The real-PowerShell test harness: builds tests/powershell/host (a .NET 10 console app hosting
# System.Management.Automation 7.6, the PowerShell engine) when its sources changed, then runs it.
#
#   tests/powershell/run.sh                      run tests/powershell/*.Tests.ps1 (same as: run-tests)
#   tests/powershell/run.sh build                build only (idempotent; a no-op when up to date)
#   tests/powershell/run.sh run-tests [DIR] [--filter TEXT]
#   tests/powershell/run.sh run-script FILE [--whatif] [--confirm-no] [--confirm-answer L] [--param N=V] ...
#   tests/powershell/run.sh help FILE            Get-Help -Full of a script, as JSON
#   tests/powershell/run.sh lint FILE            registry access outside ShouldProcess, as JSON
#
# run-tests first rebuilds the TlsReady module (powershell/build.sh) when it is out of date.
# Needs only the .NET 10 SDK; the first build restores System.Management.Automation and its
# dependencies from the configured NuGet feed into ~/.nuget/packages (or $NUGET_PACKAGES).
# Build output stays in tests/powershell/host/{bin,obj}; build messages go to stderr, so stdout
# carries only the host's JSON (or the test listing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$here/host/TlsReady.TestHost.csproj"
dll="$here/host/bin/Release/net10.0/TlsReady.TestHost.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off

if ! command -v dotnet >/dev/null 2>&1; then
  echo "tests/powershell/run.sh: dotnet not found; install the .NET 10 SDK" >&2
  exit 127
fi

stale() {
  [ -f "$dll" ] || return 0
  [ -n "$(find "$here/host" "$here/lib" -path "$here/host/bin" -prune -o -path "$here/host/obj" -prune -o \
           \( -name '*.cs' -o -name '*.csproj' -o -name '*.psm1' -o -name '*.props' -o -name '*.targets' \) \
           -newer "$dll" -print -quit)" ]
}

build() {
  stale || return 0
  mkdir -p "$here/host/obj"
  # one build at a time (pytest workers, CI steps); the second waits, then finds it up to date
  exec 9>"$here/host/obj/.run-sh.lock"
  flock 9
  if stale; then
    local log="$here/host/obj/build.log"
    if ! dotnet build "$project" -c Release -nologo -v q >"$log" 2>&1; then
      cat "$log" >&2
      echo "tests/powershell/run.sh: building the PowerShell test host failed (log: $log)" >&2
      exit 2
    fi
    touch "$dll"  # an unchanged DLL is not rewritten; mark it current so the next check is quick
  fi
  exec 9>&-
}

# The TlsReady module (powershell/build.sh -> build/powershell/TlsReady) that the *.Tests.ps1 import:
# rebuilt before run-tests when its sources, build/release's libtlsready or the win-x64 cross build's
# tlsready.dll (build/windows) are newer than it, so the
# tests never run against a stale module. TLSREADY_PS_MODULE (a module folder built elsewhere) skips this.
module_stale() {
  local repo="$here/../.." dll="$here/../../build/powershell/TlsReady/TlsReady.dll"
  [ -f "$dll" ] || return 0
  [ -n "$(find "$repo/powershell" "$repo/build/release/native/src/capi/libtlsready.so" "$repo/VERSION" \
           "$repo/build/windows/native/src/capi/tlsready.dll" \
           -path "$repo/powershell/TlsReady/src/bin" -prune -o -path "$repo/powershell/TlsReady/src/obj" -prune -o \
           -type f -newer "$dll" -print -quit 2>/dev/null)" ]
}

build_module() {
  [ -z "${TLSREADY_PS_MODULE:-}" ] || return 0
  [ -f "$here/../../build/release/native/src/capi/libtlsready.so" ] || return 0  # the tests say how to build it
  module_stale || return 0
  mkdir -p "$here/../../build/powershell"
  exec 8>"$here/../../build/powershell/.build.lock"
  flock 8
  if module_stale; then
    bash "$here/../../powershell/build.sh" >&2 || { echo "tests/powershell/run.sh: building the TlsReady module failed" >&2; exit 2; }
  fi
  exec 8>&-
}

build
cmd="${1:-run-tests}"
[ $# -gt 0 ] && shift
case "$cmd" in
  build) ;;
  run-tests)
    build_module
    if [ $# -eq 0 ] || [ "${1#--}" != "$1" ]; then set -- "$here" "$@"; fi
    exec dotnet "$dll" run-tests "$@" ;;
  *) exec dotnet "$dll" "$cmd" "$@" ;;
esac
