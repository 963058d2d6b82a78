// tlsready._native: thin shims over the core's public C++ face (native/include/tlsready/*.hpp, the
// only headers of the core this file may include; it links tlsready_core alone). JSON strings cross
// the boundary so Python sees exactly the documented JSON shapes; the GIL is released while the
// engine works, and results are handed to Python on the calling thread as they finish. No C++
// exception reaches Python unmapped: bad arguments (std::invalid_argument) become ValueError,
// anything else RuntimeError.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "tlsready/clients.hpp"
#include "tlsready/legacy_clients.hpp"
#include "tlsready/listen.hpp"
#include "tlsready/machine_reach.hpp"
#include "tlsready/policy.hpp"
#include "tlsready/registry.hpp"
#include "tlsready/scan.hpp"
#include "tlsready/simulation.hpp"
#include "tlsready/targets.hpp"
#include "tlsready/verdict.hpp"
#include "tlsready/version.hpp"

namespace py = pybind11;

namespace {

using tlsready::ScanSession;
using namespace std::chrono_literals;

// The slice between two looks at Ctrl-C (PyErr_CheckSignals) while a scan runs.
constexpr std::chrono::milliseconds kSignalSlice = 100ms;

// One next() with the GIL released; the document is made there too, off the GIL.
struct Taken {
  ScanSession::Next::Kind kind;
  size_t index = 0;
  std::string document;
};

Taken take_next(ScanSession& session, std::chrono::milliseconds timeout) {
  py::gil_scoped_release release;
  ScanSession::Next next = session.next(timeout);
  return {next.kind, next.index, std::move(next.document)};
}

// Cancels and joins with the GIL released: the workers never take it, other Python threads may.
void end_session(std::shared_ptr<ScanSession>& session) {
  if (!session) return;
  session->cancel();
  py::gil_scoped_release release;
  session.reset();
}

// The scan in one call: results go to on_result(index, json) on the calling thread as they
// finish; Ctrl-C is looked at every 100 ms and cancels the scan. An exception from on_result or
// from a signal handler ends the scan and propagates unchanged.
void scan_streaming(const std::string& targets_json, const std::string& options_json, const py::function& on_result) {
  std::shared_ptr<ScanSession> session = ScanSession::start(targets_json, options_json);
  try {
    for (;;) {
      const Taken taken = take_next(*session, kSignalSlice);
      if (taken.kind == ScanSession::Next::Kind::finished) break;
      if (taken.kind == ScanSession::Next::Kind::result) on_result(taken.index, taken.document);
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
  } catch (...) {
    end_session(session);
    throw;
  }
  end_session(session);
}

// tlsready._native.ScanSession: the core's session for Python code that polls (scan_many, the
// asyncio front). Several Python threads may use one object: each call holds its own reference
// to the core session, so close() from one thread never frees it under another's next().
class PythonScanSession {
 public:
  PythonScanSession(const std::string& targets_json, const std::string& options_json)
      : session_(ScanSession::start(targets_json, options_json)), target_count_(session_->target_count()) {}
  PythonScanSession(const PythonScanSession&) = delete;
  PythonScanSession& operator=(const PythonScanSession&) = delete;
  // Without close() the core session's destructor cancels and joins here, GIL held (the
  // workers never need it, and the join is bounded like a cancel).
  ~PythonScanSession() = default;

  // (index, result JSON), or None when nothing finished within `timeout` seconds (None: wait
  // until something does) or the session is finished or closed.
  std::optional<std::pair<size_t, std::string>> next(std::optional<double> timeout) {
    std::shared_ptr<ScanSession> session = session_;
    if (!session) return std::nullopt;
    const Taken taken = take_next(*session, milliseconds_of(timeout));
    if (taken.kind != ScanSession::Next::Kind::result) return std::nullopt;
    return std::make_pair(taken.index, taken.document);
  }

  void cancel() {
    if (session_) session_->cancel();
  }
  // Cancels and waits for the scan to stop; afterwards next() returns None. Idempotent.
  void close() {
    if (session_) completed_at_close_ = session_->completed_count();
    std::shared_ptr<ScanSession> session = std::move(session_);
    end_session(session);
  }

  size_t target_count() const { return target_count_; }
  size_t completed_count() const { return session_ ? session_->completed_count() : completed_at_close_; }
  bool cancelled() const { return !session_ || session_->cancelled(); }
  bool finished() const { return !session_ || session_->finished(); }

 private:
  static std::chrono::milliseconds milliseconds_of(std::optional<double> seconds) {
    if (!seconds) return ScanSession::kWaitForever;
    if (!std::isfinite(*seconds) || *seconds < 0)
      throw std::invalid_argument("timeout must be a number of seconds >= 0 or None, got " + std::to_string(*seconds));
    if (*seconds > 86400.0 * 365) return ScanSession::kWaitForever;
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(*seconds * 1000)));
  }

