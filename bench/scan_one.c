/* The engine's own time for bench/startup_bench.py: one scan through the C ABI, no interpreter.
 *   scan_one --version            prints tlsr_version() (process start + loading libtlsready)
 *   scan_one REQUEST_JSON         scans the request, prints each endpoint-scan document on a line
 * Exit 0 when every document was handed out, 1 otherwise. */
#include <stdio.h>
#include <string.h>

#include "tlsready.h"

int main(int argc, char** argv) {
  tlsr_scan* scan = NULL;
  char* document = NULL;
  size_t index = 0;
  tlsr_status status;
  if (argc != 2) {
    fprintf(stderr, "usage: %s --version | REQUEST_JSON\n", argv[0]);
    return 2;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("tlsready %s\n", tlsr_version());
    return 0;
  }
  if (tlsr_scan_start(argv[1], &scan) != TLSR_OK) {
    fprintf(stderr, "scan_one: %s\n", tlsr_last_error());
    return 2;
  }
  while ((status = tlsr_scan_next(scan, -1, &index, &document)) == TLSR_OK) {
    printf("%s\n", document);
    tlsr_string_free(document);
  }
  tlsr_scan_free(scan);
  return status == TLSR_ERR_DONE ? 0 : 1;
}
