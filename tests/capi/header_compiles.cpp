// tlsready.h compiles as C++11 under -Wall -Wextra -Wpedantic -Werror (target tlsready_header_cxx).
#include "tlsready.h"

int tlsr_header_compiles_cxx();
int tlsr_header_compiles_cxx() { return TLSR_ABI_VERSION + static_cast<int>(TLSR_ERR_INVALID_ARGUMENT); }
