// SCHANNEL's numbers and constant names as Windows logs write them (native/data/schannel_log_values.csv):
// IIS's crypt-protocol / crypt-cipher / crypt-hash / crypt-keyexchange fields hold them in hex without
// 0x ("400", "6610"); Exchange's protocol logs name them ("SP_PROT_TLS1_2_SERVER", "CALG_AES_256").
// The table is parsed once, on first use; lookups are thread-safe after that (a function-local static).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/protocol_version.h"

namespace tlsready::logs {

enum class SchannelValueKind { protocol, cipher, hash, key_exchange };

struct SchannelValue {
  SchannelValueKind kind = SchannelValueKind::protocol;
  uint32_t value = 0;
  std::string constant;                           // "SP_PROT_TLS1_0_SERVER", "CALG_AES_256"
  std::optional<model::ProtocolVersion> version;  // protocol rows
  std::string role;                               // protocol rows: "server" or "client"
  std::string algorithm;                          // cipher/hash/key-exchange rows: "AES-256", "SHA1", "ECDHE"
};

// A malformed row of the compiled-in table (a build defect the unit tests catch).
class SchannelTableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The row for `kind` and a number as IIS writes it: hex without 0x, any case, at most 8 digits
// ("400", "0x400" and "00000400" too); nullopt for '-', an empty field, bad hex or an unknown value.
const SchannelValue* schannel_value_from_hex(SchannelValueKind kind, std::string_view hex_text);
// The row whose constant is `name` (ASCII case-insensitive; SP_PROT_TLS1_SERVER, the SDK's older
// spelling of SP_PROT_TLS1_0_SERVER, and "SP_PROT-TLS1_2_CLIENT" with a hyphen, as some Exchange
// builds write it, are accepted); nullptr when unknown.
const SchannelValue* schannel_value_from_constant(std::string_view name);

}  // namespace tlsready::logs
