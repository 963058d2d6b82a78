# Cross-compiling tlsready for 64-bit Windows with Debian's mingw-w64 (package
# g++-mingw-w64-x86-64-posix), against an OpenSSL built for mingw (tests/windows/build_openssl_mingw.sh
# builds and caches one from Debian's source package and prints its prefix):
#   cmake -S . -B build/win64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake \
#         -DOPENSSL_ROOT_DIR="$(tests/windows/build_openssl_mingw.sh)"
# The "-posix" compilers use the winpthreads threading model, so <thread>, <mutex> and
# std::condition_variable work; the "-win32" ones lack them in GCC 12. Programs are linked
# -static (cmake/cross_host_packages.cmake): no libstdc++/libgcc/libwinpthread DLLs beside them.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(TLSREADY_MINGW_TRIPLE x86_64-w64-mingw32)
find_program(CMAKE_C_COMPILER NAMES ${TLSREADY_MINGW_TRIPLE}-gcc-posix ${TLSREADY_MINGW_TRIPLE}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${TLSREADY_MINGW_TRIPLE}-g++-posix ${TLSREADY_MINGW_TRIPLE}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${TLSREADY_MINGW_TRIPLE}-windres)

# Libraries, headers and CMake packages come from the mingw sysroot (and the mingw OpenSSL
# prefix) only, never from the host's /usr (its glibc headers and Linux libraries would be
# picked up otherwise); programs (code generators, ...) come from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${TLSREADY_MINGW_TRIPLE})
if(OPENSSL_ROOT_DIR)
  list(APPEND CMAKE_FIND_ROOT_PATH ${OPENSSL_ROOT_DIR})
endif()
set(OPENSSL_USE_STATIC_LIBS TRUE)  # the prefix holds libssl.a/libcrypto.a only (no-shared)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
