// Shared by the schema tests of documents that have no JSON Schema validator here: one object's
// keys checked against its definition in a schema file.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

namespace tlsready::test {

// Every key of `object` is a property of the definition and every required property is there.
inline void check_fields(const nlohmann::json& definition, const nlohmann::json& object, const std::string& where) {
  INFO(where);
  REQUIRE(object.is_object());
  for (const auto& [key, value] : object.items()) {
    INFO("field " << key);
    CHECK(definition["properties"].contains(key));
  }
  for (const auto& key : definition["required"]) {
    INFO("required " << key.get<std::string>());
    CHECK(object.contains(key.get<std::string>()));
  }
}

}  // namespace tlsready::test
