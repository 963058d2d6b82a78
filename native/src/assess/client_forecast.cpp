#include "assess/client_forecast.h"

#include <algorithm>

#include "assess/client_rules.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

using model::ClientFailure;
using model::ClientOutcome;
using model::ClientOutcomeStatus;
using model::ProtocolVersion;

std::string version_text(ProtocolVersion version) { return std::string(model::display_name(version)); }

std::string suite_text(uint16_t code) { return registry::cipher_suite_name_or_hex(code); }

std::string group_text(uint16_t code) {
  if (const auto* group = registry::find_group(code)) return group->name;
  return hex::code16(code);
}

bool contains(const std::vector<uint16_t>& list, uint16_t code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool is_tls13_suite(uint16_t code) { return (code & 0xFF00) == 0x1300; }

// The suite can be negotiated in `version` (TLS 1.3 suites only in TLS 1.3, the others only below).
bool usable_in(uint16_t code, ProtocolVersion version) {
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  if (suite == nullptr) return version != ProtocolVersion::tls1_3 && !is_tls13_suite(code);  // private suites
  if (suite->scsv) return false;
  if (version == ProtocolVersion::tls1_3) return is_tls13_suite(code);
  if (is_tls13_suite(code)) return false;
  return true;  // the server accepted it in this version: the registry's range is not the judge
}

bool needs_group(uint16_t code, ProtocolVersion version) {
  if (version == ProtocolVersion::tls1_3) return true;
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  return suite != nullptr && suite->kx == "ECDHE";
}

bool is_dhe(uint16_t code, ProtocolVersion version) {
  if (version == ProtocolVersion::tls1_3) return false;
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  return suite != nullptr && suite->kx == "DHE";
}

// RFC 7919 §2: the FFDHE groups are 0x0100-0x01FF (0x01FC-0x01FF private use).
bool lists_ffdhe_group(const model::ClientProfile& client) {
  return std::any_of(client.groups.begin(), client.groups.end(),
                     [](uint16_t group) { return group >= 0x0100 && group <= 0x01FF; });
}

std::string list_versions(const model::ServerProfile& server) {
  std::string text;
  for (const auto& offer : server.versions) {
    if (!text.empty()) text += ", ";
    text += version_text(offer.version);
  }
  return text.empty() ? "none" : text;
}

ClientOutcome start(const model::ClientProfile& client) {
  ClientOutcome outcome;
  outcome.client_id = client.id;
  outcome.client_name = client.name;
  outcome.method = "forecast";
  return outcome;
}

ClientOutcome fail(ClientOutcome outcome, ClientFailure reason, std::string detail) {
  outcome.status = ClientOutcomeStatus::fails;
  outcome.reason = reason;
  outcome.detail = std::move(detail);
  return outcome;
}

ClientOutcome unknown(ClientOutcome outcome, std::string detail) {
  outcome.status = ClientOutcomeStatus::unknown;
  outcome.reason = ClientFailure::none;
  outcome.detail = std::move(detail);
  return outcome;
}

// The group the server takes for this client: the client's first group the server accepts (the
// key share a client sends is for its first group; RFC 8446 §4.2.8). A TLS <= 1.2 client that sends
// no supported_groups lets the server choose (RFC 4492 §4): the server's first.
std::optional<uint16_t> shared_group(const model::ClientProfile& client, const model::ServerVersionOffer& offer) {
  if (client.groups.empty()) {
    if (offer.version == ProtocolVersion::tls1_3 || offer.groups.empty()) return std::nullopt;
    return offer.groups.front();
  }
  for (uint16_t group : client.groups) {
    if (contains(offer.groups, group)) return group;
  }
  return std::nullopt;
}

// The client's rules on the server's choice (assess/client_rules.h, the ones the simulation applies
// to what it reads off the wire): DH size, certificate key and signature. A DHE suite whose prime
// the scan did not measure is unknown for a client with DH limits.
std::optional<ClientOutcome> choice_rule(const model::ClientProfile& client, const model::ServerProfile& server,
                                         const model::ServerVersionOffer& offer, const ClientOutcome& outcome) {
  ServerChoice choice;
  choice.version = *outcome.version;
  choice.cipher_suite = *outcome.cipher_suite;
  choice.group = outcome.group;
  if (is_dhe(choice.cipher_suite, choice.version)) {
    if (!offer.dh_bits && (client.min_dh_bits || client.max_dh_bits))
      return unknown(outcome, "would negotiate " + suite_text(choice.cipher_suite) +
                                  "; the scan did not find the server's DH prime size");
    choice.dh_bits = offer.dh_bits;
  }
  choice.certificate_key_type = server.certificate_key_type;
  choice.certificate_key_bits = server.certificate_key_bits;
  choice.certificate_signature_hash = server.certificate_signature_hash;
  choice.chain_has_sha1_signature = server.chain_has_sha1_signature;
  const ClientJudgement judgement = judge_server_choice(client, choice);
  if (judgement.accepted()) return std::nullopt;
  return fail(outcome, judgement.reason, judgement.detail);
}

std::optional<ClientOutcome> hello_shape_rule(const model::ClientProfile& client, const model::ServerProfile& server,
                                              const ClientOutcome& outcome) {
  const int suites = static_cast<int>(client.cipher_suites.size());
  if (server.max_cipher_suites && suites > *server.max_cipher_suites) {
    if (!server.refused_cipher_suites || suites >= *server.refused_cipher_suites)
      return fail(outcome, ClientFailure::hello_rejected,
                  "offers " + std::to_string(suites) + " cipher suites; the server drops hellos with more than " +
                      std::to_string(*server.max_cipher_suites));
    return unknown(outcome, "offers " + std::to_string(suites) + " cipher suites; the server answered " +
                                std::to_string(*server.max_cipher_suites) + " and dropped " +
                                std::to_string(*server.refused_cipher_suites));
  }
  if (server.max_hello_bytes) {
    const int bytes = client_hello_bytes(client, server.server_name.value_or("localhost"));
    if (bytes > *server.max_hello_bytes) {
      if (!server.refused_hello_bytes || bytes >= *server.refused_hello_bytes)
        return fail(outcome, ClientFailure::hello_rejected,
                    "sends a hello of about " + std::to_string(bytes) +
                        " bytes; the server (or a middlebox) drops "
                        "hellos above " +
                        std::to_string(*server.max_hello_bytes) + " bytes");
      return unknown(outcome, "sends a hello of about " + std::to_string(bytes) + " bytes; the server answered " +
                                  std::to_string(*server.max_hello_bytes) + " and dropped " +
                                  std::to_string(*server.refused_hello_bytes));
    }
  }
  return std::nullopt;
}

// Bytes of one key share's key_exchange (RFC 8446 §4.2.8.2; draft-ietf-tls-ecdhe-mlkem for the
// hybrids); 32 for groups not listed.
int key_share_bytes(uint16_t group) {
  switch (group) {
    case 0x0017: return 65;
    case 0x0018: return 97;
    case 0x0019: return 133;
    case 0x001E: return 56;
    case 0x0100: return 256;
    case 0x11EB: return 1249;
    case 0x11EC: return 1216;
    case 0x11ED: return 1665;
    default: return 32;
  }
}

// The key_share extension's body: a share for the first group, and for the second too when the
// first is a post-quantum hybrid (as Chrome and Firefox send X25519MLKEM768 beside X25519).
int key_share_extension_bytes(const model::ClientProfile& client) {
  if (client.groups.empty()) return 2 + 4 + 32;
  int length = 2 + 4 + key_share_bytes(client.groups[0]);
  if (client.groups[0] >= 0x11EB && client.groups[0] <= 0x11ED && client.groups.size() > 1)
    length += 4 + key_share_bytes(client.groups[1]);
  return length;
}

// The versions the simulation's supported_versions lists: max_version down to min_version, TLS 1.0
// and up (probe/client_simulation_hello.h); one for a TLS 1.2 client that lists the extension.
int supported_versions_count(const model::ClientProfile& client) {
  if (client.max_version != ProtocolVersion::tls1_3) return 1;
  const int low = std::max(model::wire_code(client.min_version), model::wire_code(ProtocolVersion::tls1_0));
  return std::max(1, model::wire_code(ProtocolVersion::tls1_3) - low + 1);
}

bool lists_padding(const model::ClientProfile& client) {
  return std::find(client.extensions.begin(), client.extensions.end(), uint16_t{0x0015}) != client.extensions.end();
}

// RFC 7685 §4 as OpenSSL and BoringSSL apply it: a handshake message (type and length included)
// of 256-511 bytes is padded to 512 (the F5 workaround), as our codec pads it.
int padded_message_bytes(int message, bool padding) {
  return padding && message >= 256 && message < 512 ? 512 : message;
}

}  // namespace

