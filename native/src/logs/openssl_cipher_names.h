// OpenSSL's cipher-suite names as text logs write them (nginx $ssl_cipher, Apache SSL_CIPHER, HAProxy
// %sslc, Postfix and Dovecot "with cipher ...") mapped through the cipher-suite registry
// (native/data/cipher_suites.csv, openssl_name) to the IANA name and to the algorithm words IIS
// events use ("AES-256", "SHA1", "ECDHE"), so that every source describes a suite alike.
// Thread-safe (the registry is parsed once, on first use).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

struct CipherFacts {
  std::string suite;         // IANA name ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"); "" when the registry lacks it
  std::string cipher;        // bulk cipher: "AES-256", "3DES", "RC4", "CHACHA20-POLY1305"
  std::string hash;          // MAC hash: "SHA1", "SHA256", "MD5"; "" for AEAD suites (as IIS logs them)
  std::string key_exchange;  // "RSA", "DHE", "ECDHE", "DH", "ECDH"; "" for TLS 1.3 suites (negotiated apart)
};

// The facts of the suite OpenSSL calls `name` (also by its IANA name, and OpenSSL 1.0.2's EDH-/EXP-EDH-
// spellings of DHE suites); nullopt for a name the registry does not know ('-' or "" included).
std::optional<CipherFacts> cipher_facts_from_openssl_name(std::string_view name);

// For an OpenSSL-style list of the suites a client offered (nginx $ssl_ciphers: "AES128-SHA:ECDHE-...",
// unknown codes as "0x1301"): true when one of them is negotiable only in TLS 1.2 or later (AEAD or
// SHA-2 suites: the client can speak TLS 1.2), false when none is, nullopt for an empty or '-' list.
std::optional<bool> offers_tls12_only_suites(std::string_view list);

// The protocol and suite facts of `event` from OpenSSL's names ("TLSv1", "ECDHE-RSA-AES256-SHA"):
// protocol_raw as written, protocol null (and stats.unknown_values counted) for an unknown version,
// suite/cipher/hash/key_exchange from the registry, the cipher name as written when it is unknown.
void fill_tls_facts(TlsUseEvent& event, std::string_view protocol, std::string_view cipher, LogReadStats& stats);

}  // namespace tlsready::logs
