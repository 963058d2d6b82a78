// Whether one sub-check of an endpoint scan ran (in the spirit of sslyze's per-command attempt):
// a null certificate then says why -- not asked for, could not be fetched, or none served.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/failure.h"

namespace tlsready::model {

// Numbers and names are frozen (the schema's check_status lists the names).
enum class CheckStatus : int {
  completed = 0,  // ran to its conclusion; its facts stand
  failed = 1,     // started but could not finish (reason says why); its facts are partial
  skipped = 2,    // not run: not asked for, nothing to check, or the scan ended before it
};

inline constexpr std::array<CheckStatus, 3> kAllCheckStatuses = {CheckStatus::completed, CheckStatus::failed,
                                                                 CheckStatus::skipped};

// "completed", "failed", "skipped"; "unknown" for a number that is no enumerator.
std::string_view to_string(CheckStatus status);

struct CheckOutcome {
  CheckStatus status = CheckStatus::skipped;
  std::optional<FailureKind> reason;  // failed (and skipped because of a failure): the classified cause
  std::optional<std::string> detail;  // for people

  static CheckOutcome completed(std::optional<std::string> detail = std::nullopt) {
    return {CheckStatus::completed, std::nullopt, std::move(detail)};
  }
  static CheckOutcome failed(FailureKind reason, std::string detail) {
    return {CheckStatus::failed, reason, std::move(detail)};
  }
  static CheckOutcome skipped(std::string detail, std::optional<FailureKind> reason = std::nullopt) {
    return {CheckStatus::skipped, reason, std::move(detail)};
  }
};

}  // namespace tlsready::model
