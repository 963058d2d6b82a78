#include "logs/openssl_cipher_names.h"

#include "common/text.h"
#include "model/protocol_version.h"
#include "registry/cipher_suite_registry.h"

namespace tlsready::logs {
namespace {

// Registry cipher words ("AES_256_CBC", "RC4_128", "CHACHA20_POLY1305") in the IIS vocabulary
// (native/data/schannel_log_values.csv: "AES-256", "RC4", "3DES"): the mode is left out, as SCHANNEL's
// CALG_AES_256 leaves it out.
std::string cipher_word(const std::string& registry_cipher) {
  static constexpr std::string_view kModes[] = {"_CCM_8", "_CBC", "_GCM", "_CCM", "_CTR"};
  std::string_view word = registry_cipher;
  if (text::istarts_with(word, "RC4_")) return "RC4";
  if (text::istarts_with(word, "RC2_")) return "RC2";
  if (word == "DES40") return "DES";
  for (std::string_view mode : kModes) {
    if (text::iends_with(word, mode)) {
      word.remove_suffix(mode.size());
      break;
    }
  }
  std::string out(word);
  for (char& c : out)
    if (c == '_') c = '-';
  return out;
}

const registry::CipherSuite* find_suite(std::string_view name) {
  if (const registry::CipherSuite* suite = registry::find_cipher_suite_by_name(name)) return suite;
  // OpenSSL 1.0.2 spelled the 3DES/DES DHE suites EDH-... (the registry keeps 3.x's DHE-...).
  std::string alias;
  if (text::istarts_with(name, "EDH-")) alias = "DHE-" + std::string(name.substr(4));
  if (text::istarts_with(name, "EXP-EDH-")) alias = "EXP-DHE-" + std::string(name.substr(8));
  return alias.empty() ? nullptr : registry::find_cipher_suite_by_name(alias);
}

}  // namespace

std::optional<CipherFacts> cipher_facts_from_openssl_name(std::string_view name) {
  name = text::trim_view(name);
  if (name.empty() || name == "-") return std::nullopt;
  const registry::CipherSuite* suite = find_suite(name);
  if (!suite || suite->scsv) return std::nullopt;
  CipherFacts facts;
  facts.suite = suite->iana_name;
  facts.cipher = cipher_word(suite->cipher);
  facts.hash = suite->mac == "AEAD" || suite->mac == "NULL" ? "" : suite->mac;
  facts.key_exchange = suite->kx == "ANY" ? "" : suite->kx;
  return facts;
}

std::optional<bool> offers_tls12_only_suites(std::string_view list) {
  list = text::trim_view(list);
  if (list.empty() || list == "-") return std::nullopt;
  for (std::string_view name : text::split(list, ':')) {
    const registry::CipherSuite* suite = find_suite(text::trim_view(name));
    if (!suite || suite->scsv || suite->protocols.empty()) continue;
    if (suite->protocols.front() >= registry::ProtocolVersion::tls1_2) return true;
  }
  return false;
}

void fill_tls_facts(TlsUseEvent& event, std::string_view protocol, std::string_view cipher, LogReadStats& stats) {
  event.protocol_raw = std::string(protocol);
  event.protocol = model::parse_any_version_name(protocol);
  if (!event.protocol) ++stats.unknown_values;
  if (const auto facts = cipher_facts_from_openssl_name(cipher)) {
    event.suite = facts->suite;
    event.cipher = facts->cipher;
    event.hash = facts->hash;
    event.key_exchange = facts->key_exchange;
  } else if (cipher != "-") {
    event.cipher = std::string(cipher);  // a name the registry does not know: as written
  }
}

}  // namespace tlsready::logs
