// Per-endpoint state of a scan: where to connect, how (STARTTLS), the endpoint's time budget,
// how many connections it took, and whether it must stop. Thread-safe: the probes of several
// protocol versions of one endpoint share one ProbeContext from several threads (connect() and
// the counters are safe to call concurrently; everything else is read-only).
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "common/failure.h"
#include "net/address.h"
#include "net/connection.h"
#include "net/starttls.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

class ProbeContext {
 public:
  using Clock = std::chrono::steady_clock;

  // `deadline`: the end of the endpoint's total budget (shared by all its addresses).
  ProbeContext(net::ResolvedAddress address, std::string sni, net::StartTls starttls, const ScanOptions& options,
               const std::atomic<bool>* cancel, Clock::time_point deadline = Clock::time_point::max());

  // A fresh connection, through the STARTTLS dialogue if any, ready for a ClientHello. Every
  // later send/receive on it ends at the endpoint's deadline at the latest.
  std::optional<Failure> connect(net::Connection& out);

  const std::string& sni() const { return sni_; }
  const net::ResolvedAddress& address() const { return address_; }
  const ScanOptions& options() const { return options_; }
  // The per-step timeout, shortened to what is left of the endpoint's budget.
  std::chrono::milliseconds timeout() const;
  // The end of one step started now: now + timeout, or the endpoint's deadline if sooner.
  Clock::time_point step_deadline() const;
  Clock::time_point deadline() const { return deadline_; }
  bool budget_spent() const { return Clock::now() >= deadline_; }
  int connections() const { return connections_.load(); }

  // The caller's cancel flag (Ctrl-C): stop at once.
  bool user_cancelled() const { return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed); }
  // True when the probes must stop: cancelled by the caller, the budget is spent, or a probe
  // found the endpoint unfit to go on with (see stop_with). Every probe loop checks it.
  bool cancelled() const { return user_cancelled() || budget_spent() || stopped_.load(); }
  const std::atomic<bool>* cancel_flag() const { return cancel_; }

  // Ends the endpoint's scan with `failure` (the first one given wins), e.g. a server whose
  // flight after its ServerHello breaks the reader's limits: every further hello would only
  // cost time.
  void stop_with(Failure failure);
  std::optional<Failure> stop_reason() const;

 private:
  net::ResolvedAddress address_;
  std::string sni_;
  net::StartTls starttls_;
  const ScanOptions& options_;
  const std::atomic<bool>* cancel_;
  Clock::time_point deadline_;
  std::atomic<int> connections_{0};
  std::atomic<bool> stopped_{false};
  mutable std::mutex stop_mutex_;
  std::optional<Failure> stop_reason_;
};

}  // namespace tlsready::probe
