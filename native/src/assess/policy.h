// A readiness policy as the verdict engine reads it: the rules a scanned endpoint is judged by (each
// with the finding text it gives when it fails) and the server side a server meeting the policy
// accepts. Loaded and validated from its JSON form by policy_file.h (schema:
// native/schema/policy.schema.json); the built-in policies are native/data/policies/*.json.
// Plain values: thread-safe to share once loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/protocol_version.h"

namespace tlsready::assess {

// What a rule checks (the schema's "check"; its description says what each one means).
enum class RuleCheck {
  versions_required,
  versions_required_any,
  versions_allowed,
  versions_forbidden,
  suites_allowed,
  suites_forbidden,
  suites_required_any,
  groups_allowed,
  dh_min_bits,
  certificate_key,
  certificate_signature,
  certificate_expiry,
  certificate_lifespan,
  certificate_trusted,
  certificate_hostname,
  server_order,
};

// What a failing rule makes the verdict.
enum class RuleEffect { not_ready, warning };

struct MinimumKeyBits {
  std::optional<int> rsa, ec, dsa;
};

struct PolicyRule {
  RuleCheck check = RuleCheck::versions_required;
  RuleEffect effect = RuleEffect::not_ready;
  // versions_*: the rule's versions; suite, group and DH rules: the versions judged (empty: all).
  std::vector<model::ProtocolVersion> versions;
  std::vector<uint16_t> suites;                 // IANA codes (names resolved at load)
  std::vector<std::string> properties;          // suite properties (schema suite_property)
  std::vector<uint16_t> groups;                 // group codes (names resolved at load)
  std::optional<int> bits;                      // dh_min_bits
  std::vector<std::string> key_types;           // certificate_key: allowed leaf key types ("RSA", "EC")
  MinimumKeyBits min_key_bits;                  // certificate_key
  std::vector<std::string> forbidden_hashes;    // certificate_signature: "sha1", "md5", ...
  std::vector<std::string> allowed_signatures;  // certificate_signature: OpenSSL long names
  std::optional<int> min_days_remaining;        // certificate_expiry
  std::optional<int> max_days;                  // certificate_lifespan
  model::Finding finding;                       // the text of the finding; evidence is added when the rule fails
};

struct PolicySource {
  std::string title, url, section, version;
};

struct PolicyMilestone {
  std::string date;  // YYYY-MM-DD
  std::string event;
};

// The server side (schema server_side): what a server meeting the policy accepts, for the client
// forecast (another room turns it into a model::ServerProfile).
struct PolicyServerVersion {
  model::ProtocolVersion version = model::ProtocolVersion::tls1_2;
  std::vector<uint16_t> cipher_suites;  // in the server's order when server_order
  bool server_order = false;
  std::vector<uint16_t> groups;
  std::optional<int> dh_bits;
};

struct PolicyServerSide {
  std::string description;
  std::vector<PolicyServerVersion> versions;
  std::optional<std::string> certificate_key_type;
  std::optional<int> certificate_key_bits;
  std::optional<std::string> certificate_signature_hash;
  bool requires_sni = false;
};

struct Policy {
  std::string id;    // "m365"
  std::string name;  // for people
  std::string description;
  std::vector<PolicySource> sources;
  std::vector<PolicyMilestone> milestones;
  std::vector<PolicyRule> rules;
  std::optional<PolicyServerSide> server_side;
  std::string origin;  // "built-in" or the file it was read from
};

}  // namespace tlsready::assess
