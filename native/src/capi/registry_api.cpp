// tlsr_cipher_suite_* and tlsr_group_*: the registry lookups (native/include/tlsready/registry.hpp).
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "boundary.h"
#include "tlsready/registry.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::require;

std::string hex_of(unsigned int code) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%04X", code);
  return text;
}

std::uint16_t code16(unsigned int code) {
  if (code > 0xFFFF) tlsready::capi::reject("code: " + hex_of(code) + " is not a 16-bit code point (0x0000..0xFFFF)");
  return static_cast<std::uint16_t>(code);
}

tlsr_status found(const std::optional<std::string>& json, const std::string& what, char** out_json) {
  if (!json) throw tlsready::capi::NotFound(what + " is not in the registry");
  *out_json = tlsready::capi::copy_out(*json);
  return TLSR_OK;
}

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_cipher_suites(char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    *out_json = tlsready::capi::copy_out(tlsready::cipher_suites_json());
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_cipher_suite_by_code(unsigned int code, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    return found(tlsready::cipher_suite_json(code16(code)), "cipher suite " + hex_of(code), out_json);
  });
}

TLSR_API tlsr_status tlsr_cipher_suite_by_name(const char* name, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    require(name, "name");
    return found(tlsready::cipher_suite_json(std::string_view(name)), "cipher suite '" + std::string(name) + "'",
                 out_json);
  });
}

TLSR_API tlsr_status tlsr_groups(char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    *out_json = tlsready::capi::copy_out(tlsready::groups_json());
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_group_by_code(unsigned int code, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    return found(tlsready::group_json(code16(code)), "group " + hex_of(code), out_json);
  });
}

TLSR_API tlsr_status tlsr_group_by_name(const char* name, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    require(name, "name");
    return found(tlsready::group_json(std::string_view(name)), "group '" + std::string(name) + "'", out_json);
  });
}

}  // extern "C"
