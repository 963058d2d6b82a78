#include "probe/key_exchange.h"

#include <string>

#include "registry/cipher_suite_registry.h"

namespace tlsready::probe {

std::optional<codec::KeyExchangeKind> ephemeral_kind(uint16_t suite) {
  const registry::CipherSuite* info = registry::find_cipher_suite(suite);
  if (info == nullptr) return std::nullopt;
  // Anonymous DH/ECDH suites (TLS_DH_anon_*, TLS_ECDH_anon_*) are ephemeral too (RFC 5246 §7.4.3).
  const bool anonymous = info->auth == "anon";
  if (info->kx == "DHE" || (info->kx == "DH" && anonymous)) return codec::KeyExchangeKind::dhe;
  if (info->kx == "ECDHE" || (info->kx == "ECDH" && anonymous)) return codec::KeyExchangeKind::ecdhe;
  return std::nullopt;
}

std::optional<codec::ServerKeyExchange> read_key_exchange(uint16_t suite, const std::vector<uint8_t>& body) {
  auto kind = ephemeral_kind(suite);
  if (!kind) return std::nullopt;
  codec::ServerKeyExchange parsed;
  std::string why;
  if (!codec::parse_server_key_exchange(body, *kind, parsed, why)) return std::nullopt;
  return parsed;
}

}  // namespace tlsready::probe
