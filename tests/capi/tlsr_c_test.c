/* The C ABI from a C program: only tlsready.h and the installed libtlsready (built against it with
 * find_package(tlsready) or pkg-config, see tests/capi/CMakeLists.txt).
 *
 *   tlsr_c_test --expect-version V --expect-abi N --status-ledger c_status_codes.csv --data tests/data --out DIR
 *               [--scan-request FILE] [--cancel-target HOST:PORT]
 *
 * Always: the version and ABI version, the status names against the ledger, every bad-input path of
 * every entry point (status and a message naming the input), the registry lookups, a .reg audit and
 * its remediation, a Linux root audit; on Windows (tests/windows/run_capi_wine.py runs it under Wine) the
 * live registry audit too. Documents are written to DIR for run_capi_lab.py to validate
 * against the schemas. With --scan-request (the lab): scans it with two threads pulling results from
 * the one handle, writing DIR/results.jsonl (index and document per line). With --cancel-target (a lab tarpit): a scan
 * waiting in tlsr_scan_next is cancelled from another thread and must return within a second. Exit status 0 when every
 * check passed; each failure prints one line. With --cancel-target, a client simulation of the tarpit
 * (tlsr_simulate_clients_cancellable) is cancelled from another thread too and must return within a second. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tlsready.h"

#include "c_checks.h"

static char* read_file(const char* path) {
  FILE* file = fopen(path, "rb");
  long size;
  char* text;
  if (file == NULL) return NULL;
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fseek(file, 0, SEEK_SET);
  text = (char*)malloc((size_t)size + 1);
  if (text != NULL && fread(text, 1, (size_t)size, file) != (size_t)size) {
    free(text);
    text = NULL;
  }
  if (text != NULL) text[size] = '\0';
  fclose(file);
  return text;
}

static void write_document(const char* dir, const char* name, const char* text) {
  char path[4096];
  FILE* file;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  file = fopen(path, "wb");
  CHECK(file != NULL, "cannot write %s", path);
  if (file == NULL) return;
  fputs(text, file);
  fclose(file);
}

/* ---- version and status codes ---------------------------------------------------------------- */

static void check_version(const char* version, int abi) {
  CHECK(strcmp(tlsr_version(), version) == 0, "tlsr_version() '%s', CMake's project version '%s'", tlsr_version(),
        version);
  CHECK(strcmp(TLSREADY_VERSION_STRING, version) == 0, "TLSREADY_VERSION_STRING '%s', want '%s'",
        TLSREADY_VERSION_STRING, version);
  CHECK(tlsr_abi_version() == TLSR_ABI_VERSION, "tlsr_abi_version() %d, header %d", tlsr_abi_version(),
        TLSR_ABI_VERSION);
  CHECK(tlsr_abi_version() == abi, "tlsr_abi_version() %d, CMake's %d", tlsr_abi_version(), abi);
}

static void check_status_ledger(const char* ledger_path) {
  char* text = read_file(ledger_path);
  char* line;
  char* save = NULL;
  int rows = 0;
  CHECK(text != NULL, "cannot read %s", ledger_path);
  if (text == NULL) return;
  for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
    int value;
    char name[128], since[32], status[32];
    if (line[0] == '#' || strncmp(line, "value,", 6) == 0) continue;
    if (sscanf(line, "%d,%127[^,],%31[^,],%31s", &value, name, since, status) != 4) {
      CHECK(0, "%s: bad row '%s'", ledger_path, line);
      continue;
    }
    ++rows;
    if (strcmp(status, "active") == 0)
      CHECK(strcmp(tlsr_status_name(value), name) == 0, "tlsr_status_name(%d) '%s', ledger '%s'", value,
            tlsr_status_name(value), name);
    else
      CHECK(strcmp(tlsr_status_name(value), "TLSR_ERR_UNKNOWN") == 0, "retired %d still named", value);
  }
  CHECK(rows >= 8, "%s: only %d rows", ledger_path, rows);
  CHECK(strcmp(tlsr_status_name(-1000), "TLSR_ERR_UNKNOWN") == 0, "unknown status named '%s'", tlsr_status_name(-1000));
  CHECK(strcmp(tlsr_status_name(1), "TLSR_ERR_UNKNOWN") == 0, "status 1 named");
  free(text);
}

/* ---- bad input, every entry point -------------------------------------------------------------- */

