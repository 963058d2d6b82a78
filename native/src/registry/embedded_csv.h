#pragma once
// The text of native/data/*.csv, compiled into the library (internal). The definitions are
// generated at build time by embed_csv.cmake, so editing a CSV rebuilds them.

#include <string_view>

namespace tlsready::registry::embedded {

std::string_view cipher_suites_csv();
std::string_view groups_csv();
std::string_view signature_schemes_csv();

}  // namespace tlsready::registry::embedded
