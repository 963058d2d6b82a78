// The version of this build as C++ values; the macros are in the generated tlsready/version.h.
#pragma once

#include <string>

#include "tlsready/version.h"

namespace tlsready {

// "MAJOR.MINOR.PATCH": the same text as TLSREADY_VERSION_STRING, tlsr_version() and Python's
// tlsready.__version__ (all from the VERSION file).
inline std::string version() { return TLSREADY_VERSION_STRING; }

}  // namespace tlsready
