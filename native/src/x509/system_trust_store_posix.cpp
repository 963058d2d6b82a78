// The system trust store on POSIX systems: OpenSSL's default CA file and directory.
#include "x509/system_trust_store.h"

namespace tlsready::x509 {

bool load_system_trust_store(X509_STORE* store) { return X509_STORE_set_default_paths(store) == 1; }

}  // namespace tlsready::x509
