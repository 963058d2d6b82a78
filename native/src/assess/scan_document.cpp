#include "assess/scan_document.h"

#include "model/scan_result_json.h"
#include "registry/group_registry.h"

namespace tlsready::assess {

model::EndpointResult endpoint_result_from_document(const nlohmann::json& document) {
  return model::endpoint_result_from_json(document, [](std::string_view name) -> std::optional<uint16_t> {
    const registry::NamedGroup* group = registry::find_group_by_name(name);
    if (group == nullptr) return std::nullopt;
    return group->code;
  });
}

}  // namespace tlsready::assess
