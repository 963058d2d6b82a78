#include "boundary.h"

#include <cstdlib>
#include <cstring>

namespace tlsready::capi {
namespace {

// libgit2's git_error_last: one message per thread, owned by the library, never NULL.
thread_local std::string last_error_text;
thread_local const char* last_error = "";

}  // namespace

void set_last_error(const char* message) noexcept {
  try {
    last_error_text.assign(message);
    last_error = last_error_text.c_str();
  } catch (...) {
    last_error = "out of memory (the error message could not be stored)";
  }
}

void set_last_error(const std::string& message) noexcept { set_last_error(message.c_str()); }

char* copy_out(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

}  // namespace tlsready::capi

extern "C" {

TLSR_API const char* tlsr_last_error(void) { return tlsready::capi::last_error; }

TLSR_API void tlsr_string_free(char* text) { std::free(text); }

}  // extern "C"
