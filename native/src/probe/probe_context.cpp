#include "probe/probe_context.h"

#include <utility>

namespace tlsready::probe {

ProbeContext::ProbeContext(net::ResolvedAddress address, std::string sni, net::StartTls starttls,
                           const ScanOptions& options, const std::atomic<bool>* cancel)
    : address_(std::move(address)), sni_(std::move(sni)), starttls_(starttls), options_(options), cancel_(cancel) {}

std::optional<Failure> ProbeContext::connect(net::Connection& out) {
  if (cancelled()) return Failure{FailureKind::cancelled, "scan cancelled"};
  ++connections_;
  if (auto failure = net::Connection::open(address_, options_.timeout, out)) return failure;
  if (starttls_ != net::StartTls::none) {
    const std::string client_name = "tlsready.localdomain";
    if (auto failure = net::negotiate_starttls(out, starttls_, client_name, options_.timeout)) return failure;
  }
  return std::nullopt;
}

}  // namespace tlsready::probe
