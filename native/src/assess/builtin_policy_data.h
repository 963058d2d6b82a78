// The built-in policy documents, compiled in from native/data/policies/*.json by embed_csv.cmake
// (the generated sources define these functions; see assess/CMakeLists.txt).
#pragma once

#include <string_view>

namespace tlsready::registry::embedded {

std::string_view policy_m365();
std::string_view policy_mozilla_modern();
std::string_view policy_mozilla_intermediate();
std::string_view policy_mozilla_old();
std::string_view policy_nist_800_52r2();
std::string_view policy_pci_dss();
std::string_view policy_tls12_strict();

}  // namespace tlsready::registry::embedded
