#include "assess/client_what_if.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "registry/cipher_suite_registry.h"

namespace tlsready::assess {
namespace {

const std::vector<std::string_view> kClasses = {"3des", "rc4", "des", "cbc", "rsa-kx", "dhe", "sha1-mac"};

std::string trimmed_lower(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void reject(const std::string& token, const std::string& why) {
  throw std::invalid_argument("what-if '" + token + "': " + why +
                              " (use no-ssl3, no-tls10, no-tls11, no-tls12, no-tls13, no-suite:0xXXXX, no-3des, "
                              "no-rc4, no-des, no-cbc, no-rsa-kx, no-dhe, no-sha1-mac)");
}

std::optional<model::ProtocolVersion> version_of(const std::string& name) {
  // "tls10" -> "tls1.0", "ssl3" stays: the compact spelling of the CLI flags.
  std::string spelled = name;
  if (spelled.size() == 5 && (spelled.rfind("tls", 0) == 0) && std::isdigit(static_cast<unsigned char>(spelled[3])) &&
      std::isdigit(static_cast<unsigned char>(spelled[4])))
    spelled.insert(4, ".");
  return model::parse_any_version_name(spelled);
}

uint16_t suite_of(const std::string& token, const std::string& name) {
  if (name.size() == 6 && name.rfind("0x", 0) == 0) {
    try {
      std::size_t used = 0;
      const unsigned long value = std::stoul(name.substr(2), &used, 16);
      if (used == 4) return static_cast<uint16_t>(value);
    } catch (const std::exception&) {}
  }
  if (const auto* suite = registry::find_cipher_suite_by_name(name)) return suite->code;
  reject(token, "unknown cipher suite '" + name + "' (a 0xXXXX code, an IANA or an OpenSSL name)");
}

bool in_class(const registry::CipherSuite& suite, std::string_view klass) {
  if (klass == "3des") return suite.cipher == "3DES";
  if (klass == "rc4") return suite.cipher.rfind("RC4", 0) == 0;
  if (klass == "des") return suite.cipher == "DES" || suite.cipher == "DES40";
  if (klass == "cbc") return suite.mac != "AEAD" && suite.cipher != "NULL";
  if (klass == "rsa-kx") return suite.kx == "RSA";
  if (klass == "dhe") return suite.kx == "DHE";
  if (klass == "sha1-mac") return suite.mac == "SHA1";
  return false;
}

}  // namespace

WhatIf parse_what_if(std::string_view spec) {
  WhatIf what_if;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find(',', start);
    const std::string token =
        trimmed_lower(spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    start = comma == std::string_view::npos ? spec.size() + 1 : comma + 1;
    if (token.empty()) continue;
    if (token.rfind("no-", 0) != 0) reject(token, "must start with 'no-'");
    const std::string rest = token.substr(3);
    if (rest.rfind("suite:", 0) == 0) {
      what_if.drop_suites.push_back(suite_of(token, rest.substr(6)));
    } else if (std::find(kClasses.begin(), kClasses.end(), rest) != kClasses.end()) {
      what_if.drop_classes.push_back(rest);
    } else if (auto version = version_of(rest)) {
      what_if.drop_versions.push_back(*version);
    } else {
      reject(token, "unknown change");
    }
    what_if.changes.push_back(token);
  }
  return what_if;
}

bool what_if_drops_suite(const WhatIf& what_if, uint16_t code) {
  if (std::find(what_if.drop_suites.begin(), what_if.drop_suites.end(), code) != what_if.drop_suites.end()) return true;
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  if (suite == nullptr) return false;
  return std::any_of(what_if.drop_classes.begin(), what_if.drop_classes.end(),
                     [&](const std::string& klass) { return in_class(*suite, klass); });
}

model::ServerProfile apply_what_if(const model::ServerProfile& server, const WhatIf& what_if) {
  model::ServerProfile changed = server;
  changed.versions.clear();
  for (const model::ServerVersionOffer& offer : server.versions) {
    if (std::find(what_if.drop_versions.begin(), what_if.drop_versions.end(), offer.version) !=
        what_if.drop_versions.end())
      continue;
    model::ServerVersionOffer kept = offer;
    kept.cipher_suites.clear();
    for (uint16_t code : offer.cipher_suites) {
      if (!what_if_drops_suite(what_if, code)) kept.cipher_suites.push_back(code);
    }
    // SSLv2 has cipher kinds, not suites: keep it unless its version is dropped.
    if (kept.cipher_suites.empty() && offer.version != model::ProtocolVersion::ssl2) continue;
    changed.versions.push_back(std::move(kept));
  }
  if (!what_if.empty())
    changed.description += " if " + [&] {
      std::string joined;
      for (const auto& change : what_if.changes) joined += (joined.empty() ? "" : ",") + change;
      return joined;
    }();
  return changed;
}

}  // namespace tlsready::assess
