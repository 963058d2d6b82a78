// Reads `reg export` files as Windows writes them: UTF-16LE with BOM (regedit's default) or
// ANSI/UTF-8; "Windows Registry Editor Version 5.00" or "REGEDIT4"; [key] and [-key]; "v"=... and
// "v"=- ; @ for the default value; "text", dword:, hex:, hex(0..b):; backslash continuations;
// ; comments. Untrusted input: every problem is reported with its line number, never thrown.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "winreg/registry_model.h"

namespace tlsready::winreg {

struct RegFileError {
  int line = 0;          // 1-based line of the problem (first line of a continued value)
  std::string message;   // names the problem and quotes the text, e.g. "bad hex byte 'zz' in \"Enabled\""
};

// Applies the file to `into` (so several exports can be layered). On error, `into` may hold the
// lines before the error; callers that need all-or-nothing parse into a fresh Registry.
std::optional<RegFileError> parse_reg_file(std::span<const uint8_t> bytes, Registry& into);
// Reads the file at `path` (errors name the path; a missing file is line 0).
std::optional<RegFileError> load_reg_file(const std::string& path, Registry& into);

}  // namespace tlsready::winreg
