// How a caller asks the probe engine to scan (the targets are model::TargetSpec). Plain values;
// validated by the engine.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace tlsready::probe {

struct ScanOptions {
  // Per step, never extended by bytes that trickle in: the TCP connect, each STARTTLS reply,
  // each send, the server's whole answer to one ClientHello, the whole OpenSSL handshake.
  std::chrono::milliseconds timeout{5000};
  // Total time for one endpoint (every address, every connection). 0: derived from `timeout`,
  // see endpoint_budget(). When it runs out the result is error endpoint_timeout with what was found.
  std::chrono::milliseconds endpoint_timeout{0};
  unsigned concurrency = 8;               // endpoints scanned at once
  unsigned connections_per_endpoint = 4;  // protocol versions probed at once, each on its own connection
  std::string ca_file;                    // extra trust anchors (PEM)
  bool use_system_trust_store = true;
  bool enumerate_cipher_suites = true;  // false: versions only (one suite found per version)
  bool enumerate_groups = true;
  bool check_certificate = true;
};

// The endpoint's total budget: `endpoint_timeout` when set, else max(30 s, 12 x timeout) -- room
// for a full enumeration against a distant server, yet a bound on what any tarpit can cost.
inline std::chrono::milliseconds endpoint_budget(const ScanOptions& options) {
  if (options.endpoint_timeout.count() > 0) return options.endpoint_timeout;
  return std::max(std::chrono::milliseconds(30000), options.timeout * 12);
}

}  // namespace tlsready::probe
