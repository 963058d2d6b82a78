#pragma once
// The text of native/data/findings.csv and finding_texts.csv, compiled into tlsready_catalogue
// (internal). The definitions are generated at build time by native/src/registry/embed_csv.cmake,
// which places them in the registry room's `embedded` namespace; they are declared here because
// they belong to this library.

#include <string_view>

namespace tlsready::registry::embedded {

std::string_view findings_csv();
std::string_view finding_texts_csv();

}  // namespace tlsready::registry::embedded
