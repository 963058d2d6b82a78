// The what-if of the client forecast: the same server with versions or suites taken away.
// Spelling (comma-separated, case-insensitive):
//   no-ssl3 no-tls10 no-tls11 no-tls12 no-tls13 (any version spelling after "no-": no-TLSv1.0)
//   no-suite:0x000A, no-suite:TLS_RSA_WITH_3DES_EDE_CBC_SHA or an OpenSSL name
//   no-3des no-rc4 no-des no-cbc (every non-AEAD suite) no-rsa-kx (RSA key transport) no-dhe
//   no-sha1-mac (suites with a SHA-1 HMAC)
// A version left without a suite is taken away too (the server cannot negotiate it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/protocol_version.h"
#include "model/server_profile.h"

namespace tlsready::assess {

struct WhatIf {
  std::vector<std::string> changes;  // the tokens as given, normalised to lower case
  std::vector<model::ProtocolVersion> drop_versions;
  std::vector<uint16_t> drop_suites;      // explicit codes
  std::vector<std::string> drop_classes;  // "3des", "rc4", "des", "cbc", "rsa-kx", "dhe", "sha1-mac"
  bool empty() const { return changes.empty(); }
};

// Throws std::invalid_argument naming the token ("what-if 'no-tls9': unknown version ...").
WhatIf parse_what_if(std::string_view spec);

// Whether the change takes `code` away.
bool what_if_drops_suite(const WhatIf& what_if, uint16_t code);

model::ServerProfile apply_what_if(const model::ServerProfile& server, const WhatIf& what_if);

}  // namespace tlsready::assess
