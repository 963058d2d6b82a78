/* tlsready.h: the C ABI of tlsready (libtlsready.so / tlsready.dll).
 *
 * Plain C99, usable from C, C#, Go, Rust and anything with a C FFI. Everything is prefixed tlsr_;
 * only those symbols leave the library. The same core as the Python package: the same JSON
 * documents, described by the schemas in native/schema/ (installed beside this header under
 * share/tlsready/schema):
 *   scan request      scan-request.schema.json   what tlsr_scan_start reads
 *   scan result       endpoint-scan.schema.json  one per endpoint, from tlsr_scan_next
 *   local policy      local-policy.schema.json   from tlsr_policy_audit_*
 *   registry entries  registry.schema.json       from tlsr_cipher_suite_* / tlsr_group_*
 *   legacy clients    legacy-clients-request.schema.json, tls-use-event.schema.json and
 *                     legacy-clients.schema.json: what tlsr_legacy_clients_* read and give
 *
 * Why options are a JSON document and not a C struct: the scan request is the one document every
 * front (Python, PowerShell, C) passes, with one schema and one validator in the core; it carries
 * its own schema_version, so a caller built against an older header keeps working when options
 * are added (an options struct would need a version field, an _init() and a new struct layout per
 * addition, and would be a second description of the same options to keep in step).
 *
 * Conventions (libgit2, sqlite, curl):
 *  - Every function that can fail returns a tlsr_status: TLSR_OK (0) or a negative code. The codes
 *    are frozen: never renumbered, never reused (native/data/ledgers/c_status_codes.csv).
 *  - Results come through out-parameters, placed last. On failure an out-parameter is set to
 *    NULL / 0, never left as it was.
 *  - Every string or handle the library hands out is the caller's, freed with its tlsr_*_free;
 *    freeing NULL is a no-op.
 *  - tlsr_last_error() gives a message for the last call on this thread; never NULL.
 *  - Input text is UTF-8. Bad input (NULL where a value is needed, JSON that does not parse, a bad
 *    target, an option out of range) returns TLSR_ERR_INVALID_ARGUMENT and a message naming the
 *    input ("scan request: target 1: ...", "paths[0]: NULL").
 *  - No C++ exception, abort or exit crosses this boundary: every entry point catches everything.
 *    An unreachable or broken endpoint is not an error: it is a result with its error kind.
 *
 * Thread-safety: every function may be called from any thread; calls on different handles are
 * independent. On one scan handle, tlsr_scan_next, tlsr_scan_cancel and tlsr_scan_progress may be
 * called from several threads at once (each result goes to exactly one tlsr_scan_next);
 * tlsr_scan_free must not run at the same time as another call on that handle.
 */
#ifndef TLSREADY_H
#define TLSREADY_H

#include <stddef.h>

#include "tlsready/version.h" /* TLSREADY_VERSION_STRING, TLSR_ABI_VERSION */

#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(TLSR_BUILDING_LIBRARY)
#define TLSR_API __declspec(dllexport)
#elif defined(TLSR_STATIC)
#define TLSR_API
#else
#define TLSR_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define TLSR_API __attribute__((visibility("default")))
#else
#define TLSR_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Frozen: a new code is appended with the next free number. */
typedef enum tlsr_status {
  TLSR_OK = 0,
  TLSR_ERR_INVALID_ARGUMENT = -1, /* bad input; the message names it */
  TLSR_ERR_NO_MEMORY = -2,        /* an allocation failed */
  TLSR_ERR_INTERNAL = -3,         /* a bug in tlsready; the message says what */
  TLSR_ERR_TIMEOUT = -4,          /* tlsr_scan_next: nothing finished within the timeout; call again */
  TLSR_ERR_DONE = -5,             /* tlsr_scan_next: every result has been handed out */
  TLSR_ERR_NOT_FOUND = -6,        /* a registry lookup found nothing */
  TLSR_ERR_UNSUPPORTED = -7       /* not available on this platform or build */
} tlsr_status;

/* "0.1.0": the library's version (TLSREADY_VERSION_STRING of the header it was built with).
 * Static storage, never NULL, not to be freed. */
