#include "logs/log_read_stats.h"

namespace tlsready::logs {

nlohmann::json to_json_document(const LogReadStats& stats) {
  return {{"lines", stats.lines},
          {"events", stats.events},
          {"directives", stats.directives},
          {"plain", stats.plain},
          {"without_tls_fields", stats.without_tls_fields},
          {"unknown_values", stats.unknown_values},
          {"malformed", stats.malformed},
          {"malformed_lines", stats.malformed_lines},
          {"cut_lines", stats.cut_lines},
          {"unterminated_last_line", stats.unterminated_last_line}};
}

}  // namespace tlsready::logs
