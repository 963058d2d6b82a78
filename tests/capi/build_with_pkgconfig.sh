#!/usr/bin/env bash
# Builds tests/capi/tlsr_c_test.c against an installed tlsready through pkg-config alone, and runs it:
#   build_with_pkgconfig.sh PREFIX OUTDIR CC [program arguments...]
set -euo pipefail
prefix="$1" out="$2" cc="$3"; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
pc_dir="$(dirname "$(find "$prefix" -name tlsready.pc -print -quit)")"
export PKG_CONFIG_PATH="$pc_dir"
mkdir -p "$out"
libdir="$(pkg-config --variable=libdir tlsready)"
# shellcheck disable=SC2046  # pkg-config's flags are words
"$cc" -std=c99 -Wall -Wextra -Werror ${TLSREADY_C_FLAGS:-} -o "$out/tlsr_c_test_pkgconfig" "$here/tlsr_c_test.c" \
  $(pkg-config --cflags --libs tlsready) -pthread "-Wl,-rpath,$libdir"
echo "built with: $(pkg-config --cflags --libs tlsready) (tlsready $(pkg-config --modversion tlsready))"
exec "$out/tlsr_c_test_pkgconfig" "$@"