TLSR_API const char* tlsr_version(void);
/* TLSR_ABI_VERSION of the library; a caller may compare it with the macro it was built with. */
TLSR_API int tlsr_abi_version(void);
/* The last call's message on this thread: "" after a call that succeeded, else what went wrong.
 * Never NULL; valid until the next tlsr_ call on this thread; owned by the library. */
TLSR_API const char* tlsr_last_error(void);
/* "TLSR_OK", "TLSR_ERR_INVALID_ARGUMENT", ...; "TLSR_ERR_UNKNOWN" for a number that is no code.
 * Static storage, never NULL. */
TLSR_API const char* tlsr_status_name(int status);
/* Frees a string the library handed out (a JSON document, a remediation text). NULL: no-op. */
TLSR_API void tlsr_string_free(char* text);

/* ---- Scanning ---------------------------------------------------------------------------------
 * A scan of one or many endpoints runs on the library's own threads from tlsr_scan_start on;
 * tlsr_scan_next hands out each endpoint's result as it finishes. */
typedef struct tlsr_scan tlsr_scan;

/* Validates `request_json` (scan-request.schema.json), e.g.
 *   {"targets": ["127.0.0.1:8443", {"host": "::1", "port": 8444, "sni": "localhost"}],
 *    "options": {"timeout": 3, "concurrency": 8}}
 * and starts scanning. Nothing is scanned when the request is bad. */
TLSR_API tlsr_status tlsr_scan_start(const char* request_json, tlsr_scan** out_scan);

/* The next finished endpoint: TLSR_OK with `*out_index` (the target's position in the request)
 * and `*out_result_json` (endpoint-scan document; free it with tlsr_string_free);
 * TLSR_ERR_TIMEOUT when none finished within `timeout_ms` (0: just look; -1: wait as long as it
 * takes); TLSR_ERR_DONE when every result has been handed out (again on every later call).
 * After a cancel, the endpoints that finished before it are still handed out, then DONE.
 * `out_index` may be NULL. A timeout or DONE is not a failure of the scan: the last error says which. */
TLSR_API tlsr_status tlsr_scan_next(tlsr_scan* scan, int timeout_ms, size_t* out_index, char** out_result_json);

/* Stops the scan from any thread and returns at once: endpoints not started are skipped, running
 * ones stop within about 200 ms, and a tlsr_scan_next waiting in another thread returns. */
TLSR_API tlsr_status tlsr_scan_cancel(tlsr_scan* scan);

/* Targets in the request and endpoints finished so far (handed out or not); `*out_cancelled` 1
 * once tlsr_scan_cancel was called. Any out-parameter may be NULL. */
TLSR_API tlsr_status tlsr_scan_progress(tlsr_scan* scan, size_t* out_target_count, size_t* out_completed_count,
                                        int* out_cancelled);

/* Cancels the scan, waits for its threads (bounded like a cancel) and frees the handle. NULL: no-op. */
TLSR_API void tlsr_scan_free(tlsr_scan* scan);

/* ---- Registry lookups --------------------------------------------------------------------------
 * Cipher suites (an endpoint-scan document's cipher_suite object) and named groups, from the
 * tables compiled in. Unknown code or name: TLSR_ERR_NOT_FOUND. */

/* Every cipher suite, a JSON array in code order. */
TLSR_API tlsr_status tlsr_cipher_suites(char** out_json);
/* One suite by its code, 0..0xFFFF (anything else: TLSR_ERR_INVALID_ARGUMENT). `unsigned int`, not
 * `unsigned long`: 32 bits on every platform this builds for, so one P/Invoke signature (uint) fits. */
TLSR_API tlsr_status tlsr_cipher_suite_by_code(unsigned int code, char** out_json);
/* One suite by its IANA or OpenSSL name, ASCII case-insensitive. */
TLSR_API tlsr_status tlsr_cipher_suite_by_name(const char* name, char** out_json);
/* Every named group, a JSON array in code order. */
TLSR_API tlsr_status tlsr_groups(char** out_json);
TLSR_API tlsr_status tlsr_group_by_code(unsigned int code, char** out_json);
TLSR_API tlsr_status tlsr_group_by_name(const char* name, char** out_json);

/* ---- Local policy ------------------------------------------------------------------------------
 * Each audit gives a local-policy report (local-policy.schema.json). */

