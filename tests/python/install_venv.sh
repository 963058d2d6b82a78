#!/usr/bin/env bash
# Makes .venv from Debian's Python with its packages (pybind11, pytest, jsonschema) and installs
# tlsready into it the way a user would, but offline: no build isolation, no index.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ ! -x .venv/bin/python ]]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
CMAKE_BUILD_PARALLEL_LEVEL="${TLSREADY_JOBS:-$(nproc)}" \
  .venv/bin/python -m pip install --no-build-isolation --no-index --no-deps --quiet .
.venv/bin/tlsready --version
