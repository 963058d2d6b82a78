#!/usr/bin/env bash
# Makes .venv from Debian's Python with its packages (pybind11, pytest, jsonschema) and installs
# tlsready into it the way a user would, but offline: no build isolation, no index.
# The native build inside pip takes about two minutes on two cores: one line says so, pip's and the
# compiler's output go to build/logs/install_venv.log (shown when the install fails), and the time
# it took is printed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
log="build/logs/install_venv.log"
mkdir -p "$(dirname "$log")"
if [[ ! -x .venv/bin/python ]]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
jobs="${TLSREADY_JOBS:-$(nproc)}"
printf 'Building tlsready (native core + Python binding, %s jobs; about 2 minutes on 2 cores) and installing it into .venv; log: %s\n' \
  "$jobs" "$log"
start=$SECONDS
if ! CMAKE_BUILD_PARALLEL_LEVEL="$jobs" \
    .venv/bin/python -m pip install --no-build-isolation --no-index --no-deps -v . >"$log" 2>&1; then
  echo "pip install failed after $((SECONDS - start)) s; the last 60 lines of $log:" >&2
  tail -n 60 "$log" >&2
  exit 1
fi
printf 'Installed %s into .venv in %d s\n' "$(.venv/bin/tlsready --version)" "$((SECONDS - start))"
