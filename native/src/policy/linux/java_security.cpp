// JDK discovery and java.security reading, inside an audited root.
#include "policy/linux/java_security.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/hex.h"
#include "common/text.h"
#include "policy/linux/rooted_fs.h"

namespace tlsready::policy::linux {

namespace {

constexpr int kMaxIncludeDepth = 8;
constexpr const char* kSystemPropertiesFile = "/etc/crypto-policies/back-ends/java.config";
const char* const kJvmDirectories[] = {"/usr/lib/jvm", "/usr/java", "/opt/java"};
const char* const kSecurityFiles[] = {"conf/security/java.security", "jre/lib/security/java.security",
                                      "lib/security/java.security"};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

using text::iequals;

void append_utf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// java.util.Properties escapes: \t \n \r \f, \uXXXX, and \x -> x.
std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 >= text.size()) {
      out += text[i];
      continue;
    }
    const char c = text[++i];
    switch (c) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        unsigned code = 0;
        std::size_t digits = 0;
        while (digits < 4 && i + 1 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0) {
          const char h = text[++i];
          code = code * 16 + static_cast<unsigned>(hex::digit_value(h));
          ++digits;
        }
        append_utf8(out, code);
        break;
      }
      default: out += c; break;
    }
  }
  return out;
}

// Physical lines of `text`, split at \n, \r\n or \r.
std::vector<std::string_view> physical_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool ends_with_odd_backslashes(std::string_view line) {
  std::size_t count = 0;
  for (std::size_t i = line.size(); i > 0 && line[i - 1] == '\\'; --i) ++count;
  return count % 2 == 1;
}

struct Reader {
  const std::filesystem::path& root;
  JavaInstallation& install;

  void read_file(const std::string& path, const std::string& base_dir, const std::string& from, int depth) {
    auto resolved = resolve_in_root(root, path, base_dir);
    if (auto* error = std::get_if<RootedError>(&resolved)) {
      install.issues.push_back((from.empty() ? "" : from + ": ") + "include '" + path + "' refused: " + error->message);
      return;
    }
    const RootedPath& file = std::get<RootedPath>(resolved);
    if (std::find(install.files_read.begin(), install.files_read.end(), file.display) != install.files_read.end()) {
      install.issues.push_back(from + ": include cycle through " + file.display + "; not read again");
      return;
    }
    std::string error;
    auto text = read_rooted_file(file, &error);
    if (!text) {
      if (from.empty()) install.unreadable = UnreadableFile{path, error};
      install.issues.push_back((from.empty() ? "" : from + ": ") + error +
                               (from.empty() ? "" : " (a JDK that supports include refuses to start)"));
      return;
    }
    install.files_read.push_back(file.display);
    for (auto& property : parse_java_properties(*text, file.display)) {
      if (property.key == "include") {
        if (depth >= kMaxIncludeDepth) {
          install.issues.push_back(property.location() + ": include nests too deep; not read");
          continue;
        }
        read_file(property.value, display_parent(file.display), property.location(), depth + 1);
        continue;
      }
      install.properties[property.key] = std::move(property);
    }
  }
};

void derive_tls(JavaInstallation& install) {
  const JavaProperty* disabled = install.property("jdk.tls.disabledAlgorithms");
  if (disabled == nullptr) return;
  install.tls_disabled = split_algorithm_list(disabled->value);
  for (const auto& entry : install.tls_disabled) {
    if (iequals(entry, "SSLv3")) install.sslv3_disabled = true;
    if (iequals(entry, "TLSv1")) install.tls10_disabled = true;
    if (iequals(entry, "TLSv1.1")) install.tls11_disabled = true;
    if (iequals(entry, "TLSv1.2")) install.tls12_disabled = true;
    if (iequals(entry, "TLSv1.3")) install.tls13_disabled = true;
  }
}

