#!/usr/bin/env bash
# OpenSSL 3 for x86_64 Windows (mingw-w64), built from Debian's own source package and cached.
# Debian has no mingw OpenSSL package; /work/shared/WINDOWS.md describes the recipe checked here.
#
#   tests/windows/build_openssl_mingw.sh        # prints the installed prefix on stdout
#
# The prefix (headers, libssl.a, libcrypto.a, pkgconfig) is cached under
# ${TLSREADY_CACHE_DIR:-$HOME/.cache/tlsready}/openssl-mingw64-<key>, where <key> is the OpenSSL
# version + the Configure options + the mingw compiler version: a new checkout reuses it, and any
# change of those builds a new one. A cache entry is used only if its build finished (marker file).
# The source comes through apt with a private sources list that adds deb-src (the system's lists
# are not touched). Progress goes to stderr, the prefix alone to stdout.
set -euo pipefail

JOBS=${TLSREADY_JOBS:-2}
CACHE_DIR=${TLSREADY_CACHE_DIR:-${HOME:-/root}/.cache/tlsready}
TRIPLE=x86_64-w64-mingw32
say() { printf '[openssl-mingw] %s\n' "$*" >&2; }
die() { printf '[openssl-mingw] error: %s\n' "$*" >&2; exit 1; }

command -v ${TRIPLE}-gcc-posix >/dev/null 2>&1 || die "${TRIPLE}-gcc-posix missing (g++-mingw-w64-x86-64-posix)"
# The version of the host's OpenSSL package: the same 3.0.x the Linux build links.
VERSION=$(dpkg-query -W -f='${Version}' libssl-dev 2>/dev/null || true)
[[ -n $VERSION ]] || die "libssl-dev is not installed (its version selects the source)"
UPSTREAM=${VERSION%%-*}

# The fastest configuration that keeps everything a scanner needs (WINDOWS.md): no-module keeps
# the legacy algorithms in the static libraries; no-autoload-config, because OPENSSLDIR becomes a
# path on the current drive on Windows where anyone could plant an openssl.cnf; weak ciphers,
# because the probe must be able to offer 3DES/RC4 to see whether a server accepts them.
OPTIONS=(no-shared no-tests no-module no-engine no-makedepend no-autoload-config no-cmp no-cms no-ts no-srp
  no-dtls no-sctp no-sm2 no-sm3 no-sm4 no-whirlpool no-siphash no-ui-console no-async no-asm
  enable-weak-ssl-ciphers -O1)
GCC_VERSION=$(${TRIPLE}-gcc-posix -dumpversion)
KEY=$(printf '%s\n' "$UPSTREAM" "${OPTIONS[*]}" "$GCC_VERSION" | sha256sum | cut -c1-16)
PREFIX=$CACHE_DIR/openssl-mingw64-$UPSTREAM-$KEY
MARKER=$PREFIX/.tlsready-complete

if [[ -f $MARKER ]]; then
  say "cached: $PREFIX"
  printf '%s\n' "$PREFIX"
  exit 0
fi

mkdir -p "$CACHE_DIR"
exec 8>"$CACHE_DIR/.openssl-mingw64.lock"
flock -w 1800 8 || die "another build holds $CACHE_DIR/.openssl-mingw64.lock"
if [[ -f $MARKER ]]; then printf '%s\n' "$PREFIX"; exit 0; fi

WORK=$CACHE_DIR/openssl-mingw64-work
rm -rf "$WORK" "$PREFIX"
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial" "$WORK/apt/sources.list.d" "$WORK/src"

# A private copy of the system's Debian sources with deb-src added.
for sources in /etc/apt/sources.list.d/*.sources; do
  [[ -f $sources ]] || continue
  sed 's/^Types: deb$/Types: deb deb-src/' "$sources" >"$WORK/apt/sources.list.d/$(basename "$sources")"
done
[[ -f /etc/apt/sources.list ]] && sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$WORK/apt/sources.list"
touch "$WORK/apt/sources.list"
apt_private=(-o Dir::Etc::SourceList="$WORK/apt/sources.list" -o Dir::Etc::SourceParts="$WORK/apt/sources.list.d"
  -o Dir::State::Lists="$WORK/apt/lists" -o Dir::Cache="$WORK/apt/cache" -o APT::Sandbox::User=root -q)
say "fetching the openssl $UPSTREAM source (apt, private source list)"
timeout --kill-after=10 600 apt-get "${apt_private[@]}" update >"$WORK/apt-update.log" 2>&1 ||
  { cat "$WORK/apt-update.log" >&2; die "apt-get update (private deb-src list) failed"; }
# --tar-only: the pristine upstream tarball (a security .dsc may 404; the tarball does not).
(cd "$WORK/src" && timeout --kill-after=10 600 apt-get "${apt_private[@]}" source --tar-only "openssl=$VERSION" \
  >"$WORK/apt-source.log" 2>&1) || (cd "$WORK/src" && timeout --kill-after=10 600 apt-get "${apt_private[@]}" \
  source --tar-only openssl >>"$WORK/apt-source.log" 2>&1) ||
  { cat "$WORK/apt-source.log" >&2; die "apt-get source openssl failed"; }
tarball=$(ls "$WORK"/src/openssl_*.orig.tar.* 2>/dev/null | head -n1)
[[ -n $tarball ]] || die "no openssl orig tarball in $WORK/src"
tar -xf "$tarball" -C "$WORK/src"
srcdir=$(find "$WORK/src" -mindepth 1 -maxdepth 1 -type d -name 'openssl-*' | head -n1)
[[ -n $srcdir ]] || die "the tarball held no openssl-* folder"

say "configuring and building ($JOBS jobs; about 2-6 minutes)"
(cd "$srcdir" && ./Configure mingw64 --cross-compile-prefix=${TRIPLE}- --prefix="$PREFIX" --libdir=lib \
  "${OPTIONS[@]}" >"$WORK/configure.log" 2>&1) || { tail -30 "$WORK/configure.log" >&2; die "Configure failed"; }
# CC=...-gcc-posix: the threading model the rest of the cross build uses.
(cd "$srcdir" && make -j"$JOBS" CC=${TRIPLE}-gcc-posix build_libs >"$WORK/make.log" 2>&1 &&
  make CC=${TRIPLE}-gcc-posix install_dev >>"$WORK/make.log" 2>&1) ||
  { tail -30 "$WORK/make.log" >&2; die "make failed"; }
[[ -f $PREFIX/lib/libssl.a && -f $PREFIX/lib/libcrypto.a ]] || die "install_dev left no libssl.a/libcrypto.a"
# The source actually built: the exact Debian version when the mirror still has it, else the
# newest of the same release (security updates replace old versions on deb.debian.org).
built=$(sed -n 's/^# *define OPENSSL_VERSION_STR "\(.*\)"/\1/p' "$PREFIX/include/openssl/opensslv.h")
printf 'openssl %s (asked for %s)\noptions %s\ngcc %s\n' "$built" "$VERSION" "${OPTIONS[*]}" "$GCC_VERSION" >"$MARKER"
rm -rf "$WORK"
say "built: $PREFIX"
printf '%s\n' "$PREFIX"
