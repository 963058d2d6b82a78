// A verdict's clients section (assess/verdict_clients.h, tlsready::verdict_with_clients): the
// verdict's own fields first, in their document's order, then "clients" (the outcomes of the
// client_impact document as they are); a document that is not a client impact is named.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "assess/verdict_clients.h"
#include "model/verdict_json.h"
#include "tlsready/verdict.hpp"

namespace {

using nlohmann::json;
namespace model = tlsready::model;

model::Verdict not_ready_verdict() {
  model::Verdict verdict;
  verdict.policy = "m365";
  verdict.policy_name = "Microsoft 365";
  verdict.subject = "127.0.0.1:8443";
  verdict.readiness = model::Readiness::not_ready;
  verdict.inconclusive = {"ENDPOINT-X: no facts"};
  return verdict;
}

json outcome(const std::string& id, const std::string& status) {
  return {{"client_id", id},     {"client_name", id},       {"status", status},
          {"version", nullptr},  {"version_code", nullptr}, {"cipher_suite", nullptr},
          {"group", nullptr},    {"reason", nullptr},       {"detail", ""},
          {"method", "forecast"}};
}

json impact(const json& outcomes) {
  return {
      {"schema_version", "1.0"}, {"document", "client_impact"}, {"endpoint", "127.0.0.1:8443"}, {"outcomes", outcomes}};
}

}  // namespace

TEST_CASE("a verdict's clients section follows the verdict's own fields, outcomes as given",
          "[assess][verdict_clients]") {
  const json outcomes = json::array({outcome("ie-11-win7", "fails"), outcome("chrome-137-win11", "connects")});
  const auto document = tlsready::assess::verdict_with_clients_json(not_ready_verdict(), impact(outcomes));
  const std::string plain = json(not_ready_verdict()).dump();
  // byte for byte: the verdict without clients, then ,"clients":[...] (what Python's assembly wrote)
  CHECK(document.dump() == plain.substr(0, plain.size() - 1) + ",\"clients\":" + outcomes.dump() + "}");
  CHECK(std::prev(document.end()).key() == "clients");
  CHECK(json::parse(document.dump())["clients"][0]["status"] == "fails");
}

TEST_CASE("a verdict's clients section keeps each simulated outcome's source", "[assess][verdict_clients]") {
  json simulated = outcome("java-6u45", "connects");
  simulated["source"] = "from_scan";
  const auto document =
      tlsready::assess::verdict_with_clients_json(not_ready_verdict(), impact(json::array({simulated})));
  CHECK(document["clients"][0]["source"] == "from_scan");
}

TEST_CASE("a verdict's clients section rejects what is not a client impact, naming the field",
          "[assess][verdict_clients]") {
  const model::Verdict verdict = not_ready_verdict();
  using tlsready::assess::verdict_with_clients_json;
  CHECK_THROWS_WITH(verdict_with_clients_json(verdict, json::array()), Catch::Contains("client impact document"));
  CHECK_THROWS_WITH(verdict_with_clients_json(verdict, json{{"document", "verdict"}}),
                    Catch::Contains("document: is not \"client_impact\""));
  json no_outcomes = impact(json::array());
  no_outcomes.erase("outcomes");
  CHECK_THROWS_WITH(verdict_with_clients_json(verdict, no_outcomes), Catch::Contains("'outcomes' must be an array"));
  json nameless = outcome("x", "fails");
  nameless.erase("client_id");
  CHECK_THROWS_WITH(verdict_with_clients_json(verdict, impact(json::array({outcome("a", "fails"), nameless}))),
                    Catch::Contains("outcomes[1]: missing 'client_id'"));
  CHECK_THROWS_WITH(verdict_with_clients_json(verdict, impact(json::array({outcome("a", "breaks")}))),
                    Catch::Contains("outcomes[0].status: unknown value 'breaks'"));
}

TEST_CASE("verdict_with_clients replaces a clients section and names a bad verdict", "[core][verdict_clients]") {
  const std::string plain = json(not_ready_verdict()).dump();
  const std::string first = tlsready::verdict_with_clients(plain, impact(json::array({outcome("a", "fails")})).dump());
  const std::string second =
      tlsready::verdict_with_clients(first, impact(json::array({outcome("b", "connects")})).dump());
  CHECK(json::parse(second)["clients"] == json::array({outcome("b", "connects")}));
  CHECK(json::parse(second).size() == json::parse(plain).size() + 1);
  CHECK_THROWS_WITH(tlsready::verdict_with_clients("{", impact(json::array()).dump()),
                    Catch::Contains("verdict: not valid JSON"));
  CHECK_THROWS_WITH(tlsready::verdict_with_clients(impact(json::array()).dump(), impact(json::array()).dump()),
                    Catch::StartsWith("verdict"));
  CHECK_THROWS_WITH(tlsready::verdict_with_clients(plain, "[]"), Catch::Contains("client impact document"));
}

TEST_CASE("verdict with clients rejects simulation options for a forecast", "[core][verdict_clients]") {
  tlsready::VerdictClients clients;
  clients.simulation_options_json = R"({"timeout": 3})";
  CHECK_THROWS_AS(tlsready::verdict("{}", "m365", clients), std::invalid_argument);
  CHECK_THROWS_WITH(tlsready::verdict("{}", "m365", clients), Catch::Contains("simulation options"));
  clients.simulation_options_json.clear();
  CHECK_THROWS_WITH(tlsready::verdict("{}", "m366", clients), Catch::Contains("m366"));
}
