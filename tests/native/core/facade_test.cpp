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
#include "tlsready/verdict.hpp"
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

TEST_CASE("verdict_facade_judges_a_saved_scan_document_offline", "[core][verdict]") {
  const std::string refused = R"({"schema_version": "2.0",
    "target": {"host": "127.0.0.1", "port": 9, "sni": null, "starttls": "none"}, "address": "127.0.0.1",
    "started_at": "2026-12-02T05:00:00Z", "elapsed_ms": 1.0, "connections": 1, "status": "error",
    "error": {"kind": "connection_refused", "message": "connect to 127.0.0.1:9 refused", "elapsed_ms": 1.0},
    "protocols": [], "certificate": null,
    "session": {"secure_renegotiation": null, "extended_master_secret": null, "ocsp_stapling": null,
                "ocsp_status": null, "alpn_offered": [], "alpn_selected": null},
    "checks": {"certificate": {"status": "skipped", "reason": null, "detail": null},
               "session": {"status": "skipped", "reason": null, "detail": null},
               "groups": {"status": "skipped", "reason": null, "detail": null}},
    "intolerances": [], "notes": [], "weaknesses": []})";
  const auto verdict = nlohmann::json::parse(tlsready::verdict(refused, "m365"));
  CHECK(verdict["readiness"] == "unknown");
  CHECK(verdict["subject"] == "127.0.0.1:9");
  const auto many = tlsready::verdicts({refused, refused}, "pci-dss");
  CHECK(many.size() == 2);
  const auto summary = nlohmann::json::parse(tlsready::verdict_summary("[" + many[0] + "," + many[1] + "]"));
  CHECK(summary["readiness"]["unknown"] == 2);
  CHECK(nlohmann::json::parse(tlsready::policy_list()).size() == 7);
  CHECK(nlohmann::json::parse(tlsready::policy_document("m365"))["id"] == "m365");
  CHECK_THROWS_WITH(tlsready::verdict("{", "m365"), "scan document: not valid JSON");
  CHECK_THROWS_WITH(tlsready::verdicts({refused, "[]"}, "m365"),
                    "scan document 2: endpoint-scan document: document: must be an object");
  CHECK_THROWS_AS(tlsready::verdict(refused, "m366"), std::invalid_argument);
  CHECK_THROWS_WITH(tlsready::verdict_summary("{}"), "verdicts: must be a JSON array of verdict documents");
}
