// Reads a policy document (native/schema/policy.schema.json) into assess::Policy, strictly: an
// unknown field, a missing one, a wrong type, an unknown version, suite, group or property is a
// PolicyError naming the file and the field ("policy.json: rules[2].suites[1]: unknown cipher
// suite 'TLS_FOO'"). The built-in policies (native/data/policies/*.json) are compiled in.
// Thread-safe: the built-ins are parsed once, on first use, under a static initialiser.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/policy.h"

namespace tlsready::assess {

// Bad policy input: the message names the file (or "built-in policy X") and the field.
class PolicyError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Parses and validates one policy document; `origin` names it in messages and in Policy::origin.
Policy parse_policy(const nlohmann::json& document, const std::string& origin);
// Reads a policy file (JSON text) and parses it.
Policy load_policy_file(const std::string& path);

// The built-in policies, in a fixed order (m365 first).
const std::vector<Policy>& builtin_policies();
// The built-in policy with this id, or nullptr.
const Policy* find_builtin_policy(std::string_view id);
// The JSON text of a built-in policy document as compiled in ("" when there is none).
std::string_view builtin_policy_document(std::string_view id);

// A policy named by what --policy takes: a built-in id, a path to a policy file, or (first
// non-blank character '{') an inline policy document. Unknown names list the built-ins.
Policy resolve_policy(const std::string& reference);

}  // namespace tlsready::assess
