// What every C entry point shares: the per-thread last error, the guard that turns every C++
// exception into a status (nothing crosses the C ABI), and the copying of results out.
// Internal to libtlsready; includes only the public headers.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "tlsready.h"
#include "tlsready/policy.hpp"

// tlsr_cancel (tlsready.h): a flag a long call polls, set from any thread by tlsr_cancel_request.
struct tlsr_cancel {
  std::atomic<bool> requested{false};
};

namespace tlsready::capi {

// Sets this thread's last error ("" = success). Never throws: if the message cannot be stored, the
// last error becomes a fixed text saying so.
void set_last_error(const char* message) noexcept;
void set_last_error(const std::string& message) noexcept;

// A bad argument of the caller's, named in the message: thrown inside an entry point, caught by
// guarded() as TLSR_ERR_INVALID_ARGUMENT.
[[noreturn]] inline void reject(const std::string& message) { throw std::invalid_argument(message); }

// Thrown for a lookup that found nothing (TLSR_ERR_NOT_FOUND).
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Requires a non-NULL pointer argument; the message names it.
template <typename T>
void require(const T* pointer, const char* name) {
  if (pointer == nullptr) reject(std::string(name) + ": NULL");
}

// Clears an out-parameter first, so that it is NULL whatever happens next.
template <typename T>
void clear_out(T** out) noexcept {
  if (out != nullptr) *out = nullptr;
}

// A copy of `text` in malloc'd memory for tlsr_string_free; throws std::bad_alloc.
char* copy_out(const std::string& text);

// Runs `body` (returning tlsr_status) with the last error cleared; any exception becomes a status
// and a message.
template <typename Body>
tlsr_status guarded(Body&& body) noexcept {
  try {
    set_last_error("");
    return body();
  } catch (const std::invalid_argument& error) {
    set_last_error(error.what());
    return TLSR_ERR_INVALID_ARGUMENT;
  } catch (const NotFound& error) {
    set_last_error(error.what());
    return TLSR_ERR_NOT_FOUND;
  } catch (const tlsready::Unsupported& error) {
    set_last_error(error.what());
    return TLSR_ERR_UNSUPPORTED;
  } catch (const std::bad_alloc&) {
    set_last_error("out of memory");
    return TLSR_ERR_NO_MEMORY;
  } catch (const std::exception& error) {
    set_last_error(std::string("internal error: ") + error.what());
    return TLSR_ERR_INTERNAL;
  } catch (...) {
    set_last_error("internal error: an unknown exception");
    return TLSR_ERR_INTERNAL;
  }
}

// The flag a core call polls; nullptr for no cancel token.
inline const std::atomic<bool>* cancel_flag(const tlsr_cancel* cancel) noexcept {
  return cancel == nullptr ? nullptr : &cancel->requested;
}

// `count` C strings as a list (NULL/0: empty); a NULL array or entry is a bad argument named
// "name" / "name[i]".
inline std::vector<std::string> string_list(const char* const* items, size_t count, const char* name) {
  std::vector<std::string> list;
  if (count == 0) return list;
  require(items, name);
  list.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (items[i] == nullptr) reject(std::string(name) + "[" + std::to_string(i) + "]: NULL");
    list.emplace_back(items[i]);
  }
  return list;
}

}  // namespace tlsready::capi
