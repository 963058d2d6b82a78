/* Who still uses TLS 1.0/1.1, through the C ABI from a C program: tlsr_log_formats,
 * tlsr_detect_log_format and the tlsr_legacy_clients_* reader, with only tlsready.h and the installed
 * libtlsready (built like tlsr_c_test.c, see tests/capi/CMakeLists.txt).
 *
 *   tlsr_legacy_test --data tests/data --out DIR
 *
 * Over the sample logs of tests/data/logs (IIS W3C, Exchange SMTP Receive and Send): the formats,
 * detection, every bad request named, the events in file order and the summary, the same summary with
 * and without events, a bad file among good ones (its events first, then its error, naming it), a
 * cancel mid-file (the reader holding a full queue, and a next_event waiting in another thread), a
 * reader that waits on a file still being written (TIMEOUT, then the events). Writes the documents to
 * DIR (legacy_events.jsonl, legacy_clients.json, legacy_request.json) for check_legacy_documents.py.
 * Exit status 0 when every check passed; each failure prints one line. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifndef _WIN32
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "tlsready.h"

#include "c_checks.h"

static void sleep_ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

static long file_size(const char* path) {
  FILE* file = fopen(path, "rb");
  long size;
  if (file == NULL) return -1;
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fclose(file);
  return size;
}

static void write_text(const char* path, const char* text) {
  FILE* file = fopen(path, "wb");
  CHECK(file != NULL, "cannot write %s", path);
  if (file == NULL) return;
  fputs(text, file);
  fclose(file);
}

/* The number after `key` in the first object `anchor` opens ("\"totals\":", "\"uses\":"); -1 if absent. */
static long number_in(const char* document, const char* anchor, const char* key) {
  const char* at = document == NULL ? NULL : strstr(document, anchor);
  if (at == NULL) return -1;
  at = strstr(at, key);
  return at == NULL ? -1 : atol(at + strlen(key));
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

/* {"paths": [p0, p1, ...], <extra>}; paths are test paths without quotes or backslashes. */
static void request_of(char* out, size_t size, const char* const* paths, size_t count, const char* extra) {
  size_t i;
  int used = snprintf(out, size, "{\"paths\": [");
  for (i = 0; i < count && used > 0 && (size_t)used < size; ++i)
    used += snprintf(out + used, size - (size_t)used, "%s\"%s\"", i == 0 ? "" : ", ", paths[i]);
  if (used > 0 && (size_t)used < size) snprintf(out + used, size - (size_t)used, "]%s%s}", extra[0] ? ", " : "", extra);
}

struct sample {
  char iis[4096];
  char receive[4096];
  char send[4096];
};

/* ---- formats and detection ----------------------------------------------------------------- */

static void check_formats(const struct sample* logs, const char* out_dir) {
  char* json = (char*)&json;
  char* format = (char*)&format;
  char path[4096];
  expect_ok("log_formats", tlsr_log_formats(&json));
  CHECK(json != NULL && json[0] == '[' && strstr(json, "\"iis\"") && strstr(json, "\"exchange-smtp\""),
        "log_formats: %s", json ? json : "NULL");
  CHECK(json == NULL || strstr(json, "\"auto\"") == NULL, "log_formats lists auto: %s", json);
  tlsr_string_free(json);
  expect_error("log_formats(NULL)", tlsr_log_formats(NULL), TLSR_ERR_INVALID_ARGUMENT, "out_json");

  expect_ok("detect(iis)", tlsr_detect_log_format(logs->iis, &format));
  CHECK(format != NULL && strcmp(format, "iis") == 0, "detect(iis): %s", format ? format : "NULL");
  tlsr_string_free(format);
  expect_ok("detect(receive)", tlsr_detect_log_format(logs->receive, &format));
  CHECK(format != NULL && strcmp(format, "exchange-smtp") == 0, "detect(receive): %s", format ? format : "NULL");
  tlsr_string_free(format);

  snprintf(path, sizeof path, "%s/no-such-file.log", out_dir);
  format = (char*)&format;
  expect_error("detect(missing)", tlsr_detect_log_format(path, &format), TLSR_ERR_INVALID_ARGUMENT, "no-such-file.log");
  CHECK(format == NULL, "detect failure left *out_format set");
  CHECK(strstr(tlsr_last_error(), "cannot be opened") != NULL, "detect(missing): %s", tlsr_last_error());
  snprintf(path, sizeof path, "%s/notes.txt", out_dir);
  write_text(path, "shopping list\neggs\nmilk\n");
  expect_error("detect(unrecognised)", tlsr_detect_log_format(path, &format), TLSR_ERR_INVALID_ARGUMENT, "notes.txt");
  CHECK(strstr(tlsr_last_error(), "not recognised") != NULL, "detect(unrecognised): %s", tlsr_last_error());
  expect_error("detect(NULL path)", tlsr_detect_log_format(NULL, &format), TLSR_ERR_INVALID_ARGUMENT, "path");
  expect_error("detect(NULL out)", tlsr_detect_log_format(logs->iis, NULL), TLSR_ERR_INVALID_ARGUMENT, "out_format");
}

/* ---- bad requests and bad calls --------------------------------------------------------------- */

static void check_bad_requests(const struct sample* logs) {
  tlsr_legacy_reader* reader = (tlsr_legacy_reader*)&reader;
  char* json = (char*)&json;
  char request[8192];
  static const struct {
    const char* request;
    const char* needle;
  } bad[] = {
      {"not json", "not valid JSON"},
      {"[]", "JSON object"},
      {"{}", "'paths' is missing"},
      {"{\"paths\": []}", "'paths' is empty"},
      {"{\"paths\": \"u_ex.log\"}", "'paths' must be an array"},
      {"{\"paths\": [1]}", "paths[0]"},
      {"{\"paths\": [\"a.log\", \"\"]}", "paths[1]"},
      {"{\"paths\": [\"a.log\"], \"format\": \"squid\"}", "'squid'"},
      {"{\"paths\": [\"a.log\"], \"format\": 7}", "'format'"},
      {"{\"paths\": [\"a.log\"], \"limit\": -1}", "'limit'"},
      {"{\"paths\": [\"a.log\"], \"limit\": 2.5}", "'limit'"},
      {"{\"paths\": [\"a.log\"], \"events\": \"yes\"}", "'events'"},
      {"{\"paths\": [\"a.log\"], \"bogus\": 1}", "'bogus'"},
      {"{\"paths\": [\"a.log\"], \"schema_version\": \"9.0\"}", "schema_version"},
  };
  size_t i;
  expect_error("start(NULL request)", tlsr_legacy_clients_start(NULL, &reader), TLSR_ERR_INVALID_ARGUMENT,
               "request_json");
  CHECK(reader == NULL, "start failure left *out_reader set");
  expect_error("start(NULL out)", tlsr_legacy_clients_start("{\"paths\": [\"a.log\"]}", NULL),
               TLSR_ERR_INVALID_ARGUMENT, "out_reader");
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    reader = (tlsr_legacy_reader*)&reader;
    expect_error(bad[i].request, tlsr_legacy_clients_start(bad[i].request, &reader), TLSR_ERR_INVALID_ARGUMENT,
                 bad[i].needle);
    CHECK(strstr(tlsr_last_error(), "legacy-clients request") != NULL, "%s: '%s' does not say 'legacy-clients request'",
          bad[i].request, tlsr_last_error());
    CHECK(reader == NULL, "%s: *out_reader not cleared", bad[i].request);
  }
  expect_error("next(NULL)", tlsr_legacy_clients_next_event(NULL, 0, &json), TLSR_ERR_INVALID_ARGUMENT, "reader");
  CHECK(json == NULL, "next failure left *out_event_json set");
  expect_error("summary(NULL)", tlsr_legacy_clients_summary(NULL, &json), TLSR_ERR_INVALID_ARGUMENT, "reader");
  expect_error("cancel(NULL)", tlsr_legacy_clients_cancel(NULL), TLSR_ERR_INVALID_ARGUMENT, "reader");
  expect_error("progress(NULL)", tlsr_legacy_clients_progress(NULL, NULL, NULL, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "reader");
  tlsr_legacy_clients_free(NULL);

  /* a valid request: the calls on its handle check their own arguments */
  request_of(request, sizeof request, (const char* const[]){logs->iis}, 1, "\"schema_version\": \"1.0\"");
  reader = NULL;
  expect_ok("start(schema_version 1.0)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  expect_error("next(NULL out)", tlsr_legacy_clients_next_event(reader, 0, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_event_json");
  expect_error("next(timeout -2)", tlsr_legacy_clients_next_event(reader, -2, &json), TLSR_ERR_INVALID_ARGUMENT,
               "timeout_ms");
  expect_error("summary(NULL out)", tlsr_legacy_clients_summary(reader, NULL), TLSR_ERR_INVALID_ARGUMENT,
               "out_summary_json");
  tlsr_legacy_clients_free(reader);
}

/* ---- the sample logs: events and summary ---------------------------------------------------------- */

/* Every event of a reader, to `events_out` (JSONL) when not NULL; returns the count. */
static size_t drain(tlsr_legacy_reader* reader, FILE* events_out, tlsr_status* last) {
  size_t count = 0;
  char* event = NULL;
  tlsr_status status;
  while ((status = tlsr_legacy_clients_next_event(reader, -1, &event)) == TLSR_OK) {
    ++count;
    CHECK(event != NULL && strncmp(event, "{", 1) == 0 && strstr(event, "\"schema_version\":\"1.1\"") &&
              strstr(event, "\"source\":"),
          "event %zu: %.200s", count, event ? event : "NULL");
    if (events_out != NULL && event != NULL) fprintf(events_out, "%s\n", event);
    tlsr_string_free(event);
    event = NULL;
  }
  *last = status;
  return count;
}

static void check_samples(const struct sample* logs, const char* out_dir) {
  const char* const paths[] = {logs->iis, logs->receive, logs->send};
  char request[16384], path[4096];
  tlsr_legacy_reader* reader = NULL;
  char* with_events = NULL;
  char* without_events = NULL;
  char* event = (char*)&event;
  size_t events, files_read = 0, file_count = 0;
  unsigned long long bytes = 0;
  tlsr_status last;
  FILE* jsonl;

  request_of(request, sizeof request, paths, 3, "\"events\": true, \"format\": \"auto\", \"limit\": 0");
  snprintf(path, sizeof path, "%s/legacy_request.json", out_dir);
  write_text(path, request);
  expect_ok("start(samples, events)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  snprintf(path, sizeof path, "%s/legacy_events.jsonl", out_dir);
  jsonl = fopen(path, "wb");
  CHECK(jsonl != NULL, "cannot write %s", path);
  events = drain(reader, jsonl, &last);
  if (jsonl != NULL) fclose(jsonl);
  expect_error("next after the last event", last, TLSR_ERR_DONE, "every event has been handed out");
  expect_error("next after DONE", tlsr_legacy_clients_next_event(reader, 0, &event), TLSR_ERR_DONE, "handed out");
  CHECK(event == NULL, "DONE gave an event");
  expect_ok("summary(samples)", tlsr_legacy_clients_summary(reader, &with_events));
  expect_ok("progress(samples)", tlsr_legacy_clients_progress(reader, &files_read, &file_count, &bytes));
  CHECK(files_read == 3 && file_count == 3, "progress: %zu of %zu files", files_read, file_count);
  CHECK(bytes == (unsigned long long)(file_size(logs->iis) + file_size(logs->receive) + file_size(logs->send)),
        "progress: %llu bytes, the files have %ld + %ld + %ld", bytes, file_size(logs->iis), file_size(logs->receive),
        file_size(logs->send));
  expect_ok("cancel after the end", tlsr_legacy_clients_cancel(reader));
  tlsr_legacy_clients_free(reader);
  reader = NULL;
  if (with_events == NULL) return;
  snprintf(path, sizeof path, "%s/legacy_clients.json", out_dir);
  write_text(path, with_events);
  CHECK(events >= 6 + 3, "%zu events from the IIS and Exchange samples", events);
  CHECK(number_in(with_events, "\"totals\":", "\"uses\":") == (long)events, "totals.uses %ld, %zu events handed out",
        number_in(with_events, "\"totals\":", "\"uses\":"), events);
  CHECK(count_of(with_events, "\"format\":\"iis\"") == 1 && count_of(with_events, "\"format\":\"exchange-smtp\"") == 2,
        "sources: %.300s", strstr(with_events, "\"sources\""));
  CHECK(strstr(with_events, "\"client_address\":\"198.51.100.23\"") != NULL, "the IIS sample's MSIE 8 client: %.300s",
        with_events);

  /* the same files without events: the same document, and next_event waits for the end */
  request_of(request, sizeof request, paths, 3, "");
  expect_ok("start(samples, summary only)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  expect_error("next without events", tlsr_legacy_clients_next_event(reader, -1, &event), TLSR_ERR_DONE, "every file");
  expect_ok("summary(samples, no events)", tlsr_legacy_clients_summary(reader, &without_events));
  expect_ok("summary again", tlsr_legacy_clients_summary(reader, &event));
  CHECK(event != NULL && without_events != NULL && strcmp(event, without_events) == 0, "a second summary differs");
  tlsr_string_free(event);
  tlsr_legacy_clients_free(reader);
  CHECK(without_events != NULL && strcmp(with_events, without_events) == 0,
        "the summary with events differs from the one without");
  tlsr_string_free(without_events);

  /* limit 1: one entry per list, the rest counted in left_off */
  request_of(request, sizeof request, paths, 3, "\"limit\": 1");
  reader = NULL;
  expect_ok("start(limit 1)", tlsr_legacy_clients_start(request, &reader));
  without_events = NULL;
  if (reader != NULL) expect_ok("summary(limit 1)", tlsr_legacy_clients_summary(reader, &without_events));
  CHECK(without_events != NULL && number_in(without_events, "\"clients\":", "\"left_off\":") >= 1,
        "limit 1: clients.left_off %ld", number_in(without_events, "\"clients\":", "\"left_off\":"));
  tlsr_string_free(without_events);
  tlsr_legacy_clients_free(reader);

  /* an explicit format reads a file as that format: the Exchange log as IIS has no event */
  request_of(request, sizeof request, (const char* const[]){logs->send}, 1, "\"format\": \"iis\", \"events\": true");
  reader = NULL;
  expect_ok("start(send as iis)", tlsr_legacy_clients_start(request, &reader));
  if (reader != NULL) {
    CHECK(drain(reader, NULL, &last) == 0, "the Send log read as IIS gave events");
    CHECK(last == TLSR_ERR_DONE, "send as iis: %s", tlsr_status_name(last));
    tlsr_legacy_clients_free(reader);
  }
  tlsr_string_free(with_events);
}

/* ---- a bad file among good ones ---------------------------------------------------------------- */

static void check_bad_file(const struct sample* logs, const char* out_dir) {
  char missing[4096], notes[4096], request[16384];
  tlsr_legacy_reader* reader = NULL;
  char* json = (char*)&json;
  tlsr_status last;
  size_t events;
  snprintf(missing, sizeof missing, "%s/missing.log", out_dir);
  snprintf(notes, sizeof notes, "%s/notes.txt", out_dir);

  request_of(request, sizeof request, (const char* const[]){logs->iis, missing, logs->send}, 3, "\"events\": true");
  expect_ok("start(with a missing file)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  events = drain(reader, NULL, &last);
  CHECK(events == 6, "the IIS sample's 6 events come before the missing file's error: %zu", events);
  expect_error("next at the missing file", last, TLSR_ERR_INVALID_ARGUMENT, "missing.log");
  CHECK(strstr(tlsr_last_error(), "cannot be opened") != NULL, "missing file: %s", tlsr_last_error());
  expect_error("next after the error", tlsr_legacy_clients_next_event(reader, 0, &json), TLSR_ERR_INVALID_ARGUMENT,
               "missing.log");
  CHECK(json == NULL, "an error gave an event");
  expect_error("summary after the error", tlsr_legacy_clients_summary(reader, &json), TLSR_ERR_INVALID_ARGUMENT,
               "missing.log");
  CHECK(json == NULL, "a failed summary gave a document");
  tlsr_legacy_clients_free(reader);

  request_of(request, sizeof request, (const char* const[]){notes}, 1, "");
  reader = NULL;
  expect_ok("start(unrecognised)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  expect_error("summary(unrecognised)", tlsr_legacy_clients_summary(reader, &json), TLSR_ERR_INVALID_ARGUMENT,
               "notes.txt");
  CHECK(strstr(tlsr_last_error(), "not recognised") != NULL, "unrecognised: %s", tlsr_last_error());
  tlsr_legacy_clients_free(reader);
}

/* ---- cancel ------------------------------------------------------------------------------------ */

/* An IIS log of `lines` TLS 1.0 requests. */
static void write_big_iis_log(const char* path, long lines) {
  FILE* file = fopen(path, "wb");
  long i;
  CHECK(file != NULL, "cannot write %s", path);
  if (file == NULL) return;
  fputs(
      "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-30 08:00:00\r\n"
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
      "sc-status time-taken crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\r\n",
      file);
  for (i = 0; i < lines; ++i)
    fprintf(file,
            "2026-11-30 %02ld:%02ld:%02ld 192.0.2.10 GET /owa/ - 443 - 198.51.100.%ld "
            "Mozilla/4.0+(compatible;+MSIE+8.0;+Windows+NT+6.1) 200 5 40 6610 8004 ae06\r\n",
            (i / 3600) % 24, (i / 60) % 60, i % 60, 1 + i % 200);
  fclose(file);
}

struct canceller {
  tlsr_legacy_reader* reader;
  long after_ms;
  double cancelled_at;
};

static void* cancel_later(void* argument) {
  struct canceller* canceller = (struct canceller*)argument;
  sleep_ms(canceller->after_ms);
  canceller->cancelled_at = now_seconds();
  if (tlsr_legacy_clients_cancel(canceller->reader) != TLSR_OK) canceller->cancelled_at = -1;
  return NULL;
}

static void check_cancel(const char* out_dir) {
  enum { kLines = 300000 };
  char big[4096], request[8192];
  tlsr_legacy_reader* reader = NULL;
  char* json = NULL;
  char* summary = NULL;
  struct canceller canceller;
  pthread_t thread;
  tlsr_status status;
  double returned_at;
  long uses;
  int i;
  snprintf(big, sizeof big, "%s/big_u_ex.log", out_dir);
  write_big_iis_log(big, kLines);

  /* the caller takes 5 events and cancels: the reader, held by its full queue, stops there */
  request_of(request, sizeof request, (const char* const[]){big}, 1, "\"events\": true");
  expect_ok("start(big, events)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  for (i = 0; i < 5; ++i) {
    expect_ok("next(big)", tlsr_legacy_clients_next_event(reader, -1, &json));
    tlsr_string_free(json);
    json = NULL;
  }
  expect_ok("cancel(big)", tlsr_legacy_clients_cancel(reader));
  expect_error("next after cancel", tlsr_legacy_clients_next_event(reader, 0, &json), TLSR_ERR_DONE, "cancelled");
  CHECK(json == NULL, "an event after the cancel");
  expect_ok("summary after cancel", tlsr_legacy_clients_summary(reader, &summary));
  uses = number_in(summary, "\"totals\":", "\"uses\":");
  CHECK(uses >= 5 && uses < 10000, "cancelled after 5 events: the summary counts %ld uses of %d", uses, kLines);
  tlsr_string_free(summary);
  tlsr_legacy_clients_free(reader);
  printf("cancel mid-file: the summary counts %ld of %d uses\n", uses, (int)kLines);

  /* a next_event waiting (summary only) in this thread, cancelled from another one */
  request_of(request, sizeof request, (const char* const[]){big, big, big}, 3, "");
  reader = NULL;
  expect_ok("start(big x3)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  canceller.reader = reader;
  canceller.after_ms = 30;
  canceller.cancelled_at = 0;
  CHECK(pthread_create(&thread, NULL, cancel_later, &canceller) == 0, "pthread_create");
  status = tlsr_legacy_clients_next_event(reader, -1, &json);
  returned_at = now_seconds();
  pthread_join(thread, NULL);
  CHECK(canceller.cancelled_at > 0, "tlsr_legacy_clients_cancel from another thread failed");
  CHECK(status == TLSR_ERR_DONE, "next after a cancel from another thread: %s", tlsr_status_name(status));
  CHECK(returned_at - canceller.cancelled_at < 1.0, "next returned %.3f s after the cancel",
        returned_at - canceller.cancelled_at);
  summary = NULL;
  expect_ok("summary after the cancel", tlsr_legacy_clients_summary(reader, &summary));
  uses = number_in(summary, "\"totals\":", "\"uses\":");
  CHECK(uses >= 0 && uses < 3L * kLines, "the cancelled reading counts %ld of %d uses", uses, 3 * kLines);
  printf("cancel from another thread: next_event returned %.0f ms after it; %ld of %d uses read\n",
         (returned_at - canceller.cancelled_at) * 1000, uses, 3 * kLines);
  tlsr_string_free(summary);
  tlsr_legacy_clients_free(reader);

  /* freeing a reader in the middle of a file is bounded too */
  reader = NULL;
  expect_ok("start(big, freed at once)", tlsr_legacy_clients_start(request, &reader));
  returned_at = now_seconds();
  tlsr_legacy_clients_free(reader);
  CHECK(now_seconds() - returned_at < 1.0, "free in mid-file took %.3f s", now_seconds() - returned_at);
  remove(big);
}

#ifndef _WIN32
/* A file still being written (a FIFO): next_event times out while nothing is there, then the events
 * come once the writer has written and closed it. */
struct writer {
  char path[4096];
  const char* text;
};

static void* write_fifo(void* argument) {
  struct writer* writer = (struct writer*)argument;
  FILE* file = fopen(writer->path, "wb");
  if (file == NULL) return NULL;
  sleep_ms(150);
  fputs(writer->text, file);
  fclose(file);
  return NULL;
}

static void check_timeout(const char* out_dir) {
  struct writer writer;
  char request[8192];
  tlsr_legacy_reader* reader = NULL;
  char* json = (char*)&json;
  pthread_t thread;
  tlsr_status last;
  snprintf(writer.path, sizeof writer.path, "%s/growing.log", out_dir);
  remove(writer.path);
  CHECK(mkfifo(writer.path, 0600) == 0, "mkfifo %s", writer.path);
  writer.text =
      "#Fields: date time c-ip cs(User-Agent) crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\r\n"
      "2026-11-30 08:00:01 198.51.100.23 Legacy/1.0 40 6610 8004 ae06\r\n"
      "2026-11-30 08:00:02 198.51.100.24 Modern/2.0 400 6610 0 ae06\r\n";
  request_of(request, sizeof request, (const char* const[]){writer.path}, 1, "\"format\": \"iis\", \"events\": true");
  expect_ok("start(fifo)", tlsr_legacy_clients_start(request, &reader));
  if (reader == NULL) return;
  expect_error("next(fifo, nothing written)", tlsr_legacy_clients_next_event(reader, 50, &json), TLSR_ERR_TIMEOUT,
               "50 ms");
  CHECK(json == NULL, "TIMEOUT gave an event");
  CHECK(pthread_create(&thread, NULL, write_fifo, &writer) == 0, "pthread_create");
  CHECK(drain(reader, NULL, &last) == 2, "the FIFO's two events");
  CHECK(last == TLSR_ERR_DONE, "fifo: %s (%s)", tlsr_status_name(last), tlsr_last_error());
  pthread_join(thread, NULL);
  tlsr_legacy_clients_free(reader);
  remove(writer.path);
}
#endif

int main(int argc, char** argv) {
  const char* data_dir = NULL;
  const char* out_dir = NULL;
  struct sample logs;
  int i;
  for (i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--data") == 0)
      data_dir = argv[i + 1];
    else if (strcmp(argv[i], "--out") == 0)
      out_dir = argv[i + 1];
    else {
      fprintf(stderr, "unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  if (data_dir == NULL || out_dir == NULL) {
    fprintf(stderr, "usage: %s --data DIR --out DIR\n", argv[0]);
    return 2;
  }
#ifndef _WIN32
  mkdir(out_dir, 0700); /* the folder may exist */
#endif
  snprintf(logs.iis, sizeof logs.iis, "%s/logs/iis/W3SVC1/u_ex261130_x.log", data_dir);
  snprintf(logs.receive, sizeof logs.receive, "%s/logs/exchange/RECV2026113008-1.LOG", data_dir);
  snprintf(logs.send, sizeof logs.send, "%s/logs/exchange/SEND2026113008-1.LOG", data_dir);
  check_formats(&logs, out_dir);
  check_bad_requests(&logs);
  check_samples(&logs, out_dir);
  check_bad_file(&logs, out_dir);
  check_cancel(out_dir);
#ifndef _WIN32
  check_timeout(out_dir);
#endif
  printf("%d checks, %d failed (legacy clients, libtlsready %s)\n", checks, failures, tlsr_version());
  return failures == 0 ? 0 : 1;
}
