# One line per step with the time it took; each step's output in its own log, shown on failure.
# Sourced by tests/run_all.sh (tests/python/test_run_steps.py pins the behaviour). Set step_logs to
# the folder for the logs (default build/logs under the current directory) before the first step.
run_started=$SECONDS
step_names=()
step_seconds=()

# run_step NAME COMMAND...: runs COMMAND with its output in a log; one line with the outcome and time.
# `set -e` does not apply inside a command whose status is tested, so step functions must chain
# their commands with `|| return` (see tests/run_all.sh).
run_step() {
  local name="$1"; shift
  local number=$((${#step_names[@]} + 1))
  local log
  mkdir -p "${step_logs:=$PWD/build/logs}"
  local slug
  slug="$(tr -c 'a-zA-Z0-9\n' '-' <<<"$name" | tr -s '-' | cut -c1-40)"
  slug="${slug%-}"
  log="$step_logs/$(printf '%02d' "$number")-${slug#-}.log"
  printf '[%2d] %-62s ' "$number" "$name"
  local start=$SECONDS status=0
  "$@" >"$log" 2>&1 || status=$?
  local took=$((SECONDS - start))
  step_names+=("$name")
  step_seconds+=("$took")
  if ((status != 0)); then
    printf 'FAILED after %d s (exit %d)\n' "$took" "$status"
    printf -- '--- the last 150 lines of %s ---\n' "${log#"$PWD"/}"
    tail -n 150 "$log"
    printf -- '--- end of %s ---\n' "${log#"$PWD"/}"
    exit "$status"
  fi
  printf 'ok %5d s\n' "$took"
  # a step may leave one line worth showing (test counts) in the log, marked with '>> '
  grep '^>> ' "$log" | sed 's/^>> /     /' || true
}

# print_timings [NOTE]: the table of every step's time so far, NOTE after the total.
print_timings() {
  printf '\nStep timings\n'
  local i
  for i in "${!step_names[@]}"; do
    printf '  %-62s %5d s\n' "${step_names[$i]}" "${step_seconds[$i]}"
  done
  printf '  %-62s %5d s %s\n' "total" "$((SECONDS - run_started))" "${1:-}"
}
