#include "probe/certificate_probe.h"

#include "codec/constants.h"
#include "net/connection.h"
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

}  // namespace

void probe_certificate(ProbeContext& context, const Evidence& evidence, std::time_t now,
                       model::EndpointResult& result) {
  x509::HandshakeFacts facts;
  net::Connection connection;
  const bool attempted = openssl_could_connect(result);
  if (!attempted) {
    result.notes.push_back(
        "full handshake skipped: the linked OpenSSL has none of the suites the server accepts; the chain "
        "is the one captured from the probes");
  } else if (auto failure = context.connect(connection)) {
    facts.failure = failure->message;
  } else {
    x509::HandshakeOptions options;
    options.server_name = context.sni();
    options.timeout = context.timeout();  // shortened to what is left of the endpoint's budget
    options.cancel = context.cancel_flag();
    facts = x509::openssl_handshake(connection.fd(), options);
  }

  model::SessionFacts& session = result.session;
  session.alpn_offered = {"h2", "http/1.1"};
  session.secure_renegotiation = evidence.secure_renegotiation;
  session.extended_master_secret = evidence.extended_master_secret;
  session.ocsp_stapling = evidence.ocsp_stapling;
  if (facts.completed) {
    session.alpn_selected = facts.alpn_selected;
    session.ocsp_stapling = facts.ocsp_stapled || session.ocsp_stapling.value_or(false);
    session.ocsp_status = facts.ocsp_status;
    // TLS 1.3 has both properties built in (RFC 8446 §4.2.9 / §7.1); for TLS <= 1.2 trust the
    // extensions seen in clear when OpenSSL agrees or saw nothing.
    session.secure_renegotiation = facts.secure_renegotiation || session.secure_renegotiation.value_or(false);
    session.extended_master_secret = facts.extended_master_secret || session.extended_master_secret.value_or(false);
  } else if (attempted) {
    result.notes.push_back("full handshake with OpenSSL did not complete: " + facts.failure);
  }

  const auto& chain = facts.completed && !facts.chain_der.empty() ? facts.chain_der : evidence.raw_chain;
  if (chain.empty()) return;
  x509::TrustOptions trust;
  trust.use_system_store = context.options().use_system_trust_store;
  trust.ca_file = context.options().ca_file;
  model::CertificateResult certificate;
  certificate.source = facts.completed && !facts.chain_der.empty() ? "openssl_handshake" : "raw_handshake";
  certificate.hostname = context.sni().empty() ? context.address().text : context.sni();
  certificate.analysis = x509::analyze_chain(chain, certificate.hostname, trust, now);
  result.certificate = std::move(certificate);
}

}  // namespace tlsready::probe
