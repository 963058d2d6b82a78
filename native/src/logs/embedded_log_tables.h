#pragma once
// The text of native/data/schannel_log_values.csv, compiled into tlsready_logs (internal). The
// definition is generated at build time by native/src/registry/embed_csv.cmake, which places it in
// the registry room's `embedded` namespace; it is declared here because it belongs to this library.

#include <string_view>

namespace tlsready::registry::embedded {

std::string_view schannel_log_values_csv();

}  // namespace tlsready::registry::embedded