static void check_scan_bad_input(void) {
  tlsr_scan* scan = (tlsr_scan*)&scan; /* not NULL: the failure must clear it */
  char* json = (char*)&json;
  size_t index = 99;
  size_t count = 0;
  int cancelled = 0;
  static const struct {
    const char* request;
    const char* needle;
  } bad_requests[] = {
      {"not json", "not valid JSON"},
      {"[]", "JSON object"},
      {"{}", "targets"},
      {"{\"targets\": \"127.0.0.1:443\"}", "'targets'"},
      {"{\"targets\": [], \"bogus\": 1}", "bogus"},
      {"{\"targets\": [], \"schema_version\": \"9.0\"}", "schema_version"},
      {"{\"targets\": [\"127.0.0.1:0\"]}", "target 0"},
      {"{\"targets\": [\"127.0.0.1:443\", \"gopher://localhost/\"]}", "target 1"},
      {"{\"targets\": [\"https://127.0.0.1:0/\"]}", "port must be 1..65535"},
      {"{\"targets\": [\"https://::1:443\"]}", "in brackets"},
      {"{\"targets\": [{\"target\": \"imap://127.0.0.1\", \"starttls\": \"smtp\"}]}", "implies starttls"},
      {"{\"targets\": [{\"host\": \"127.0.0.1\"}]}", "port"},
      {"{\"targets\": [{\"host\": \"127.0.0.1\", \"port\": 70000}]}", "port"},
      {"{\"targets\": [{\"target\": \"127.0.0.1:443\", \"starttls\": \"gopher\"}]}", "gopher"},
      {"{\"targets\": [], \"options\": {\"timeout\": -1}}", "timeout"},
      {"{\"targets\": [], \"options\": {\"timeout\": 601}}", "timeout"},
      {"{\"targets\": [], \"options\": {\"concurrency\": 5000}}", "concurrency"},
      {"{\"targets\": [], \"options\": {\"connections_per_endpoint\": 0}}", "connections_per_endpoint"},
      {"{\"targets\": [], \"options\": {\"ca_file\": \"/nonexistent/ca.pem\"}}", "ca_file"},
      {"{\"targets\": [], \"options\": {\"check_certificate\": \"yes\"}}", "check_certificate"},
      {"{\"targets\": [], \"options\": {\"colour\": true}}", "colour"},
      {"{\"targets\": [], \"options\": []}", "options"},
  };
  size_t i;

  expect_error("scan_start(NULL request)", tlsr_scan_start(NULL, &scan), TLSR_ERR_INVALID_ARGUMENT, "request_json");
  CHECK(scan == NULL, "scan_start failure left *out_scan set");
  expect_error("scan_start(NULL out)", tlsr_scan_start("{\"targets\": []}", NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_scan");
  for (i = 0; i < sizeof bad_requests / sizeof bad_requests[0]; ++i) {
    scan = (tlsr_scan*)&scan;
    expect_error(bad_requests[i].request, tlsr_scan_start(bad_requests[i].request, &scan), TLSR_ERR_INVALID_ARGUMENT,
                 bad_requests[i].needle);
    CHECK(scan == NULL, "%s: *out_scan not cleared", bad_requests[i].request);
    CHECK(strstr(tlsr_last_error(), "scan request") != NULL, "%s: '%s' does not say 'scan request'",
          bad_requests[i].request, tlsr_last_error());
  }

  expect_error("scan_next(NULL)", tlsr_scan_next(NULL, 0, &index, &json), TLSR_ERR_INVALID_ARGUMENT, "scan");
  CHECK(json == NULL && index == 0, "scan_next failure left out-parameters set");
  expect_error("scan_cancel(NULL)", tlsr_scan_cancel(NULL), TLSR_ERR_INVALID_ARGUMENT, "scan");
  expect_error("scan_progress(NULL)", tlsr_scan_progress(NULL, &count, NULL, &cancelled), TLSR_ERR_INVALID_ARGUMENT,
               "scan");
  tlsr_scan_free(NULL);
  tlsr_string_free(NULL);

  /* An empty request is valid: nothing to scan, DONE at once, and DONE again. */
  expect_ok("scan_start(no targets)",
            tlsr_scan_start("{\"schema_version\": \"1.0\", \"targets\": [], \"options\": null}", &scan));
  CHECK(scan != NULL, "scan_start gave no handle");
  if (scan == NULL) return;
  expect_error("scan_next(NULL out)", tlsr_scan_next(scan, 0, &index, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_result_json");
  expect_error("scan_next(timeout -2)", tlsr_scan_next(scan, -2, &index, &json), TLSR_ERR_INVALID_ARGUMENT,
               "timeout_ms");
  expect_error("scan_next(empty)", tlsr_scan_next(scan, -1, &index, &json), TLSR_ERR_DONE, "finished");
  CHECK(json == NULL, "DONE gave a document");
  expect_error("scan_next(empty, again)", tlsr_scan_next(scan, 0, NULL, &json), TLSR_ERR_DONE, "finished");
  expect_ok("scan_progress", tlsr_scan_progress(scan, &count, NULL, &cancelled));
  CHECK(count == 0 && cancelled == 0, "progress of an empty scan: %zu targets, cancelled %d", count, cancelled);
  expect_ok("scan_cancel", tlsr_scan_cancel(scan));
  expect_ok("scan_cancel again", tlsr_scan_cancel(scan));
  expect_ok("scan_progress after cancel", tlsr_scan_progress(scan, NULL, NULL, &cancelled));
  CHECK(cancelled == 1, "progress after cancel: cancelled %d", cancelled);
  tlsr_scan_free(scan);
}

/* ---- targets written as URLs (native/src/probe/target_parse.cpp): scheme -> STARTTLS and port --- */

static void check_url_targets(void) {
  /* Port 1 of the loopback refuses at once: each target gives a result without a server. */
  static const char* request =
      "{\"targets\": [\"smtp://127.0.0.1:1\", \"https://127.0.0.1:1/some/path?q#f\", "
      "{\"target\": \"LDAP://127.0.0.1:1\", \"starttls\": \"ldap\"}], \"options\": {\"timeout\": 2}}";
  static const char* want[] = {"\"starttls\":\"smtp\"", "\"starttls\":\"none\"", "\"starttls\":\"ldap\""};
  tlsr_scan* scan = NULL;
  char* json = NULL;
  size_t index = 0;
  int seen[3] = {0, 0, 0};
  int i;
  expect_ok("scan_start(URL targets)", tlsr_scan_start(request, &scan));
  if (scan == NULL) return;
  for (i = 0; i < 3; ++i) {
    expect_ok("scan_next(URL target)", tlsr_scan_next(scan, 10000, &index, &json));
    if (json == NULL || index > 2) break;
    seen[index] += 1;
    CHECK(strstr(json, want[index]) != NULL, "URL target %zu: no %s in %.300s", index, want[index], json);
    CHECK(strstr(json, "\"port\":1") != NULL && strstr(json, "\"host\":\"127.0.0.1\"") != NULL,
          "URL target %zu: not 127.0.0.1 port 1: %.300s", index, json);
    CHECK(strstr(json, "connection_refused") != NULL, "URL target %zu: %.300s", index, json);
    tlsr_string_free(json);
    json = NULL;
  }
  CHECK(seen[0] == 1 && seen[1] == 1 && seen[2] == 1, "URL targets handed out %d/%d/%d times", seen[0], seen[1],
        seen[2]);
  expect_error("scan_next(URL targets done)", tlsr_scan_next(scan, -1, &index, &json), TLSR_ERR_DONE, "finished");
  tlsr_scan_free(scan);
  /* The message names the whole input and lists the schemes, as Python and PowerShell show it. */
  expect_error("scan_start(unknown scheme)", tlsr_scan_start("{\"targets\": [\"nntp://127.0.0.1\"]}", &scan),
               TLSR_ERR_INVALID_ARGUMENT,
               "target 0: target \"nntp://127.0.0.1\": unknown scheme \"nntp\" (known: https,");
  CHECK(scan == NULL, "unknown scheme left *out_scan set");
}

static void check_registry(const char* out_dir) {
  char* json = (char*)&json;

  expect_error("cipher_suites(NULL)", tlsr_cipher_suites(NULL), TLSR_ERR_INVALID_ARGUMENT, "out_json");
  expect_error("cipher_suite_by_code(0x10000)", tlsr_cipher_suite_by_code(0x10000U, &json), TLSR_ERR_INVALID_ARGUMENT,
               "0x10000");
  CHECK(json == NULL, "failed lookup left *out_json set");
  expect_error("cipher_suite_by_code(NULL out)", tlsr_cipher_suite_by_code(0x1301, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_json");
  expect_error("cipher_suite_by_code(GREASE)", tlsr_cipher_suite_by_code(0x0A0A, &json), TLSR_ERR_NOT_FOUND, "0x0A0A");
  expect_error("cipher_suite_by_name(NULL)", tlsr_cipher_suite_by_name(NULL, &json), TLSR_ERR_INVALID_ARGUMENT, "name");
  expect_error("cipher_suite_by_name(NULL out)", tlsr_cipher_suite_by_name("x", NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_json");
  expect_error("cipher_suite_by_name(unknown)", tlsr_cipher_suite_by_name("TLS_NO_SUCH_SUITE", &json),
               TLSR_ERR_NOT_FOUND, "TLS_NO_SUCH_SUITE");
  expect_error("groups(NULL)", tlsr_groups(NULL), TLSR_ERR_INVALID_ARGUMENT, "out_json");
  expect_error("group_by_code(0x1FFFF)", tlsr_group_by_code(0x1FFFFU, &json), TLSR_ERR_INVALID_ARGUMENT, "0x1FFFF");
  expect_error("group_by_code(NULL out)", tlsr_group_by_code(0x1D, NULL), TLSR_ERR_INVALID_ARGUMENT, "out_json");
  expect_error("group_by_code(GREASE)", tlsr_group_by_code(0x1A1A, &json), TLSR_ERR_NOT_FOUND, "0x1A1A");
  expect_error("group_by_name(NULL)", tlsr_group_by_name(NULL, &json), TLSR_ERR_INVALID_ARGUMENT, "name");
  expect_error("group_by_name(NULL out)", tlsr_group_by_name("x25519", NULL), TLSR_ERR_INVALID_ARGUMENT, "out_json");
  expect_error("group_by_name(unknown)", tlsr_group_by_name("curve99", &json), TLSR_ERR_NOT_FOUND, "curve99");

  expect_ok("cipher_suite_by_code(0x1301)", tlsr_cipher_suite_by_code(0x1301, &json));
  CHECK(json != NULL && strstr(json, "\"TLS_AES_128_GCM_SHA256\"") != NULL, "0x1301: %s", json ? json : "NULL");
  if (json != NULL) write_document(out_dir, "suite_0x1301.json", json);
  tlsr_string_free(json);
  expect_ok("cipher_suite_by_name(openssl name)", tlsr_cipher_suite_by_name("ecdhe-rsa-aes128-gcm-sha256", &json));
  CHECK(json != NULL && strstr(json, "\"0xC02F\"") != NULL, "ECDHE-RSA-AES128-GCM-SHA256: %s", json ? json : "NULL");
  tlsr_string_free(json);
  expect_ok("cipher_suites", tlsr_cipher_suites(&json));
  CHECK(json != NULL && json[0] == '[' && strstr(json, "TLS_RSA_WITH_3DES_EDE_CBC_SHA") != NULL, "cipher_suites");
  if (json != NULL) write_document(out_dir, "cipher_suites.json", json);
  tlsr_string_free(json);
  expect_ok("group_by_name(x25519)", tlsr_group_by_name("X25519", &json));
  CHECK(json != NULL && strstr(json, "\"0x001D\"") != NULL, "x25519: %s", json ? json : "NULL");
  if (json != NULL) write_document(out_dir, "group_x25519.json", json);
  tlsr_string_free(json);
  expect_ok("group_by_code(23)", tlsr_group_by_code(23, &json));
  CHECK(json != NULL && strstr(json, "secp256r1") != NULL, "group 23: %s", json ? json : "NULL");
  tlsr_string_free(json);
  expect_ok("groups", tlsr_groups(&json));
  if (json != NULL) write_document(out_dir, "groups.json", json);
  tlsr_string_free(json);
}

static void check_policy(const char* data_dir, const char* out_dir) {
  char reg[4096], missing[4096], root[4096];
  const char* paths[2];
  char* report = (char*)&report;
  char* text = (char*)&text;

  snprintf(reg, sizeof reg, "%s/reg/scenarios/win7_sp1_untouched.reg", data_dir);
  snprintf(missing, sizeof missing, "%s/reg/no_such_export.reg", data_dir);
  snprintf(root, sizeof root, "%s/linux_roots/debian12_default", data_dir);
  paths[0] = reg;
  paths[1] = NULL;

  expect_error("audit_files(NULL paths)", tlsr_policy_audit_files(NULL, 1, NULL, &report), TLSR_ERR_INVALID_ARGUMENT,
               "paths");
  CHECK(report == NULL, "failed audit left *out_report_json set");
  expect_error("audit_files(0 paths)", tlsr_policy_audit_files(paths, 0, NULL, &report), TLSR_ERR_INVALID_ARGUMENT,
               "path_count");
  expect_error("audit_files(paths[1] NULL)", tlsr_policy_audit_files(paths, 2, NULL, &report),
               TLSR_ERR_INVALID_ARGUMENT, "paths[1]");
  expect_error("audit_files(NULL out)", tlsr_policy_audit_files(paths, 1, NULL, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_report_json");
  paths[1] = missing;
  expect_error("audit_files(missing file)", tlsr_policy_audit_files(paths, 2, NULL, &report), TLSR_ERR_INVALID_ARGUMENT,
               "no_such_export.reg");
  expect_error("audit_files(bad os)", tlsr_policy_audit_files(paths, 1, "win99", &report), TLSR_ERR_INVALID_ARGUMENT,
               "win99");
  paths[0] = data_dir; /* a directory */
  expect_error("audit_files(directory)", tlsr_policy_audit_files(paths, 1, NULL, &report), TLSR_ERR_INVALID_ARGUMENT,
               data_dir);
  paths[0] = reg;
  expect_error("audit_linux(not a directory)", tlsr_policy_audit_linux("/nonexistent/tlsready-root", NULL, &report),
               TLSR_ERR_INVALID_ARGUMENT, "/nonexistent/tlsready-root");
  expect_error("audit_linux(NULL out)", tlsr_policy_audit_linux(root, NULL, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_report_json");
  expect_error("audit_live(NULL out)", tlsr_policy_audit_live(NULL, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_report_json");
#ifndef _WIN32
  expect_error("audit_live(not Windows)", tlsr_policy_audit_live(NULL, &report), TLSR_ERR_UNSUPPORTED, "Windows");
  CHECK(report == NULL, "unsupported audit left *out_report_json set");
#else
  /* Windows (under Wine: the prefix's registry, values written by tests/windows/run_wine_tests.sh). */
  expect_error("audit_live(bad os)", tlsr_policy_audit_live("windows 3.1", &report), TLSR_ERR_INVALID_ARGUMENT,
               "windows 3.1");
  CHECK(report == NULL, "failed live audit left *out_report_json set");
  expect_ok("audit_live(10.0.19045)", tlsr_policy_audit_live("10.0.19045", &report));
  CHECK(report != NULL && strstr(report, "\"live_registry\"") != NULL, "live report: %.200s", report ? report : "NULL");
  if (report != NULL) write_document(out_dir, "policy_live.json", report);
  tlsr_string_free(report);
  report = NULL;
#endif
  expect_error("remediation(NULL report)", tlsr_policy_remediation(NULL, "reg", &text), TLSR_ERR_INVALID_ARGUMENT,
               "report_json");
  CHECK(text == NULL, "failed remediation left *out_text set");
  expect_error("remediation(NULL format)", tlsr_policy_remediation("[]", NULL, &text), TLSR_ERR_INVALID_ARGUMENT,
               "format");
  expect_error("remediation(NULL out)", tlsr_policy_remediation("[]", "reg", NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_text");
  expect_error("remediation(not JSON)", tlsr_policy_remediation("{report", "reg", &text), TLSR_ERR_INVALID_ARGUMENT,
               "report");
  expect_error("remediation(not a report)", tlsr_policy_remediation("{\"no\": 1}", "reg", &text),
               TLSR_ERR_INVALID_ARGUMENT, "report");
  expect_error("remediation(bad findings)", tlsr_policy_remediation("[{\"id\": 5}]", "reg", &text),
               TLSR_ERR_INVALID_ARGUMENT, "findings");

  expect_ok("audit_files(win7)", tlsr_policy_audit_files(paths, 1, NULL, &report));
  CHECK(report != NULL && strstr(report, "\"platform\":\"windows\"") != NULL, "win7 report: %.200s",
        report ? report : "NULL");
  if (report == NULL) return;
  write_document(out_dir, "policy_win7.json", report);
  expect_error("remediation(docx)", tlsr_policy_remediation(report, "docx", &text), TLSR_ERR_INVALID_ARGUMENT, "docx");
  expect_ok("remediation(reg)", tlsr_policy_remediation(report, "reg", &text));
  CHECK(text != NULL && strstr(text, "Windows Registry Editor Version 5.00") != NULL, "reg remediation: %.200s",
        text ? text : "NULL");
  if (text != NULL) write_document(out_dir, "remediation.reg", text);
  tlsr_string_free(text);
  expect_ok("remediation(undo-reg)", tlsr_policy_remediation(report, "undo-reg", &text));
  if (text != NULL) write_document(out_dir, "remediation.undo.reg", text);
  tlsr_string_free(text);
  expect_ok("remediation(ps1)", tlsr_policy_remediation(report, "ps1", &text));
  CHECK(text != NULL && strstr(text, "ShouldProcess") != NULL, "ps1 remediation: %.200s", text ? text : "NULL");
  if (text != NULL) write_document(out_dir, "remediation.ps1", text);
  tlsr_string_free(text);
  tlsr_string_free(report);

  expect_ok("audit_files(win7, os server2019)", tlsr_policy_audit_files(paths, 1, "server2019", &report));
  tlsr_string_free(report);
  expect_ok("audit_linux(debian12)", tlsr_policy_audit_linux(root, NULL, &report));
  CHECK(report != NULL && strstr(report, "\"platform\":\"linux\"") != NULL, "linux report");
  if (report != NULL) write_document(out_dir, "policy_debian12.json", report);
  tlsr_string_free(report);
}

/* ---- this machine as a client ------------------------------------------------------------------- */

static void check_machine_reach(const char* data_dir, const char* out_dir) {
  char reg[4096];
  const char* paths[1];
  char* report = NULL;
  char* reach = (char*)&reach;
  snprintf(reg, sizeof reg, "%s/reg/scenarios/win7_sp1_untouched.reg", data_dir);
  paths[0] = reg;
  expect_ok("audit_files(win7) for machine_reach", tlsr_policy_audit_files(paths, 1, NULL, &report));
  if (report == NULL) return;
  expect_error("machine_reach(NULL report)", tlsr_machine_reach(NULL, "m365", &reach), TLSR_ERR_INVALID_ARGUMENT,
               "report_json");
  CHECK(reach == NULL, "failed machine_reach left *out_reach_json set");
  expect_error("machine_reach(NULL policy)", tlsr_machine_reach(report, NULL, &reach), TLSR_ERR_INVALID_ARGUMENT,
               "policy");
  expect_error("machine_reach(NULL out)", tlsr_machine_reach(report, "m365", NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_reach_json");
  expect_error("machine_reach(not JSON)", tlsr_machine_reach("{report", "m365", &reach), TLSR_ERR_INVALID_ARGUMENT,
               "local-policy report");
  expect_error("machine_reach(no server_side)", tlsr_machine_reach(report, "pci-dss", &reach),
               TLSR_ERR_INVALID_ARGUMENT, "server_side");
  expect_error("machine_reach(unknown policy)", tlsr_machine_reach(report, "m366", &reach), TLSR_ERR_INVALID_ARGUMENT,
               "m366");
  expect_ok("machine_reach(win7, m365)", tlsr_machine_reach(report, "m365", &reach));
  CHECK(reach != NULL && strstr(reach, "\"id\":\"dotnet-4.0-32bit\"") != NULL &&
            strstr(reach, "WOW6432Node\\\\Microsoft\\\\.NETFramework\\\\v4.0.30319") != NULL,
        "machine reach: %.300s", reach ? reach : "NULL");
  if (reach != NULL) write_document(out_dir, "machine_reach_win7_m365.json", reach);
  tlsr_string_free(reach);
  tlsr_string_free(report);
}

/* ---- verdicts ---------------------------------------------------------------------------------- */

static void check_verdict(const char* out_dir) {
  /* A saved scan document of a refused endpoint: judged offline, unknown (the scan ended in an error). */
  static const char* refused =
      "{\"schema_version\": \"2.0\", \"target\": {\"host\": \"127.0.0.1\", \"port\": 9, \"sni\": null, "
      "\"starttls\": \"none\"}, \"address\": \"127.0.0.1\", \"started_at\": \"2026-12-02T05:00:00Z\", "
      "\"elapsed_ms\": 1.0, \"connections\": 1, \"status\": \"error\", \"error\": {\"kind\": "
      "\"connection_refused\", \"message\": \"refused\", \"elapsed_ms\": 1.0}, \"protocols\": [], "
      "\"certificate\": null, \"session\": {\"secure_renegotiation\": null, \"extended_master_secret\": null, "
      "\"ocsp_stapling\": null, \"ocsp_status\": null, \"alpn_offered\": [], \"alpn_selected\": null}, "
      "\"checks\": {\"certificate\": {\"status\": \"skipped\", \"reason\": null, \"detail\": null}, "
      "\"session\": {\"status\": \"skipped\", \"reason\": null, \"detail\": null}, \"groups\": {\"status\": "
      "\"skipped\", \"reason\": null, \"detail\": null}}, \"intolerances\": [], \"notes\": [], \"weaknesses\": []}";
  char* verdict = NULL;
  char* text = NULL;
  char array[8192];
  expect_error("verdict(NULL scan)", tlsr_verdict(NULL, "m365", &verdict), TLSR_ERR_INVALID_ARGUMENT, "scan_json");
  expect_error("verdict(NULL policy)", tlsr_verdict(refused, NULL, &verdict), TLSR_ERR_INVALID_ARGUMENT, "policy");
  expect_error("verdict(NULL out)", tlsr_verdict(refused, "m365", NULL), TLSR_ERR_INVALID_ARGUMENT, "out_verdict_json");
  expect_error("verdict(unknown policy)", tlsr_verdict(refused, "m366", &verdict), TLSR_ERR_INVALID_ARGUMENT, "m366");
  CHECK(verdict == NULL, "failed verdict left *out_verdict_json set");
  expect_error("verdict(not a scan)", tlsr_verdict("{}", "m365", &verdict), TLSR_ERR_INVALID_ARGUMENT,
               "scan document");
  expect_ok("verdict(m365)", tlsr_verdict(refused, "m365", &verdict));
  CHECK(verdict != NULL && strstr(verdict, "\"readiness\":\"unknown\"") != NULL, "verdict: %.300s",
        verdict ? verdict : "NULL");
  if (verdict == NULL) return;
  write_document(out_dir, "verdict_refused_m365.json", verdict);
  snprintf(array, sizeof array, "[%s]", verdict);
  expect_ok("verdict_summary", tlsr_verdict_summary(array, &text));
  CHECK(text != NULL && strstr(text, "\"unknown\":1") != NULL, "summary: %.300s", text ? text : "NULL");
  tlsr_string_free(text);
  expect_error("verdict_summary(not an array)", tlsr_verdict_summary("{}", &text), TLSR_ERR_INVALID_ARGUMENT,
               "verdicts");
  tlsr_string_free(verdict);
  expect_ok("policy_list", tlsr_policy_list(&text));
  CHECK(text != NULL && strstr(text, "\"id\":\"mozilla-intermediate\"") != NULL, "policy list: %.200s",
        text ? text : "NULL");
  tlsr_string_free(text);
  expect_error("policy_list(NULL out)", tlsr_policy_list(NULL), TLSR_ERR_INVALID_ARGUMENT, "out_policies_json");
  expect_ok("policy_document(m365)", tlsr_policy_document("m365", &text));
  CHECK(text != NULL && strstr(text, "0xC030") != NULL, "m365 document: %.200s", text ? text : "NULL");
  tlsr_string_free(text);
}

/* ---- the lab ----------------------------------------------------------------------------------- */

/* Two threads pull results from one scan at once (the header allows it): each endpoint must reach
 * exactly one of them. */
struct puller {
  tlsr_scan* scan;
  pthread_mutex_t* lock;
  FILE* out;
  size_t targets;
  unsigned char* seen; /* per index: how many times it was handed out */
  size_t results;
  tlsr_status last;
};

static void* pull_results(void* argument) {
  struct puller* puller = (struct puller*)argument;
  for (;;) {
    char* json = NULL;
    size_t index = 0;
    tlsr_status status = tlsr_scan_next(puller->scan, 1000, &index, &json);
    if (status == TLSR_ERR_TIMEOUT) continue;
    puller->last = status;
    if (status != TLSR_OK) break;
    pthread_mutex_lock(puller->lock);
    ++puller->results;
    if (index < puller->targets) ++puller->seen[index];
    if (puller->out != NULL) fprintf(puller->out, "%zu\t%s\n", index, json);
    pthread_mutex_unlock(puller->lock);
    tlsr_string_free(json);
  }
  return NULL;
}

static void scan_request_file(const char* request_path, const char* out_dir) {
  char* request = read_file(request_path);
  tlsr_scan* scan = NULL;
  size_t targets = 0, i;
  char path[4096];
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  struct puller pullers[2];
  pthread_t thread;
  FILE* out;
  unsigned char* seen;
  CHECK(request != NULL, "cannot read %s", request_path);
  if (request == NULL) return;
  expect_ok("scan_start(lab)", tlsr_scan_start(request, &scan));
  free(request);
  if (scan == NULL) return;
  expect_ok("scan_progress(lab)", tlsr_scan_progress(scan, &targets, NULL, NULL));
  snprintf(path, sizeof path, "%s/results.jsonl", out_dir);
  out = fopen(path, "wb");
  CHECK(out != NULL, "cannot write %s", path);
  seen = (unsigned char*)calloc(targets + 1, 1);
  for (i = 0; i < 2; ++i) {
    pullers[i].scan = scan;
    pullers[i].lock = &lock;
    pullers[i].out = out;
    pullers[i].targets = targets;
    pullers[i].seen = seen;
    pullers[i].results = 0;
    pullers[i].last = TLSR_OK;
  }
  CHECK(pthread_create(&thread, NULL, pull_results, &pullers[1]) == 0, "pthread_create");
  pull_results(&pullers[0]);
  pthread_join(thread, NULL);
  for (i = 0; i < 2; ++i)
    CHECK(pullers[i].last == TLSR_ERR_DONE, "puller %zu ended with %s", i, tlsr_status_name(pullers[i].last));
  CHECK(pullers[0].results + pullers[1].results == targets, "%zu + %zu results for %zu targets", pullers[0].results,
        pullers[1].results, targets);
  for (i = 0; seen != NULL && i < targets; ++i) CHECK(seen[i] == 1, "target %zu handed out %d times", i, seen[i]);
  printf("lab scan: %zu targets, results pulled by two threads: %zu + %zu\n", targets, pullers[0].results,
         pullers[1].results);
  free(seen);
  if (out != NULL) fclose(out);
  tlsr_scan_free(scan);
}

struct canceller {
  tlsr_scan* scan;
  double cancelled_at;
};

static void* cancel_later(void* argument) {
  struct canceller* canceller = (struct canceller*)argument;
  struct timespec pause = {0, 400 * 1000 * 1000};
  nanosleep(&pause, NULL);
  canceller->cancelled_at = now_seconds();
  if (tlsr_scan_cancel(canceller->scan) != TLSR_OK) canceller->cancelled_at = -1;
  return NULL;
}

/* A tarpit keeps the scan busy for its whole endpoint budget; tlsr_scan_next(-1) waits in this
 * thread while another cancels: it must return DONE (the cut-short result is not handed out)
 * within a second of the cancel. */
static void check_cancel(const char* target) {
  char request[1024];
  tlsr_scan* scan = NULL;
  struct canceller canceller;
  pthread_t thread;
  char* json = NULL;
  tlsr_status status;
  double returned_at;
  snprintf(request, sizeof request,
           "{\"targets\": [\"%s\", \"%s\"], \"options\": {\"timeout\": 20, \"endpoint_timeout\": 60, "
           "\"concurrency\": 1, \"check_certificate\": false}}",
           target, target);
  expect_ok("scan_start(tarpit)", tlsr_scan_start(request, &scan));
  if (scan == NULL) return;
  canceller.scan = scan;
  canceller.cancelled_at = 0;
  CHECK(pthread_create(&thread, NULL, cancel_later, &canceller) == 0, "pthread_create");
  status = tlsr_scan_next(scan, -1, NULL, &json);
  returned_at = now_seconds();
  pthread_join(thread, NULL);
  CHECK(canceller.cancelled_at > 0, "tlsr_scan_cancel from another thread failed");
  CHECK(status == TLSR_ERR_DONE, "next after cancel: %s (%s)", tlsr_status_name(status), tlsr_last_error());
  CHECK(json == NULL, "a cancelled endpoint was handed out");
  CHECK(returned_at - canceller.cancelled_at < 1.0, "tlsr_scan_next returned %.3f s after the cancel",
        returned_at - canceller.cancelled_at);
  printf("cancel: tlsr_scan_next returned %.0f ms after tlsr_scan_cancel\n",
         (returned_at - canceller.cancelled_at) * 1000);
  tlsr_string_free(json);
  tlsr_scan_free(scan);
}

struct simulation_canceller {
  tlsr_cancel* cancel;
  double cancelled_at;
};

static void* cancel_simulation_later(void* argument) {
  struct simulation_canceller* canceller = (struct simulation_canceller*)argument;
  struct timespec pause = {0, 600 * 1000 * 1000};
  nanosleep(&pause, NULL);
  canceller->cancelled_at = now_seconds();
  if (tlsr_cancel_request(canceller->cancel) != TLSR_OK) canceller->cancelled_at = -1;
  return NULL;
}

static size_t count_of(const char* text, const char* needle) {
  size_t count = 0;
  const char* at = text;
  while (at != NULL && (at = strstr(at, needle)) != NULL) {
    ++count;
    at += strlen(needle);
  }
  return count;
}

/* tlsr_simulate_clients_cancellable against a tarpit (one byte every 0.3 s after the hello, forever)
 * with a 20 s per-connection timeout: every built-in client would wait there for minutes. The scan
 * document is the tarpit's own (a 1 s scan that times out). Another thread cancels the token 0.6 s
 * in; the call must return within a second of that, TLSR_OK, with every client unknown
 * ("cancelled") and the connections it made counted. */
static void check_simulation_cancel(const char* target, const char* out_dir) {
  char request[1024];
  tlsr_scan* scan_handle = NULL;
  char* scan = NULL;
  struct simulation_canceller canceller;
  pthread_t thread;
  char* json = NULL;
  char* profiles = NULL;
  char why[512];
  tlsr_status status;
  double started_at, returned_at;
  size_t clients;
  snprintf(
      request, sizeof request,
      "{\"targets\": [\"%s\"], \"options\": {\"timeout\": 1, \"endpoint_timeout\": 2, \"check_certificate\": false}}",
      target);
  expect_ok("scan_start(tarpit for the simulation)", tlsr_scan_start(request, &scan_handle));
  if (scan_handle == NULL) return;
  expect_ok("scan_next(tarpit for the simulation)", tlsr_scan_next(scan_handle, -1, NULL, &scan));
  tlsr_scan_free(scan_handle);
  CHECK(scan != NULL && strstr(scan, "\"kind\":\"timeout\"") != NULL, "tarpit scan: %.300s", scan ? scan : "NULL");
  if (scan == NULL) return;
  expect_ok("cancel_new(simulation)", tlsr_cancel_new(&canceller.cancel));
  if (canceller.cancel == NULL) {
    tlsr_string_free(scan);
    return;
  }
  canceller.cancelled_at = 0;
  started_at = now_seconds();
  CHECK(pthread_create(&thread, NULL, cancel_simulation_later, &canceller) == 0, "pthread_create");
  status = tlsr_simulate_clients_cancellable(scan, "{\"timeout\": 20, \"connections_per_endpoint\": 4}", NULL, NULL, 0,
                                             canceller.cancel, &json);
  returned_at = now_seconds();
  snprintf(why, sizeof why, "%s", tlsr_last_error()); /* before any other tlsr_ call on this thread */
  pthread_join(thread, NULL);
  CHECK(canceller.cancelled_at > 0, "tlsr_cancel_request from another thread failed");
  CHECK(status == TLSR_OK, "simulate_clients_cancellable(tarpit): %s (%s)", tlsr_status_name(status), why);
  CHECK(returned_at - canceller.cancelled_at < 1.0,
        "tlsr_simulate_clients_cancellable returned %.3f s after the cancel", returned_at - canceller.cancelled_at);
  expect_ok("client_profiles(count)", tlsr_client_profiles(&profiles));
  clients = profiles == NULL ? 0 : count_of(profiles, "\"hello_format\":");
  CHECK(clients >= 40, "%zu client profiles", clients);
  if (json != NULL) {
    CHECK(count_of(json, "\"status\":\"unknown\"") == clients && count_of(json, "\"detail\":\"cancelled\"") == clients,
          "cancelled simulation: %zu unknown, %zu cancelled of %zu clients: %.400s",
          count_of(json, "\"status\":\"unknown\""), count_of(json, "\"detail\":\"cancelled\""), clients, json);
    CHECK(strstr(json, "\"connections\":0,") == NULL && strstr(json, "\"from_scan\":0,") != NULL,
          "cancelled simulation: no connection counted, or answered from the scan: %.200s",
          strstr(json, "\"simulation\":{") ? strstr(json, "\"simulation\":{") : json);
    write_document(out_dir, "simulation_cancelled.json", json);
  }
  printf(
      "simulation cancel: tlsr_simulate_clients_cancellable returned %.0f ms after tlsr_cancel_request (%.0f ms in)\n",
      (returned_at - canceller.cancelled_at) * 1000, (returned_at - started_at) * 1000);
  tlsr_string_free(json);
  tlsr_string_free(profiles);
  tlsr_string_free(scan);
  tlsr_cancel_free(canceller.cancel);
}

/* Client profiles and client impact: documents out, bad input named. */
static void check_clients(void) {
  static const char scan[] =
      "{\"schema_version\": \"2.0\", \"target\": {\"host\": \"127.0.0.1\", \"port\": 8443}, \"status\": \"ok\","
      " \"error\": null, \"protocols\": [{\"code\": \"0x0301\", \"accepted\": true, \"cipher_suites\":"
      " [{\"code\": \"0x002F\"}]}, {\"code\": \"0x0303\", \"accepted\": true, \"cipher_suites\":"
      " [{\"code\": \"0x009C\"}, {\"code\": \"0x002F\"}]}]}";
  const char* ids[] = {"ie-8-10-win7", "openssl-3"};
  const char* bad_ids[] = {"ie-8-10-win7", NULL};
  const char* scans[] = {scan, scan};
  char* json = NULL;
  expect_ok("client_profiles", tlsr_client_profiles(&json));
  CHECK(json != NULL && strstr(json, "\"client_profiles\"") != NULL && strstr(json, "\"java-6u45\"") != NULL,
        "client_profiles: %s", json ? json : "NULL");
  tlsr_string_free(json);
  json = NULL;
  expect_ok("client_impact", tlsr_client_impact(scan, "no-tls10,no-tls11", ids, 2, &json));
  CHECK(json != NULL && strstr(json, "\"breaks\":[\"ie-8-10-win7\"]") != NULL, "client_impact: %s",
        json ? json : "NULL");
  tlsr_string_free(json);
  json = NULL;
  expect_ok("client_impact(all, no what-if)", tlsr_client_impact(scan, NULL, NULL, 0, &json));
  CHECK(json != NULL && strstr(json, "\"what_if_outcomes\":null") != NULL, "client_impact(all): %s",
        json ? json : "NULL");
  tlsr_string_free(json);
  json = NULL;
  expect_ok("client_impact_summary", tlsr_client_impact_summary(scans, 2, "no-tls10", ids, 2, &json));
  CHECK(json != NULL && strstr(json, "\"client_impact_summary\"") != NULL, "client_impact_summary: %s",
        json ? json : "NULL");
  tlsr_string_free(json);
  json = NULL;
  expect_error("client_impact(bad what-if)", tlsr_client_impact(scan, "no-tls99", NULL, 0, &json),
               TLSR_ERR_INVALID_ARGUMENT, "no-tls99");
  CHECK(json == NULL, "client_impact(bad what-if) left output");
  expect_error("client_impact(unknown id)", tlsr_client_impact(scan, NULL, (const char* const[]){"nobody"}, 1, &json),
               TLSR_ERR_INVALID_ARGUMENT, "nobody");
  expect_error("client_impact(NULL id)", tlsr_client_impact(scan, NULL, bad_ids, 2, &json), TLSR_ERR_INVALID_ARGUMENT,
               "client_ids[1]");
  expect_error("client_impact(not JSON)", tlsr_client_impact("{", NULL, NULL, 0, &json), TLSR_ERR_INVALID_ARGUMENT,
               "not valid JSON");
  expect_error("client_impact(NULL scan)", tlsr_client_impact(NULL, NULL, NULL, 0, &json), TLSR_ERR_INVALID_ARGUMENT,
               "scan_json");
  expect_error("client_profiles(NULL out)", tlsr_client_profiles(NULL), TLSR_ERR_INVALID_ARGUMENT, "out_json");
}

/* Client simulation re-using a lab scan result (results.jsonl of scan_request_file): a document
 * with a "simulation" object; bad input named. */
static void check_simulation(const char* out_dir) {
  char path[4096];
  char* results;
  char* line;
  char* json = NULL;
  snprintf(path, sizeof path, "%s/results.jsonl", out_dir);
  results = read_file(path);
  CHECK(results != NULL, "cannot read %s", path);
  if (results == NULL) return;
  line = results;
  while (line != NULL && *line != '\0') {
    char* end = strchr(line, '\n');
    if (end != NULL) *end = '\0';
    if (strstr(line, "\"accepted\":true") != NULL && strstr(line, "\"starttls\":\"smtp\"") == NULL) break;
    line = end == NULL ? NULL : end + 1;
  }
  CHECK(line != NULL && *line != '\0', "no scanned endpoint in %s", path);
  if (line != NULL && strchr(line, '\t') != NULL) line = strchr(line, '\t') + 1; /* "index<TAB>document" */
  if (line != NULL && *line != '\0') {
    expect_ok("simulate_clients", tlsr_simulate_clients(line, "{\"timeout\": 3}", NULL, NULL, 0, &json));
    CHECK(json != NULL && strstr(json, "\"simulation\":{") != NULL && strstr(json, "\"connections\":") != NULL &&
              strstr(json, "\"source\":\"simulated\"") != NULL,
          "simulate_clients: %s", json ? json : "NULL");
    printf("simulate_clients: %.120s\n",
           json && strstr(json, "\"simulation\":{") ? strstr(json, "\"simulation\":{") : "");
    tlsr_string_free(json);
    json = NULL;
    expect_error("simulate_clients(unknown id)",
                 tlsr_simulate_clients(line, NULL, NULL, (const char* const[]){"nobody"}, 1, &json),
                 TLSR_ERR_INVALID_ARGUMENT, "nobody");
    CHECK(json == NULL, "simulate_clients(unknown id) left output");
  }
  expect_error("simulate_clients(NULL scan)", tlsr_simulate_clients(NULL, NULL, NULL, NULL, 0, &json),
               TLSR_ERR_INVALID_ARGUMENT, "scan_json");
  expect_error("simulate_clients(not JSON)", tlsr_simulate_clients("{", NULL, NULL, NULL, 0, &json),
               TLSR_ERR_INVALID_ARGUMENT, "not valid JSON");
  free(results);
}

/* The status ("connects", "fails", "unknown") of client `id` in a document's outcomes (its object's
 * keys are sorted: "status" follows "client_id" before the next outcome); "" when absent. */
static const char* outcome_status(const char* document, const char* id) {
  static char status[32];
  char needle[128];
  const char* at;
  const char* next;
  const char* found;
  status[0] = '\0';
  if (document == NULL) return status;
  snprintf(needle, sizeof needle, "\"client_id\":\"%s\"", id);
  at = strstr(document, needle);
  if (at == NULL) return status;
  next = strstr(at + strlen(needle), "\"client_id\":");
  found = strstr(at, "\"status\":\"");
  if (found == NULL || (next != NULL && found > next)) return status;
  found += strlen("\"status\":\"");
  snprintf(status, sizeof status, "%.*s", (int)(strchr(found, '"') - found), found);
  return status;
}

/* The verdict's clients section (tlsr_verdict_clients, tlsr_verdict_with_clients) on the lab's
 * tls13_only endpoint (index 0 of results.jsonl): IE 11 on Windows 7 (TLS 1.2 at most) fails there,
 * current Chrome connects, forecast and simulated; a cancelled token leaves the simulated ones
 * unknown; bad combinations are named. */
static void check_verdict_clients(const char* out_dir) {
  char path[4096];
  char* results;
  char* line;
  char* end;
  char* verdict = NULL;
  char* plain = NULL;
  char* impact = NULL;
  char* joined = NULL;
  tlsr_cancel* cancel = NULL;
  const char* const ids[] = {"ie-11-win7", "chrome-137-win11"};
  snprintf(path, sizeof path, "%s/results.jsonl", out_dir);
  results = read_file(path);
  CHECK(results != NULL, "cannot read %s", path);
  if (results == NULL) return;
  line = results;
  while (line != NULL && strncmp(line, "0\t", 2) != 0) {
    line = strchr(line, '\n');
    if (line != NULL) line++;
  }
  CHECK(line != NULL, "no result 0 (tls13_only) in %s", path);
  if (line == NULL) {
    free(results);
    return;
  }
  line += 2;
  end = strchr(line, '\n');
  if (end != NULL) *end = '\0';

  expect_ok("verdict_clients(forecast)", tlsr_verdict_clients(line, "m365", 0, NULL, NULL, NULL, 0, NULL, &verdict));
  CHECK(verdict != NULL && strstr(verdict, "\"document\":\"verdict\"") != NULL &&
            strstr(verdict, ",\"clients\":[{") != NULL,
        "verdict_clients: %.300s", verdict ? verdict : "NULL");
  CHECK(strcmp(outcome_status(verdict, "ie-11-win7"), "fails") == 0, "forecast ie-11-win7 on tls13_only: '%s'",
        outcome_status(verdict, "ie-11-win7"));
  CHECK(strcmp(outcome_status(verdict, "chrome-137-win11"), "connects") == 0,
        "forecast chrome-137-win11 on tls13_only: '%s'", outcome_status(verdict, "chrome-137-win11"));
  if (verdict != NULL) write_document(out_dir, "verdict_clients_tls13_only_m365.json", verdict);
  /* the same document from a verdict and a client impact made apart */
  expect_ok("verdict(tls13_only)", tlsr_verdict(line, "m365", &plain));
  expect_ok("client_impact(tls13_only)", tlsr_client_impact(line, NULL, NULL, 0, &impact));
  expect_ok("verdict_with_clients", tlsr_verdict_with_clients(plain, impact, &joined));
  CHECK(verdict != NULL && joined != NULL && strcmp(verdict, joined) == 0,
        "verdict_with_clients differs from verdict_clients:\n%.300s\n%.300s", joined ? joined : "NULL",
        verdict ? verdict : "NULL");
  tlsr_string_free(joined);
  joined = NULL;
  expect_error("verdict_with_clients(scan as impact)", tlsr_verdict_with_clients(plain, line, &joined),
               TLSR_ERR_INVALID_ARGUMENT, "client impact document");
  expect_error("verdict_with_clients(impact as verdict)", tlsr_verdict_with_clients(impact, impact, &joined),
               TLSR_ERR_INVALID_ARGUMENT, "verdict");
  CHECK(joined == NULL, "failed verdict_with_clients left output");
  tlsr_string_free(verdict);
  verdict = NULL;

  /* simulated: IE 11 is answered from the scan (it offers only versions the scan saw refused) */
  expect_ok("cancel_new", tlsr_cancel_new(&cancel));
  expect_ok("verdict_clients(simulate)",
            tlsr_verdict_clients(line, "m365", 1, "{\"timeout\": 3}", NULL, ids, 2, cancel, &verdict));
  CHECK(strcmp(outcome_status(verdict, "ie-11-win7"), "fails") == 0, "simulated ie-11-win7: '%s'",
        outcome_status(verdict, "ie-11-win7"));
  CHECK(strcmp(outcome_status(verdict, "chrome-137-win11"), "connects") == 0, "simulated chrome-137-win11: '%s'",
        outcome_status(verdict, "chrome-137-win11"));
  CHECK(verdict != NULL && strstr(verdict, "\"source\":\"from_scan\"") != NULL &&
            strstr(verdict, "\"source\":\"simulated\"") != NULL,
        "simulated verdict clients without sources: %.400s", verdict ? verdict : "NULL");
  if (verdict != NULL) write_document(out_dir, "verdict_clients_simulated_tls13_only_m365.json", verdict);
  tlsr_string_free(verdict);
  verdict = NULL;
  /* cancelled before it starts: what needs a connection is unknown, what the scan decides is not */
  expect_ok("cancel_request", tlsr_cancel_request(cancel));
  expect_ok("verdict_clients(cancelled)", tlsr_verdict_clients(line, "m365", 1, NULL, NULL, ids, 2, cancel, &verdict));
  CHECK(strcmp(outcome_status(verdict, "chrome-137-win11"), "unknown") == 0, "cancelled chrome-137-win11: '%s'",
        outcome_status(verdict, "chrome-137-win11"));
  CHECK(strcmp(outcome_status(verdict, "ie-11-win7"), "fails") == 0, "cancelled ie-11-win7 (from the scan): '%s'",
        outcome_status(verdict, "ie-11-win7"));
  tlsr_string_free(verdict);
  verdict = NULL;
  expect_ok("simulate_clients_cancellable(cancelled)",
            tlsr_simulate_clients_cancellable(line, NULL, NULL, ids, 2, cancel, &verdict));
  CHECK(strcmp(outcome_status(verdict, "chrome-137-win11"), "unknown") == 0,
        "simulate_clients_cancellable cancelled chrome-137-win11: '%s'", outcome_status(verdict, "chrome-137-win11"));
  tlsr_string_free(verdict);
  verdict = NULL;

  expect_error("verdict_clients(simulate 2)",
               tlsr_verdict_clients(line, "m365", 2, NULL, NULL, NULL, 0, NULL, &verdict), TLSR_ERR_INVALID_ARGUMENT,
               "simulate");
  expect_error("verdict_clients(options without simulate)",
               tlsr_verdict_clients(line, "m365", 0, "{\"timeout\": 3}", NULL, NULL, 0, NULL, &verdict),
               TLSR_ERR_INVALID_ARGUMENT, "simulation options");
  expect_error("verdict_clients(cancel without simulate)",
               tlsr_verdict_clients(line, "m365", 0, NULL, NULL, NULL, 0, cancel, &verdict), TLSR_ERR_INVALID_ARGUMENT,
               "cancel");
  expect_error("verdict_clients(unknown client)",
               tlsr_verdict_clients(line, "m365", 0, NULL, NULL, (const char* const[]){"nobody"}, 1, NULL, &verdict),
               TLSR_ERR_INVALID_ARGUMENT, "nobody");
  expect_error("verdict_clients(unknown policy)",
               tlsr_verdict_clients(line, "m366", 0, NULL, NULL, NULL, 0, NULL, &verdict), TLSR_ERR_INVALID_ARGUMENT,
               "m366");
  expect_error("verdict_clients(NULL client_ids[0])",
               tlsr_verdict_clients(line, "m365", 0, NULL, NULL, (const char* const[]){NULL}, 1, NULL, &verdict),
               TLSR_ERR_INVALID_ARGUMENT, "client_ids[0]");
  CHECK(verdict == NULL, "failed verdict_clients left *out_verdict_json set");
  expect_error("cancel_new(NULL)", tlsr_cancel_new(NULL), TLSR_ERR_INVALID_ARGUMENT, "out_cancel");
  expect_error("cancel_request(NULL)", tlsr_cancel_request(NULL), TLSR_ERR_INVALID_ARGUMENT, "cancel");
  tlsr_cancel_free(cancel);
  tlsr_cancel_free(NULL);
  tlsr_string_free(plain);
  tlsr_string_free(impact);
  free(results);
}

int main(int argc, char** argv) {
  const char* version = NULL;
  const char* ledger = NULL;
  const char* data_dir = NULL;
  const char* out_dir = NULL;
  const char* request = NULL;
  const char* cancel_target = NULL;
  int abi = -1;
  int i;
  for (i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--expect-version") == 0)
      version = argv[i + 1];
    else if (strcmp(argv[i], "--expect-abi") == 0)
      abi = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--status-ledger") == 0)
      ledger = argv[i + 1];
    else if (strcmp(argv[i], "--data") == 0)
      data_dir = argv[i + 1];
    else if (strcmp(argv[i], "--out") == 0)
      out_dir = argv[i + 1];
    else if (strcmp(argv[i], "--scan-request") == 0)
      request = argv[i + 1];
    else if (strcmp(argv[i], "--cancel-target") == 0)
      cancel_target = argv[i + 1];
    else {
      fprintf(stderr, "unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  if (version == NULL || ledger == NULL || data_dir == NULL || out_dir == NULL || abi < 0) {
    fprintf(
        stderr,
        "usage: %s --expect-version V --expect-abi N --status-ledger CSV --data DIR --out DIR [--scan-request FILE] "
        "[--cancel-target HOST:PORT]\n",
        argv[0]);
    return 2;
  }
  CHECK(tlsr_last_error() != NULL && strcmp(tlsr_last_error(), "") == 0, "last error before any call: '%s'",
        tlsr_last_error() ? tlsr_last_error() : "NULL");
  check_version(version, abi);
  check_status_ledger(ledger);
  check_scan_bad_input();
  check_url_targets();
  check_registry(out_dir);
  check_policy(data_dir, out_dir);
  check_clients();
  check_verdict(out_dir);
  check_machine_reach(data_dir, out_dir);
  if (request != NULL) scan_request_file(request, out_dir);
  if (request != NULL) check_simulation(out_dir);
  if (request != NULL) check_verdict_clients(out_dir);
  if (cancel_target != NULL) check_cancel(cancel_target);
  if (cancel_target != NULL) check_simulation_cancel(cancel_target, out_dir);
  printf("%d checks, %d failed (libtlsready %s, ABI %d)\n", checks, failures, tlsr_version(), tlsr_abi_version());
  return failures == 0 ? 0 : 1;
}
