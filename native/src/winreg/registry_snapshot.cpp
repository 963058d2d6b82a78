#include "winreg/registry_snapshot.h"

#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "common/hex.h"
#include "winreg/registry_path.h"
#include "winreg/text_decoding.h"

namespace tlsready::winreg {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, ValueType>, 14> type_names = {{
    {"REG_NONE", ValueType::none},
    {"REG_SZ", ValueType::sz},
    {"REG_EXPAND_SZ", ValueType::expand_sz},
    {"REG_BINARY", ValueType::binary},
    {"REG_DWORD", ValueType::dword},
    {"REG_DWORD_BIG_ENDIAN", ValueType::dword_big_endian},
    {"REG_LINK", ValueType::link},
    {"REG_MULTI_SZ", ValueType::multi_sz},
    {"REG_RESOURCE_LIST", ValueType::resource_list},
    {"REG_FULL_RESOURCE_DESCRIPTOR", ValueType::full_resource_descriptor},
    {"REG_RESOURCE_REQUIREMENTS_LIST", ValueType::resource_requirements_list},
    {"REG_QWORD", ValueType::qword},
    {"REG_DWORD_LITTLE_ENDIAN", ValueType::dword},
    {"REG_QWORD_LITTLE_ENDIAN", ValueType::qword},
}};

enum class Form { number, text, strings, bytes };

Form natural_form(ValueType type) {
  switch (type) {
    case ValueType::dword:
    case ValueType::dword_big_endian:
    case ValueType::qword:
      return Form::number;
    case ValueType::sz:
    case ValueType::expand_sz:
    case ValueType::link:
      return Form::text;
    case ValueType::multi_sz:
      return Form::strings;
    default:
      return Form::bytes;
  }
}

std::string hex_string(const std::vector<uint8_t>& bytes) { return hex::bytes(bytes, hex::Case::lower, ","); }

// Pairs of hex digits, optionally separated by commas or spaces.
bool parse_hex_string(std::string_view text, std::vector<uint8_t>& out) {
  out.clear();
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ',' || text[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return false;
    const int hi = hex::digit_value(text[i]);
    const int lo = hex::digit_value(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<uint8_t>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

std::vector<uint8_t> encode_text(std::string_view text) {
  auto bytes = utf8_to_utf16le(text);
  bytes.push_back(0);
  bytes.push_back(0);
  return bytes;
}

std::vector<uint8_t> encode_strings(const std::vector<std::string>& strings) {
  std::vector<uint8_t> bytes;
  for (const auto& s : strings) {
    const auto encoded = encode_text(s);
    bytes.insert(bytes.end(), encoded.begin(), encoded.end());
  }
  bytes.push_back(0);
  bytes.push_back(0);
  return bytes;
}

std::vector<uint8_t> encode_number(uint64_t v, size_t size, bool big_endian) {
  std::vector<uint8_t> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[big_endian ? size - 1 - i : i] = static_cast<uint8_t>(v >> (8 * i));
  return bytes;
}

// The natural "data" of a value, if it reproduces the bytes exactly.
std::optional<json> natural_data(const Value& value) {
  switch (natural_form(value.type)) {
    case Form::number: {
      const bool big = value.type == ValueType::dword_big_endian;
      const size_t size = value.type == ValueType::qword ? 8 : 4;
      if (value.data.size() != size) return std::nullopt;
      uint64_t v = 0;
      for (size_t i = 0; i < size; ++i) v |= uint64_t{value.data[big ? size - 1 - i : i]} << (8 * i);
      return json(v);
    }
    case Form::text: {
      // Decoded like as_string, but for REG_LINK too.
      Value as_sz = value;
      as_sz.type = ValueType::sz;
      const auto text = as_sz.as_string();
      if (!text || encode_text(*text) != value.data) return std::nullopt;
      return json(*text);
    }
    case Form::strings: {
      const auto strings = value.as_multi_string();
      if (!strings || encode_strings(*strings) != value.data) return std::nullopt;
      return json(*strings);
    }
    case Form::bytes:
      return json(hex_string(value.data));
  }
  return std::nullopt;
}

// Builds the error text "keys[i] \"path\": values[j] \"name\": problem".
class Where {
 public:
  explicit Where(std::string prefix) : prefix_(std::move(prefix)) {}
  Where at(const std::string& more) const { return Where(prefix_ + ": " + more); }
  RegFileError error(const std::string& problem) const { return RegFileError{0, prefix_ + ": " + problem}; }

 private:
  std::string prefix_;
};

std::string json_quoted(const std::string& s) { return "\"" + sanitize_utf8(s) + "\""; }

bool has_nul(const std::string& s) { return s.find('\0') != std::string::npos; }

std::optional<RegFileError> read_number(const json& data, const Where& where, uint64_t max, uint64_t& out) {
  if (data.is_number_unsigned()) {
    out = data.get<uint64_t>();
  } else if (data.is_number_integer() && data.get<int64_t>() >= 0) {
    out = static_cast<uint64_t>(data.get<int64_t>());
  } else {
    return where.error("\"data\" must be a whole number from 0 to " + std::to_string(max));
  }
  if (out > max) return where.error("\"data\" " + std::to_string(out) + " exceeds " + std::to_string(max));
  return std::nullopt;
}

std::optional<RegFileError> read_data(const json& data, ValueType type, const Where& where, std::vector<uint8_t>& out) {
  switch (natural_form(type)) {
    case Form::number: {
      const bool qword = type == ValueType::qword;
      uint64_t v = 0;
      if (auto e = read_number(data, where, qword ? UINT64_MAX : UINT32_MAX, v)) return e;
      out = encode_number(v, qword ? 8 : 4, type == ValueType::dword_big_endian);
      return std::nullopt;
    }
    case Form::text: {
      if (!data.is_string()) return where.error("\"data\" must be a string");
      const auto& text = data.get_ref<const std::string&>();
      if (has_nul(text)) return where.error("\"data\" holds a NUL character (use \"hex\" for such bytes)");
      out = encode_text(text);
      return std::nullopt;
    }
    case Form::strings: {
      if (!data.is_array()) return where.error("\"data\" must be an array of strings");
      std::vector<std::string> strings;
      for (size_t i = 0; i < data.size(); ++i) {
        const auto& s = data[i];
        const std::string field = "\"data\"[" + std::to_string(i) + "]";
        if (!s.is_string()) return where.error(field + " must be a string");
        const auto& text = s.get_ref<const std::string&>();
        if (text.empty()) return where.error(field + " is empty, which would end the list (use \"hex\" for such bytes)");
        if (has_nul(text)) return where.error(field + " holds a NUL character (use \"hex\" for such bytes)");
        strings.push_back(text);
      }
      out = encode_strings(strings);
      return std::nullopt;
    }
    case Form::bytes:
      if (!data.is_string() || !parse_hex_string(data.get_ref<const std::string&>(), out))
        return where.error("\"data\" must be hex bytes such as \"01,00,ff\"");
      return std::nullopt;
  }
  return where.error("unsupported type");
}

std::optional<RegFileError> read_value(const json& item, const Where& parent, size_t index, Key& key) {
  const std::string field = "values[" + std::to_string(index) + "]";
  if (!item.is_object()) return parent.error(field + " must be an object");
  const auto name_it = item.find("name");
  if (name_it == item.end() || !name_it->is_string()) return parent.error(field + ": missing string \"name\"");
  Value value;
  value.name = name_it->get<std::string>();
  const Where where = parent.at(field + " " + json_quoted(value.name));

  const auto type_it = item.find("type");
  if (type_it == item.end()) return where.error("missing \"type\"");
  if (type_it->is_string()) {
    const auto type = value_type_from_name(type_it->get_ref<const std::string&>());
    if (!type) return where.error("unknown \"type\" " + json_quoted(type_it->get<std::string>()));
    value.type = *type;
  } else if (type_it->is_number_unsigned() && type_it->get<uint64_t>() <= UINT32_MAX) {
    value.type = static_cast<ValueType>(type_it->get<uint64_t>());
  } else {
    return where.error("\"type\" must be a name such as \"REG_DWORD\" or a type number");
  }

  const auto data_it = item.find("data");
  const auto hex_it = item.find("hex");
  if ((data_it == item.end()) == (hex_it == item.end())) return where.error("needs exactly one of \"data\" and \"hex\"");
  if (hex_it != item.end()) {
    if (!hex_it->is_string() || !parse_hex_string(hex_it->get_ref<const std::string&>(), value.data))
      return where.error("\"hex\" must be hex bytes such as \"01,00,ff\"");
  } else if (auto e = read_data(*data_it, value.type, where, value.data)) {
    return e;
  }
  if (key.find_value(value.name) != nullptr) return where.error("duplicate value name");
  key.values.push_back(std::move(value));
  return std::nullopt;
}

std::optional<RegFileError> read_keys(const json& snapshot, Registry& staged) {
  const Where top("snapshot");
  if (!snapshot.is_object()) return top.error("must be a JSON object");
  const auto format = snapshot.find("format");
  if (format == snapshot.end() || !format->is_string() || format->get_ref<const std::string&>() != snapshot_format)
    return top.error("\"format\" must be \"" + std::string(snapshot_format) + "\"");
  const auto version = snapshot.find("version");
  if (version == snapshot.end() || !version->is_number_integer() || version->get<int64_t>() != snapshot_version)
    return top.error("\"version\" must be " + std::to_string(snapshot_version));
  const auto keys = snapshot.find("keys");
  if (keys == snapshot.end() || !keys->is_array()) return top.error("\"keys\" must be an array");

  for (size_t i = 0; i < keys->size(); ++i) {
    const auto& item = (*keys)[i];
    const std::string field = "keys[" + std::to_string(i) + "]";
    if (!item.is_object()) return top.error(field + " must be an object");
    const auto path_it = item.find("path");
    if (path_it == item.end() || !path_it->is_string()) return top.error(field + ": missing string \"path\"");
    const auto& path = path_it->get_ref<const std::string&>();
    const Where where(field + " " + json_quoted(path));
    std::string canonical;
    if (auto problem = check_key_path(path, canonical)) return where.error("\"path\": " + *problem);
    if (staged.find_key(canonical) != nullptr) return where.error("duplicate key path");
    Key& key = staged.ensure_key(canonical);
    const auto values = item.find("values");
    if (values == item.end()) continue;
    if (!values->is_array()) return where.error("\"values\" must be an array");
    for (size_t j = 0; j < values->size(); ++j) {
      if (auto e = read_value((*values)[j], where, j, key)) return e;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> value_type_name(ValueType type) {
  for (const auto& [name, t] : type_names) {
    if (t == type) return name;
  }
  return std::nullopt;
}

std::optional<ValueType> value_type_from_name(std::string_view name) {
  for (const auto& [n, t] : type_names) {
    if (n == name) return t;
  }
  return std::nullopt;
}

json to_snapshot(const Registry& registry) {
  json keys = json::array();
  for (const auto& [normalized, key] : registry.keys()) {
    json values = json::array();
    for (const auto& value : key.values) {
      json item = json::object();
      item["name"] = sanitize_utf8(value.name);
      if (const auto name = value_type_name(value.type)) {
        item["type"] = std::string(*name);
      } else {
        item["type"] = static_cast<uint32_t>(value.type);
      }
      if (auto data = natural_data(value)) {
        item["data"] = std::move(*data);
      } else {
        item["hex"] = hex_string(value.data);
      }
      values.push_back(std::move(item));
    }
    keys.push_back(json{{"path", sanitize_utf8(key.path)}, {"values", std::move(values)}});
  }
  return json{{"format", std::string(snapshot_format)}, {"version", snapshot_version}, {"keys", std::move(keys)}};
}

std::optional<RegFileError> from_snapshot(const json& snapshot, Registry& into) {
  Registry staged;
  try {
    if (auto error = read_keys(snapshot, staged)) return error;
  } catch (const std::exception& e) {  // the checks above should leave nothing to throw
    return RegFileError{0, std::string("snapshot: malformed JSON: ") + e.what()};
  }
  for (const auto& [normalized, key] : staged.keys()) {
    into.ensure_key(key.path);
    for (const auto& value : key.values) into.set_value(key.path, value);
  }
  return std::nullopt;
}

}  // namespace tlsready::winreg
