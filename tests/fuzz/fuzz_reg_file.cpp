// Fuzzes the .reg parser of the winreg room with arbitrary bytes (any BOM, any encoding). Checks
// that an error names a line inside the file, that every key is stored under its normalized
// path with no duplicate value names, that the typed accessors are safe on every value, that LF
// and CRLF line ends read alike, and that whatever was read (also before an error) survives the
// JSON snapshot round trip through JSON text. Input that happens to be JSON is also fed to
// from_snapshot, which must answer without throwing.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "winreg/reg_file.h"
#include "winreg/registry_model.h"
#include "winreg/registry_path.h"
#include "winreg/registry_snapshot.h"
#include "winreg/text_decoding.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_reg_file
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace winreg = tlsready::winreg;

namespace {

bool same_registry(const winreg::Registry& a, const winreg::Registry& b) {
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

void check_registry(const winreg::Registry& registry) {
  for (const auto& [normalized, key] : registry.keys()) {
    TLSREADY_FUZZ_CHECK(winreg::Registry::normalize(key.path) == normalized);
    TLSREADY_FUZZ_CHECK(registry.find_key(key.path) == &key);
    for (size_t i = 0; i < key.values.size(); ++i) {
      const auto& value = key.values[i];
      if (i > 0) {
        const auto& previous = key.values[i - 1].name;
        TLSREADY_FUZZ_CHECK(winreg::equal_ignoring_case(previous, value.name) ==
                            (winreg::fold_case(previous) == winreg::fold_case(value.name)));
      }
      TLSREADY_FUZZ_CHECK(key.find_value(value.name) == &value);  // names are unique, case-insensitively
      if (const auto dword = value.as_dword()) TLSREADY_FUZZ_CHECK(value.data.size() == 4);
      if (const auto qword = value.as_qword()) TLSREADY_FUZZ_CHECK(value.data.size() == 8);
      if (const auto text = value.as_string()) TLSREADY_FUZZ_CHECK(text->size() <= value.data.size() * 2);
      if (const auto list = value.as_multi_string()) TLSREADY_FUZZ_CHECK(list->size() <= value.data.size() / 2);
    }
    (void)registry.subkeys(key.path);
  }
}

void check_snapshot_round_trip(const winreg::Registry& registry) {
  const nlohmann::json snapshot = winreg::to_snapshot(registry);
  const nlohmann::json reparsed = nlohmann::json::parse(snapshot.dump());
  winreg::Registry copy;
  const auto error = winreg::from_snapshot(reparsed, copy);
  TLSREADY_FUZZ_CHECK(!error.has_value());
  TLSREADY_FUZZ_CHECK(same_registry(registry, copy));
  TLSREADY_FUZZ_CHECK(winreg::to_snapshot(copy) == snapshot);
}

}  // namespace

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  winreg::Registry registry;
  const auto error = winreg::parse_reg_file(bytes, registry);
  if (error) {
    TLSREADY_FUZZ_CHECK(!error->message.empty());
    TLSREADY_FUZZ_CHECK(error->line >= 1);
    TLSREADY_FUZZ_CHECK(static_cast<size_t>(error->line) <= size + 1);
  }
  check_registry(registry);
  check_snapshot_round_trip(registry);

  // In an 8-bit encoding without a BOM, turning every bare LF into CRLF changes nothing. (Not for
  // UTF-16, with or without a BOM: an inserted byte shifts every code unit after it, and may tip
  // the BOM-less detection one way or the other, so both versions must read as 8-bit text.)
  const bool has_bom = (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) ||
                       (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF);
  std::vector<uint8_t> crlf;
  crlf.reserve(size + size / 8);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) crlf.push_back('\r');
    crlf.push_back(data[i]);
  }
  const auto is_utf16 = [](std::span<const uint8_t> text) {
    const auto encoding = winreg::decode_reg_text(text).encoding;
    return encoding == winreg::TextEncoding::utf16le || encoding == winreg::TextEncoding::utf16be;
  };
  if (!has_bom && !is_utf16(bytes) && !is_utf16(crlf)) {
    winreg::Registry other;
    const auto other_error = winreg::parse_reg_file(crlf, other);
    TLSREADY_FUZZ_CHECK(error.has_value() == other_error.has_value());
    if (error && other_error) {
      TLSREADY_FUZZ_CHECK(error->line == other_error->line);
      TLSREADY_FUZZ_CHECK(error->message == other_error->message);
    }
    TLSREADY_FUZZ_CHECK(same_registry(registry, other));
  }

  const auto json = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (!json.is_discarded()) {
    winreg::Registry from_json;
    bool threw = false;
    std::optional<winreg::RegFileError> json_error;
    try {
      json_error = winreg::from_snapshot(json, from_json);
    } catch (...) {
      threw = true;
    }
    TLSREADY_FUZZ_CHECK(!threw);
    if (json_error) {
      TLSREADY_FUZZ_CHECK(from_json.keys().empty());  // all or nothing
    } else {
      check_registry(from_json);
      check_snapshot_round_trip(from_json);
    }
  }
  return 0;
}
