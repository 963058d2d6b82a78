#include "probe/probe_context.h"

#include <algorithm>
#include <utility>

namespace tlsready::probe {

ProbeContext::ProbeContext(net::ResolvedAddress address, std::string sni, net::StartTls starttls,
                           const ScanOptions& options, const std::atomic<bool>* cancel, Clock::time_point deadline)
    : address_(std::move(address)),
      sni_(std::move(sni)),
      starttls_(starttls),
      options_(options),
      cancel_(cancel),
      deadline_(deadline) {}

std::chrono::milliseconds ProbeContext::timeout() const {
  if (deadline_ == Clock::time_point::max()) return options_.timeout;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - Clock::now());
  return std::clamp(left, std::chrono::milliseconds(0), options_.timeout);
}

ProbeContext::Clock::time_point ProbeContext::step_deadline() const {
  const auto now = Clock::now();
  return deadline_ - now <= options_.timeout ? deadline_ : now + options_.timeout;
}

void ProbeContext::stop_with(Failure failure) {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  if (!stop_reason_) stop_reason_ = std::move(failure);
  stopped_.store(true);
}

std::optional<Failure> ProbeContext::stop_reason() const {
  std::lock_guard<std::mutex> lock(stop_mutex_);
  return stop_reason_;
}

std::optional<Failure> ProbeContext::connect(net::Connection& out) {
  if (user_cancelled()) return Failure{FailureKind::cancelled, "scan cancelled"};
  if (auto reason = stop_reason()) return reason;
  if (budget_spent()) return Failure{FailureKind::endpoint_timeout, "the endpoint's time budget ran out"};
  ++connections_;
  if (auto failure = net::Connection::open(address_, timeout(), out)) {
    // A connect cut short by the budget (not by its own timeout) is the budget's doing.
    if (failure->kind == FailureKind::timeout && budget_spent()) {
      failure->kind = FailureKind::endpoint_timeout;
      failure->message += " (the endpoint's time budget ran out)";
    }
    return failure;
  }
  if (deadline_ != Clock::time_point::max()) out.limit_to(deadline_);
  if (starttls_ != net::StartTls::none) {
    const std::string client_name = "tlsready.localdomain";
    if (auto failure = net::negotiate_starttls(out, starttls_, client_name, options_.timeout)) return failure;
  }
  return std::nullopt;
}

}  // namespace tlsready::probe
