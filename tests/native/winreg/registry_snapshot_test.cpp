// Tests of the JSON snapshot (.reg -> Registry -> JSON -> Registry gives the same registry,
// through JSON text too), its shape, and its errors for wrong JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "winreg/registry_snapshot.h"
#include "winreg_test_support.h"

namespace winreg = tlsready::winreg;
using nlohmann::json;
using winreg::Registry;
using winreg::Value;
using winreg::ValueType;

namespace {

json snapshot_with(const json& values, const std::string& path = "HKEY_LOCAL_MACHINE\\SOFTWARE\\T") {
  return json{{"format", "tlsready-registry-snapshot"}, {"version", 1}, {"keys", json::array({{{"path", path}, {"values", values}}})}};
}

std::string snapshot_error(const json& snapshot) {
  Registry registry;
  std::optional<winreg::RegFileError> error;
  REQUIRE_NOTHROW(error = winreg::from_snapshot(snapshot, registry));
  REQUIRE(error.has_value());
  CHECK(error->line == 0);
  CHECK(registry.keys().empty());  // all or nothing
  return error->message;
}

}  // namespace

TEST_CASE("snapshot round trip over the whole .reg corpus, through JSON text", "[winreg]") {
  for (const auto& file : winreg_test::format_corpus()) {
    INFO(file);
    const Registry original = winreg_test::load_ok(file);
    const json snapshot = winreg::to_snapshot(original);
    Registry copy;
    const auto error = winreg::from_snapshot(json::parse(snapshot.dump()), copy);
    INFO((error ? error->message : std::string()));
    REQUIRE_FALSE(error.has_value());
    CHECK(winreg_test::same_registry(original, copy));
    CHECK(winreg::to_snapshot(copy) == snapshot);
  }
}

TEST_CASE("snapshot shape: natural data per type, hex for irregular bytes", "[winreg]") {
  const Registry registry = winreg_test::load_ok("format/value_types.reg");
  const json snapshot = winreg::to_snapshot(registry);
  CHECK(snapshot["format"] == "tlsready-registry-snapshot");
  CHECK(snapshot["version"] == 1);
  REQUIRE(snapshot["keys"].size() == 1);
  const json& key = snapshot["keys"][0];
  CHECK(key["path"] == "HKEY_LOCAL_MACHINE\\SOFTWARE\\tlsready\\ValueTypes");
  auto value = [&](const std::string& name) {
    for (const auto& v : key["values"]) {
      if (v["name"] == name) return v;
    }
    FAIL("no value " << name);
    return json();
  };
  CHECK(value("") == json{{"name", ""}, {"type", "REG_SZ"}, {"data", "default value"}});
  CHECK(value("Max") == json{{"name", "Max"}, {"type", "REG_DWORD"}, {"data", 4294967295u}});
  CHECK(value("Qword") == json{{"name", "Qword"}, {"type", "REG_QWORD"}, {"data", 0x0123456789ABCDEFull}});
  CHECK(value("Path") == json{{"name", "Path"}, {"type", "REG_EXPAND_SZ"}, {"data", "%SystemRoot%\\System32\\schannel.dll"}});
  CHECK(value("NoneBytes") == json{{"name", "NoneBytes"}, {"type", "REG_NONE"}, {"data", "01,02"}});
  CHECK(value("BigEndian") == json{{"name", "BigEndian"}, {"type", "REG_DWORD_BIG_ENDIAN"}, {"data", 256}});
  CHECK(value("EmptyList") == json{{"name", "EmptyList"}, {"type", "REG_MULTI_SZ"}, {"data", json::array()}});
  CHECK(value("EmptyBinary") == json{{"name", "EmptyBinary"}, {"type", "REG_BINARY"}, {"data", ""}});

  const Registry policy = winreg_test::load_ok("format/cipher_suite_policy.reg");
  const json p = winreg::to_snapshot(policy);
  bool found = false;
  for (const auto& k : p["keys"]) {
    for (const auto& v : k["values"]) {
      if (v["name"] == "EccCurves") {
        CHECK(v["data"] == json::array({"curve25519", "NistP256", "NistP384"}));
        found = true;
      }
    }
  }
  CHECK(found);

  // Bytes the natural form cannot carry exactly go out as "hex".
  Registry odd;
  odd.set_value("HKLM\\T", Value{"short dword", ValueType::dword, {1, 2, 3}});
  odd.set_value("HKLM\\T", Value{"unterminated", ValueType::sz, {'a', 0, 'b', 0}});
  odd.set_value("HKLM\\T", Value{"empty inside", ValueType::multi_sz, {'a', 0, 0, 0, 0, 0, 'b', 0, 0, 0, 0, 0}});
  odd.set_value("HKLM\\T", Value{"device property", static_cast<ValueType>(0xFFFF0012u), {7}});
  const json o = winreg::to_snapshot(odd);
  const json& values = o["keys"][0]["values"];
  CHECK(values[0] == json{{"name", "short dword"}, {"type", "REG_DWORD"}, {"hex", "01,02,03"}});
  CHECK(values[1] == json{{"name", "unterminated"}, {"type", "REG_SZ"}, {"hex", "61,00,62,00"}});
  CHECK(values[2] == json{{"name", "empty inside"}, {"type", "REG_MULTI_SZ"}, {"hex", "61,00,00,00,00,00,62,00,00,00,00,00"}});
  CHECK(values[3] == json{{"name", "device property"}, {"type", 0xFFFF0012u}, {"data", "07"}});
  Registry back;
  REQUIRE_FALSE(winreg::from_snapshot(o, back).has_value());
  CHECK(winreg_test::same_registry(odd, back));
}

