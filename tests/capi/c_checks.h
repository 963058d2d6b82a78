/* What both C ABI test programs check with: a CHECK that counts and reports failures with their line, a
 * call that must fail with a status and a message naming the input, a call that must succeed and leave
 * no last error, and a monotonic clock. Plain C99; each program includes it once. */
#ifndef TLSREADY_TESTS_CAPI_C_CHECKS_H
#define TLSREADY_TESTS_CAPI_C_CHECKS_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tlsready.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                   \
  do {                                                     \
    ++checks;                                              \
    if (!(cond)) {                                         \
      ++failures;                                          \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                        \
      fputc('\n', stderr);                                 \
    }                                                      \
  } while (0)

/* A call that must fail with `want` and a last error containing `needle`. */
static void expect_error(const char* what, tlsr_status got, tlsr_status want, const char* needle) {
  const char* message = tlsr_last_error();
  CHECK(message != NULL, "%s: tlsr_last_error() is NULL", what);
  if (message == NULL) return;
  CHECK(got == want, "%s: status %s, want %s (%s)", what, tlsr_status_name(got), tlsr_status_name(want), message);
  CHECK(strstr(message, needle) != NULL, "%s: message '%s' does not name '%s'", what, message, needle);
}

static void expect_ok(const char* what, tlsr_status got) {
  CHECK(got == TLSR_OK, "%s: %s: %s", what, tlsr_status_name(got), tlsr_last_error());
  CHECK(strcmp(tlsr_last_error(), "") == 0, "%s: last error after success is '%s'", what, tlsr_last_error());
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
