// tlsr_version, tlsr_abi_version, tlsr_status_name.
#include "boundary.h"

extern "C" {

TLSR_API const char* tlsr_version(void) {
  tlsready::capi::set_last_error("");
  return TLSREADY_VERSION_STRING;
}

TLSR_API int tlsr_abi_version(void) {
  tlsready::capi::set_last_error("");
  return TLSR_ABI_VERSION;
}

// The names of native/data/ledgers/c_status_codes.csv (tests/capi/check_abi_ledgers.py compares).
TLSR_API const char* tlsr_status_name(int status) {
  tlsready::capi::set_last_error("");
  switch (status) {
    case TLSR_OK: return "TLSR_OK";
    case TLSR_ERR_INVALID_ARGUMENT: return "TLSR_ERR_INVALID_ARGUMENT";
    case TLSR_ERR_NO_MEMORY: return "TLSR_ERR_NO_MEMORY";
    case TLSR_ERR_INTERNAL: return "TLSR_ERR_INTERNAL";
    case TLSR_ERR_TIMEOUT: return "TLSR_ERR_TIMEOUT";
    case TLSR_ERR_DONE: return "TLSR_ERR_DONE";
    case TLSR_ERR_NOT_FOUND: return "TLSR_ERR_NOT_FOUND";
    case TLSR_ERR_UNSUPPORTED: return "TLSR_ERR_UNSUPPORTED";
    default: return "TLSR_ERR_UNKNOWN";
  }
}

}  // extern "C"
