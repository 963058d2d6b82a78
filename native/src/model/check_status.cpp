#include "model/check_status.h"

namespace tlsready::model {

std::string_view to_string(CheckStatus status) {
  switch (status) {
    case CheckStatus::completed: return "completed";
    case CheckStatus::failed: return "failed";
    case CheckStatus::skipped: return "skipped";
  }
  return "unknown";
}

}  // namespace tlsready::model