/* `reg export` files (UTF-16LE or ANSI) and/or JSON registry snapshots (*.json), layered in the
 * order given; `path_count` >= 1. `os_version` ("10.0.17763", "win7", "server2019", ...) overrides
 * the version found in the export; NULL or "" reads it from the export. */
TLSR_API tlsr_status tlsr_policy_audit_files(const char* const* paths, size_t path_count, const char* os_version,
                                             char** out_report_json);
/* The Linux/Unix TLS configuration under `root` ("/" for this machine, or a mounted image; NULL
 * means "/"). `openssl_conf` stands for OPENSSL_CONF (NULL: unset; the library does not read the
 * environment). */
TLSR_API tlsr_status tlsr_policy_audit_linux(const char* root, const char* openssl_conf, char** out_report_json);
/* The running machine's registry (Windows). TLSR_ERR_UNSUPPORTED where it cannot be read. */
TLSR_API tlsr_status tlsr_policy_audit_live(const char* os_version, char** out_report_json);
/* The remediation of a report (or of a JSON array of its findings) as text: `format` "reg" (a
 * .reg file), "undo-reg" (the .reg that puts back what "reg" changes) or "ps1" (a PowerShell
 * script honouring -WhatIf/-Confirm). */
TLSR_API tlsr_status tlsr_policy_remediation(const char* report_json, const char* format, char** out_text);

/* ---- Client impact -----------------------------------------------------------------------------
 * Which TLS clients connect to a scanned endpoint, forecast from its endpoint-scan document without
 * connecting, and which would break after a what-if ("no-tls10,no-tls11", "no-suite:0x000A",
 * "no-3des", ...; NULL or "" for none). Documents: client-impact.schema.json. `client_ids` limits
 * the clients (NULL/0: every built-in profile); an unknown id or change is TLSR_ERR_INVALID_ARGUMENT. */

/* The built-in client profiles (the "client_profiles" document). */
TLSR_API tlsr_status tlsr_client_profiles(char** out_json);
/* The "client_impact" document of one endpoint-scan document. */
TLSR_API tlsr_status tlsr_client_impact(const char* scan_json, const char* what_if, const char* const* client_ids,
                                        size_t client_count, char** out_json);
/* The "client_impact_summary" document over `scan_count` endpoint-scan documents. */
TLSR_API tlsr_status tlsr_client_impact_summary(const char* const* scan_jsons, size_t scan_count, const char* what_if,
                                                const char* const* client_ids, size_t client_count, char** out_json);
/* The "client_impact" document of one endpoint-scan document with the outcomes simulated: each
 * client's hello is sent to the scanned endpoint, except for clients the scan already decides (they
 * offer only versions the scan saw refused), answered from it without connecting. Each outcome's
 * "source" is "simulated" or "from_scan"; the "simulation" object counts the connections.
 * `options_json`: scan options ({"timeout": 3, "connections_per_endpoint": 4}; NULL or "" for the
 * defaults). Blocks until done, bounded by the options' timeouts; network trouble is each outcome's. */
TLSR_API tlsr_status tlsr_simulate_clients(const char* scan_json, const char* options_json, const char* what_if,
                                           const char* const* client_ids, size_t client_count, char** out_json);
/* A cancel token for a long call (tlsr_simulate_clients_cancellable, tlsr_verdict_clients): any
 * thread may call tlsr_cancel_request while the call runs on another; the call then stops within
 * about 200 ms, the clients not yet simulated coming back unknown ("cancelled"). A token stays
 * cancelled; use a new one for the next call. Freed with tlsr_cancel_free (not while a call uses it). */
typedef struct tlsr_cancel tlsr_cancel;
TLSR_API tlsr_status tlsr_cancel_new(tlsr_cancel** out_cancel);
TLSR_API tlsr_status tlsr_cancel_request(tlsr_cancel* cancel);
TLSR_API void tlsr_cancel_free(tlsr_cancel* cancel);
/* tlsr_simulate_clients with a cancel token (NULL: none). */
TLSR_API tlsr_status tlsr_simulate_clients_cancellable(const char* scan_json, const char* options_json,
                                                       const char* what_if, const char* const* client_ids,
                                                       size_t client_count, tlsr_cancel* cancel, char** out_json);
