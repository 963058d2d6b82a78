// The public C++ face of scanning: a running scan of many endpoints that a front polls for results
// as they finish and may cancel from any thread (over the core's probe::ScanSession). The Python
// binding and the C ABI are thin loops over it; no front owns a thread, queue or cancel flag.
//
// Requests and results are JSON documents, as every front passes them:
//  - the request: native/schema/scan-request.schema.json, {"targets": [...], "options": {...}};
//  - each result: native/schema/endpoint-scan.schema.json (one endpoint).
//
// Errors: a bad request throws std::invalid_argument whose message names the input ("scan request:
// target 2: ...", "scan request: option 'timeout' ..."), before anything is scanned. Nothing a
// server does is an exception: an unreachable or broken endpoint is a result with its error kind.
//
// Thread-safety: every member except the destructor may be called from any thread, also at the
// same time (next() from several threads hands each result to exactly one of them). The
// destructor cancels and joins the scan (bounded, about 200 ms plus a name lookup under way) and
// must not run concurrently with another call on the same session. Sessions are independent.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace tlsready {

// The schema_version of the endpoint-scan documents this build writes.
std::string scan_schema_version();
// The schema_version of the scan requests this build reads.
std::string scan_request_schema_version();

class ScanSession {
 public:
  struct Next {
    enum class Kind {
      result,     // `index` and `document` are set
      timed_out,  // nothing finished within the timeout; the scan goes on
      finished,   // every result has been handed out (or the rest was cancelled); says so again
    };
    Kind kind = Kind::finished;
    std::size_t index = 0;  // the target's position in the request
    std::string document;   // the endpoint-scan JSON document
  };

  // next() with this timeout waits until a result comes or the scan is finished.
  static constexpr std::chrono::milliseconds kWaitForever = std::chrono::milliseconds::max();

  // Validates the request document and starts scanning.
  static std::unique_ptr<ScanSession> start(const std::string& request_json);
  // The same with the request's two members given apart (a JSON array of targets, a JSON object
  // of options), as the Python front builds them.
  static std::unique_ptr<ScanSession> start(const std::string& targets_json, const std::string& options_json);

  ScanSession(const ScanSession&) = delete;
  ScanSession& operator=(const ScanSession&) = delete;
  ~ScanSession();

  // The next finished endpoint, waiting at most `timeout` (0: just look). Rethrows, once, an
  // exception the engine raised (a bug, never a server's doing) after the results before it.
  Next next(std::chrono::milliseconds timeout = kWaitForever);
  // Stops the scan and returns at once; finished results are still handed out. Idempotent.
  void cancel() noexcept;

  std::size_t target_count() const noexcept;
  std::size_t completed_count() const;
  bool cancelled() const noexcept;
  bool finished() const;

 private:
  struct Impl;
  explicit ScanSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsready
