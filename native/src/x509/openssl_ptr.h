// Owning smart pointers for the OpenSSL objects the x509 room handles, so every early return
// frees what it allocated. Internal to native/src/x509 (and its tests).
#pragma once

#include <memory>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace tlsready::x509 {

// Calls the OpenSSL free function `Free` on destruction.
template <auto Free>
struct OpensslDeleter {
  template <typename T>
  void operator()(T* object) const noexcept {
    Free(object);
  }
};

template <typename T, auto Free>
using OpensslPtr = std::unique_ptr<T, OpensslDeleter<Free>>;

using Asn1TimePtr = OpensslPtr<ASN1_TIME, &ASN1_TIME_free>;
using BasicConstraintsPtr = OpensslPtr<BASIC_CONSTRAINTS, &BASIC_CONSTRAINTS_free>;
using BigNumPtr = OpensslPtr<BIGNUM, &BN_free>;
using BioMethodPtr = OpensslPtr<BIO_METHOD, &BIO_meth_free>;
using BioPtr = OpensslPtr<BIO, &BIO_free_all>;
using EvpPkeyPtr = OpensslPtr<EVP_PKEY, &EVP_PKEY_free>;
using GeneralNamesPtr = OpensslPtr<GENERAL_NAMES, &GENERAL_NAMES_free>;
using OcspBasicResponsePtr = OpensslPtr<OCSP_BASICRESP, &OCSP_BASICRESP_free>;
using OcspResponsePtr = OpensslPtr<OCSP_RESPONSE, &OCSP_RESPONSE_free>;
using SslCtxPtr = OpensslPtr<SSL_CTX, &SSL_CTX_free>;
using SslPtr = OpensslPtr<SSL, &SSL_free>;
using X509Ptr = OpensslPtr<X509, &X509_free>;
using X509StoreCtxPtr = OpensslPtr<X509_STORE_CTX, &X509_STORE_CTX_free>;
using X509StorePtr = OpensslPtr<X509_STORE, &X509_STORE_free>;

// OPENSSL_free and sk_X509_free are macros / inline wrappers, hence the hand-written deleters.
struct OpensslBufferDeleter {
  void operator()(void* buffer) const noexcept { OPENSSL_free(buffer); }
};
template <typename T>
using OpensslBufferPtr = std::unique_ptr<T, OpensslBufferDeleter>;

// A STACK_OF(X509) that owns only the stack, not the certificates it points at.
struct X509StackShallowDeleter {
  void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_free(stack); }
};
using X509StackShallowPtr = std::unique_ptr<STACK_OF(X509), X509StackShallowDeleter>;

}  // namespace tlsready::x509