/* ---- Readiness verdicts ------------------------------------------------------------------------
 * Offline: a saved endpoint-scan document (endpoint-scan.schema.json, e.g. a tlsr_scan_next result)
 * judged against a policy: a built-in id ("m365", "mozilla-intermediate", ...; tlsr_policy_list), a
 * policy file path, or an inline policy document (policy.schema.json). Documents: verdict.schema.json.
 * Bad input is TLSR_ERR_INVALID_ARGUMENT naming the policy or the document's field. */

/* The verdict document of one endpoint-scan document. */
TLSR_API tlsr_status tlsr_verdict(const char* scan_json, const char* policy, char** out_verdict_json);
/* The verdict_summary document of a JSON array of verdict documents. */
TLSR_API tlsr_status tlsr_verdict_summary(const char* verdicts_json, char** out_summary_json);
/* The verdict document of one endpoint-scan document with its "clients" section (who connects to
 * the endpoint and who fails: the "outcomes" of the client_impact document, after the verdict's own
 * fields). simulate 0: forecast from the document, no network (then options_json and cancel must be
 * NULL); 1: each client's hello sent to the endpoint, re-using the scan where it decides, as
 * tlsr_simulate_clients (each outcome's "source" "simulated" or "from_scan"; blocks, bounded by the
 * options' timeouts; `cancel` may be NULL). what_if/client_ids as tlsr_client_impact. */
TLSR_API tlsr_status tlsr_verdict_clients(const char* scan_json, const char* policy, int simulate,
                                          const char* options_json, const char* what_if, const char* const* client_ids,
                                          size_t client_count, tlsr_cancel* cancel, char** out_verdict_json);
/* A verdict document (tlsr_verdict's) with the "clients" section taken from a client_impact
 * document already made for that endpoint (tlsr_client_impact / tlsr_simulate_clients), so a caller
 * showing both forecasts or simulates once. A "clients" section the verdict had is replaced. */
TLSR_API tlsr_status tlsr_verdict_with_clients(const char* verdict_json, const char* client_impact_json,
                                               char** out_verdict_json);
/* The built-in policies: a JSON array of {"id", "name", "description", "sources", "milestones"}. */
TLSR_API tlsr_status tlsr_policy_list(char** out_policies_json);
/* The (validated) policy document a reference names. */
TLSR_API tlsr_status tlsr_policy_document(const char* policy, char** out_policy_json);

/* ---- This machine as a client ------------------------------------------------------------------
 * Offline: a local-policy report document (local-policy.schema.json, e.g. a tlsr_policy_audit_files
 * result) judged against the server side of a policy ("m365", a policy file path or an inline policy
 * document with server_side): for each TLS stack (SCHANNEL, .NET per generation and view, WinHTTP,
 * WinINet, OpenSSL, GnuTLS, each JDK) whether it reaches, the version and suite, the failing rule and
 * the fix. Document: machine-reach.schema.json. Bad input (a policy without server_side, a document
 * that is not a local-policy report) is TLSR_ERR_INVALID_ARGUMENT naming it. */
TLSR_API tlsr_status tlsr_machine_reach(const char* report_json, const char* policy, char** out_reach_json);

/* ---- Who still uses TLS 1.0/1.1: server logs ---------------------------------------------------
 * IIS W3C logs with the crypt-* fields, Exchange SMTP protocol logs, ... read into one TLS-use event
 * per connection or request (tls-use-event.schema.json) and summarised into the legacy-clients
 * document (legacy-clients.schema.json): clients, sites, users with a legacy use, a tally per day
 * and, per file, how much of it was understood. The same core and documents as Python's
 * tlsready.legacy_clients() and `tlsready clients`. Files are read in blocks: memory stays flat. */

/* The log formats the reader knows, besides "auto": a JSON array of names (["iis", "exchange-smtp", ...]). */
TLSR_API tlsr_status tlsr_log_formats(char** out_json);
/* The format "auto" recognises for the file at `path` from its first lines ("iis"; free it with
 * tlsr_string_free). A file that cannot be opened or whose format is not recognised:
 * TLSR_ERR_INVALID_ARGUMENT naming the file. A front can call it on each file first to report a bad
 * file on its own and read the others. */
