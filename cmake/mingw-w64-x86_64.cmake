# Cross-compiling for 64-bit Windows with Debian's mingw-w64 (package g++-mingw-w64-x86-64-posix).
#   cmake -S tests/windows -B build/windows -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake
# The "-posix" compilers use the winpthreads threading model, so <thread>, <mutex> and
# std::condition_variable work; the "-win32" ones lack them in GCC 12. Link with -static to
# get an .exe that needs no libstdc++/libgcc/libwinpthread DLLs next to it.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(TLSREADY_MINGW_TRIPLE x86_64-w64-mingw32)
find_program(CMAKE_C_COMPILER NAMES ${TLSREADY_MINGW_TRIPLE}-gcc-posix ${TLSREADY_MINGW_TRIPLE}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${TLSREADY_MINGW_TRIPLE}-g++-posix ${TLSREADY_MINGW_TRIPLE}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${TLSREADY_MINGW_TRIPLE}-windres)

# Libraries, headers and CMake packages come from the mingw sysroot only, never from the
# host's /usr (its glibc headers and Linux libraries would be picked up otherwise); programs
# (code generators, ...) come from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${TLSREADY_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