int estimated_hello_bytes(const model::ClientProfile& client, std::string_view host) {
  const bool tls13 = client.max_version == ProtocolVersion::tls1_3;
  if (client.hello_format == model::HelloFormat::sslv2_compatible) {
    // SSL 2.0 CLIENT-HELLO: 2-byte header, 9 fixed bytes, 3 bytes per cipher kind, 16-byte challenge.
    return 2 + 9 + 3 * static_cast<int>(client.cipher_suites.size()) + 16;
  }
  int body = 2 + 32 + 1 + (tls13 ? 32 : 0) + 2 + 2 * static_cast<int>(client.cipher_suites.size()) + 2;
  int extensions = 0;
  bool padding = false;
  for (uint16_t type : client.extensions) {
    int length = 0;
    switch (type) {
      case 0x0000:
        if (!client.sends_sni || host.empty()) continue;  // no name: no server_name extension
        length = 5 + static_cast<int>(host.size());
        break;
      case 0x000A: length = 2 + 2 * static_cast<int>(client.groups.size()); break;
      case 0x000D: length = 2 + 2 * static_cast<int>(client.signature_algorithms.size()); break;
      case 0x0010: {
        length = 2;
        for (const auto& protocol : client.alpn) length += 1 + static_cast<int>(protocol.size());
        break;
      }
      case 0x000B: length = 2; break;                                  // ec_point_formats: uncompressed
      case 0x0005: length = 5; break;                                  // status_request (OCSP)
      case 0xFF01: length = 1; break;                                  // renegotiation_info
      case 0x002B: length = 1 + 2 * supported_versions_count(client); break;  // supported_versions
      case 0x002D: length = 2; break;                                  // psk_key_exchange_modes
      case 0x0033: length = key_share_extension_bytes(client); break;  // key_share
      case 0x001B: length = 3; break;                                  // compress_certificate
      case 0x0015: padding = true; continue;                           // padding: added below
      default: length = 0; break;                                      // empty (EMS, ETM, ticket, SCT)
    }
    extensions += 4 + length;
  }
  if (!client.extensions.empty()) body += 2 + extensions;
  return 5 + padded_message_bytes(4 + body, padding);
}

