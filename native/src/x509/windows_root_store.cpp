// The system trust store on Windows: every certificate of the local machine's and the user's
// "ROOT" store (Trusted Root Certification Authorities), read with CryptoAPI and added to the
// OpenSSL store. https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certopensystemstorew
// (CertOpenSystemStoreW opens the current user's view of ROOT, which includes the machine's roots)
// and CertEnumCertificatesInStore. Certificates OpenSSL cannot parse are skipped.
//
// wincrypt.h comes first: its X509_NAME/OCSP_* macros are undone by OpenSSL's headers
// (openssl/x509.h #undefs them on Windows).
#include <windows.h>

#include <wincrypt.h>  // after windows.h, which it needs

#include <openssl/err.h>
#include <openssl/x509.h>

#include "x509/system_trust_store.h"

namespace tlsready::x509 {

bool load_system_trust_store(X509_STORE* store) {
  if (store == nullptr) return false;
  HCERTSTORE roots = CertOpenSystemStoreW(0, L"ROOT");
  if (roots == nullptr) return false;
  for (PCCERT_CONTEXT cert = CertEnumCertificatesInStore(roots, nullptr); cert != nullptr;
       cert = CertEnumCertificatesInStore(roots, cert)) {
    if ((cert->dwCertEncodingType & X509_ASN_ENCODING) == 0) continue;
    const unsigned char* der = cert->pbCertEncoded;
    X509* parsed = d2i_X509(nullptr, &der, static_cast<long>(cert->cbCertEncoded));
    if (parsed == nullptr) continue;
    X509_STORE_add_cert(store, parsed);  // takes its own reference; a duplicate is not an error
    X509_free(parsed);
  }
  CertCloseStore(roots, 0);
  ERR_clear_error();  // parse errors of skipped certificates are not the caller's
  return true;
}

}  // namespace tlsready::x509
