#include "probe/scan_request.h"

#include <cmath>
#include <stdexcept>

#include "net/address.h"
#include "net/starttls.h"

namespace tlsready::probe {
namespace {

[[noreturn]] void reject(const std::string& message) { throw std::invalid_argument(message); }

bool boolean_field(const nlohmann::json& value, const std::string& key) {
  if (!value.is_boolean()) reject("option '" + key + "' must be true or false, got " + value.dump());
  return value.get<bool>();
}

std::string string_field(const nlohmann::json& value, const std::string& key) {
  if (!value.is_string()) reject("'" + key + "' must be a string, got " + value.dump());
  return value.get<std::string>();
}

void check_starttls(const std::string& starttls) {
  if (!starttls.empty() && !net::parse_starttls(starttls))
    reject("unknown STARTTLS protocol '" + starttls + "' (use smtp, imap, pop3, ftp, ldap, postgres or none)");
}

}  // namespace

ScanOptions options_from_json(const nlohmann::json& options) {
  ScanOptions result;
  if (options.is_null()) return result;
  if (!options.is_object()) reject("scan options must be a JSON object, got " + options.dump());
  for (const auto& [key, value] : options.items()) {
    if (key == "timeout") {
      if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0 ||
          value.get<double>() > 600)
        reject("option 'timeout' must be a number of seconds in (0, 600], got " + value.dump());
      result.timeout = std::chrono::milliseconds(static_cast<long long>(std::ceil(value.get<double>() * 1000)));
    } else if (key == "endpoint_timeout") {
      // null: derived from 'timeout' (see endpoint_budget in scan_options.h)
      if (value.is_null()) {
        result.endpoint_timeout = std::chrono::milliseconds(0);
        continue;
      }
      if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0 ||
          value.get<double>() > 86400)
        reject("option 'endpoint_timeout' must be a number of seconds in (0, 86400], got " + value.dump());
      result.endpoint_timeout =
          std::chrono::milliseconds(static_cast<long long>(std::ceil(value.get<double>() * 1000)));
    } else if (key == "connections_per_endpoint") {
      if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 16)
        reject("option 'connections_per_endpoint' must be an integer in 1..16, got " + value.dump());
      result.connections_per_endpoint = static_cast<unsigned>(value.get<long long>());
    } else if (key == "concurrency") {
      if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 1024)
        reject("option 'concurrency' must be an integer in 1..1024, got " + value.dump());
      result.concurrency = static_cast<unsigned>(value.get<long long>());
    } else if (key == "ca_file") {
      result.ca_file = value.is_null() ? "" : string_field(value, key);
    } else if (key == "use_system_trust_store") {
      result.use_system_trust_store = boolean_field(value, key);
    } else if (key == "enumerate_cipher_suites") {
      result.enumerate_cipher_suites = boolean_field(value, key);
    } else if (key == "enumerate_groups") {
      result.enumerate_groups = boolean_field(value, key);
    } else if (key == "check_certificate") {
      result.check_certificate = boolean_field(value, key);
    } else {
      reject("unknown scan option '" + key + "'");
    }
  }
  return result;
}

ScanTarget target_from_text(const std::string& text, const std::string& sni, const std::string& starttls) {
  net::HostPort parsed;
  if (auto failure = net::parse_host_port(text, 443, parsed)) reject(failure->message);
  check_starttls(starttls);
  return ScanTarget{parsed.host, parsed.port, sni, starttls};
}

ScanTarget target_from_json(const nlohmann::json& target) {
  if (target.is_string()) return target_from_text(target.get<std::string>());
  if (!target.is_object()) reject("a target must be \"host:port\" or an object with host and port, got " + target.dump());
  ScanTarget result;
  if (target.contains("target")) {
    // {"target": "host:port", "sni": ..., "starttls": ...}: the text form with overrides.
    std::string sni, starttls;
    for (const auto& [key, value] : target.items()) {
      if (key == "sni") sni = value.is_null() ? "" : string_field(value, key);
      else if (key == "starttls") starttls = value.is_null() ? "" : string_field(value, key);
      else if (key != "target") reject("unknown target field '" + key + "' next to 'target'");
    }
    return target_from_text(string_field(target["target"], "target"), sni, starttls);
  }
  for (const auto& [key, value] : target.items()) {
    if (key == "host") {
      result.host = string_field(value, key);
    } else if (key == "port") {
      if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 65535)
        reject("target 'port' must be an integer in 1..65535, got " + value.dump());
      result.port = static_cast<uint16_t>(value.get<long long>());
    } else if (key == "sni") {
      result.sni = value.is_null() ? "" : string_field(value, key);
    } else if (key == "starttls") {
      result.starttls = value.is_null() ? "" : string_field(value, key);
    } else {
      reject("unknown target field '" + key + "'");
    }
  }
  if (result.host.empty()) reject("target has no 'host': " + target.dump());
  if (!target.contains("port")) reject("target has no 'port': " + target.dump());
  check_starttls(result.starttls);
  return result;
}

std::vector<ScanTarget> targets_from_json(const nlohmann::json& targets) {
  if (!targets.is_array()) reject("targets must be a JSON array, got " + targets.dump());
  std::vector<ScanTarget> result;
  for (const auto& target : targets) result.push_back(target_from_json(target));
  return result;
}

}  // namespace tlsready::probe
