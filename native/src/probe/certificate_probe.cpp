#include "probe/certificate_probe.h"

#include <string>

#include "codec/constants.h"
#include "net/connection.h"
#include "x509/certificate_info.h"
#include "x509/openssl_handshake.h"

namespace tlsready::probe {

namespace {

// The full handshake needs one accepted (version, suite) pair the linked OpenSSL can do.
bool openssl_could_connect(const model::EndpointResult& result) {
  for (const auto& protocol : result.protocols) {
    if (!protocol.accepted || protocol.version < codec::wire_version::tls1_0) continue;
    for (uint16_t suite : protocol.cipher_suites)
      if (x509::openssl_offers_suite(suite)) return true;
  }
  return false;
}

// The kind of an OpenSSL handshake that did not complete (x509/openssl_handshake.cpp words its
// timeout and cancel reasons so; everything else is the server or OpenSSL refusing).
FailureKind handshake_failure_kind(const std::string& failure) {
  if (failure.rfind("TLS handshake timeout", 0) == 0) return FailureKind::timeout;
  if (failure == "TLS handshake cancelled") return FailureKind::cancelled;
  if (failure.find("reset the connection") != std::string::npos) return FailureKind::connection_reset;
  return FailureKind::handshake_refused;
}

}  // namespace

void probe_certificate(ProbeContext& context, const Evidence& evidence, std::time_t now,
                       model::EndpointResult& result) {
  x509::HandshakeFacts facts;
  net::Connection connection;
  std::optional<Failure> handshake_failure;  // the full handshake was tried and did not complete
  const bool attempted = openssl_could_connect(result);
  if (!attempted) {
    result.checks.session = model::CheckOutcome::skipped(
        "full handshake skipped: the linked OpenSSL has none of the suites the server accepts; the session facts "
        "are those seen in the probes' answers");
  } else if (auto failure = context.connect(connection)) {
    handshake_failure = failure;
  } else {
    x509::HandshakeOptions options;
    options.server_name = context.sni();
    options.timeout = context.timeout();  // shortened to what is left of the endpoint's budget
    options.cancel = context.cancel_flag();
    facts = x509::openssl_handshake(connection.fd(), options);
    if (!facts.completed) handshake_failure = Failure{handshake_failure_kind(facts.failure), facts.failure};
  }

  model::SessionFacts& session = result.session;
  session.alpn_offered = {"h2", "http/1.1"};
  session.secure_renegotiation = evidence.secure_renegotiation;
  session.extended_master_secret = evidence.extended_master_secret;
  session.ocsp_stapling = evidence.ocsp_stapling;
  if (facts.completed) {
    if (!facts.alpn_selected.empty()) session.alpn_selected = facts.alpn_selected;
    session.ocsp_stapling = facts.ocsp_stapled || session.ocsp_stapling.value_or(false);
    if (!facts.ocsp_status.empty()) session.ocsp_status = facts.ocsp_status;
    // TLS 1.3 has both properties built in (RFC 8446 §4.2.9 / §7.1); for TLS <= 1.2 trust the
    // extensions seen in clear when OpenSSL agrees or saw nothing.
    session.secure_renegotiation = facts.secure_renegotiation || session.secure_renegotiation.value_or(false);
    session.extended_master_secret = facts.extended_master_secret || session.extended_master_secret.value_or(false);
    result.checks.session = model::CheckOutcome::completed();
  } else if (handshake_failure) {
    result.checks.session = model::CheckOutcome::failed(
        handshake_failure->kind, "full handshake with OpenSSL did not complete: " + handshake_failure->message +
                                     "; the session facts are those seen in the probes' answers");
  }

  const bool from_openssl = facts.completed && !facts.chain_der.empty();
  const auto& chain = from_openssl ? facts.chain_der : evidence.raw_chain;
  if (chain.empty()) {
    if (handshake_failure) {
      result.checks.certificate = model::CheckOutcome::failed(
          handshake_failure->kind, "no chain: the full handshake did not complete (" + handshake_failure->message +
                                       ") and the probes' answers carried no certificate");
    } else {
      result.checks.certificate = model::CheckOutcome::completed("the server sent no certificate");
    }
    return;
  }
  x509::TrustOptions trust;
  trust.use_system_store = context.options().use_system_trust_store;
  trust.ca_file = context.options().ca_file;
  model::CertificateResult certificate;
  certificate.source = from_openssl ? "openssl_handshake" : "raw_handshake";
  certificate.hostname = context.sni().empty() ? context.address().text : context.sni();
  certificate.analysis = x509::analyze_chain(chain, certificate.hostname, trust, now);
  result.certificate = std::move(certificate);
  result.checks.certificate =
      from_openssl ? model::CheckOutcome::completed()
                   : model::CheckOutcome::completed("the chain captured from the probes' answers (the full handshake " +
                                                    std::string(!attempted        ? "was skipped"
                                                                : facts.completed ? "returned no chain"
                                                                                  : "did not complete") +
                                                    ")");
}

}  // namespace tlsready::probe
