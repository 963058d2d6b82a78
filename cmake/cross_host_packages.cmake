# Included by the top-level CMakeLists.txt when cross-compiling (the Windows build with
# cmake/toolchains/mingw-w64-x86_64.cmake). Two things a cross build needs before find_package:
#
# 1. The header-only packages (nlohmann/json, Catch2 2) come from the host's Debian packages,
#    which have no mingw build and need none. Only their own header folders are copied into the
#    build tree (-I/usr/include would let glibc's headers shadow mingw's), and a small CMake
#    package for each (<build>/cross-packages/<name>/) gives find_package the usual imported
#    target (nlohmann_json::nlohmann_json, Catch2::Catch2) over the copy.
# 2. Windows settings for every room: NOMINMAX and WIN32_LEAN_AND_MEAN (windows.h's min/max
#    macros and wincrypt.h's X509_NAME clash with the C++ library and OpenSSL), and programs
#    linked -static (one self-contained .exe: libstdc++, libgcc and winpthreads inside).
set(TLSREADY_HOST_INCLUDE_DIR /usr/include CACHE PATH
    "Folder holding the host's nlohmann/json.hpp and catch2/catch.hpp (header-only, used as they are)")
set(tlsready_header_copy ${CMAKE_BINARY_DIR}/host-headers)
set(tlsready_package_dir ${CMAKE_BINARY_DIR}/cross-packages)

# tlsready_cross_header_package(<package> <header> <imported target> <version file>)
function(tlsready_cross_header_package package header target version_file)
  if(NOT EXISTS ${TLSREADY_HOST_INCLUDE_DIR}/${header})
    message(FATAL_ERROR "${TLSREADY_HOST_INCLUDE_DIR}/${header} not found (apt-get install nlohmann-json3-dev catch2, "
                        "or set TLSREADY_HOST_INCLUDE_DIR)")
  endif()
  get_filename_component(folder ${header} DIRECTORY)
  file(COPY ${TLSREADY_HOST_INCLUDE_DIR}/${folder} DESTINATION ${tlsready_header_copy})
  set(version 0)
  if(EXISTS ${version_file})
    file(STRINGS ${version_file} line REGEX "set\\(PACKAGE_VERSION \"[0-9.]+\"\\)" LIMIT_COUNT 1)
    string(REGEX MATCH "[0-9][0-9.]*" version "${line}")
  endif()
  file(WRITE ${tlsready_package_dir}/${package}/${package}Config.cmake
       "if(NOT TARGET ${target})\n"
       "  add_library(${target} INTERFACE IMPORTED)\n"
       "  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES \"${tlsready_header_copy}\")\n"
       "endif()\n")
  file(WRITE ${tlsready_package_dir}/${package}/${package}ConfigVersion.cmake
       "set(PACKAGE_VERSION \"${version}\")\n"
       "string(REGEX MATCH \"^[0-9]+\" tlsready_major \"\${PACKAGE_VERSION}\")\n"
       "set(PACKAGE_VERSION_COMPATIBLE TRUE)\n"
       "if(PACKAGE_FIND_VERSION AND (PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION OR\n"
       "   NOT tlsready_major STREQUAL PACKAGE_FIND_VERSION_MAJOR))\n"
       "  set(PACKAGE_VERSION_COMPATIBLE FALSE)\n"
       "endif()\n")
  set(${package}_DIR ${tlsready_package_dir}/${package} CACHE PATH "${package} for the cross build (host headers)" FORCE)
endfunction()

tlsready_cross_header_package(nlohmann_json nlohmann/json.hpp nlohmann_json::nlohmann_json
                              /usr/share/cmake/nlohmann_json/nlohmann_jsonConfigVersion.cmake)
tlsready_cross_header_package(Catch2 catch2/catch.hpp Catch2::Catch2 /usr/lib/cmake/Catch2/Catch2ConfigVersion.cmake)

if(WIN32)
  add_compile_definitions(NOMINMAX WIN32_LEAN_AND_MEAN)
  add_link_options(-static)
endif()
