// The one JSON form of a TLS-use event (native/schema/tls-use-event.schema.json): unknown fields
// are null, never "" or 0; strings from the log are made valid UTF-8 (invalid bytes become U+FFFD)
// so that a log in a legacy code page still gives a document every JSON reader accepts.
#pragma once

#include <nlohmann/json.hpp>

#include "logs/tls_use_event.h"

namespace tlsready::logs {

inline constexpr const char* kTlsUseEventSchemaVersion = "1.0";

nlohmann::json to_json_document(const TlsUseEvent& event);

}  // namespace tlsready::logs
