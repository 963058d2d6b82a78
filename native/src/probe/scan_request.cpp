#include "probe/scan_request.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "net/address.h"
#include "net/starttls.h"
#include "probe/target_parse.h"

namespace tlsready::probe {
namespace {

[[noreturn]] void reject(const std::string& message) { throw std::invalid_argument(message); }

// A JSON value as a message shows it: non-finite numbers by name (nlohmann would write "null"),
// long values cut short.
std::string shown(const nlohmann::json& value) {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) {
    const double number = value.get<double>();
    return std::isnan(number) ? "nan" : (number > 0 ? "inf" : "-inf");
  }
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 200) + "...";
  return text;
}

// Seconds in (0, max]: finite, positive, not absurd.
std::chrono::milliseconds seconds_field(const nlohmann::json& value, const std::string& key, double max) {
  const bool ok =
      value.is_number() && std::isfinite(value.get<double>()) && value.get<double>() > 0 && value.get<double>() <= max;
  if (!ok) {
    reject("option '" + key + "' must be a number of seconds in (0, " + std::to_string(static_cast<long long>(max)) +
           "], got " + shown(value));
  }
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(value.get<double>() * 1000)));
}

unsigned count_field(const nlohmann::json& value, const std::string& key, long long max) {
  if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > max)
    reject("option '" + key + "' must be an integer in 1.." + std::to_string(max) + ", got " + shown(value));
  return static_cast<unsigned>(value.get<long long>());
}

// The CA file must be a readable regular file with at least one PEM certificate, checked before
// any endpoint is scanned: a bad file is the caller's mistake, not a finding about a server.
constexpr off_t kMaxCaFileBytes = 64 * 1024 * 1024;

void check_ca_file(const std::string& path) {
  const std::string named = "option 'ca_file': '" + path + "'";
  if (path.find('\0') != std::string::npos) reject("option 'ca_file': the file name contains a NUL byte");
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) reject(named + " does not exist");
    reject(named + " cannot be read: " + std::strerror(error));
  }
  if (S_ISDIR(info.st_mode)) reject(named + " is a directory, not a PEM file");
  if (!S_ISREG(info.st_mode)) reject(named + " is not a regular file");
  if (info.st_size > kMaxCaFileBytes) reject(named + " is larger than 64 MiB; it is not a CA file");
  errno = 0;
  if (!std::ifstream(path, std::ios::binary).is_open()) {
    reject(named + " cannot be read: " + std::string(errno != 0 ? std::strerror(errno) : "cannot open"));
  }
  // The same loader chain analysis uses (X509_STORE_load_file), so what passes here is used there.
  const std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  const bool loaded = store != nullptr && X509_STORE_load_file(store.get(), path.c_str()) == 1;
  ERR_clear_error();
  if (!loaded) reject(named + " holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)");
}

void check_sni(const std::string& sni) {
  if (sni.empty()) return;
  if (auto failure = net::check_server_name(sni)) reject(failure->message);
}

bool boolean_field(const nlohmann::json& value, const std::string& key) {
  if (!value.is_boolean()) reject("option '" + key + "' must be true or false, got " + shown(value));
  return value.get<bool>();
}

std::string string_field(const nlohmann::json& value, const std::string& key) {
  if (!value.is_string()) reject("'" + key + "' must be a string, got " + shown(value));
  return value.get<std::string>();
}

// "" and null: implied by the port.
std::optional<model::StartTls> parse_starttls_field(const std::string& starttls) {
  if (starttls.empty()) return std::nullopt;
  auto parsed = model::parse_starttls(starttls);
  if (!parsed)
    reject("unknown STARTTLS protocol '" + starttls + "' (use smtp, imap, pop3, ftp, ldap, postgres or none)");
  return parsed;
}

// "" and null: the default (the host when it is a name).
std::optional<std::string> sni_field(const std::string& sni) {
  check_sni(sni);
  if (sni.empty()) return std::nullopt;
  return sni;
}

}  // namespace

ScanOptions options_from_json(const nlohmann::json& options) {
  ScanOptions result;
  if (options.is_null()) return result;
  if (!options.is_object()) reject("scan options must be a JSON object, got " + shown(options));
  for (const auto& [key, value] : options.items()) {
    if (key == "timeout") {
      result.timeout = seconds_field(value, key, 600);
    } else if (key == "endpoint_timeout") {
      // null: derived from 'timeout' (see endpoint_budget in scan_options.h)
      result.endpoint_timeout = value.is_null() ? std::chrono::milliseconds(0) : seconds_field(value, key, 86400);
    } else if (key == "connections_per_endpoint") {
      result.connections_per_endpoint = count_field(value, key, 16);
    } else if (key == "concurrency") {
      result.concurrency = count_field(value, key, 1024);
    } else if (key == "ca_file") {
      result.ca_file = value.is_null() ? "" : string_field(value, key);
      if (!result.ca_file.empty()) check_ca_file(result.ca_file);
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

model::TargetSpec target_from_text(const std::string& text, const std::string& sni, const std::string& starttls) {
  const ParsedTarget parsed = parse_target(text);
  const std::optional<model::StartTls> protocol = starttls_for(parsed, text, parse_starttls_field(starttls));
  return model::TargetSpec{parsed.host, parsed.port, sni_field(sni), protocol};
}

model::TargetSpec target_from_json(const nlohmann::json& target) {
  if (target.is_string()) return target_from_text(target.get<std::string>());
  if (!target.is_object())
    reject("a target must be \"host:port\" or an object with host and port, got " + shown(target));
  model::TargetSpec result;
  std::string sni, starttls;
  if (target.contains("target")) {
    // {"target": "host:port", "sni": ..., "starttls": ...}: the text form with overrides.
    for (const auto& [key, value] : target.items()) {
      if (key == "sni")
        sni = value.is_null() ? "" : string_field(value, key);
      else if (key == "starttls")
        starttls = value.is_null() ? "" : string_field(value, key);
      else if (key != "target")
        reject("unknown target field '" + key + "' next to 'target'");
    }
    return target_from_text(string_field(target["target"], "target"), sni, starttls);
  }
  for (const auto& [key, value] : target.items()) {
    if (key == "host") {
      result.host = string_field(value, key);
    } else if (key == "port") {
      if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 65535)
        reject("target 'port' must be an integer in 1..65535, got " + shown(value));
      result.port = static_cast<uint16_t>(value.get<long long>());
    } else if (key == "sni") {
      sni = value.is_null() ? "" : string_field(value, key);
    } else if (key == "starttls") {
      starttls = value.is_null() ? "" : string_field(value, key);
    } else {
      reject("unknown target field '" + key + "'");
    }
  }
  if (result.host.empty()) reject("target has no 'host': " + shown(target));
  if (!target.contains("port")) reject("target has no 'port': " + shown(target));
  if (auto failure = net::check_host(result.host)) reject(failure->message);
  result.sni = sni_field(sni);
  result.starttls = parse_starttls_field(starttls);
  return result;
}

std::vector<model::TargetSpec> targets_from_json(const nlohmann::json& targets) {
  if (!targets.is_array()) reject("targets must be a JSON array, got " + shown(targets));
  std::vector<model::TargetSpec> result;
  for (const auto& target : targets) result.push_back(target_from_json(target));
  return result;
}

}  // namespace tlsready::probe
