#include "logs/schannel_event_reader.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "common/csv.h"
#include "common/text.h"
#include "logs/schannel_log_values.h"
#include "registry/cipher_suite_registry.h"

#ifdef TLSREADY_HAVE_EXPAT
#include <expat.h>
#endif
#ifdef TLSREADY_HAVE_LIBEVTX
#include <libevtx.h>
#endif

namespace tlsready::registry::embedded {
std::string_view schannel_event_fields_csv();  // generated from native/data/schannel_event_fields.csv
}  // namespace tlsready::registry::embedded

namespace tlsready::logs {

bool schannel_events_available() {
#ifdef TLSREADY_HAVE_EXPAT
  return true;
#else
  return false;
#endif
}

bool schannel_evtx_available() {
#if defined(TLSREADY_HAVE_EXPAT) && defined(TLSREADY_HAVE_LIBEVTX)
  return true;
#else
  return false;
#endif
}

#ifdef TLSREADY_HAVE_EXPAT

namespace {

constexpr std::string_view kFormat = "schannel-events";

enum class FieldRole { ignored, side, protocol, cipher_suite, alert, target };

struct FieldRow {
  uint32_t event_id = 0;
  std::string field;
  FieldRole role = FieldRole::ignored;
  std::string resource;
};

[[noreturn]] void table_error(std::size_t line, const std::string& message) {
  throw SchannelTableError("schannel_event_fields.csv line " + std::to_string(line) + ": " + message);
}

std::optional<uint32_t> decimal(std::string_view text) {
  text = text::trim_view(text);
  if (text.empty() || text.size() > 9) return std::nullopt;
  uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  return value;
}

std::optional<uint32_t> hex_value(std::string_view text) {
  text = text::trim_view(text);
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  if (text.empty() || text.size() > 8) return std::nullopt;
  uint32_t value = 0;
  for (char c : text) {
    uint32_t digit = 0;
    if (c >= '0' && c <= '9')
      digit = static_cast<uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<uint32_t>(c - 'A' + 10);
    else
      return std::nullopt;
    value = (value << 4) | digit;
  }
  return value;
}

std::vector<FieldRow> load_fields() {
  const std::vector<std::string_view> header = {"event_id", "field", "role", "resource", "meaning", "source"};
  std::vector<csv::Record> records;
  try {
    records = csv::read(registry::embedded::schannel_event_fields_csv());
  } catch (const csv::CsvSyntaxError& error) {
    table_error(error.line(), error.reason());
  }
  if (records.empty() || !std::equal(records[0].fields.begin(), records[0].fields.end(), header.begin(), header.end()))
    table_error(records.empty() ? 1 : records[0].line, "header must be event_id,field,role,resource,meaning,source");
  std::vector<FieldRow> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const csv::Record& record = records[i];
    if (record.fields.size() != header.size()) table_error(record.line, "expected 6 fields");
    FieldRow row;
    const auto id = decimal(record.fields[0]);
    if (!id) table_error(record.line, "event_id must be a decimal number");
    row.event_id = *id;
    row.field = record.fields[1];
    const std::string& role = record.fields[2];
    if (role == "side")
      row.role = FieldRole::side;
    else if (role == "protocol")
      row.role = FieldRole::protocol;
    else if (role == "cipher_suite")
      row.role = FieldRole::cipher_suite;
    else if (role == "alert")
      row.role = FieldRole::alert;
    else if (role == "target")
      row.role = FieldRole::target;
    else if (role != "-")
      table_error(record.line, "unknown role '" + role + "'");
    row.resource = record.fields[3];
    if (row.field.empty() || row.resource.empty()) table_error(record.line, "field and resource must be given");
    for (const FieldRow& earlier : rows) {
      if (earlier.event_id == row.event_id && earlier.field == row.field) table_error(record.line, "duplicate field");
      if (earlier.event_id == row.event_id && earlier.resource != row.resource)
        table_error(record.line, "one resource per event");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

const std::vector<FieldRow>& field_rows() {
  static const std::vector<FieldRow> rows = load_fields();
  return rows;
}

const FieldRow* find_field(uint32_t event_id, std::string_view field) {
  for (const FieldRow& row : field_rows())
    if (row.event_id == event_id && text::iequals(row.field, field)) return &row;
  return nullptr;
}

const FieldRow* any_field(uint32_t event_id) {
  for (const FieldRow& row : field_rows())
    if (row.event_id == event_id) return &row;
  return nullptr;
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return false;
  for (std::size_t i = from; i < from + count; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

// System/TimeCreated SystemTime ("2026-11-30T08:15:02.1234567Z", UTC) -> "2026-11-30T08:15:02Z"; "" when
// it is not that shape (an offset other than Z, or none, is not guessed at).
std::string iso_time(std::string_view stamp) {
  stamp = text::trim_view(stamp);
  const bool shape = stamp.size() >= 20 && digits(stamp, 0, 4) && stamp[4] == '-' && digits(stamp, 5, 2) &&
                     stamp[7] == '-' && digits(stamp, 8, 2) && (stamp[10] == 'T' || stamp[10] == ' ') &&
                     digits(stamp, 11, 2) && stamp[13] == ':' && digits(stamp, 14, 2) && stamp[16] == ':' &&
                     digits(stamp, 17, 2);
  if (!shape) return "";
  std::size_t i = 19;
  if (i < stamp.size() && stamp[i] == '.') {
    ++i;
    while (i < stamp.size() && stamp[i] >= '0' && stamp[i] <= '9') ++i;
  }
  if (stamp.substr(i) != "Z") return "";
  return std::string(stamp.substr(0, 10)) + "T" + std::string(stamp.substr(11, 8)) + "Z";
}

// The registry's cipher words ("AES_256_CBC", "RC4_128", "3DES_EDE_CBC") in the words IIS logs use
// (native/data/schannel_log_values.csv: "AES-256", "RC4", "3DES"): SCHANNEL's CALG_* leave the mode out.
std::string cipher_word(std::string_view registry_cipher) {
  if (text::istarts_with(registry_cipher, "RC4")) return "RC4";
  if (text::istarts_with(registry_cipher, "RC2")) return "RC2";
  if (text::istarts_with(registry_cipher, "3DES")) return "3DES";
  if (text::istarts_with(registry_cipher, "DES")) return "DES";
  static constexpr std::string_view kModes[] = {"_CCM_8", "_CBC", "_GCM", "_CCM", "_CTR"};
  for (std::string_view mode : kModes) {
    if (text::iends_with(registry_cipher, mode)) {
      registry_cipher.remove_suffix(mode.size());
      break;
    }
  }
  std::string out(registry_cipher);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

// The suite of a CipherSuite value ("0xc030", "0xC030", "c030"), its algorithms into `event`.
void fill_suite(TlsUseEvent& event, std::string_view value) {
  const auto code = hex_value(value);
  if (!code || *code > 0xFFFF) return;
  const registry::CipherSuite* suite = registry::find_cipher_suite(static_cast<uint16_t>(*code));
  if (!suite || suite->scsv) return;
  event.cipher = cipher_word(suite->cipher);
  event.hash = suite->mac == "AEAD" || suite->mac == "NULL" ? "" : suite->mac;
  event.key_exchange = suite->kx == "ANY" ? "" : suite->kx;
  event.suite = suite->iana_name;
}

// A Protocol value: "TLS 1.0" as Windows writes it, or an SP_PROT_* number (decimal, or 0x-hex).
std::optional<model::ProtocolVersion> protocol_from(std::string_view value) {
  value = text::trim_view(value);
  if (const auto version = model::parse_any_version_name(value)) return version;
  std::optional<uint32_t> number;
  if (text::istarts_with(value, "0x"))
    number = hex_value(value);
  else
    number = decimal(value);
  if (!number) return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (int shift = 28; shift >= 0; shift -= 4) hex.push_back(kHex[(*number >> shift) & 0xF]);
  const SchannelValue* row = schannel_value_from_hex(SchannelValueKind::protocol, hex);
  if (row) return row->version;
  return std::nullopt;
}

}  // namespace

namespace {

constexpr std::size_t kMaxValueBytes = 1024;                     // per field: longer values are cut (memory stays flat)
constexpr std::size_t kMaxFields = 32;                           // per event: fields past these are dropped
constexpr std::size_t kKeptBytes = 64 * std::size_t{1024};       // text kept for resuming after an error
constexpr std::size_t kMaxKeptBytes = 1024 * std::size_t{1024};  // ... at most, however long the event
constexpr char kNamespaceSeparator = '\n';                       // in no XML name or namespace URI
// Events one after another (wevtutil) are no XML document; inside a root of our own they are one.
constexpr std::string_view kWrapperStart = "<tlsready-schannel-events>";

std::string_view local_name(const char* name) {
  const std::string_view full(name);
  const std::size_t separator = full.rfind(kNamespaceSeparator);
  return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

const char* attribute(const char** attributes, std::string_view wanted) {
  for (std::size_t i = 0; attributes[i] && attributes[i + 1]; i += 2)
    if (local_name(attributes[i]) == wanted) return attributes[i + 1];
  return nullptr;
}

void append_capped(std::string& into, std::string_view text) {
  if (into.size() >= kMaxValueBytes) return;
  into.append(text.substr(0, kMaxValueBytes - into.size()));
}

void append_utf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Bytes in, UTF-8 out, block by block: UTF-8 (a BOM dropped) passes through; UTF-16 LE/BE, told by
// its BOM or by a '<' beside a zero byte at the start, is transcoded (pairs split across blocks kept,
// lone surrogates become U+FFFD).
class Utf8Decoder {
 public:
  void decode(std::string_view bytes, bool last, std::string& out) {
    out.clear();
    std::string joined;
    if (!pending_.empty()) {
      joined = pending_;
      joined.append(bytes);
      pending_.clear();
      bytes = joined;
    }
    if (encoding_ == Encoding::unknown) {
      if (bytes.size() < 3 && !last) {
        pending_.assign(bytes);
        return;
      }
      bytes.remove_prefix(detect(bytes));
    }
    if (encoding_ == Encoding::utf8) {
      out.append(bytes);
      return;
    }
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
      const auto first = static_cast<uint8_t>(bytes[i]);
      const auto second = static_cast<uint8_t>(bytes[i + 1]);
      unit(encoding_ == Encoding::utf16le ? static_cast<uint16_t>(first | (second << 8))
                                          : static_cast<uint16_t>((first << 8) | second),
           out);
    }
    if (i < bytes.size() && !last) pending_.assign(bytes.substr(i));  // an odd byte waits for its pair
    if (last && high_surrogate_ != 0) {
      append_utf8(out, 0xFFFD);
      high_surrogate_ = 0;
    }
  }

 private:
  enum class Encoding { unknown, utf8, utf16le, utf16be };

  // Sets the encoding from the first bytes; the length of the byte-order mark.
  std::size_t detect(std::string_view head) {
    const auto byte = [&](std::size_t i) {
      return i < head.size() ? static_cast<unsigned>(static_cast<uint8_t>(head[i])) : 0x100U;
    };
    if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
      encoding_ = Encoding::utf8;
      return 3;
    }
    if (byte(0) == 0xFF && byte(1) == 0xFE) {
      encoding_ = Encoding::utf16le;
      return 2;
    }
    if (byte(0) == 0xFE && byte(1) == 0xFF) {
      encoding_ = Encoding::utf16be;
      return 2;
    }
    if (byte(0) != 0 && byte(0) != 0x100U && byte(1) == 0)
      encoding_ = Encoding::utf16le;
    else if (byte(0) == 0 && byte(1) != 0 && byte(1) != 0x100U)
      encoding_ = Encoding::utf16be;
    else
      encoding_ = Encoding::utf8;
    return 0;
  }

  void unit(uint16_t value, std::string& out) {
    if (high_surrogate_ != 0) {
      if (value >= 0xDC00 && value <= 0xDFFF) {
        append_utf8(out, 0x10000U + ((high_surrogate_ - 0xD800U) << 10) + (value - 0xDC00U));
        high_surrogate_ = 0;
        return;
      }
      append_utf8(out, 0xFFFD);
      high_surrogate_ = 0;
    }
    if (value >= 0xD800 && value <= 0xDBFF) {
      high_surrogate_ = value;
      return;
    }
    append_utf8(out, value >= 0xDC00 && value <= 0xDFFF ? 0xFFFDU : value);
  }

  Encoding encoding_ = Encoding::unknown;
  std::string pending_;  // a head too short to tell, or an odd byte of UTF-16
  uint16_t high_surrogate_ = 0;
};

// XML's end-of-line handling (XML 1.0 §2.11: CRLF and a lone CR are read as LF) done before expat
// sees the text, so that every line count here and expat's agree. `after_cr` carries a CR that ended
// the previous block.
void normalise_line_ends(std::string& text, bool& after_cr) {
  std::size_t out = 0;
  for (const char c : text) {
    if (c == '\n' && after_cr) {
      after_cr = false;
      continue;
    }
    after_cr = c == '\r';
    text[out++] = c == '\r' ? '\n' : c;
  }
  text.resize(out);
}

// "<?xml version=... ?>" at the start of the text (after blanks), which may not follow our wrapper.
void drop_xml_declaration(std::string& text) {
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || text.compare(start, 5, "<?xml") != 0) return;
  const std::size_t end = text.find("?>", start);
  if (end == std::string::npos) return;
  // Keep the line ends, so that line numbers stay those of the file.
  const auto newlines = std::count(text.begin() + static_cast<std::ptrdiff_t>(start),
                                   text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
  text.replace(start, end + 2 - start, static_cast<std::size_t>(newlines), '\n');
}

}  // namespace

struct SchannelEventReader::State {
  State(std::istream& in, std::string file, std::size_t block_bytes)
      : input(in), source_file(std::move(file)), block(std::max<std::size_t>(1, block_bytes)) {}
  ~State() {
    if (parser) XML_ParserFree(parser);
#ifdef TLSREADY_HAVE_LIBEVTX
    if (evtx_file) {
      libevtx_file_close(evtx_file, nullptr);
      libevtx_file_free(&evtx_file, nullptr);
    }
#endif
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  // The event being read.
  enum class Section { other, system, user_data, event_data };
  struct RawEvent {
    std::size_t line = 0;
    std::string provider, event_id, time, computer;
    std::vector<std::pair<std::string, std::string>> fields;
  };

  std::istream& input;
  std::string source_file;
  LogReadStats stats;
  std::size_t bytes = 0;
  std::deque<TlsUseEvent> ready;  // the events of the latest block (a block holds a bounded number)
  bool finished = false;

  // XML input.
  Utf8Decoder decoder;
  std::vector<char> block;
  std::string decoded;
  std::string resync_buffer;
  std::string prefix;
  std::string head;
  bool after_cr = false;
  bool first_text = true;
  char last_char = '\n';
  bool any_text = false;

  // The parser and where it stands.
  XML_Parser parser = nullptr;
  std::size_t parser_fed = 0;     // bytes given to the parser, its wrapper included
  std::string fed_text;           // the latest of them (see trim_fed_text)
  std::size_t fed_text_base = 0;  // the parser's byte index of fed_text[0]
  std::size_t event_start = 0;    // the parser's byte index of the <Event in progress
  std::size_t line_base = 1;      // the file's line of the parser's line 1
  std::size_t fixed_line = 0;     // evtx: every event is its record's number
  bool skipping = false;          // after a syntax error: looking for the next <Event
  std::size_t skip_line = 1;      // the line at the scan position while skipping
  std::string carry;              // while skipping: a tail that may begin "<Event"
  std::size_t depth = 0;          // element depth (our wrapper is 1)
  std::size_t event_depth = 0;    // the <Event>'s depth; 0 outside an event
  Section section = Section::other;
  std::string* capture = nullptr;  // the value being read
  std::size_t capture_depth = 0;
  RawEvent raw;

#ifdef TLSREADY_HAVE_LIBEVTX
  libevtx_file_t* evtx_file = nullptr;
  int evtx_records = 0;
  int evtx_next = 0;
#endif
  bool evtx = false;

  void start_parser(std::size_t line) {
    if (parser) XML_ParserFree(parser);
    parser = XML_ParserCreateNS("UTF-8", kNamespaceSeparator);
    if (!parser) throw std::bad_alloc();
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &State::on_start, &State::on_end);
    XML_SetCharacterDataHandler(parser, &State::on_text);
    depth = 0;
    event_depth = 0;
    capture = nullptr;
    line_base = line;
    parser_fed = kWrapperStart.size();
    fed_text.clear();
    fed_text_base = parser_fed;
    if (XML_Parse(parser, kWrapperStart.data(), static_cast<int>(kWrapperStart.size()), XML_FALSE) == XML_STATUS_ERROR)
      throw std::logic_error("schannel-events: the wrapper element does not parse");
  }

  std::size_t current_line() const {
    if (fixed_line != 0) return fixed_line;
    return line_base + static_cast<std::size_t>(XML_GetCurrentLineNumber(parser)) - 1;
  }

  static void on_start(void* data, const char* name, const char** attributes) {
    static_cast<State*>(data)->start_element(local_name(name), attributes);
  }
  static void on_end(void* data, const char* /*name*/) { static_cast<State*>(data)->end_element(); }
  static void on_text(void* data, const char* text, int length) {
    auto* state = static_cast<State*>(data);
    if (state->capture && length > 0)
      append_capped(*state->capture, std::string_view(text, static_cast<std::size_t>(length)));
  }

  void start_element(std::string_view name, const char** attributes) {
    ++depth;
    if (event_depth == 0) {
      if (name == "Event") {
        event_depth = depth;
        event_start = static_cast<std::size_t>(std::max<XML_Index>(0, XML_GetCurrentByteIndex(parser)));
        raw.line = current_line();
        raw.provider.clear();
        raw.event_id.clear();
        raw.time.clear();
        raw.computer.clear();
        raw.fields.clear();
        section = Section::other;
      }
      return;
    }
    const std::size_t level = depth - event_depth;  // 1: a child of <Event>
    if (level == 1) {
      section = name == "System"      ? Section::system
                : name == "UserData"  ? Section::user_data
                : name == "EventData" ? Section::event_data
                                      : Section::other;
      return;
    }
    if (capture) return;  // markup inside a value: its text joins the value
    if (section == Section::system && level == 2) {
      if (name == "Provider") {
        if (const char* value = attribute(attributes, "Name")) append_capped(raw.provider, value);
      } else if (name == "TimeCreated") {
        if (const char* value = attribute(attributes, "SystemTime")) append_capped(raw.time, value);
      } else if (name == "EventID") {
        begin_capture(&raw.event_id);
      } else if (name == "Computer") {
        begin_capture(&raw.computer);
      }
    } else if (section == Section::user_data && level == 3) {  // <UserData><EventXML><Field>
      begin_field(name);
    } else if (section == Section::event_data && level == 2 && name == "Data") {
      const char* field = attribute(attributes, "Name");
      if (field) begin_field(field);
    }
  }

  void begin_capture(std::string* into) {
    capture = into;
    capture_depth = depth;
  }

  void begin_field(std::string_view name) {
    if (raw.fields.size() >= kMaxFields) return;
    raw.fields.emplace_back(std::string(name.substr(0, kMaxValueBytes)), std::string());
    begin_capture(&raw.fields.back().second);
  }

  void end_element() {
    if (capture && depth == capture_depth) capture = nullptr;
    if (event_depth != 0 && depth == event_depth) {
      event_depth = 0;
      finish_event();
    }
    --depth;
  }

  void finish_event() {
    const auto id = decimal(raw.event_id);
    const FieldRow* known = id ? any_field(*id) : nullptr;
    if (!text::iequals(text::trim_view(raw.provider), "Schannel") || !known) {
      ++stats.without_tls_fields;
      return;
    }
    TlsUseEvent event;
    event.time = iso_time(raw.time);
    const std::string computer(text::trim_view(raw.computer));
    event.server = computer;
    event.resource = known->resource;
    std::string side, target, alert;
    bool has_protocol = false;
    for (const auto& [field, value] : raw.fields) {
      const FieldRow* row = find_field(*id, field);
      if (!row) continue;
      const std::string_view text = text::trim_view(value);
      switch (row->role) {
        case FieldRole::side: side = text::to_lower_ascii(text); break;
        case FieldRole::protocol:
          has_protocol = true;
          event.protocol_raw = std::string(text);
          event.protocol = protocol_from(text);
          break;
        case FieldRole::cipher_suite: fill_suite(event, text); break;
        case FieldRole::alert: alert = std::string(text); break;
        case FieldRole::target: target = std::string(text); break;
        case FieldRole::ignored: break;
      }
    }
    if (has_protocol && !event.protocol) ++stats.unknown_values;
    if (!alert.empty()) {
      const auto number = decimal(alert);
      event.resource += number ? " " + std::to_string(*number) : "";
    }
    if (side == "client") {  // this machine connected out: it is the client, the target the server
      event.client_name = computer;
      event.server = target;
    }
    event.source_format = std::string(kFormat);
    event.source_file = source_file;
    event.source_line = raw.line;
    ready.push_back(std::move(event));
  }

  // A syntax error: the event in progress is malformed; the text after the error (from fed_text, so
  // that where reading resumes does not depend on how the input was cut into blocks) is searched for
  // the next <Event.
  std::string after_error() {
    const XML_Index index = XML_GetCurrentByteIndex(parser);
    std::size_t offset = 0;
    if (index > 0 && static_cast<std::size_t>(index) > fed_text_base)
      offset = std::min(fed_text.size(), static_cast<std::size_t>(index) - fed_text_base);
    const std::size_t error_line = current_line();
    stats.note_malformed(event_depth != 0 ? raw.line : error_line);
    event_depth = 0;
    capture = nullptr;
    skipping = true;
    carry.clear();
    skip_line = error_line;
    std::string rest;
    if (offset < fed_text.size()) {
      if (fed_text[offset] == '\n') ++skip_line;
      rest = fed_text.substr(offset + 1);
    }
    fed_text.clear();
    return rest;
  }

  // Keeps of fed_text what an error could still point into: the event in progress (up to kMaxKeptBytes),
  // else the last kKeptBytes (a token expat holds across blocks).
  void trim_fed_text() {
    std::size_t keep_from = parser_fed > kKeptBytes ? parser_fed - kKeptBytes : 0;
    if (event_depth != 0) keep_from = std::min(keep_from, event_start);
    if (parser_fed - keep_from > kMaxKeptBytes) keep_from = parser_fed - kMaxKeptBytes;
    if (keep_from > fed_text_base) {
      fed_text.erase(0, std::min(fed_text.size(), keep_from - fed_text_base));
      fed_text_base = keep_from;
    }
  }

  void feed(std::string_view data) {
    while (!data.empty()) {
      if (skipping) {
        resync_buffer = carry;
        resync_buffer.append(data);
        carry.clear();
        const std::string_view buffer = resync_buffer;
        std::size_t from = 0;
        std::size_t found = std::string_view::npos;
        while (true) {
          const std::size_t at = buffer.find("<Event", from);
          if (at == std::string_view::npos) break;
          if (at + 6 == buffer.size()) {  // the next byte decides: keep it for the next block
            found = std::string_view::npos;
            from = at;
            break;
          }
          const char next_char = buffer[at + 6];
          if (next_char == ' ' || next_char == '>' || next_char == '\t' || next_char == '\r' || next_char == '\n' ||
              next_char == '/') {
            found = at;
            break;
          }
          from = at + 1;
        }
        if (found == std::string_view::npos) {
          // Keep a tail that may be the start of "<Event" (it holds no line end).
          std::size_t keep = 0;
          for (std::size_t length = std::min<std::size_t>(6, buffer.size()); length > 0; --length) {
            if (std::string_view("<Event").substr(0, length) == buffer.substr(buffer.size() - length)) {
              keep = length;
              break;
            }
          }
          skip_line += static_cast<std::size_t>(
              std::count(buffer.begin(), buffer.end() - static_cast<std::ptrdiff_t>(keep), '\n'));
          carry.assign(buffer.substr(buffer.size() - keep));
          return;
        }
        skip_line += static_cast<std::size_t>(
            std::count(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(found), '\n'));
        skipping = false;
        start_parser(skip_line);
        resync_buffer.erase(0, found);
        data = resync_buffer;
        // `data` now views resync_buffer, which is not touched again until skipping starts anew.
      }
      fed_text.append(data);
      const XML_Status status = XML_Parse(parser, data.data(), static_cast<int>(data.size()), XML_FALSE);
      parser_fed += data.size();
      if (status == XML_STATUS_ERROR) {
        resync_pending = after_error();
        data = resync_pending;
        continue;
      }
      trim_fed_text();
      data = {};
    }
  }
  std::string resync_pending;

  // Reads a block of the XML input (false at its end).
  bool read_xml_block() {
    input.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto count = static_cast<std::size_t>(std::max<std::streamsize>(0, input.gcount()));
    bytes += count;
    const bool last = count < block.size();
    if (!prefix.empty()) {  // the bytes the constructor read to tell .evtx from XML
      prefix.append(block.data(), count);
      decoder.decode(prefix, last, decoded);
      prefix.clear();
    } else {
      decoder.decode(std::string_view(block.data(), count), last, decoded);
    }
    normalise_line_ends(decoded, after_cr);
    if (first_text) {  // hold the start until it is clear whether it is an XML declaration
      head.append(decoded);
      decoded.clear();
      if (!last && !head_decided()) return true;
      drop_xml_declaration(head);
      decoded.swap(head);
      first_text = false;
    }
    if (!decoded.empty()) {
      any_text = true;
      stats.lines += static_cast<std::size_t>(std::count(decoded.begin(), decoded.end(), '\n'));
      last_char = decoded.back();
      feed(decoded);
    }
    return !last;
  }

  // Whether the text held so far shows if it starts with a declaration (and, if so, holds all of it).
  bool head_decided() const {
    if (head.size() > SchannelEventReader::kDefaultBlockBytes) return true;
    const std::size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return false;
    const std::string_view rest = std::string_view(head).substr(start);
    if (rest.size() < 5) return std::string_view("<?xml").substr(0, rest.size()) != rest;
    if (rest.substr(0, 5) != "<?xml") return true;
    return rest.find("?>") != std::string_view::npos;
  }

  void finish_xml() {
    if (any_text && last_char != '\n') ++stats.lines;
    if (!skipping && event_depth != 0) {  // the file ends inside an event: cut off, or still being written
      stats.note_malformed(raw.line);
      stats.unterminated_last_line = true;
      event_depth = 0;
    }
    finished = true;
  }

#ifdef TLSREADY_HAVE_LIBEVTX
  static std::string evtx_message(libevtx_error_t* error) {
    char text[512] = {};
    if (error) {
      libevtx_error_sprint(error, text, sizeof text);
      libevtx_error_free(&error);
    }
    std::string message(text);
    std::replace(message.begin(), message.end(), '\n', ' ');
    return text::trim(message);
  }

  void open_evtx() {
    libevtx_error_t* error = nullptr;
    if (libevtx_file_initialize(&evtx_file, &error) != 1)
      throw std::runtime_error("libevtx: cannot initialise: " + evtx_message(error));
    if (libevtx_file_open(evtx_file, source_file.c_str(), LIBEVTX_OPEN_READ, &error) != 1 ||
        libevtx_file_get_number_of_records(evtx_file, &evtx_records, &error) != 1) {
      const std::string message = evtx_message(error);
      libevtx_file_free(&evtx_file, nullptr);
      throw std::invalid_argument("log file " + text::quote_for_message(source_file, 200) +
                                  ": not a readable .evtx file (libevtx: " + message + ")");
    }
    std::error_code ignored;
    const auto size = std::filesystem::file_size(source_file, ignored);
    bytes = ignored ? 0 : static_cast<std::size_t>(size);
  }

  // The XML of the next record through a parser of its own (false after the last record).
  bool read_evtx_record() {
    if (evtx_next >= evtx_records) return false;
    const int index = evtx_next++;
    ++stats.lines;
    fixed_line = static_cast<std::size_t>(index) + 1;
    libevtx_record_t* record = nullptr;
    libevtx_error_t* error = nullptr;
    std::string xml;
    std::size_t size = 0;
    bool ok = libevtx_file_get_record_by_index(evtx_file, index, &record, &error) == 1 &&
              libevtx_record_get_utf8_xml_string_size(record, &size, &error) == 1 && size > 0;
    if (ok) {
      xml.resize(size);
      ok = libevtx_record_get_utf8_xml_string(record, reinterpret_cast<uint8_t*>(xml.data()), size, &error) == 1;
      xml.resize(xml.find('\0') == std::string::npos ? xml.size() : xml.find('\0'));
    }
    if (record) libevtx_record_free(&record, nullptr);
    if (error) libevtx_error_free(&error);
    if (!ok) {
      stats.note_malformed(fixed_line);
      return true;
    }
    bool record_after_cr = false;
    normalise_line_ends(xml, record_after_cr);
    drop_xml_declaration(xml);
    skipping = false;
    start_parser(1);
    feed(xml);
    if (!skipping && event_depth != 0) stats.note_malformed(fixed_line);
    skipping = false;
    event_depth = 0;
    return true;
  }
#endif
};

SchannelEventReader::SchannelEventReader(std::istream& input, std::string source_file, std::size_t block_bytes)
    : state_(std::make_unique<State>(input, std::move(source_file), block_bytes)) {
  char magic[8] = {};
  input.read(magic, sizeof magic);
  const auto count = static_cast<std::size_t>(std::max<std::streamsize>(0, input.gcount()));
  const bool evtx = count == sizeof magic && std::string_view(magic, sizeof magic) == std::string_view("ElfFile\0", 8);
  if (evtx) {
#ifdef TLSREADY_HAVE_LIBEVTX
    state_->evtx = true;
    state_->open_evtx();
    return;
#else
    throw std::invalid_argument(
        "log file " + text::quote_for_message(state_->source_file, 200) +
        ": .evtx files need libevtx, which this build of tlsready lacks; export the events "
        "as XML instead: wevtutil qe System /q:\"*[System[Provider[@Name='Schannel']]]\" /f:xml");
#endif
  }
  // Not evtx: the bytes read are the start of the XML, decoded with the first block.
  state_->bytes = count;
  state_->prefix.assign(magic, count);
  state_->start_parser(1);
}

SchannelEventReader::~SchannelEventReader() = default;

bool SchannelEventReader::next(TlsUseEvent& event) {
  State& state = *state_;
  while (state.ready.empty()) {
    if (state.finished) return false;
#ifdef TLSREADY_HAVE_LIBEVTX
    if (state.evtx) {
      if (!state.read_evtx_record()) state.finished = true;
      continue;
    }
#endif
    if (!state.read_xml_block()) state.finish_xml();
  }
  event = std::move(state.ready.front());
  state.ready.pop_front();
  ++state.stats.events;
  return true;
}

const LogReadStats& SchannelEventReader::stats() const { return state_->stats; }
std::size_t SchannelEventReader::bytes_read() const { return state_->bytes; }

#else  // no expat: the format is named but cannot be read

struct SchannelEventReader::State {
  LogReadStats stats;
};

SchannelEventReader::SchannelEventReader(std::istream& /*input*/, std::string /*source_file*/,
                                         std::size_t /*block_bytes*/) {
  throw std::invalid_argument(
      "log format \"schannel-events\": not available in this build (tlsready was built without expat)");
}
SchannelEventReader::~SchannelEventReader() = default;
bool SchannelEventReader::next(TlsUseEvent& /*event*/) { return false; }
const LogReadStats& SchannelEventReader::stats() const { return state_->stats; }
std::size_t SchannelEventReader::bytes_read() const { return 0; }

#endif

}  // namespace tlsready::logs