TEST_CASE("from_snapshot accepts hand-written snapshots and merges into a registry", "[winreg]") {
  Registry registry = winreg_test::load_ok("format/schannel_export.reg");
  const std::string client = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client";
  const json snapshot = {
      {"format", "tlsready-registry-snapshot"},
      {"version", 1},
      {"keys",
       {{{"path", client},
         {"values",
          {{{"name", "Enabled"}, {"type", "REG_DWORD"}, {"data", 1}},
           {{"name", "Blob"}, {"type", "REG_BINARY"}, {"data", "de ad BE EF"}},
           {{"name", "Raw"}, {"type", "REG_SZ"}, {"hex", "6100"}},
           {{"name", "Little"}, {"type", "REG_DWORD_LITTLE_ENDIAN"}, {"data", 3}}}}},
        {{"path", "HKCU\\Software\\Empty"}}}},
  };
  REQUIRE_FALSE(winreg::from_snapshot(snapshot, registry).has_value());
  CHECK(registry.dword(client, "Enabled") == 1u);
  CHECK(registry.dword(client, "DisabledByDefault") == 1u);  // untouched
  CHECK(registry.find_value(client, "Blob")->data == std::vector<uint8_t>{0xDE, 0xAD, 0xBE, 0xEF});
  CHECK(registry.find_value(client, "Raw")->data == std::vector<uint8_t>{0x61, 0x00});
  CHECK(registry.dword(client, "Little") == 3u);
  REQUIRE(registry.find_key("HKEY_CURRENT_USER\\Software\\Empty") != nullptr);
  CHECK(registry.find_key("HKEY_CURRENT_USER\\Software\\Empty")->path == "HKEY_CURRENT_USER\\Software\\Empty");
}

