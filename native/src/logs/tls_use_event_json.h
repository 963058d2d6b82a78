// The one JSON form of a TLS-use event (native/schema/tls-use-event.schema.json): unknown fields
// are null, never "" or 0; strings from the log are made valid UTF-8 (invalid bytes become U+FFFD)
// so that a log in a legacy code page still gives a document every JSON reader accepts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "logs/tls_use_event.h"

namespace tlsready::logs {

inline constexpr const char* kTlsUseEventSchemaVersion = "1.1";

nlohmann::json to_json_document(const TlsUseEvent& event);

// `text` with every byte that starts no valid UTF-8 sequence replaced by U+FFFD (logs in legacy code
// pages), so that any JSON writer accepts it.
std::string valid_utf8(const std::string& text);

}  // namespace tlsready::logs
