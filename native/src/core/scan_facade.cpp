// tlsready::ScanSession (native/include/tlsready/scan.hpp) over probe::ScanSession: the request
// document is taken apart here, the rest is the probe room's.
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <utility>

#include "model/scan_result.h"
#include "probe/scan_session.h"
#include "tlsready/scan.hpp"

namespace tlsready {
namespace {

// The scan-request document's version (native/schema/scan-request.schema.json).
constexpr const char* kScanRequestSchemaVersion = "1.0";

[[noreturn]] void reject(const std::string& message) { throw std::invalid_argument("scan request: " + message); }

std::string dumped(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

struct ScanSession::Impl {
  std::unique_ptr<probe::ScanSession> session;
};

std::string scan_schema_version() { return model::kSchemaVersion; }
std::string scan_request_schema_version() { return kScanRequestSchemaVersion; }

ScanSession::ScanSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScanSession::~ScanSession() = default;

std::unique_ptr<ScanSession> ScanSession::start(const std::string& request_json) {
  const nlohmann::json request = nlohmann::json::parse(request_json, nullptr, false);
  if (request.is_discarded()) reject("not valid JSON");
  if (!request.is_object()) reject(R"(must be a JSON object {"targets": [...], "options": {...}})");
  nlohmann::json targets;
  nlohmann::json options = nlohmann::json::object();
  bool has_targets = false;
  for (const auto& [key, value] : request.items()) {
    if (key == "targets") {
      if (!value.is_array()) reject("'targets' must be an array of targets");
      targets = value;
      has_targets = true;
    } else if (key == "options") {
      if (!value.is_object() && !value.is_null()) reject("'options' must be an object");
      if (value.is_object()) options = value;
    } else if (key == "schema_version") {
      if (!value.is_string() || value.get<std::string>() != kScanRequestSchemaVersion)
        reject(std::string("unsupported schema_version ") + dumped(value) + " (this build reads \"" +
               kScanRequestSchemaVersion + "\")");
    } else {
      reject("unknown field '" + key + "' (targets, options, schema_version)");
    }
  }
  if (!has_targets) reject("no 'targets'");
  try {
    return start(dumped(targets), dumped(options));
  } catch (const std::invalid_argument& error) {
    reject(error.what());
  }
}

std::unique_ptr<ScanSession> ScanSession::start(const std::string& targets_json, const std::string& options_json) {
  auto impl = std::make_unique<Impl>();
  impl->session = probe::ScanSession::from_json(targets_json, options_json);
  return std::unique_ptr<ScanSession>(new ScanSession(std::move(impl)));
}

ScanSession::Next ScanSession::next(std::chrono::milliseconds timeout) {
  const probe::ScanSession::Next next = impl_->session->next(timeout);
  Next result;
  result.index = next.index;
  switch (next.kind) {
    case probe::ScanSession::Next::Kind::result:
      result.kind = Next::Kind::result;
      result.document = next.document();
      break;
    case probe::ScanSession::Next::Kind::timed_out: result.kind = Next::Kind::timed_out; break;
    case probe::ScanSession::Next::Kind::finished: result.kind = Next::Kind::finished; break;
  }
  return result;
}

void ScanSession::cancel() noexcept { impl_->session->cancel(); }
std::size_t ScanSession::target_count() const noexcept { return impl_->session->target_count(); }
std::size_t ScanSession::completed_count() const { return impl_->session->completed_count(); }
bool ScanSession::cancelled() const noexcept { return impl_->session->cancelled(); }
bool ScanSession::finished() const { return impl_->session->finished(); }

}  // namespace tlsready
