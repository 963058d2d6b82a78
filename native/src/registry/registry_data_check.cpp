// Build-time check of the compiled-in registry tables: parses all three and exits non-zero with
// the offending file and line when one is malformed. Run by the tlsready_registry_data_check
// target (see CMakeLists.txt) so that a bad CSV edit fails the build, not the first scan.

#include <cstdio>
#include <exception>

#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"
#include "registry/signature_scheme_registry.h"

int main() {
  try {
    const auto suites = tlsready::registry::all_cipher_suites().size();
    const auto groups = tlsready::registry::all_groups().size();
    const auto schemes = tlsready::registry::all_signature_schemes().size();
    std::printf("registry data OK: %zu cipher suites, %zu groups, %zu signature schemes\n", suites, groups, schemes);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: native/data/%s\n", e.what());
    return 1;
  }
}
