// Reads a ServerKeyExchange according to the key exchange of the suite the server chose.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "codec/server_messages.h"

namespace tlsready::probe {

// The key-exchange kind whose parameters a ServerKeyExchange carries for `suite`, if any.
std::optional<codec::KeyExchangeKind> ephemeral_kind(uint16_t suite);

// Parses `body` for `suite`; nullopt when the suite has no ephemeral parameters or it is malformed.
std::optional<codec::ServerKeyExchange> read_key_exchange(uint16_t suite, const std::vector<uint8_t>& body);

}  // namespace tlsready::probe