  std::shared_ptr<ScanSession> session_;
  size_t target_count_;
  size_t completed_at_close_ = 0;
};

std::string audit_registry_files(const std::vector<std::string>& paths, const std::string& os_version) {
  py::gil_scoped_release release;
  return tlsready::audit_registry_files(paths, os_version);
}

std::string audit_linux_root(const std::string& root, const std::string& openssl_conf) {
  py::gil_scoped_release release;
  return tlsready::audit_linux_root(root, openssl_conf);
}

std::string remediation(const std::string& report_json, const std::string& format) {
  return tlsready::remediation(report_json, format);
}

// A core call that polls a cancel flag, on a worker thread with the GIL released; Ctrl-C is looked
// at every 100 ms and sets the flag (the worker stops within about 200 ms, then the signal's
// exception propagates).
std::string cancellable(const std::function<std::string(const std::atomic<bool>*)>& call) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  std::future<std::string> work = std::async(std::launch::async, [call, cancel] { return call(cancel.get()); });
  for (;;) {
    std::future_status status;
    {
      py::gil_scoped_release release;
      status = work.wait_for(kSignalSlice);
    }
    if (status == std::future_status::ready) return work.get();
    if (PyErr_CheckSignals() != 0) {
      cancel->store(true);
      {
        py::gil_scoped_release release;
        work.wait();
      }
      throw py::error_already_set();
    }
  }
}

// The client simulation (tlsready/simulation.hpp) through cancellable(): Ctrl-C cancels it.
std::string client_simulation(const std::string& scan_json, const std::string& options_json, const std::string& what_if,
                              const std::vector<std::string>& client_ids) {
  return cancellable([=](const std::atomic<bool>* cancel) {
    return tlsready::client_simulation_document(scan_json, options_json, what_if, client_ids, cancel);
  });
}

// Server logs -> the legacy-clients document, read with the GIL released. Each event goes to
// on_event(json) with the GIL taken for the call; Ctrl-C is looked at every 4096 events and after
// each file. An exception from on_event or a signal handler stops the reading and propagates.
std::string legacy_clients(const std::vector<std::string>& paths, const std::string& format, size_t limit,
                           const std::optional<py::function>& on_event) {
  tlsready::LegacyClientsOptions options;
  options.format = format;
  options.limit = limit;
  std::exception_ptr failure;
  if (on_event) {
    options.on_event = [&](const std::string& event) {
      py::gil_scoped_acquire acquire;
      try {
        (*on_event)(event);
        return true;
      } catch (...) {
        failure = std::current_exception();
        return false;
      }
    };
  }
  options.keep_going = [&]() {
    if (failure) return false;
    py::gil_scoped_acquire acquire;
    if (PyErr_CheckSignals() == 0) return true;
    try {
      throw py::error_already_set();
    } catch (...) {
      failure = std::current_exception();
    }
    return false;
  };
  std::string document;
  {
    py::gil_scoped_release release;
    document = tlsready::legacy_clients(paths, options);
  }
  if (failure) std::rethrow_exception(failure);
  return document;
}

// The verdict with its clients section (tlsready/verdict.hpp): a forecast on the calling thread
// with the GIL released, a simulation through cancellable().
std::string verdict_clients(const std::string& scan_json, const std::string& policy, bool simulate,
                            const std::string& options_json, const std::string& what_if,
                            const std::vector<std::string>& client_ids) {
  tlsready::VerdictClients clients;
  clients.simulate = simulate;
  clients.what_if = what_if;
  clients.client_ids = client_ids;
  clients.simulation_options_json = options_json;
  if (!simulate) {
    py::gil_scoped_release release;
    return tlsready::verdict(scan_json, policy, clients);
  }
  return cancellable([scan_json, policy, clients](const std::atomic<bool>* cancel) {
    return tlsready::verdict(scan_json, policy, clients, cancel);
  });
}

// A code point from Python: any int, checked here so 0x10000 or -1 is a ValueError naming it.
std::optional<std::string> cipher_suite_by_code(long long code) {
  if (code < 0 || code > 0xFFFF)
    throw std::invalid_argument("cipher suite code " + std::to_string(code) +
                                " is not a 16-bit code point (0..0xFFFF)");
  return tlsready::cipher_suite_json(static_cast<std::uint16_t>(code));
}

