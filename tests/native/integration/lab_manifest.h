// The running lab's manifest (tests/lab/lab.py writes DIR/lab.json): every endpoint with its
// address, server and expectations. TLSREADY_LAB_DIR names DIR; start the lab first with
// `python3 tests/lab/lab.py start --dir DIR`.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "model/target.h"
#include "probe/scan_options.h"

namespace tlsready::test {

inline nlohmann::json load_lab_manifest() {
  const char* dir = std::getenv("TLSREADY_LAB_DIR");
  REQUIRE(dir != nullptr);  // start the lab first: python3 tests/lab/lab.py start --dir DIR
  std::ifstream file(std::string(dir) + "/lab.json");
  REQUIRE(file.good());
  return nlohmann::json::parse(file);
}

// The options every lab scan uses: a 2 s step timeout and the lab CA as the only trust anchor.
inline probe::ScanOptions lab_scan_options(const nlohmann::json& lab) {
  probe::ScanOptions options;
  options.timeout = std::chrono::milliseconds(2000);
  options.ca_file = lab["ca_file"].get<std::string>();
  options.use_system_trust_store = false;
  return options;
}

// The target of one manifest endpoint: host, port, its SNI when it names one and its STARTTLS
// protocol ("none" or absent: TLS from the first byte).
inline model::TargetSpec lab_endpoint_target(const nlohmann::json& endpoint) {
  model::TargetSpec target;
  target.host = endpoint["host"].get<std::string>();
  target.port = endpoint["port"].get<uint16_t>();
  if (endpoint.contains("sni") && endpoint["sni"].is_string()) target.sni = endpoint["sni"].get<std::string>();
  target.starttls = endpoint.contains("starttls") && endpoint["starttls"].is_string()
                        ? model::parse_starttls(endpoint["starttls"].get<std::string>())
                        : model::StartTls::none;
  return target;
}

}  // namespace tlsready::test
