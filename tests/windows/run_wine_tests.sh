#!/usr/bin/env bash
# Windows cross-build check: builds the winreg room and its Catch2 tests for x86_64 Windows
# with mingw-w64, writes known values into a Wine prefix's registry with `wine reg add`, and
# runs the tests under Wine (headless: no X server, no display). See tests/windows/README.md.
#
#   tests/windows/run_wine_tests.sh [Catch2 arguments, e.g. "[wine]" or -s]
#
# Installs what is missing with apt-get (needs root or password-less sudo). Writes only
# build/windows (the cross build) and build/wine-prefix (the Wine prefix); leaves the main
# build alone. Exit status: 0 when every test passed, non-zero otherwise.
#
# Environment knobs: TLSREADY_JOBS (build parallelism, default nproc),
# TLSREADY_WINE_TEST_TIMEOUT (seconds for the test run, default 300),
# TLSREADY_APT_TIMEOUT (seconds for apt-get install, default 1200), TLSREADY_WERROR=ON
# (warnings are errors in the cross build).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=$ROOT/build/windows
PREFIX_DIR=$ROOT/build/wine-prefix
JOBS=${TLSREADY_JOBS:-$(nproc)}
TEST_TIMEOUT=${TLSREADY_WINE_TEST_TIMEOUT:-300}
APT_TIMEOUT=${TLSREADY_APT_TIMEOUT:-1200}