std::optional<std::string> cipher_suite_by_name(const std::string& name) {
  return tlsready::cipher_suite_json(std::string_view(name));
}

// The capture listener (tlsready/listen.hpp) on the calling thread with the GIL released: each
// event to on_event(json) and the bound port to on_listening(address, port) with the GIL taken for
// the call; Ctrl-C is looked at every 100 ms and stops it: Ctrl-C is how a listener is ended, so
// the signal is taken (its exception dropped) and the result says `interrupted` (the Python side
// raises ListenInterruptedError with the summary). An exception from a callback stops the
// listener and propagates. Returns (legacy-clients document, counts JSON, interrupted).
std::tuple<std::string, std::string, bool> capture_listen(const std::string& bind, int port,
                                                          const std::string& starttls, size_t count, double duration,
                                                          double connection_timeout, size_t max_connections,
                                                          const std::optional<py::function>& on_event,
                                                          const std::optional<py::function>& on_listening) {
  tlsready::ListenOptions options;
  options.bind = bind;
  options.port = port;
  options.starttls = starttls;
  options.count = count;
  options.duration_seconds = duration;
  options.connection_timeout_seconds = connection_timeout;
  options.max_connections = max_connections;
  std::exception_ptr failure;
  const auto call = [&](const auto& function, const auto&... args) {
    if (failure) return false;
    py::gil_scoped_acquire acquire;
    try {
      function(args...);
      return true;
    } catch (...) {
      failure = std::current_exception();
      return false;
    }
  };
  bool listening_failed = false;
  if (on_listening) {
    options.on_listening = [&](const std::string& address, int bound_port) {
      if (!call(*on_listening, address, bound_port)) listening_failed = true;
    };
  }
  if (on_event) options.on_event = [&](const std::string& event) { return call(*on_event, event); };
  bool interrupted = false;
  options.keep_going = [&]() {
    if (failure || listening_failed) return false;
    py::gil_scoped_acquire acquire;
    if (PyErr_CheckSignals() == 0) return true;
    const py::error_already_set signal;  // fetches (clears) the handler's exception
    if (!signal.matches(PyExc_KeyboardInterrupt)) {
      try {
        throw signal;
      } catch (...) {
        failure = std::current_exception();
      }
    }
    interrupted = true;
    return false;
  };
  tlsready::ListenResult result;
  {
    py::gil_scoped_release release;
    result = tlsready::listen(options);
  }
  if (failure) std::rethrow_exception(failure);
  return {result.summary_json, result.counts_json, interrupted};
}
}  // namespace