TEST_CASE("wrong snapshots: an error naming the key path and field, never an exception", "[winreg]") {
  CHECK_THAT(snapshot_error(json::array()), Catch::Contains("JSON object"));
  CHECK_THAT(snapshot_error(json{{"format", "other"}, {"version", 1}, {"keys", json::array()}}), Catch::Contains("\"format\""));
  CHECK_THAT(snapshot_error(json{{"format", "tlsready-registry-snapshot"}, {"version", 2}, {"keys", json::array()}}),
             Catch::Contains("\"version\""));
  CHECK_THAT(snapshot_error(json{{"format", "tlsready-registry-snapshot"}, {"version", 1}}), Catch::Contains("\"keys\""));
  CHECK_THAT(snapshot_error(json{{"format", "tlsready-registry-snapshot"}, {"version", 1}, {"keys", {1}}}),
             Catch::Contains("keys[0] must be an object"));
  CHECK_THAT(snapshot_error(json{{"format", "tlsready-registry-snapshot"}, {"version", 1}, {"keys", {{{"values", json::array()}}}}}),
             Catch::Contains("keys[0]: missing string \"path\""));
  CHECK_THAT(snapshot_error(snapshot_with(json::array(), "HKEY_NOWHERE\\x")),
             Catch::Contains("keys[0] \"HKEY_NOWHERE\\x\": \"path\": unknown root key 'HKEY_NOWHERE'"));
  CHECK_THAT(snapshot_error(snapshot_with(json::object())), Catch::Contains("\"values\" must be an array"));

  const std::string where = "keys[0] \"HKEY_LOCAL_MACHINE\\SOFTWARE\\T\": values[0] \"Enabled\": ";
  auto value_error = [](const json& value) { return snapshot_error(snapshot_with(json::array({value}))); };
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORD"}, {"data", "1"}}),
             Catch::Contains(where + "\"data\" must be a whole number from 0 to 4294967295"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORD"}, {"data", -1}}), Catch::Contains(where + "\"data\""));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORD"}, {"data", 1.5}}), Catch::Contains(where + "\"data\""));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORD"}, {"data", 4294967296ull}}), Catch::Contains("exceeds"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORDS"}, {"data", 1}}), Catch::Contains(where + "unknown \"type\""));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"data", 1}}), Catch::Contains(where + "missing \"type\""));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORD"}}), Catch::Contains(where + "needs exactly one"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_DWORD"}, {"data", 1}, {"hex", "01"}}),
             Catch::Contains("needs exactly one"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_BINARY"}, {"data", "0g"}}), Catch::Contains(where + "\"data\" must be hex"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_BINARY"}, {"hex", "012"}}), Catch::Contains(where + "\"hex\" must be hex"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_SZ"}, {"data", 5}}), Catch::Contains(where + "\"data\" must be a string"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_MULTI_SZ"}, {"data", {"a", 1}}}),
             Catch::Contains(where + "\"data\"[1] must be a string"));
  CHECK_THAT(value_error({{"name", "Enabled"}, {"type", "REG_MULTI_SZ"}, {"data", {"a", ""}}}), Catch::Contains("\"data\"[1] is empty"));
  CHECK_THAT(value_error({{"type", "REG_DWORD"}, {"data", 1}}), Catch::Contains("values[0]: missing string \"name\""));
  CHECK_THAT(value_error(json("x")), Catch::Contains("values[0] must be an object"));

  // An error in a later key leaves the registry untouched.
  json two = snapshot_with(json::array({{{"name", "ok"}, {"type", "REG_DWORD"}, {"data", 1}}}));
  two["keys"].push_back({{"path", "HKLM\\SOFTWARE\\T"}, {"values", json::array()}});
  CHECK_THAT(snapshot_error(two), Catch::Contains("keys[1] \"HKLM\\SOFTWARE\\T\": duplicate key path"));
  CHECK_THAT(value_error(json::array()), Catch::Contains("must be an object"));
  json dup = snapshot_with(json::array({{{"name", "a"}, {"type", "REG_DWORD"}, {"data", 1}},
                                        {{"name", "A"}, {"type", "REG_DWORD"}, {"data", 2}}}));
  CHECK_THAT(snapshot_error(dup), Catch::Contains("values[1] \"A\": duplicate value name"));
}
