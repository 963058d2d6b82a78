// Per-endpoint state of a scan: where to connect, how (STARTTLS), and how many connections it
// took. One ProbeContext per endpoint, used by one thread.
#pragma once

#include <atomic>
#include <chrono>
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
  ProbeContext(net::ResolvedAddress address, std::string sni, net::StartTls starttls, const ScanOptions& options,
               const std::atomic<bool>* cancel);

  // A fresh connection, through the STARTTLS dialogue if any, ready for a ClientHello.
  std::optional<Failure> connect(net::Connection& out);

  const std::string& sni() const { return sni_; }
  const net::ResolvedAddress& address() const { return address_; }
  const ScanOptions& options() const { return options_; }
  std::chrono::milliseconds timeout() const { return options_.timeout; }
  int connections() const { return connections_; }
  bool cancelled() const { return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed); }

 private:
  net::ResolvedAddress address_;
  std::string sni_;
  net::StartTls starttls_;
  const ScanOptions& options_;
  const std::atomic<bool>* cancel_;
  int connections_ = 0;
};

}  // namespace tlsready::probe
