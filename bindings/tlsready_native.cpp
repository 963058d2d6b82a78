// tlsready._native: thin shims over the core. JSON strings cross the boundary so Python sees
// exactly the documented JSON shapes; the GIL is released while the engine works, and results are
// handed to Python on the calling thread as they finish. No C++ exception reaches Python unmapped:
// bad arguments become ValueError, anything else RuntimeError.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "model/scan_result_json.h"
#include "policy/policy_audit.h"
#include "probe/batch_scanner.h"
#include "probe/scan_request.h"

namespace py = pybind11;

namespace {

struct Delivery {
  size_t index;
  std::string json;
};

// Runs the scan on a worker thread; the calling thread hands results to Python and checks for
// Ctrl-C every 100 ms, so an interrupted scan stops promptly and keeps what was delivered.
void scan_streaming(const std::string& targets_json, const std::string& options_json, const py::function& on_result) {
  const auto targets = tlsready::probe::targets_from_json(nlohmann::json::parse(targets_json));
  const auto options = tlsready::probe::options_from_json(nlohmann::json::parse(options_json));

  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Delivery> queue;
  bool finished = false;
  std::exception_ptr engine_error;
  std::atomic<bool> cancel{false};

  std::thread engine([&] {
    try {
      tlsready::probe::scan_many(targets, options, [&](size_t index, const tlsready::model::EndpointResult& result) {
        std::string text = nlohmann::json(result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::lock_guard<std::mutex> lock(mutex);
        queue.push_back({index, std::move(text)});
        ready.notify_one();
      }, &cancel);
    } catch (...) {
      engine_error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    finished = true;
    ready.notify_one();
  });

  auto stop_engine = [&] {
    cancel.store(true);
    py::gil_scoped_release release;
    engine.join();
  };

  for (;;) {
    std::deque<Delivery> batch;
    bool done = false;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished || !queue.empty(); });
      batch.swap(queue);
      done = finished && batch.empty();
    }
    try {
      for (auto& item : batch) on_result(item.index, item.json);
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    } catch (...) {
      stop_engine();
      throw;
    }
    if (done) break;
  }
  {
    py::gil_scoped_release release;
    engine.join();
  }
  if (engine_error) std::rethrow_exception(engine_error);
}

std::string audit_registry_files(const std::vector<std::string>& paths, const std::string& os_version) {
  nlohmann::json report;
  {
    py::gil_scoped_release release;
    report = tlsready::policy::audit_registry_files(paths, os_version);
  }
  return report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string audit_linux_root(const std::string& root, const std::string& openssl_conf) {
  nlohmann::json report;
  {
    py::gil_scoped_release release;
    report = tlsready::policy::audit_linux_root(root, openssl_conf);
  }
  return report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string remediation(const std::string& report_json, const std::string& format) {
  return tlsready::policy::remediation_text(nlohmann::json::parse(report_json), format);
}

}  // namespace

PYBIND11_MODULE(_native, module) {
  module.doc() = "tlsready native core (private; use the tlsready package)";
  module.attr("__version__") = TLSREADY_VERSION;
  module.attr("SCHEMA_VERSION") = tlsready::model::kSchemaVersion;

  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const nlohmann::json::exception& e) {
      PyErr_SetString(PyExc_ValueError, (std::string("invalid JSON: ") + e.what()).c_str());
    }
  });

  module.def("scan_streaming", &scan_streaming, py::arg("targets_json"), py::arg("options_json"), py::arg("on_result"),
             "Scan targets (JSON array) with options (JSON object); on_result(index, result_json) per endpoint.");
  module.def("audit_registry_files", &audit_registry_files, py::arg("paths"), py::arg("os_version"),
             "Audit reg export files / registry snapshots; returns the local-policy report JSON.");
  module.def("audit_linux_root", &audit_linux_root, py::arg("root"), py::arg("openssl_conf"),
             "Audit the Linux TLS configuration under root; returns the local-policy report JSON.");
  module.def("remediation", &remediation, py::arg("report_json"), py::arg("format"),
             "Remediation script ('reg' or 'ps1') for a report's findings.");
}
