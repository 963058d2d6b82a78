// The client-impact documents the core writes have exactly the fields
// native/schema/client-impact.schema.json describes (every required field present, none unknown),
// for each of its three documents and the nested outcome and profile objects.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "assess/schema_fields.h"

#include "assess/client_impact.h"
#include "assess/client_impact_json.h"
#include "assess/client_profiles.h"
#include "assess/client_what_if.h"

using nlohmann::json;
namespace assess = tlsready::assess;
namespace model = tlsready::model;

namespace {

json load_schema() {
  std::ifstream file(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/client-impact.schema.json");
  REQUIRE(file.good());
  return json::parse(file);
}

using tlsready::test::check_fields;

}  // namespace

TEST_CASE("client-impact documents match their schema", "[assess][what_if]") {
  const json schema = load_schema();
  const json& defs = schema["$defs"];
  model::ServerProfile server;
  server.description = "handmade";
  model::ServerVersionOffer tls10;
  tls10.version = model::ProtocolVersion::tls1_0;
  tls10.cipher_suites = {0xC013, 0x002F};
  tls10.groups = {0x0017};
  tls10.groups_known = true;
  server.versions = {tls10};
  const auto impact =
      assess::client_impact(server, assess::client_profiles(), assess::parse_what_if("no-tls10"), "h:1");
  const json document = assess::client_impact_json(impact);
  check_fields(defs["client_impact"], document, "client_impact");
  check_fields(defs["client_impact"]["properties"]["summary"], document["summary"], "summary");
  bool connects_seen = false;
  for (const auto& outcome : document["outcomes"]) {
    check_fields(defs["client_outcome"], outcome, "outcome");
    if (outcome["status"] == "connects") {
      connects_seen = true;
      check_fields(defs["named_code"], outcome["cipher_suite"], "cipher_suite");
    }
  }
  CHECK(connects_seen);
  const json summary = assess::client_impact_summary_json({impact});
  check_fields(defs["client_impact_summary"], summary, "client_impact_summary");
  check_fields(defs["client_impact_summary"]["properties"]["endpoints"]["items"], summary["endpoints"][0], "endpoint");
  check_fields(defs["client_impact_summary"]["properties"]["clients"]["items"], summary["clients"][0], "client");
  const json profiles = assess::client_profiles_json(assess::client_profiles());
  check_fields(defs["client_profiles"], profiles, "client_profiles");
  for (const auto& profile : profiles["profiles"]) check_fields(defs["client_profile"], profile, "profile");
  // The frozen failure names of the model are the schema's enum.
  const json& reasons = defs["client_outcome"]["properties"]["reason"]["oneOf"][0]["enum"];
  for (int value = 1; value <= 11; ++value) {
    const auto name = std::string(model::to_string(static_cast<model::ClientFailure>(value)));
    INFO(name);
    CHECK(std::find(reasons.begin(), reasons.end(), name) != reasons.end());
  }
}
