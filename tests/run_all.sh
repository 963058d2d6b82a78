#!/usr/bin/env bash
# Runs every test of tlsready from one command (the README's test command; CI runs it too):
#   1. native build with warnings as errors; clang-format/clang-tidy on the changed C++
#      (tests/lint_changed.sh); Catch2 unit tests and fuzz-corpus replay (ctest)
#   2. the lab (tests/lab) started; Catch2 integration tests scan it
#   3. an ASan+UBSan build (-Werror) of the native tests, unit + integration tests and corpus replay
#   4. a short libFuzzer run of each codec fuzzer (clang-14, -Werror)
#   5. the tree cross-built for win-x64 (mingw-w64, cached mingw OpenSSL); native + Wine tests and lab
#      scans compared with Linux under Wine (tests/windows/run_wine_tests.sh prints each phase's time)
#   6. the PowerShell module (powershell/build.sh), the harness (.NET host of the real engine) and
#      its *.Tests.ps1 (the module imported by path, scanning the lab)
#   7. the Python package installed into .venv (pip, offline); the README demo; pytest (CLI, API,
#      schema, policy, remediation scripts run in the real PowerShell engine)
# Installs its Debian packages first (.ci/install-deps.sh).
#
# Each step prints one line with the time it took; its output (compiler progress, test logs) goes to
# build/logs/NN-step.log and is shown only when the step fails. A table of step timings comes before
# pytest, which runs last and prints directly, so its summary stays the last line (CI reads it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jobs="${TLSREADY_JOBS:-$(nproc)}"
lab_dir="${TLSREADY_LAB_DIR:-$root/build/lab}"
step_logs="$root/build/logs"
# ccache (installed by install-deps): paths below the clone's parent are hashed relative, and the
# build directory is left out of the hash, so a fresh clone in another folder reuses earlier builds.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

source tests/run_steps.sh  # run_step, print_timings "(pytest follows)"

ctest_summary() {  # ctest in DIR with ARGS..., then its "N% tests passed" line marked for run_step
  local dir="$1"; shift
  local out
  out="$(cd "$dir" && "$@" 2>&1)" || { printf '%s\n' "$out"; return 1; }
  printf '%s\n' "$out"
  grep -m1 'tests passed' <<<"$out" | sed 's/^/>> /' || true
}

native_build() {
  cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSREADY_WERROR=ON || return
  cmake --build build/release -j "$jobs"
}

start_lab() {
  python3 tests/lab/lab.py stop --dir "$lab_dir" >/dev/null 2>&1 || true
  python3 tests/lab/lab.py start --dir "$lab_dir"
}

asan_tests() {
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DTLSREADY_SANITIZE=ON -DTLSREADY_WERROR=ON || return
  cmake --build build/asan -j "$jobs" || return
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest_summary build/asan ctest --output-on-failure
}

fuzz_run() {
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSREADY_FUZZ=ON -DTLSREADY_WERROR=ON || return
  cmake --build build/fuzz -j "$jobs" --target fuzz_server_flight fuzz_record_reader fuzz_reg_file fuzz_iis_log fuzz_text_logs fuzz_client_hello fuzz_pcap fuzz_server_prelude fuzz_schannel_events || return
  local fuzzer work
  for fuzzer in fuzz_server_flight fuzz_record_reader fuzz_reg_file fuzz_iis_log fuzz_text_logs fuzz_client_hello fuzz_pcap fuzz_server_prelude fuzz_schannel_events; do
    work="build/fuzz/corpus-$fuzzer"
    mkdir -p "$work" || return
    build/fuzz/tests/fuzz/$fuzzer -max_total_time="${TLSREADY_FUZZ_SECONDS:-30}" -print_final_stats=1 \
      "$work" "tests/fuzz/corpus/$fuzzer" 2>&1 | tail -n 3 || return
  done
}

demo() {
  bash tests/lab/demo.sh --stop >build/demo.log 2>&1 || { cat build/demo.log; return 1; }
  cat build/demo.log
  printf '>> demo: %s endpoints scanned\n' "$(grep -c '^  Protocols' build/demo.log)"
}

run_step "dependencies (.ci/install-deps.sh)" bash .ci/install-deps.sh
run_step "native build (-Werror, $jobs jobs)" native_build
run_step "lint the changed C++ (clang-format-14, clang-tidy-14)" bash tests/lint_changed.sh
run_step "native unit tests (ctest)" ctest_summary build/release ctest --output-on-failure -E native_integration
run_step "lab (tests/lab, 127.0.0.1/::1)" start_lab
trap 'python3 tests/lab/lab.py stop --dir "$lab_dir" >/dev/null 2>&1 || true' EXIT
export TLSREADY_LAB_DIR="$lab_dir"
run_step "native integration tests (scan the lab)" ctest_summary build/release ctest --output-on-failure -R native_integration
run_step "ASan+UBSan build and native tests" asan_tests
run_step "libFuzzer, ${TLSREADY_FUZZ_SECONDS:-30} s per fuzzer (codec, .reg parser)" fuzz_run
run_step "python package (offline pip install into .venv)" bash tests/python/install_venv.sh
run_step "Windows build (mingw-w64 cross-build, native tests + lab scans under Wine)" bash tests/windows/run_wine_tests.sh
run_step "PowerShell module (powershell/build.sh -> build/powershell/TlsReady)" bash powershell/build.sh --native-dir build/release
run_step "PowerShell engine tests (System.Management.Automation, the TlsReady module against the lab)" bash tests/powershell/run.sh run-tests
run_step "README quick start: the demo scan of the lab" demo
print_timings "(pytest follows)"
printf '\n=== pytest (last, so its summary closes the run) ===\n'
.venv/bin/python -m pytest -q tests/python
