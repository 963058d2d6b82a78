#pragma once
// The ASCII string helpers the registry parsers and lookups use: the shared ones of common/text.h.

#include "common/text.h"

namespace tlsready::registry::detail {

using text::iequals;         // ASCII case-insensitive equality
using text::split;           // "" -> {}
using text::to_lower_ascii;  // lower-cases A-Z only

}  // namespace tlsready::registry::detail
