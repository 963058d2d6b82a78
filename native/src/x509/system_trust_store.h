// The operating system's trust anchors, added to an OpenSSL store for chain verification.
// POSIX: OpenSSL's default paths (X509_STORE_set_default_paths: the distribution's CA bundle).
// Windows: the "ROOT" system certificate store through CryptoAPI (windows_root_store.cpp); OpenSSL
// 3.0 cannot read the Windows stores itself.
#pragma once

#include <openssl/x509_vfy.h>

namespace tlsready::x509 {

// Adds the system's trust anchors to `store`. False when the system store cannot be opened or
// read at all (an empty store is not an error). Thread-safe.
bool load_system_trust_store(X509_STORE* store);

}  // namespace tlsready::x509
