// Merges the per-version intolerances of an endpoint into one entry per kind (and extension).
#include <algorithm>

#include "model/scan_result.h"

namespace tlsready::model {

std::vector<Intolerance> endpoint_intolerances(const EndpointResult& result) {
  std::vector<Intolerance> merged;
  for (const ProtocolResult& protocol : result.protocols) {
    for (const Intolerance& found : protocol.intolerances) {
      auto same = std::find_if(merged.begin(), merged.end(), [&](const Intolerance& entry) {
        return entry.kind == found.kind && entry.extension == found.extension;
      });
      if (same == merged.end()) {
        merged.push_back(found);
        continue;
      }
      for (uint16_t version : found.versions) {
        if (std::find(same->versions.begin(), same->versions.end(), version) == same->versions.end())
          same->versions.push_back(version);
      }
      if (found.limit) same->limit = std::max(same->limit.value_or(*found.limit), *found.limit);
      if (found.refused_at) same->refused_at = std::min(same->refused_at.value_or(*found.refused_at), *found.refused_at);
      if (same->detail.find(found.detail) == std::string::npos) same->detail += "; " + found.detail;
    }
  }
  return merged;
}

}  // namespace tlsready::model
