// Shared by the winreg room's tests: corpus paths, file bytes, and Registry equality.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "winreg/reg_file.h"
#include "winreg/registry_model.h"

namespace winreg_test {

namespace winreg = tlsready::winreg;

inline std::string corpus_path(const std::string& relative) {
  return std::string(TLSREADY_SOURCE_DIR) + "/tests/data/reg/" + relative;
}

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline std::vector<uint8_t> bytes_of(const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); }

// "Windows Registry Editor Version 5.00" text as regedit writes it: BOM + UTF-16LE (ASCII only).
inline std::vector<uint8_t> utf16_file(const std::string& ascii) {
  std::vector<uint8_t> out{0xFF, 0xFE};
  for (const char c : ascii) {
    out.push_back(static_cast<uint8_t>(c));
    out.push_back(0);
  }
  return out;
}

// Parses `bytes` into a fresh Registry; fails the test on a parse error.
inline winreg::Registry parse_ok(const std::vector<uint8_t>& bytes) {
  winreg::Registry registry;
  const auto error = winreg::parse_reg_file(bytes, registry);
  INFO((error ? "line " + std::to_string(error->line) + ": " + error->message : std::string("no error")));
  REQUIRE_FALSE(error.has_value());
  return registry;
}

inline winreg::Registry parse_text_ok(const std::string& text) { return parse_ok(bytes_of(text)); }

inline winreg::Registry load_ok(const std::string& relative) {
  winreg::Registry registry;
  const auto error = winreg::load_reg_file(corpus_path(relative), registry);
  INFO((error ? error->message : std::string("no error")));
  REQUIRE_FALSE(error.has_value());
  return registry;
}

inline bool same_registry(const winreg::Registry& a, const winreg::Registry& b) {
  if (a.keys().size() != b.keys().size()) return false;
  for (auto ia = a.keys().begin(), ib = b.keys().begin(); ia != a.keys().end(); ++ia, ++ib) {
    if (ia->first != ib->first || ia->second.path != ib->second.path) return false;
    const auto& va = ia->second.values;
    const auto& vb = ib->second.values;
    if (va.size() != vb.size()) return false;
    for (size_t i = 0; i < va.size(); ++i) {
      if (va[i].name != vb[i].name || va[i].type != vb[i].type || va[i].data != vb[i].data) return false;
    }
  }
  return true;
}

inline const std::vector<std::string>& format_corpus() {
  static const std::vector<std::string> files = {
      "format/schannel_export.reg",       "format/dotnet_strong_crypto.reg", "format/winhttp_default_secure_protocols.reg",
      "format/cipher_suite_policy.reg",   "format/value_types.reg",          "format/deletions.reg",
      "format/regedit4_ansi.reg",         "format/handwritten_lf.reg",       "format/utf8_bom.reg",
  };
  return files;
}

}  // namespace winreg_test
