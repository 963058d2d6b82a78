// tlsready's public registry lookups (native/include/tlsready/registry.hpp) as JSON documents
// (native/schema/registry.schema.json). A suite is assess::describe_suite in its model JSON form, the object the
// endpoint-scan document shows, so a lookup and a scan never describe one suite two ways.
#include <nlohmann/json.hpp>

#include "assess/describe.h"
#include "model/scan_result_json.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"
#include "registry/hex_format.h"
#include "tlsready/registry.hpp"

namespace tlsready {
namespace {

std::string dumped(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json optional_text(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json group_document(const registry::NamedGroup& group) {
  return {{"code", registry::format_hex16(group.code)},
          {"name", group.name},
          {"openssl_name", optional_text(group.openssl_name)},
          {"kind", group.kind},
          {"bits", group.bits == 0 ? nlohmann::json(nullptr) : nlohmann::json(group.bits)},
          {"tls13", group.tls13},
          {"deprecated", group.deprecated},
          {"draft", group.draft}};
}

}  // namespace

std::string cipher_suites_json() {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& suite : registry::all_cipher_suites())
    all.push_back(nlohmann::json(assess::describe_suite(suite.code)));
  return dumped(all);
}

std::optional<std::string> cipher_suite_json(std::uint16_t code) {
  if (registry::find_cipher_suite(code) == nullptr) return std::nullopt;
  return dumped(nlohmann::json(assess::describe_suite(code)));
}

std::optional<std::string> cipher_suite_json(std::string_view name) {
  const registry::CipherSuite* suite = registry::find_cipher_suite_by_name(name);
  if (suite == nullptr) return std::nullopt;
  return dumped(nlohmann::json(assess::describe_suite(suite->code)));
}

std::string groups_json() {
  nlohmann::json all = nlohmann::json::array();
  for (const auto& group : registry::all_groups()) all.push_back(group_document(group));
  return dumped(all);
}

std::optional<std::string> group_json(std::uint16_t code) {
  const registry::NamedGroup* group = registry::find_group(code);
  if (group == nullptr) return std::nullopt;
  return dumped(group_document(*group));
}

std::optional<std::string> group_json(std::string_view name) {
  const registry::NamedGroup* group = registry::find_group_by_name(name);
  if (group == nullptr) return std::nullopt;
  return dumped(group_document(*group));
}

}  // namespace tlsready
