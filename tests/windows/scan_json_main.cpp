// tlsready_scan_json: scans endpoints with the native core and prints each endpoint's JSON
// document (native/schema/endpoint-scan.schema.json, the model's one JSON form) on its own line,
// in the order given. Built for Linux and for Windows from the same source by
// tests/windows/CMakeLists.txt, so run_wine_tests.sh can compare what the Windows build finds
// under Wine with what the Linux build finds, endpoint by endpoint (timings and dates aside).
//
//   tlsready_scan_json [--options '{"timeout": 5, "ca_file": "lab/ca.pem"}'] host:port...
//
// Exit status: 0 when every endpoint was scanned (an endpoint's own error is a result), 2 for a
// bad argument (the message names it). Nothing escapes main.
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scan_result_json.h"
#include "probe/endpoint_scanner.h"
#include "probe/scan_request.h"

namespace {

int run(int argc, char** argv) {
  nlohmann::json options = nlohmann::json::object();
  std::vector<tlsready::model::TargetSpec> targets;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--options") {
      if (i + 1 >= argc) throw std::invalid_argument("--options needs a JSON object");
      options = nlohmann::json::parse(argv[++i], nullptr, false);
      if (!options.is_object()) throw std::invalid_argument("--options: not a JSON object: " + std::string(argv[i]));
    } else {
      targets.push_back(tlsready::probe::target_from_text(argument));
    }
  }
  if (targets.empty()) throw std::invalid_argument("no target given (host:port ...)");
  const tlsready::probe::ScanOptions scan_options = tlsready::probe::options_from_json(options);
  for (const auto& target : targets) {
    const nlohmann::json document = tlsready::probe::scan_endpoint(target, scan_options);
    std::cout << document.dump() << '\n' << std::flush;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "tlsready_scan_json: " << error.what() << '\n';
  } catch (...) {
    std::cerr << "tlsready_scan_json: unknown error\n";
  }
  return 2;
}