// The release file: KEY="value" lines.
std::optional<std::string> release_value(std::string_view text, std::string_view key) {
  for (auto line : physical_lines(text)) {
    const std::string trimmed = text::trim(line);
    if (trimmed.size() <= key.size() || trimmed.compare(0, key.size(), key) != 0 || trimmed[key.size()] != '=') continue;
    std::string value = trimmed.substr(key.size() + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

// "java-1.8.0-openjdk-amd64" -> 8, "java-17-openjdk" -> 17, "jdk-21.0.2" -> 21 (feature only).
std::optional<JavaVersion> version_from_name(std::string_view name) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(name[i])) == 0) continue;
    if (i > 0 && name[i - 1] != '-') continue;
    std::size_t end = i;
    while (end < name.size() && (std::isdigit(static_cast<unsigned char>(name[end])) != 0 || name[end] == '.')) ++end;
    auto version = parse_java_version(name.substr(i, end - i));
    if (version && version->feature >= 5) {
      version->update = -1;
      version->text = std::string(name);
      return version;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<JavaProperty> parse_java_properties(std::string_view text, std::string_view display_name) {
  std::vector<JavaProperty> properties;
  const auto lines = physical_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::size_t start = 0;
    while (start < line.size() && is_blank(line[start])) ++start;
    if (start >= line.size() || line[start] == '#' || line[start] == '!') continue;
    const int first_line = static_cast<int>(i) + 1;
    std::string logical(line.substr(start));
    while (ends_with_odd_backslashes(logical) && i + 1 < lines.size()) {
      logical.pop_back();
      std::string_view next = lines[++i];
      std::size_t skip = 0;
      while (skip < next.size() && is_blank(next[skip])) ++skip;
      logical.append(next.substr(skip));
    }
    if (ends_with_odd_backslashes(logical)) logical.pop_back();
    // Key: up to the first unescaped '=', ':' or blank.
    std::size_t k = 0;
    bool separator_seen = false;
    while (k < logical.size()) {
      const char c = logical[k];
      if (c == '\\') {
        k += 2;
        continue;
      }
      if (c == '=' || c == ':') {
        separator_seen = true;
        break;
      }
      if (is_blank(c)) break;
      ++k;
    }
    const std::string key = unescape(std::string_view(logical).substr(0, std::min(k, logical.size())));
    std::size_t v = std::min(k, logical.size());
    if (separator_seen) {
      ++v;
    } else {
      while (v < logical.size() && is_blank(logical[v])) ++v;
      if (v < logical.size() && (logical[v] == '=' || logical[v] == ':')) ++v;
    }
    while (v < logical.size() && is_blank(logical[v])) ++v;
    properties.push_back(
        JavaProperty{key, unescape(std::string_view(logical).substr(v)), std::string(display_name), first_line});
  }
  return properties;
}

std::vector<std::string> split_algorithm_list(std::string_view value) {
  std::vector<std::string> entries;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = value.find(',', start);
    std::string entry = text::trim(value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!entry.empty()) entries.push_back(std::move(entry));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return entries;
}

std::optional<JavaVersion> parse_java_version(std::string_view text) {
  const std::string version = text::trim(text);
  if (version.empty() || std::isdigit(static_cast<unsigned char>(version.front())) == 0) return std::nullopt;
  std::vector<int> numbers;
  std::size_t i = 0;
  while (i < version.size() && numbers.size() < 4) {
    if (std::isdigit(static_cast<unsigned char>(version[i])) == 0) break;
    int number = 0;
    while (i < version.size() && std::isdigit(static_cast<unsigned char>(version[i])) != 0) {
      number = number * 10 + (version[i] - '0');
      if (number > 100000) return std::nullopt;
      ++i;
    }
    numbers.push_back(number);
    if (i < version.size() && (version[i] == '.' || version[i] == '_')) ++i;
  }
  JavaVersion result;
  result.text = version;
  if (numbers.size() >= 2 && numbers[0] == 1) {  // "1.8.0_392": legacy numbering
    result.feature = numbers[1];
    result.update = numbers.size() >= 4 ? numbers[3] : 0;
  } else {
    result.feature = numbers[0];
    result.update = numbers.size() >= 3 ? numbers[2] : 0;
  }
  return result;
}

std::optional<bool> release_disables_tls10(const JavaVersion& version) {
  if (version.feature >= 16) return true;
  if (version.feature >= 12 || version.feature == 9 || version.feature == 10) return false;
  const int first_update = version.feature == 11 ? 11 : version.feature == 8 ? 291 : version.feature == 7 ? 301 : -1;
  if (first_update < 0) return false;
  if (version.update < 0) return std::nullopt;
  return version.update >= first_update;
}

const JavaProperty* JavaInstallation::property(const std::string& key) const {
  auto it = properties.find(key);
  return it == properties.end() ? nullptr : &it->second;
}

std::optional<JavaInstallation> inspect_java_home(const std::filesystem::path& root, std::string_view home) {
  auto resolved_home = resolve_in_root(root, home);
  if (!std::holds_alternative<RootedPath>(resolved_home)) return std::nullopt;
  const RootedPath& home_path = std::get<RootedPath>(resolved_home);
  if (!rooted_is_directory(home_path)) return std::nullopt;

  JavaInstallation install;
  install.home = home_path.display;
  for (const char* candidate : kSecurityFiles) {
    const std::string file = display_join(home_path.display, candidate);
    auto resolved = resolve_in_root(root, file);
    if (auto* error = std::get_if<RootedError>(&resolved)) {
      install.security_file = file;
      install.issues.push_back(file + ": " + error->message);
      install.unreadable = UnreadableFile{file, error->message};
      return install;
    }
    if (rooted_exists(std::get<RootedPath>(resolved))) {
      install.security_file = file;
      install.security_file_resolved = std::get<RootedPath>(resolved).display;
      break;
    }
  }
  if (install.security_file.empty()) return std::nullopt;

  std::string error;
  auto release_file = resolve_in_root(root, display_join(home_path.display, "release"));
  if (auto* path = std::get_if<RootedPath>(&release_file)) {
    if (auto text = read_rooted_file(*path, &error)) {
      if (auto value = release_value(*text, "JAVA_VERSION")) install.version = parse_java_version(*value);
      if (auto value = release_value(*text, "IMPLEMENTOR")) install.implementor = *value;
    }
  }
  if (!install.version) {
    const std::size_t slash = home_path.display.rfind('/');
    install.version = version_from_name(std::string_view(home_path.display).substr(slash + 1));
  }
  if (install.version) install.release_default_disables_tls10 = release_disables_tls10(*install.version);

  Reader reader{root, install};
  reader.read_file(install.security_file, "/", "", 0);
  if (const JavaProperty* use = install.property("security.useSystemPropertiesFile"); use != nullptr && use->value == "true") {
    auto system_file = resolve_in_root(root, kSystemPropertiesFile);
    if (auto* path = std::get_if<RootedPath>(&system_file); path != nullptr && rooted_exists(*path)) {
      install.uses_system_properties_file = true;
      install.system_properties_file = kSystemPropertiesFile;
      reader.read_file(kSystemPropertiesFile, "/", use->location(), 0);
    } else {
      install.issues.push_back(use->location() + ": security.useSystemPropertiesFile=true but " +
                               std::string(kSystemPropertiesFile) + " does not exist");
    }
  }
  if (const JavaProperty* over = install.property("security.overridePropertiesFile")) {
    install.override_allowed = over->value == "true";
  }
  derive_tls(install);
  return install;
}

std::vector<JavaInstallation> find_java_installations(const std::filesystem::path& root,
                                                      const std::vector<std::string>& extra_homes) {
  std::vector<JavaInstallation> found;
  auto consider = [&](const std::string& home, const std::string& name) {
    auto resolved = resolve_in_root(root, home);
    if (!std::holds_alternative<RootedPath>(resolved)) return;
    const std::string real = std::get<RootedPath>(resolved).display;
    for (auto& existing : found) {
      if (existing.home == real) {
        existing.names.push_back(name);
        return;
      }
    }
    if (auto install = inspect_java_home(root, home)) {
      install->names.push_back(name);
      found.push_back(std::move(*install));
    }
  };
  for (const char* directory : kJvmDirectories) {
    auto resolved = resolve_in_root(root, directory);
    if (!std::holds_alternative<RootedPath>(resolved)) continue;
    for (const auto& name : list_rooted_directory(std::get<RootedPath>(resolved))) {
      if (name.empty() || name.front() == '.') continue;
      consider(display_join(directory, name), name);
    }
  }
  for (const auto& home : extra_homes) consider(home, home);
  std::sort(found.begin(), found.end(),
            [](const JavaInstallation& a, const JavaInstallation& b) { return a.home < b.home; });
  return found;
}

}  // namespace tlsready::policy::linux
