// What a caller asks the probe engine for. Plain values; validated by the engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tlsready::probe {

struct ScanTarget {
  std::string host;      // name, IPv4 literal or IPv6 literal
  uint16_t port = 443;
  std::string sni;       // empty: the host when it is a name
  std::string starttls;  // "" = implied by the port, "none", "smtp", "imap", "pop3", "ftp", "ldap", "postgres"
};

struct ScanOptions {
  std::chrono::milliseconds timeout{5000};  // per step: connect, STARTTLS, each server answer
  unsigned concurrency = 8;                 // endpoints scanned at once
  std::string ca_file;                      // extra trust anchors (PEM)
  bool use_system_trust_store = true;
  bool enumerate_cipher_suites = true;      // false: versions only (one suite found per version)
  bool enumerate_groups = true;
  bool check_certificate = true;
};

}  // namespace tlsready::probe