int client_hello_bytes(const model::ClientProfile& client, std::string_view host) {
  if (!client.hello_bytes || client.hello_format != model::HelloFormat::tls) return estimated_hello_bytes(client, host);
  const bool names = client.sends_sni && !host.empty();
  const int record = *client.hello_bytes + (names ? static_cast<int>(host.size()) : 0);
  return 5 + padded_message_bytes(record - 5, lists_padding(client));
}

ClientOutcome forecast(const model::ClientProfile& client, const model::ServerProfile& server) {
  ClientOutcome outcome = start(client);
  if (auto shape = hello_shape_rule(client, server, outcome)) return *shape;

  // The server's version: the highest it accepts up to the client's maximum.
  const model::ServerVersionOffer* chosen = nullptr;
  for (const auto& offer : server.versions) {
    if (model::wire_code(offer.version) <= model::wire_code(client.max_version)) chosen = &offer;
  }
  const std::string range = version_text(client.min_version) + "-" + version_text(client.max_version);
  if (chosen == nullptr || model::wire_code(chosen->version) < model::wire_code(client.min_version))
    return fail(outcome, ClientFailure::no_common_version,
                "offers " + range + "; the server accepts " + list_versions(server));
  const ProtocolVersion version = chosen->version;
  for (uint16_t extension : chosen->refused_extensions) {
    if (contains(client.extensions, extension))
      return fail(outcome, ClientFailure::hello_rejected,
                  "sends extension " + std::to_string(extension) + ", which makes the server (or a middlebox) drop " +
                      version_text(version) + " hellos");
  }
  // The server name is judged after the version and before the suite, as OpenSSL does
  // (ssl/statem/statem_srvr.c: tls_early_post_process_client_hello chooses the version, then runs
  // the extensions' final callbacks, the servername callback among them; the suite is chosen later
  // in tls_post_process_client_hello). A client that shares no version is refused for that first.
  if (const ClientJudgement sni = judge_sni(client, server.requires_sni); !sni.accepted())
    return fail(outcome, sni.reason, sni.detail);
  if (version == ProtocolVersion::ssl2)
    return unknown(outcome, "would negotiate SSLv2; SSL 2.0 cipher kinds are not in the profile");
  outcome.version = version;

  // The suite: by the server's order or the client's, among those both accept in this version.
  std::vector<uint16_t> order;
  // RFC 7919 §4: a server that keeps DHE for clients listing an FFDHE group never picks it for the others.
  const bool dhe_withheld = chosen->dhe_needs_ffdhe && !lists_ffdhe_group(client);
  const auto acceptable = [&](uint16_t code) {
    return usable_in(code, version) && client_accepts_suite(client, code) && contains(chosen->cipher_suites, code) &&
           !(dhe_withheld && is_dhe(code, version));
  };
  for (uint16_t code : chosen->server_order ? chosen->cipher_suites : client.cipher_suites) {
    if (acceptable(code) && !contains(order, code)) order.push_back(code);
  }
  if (order.empty()) {
    const bool offered_dhe = std::any_of(client.cipher_suites.begin(), client.cipher_suites.end(), [&](uint16_t code) {
      return is_dhe(code, version) && contains(chosen->cipher_suites, code) && client_accepts_suite(client, code);
    });
    if (dhe_withheld && offered_dhe)
      return fail(outcome, ClientFailure::no_common_suite,
                  "its only suites in common are DHE, which the server chooses only for a client listing an RFC 7919 "
                  "FFDHE group in supported_groups; it lists none");
    return fail(outcome, ClientFailure::no_common_suite,
                "none of its " + std::to_string(client.cipher_suites.size()) + " cipher suites is accepted in " +
                    version_text(version));
  }
  std::optional<uint16_t> suite;
  std::optional<uint16_t> group;
  bool skipped_for_group = false;
  for (uint16_t code : order) {
    if (!needs_group(code, version)) {
      suite = code;
      break;
    }
    if (!chosen->groups_known) {
      outcome.cipher_suite = code;
      return unknown(outcome, "would negotiate " + version_text(version) + " with " + suite_text(code) +
                                  "; the scan did not probe the server's groups");
    }
    group = shared_group(client, *chosen);
    if (group) {
      suite = code;
      break;
    }
    skipped_for_group = true;
  }
  if (!suite) {
    return fail(outcome, ClientFailure::no_common_group,
                skipped_for_group ? "shares no key-exchange group with the server in " + version_text(version)
                                  : "no usable suite in " + version_text(version));
  }
  outcome.cipher_suite = suite;
  if (group && needs_group(*suite, version)) outcome.group = group;

  if (auto refused = choice_rule(client, server, *chosen, outcome)) return *refused;
  outcome.status = ClientOutcomeStatus::connects;
  outcome.reason = ClientFailure::none;
  outcome.detail = version_text(version) + " with " + suite_text(*suite) +
                   (outcome.group ? " over " + group_text(*outcome.group) : std::string());
  return outcome;
}

std::vector<model::ClientOutcome> forecast_all(const std::vector<model::ClientProfile>& clients,
                                               const model::ServerProfile& server) {
  std::vector<model::ClientOutcome> outcomes;
  outcomes.reserve(clients.size());
  for (const auto& client : clients) outcomes.push_back(forecast(client, server));
  return outcomes;
}

}  // namespace tlsready::assess
