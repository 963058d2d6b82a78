#!/usr/bin/env bash
# Installs the Debian packages tlsready builds, tests and benchmarks with. Idempotent: asks apt
# only for what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache
  libssl-dev openssl nlohmann-json3-dev catch2          # the native core and its tests
  python3-dev python3-venv python3-pip python3-setuptools python3-wheel
  python3-pybind11 pybind11-dev python3-pytest python3-jsonschema   # the Python front
  python3-mypy                                           # mypy --strict over the package and the examples
  python3-pandas python3-matplotlib                      # the optional extras: to_frame() and the plots
  python3-nbclient python3-nbformat python3-ipykernel    # executing examples/investigate.ipynb in the tests
  python3-distributed                                    # tlsready.distributed over a Dask cluster
  gnutls-bin                                             # lab servers with suites OpenSSL lacks
  libwolfssl-dev                                         # lab: a real wolfSSL server (suite-count limit)
  sslscan                                                # the benchmark's peer
  clang-14 libclang-rt-14-dev                            # fuzzers (libFuzzer)
  clang-format-14 clang-tidy-14                          # tests/lint_changed.sh (.clang-format, .clang-tidy)
  libexpat1-dev libevtx-dev libbfio-dev                  # schannel-events: event XML (expat) and .evtx (libevtx)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
