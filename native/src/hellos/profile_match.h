// Which known client sent this ClientHello: the built-in client profiles (assess/client_profiles.h,
// SSL Labs captures and documented defaults) ranked against a parsed hello, and "can this client do
// TLS 1.2 at all?" from the hello and the best profile. Pure functions; thread-safe (the profile
// table is parsed once, thread-safely).
//
// Comparison: GREASE (RFC 8701) is dropped from both sides, and so are the extensions a client adds
// or leaves out per connection rather than per build: server_name (no name for an IP target),
// padding (RFC 7685, size-dependent) and pre_shared_key (resumption only). A profile is an exact
// match when its cipher suites and extensions are equal in order; otherwise the score (0..1) weighs
// suites 0.45, extensions 0.30, supported groups 0.10, signature algorithms 0.10 and the version
// range 0.05, each list compared as half set overlap (Jaccard) and half order (longest common
// subsequence over the longer list).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "codec/client_hello_parser.h"
#include "model/client_profile.h"

namespace tlsready::hellos {

struct ProfileMatch {
  const model::ClientProfile* profile = nullptr;  // into assess::client_profiles(): lives forever
  double score = 0.0;                             // 1.0 for an exact match
  bool exact = false;                             // suites and extensions equal, in order
};

// The `limit` best profiles, best first (exact matches first, then by score, then table order).
std::vector<ProfileMatch> match_profiles(const codec::ClientHelloInfo& hello, std::size_t limit = 3);
std::vector<ProfileMatch> match_profiles(const codec::ClientHelloInfo& hello,
                                         const std::vector<model::ClientProfile>& profiles, std::size_t limit);

// Below this score a nearest profile is only a guess: it is reported, but says nothing about TLS 1.2.
inline constexpr double kTrustedMatchScore = 0.8;

struct Tls12Capability {
  std::optional<bool> can;  // nullopt: the hello does not tell and no trusted profile does
  std::string basis;        // why, for people: "the hello offers TLS 1.2", "TLS_FALLBACK_SCSV: a retry", ...
};

// From the hello first (it offers TLS 1.2 or later; or TLS_FALLBACK_SCSV: a client retrying below
// its best, RFC 7507), then from `best` when it is exact or scores at least kTrustedMatchScore
// (cannot_use_tls12: Microsoft's list; else whether its range reaches TLS 1.2).
Tls12Capability can_do_tls12(const codec::ClientHelloInfo& hello, const std::optional<ProfileMatch>& best);

}  // namespace tlsready::hellos