PYBIND11_MODULE(_native, module) {
  module.doc() = "tlsready native core (private; use the tlsready package)";
  module.attr("__version__") = tlsready::version();
  module.attr("SCHEMA_VERSION") = tlsready::scan_schema_version();

  module.def("scan_streaming", &scan_streaming, py::arg("targets_json"), py::arg("options_json"), py::arg("on_result"),
             "Scan targets (JSON array) with options (JSON object); on_result(index, result_json) per endpoint.");
  py::class_<PythonScanSession>(module, "ScanSession",
                                "A running scan (started at construction); poll next(timeout), cancel() from any thread.")
      .def(py::init<const std::string&, const std::string&>(), py::arg("targets_json"), py::arg("options_json"))
      .def("next", &PythonScanSession::next, py::arg("timeout") = py::none(),
           "(index, result_json) of the next finished endpoint, or None on timeout / when finished.")
      .def("cancel", &PythonScanSession::cancel, "Stop the scan; finished results are still returned by next().")
      .def("close", &PythonScanSession::close, "Cancel and wait for the scan to stop.")
      .def_property_readonly("target_count", &PythonScanSession::target_count)
      .def_property_readonly("completed_count", &PythonScanSession::completed_count)
      .def_property_readonly("cancelled", &PythonScanSession::cancelled)
      .def_property_readonly("finished", &PythonScanSession::finished)
      .def("__enter__", [](PythonScanSession& self) -> PythonScanSession& { return self; },
           py::return_value_policy::reference)
      .def("__exit__", [](PythonScanSession& self, const py::args&) { self.close(); });
  module.def("audit_registry_files", &audit_registry_files, py::arg("paths"), py::arg("os_version"),
             "Audit reg export files / registry snapshots; returns the local-policy report JSON.");
  module.def("audit_linux_root", &audit_linux_root, py::arg("root"), py::arg("openssl_conf"),
             "Audit the Linux TLS configuration under root; returns the local-policy report JSON.");
  module.def("remediation", &remediation, py::arg("report_json"), py::arg("format"),
             "Remediation script ('reg' or 'ps1') for a report's findings.");
  module.def("client_profiles", &tlsready::client_profiles_document, "The built-in client profiles document (JSON).");
  module.def("client_impact", &tlsready::client_impact_document, py::arg("scan_json"), py::arg("what_if"),
             py::arg("client_ids"), "The client_impact document (JSON) of one endpoint-scan document.");
  module.def("client_impact_summary", &tlsready::client_impact_summary_document, py::arg("scan_jsons"),
             py::arg("what_if"), py::arg("client_ids"), "The client_impact_summary document over many scan documents.");
  module.def("client_simulation", &client_simulation, py::arg("scan_json"), py::arg("options_json"), py::arg("what_if"),
             py::arg("client_ids"),
             "The client_impact document of one endpoint-scan document with the outcomes simulated on the wire "
             "(those the scan decides taken from it); GIL released, Ctrl-C cancels.");
  module.attr("VERDICT_SCHEMA_VERSION") = tlsready::verdict_schema_version();
  module.def("verdicts", &tlsready::verdicts, py::arg("scan_documents_json"), py::arg("policy"),
             py::call_guard<py::gil_scoped_release>(),
             "Verdict documents of endpoint-scan documents against a policy (built-in id, file or document).");
  module.def("verdict_summary", &tlsready::verdict_summary, py::arg("verdicts_json"),
             "Summary document over a JSON array of verdict documents.");
  module.def("policy_list", &tlsready::policy_list, "The built-in policies (JSON array).");
  module.def("policy_document", &tlsready::policy_document, py::arg("policy"), "A policy's document (JSON).");
  module.attr("MACHINE_REACH_SCHEMA_VERSION") = tlsready::machine_reach_schema_version();
  module.def("machine_reach", &tlsready::machine_reach, py::arg("report_json"), py::arg("policy"),
             "The machine-reach document (JSON) of a local-policy report against a policy's server side.");
  module.attr("LEGACY_CLIENTS_SCHEMA_VERSION") = tlsready::legacy_clients_schema_version();
  module.def("log_formats", &tlsready::log_formats, "The log formats legacy_clients reads (besides 'auto').");
  module.def("detect_log_format", &tlsready::detect_log_format, py::arg("path"),
             "The format 'auto' recognises for a log file.");
  module.def("legacy_clients", &legacy_clients, py::arg("paths"), py::arg("format"), py::arg("limit"),
             py::arg("on_event"),
             "The legacy-clients document (JSON) of server log files; each TLS-use event to on_event(json); GIL "
             "released, Ctrl-C stops.");
  module.def("verdict_clients", &verdict_clients, py::arg("scan_json"), py::arg("policy"), py::arg("simulate"),
             py::arg("options_json"), py::arg("what_if"), py::arg("client_ids"),
             "The verdict document with its clients section, forecast or simulated (GIL released; Ctrl-C "
             "cancels a simulation).");
  module.def("verdict_with_clients", &tlsready::verdict_with_clients, py::arg("verdict_json"),
             py::arg("client_impact_json"), py::call_guard<py::gil_scoped_release>(),
             "A verdict document with the clients section from a client_impact document.");
  module.def("parse_target", &tlsready::parse_target_json, py::arg("text"), py::arg("starttls") = "",
             "One target as a scan reads it (JSON: host, port, target, starttls, url); ValueError naming bad text.");
  module.def("url_schemes", &tlsready::url_schemes_json, "The URL schemes of targets (JSON array).");
  module.def("cipher_suites", &tlsready::cipher_suites_json, "Every cipher suite of the registry (JSON array).");
  module.def("cipher_suite_by_code", &cipher_suite_by_code, py::arg("code"),
             "One cipher suite (JSON) by its code point, or None.");
  module.def("cipher_suite_by_name", &cipher_suite_by_name, py::arg("name"),
             "One cipher suite (JSON) by its IANA or OpenSSL name (ASCII case-insensitive), or None.");
  module.def("listen", &capture_listen, py::arg("bind"), py::arg("port"), py::arg("starttls"), py::arg("count"),
             py::arg("duration"), py::arg("connection_timeout"), py::arg("max_connections"), py::arg("on_event"),
             py::arg("on_listening"),
             "The capture listener: records each ClientHello as a TLS-use event (on_event(json)), refuses it; "
             "on_listening(address, port) once bound; GIL released, Ctrl-C stops. Returns (legacy-clients "
             "document, counts) JSON.");
}
