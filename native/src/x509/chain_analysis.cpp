// A served chain -> ChainAnalysis: per-certificate facts, trust via X509_verify_cert, hostname,
// validity at a given time, and the findings an administrator should read.
#include "net/platform_socket.h"  // inet_ntop/inet_pton (POSIX or Winsock)

#include <fstream>
#include <string>
#include <vector>

#include <openssl/err.h>
#include <openssl/objects.h>

#include "x509/certificate_details.h"
#include "x509/certificate_info.h"
#include "x509/system_trust_store.h"

namespace tlsready::x509 {

namespace {

constexpr int kMinimumRsaBits = 2048;   // RSA, DSA, DH keys below this are weak
constexpr int kMinimumEcBits = 224;     // EC keys below this are weak
constexpr int kExpiryWarningDays = 30;  // "expires soon" below this
constexpr std::time_t kSecondsPerDay = 86400;

struct ServedCertificate {
  size_t position = 0;  // index in the served chain
  X509Ptr cert;
  CertificateInfo info;
};

// "" for the leaf, "certificate #2 (CN=...): " for the others, to prefix findings.
std::string finding_prefix(const ServedCertificate& served) {
  if (served.position == 0) return {};
  return "certificate #" + std::to_string(served.position) + " (" + served.info.subject + "): ";
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const auto& part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

// Floor division, so that "expired an hour ago" is -1 days, not 0.
int whole_days(std::time_t seconds) {
  std::time_t days = seconds / kSecondsPerDay;
  if (seconds % kSecondsPerDay != 0 && seconds < 0) --days;
  return static_cast<int>(days);
}

bool is_ip_literal(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

// "[::1]" -> "::1", "example.com." -> "example.com".
std::string normalize_host(std::string host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

bool hostname_matches(X509* leaf, const std::string& hostname) {
  const std::string host = normalize_host(hostname);
  if (host.empty()) return false;
  const int result = is_ip_literal(host) ? X509_check_ip_asc(leaf, host.c_str(), 0)
                                         : X509_check_host(leaf, host.data(), host.size(),
                                                           X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
  ERR_clear_error();
  return result == 1;
}

std::string certificate_names(const CertificateInfo& info) {
  if (!info.subject_alt_names.empty()) return join(info.subject_alt_names, ", ");
  if (!info.subject_common_name.empty()) return "no subject alternative names; CN=" + info.subject_common_name;
  return "no subject alternative names";
}

void add(std::vector<CertificateProblem>& problems, CertificateProblemCode code, std::string message) {
  problems.push_back(CertificateProblem{code, std::move(message)});
}

// Builds the trust store; problems with the configured sources go to `problems`.
X509StorePtr make_store(const TrustOptions& trust, std::vector<CertificateProblem>& problems) {
  X509StorePtr store(X509_STORE_new());
  if (!store) {
    add(problems, CertificateProblemCode::trust_store_unavailable, "internal error: cannot allocate a trust store");
    return store;
  }
  if (trust.use_system_store && !load_system_trust_store(store.get())) {
    add(problems, CertificateProblemCode::trust_store_unavailable, "the system trust store could not be loaded");
  }
  if (!trust.ca_file.empty()) {
    if (!std::ifstream(trust.ca_file, std::ios::binary).is_open()) {
      add(problems, CertificateProblemCode::ca_file_unusable,
          "CA file '" + trust.ca_file + "' cannot be read; it was not used");
    } else if (X509_STORE_load_file(store.get(), trust.ca_file.c_str()) != 1) {
      add(problems, CertificateProblemCode::ca_file_unusable,
          "CA file '" + trust.ca_file + "' holds no PEM certificate OpenSSL can load; it was not used");
    }
  }
  ERR_clear_error();
  return store;
}

// X509_verify_cert with the served intermediates as untrusted helpers, for a
// TLS server, with security level 0 so weak keys and SHA-1 are judged separately, not refused.
void verify_trust(const std::vector<ServedCertificate>& served, const TrustOptions& trust, ChainAnalysis& result) {
  X509StorePtr store = make_store(trust, result.problems);
  X509StackShallowPtr untrusted(sk_X509_new_null());
  X509StoreCtxPtr context(X509_STORE_CTX_new());
  if (!store || !untrusted || !context) {
    result.verify_error = "internal error: cannot allocate the verification context";
    ERR_clear_error();
    return;
  }
  for (size_t i = 1; i < served.size(); ++i) {
    if (sk_X509_push(untrusted.get(), served[i].cert.get()) <= 0) {
      result.verify_error = "internal error: cannot build the untrusted certificate list";
      ERR_clear_error();
      return;
    }
  }
  if (X509_STORE_CTX_init(context.get(), store.get(), served.front().cert.get(), untrusted.get()) != 1) {
    result.verify_error = "internal error: cannot initialise the verification context";
    ERR_clear_error();
    return;
  }
  X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_SERVER);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_X509_STRICT);
  X509_VERIFY_PARAM_set_auth_level(param, 0);
  // Trust is judged on the path to an anchor alone; the validity period is reported on its own
  // (expired / not_yet_valid against `now`), so an expired certificate from a trusted CA reads as
  // exactly that. (X509_VERIFY_PARAM_set_time would override NO_CHECK_TIME: OpenSSL x509_vfy.c.)
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
  if (X509_verify_cert(context.get()) == 1) {
    result.trusted = true;
  } else {
    const int error = X509_STORE_CTX_get_error(context.get());
    const int depth = X509_STORE_CTX_get_error_depth(context.get());
    result.verify_error = std::string(X509_verify_cert_error_string(error)) + " (depth " + std::to_string(depth) + ")";
    add(result.problems, CertificateProblemCode::untrusted, "not trusted: " + *result.verify_error);
  }
  ERR_clear_error();
}

void check_validity(const ServedCertificate& leaf, std::time_t now, ChainAnalysis& result) {
  const auto not_before = asn1_time_to_time_t(X509_get0_notBefore(leaf.cert.get()));
  const auto not_after = asn1_time_to_time_t(X509_get0_notAfter(leaf.cert.get()));
  if (not_after) {
    result.expired = *not_after < now;
    result.days_until_expiry = whole_days(*not_after - now);
    if (result.expired) {
      add(result.problems, CertificateProblemCode::expired, "certificate expired on " + leaf.info.not_after);
    } else if (result.days_until_expiry < kExpiryWarningDays) {
      add(result.problems, CertificateProblemCode::expires_soon,
          "certificate expires in " + std::to_string(result.days_until_expiry) + " days (on " + leaf.info.not_after +
              ")");
    }
  } else {
    add(result.problems, CertificateProblemCode::validity_unreadable, "certificate notAfter date cannot be read");
  }
  if (not_before) {
    result.not_yet_valid = *not_before > now;
    if (result.not_yet_valid)
      add(result.problems, CertificateProblemCode::not_yet_valid,
          "certificate is not valid before " + leaf.info.not_before);
  } else {
    add(result.problems, CertificateProblemCode::validity_unreadable, "certificate notBefore date cannot be read");
  }
}

void check_key_strength(const ServedCertificate& served, std::vector<CertificateProblem>& problems) {
  const CertificateInfo& info = served.info;
  const bool finite_field =
      info.key_type == "RSA" || info.key_type == "RSA-PSS" || info.key_type == "DSA" || info.key_type == "DH";
  if (finite_field && info.key_bits < kMinimumRsaBits) {
    add(problems, CertificateProblemCode::weak_key,
        finding_prefix(served) + info.key_type + " key of " + std::to_string(info.key_bits) + " bits (< " +
            std::to_string(kMinimumRsaBits) + ")");
  } else if (info.key_type == "EC" && info.key_bits < kMinimumEcBits) {
    add(problems, CertificateProblemCode::weak_key,
        finding_prefix(served) + "EC key of " + std::to_string(info.key_bits) + " bits (< " +
            std::to_string(kMinimumEcBits) + ")");
  }
}

void check_signature_hash(const ServedCertificate& served, std::vector<CertificateProblem>& problems) {
  // A trust anchor's signature on itself is never checked by clients: only issued signatures count.
  if (served.position != 0 && served.info.self_signed) return;
  int digest_nid = NID_undef;
  int key_nid = NID_undef;
  if (OBJ_find_sigid_algs(X509_get_signature_nid(served.cert.get()), &digest_nid, &key_nid) != 1) return;
  const char* weak = nullptr;
  switch (digest_nid) {
    case NID_sha1: weak = "SHA-1"; break;
    case NID_md5: weak = "MD5"; break;
    case NID_md4: weak = "MD4"; break;
    case NID_md2: weak = "MD2"; break;
    default: return;
  }
  add(problems, CertificateProblemCode::weak_signature_hash,
      finding_prefix(served) + "signed with " + weak + " (" + served.info.signature_algorithm + ")");
}

void check_order(const std::vector<ServedCertificate>& served, ChainAnalysis& result) {
  for (size_t i = 0; i + 1 < served.size(); ++i) {
    const ServedCertificate& subject = served[i];
    const ServedCertificate& issuer = served[i + 1];
    if (issuer.position != subject.position + 1) continue;  // an unparsable one sits between them
    if (X509_check_issued(issuer.cert.get(), subject.cert.get()) != X509_V_OK) {
      result.chain_in_order = false;
      add(result.problems, CertificateProblemCode::chain_out_of_order,
          "the served chain is not in order: certificate #" + std::to_string(issuer.position) +
              " did not issue certificate #" + std::to_string(subject.position));
      break;
    }
  }
  ERR_clear_error();
}

}  // namespace

ChainAnalysis analyze_chain(const std::vector<std::vector<uint8_t>>& der_chain, const std::string& hostname,
                            const TrustOptions& trust, std::time_t now) {
  ERR_clear_error();
  ChainAnalysis result;
  if (der_chain.empty()) {
    result.verify_error = "the server sent no certificate";
    add(result.problems, CertificateProblemCode::no_certificate, "the server sent no certificate");
    return result;
  }

  std::vector<ServedCertificate> served;
  for (size_t position = 0; position < der_chain.size(); ++position) {
    X509Ptr cert = parse_der_certificate(der_chain[position]);
    if (!cert) {
      add(result.problems, CertificateProblemCode::unparsable_certificate,
          "certificate #" + std::to_string(position) + (position == 0 ? " (the leaf)" : "") +
              " of the served chain could not be parsed as DER X.509");
      continue;
    }
    CertificateInfo info = describe_certificate(cert.get());
    result.certificates.push_back(info);
    served.push_back(ServedCertificate{position, std::move(cert), std::move(info)});
  }

  const bool have_leaf = !served.empty() && served.front().position == 0;
  if (have_leaf) {
    const ServedCertificate& leaf = served.front();
    verify_trust(served, trust, result);
    check_validity(leaf, now, result);
    result.hostname_matches = hostname_matches(leaf.cert.get(), hostname);
    if (!result.hostname_matches && !hostname.empty()) {
      add(result.problems, CertificateProblemCode::hostname_mismatch,
          "hostname '" + sanitize_utf8(hostname) + "' does not match the certificate (" + certificate_names(leaf.info) +
              ")");
    }
    result.self_signed = leaf.info.self_signed;
    if (result.self_signed) add(result.problems, CertificateProblemCode::self_signed, "self-signed certificate");
  } else {
    result.verify_error = "the leaf certificate could not be parsed";
  }

  for (const auto& certificate : served) {
    check_key_strength(certificate, result.problems);
    check_signature_hash(certificate, result.problems);
  }
  check_order(served, result);
  ERR_clear_error();
  return result;
}

}  // namespace tlsready::x509
