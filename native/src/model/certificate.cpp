#include "model/certificate.h"

namespace tlsready::model {

std::string_view to_string(CertificateProblemCode code) {
  switch (code) {
    case CertificateProblemCode::no_certificate: return "no_certificate";
    case CertificateProblemCode::unparsable_certificate: return "unparsable_certificate";
    case CertificateProblemCode::untrusted: return "untrusted";
    case CertificateProblemCode::expired: return "expired";
    case CertificateProblemCode::expires_soon: return "expires_soon";
    case CertificateProblemCode::not_yet_valid: return "not_yet_valid";
    case CertificateProblemCode::validity_unreadable: return "validity_unreadable";
    case CertificateProblemCode::hostname_mismatch: return "hostname_mismatch";
    case CertificateProblemCode::self_signed: return "self_signed";
    case CertificateProblemCode::weak_key: return "weak_key";
    case CertificateProblemCode::weak_signature_hash: return "weak_signature_hash";
    case CertificateProblemCode::chain_out_of_order: return "chain_out_of_order";
    case CertificateProblemCode::trust_store_unavailable: return "trust_store_unavailable";
    case CertificateProblemCode::ca_file_unusable: return "ca_file_unusable";
  }
  return "unknown";
}

}  // namespace tlsready::model
