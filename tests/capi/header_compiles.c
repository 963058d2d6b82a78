/* tlsready.h compiles as strict C99 under -Wall -Wextra -Wpedantic -Werror
 * (target tlsready_header_c99, built with the library). */
#include "tlsready.h"

int tlsr_header_compiles_c99(void);
int tlsr_header_compiles_c99(void) { return TLSR_ABI_VERSION + (int)TLSR_ERR_INVALID_ARGUMENT; }
