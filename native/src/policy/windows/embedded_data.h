#pragma once
// The text of native/data/windows_*.csv and remediation.ps1.in, compiled into tlsready_policy_windows (internal). The
// definitions are generated at build time by native/src/registry/embed_csv.cmake, which places
// them in the registry room's `embedded` namespace; they are declared here, not in
// registry/embedded_csv.h, because they belong to this library.

#include <string_view>

namespace tlsready::registry::embedded {

std::string_view windows_schannel_defaults_csv();
std::string_view windows_algorithm_defaults_csv();
std::string_view windows_http_defaults_csv();
std::string_view windows_recommended_cipher_suites_csv();
std::string_view remediation_ps1_template();  // native/data/remediation.ps1.in

}  // namespace tlsready::registry::embedded
