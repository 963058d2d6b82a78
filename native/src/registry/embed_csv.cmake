# Turns one data file into a C++ source defining `std::string_view <FUNCTION>()` that returns
# the file's bytes (declared in embedded_csv.h).
#   cmake -DINPUT=<file.csv> -DOUTPUT=<file.cpp> -DFUNCTION=<name> -P embed_csv.cmake
# The bytes become an unsigned char array rather than a string literal: no delimiter can clash
# with the data and no compiler limit on literal length applies. The output is only rewritten
# when its content changes.
cmake_minimum_required(VERSION 3.20)
foreach(var INPUT OUTPUT FUNCTION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_csv.cmake: -D${var}=... is required")
  endif()
endforeach()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
if(hex_length EQUAL 0)
  message(FATAL_ERROR "embed_csv.cmake: ${INPUT} is empty")
endif()
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 16 bytes per line keeps the generated file readable in a debugger.
string(REPEAT "0x[0-9a-f][0-9a-f]," 16 sixteen_bytes)
string(REGEX REPLACE "(${sixteen_bytes})" "\\1\n    " bytes "${bytes}")
get_filename_component(input_name "${INPUT}" NAME)

set(content "// Generated from ${input_name} by embed_csv.cmake. Do not edit.
#include \"registry/embedded_csv.h\"

namespace tlsready::registry::embedded {
namespace {

const unsigned char kBytes[] = {
    ${bytes}
};

}  // namespace

std::string_view ${FUNCTION}() { return {reinterpret_cast<const char*>(kBytes), sizeof kBytes}; }

}  // namespace tlsready::registry::embedded
")

set(previous "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
endif()
if(NOT previous STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
