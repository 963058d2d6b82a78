// The running lab's manifest (tests/lab/lab.py writes DIR/lab.json): every endpoint with its
// address, server and expectations. TLSREADY_LAB_DIR names DIR; start the lab first with
// `python3 tests/lab/lab.py start --dir DIR`.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace tlsready::test {

inline nlohmann::json load_lab_manifest() {
  const char* dir = std::getenv("TLSREADY_LAB_DIR");
  REQUIRE(dir != nullptr);  // start the lab first: python3 tests/lab/lab.py start --dir DIR
  std::ifstream file(std::string(dir) + "/lab.json");
  REQUIRE(file.good());
  return nlohmann::json::parse(file);
}

}  // namespace tlsready::test
