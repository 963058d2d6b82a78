// Stapled OCSP response -> the status of the leaf's single response (see stapled_ocsp.h).
#include "x509/stapled_ocsp.h"

#include <climits>

#include <openssl/err.h>

#include "x509/certificate_details.h"

namespace tlsready::x509 {

namespace {

std::string certificate_status_name(int status) {
  switch (status) {
    case V_OCSP_CERTSTATUS_GOOD:
      return "good";
    case V_OCSP_CERTSTATUS_REVOKED:
      return "revoked";
    default:
      return "unknown";
  }
}

StapledOcspStatus read(const uint8_t* response, size_t length, const std::vector<uint8_t>& leaf_der) {
  if (response == nullptr || length == 0 || length > static_cast<size_t>(LONG_MAX)) {
    return {"unparsable", "the stapled OCSP response is empty"};
  }
  const unsigned char* cursor = response;
  const OcspResponsePtr parsed(d2i_OCSP_RESPONSE(nullptr, &cursor, static_cast<long>(length)));
  if (!parsed) return {"unparsable", "the stapled bytes are not a DER OCSP response"};
  const int response_status = OCSP_response_status(parsed.get());
  if (response_status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    return {"unknown", std::string("the OCSP responder answered ") + OCSP_response_status_str(response_status)};
  }
  const OcspBasicResponsePtr basic(OCSP_response_get1_basic(parsed.get()));
  if (!basic) return {"unparsable", "the OCSP response holds no basic response"};

  const X509Ptr leaf = parse_der_certificate(leaf_der);
  if (!leaf) return {"unknown", "the leaf certificate is unavailable to match the OCSP response"};
  const ASN1_INTEGER* leaf_serial = X509_get0_serialNumber(leaf.get());
  const int count = OCSP_resp_count(basic.get());
  for (int i = 0; i < count; ++i) {
    OCSP_SINGLERESP* single = OCSP_resp_get0(basic.get(), i);
    ASN1_INTEGER* serial = nullptr;
    // OCSP_id_get0_info only reads the id, but its parameter is not const in OpenSSL 3.0.
    auto* id = const_cast<OCSP_CERTID*>(OCSP_SINGLERESP_get0_id(single));
    if (OCSP_id_get0_info(nullptr, nullptr, nullptr, &serial, id) != 1 || serial == nullptr) continue;
    if (ASN1_INTEGER_cmp(serial, leaf_serial) != 0) continue;
    int reason = 0;
    const int status = OCSP_single_get0_status(single, &reason, nullptr, nullptr, nullptr);
    return {certificate_status_name(status), {}};
  }
  return {"unknown", "the OCSP response has no status for the leaf certificate"};
}

}  // namespace

StapledOcspStatus read_stapled_ocsp(const uint8_t* response, size_t length, const std::vector<uint8_t>& leaf_der) {
  StapledOcspStatus result = read(response, length, leaf_der);
  ERR_clear_error();
  return result;
}

}  // namespace tlsready::x509
