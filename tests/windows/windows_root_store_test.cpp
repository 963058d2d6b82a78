// The Windows root store imported into OpenSSL (x509/windows_root_store.cpp). Wine's crypt32
// fills the ROOT store of a new prefix from the host's CA certificates, so it is not empty here.
#include <catch2/catch.hpp>

#include <openssl/x509_vfy.h>

#include "x509/system_trust_store.h"

#ifdef _WIN32

TEST_CASE("the Windows ROOT store loads into an OpenSSL store", "[wine][trust]") {
  X509_STORE* store = X509_STORE_new();
  REQUIRE(store != nullptr);
  CHECK(tlsready::x509::load_system_trust_store(store));
  const int anchors = sk_X509_OBJECT_num(X509_STORE_get0_objects(store));
  INFO("trust anchors imported: " << anchors);
  CHECK(anchors > 10);
  // A second import adds nothing new and is no error (duplicates are ignored).
  CHECK(tlsready::x509::load_system_trust_store(store));
  CHECK(sk_X509_OBJECT_num(X509_STORE_get0_objects(store)) == anchors);
  X509_STORE_free(store);
}

#endif  // _WIN32
