// Shared by the codec fuzzers: an invariant check that aborts (so libFuzzer and the corpus
// replay both report it), and the entry-point naming that lets every fuzzer live in one
// replay executable (-DTLSREADY_FUZZ_REPLAY) as well as in its own libFuzzer binary.
#pragma once

#include <cstdio>
#include <cstdlib>

#define TLSREADY_FUZZ_CHECK(cond)                                                                   \
  do {                                                                                              \
    if (!(cond)) {                                                                                  \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond);       \
      std::abort();                                                                                 \
    }                                                                                               \
  } while (0)
