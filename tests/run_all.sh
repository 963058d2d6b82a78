#!/usr/bin/env bash
# Runs every test of tlsready from one command (the README's test command; CI runs it too):
#   1. native build with warnings as errors; Catch2 unit tests and fuzz-corpus replay (ctest)
#   2. the lab (tests/lab) started; Catch2 integration tests scan it
#   3. an ASan+UBSan build of the native tests, unit + integration tests and corpus replay
#   4. a short libFuzzer run of each codec fuzzer (clang-14)
#   5. the Windows registry room cross-built with mingw-w64 and tested under Wine (live reader)
#   6. the PowerShell harness (.NET host of the real engine) and its *.Tests.ps1
#   7. the Python package installed into .venv (pip, offline); the README demo; pytest (CLI, API,
#      schema, policy, remediation scripts run in the real PowerShell engine)
# Installs its Debian packages first (.ci/install-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jobs="${TLSREADY_JOBS:-$(nproc)}"
lab_dir="${TLSREADY_LAB_DIR:-$root/build/lab}"

step() { printf '\n=== %s ===\n' "$*"; }

step "dependencies"
bash .ci/install-deps.sh

step "native build (-Werror)"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSREADY_WERROR=ON >/dev/null
cmake --build build/release -j "$jobs"

step "native unit tests"
(cd build/release && ctest --output-on-failure -E native_integration)

step "lab"
python3 tests/lab/lab.py stop --dir "$lab_dir" >/dev/null 2>&1 || true
python3 tests/lab/lab.py start --dir "$lab_dir"
trap 'python3 tests/lab/lab.py stop --dir "$lab_dir" >/dev/null 2>&1 || true' EXIT
export TLSREADY_LAB_DIR="$lab_dir"

step "native integration tests (scan the lab)"
(cd build/release && ctest --output-on-failure -R native_integration)


step "ASan+UBSan native tests"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DTLSREADY_SANITIZE=ON >/dev/null
cmake --build build/asan -j "$jobs"
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure)

step "libFuzzer on the codec and the .reg parser (${TLSREADY_FUZZ_SECONDS:-30} s per fuzzer, corpus copied)"
CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSREADY_FUZZ=ON >/dev/null
cmake --build build/fuzz -j "$jobs" --target fuzz_server_flight fuzz_record_reader fuzz_reg_file
for fuzzer in fuzz_server_flight fuzz_record_reader fuzz_reg_file; do
  work="build/fuzz/corpus-$fuzzer"
  mkdir -p "$work"
  build/fuzz/tests/fuzz/$fuzzer -max_total_time="${TLSREADY_FUZZ_SECONDS:-30}" -print_final_stats=1 \
    "$work" "tests/fuzz/corpus/$fuzzer" 2>&1 | tail -n 3
done

step "python package (offline install into .venv)"
bash tests/python/install_venv.sh
step "Windows live registry reader: mingw-w64 cross-build, tests under Wine"
bash tests/windows/run_wine_tests.sh

step "PowerShell engine tests (real System.Management.Automation host)"
bash tests/powershell/run.sh run-tests

step "README quick start: the demo scan of the lab"
bash tests/lab/demo.sh --stop > build/demo.log 2>&1 || { cat build/demo.log; exit 1; }
grep -c "^  Protocols" build/demo.log | xargs printf 'demo: %s endpoints scanned\n'
step "pytest (last, so its summary closes the run)"
.venv/bin/python -m pytest -q tests/python
