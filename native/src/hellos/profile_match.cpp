#include "hellos/profile_match.h"

#include <algorithm>
#include <set>

#include "assess/client_profiles.h"
#include "codec/constants.h"
#include "model/protocol_version.h"

namespace tlsready::hellos {
namespace {

constexpr uint16_t kPadding = 21;
constexpr uint16_t kPreSharedKey = 41;

constexpr double kSuiteWeight = 0.45;
constexpr double kExtensionWeight = 0.30;
constexpr double kGroupWeight = 0.10;
constexpr double kSignatureWeight = 0.10;
constexpr double kVersionWeight = 0.05;

std::vector<uint16_t> comparable(const std::vector<uint16_t>& values) {
  std::vector<uint16_t> out;
  for (uint16_t v : values) {
    if (!codec::is_grease_value(v)) out.push_back(v);
  }
  return out;
}

std::vector<uint16_t> comparable_extensions(const std::vector<uint16_t>& values) {
  std::vector<uint16_t> out;
  for (uint16_t v : comparable(values)) {
    if (v != codec::extension_type::server_name && v != kPadding && v != kPreSharedKey) out.push_back(v);
  }
  return out;
}

std::size_t longest_common_subsequence(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b) {
  std::vector<std::size_t> row(b.size() + 1, 0);
  for (uint16_t x : a) {
    std::size_t diagonal = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      const std::size_t above = row[j + 1];
      row[j + 1] = x == b[j] ? diagonal + 1 : std::max(row[j + 1], row[j]);
      diagonal = above;
    }
  }
  return row[b.size()];
}

double similarity(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::set<uint16_t> sa(a.begin(), a.end());
  const std::set<uint16_t> sb(b.begin(), b.end());
  std::size_t common = 0;
  for (uint16_t v : sa) common += sb.count(v);
  const double jaccard = static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
  const double order =
      static_cast<double>(longest_common_subsequence(a, b)) / static_cast<double>(std::max(a.size(), b.size()));
  return 0.5 * jaccard + 0.5 * order;
}

struct HelloLists {
  std::vector<uint16_t> suites;
  std::vector<uint16_t> extensions;
  std::vector<uint16_t> groups;
  std::vector<uint16_t> signatures;
  uint16_t max_version = 0;
  uint16_t min_version = 0;
};

HelloLists lists_of(const codec::ClientHelloInfo& hello) {
  HelloLists lists{comparable(hello.cipher_suites),
                   comparable_extensions(hello.extensions),
                   comparable(hello.supported_groups),
                   comparable(hello.signature_algorithms),
                   hello.max_version(),
                   0};
  const std::vector<uint16_t> offered = hello.offered_versions();
  lists.min_version = offered.empty() ? lists.max_version : offered.front();
  return lists;
}

ProfileMatch score(const HelloLists& hello, const model::ClientProfile& profile) {
  ProfileMatch match;
  match.profile = &profile;
  const std::vector<uint16_t> extensions = comparable_extensions(profile.extensions);
  if (hello.suites == profile.cipher_suites && hello.extensions == extensions) {
    match.exact = true;
    match.score = 1.0;
    return match;
  }
  const uint16_t max = model::wire_code(profile.max_version);
  const double version = max == hello.max_version ? 1.0 : 0.0;
  match.score = kSuiteWeight * similarity(hello.suites, profile.cipher_suites) +
                kExtensionWeight * similarity(hello.extensions, extensions) +
                kGroupWeight * similarity(hello.groups, profile.groups) +
                kSignatureWeight * similarity(hello.signatures, profile.signature_algorithms) +
                kVersionWeight * version;
  // An inexact match never reads as exact.
  match.score = std::min(match.score, 0.999);
  return match;
}

}  // namespace

std::vector<ProfileMatch> match_profiles(const codec::ClientHelloInfo& hello,
                                         const std::vector<model::ClientProfile>& profiles, std::size_t limit) {
  const HelloLists lists = lists_of(hello);
  std::vector<ProfileMatch> matches;
  matches.reserve(profiles.size());
  for (const model::ClientProfile& profile : profiles) matches.push_back(score(lists, profile));
  std::stable_sort(matches.begin(), matches.end(), [](const ProfileMatch& a, const ProfileMatch& b) {
    if (a.exact != b.exact) return a.exact;
    return a.score > b.score;
  });
  if (matches.size() > limit) matches.resize(limit);
  return matches;
}

std::vector<ProfileMatch> match_profiles(const codec::ClientHelloInfo& hello, std::size_t limit) {
  return match_profiles(hello, assess::client_profiles(), limit);
}

Tls12Capability can_do_tls12(const codec::ClientHelloInfo& hello, const std::optional<ProfileMatch>& best) {
  if (hello.max_version() >= codec::wire_version::tls1_2 && hello.max_version() <= codec::wire_version::tls1_3) {
    return {true, "the hello offers TLS 1.2 or later"};
  }
  if (hello.fallback_retry()) {
    return {true, "TLS_FALLBACK_SCSV: a client retrying below its best version (RFC 7507), not a legacy client"};
  }
  if (best && best->profile && (best->exact || best->score >= kTrustedMatchScore)) {
    const model::ClientProfile& profile = *best->profile;
    if (profile.cannot_use_tls12) {
      return {false, "matches " + profile.id + ", on Microsoft's list of clients that cannot use TLS 1.2"};
    }
    if (model::wire_code(profile.max_version) >= codec::wire_version::tls1_2) {
      return {true, "matches " + profile.id + ", which can do TLS 1.2 when it is enabled"};
    }
    return {false, "matches " + profile.id + ", whose versions end below TLS 1.2"};
  }
  return {std::nullopt, "the hello offers only versions below TLS 1.2 and matches no known client closely"};
}

}  // namespace tlsready::hellos
