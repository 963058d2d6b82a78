#include "model/refusal.h"

namespace tlsready::model {

std::string_view to_string(RefusalKind kind) {
  switch (kind) {
    case RefusalKind::alert: return "alert";
    case RefusalKind::connection_reset: return "connection_reset";
    case RefusalKind::connection_closed: return "connection_closed";
    case RefusalKind::timeout: return "timeout";
    case RefusalKind::unparseable_answer: return "unparseable_answer";
    case RefusalKind::wrong_version: return "wrong_version";
    case RefusalKind::unoffered_suite: return "unoffered_suite";
    case RefusalKind::no_common_cipher: return "no_common_cipher";
    case RefusalKind::other: return "other";
  }
  return "unknown";
}

}  // namespace tlsready::model
