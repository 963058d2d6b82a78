# cmake -DBUILD_DIR=... -DPREFIX=... -DOUT=... -P install_prefix.cmake
# Installs the C ABI component into an empty PREFIX and checks what landed there.
file(REMOVE_RECURSE "${PREFIX}" "${OUT}")
file(MAKE_DIRECTORY "${OUT}/find_package" "${OUT}/pkgconfig" "${OUT}/lab")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" --component c_abi
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${result}); build the library first (target tlsready)")
endif()
foreach(pattern include/tlsready.h include/tlsready/version.h lib*/libtlsready.so lib*/libtlsready.so.*
        lib*/cmake/tlsready/tlsreadyConfig.cmake lib*/cmake/tlsready/tlsreadyConfigVersion.cmake
        lib*/pkgconfig/tlsready.pc share/tlsready/schema/scan-request.schema.json
        share/tlsready/schema/endpoint-scan.schema.json share/tlsready/schema/local-policy.schema.json)
  file(GLOB_RECURSE found "${PREFIX}/${pattern}")
  file(GLOB found_top "${PREFIX}/${pattern}")
  if(NOT found AND NOT found_top)
    message(FATAL_ERROR "not installed: ${pattern}")
  endif()
endforeach()
# Only the C ABI's files: no internal header, no static room library.
file(GLOB_RECURSE installed RELATIVE "${PREFIX}" "${PREFIX}/*")
foreach(file IN LISTS installed)
  if(file MATCHES "\\.a$|\\.hpp$|/(probe|model|codec|net|policy|registry|winreg|x509|common)/")
    message(FATAL_ERROR "installed but internal: ${file}")
  endif()
endforeach()
message(STATUS "installed into ${PREFIX}: ${installed}")