STARTED=$SECONDS
say() { printf '[wine-tests %3ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
die() { printf '[wine-tests] error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------
# 1. Packages. Only what is missing, without Recommends: wine64 recommends wine32 (an i386
#    multiarch stack) and libwine recommends X, GL, fonts, GStreamer plugins; none of that is
#    needed for a console program. libwine's hard dependencies (libx11-6, libfreetype6, ...)
#    are plain shared libraries and come along; no X server is installed or started.
# ---------------------------------------------------------------------------------------
packages=(g++-mingw-w64-x86-64-posix wine64 cmake nlohmann-json3-dev catch2)
command -v ninja >/dev/null 2>&1 || command -v make >/dev/null 2>&1 || packages+=(make)
missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  say "installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install ${missing[*]}"
    sudo=(sudo -n)
  fi
  apt_options=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
    -o DPkg::Lock::Timeout=300)
  export DEBIAN_FRONTEND=noninteractive
  timeout --kill-after=30 600 "${sudo[@]}" apt-get update -q -o DPkg::Lock::Timeout=300 ||
    die "apt-get update failed"
  timeout --kill-after=30 "$APT_TIMEOUT" "${sudo[@]}" apt-get install "${apt_options[@]}" "${missing[@]}" ||
    die "apt-get install ${missing[*]} failed"
  say "installed"
else
  say "packages present: ${packages[*]}"
fi

# Debian's wine64 puts its loader in /usr/lib/wine; the optional "wine" package adds
# /usr/bin/wine and friends. Either works for a 64-bit prefix.
WINE_BIN=
for candidate in /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
  if [[ -n $candidate && -x $candidate ]]; then WINE_BIN=$candidate; break; fi
done
[[ -n $WINE_BIN ]] || die "no wine64 loader found (package wine64)"
WINESERVER_BIN=
for candidate in /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver "$(command -v wineserver || true)"; do
  if [[ -n $candidate && -x $candidate ]]; then WINESERVER_BIN=$candidate; break; fi
done
[[ -n $WINESERVER_BIN ]] || die "no wineserver found (package wine64)"

# ---------------------------------------------------------------------------------------
# 2. Cross build (a standalone CMake project: tests/windows/CMakeLists.txt).
# ---------------------------------------------------------------------------------------
mkdir -p "$ROOT/build"
# One run at a time per tree: two runs would share the prefix and the build folder. Wine
# processes get fd 9 closed (9>&-): Wine's helpers (winedevice.exe, wineserver) outlive the
# program that started them and would keep the lock held after a killed run.
exec 9>"$ROOT/build/.wine-tests.lock"
flock -w 900 9 || die "another run_wine_tests.sh holds $ROOT/build/.wine-tests.lock"

configure=(cmake -S "$ROOT/tests/windows" -B "$BUILD_DIR" -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/mingw-w64-x86_64.cmake"
  -DTLSREADY_WERROR="${TLSREADY_WERROR:-OFF}")
if [[ ! -f $BUILD_DIR/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then configure+=(-G Ninja); fi
say "configuring $BUILD_DIR"
timeout --kill-after=10 300 "${configure[@]}" >"$ROOT/build/windows-configure.log" 2>&1 ||
  { cat "$ROOT/build/windows-configure.log" >&2; die "cmake configure failed"; }
say "building with $JOBS jobs"
timeout --kill-after=10 1500 cmake --build "$BUILD_DIR" --parallel "$JOBS" || die "cross build failed"
EXE=$BUILD_DIR/tlsready_windows_tests.exe
[[ -f $EXE ]] || die "$EXE was not built"

# ---------------------------------------------------------------------------------------
# 3. Wine prefix, headless: no DISPLAY (so no windows and no dialogs), no Mono/Gecko
#    install prompts (mscoree/mshtml disabled), no desktop menu entries, no debug chatter.
#    A UTF-8 locale so `wine reg add` turns non-ASCII arguments into the right UTF-16.
# ---------------------------------------------------------------------------------------
unset DISPLAY WAYLAND_DISPLAY WINESERVER WINELOADER WINEDLLPATH
export WINEPREFIX=$PREFIX_DIR
export WINEARCH=win64
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export LC_ALL=C.UTF-8
export HOME=${HOME:-$ROOT/build}

server_started=0
stop_server() {
  if ((server_started)); then
    # Ends this prefix's wineserver (and any leftover process of this prefix, only).
    timeout 30 "$WINESERVER_BIN" -k >/dev/null 2>&1 || true
  fi
}
trap stop_server EXIT

# A prefix is reused only if its creation finished (the marker is written last); a half-made
# one (run killed during wineboot) is made again.
READY_MARKER=$PREFIX_DIR/.tlsready-prefix-ready
if [[ -d $PREFIX_DIR && ! -f $READY_MARKER ]]; then
  timeout 30 "$WINESERVER_BIN" -k >/dev/null 2>&1 || true
  rm -rf "$PREFIX_DIR"
fi
mkdir -p "$PREFIX_DIR"
# A leftover server of this prefix (a run killed before its cleanup) is ended first. Then one
# wineserver for the whole run, so each `wine reg` does not start its own; it exits by itself
# 60 s after its last client should this script be killed before stopping it.
timeout 30 "$WINESERVER_BIN" -k >/dev/null 2>&1 || true
timeout 30 "$WINESERVER_BIN" -p60 9>&- || die "cannot start wineserver for $PREFIX_DIR"
server_started=1
if [[ ! -f $READY_MARKER ]]; then
  say "creating the Wine prefix $PREFIX_DIR"
  timeout --kill-after=10 300 "$WINE_BIN" wineboot --init 9>&- >"$ROOT/build/wine-prefix-init.log" 2>&1 ||
    { cat "$ROOT/build/wine-prefix-init.log" >&2; die "wineboot --init failed"; }
  touch "$READY_MARKER"
else
  say "reusing the Wine prefix $PREFIX_DIR"
fi

# ---------------------------------------------------------------------------------------
# 4. Registry values the [wine] tests read back (live_registry_wine_test.cpp). Old copies
#    are deleted first, so what the tests see was written by this run.
# ---------------------------------------------------------------------------------------
reg() {  # reg <reg.exe arguments...>: fails the run on error, quiet on success
  local out
  if ! out=$(timeout --kill-after=5 60 "$WINE_BIN" reg "$@" 2>&1 9>&-); then
    printf '%s\n' "$out" >&2
    die "wine reg $*"
  fi
}
reg_delete() {  # absent keys/values are fine
  timeout --kill-after=5 60 "$WINE_BIN" reg delete "$@" /f 9>&- >/dev/null 2>&1 || true
}

SCHANNEL='HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL'
DOTNET='HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
DOTNET_WOW='HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319'
CIPHERS='HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002'
SCRATCH='HKLM\SOFTWARE\tlsready-wine-test'
RUN_ID="$(date +%s%N)-$$"
export TLSREADY_WINE_RUN_ID=$RUN_ID

say "writing test values into the Wine registry"
reg_delete "$SCHANNEL\\Protocols"
reg_delete "$CIPHERS"
reg_delete "$SCRATCH"
for value in SchUseStrongCrypto SystemDefaultTlsVersions; do
  reg_delete "$DOTNET" /v "$value"
  reg_delete "$DOTNET" /v "$value" /reg:32
done

reg add "$SCHANNEL\\Protocols\\TLS 1.0\\Server" /v Enabled /t REG_DWORD /d 0 /f
reg add "$SCHANNEL\\Protocols\\TLS 1.0\\Server" /v DisabledByDefault /t REG_DWORD /d 1 /f
reg add "$SCHANNEL\\Protocols\\TLS 1.2\\Client" /v Enabled /t REG_DWORD /d 0xffffffff /f
# The two registry views: /reg:32 and the explicit WOW6432Node path both reach the 32-bit view.
reg add "$DOTNET" /v SchUseStrongCrypto /t REG_DWORD /d 1 /f
reg add "$DOTNET" /v SchUseStrongCrypto /t REG_DWORD /d 0 /f /reg:32
reg add "$DOTNET" /v SystemDefaultTlsVersions /t REG_DWORD /d 1 /f
reg add "$DOTNET_WOW" /v SystemDefaultTlsVersions /t REG_DWORD /d 0 /f
reg add "$CIPHERS" /v Functions /t REG_SZ /f \
  /d 'TLS_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'
reg add "$CIPHERS" /v EccCurves /t REG_MULTI_SZ /d 'NistP384\0curve25519' /f
reg add "$SCRATCH" /v RunId /t REG_SZ /d "$RUN_ID" /f
reg add "$SCRATCH" /v Big /t REG_QWORD /d 0x0123456789abcdef /f
reg add "$SCRATCH" /v Path /t REG_EXPAND_SZ /d '%SystemRoot%\System32' /f
reg add "$SCRATCH" /v Blob /t REG_BINARY /d 0102feff /f
reg add "$SCRATCH" /v Greeting /t REG_SZ /d 'Grüße' /f
reg add "$SCRATCH" /ve /t REG_SZ /d default /f

# ---------------------------------------------------------------------------------------
# 5. The tests. Catch2 prints failures and its summary line; its exit code is the number
#    of failed test cases (0 = all passed), 124 means the time limit was hit.
# ---------------------------------------------------------------------------------------
say "running $(basename "$EXE") under $("$WINE_BIN" --version 2>/dev/null || echo wine)"
set +e
(cd "$ROOT" && timeout --kill-after=10 "$TEST_TIMEOUT" "$WINE_BIN" "$EXE" --use-colour no "$@" 9>&-)
status=$?
set -e
if ((status == 124 || status == 137)); then
  say "FAILED: the tests did not finish within ${TEST_TIMEOUT}s"
elif ((status != 0)); then
  say "FAILED (exit status $status)"
else
  say "passed"
fi
exit "$status"
