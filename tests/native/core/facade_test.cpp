// The public C++ face (native/include/tlsready/*.hpp): the request document taken apart with errors
// naming the input, the registry lookups in the endpoint-scan document's form, the version.
// Only public headers here, like the fronts.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "tlsready/policy.hpp"
#include "tlsready/registry.hpp"
#include "tlsready/scan.hpp"
#include "tlsready/version.hpp"

namespace {

std::string start_error(const std::string& request) {
  try {
    (void)tlsready::ScanSession::start(request);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("scan_request_errors_name_the_input", "[core]") {
  CHECK(start_error("{") == "scan request: not valid JSON");
  CHECK(start_error("[]").find("must be a JSON object") != std::string::npos);
  CHECK(start_error(R"({"options": {}})") == "scan request: no 'targets'");
  CHECK(start_error(R"({"targets": [], "extra": 1})").find("unknown field 'extra'") != std::string::npos);
  CHECK(start_error(R"({"targets": [], "schema_version": "2.0"})").find(R"(schema_version "2.0")") !=
        std::string::npos);
  CHECK(start_error(R"({"targets": ["127.0.0.1:443", "127.0.0.1:0"]})").rfind("scan request: target 1: ", 0) == 0);
  CHECK(start_error(R"({"targets": [], "options": {"timeout": 0}})").find("option 'timeout'") != std::string::npos);
}

TEST_CASE("scan_request_with_no_targets_finishes_at_once", "[core]") {
  auto session = tlsready::ScanSession::start(R"({"schema_version": "1.0", "targets": [], "options": null})");
  CHECK(session->target_count() == 0);
  CHECK(session->next(std::chrono::milliseconds(1000)).kind == tlsready::ScanSession::Next::Kind::finished);
  CHECK(tlsready::scan_request_schema_version() == "1.0");
}

TEST_CASE("registry_lookups_give_the_scan_documents_suite_form", "[core]") {
  const auto suite = tlsready::cipher_suite_json(static_cast<std::uint16_t>(0xC02F));
  REQUIRE(suite);
  const auto by_name = tlsready::cipher_suite_json(std::string_view("ECDHE-RSA-AES128-GCM-SHA256"));
  REQUIRE(by_name);
  CHECK(*suite == *by_name);
  const auto parsed = nlohmann::json::parse(*suite);
  CHECK(parsed["code"] == "0xC02F");
  CHECK(parsed["name"] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(parsed.contains("weaknesses"));
  CHECK_FALSE(tlsready::cipher_suite_json(static_cast<std::uint16_t>(0x0A0A)));  // GREASE
  CHECK_FALSE(tlsready::cipher_suite_json(std::string_view("")));
  CHECK(nlohmann::json::parse(tlsready::cipher_suites_json()).size() > 300);

  const auto group = tlsready::group_json(std::string_view("x25519"));
  REQUIRE(group);
  CHECK(nlohmann::json::parse(*group)["code"] == "0x001D");
  CHECK(nlohmann::json::parse(*tlsready::group_json(static_cast<std::uint16_t>(23)))["name"] == "secp256r1");
  CHECK_FALSE(tlsready::group_json(static_cast<std::uint16_t>(0x1A1A)));
}

TEST_CASE("policy_facade_refuses_what_it_cannot_do", "[core]") {
#ifndef _WIN32
  CHECK_THROWS_AS(tlsready::audit_live_registry(""), tlsready::Unsupported);
#endif
  CHECK_THROWS_AS(tlsready::remediation("{not json", "reg"), std::invalid_argument);
  CHECK_THROWS_AS(tlsready::remediation(R"({"no": 1})", "reg"), std::invalid_argument);
  CHECK_THROWS_AS(tlsready::audit_registry_files({}, ""), std::invalid_argument);
}

TEST_CASE("version_is_the_VERSION_file", "[core]") {
  CHECK(tlsready::version() == TLSREADY_VERSION_STRING);
  CHECK(TLSREADY_VERSION_NUMBER ==
        TLSREADY_VERSION_MAJOR * 10000 + TLSREADY_VERSION_MINOR * 100 + TLSREADY_VERSION_PATCH);
  std::ifstream file(std::string(TLSREADY_SOURCE_DIR) + "/VERSION");
  std::string line;
  std::getline(file, line);
  CHECK(line == tlsready::version());
}
