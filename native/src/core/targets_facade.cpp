// tlsready/targets.hpp over probe/target_parse.h and the scan request's target reader, so the
// answer here is what a scan of the same text probes.
#include <nlohmann/json.hpp>

#include "model/target.h"
#include "probe/scan_request.h"
#include "probe/target_parse.h"
#include "tlsready/targets.hpp"

namespace tlsready {

std::string parse_target_json(const std::string& text, const std::string& starttls) {
  const probe::ParsedTarget parsed = probe::parse_target(text);
  const model::TargetSpec spec = probe::target_from_text(text, "", starttls);  // checks starttls against a URL
  return nlohmann::json{
      {"host", spec.host},
      {"port", spec.port},
      {"target", probe::host_port_text(spec.host, spec.port)},
      {"starttls", spec.starttls ? nlohmann::json(std::string(model::to_string(*spec.starttls))) : nlohmann::json()},
      {"url", parsed.from_url}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string url_schemes_json() {
  nlohmann::json all = nlohmann::json::array();
  for (const probe::UrlScheme& scheme : probe::url_schemes()) {
    all.push_back({{"scheme", scheme.name},
                   {"starttls", std::string(model::to_string(scheme.starttls))},
                   {"default_port", scheme.default_port}});
  }
  return all.dump();
}

}  // namespace tlsready