TLSR_API tlsr_status tlsr_detect_log_format(const char* path, char** out_format);

/* A reading of log files, on the library's own thread from tlsr_legacy_clients_start on, pulled
 * as events (tlsr_legacy_clients_next_event) and/or summarised (tlsr_legacy_clients_summary).
 * Why a handle and not a callback: a caller such as a PowerShell pipeline writes each event on its
 * own thread as it comes, and a Ctrl-C on another thread stops the reading at once, without a
 * callback re-entering the caller's runtime from a foreign thread.
 * Thread-safety: next_event, summary, progress and cancel may be called from several threads at
 * once (each event goes to exactly one next_event); tlsr_legacy_clients_free must not run at the
 * same time as another call on that handle. */
typedef struct tlsr_legacy_reader tlsr_legacy_reader;

/* Validates `request_json` (legacy-clients-request.schema.json), e.g.
 *   {"paths": ["u_ex261130.log", "RECV2026113008-1.LOG"], "format": "auto", "limit": 0, "events": true}
 * (format: "auto" or a name of tlsr_log_formats, default "auto", each file recognised by its first
 * lines; limit: entries per list in the summary, 0 (the default) for all; events: hand out every
 * event through next_event, default false) and starts reading the files in order. A bad request
 * (JSON, a member, an unknown format) is TLSR_ERR_INVALID_ARGUMENT naming it ("legacy-clients
 * request: ...") and nothing is read. A file that cannot be opened or recognised is not an error
 * here: the reading stops at it, and next_event and summary return TLSR_ERR_INVALID_ARGUMENT naming it. */
TLSR_API tlsr_status tlsr_legacy_clients_start(const char* request_json, tlsr_legacy_reader** out_reader);

/* The next TLS-use event in file and line order: TLSR_OK with `*out_event_json` (a tls-use-event
 * document; free it with tlsr_string_free); TLSR_ERR_TIMEOUT when none came within `timeout_ms`
 * (0: just look; -1: wait as long as it takes); TLSR_ERR_DONE when every file is read and every event
 * handed out (again on every later call), at once after a cancel (events not yet handed out are
 * dropped) or after tlsr_legacy_clients_summary. Without "events" in the request no event is handed
 * out: next_event waits for the end of the reading and says DONE, so it can poll with a timeout.
 * When a file could not be read: the events before it, then its error (TLSR_ERR_INVALID_ARGUMENT,
 * the last error naming the file), again on every later call. */
TLSR_API tlsr_status tlsr_legacy_clients_next_event(tlsr_legacy_reader* reader, int timeout_ms, char** out_event_json);

/* Waits until every file is read and gives the legacy-clients document (free it with
 * tlsr_string_free); after a cancel, the document of what was read before the reading stopped.
 * Events not yet handed out are dropped from then on: call it after next_event said DONE to see
 * every event. A file that could not be read: its error, as next_event. May be called again. */
TLSR_API tlsr_status tlsr_legacy_clients_summary(tlsr_legacy_reader* reader, char** out_summary_json);

/* Stops the reading from any thread and returns at once: a next_event waiting in another thread
 * returns TLSR_ERR_DONE at once. The reading thread stops at its next TLS use ("events": true; else
 * within 4096 uses) or at the end of the file it reads: lines without a TLS use (plain HTTP, a log
 * without the TLS fields) do not stop it, so a large file of them is read to its end first. */
TLSR_API tlsr_status tlsr_legacy_clients_cancel(tlsr_legacy_reader* reader);

/* Files read to their end so far, files in the request, and the bytes of the files read so far.
 * Any out-parameter may be NULL. */
TLSR_API tlsr_status tlsr_legacy_clients_progress(tlsr_legacy_reader* reader, size_t* out_files_read,
                                                  size_t* out_file_count, unsigned long long* out_bytes_read);

/* Cancels the reading, waits for its thread (see tlsr_legacy_clients_cancel) and frees the handle.
 * NULL: no-op. */
TLSR_API void tlsr_legacy_clients_free(tlsr_legacy_reader* reader);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TLSREADY_H */
