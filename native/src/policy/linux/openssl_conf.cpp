// openssl.cnf parsing after OpenSSL 3's crypto/conf/conf_def.c (syntax), conf_mod.c (module
// loader) and conf_ssl.c (the ssl_conf module), restated from config(5) and those files'
// behaviour; see the header for what is mirrored.
#include "policy/linux/openssl_conf.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "policy/linux/rooted_fs.h"

namespace tlsready::policy::linux {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxIncludeDepth = 16;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
// Characters OpenSSL accepts in a name (CONF_ALNUM_PUNCT).
bool is_name_char(char c, bool dollar_id) {
  if (is_alnum(c)) return true;
  if (dollar_id && c == '$') return true;
  switch (c) {
    case '!': case '%': case '&': case '*': case '+': case ',': case '-': case '.':
    case '/': case ';': case '?': case '@': case '^': case '|': case '~':
      return true;
    default:
      return false;
  }
}

using text::iequals;

// A file name with something before the suffix (".cnf" alone is no config file).
bool ends_with_ci(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text::iends_with(text, suffix);
}

// Drops a '#' comment that is outside quotes and not escaped (conf_def.c clear_comments).
std::string strip_comment(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#') return std::string(line.substr(0, i));
    if (c == '"' || c == '\'') {
      const char quote = c;
      ++i;
      while (i < line.size() && line[i] != quote) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        ++i;
      }
      if (i < line.size()) ++i;
      continue;
    }
    if (c == '\\') {
      i += 2;
      continue;
    }
    ++i;
  }
  return std::string(line);
}

struct Parser {
  Parser(const fs::path& root_dir, const ConfLoadOptions& load_options, ConfDocument& document)
      : root(root_dir), options(load_options), doc(document) {}

  const fs::path& root;
  const ConfLoadOptions& options;
  ConfDocument& doc;
  std::string current_section = "default";
  bool dollar_id = false;
  bool abspath_only = false;
  std::optional<std::string> include_dir;  // .pragma includedir (OpenSSL 3.2+)
  std::vector<std::string> stack;          // files being parsed, for cycle detection

  ConfSection& section_named(const std::string& name) {
    for (auto& section : doc.sections) {
      if (section.name == name) return section;
    }
    doc.sections.push_back(ConfSection{name, {}, {}});
    return doc.sections.back();
  }

  const ConfValue* find_value(const std::string& section, const std::string& name) const {
    const ConfSection* found = doc.section(section);
    return found == nullptr ? nullptr : found->find(name);
  }

  void issue(ConfIssueKind kind, std::string location, std::string message) {
    doc.issues.push_back(ConfIssue{kind, std::move(location), std::move(message)});
  }

  void syntax_error(const std::string& location, std::string message) {
    issue(ConfIssueKind::syntax_error, location, std::move(message));
    doc.loaded = false;
  }

  // Looks a variable up like _CONF_get_string: the named section, then "default". "ENV" is the
  // process environment, which this audit does not read: it falls back to "default" as OpenSSL
  // does when the variable is unset.
  std::optional<std::string> variable(const std::string& section, const std::string& name) const {
    if (section != "ENV") {
      if (const ConfValue* value = find_value(section, name)) return value->value;
    }
    if (const ConfValue* value = find_value("default", name)) return value->value;
    return std::nullopt;
  }

  // Quote, escape and $variable processing of a value (conf_def.c str_copy). Returns nullopt on
  // an undefined variable, which makes OpenSSL reject the file.
  std::optional<std::string> expand(std::string_view from, const std::string& section, const std::string& location) {
    std::string out;
    std::size_t i = 0;
    while (i < from.size()) {
      const char c = from[i];
      if (c == '\'') {
        ++i;
        while (i < from.size() && from[i] != '\'') {
          if (from[i] == '\\') {
            ++i;
            if (i >= from.size()) break;
          }
          out += from[i++];
        }
        if (i < from.size()) ++i;
      } else if (c == '"') {
        ++i;
        while (i < from.size()) {
          if (from[i] == '"') {
            if (i + 1 < from.size() && from[i + 1] == '"') {
              ++i;  // "" inside double quotes is one quote
            } else {
              break;
            }
          }
          out += from[i++];
        }
        if (i < from.size()) ++i;
      } else if (c == '\\') {
        ++i;
        if (i >= from.size()) break;
        const char v = from[i++];
        switch (v) {
          case 'r': out += '\r'; break;
          case 'n': out += '\n'; break;
          case 'b': out += '\b'; break;
          case 't': out += '\t'; break;
          default: out += v; break;
        }
      } else if (c == '$' && (!dollar_id || (i + 1 < from.size() && (from[i + 1] == '{' || from[i + 1] == '(')))) {
        ++i;
        char close = 0;
        if (i < from.size() && from[i] == '{') close = '}';
        if (i < from.size() && from[i] == '(') close = ')';
        if (close != 0) ++i;
        std::size_t start = i;
        while (i < from.size() && is_alnum(from[i])) ++i;
        std::string var_section = section;
        std::string var_name(from.substr(start, i - start));
        if (i + 1 < from.size() && from[i] == ':' && from[i + 1] == ':') {
          var_section = var_name;
          i += 2;
          start = i;
          while (i < from.size() && is_alnum(from[i])) ++i;
          var_name = std::string(from.substr(start, i - start));
        }
        if (close != 0) {
          if (i >= from.size() || from[i] != close) {
            syntax_error(location, "no close brace in variable reference");
            return std::nullopt;
          }
          ++i;
        }
        if (var_name.empty()) {
          out += '$';
          continue;
        }
        auto value = variable(var_section, var_name);
        if (!value) {
          if (var_section == "ENV") {
            issue(ConfIssueKind::note, location,
                  "$ENV::" + var_name + " depends on the environment of the process; this audit expanded it to empty");
            continue;
          }
          syntax_error(location, "variable " + (var_section == section ? var_name : var_section + "::" + var_name) +
                                     " has no value (OpenSSL refuses to load the file)");
          return std::nullopt;
        }
        out += *value;
      } else {
        out += c;
        ++i;
      }
    }
    return out;
  }

  void assign(const std::string& section_name, ConfValue value) {
    ConfSection& section = section_named(section_name);
    auto existing = std::find_if(section.values.begin(), section.values.end(),
                                 [&](const ConfValue& v) { return v.name == value.name; });
    if (existing != section.values.end()) {
      section.overridden.push_back(*existing);
      section.values.erase(existing);
    }
    section.values.push_back(std::move(value));
  }

  void pragma(std::string_view text, const std::string& location) {
    const std::string body = text::trim(text);
    const std::size_t colon = body.find(':');
    if (colon == std::string::npos) return;
    const std::string name = text::trim(std::string_view(body).substr(0, colon));
    const std::string value = text::trim(std::string_view(body).substr(colon + 1));
    const bool on = value == "on" || value == "true";
    if (name == "dollarid") dollar_id = on;
    else if (name == "abspath") abspath_only = on;
    else if (name == "includedir") include_dir = value;
    else issue(ConfIssueKind::note, location, "unknown .pragma " + name + " ignored");
  }

  void include(const std::string& written, const std::string& including_file, const std::string& location, int depth,
               bool inside_directory_include) {
    doc.include_paths_as_written.push_back(written);
    std::string target = written;
    const bool relative = target.empty() || target.front() != '/';
    if (relative) {
      if (abspath_only) {
        issue(ConfIssueKind::include_refused, location,
              ".include '" + written + "' is relative but .pragma abspath is on: OpenSSL ignores it");
        return;
      }
      if (include_dir) {
        target = display_join(*include_dir, target);
      } else if (options.include_prefix) {
        target = display_join(*options.include_prefix, target);
      } else {
        issue(ConfIssueKind::note, location,
              ".include '" + written + "' is relative: OpenSSL resolves it against the working directory of each "
              "application; this audit used the directory of " + including_file);
      }
    }
    auto resolved = resolve_in_root(root, target, display_parent(including_file));
    if (auto* error = std::get_if<RootedError>(&resolved)) {
      issue(ConfIssueKind::include_refused, location, ".include '" + written + "' refused: " + error->message);
      return;
    }
    const RootedPath& path = std::get<RootedPath>(resolved);
    if (!rooted_exists(path)) {
      issue(ConfIssueKind::include_missing, location,
            ".include '" + written + "': " + path.display + " does not exist (OpenSSL skips it)");
      return;
    }
    if (depth >= kMaxIncludeDepth) {
      issue(ConfIssueKind::include_refused, location, ".include '" + written + "' nests deeper than " +
                                                          std::to_string(kMaxIncludeDepth) + " levels; not read");
      return;
    }
    if (rooted_is_directory(path)) {
      if (inside_directory_include) {
        issue(ConfIssueKind::include_unsupported, location,
              ".include of directory " + path.display + " from a file in an included directory: OpenSSL does not "
              "support it");
        return;
      }
      // OpenSSL reads the directory in readdir order; this audit sorts by name for a stable result.
      for (const std::string& name : list_rooted_directory(path)) {
        if (!ends_with_ci(name, ".cnf") && !ends_with_ci(name, ".conf")) continue;
        auto entry = resolve_in_root(root, display_join(path.display, name));
        if (auto* error = std::get_if<RootedError>(&entry)) {
          issue(ConfIssueKind::include_refused, location, "included " + display_join(path.display, name) +
                                                              " refused: " + error->message);
          continue;
        }
        const RootedPath& file = std::get<RootedPath>(entry);
        if (rooted_is_directory(file)) continue;
        parse_file(file, location, depth + 1, true);
      }
      return;
    }
    parse_file(path, location, depth + 1, inside_directory_include);
  }

  void parse_file(const RootedPath& file, const std::string& included_from, int depth, bool inside_directory_include) {
    if (std::find(stack.begin(), stack.end(), file.display) != stack.end()) {
      issue(ConfIssueKind::include_refused, included_from, "include cycle through " + file.display + "; not read again");
      return;
    }
    std::string error;
    auto text = read_rooted_file(file, &error);
    if (!text) {
      issue(ConfIssueKind::include_missing, included_from, error);
      return;
    }
    doc.files_read.push_back(file.display);
    stack.push_back(file.display);
    parse_text(*text, file.display, depth, inside_directory_include);
    stack.pop_back();
  }

  void parse_text(std::string_view text, const std::string& file, int depth, bool inside_directory_include) {
    int line_number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      // One logical line: a physical line ending in a single backslash continues on the next.
      std::string logical;
      const int first_line = line_number + 1;
      for (;;) {
        const std::size_t newline = text.find('\n', pos);
        std::string_view physical = text.substr(pos, newline == std::string_view::npos ? std::string_view::npos
                                                                                       : newline - pos);
        pos = newline == std::string_view::npos ? text.size() : newline + 1;
        ++line_number;
        if (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
        const bool continues = !physical.empty() && physical.back() == '\\' &&
                               (physical.size() < 2 || physical[physical.size() - 2] != '\\');
        if (continues) {
          logical.append(physical.substr(0, physical.size() - 1));
          if (pos < text.size()) continue;
        } else {
          logical.append(physical);
        }
        break;
      }
      // After a syntax error OpenSSL keeps nothing of the file; parsing goes on for the report,
      // but the document stays "not loaded".
      handle_line(logical, file, first_line, depth, inside_directory_include);
    }
  }

  void handle_line(const std::string& raw, const std::string& file, int line_no, int depth,
                   bool inside_directory_include) {
    const std::string location = file + ":" + std::to_string(line_no);
    const std::string line = strip_comment(raw);
    std::size_t i = 0;
    while (i < line.size() && is_ws(line[i])) ++i;
    if (i >= line.size()) return;

    if (line[i] == '[') {
      const std::size_t close = line.find(']', i + 1);
      if (close == std::string::npos) {
        syntax_error(location, "missing close square bracket in section header");
        return;
      }
      std::string name = text::trim(std::string_view(line).substr(i + 1, close - i - 1));
      auto expanded = expand(name, current_section, location);
      if (!expanded) return;
      current_section = *expanded;
      section_named(current_section);
      return;
    }

    std::size_t name_begin = i;
    while (i < line.size() && is_name_char(line[i], dollar_id)) ++i;
    std::string target_section = current_section;
    std::string name = line.substr(name_begin, i - name_begin);
    if (i + 1 < line.size() && line[i] == ':' && line[i + 1] == ':') {
      target_section = name;
      i += 2;
      name_begin = i;
      while (i < line.size() && is_name_char(line[i], dollar_id)) ++i;
      name = line.substr(name_begin, i - name_begin);
    }
    std::size_t after = i;
    while (after < line.size() && is_ws(line[after])) ++after;
    const bool directive_form = after != i || (after < line.size() && line[after] == '=');

    if (name == ".pragma" && directive_form) {
      std::size_t p = after;
      if (p < line.size() && line[p] == '=') ++p;
      pragma(std::string_view(line).substr(p), location);
      return;
    }
    if (name == ".include" && directive_form) {
      std::size_t p = after;
      if (p < line.size() && line[p] == '=') ++p;
      const std::string argument = text::trim(std::string_view(line).substr(p));
      auto expanded = expand(argument, current_section, location);
      if (!expanded) return;
      include(*expanded, file, location, depth, inside_directory_include);
      return;
    }
    if (name.empty() || after >= line.size() || line[after] != '=') {
      syntax_error(location, "missing equal sign (OpenSSL refuses to load the file): '" + text::trim(raw) + "'");
      return;
    }
    const std::string raw_value = text::trim(std::string_view(line).substr(after + 1));
    auto value = expand(raw_value, target_section, location);
    if (!value) return;
    assign(target_section, ConfValue{name, *value, file, line_no});
  }
};

bool is_dtls_version(std::string_view value) { return value.size() >= 4 && iequals(value.substr(0, 4), "DTLS"); }

}  // namespace

const ConfValue* ConfSection::find(std::string_view value_name) const {
  for (const auto& value : values) {
    if (value.name == value_name) return &value;
  }
  return nullptr;
}

const ConfSection* ConfDocument::section(std::string_view name) const {
  for (const auto& s : sections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

ConfDocument load_openssl_conf(const fs::path& root, std::string_view path, const ConfLoadOptions& options) {
  ConfDocument doc;
  doc.main_file = std::string(path);
  doc.sections.push_back(ConfSection{"default", {}, {}});
  auto resolved = resolve_in_root(root, path);
  if (auto* error = std::get_if<RootedError>(&resolved)) {
    doc.issues.push_back(ConfIssue{ConfIssueKind::include_refused, std::string(path), error->message});
    doc.unreadable = UnreadableFile{std::string(path), error->message};
    return doc;
  }
  const RootedPath& file = std::get<RootedPath>(resolved);
  RootedRead read = read_in_root(root, path);
  auto& text = read.text;
  if (!text) {
    doc.issues.push_back(ConfIssue{ConfIssueKind::include_missing, std::string(path), read.error});
    if (read.unreadable()) doc.unreadable = read.as_unreadable(std::string(path));
    return doc;
  }
  doc.found = true;
  doc.loaded = true;
  doc.files_read.push_back(file.display);
  Parser parser{root, options, doc};
  parser.stack.push_back(file.display);
  parser.parse_text(*text, file.display, 0, false);
  return doc;
}

ConfDocument parse_openssl_conf_text(std::string_view text, std::string_view display_name, const fs::path& root,
                                     const ConfLoadOptions& options) {
  ConfDocument doc;
  doc.main_file = std::string(display_name);
  doc.found = true;
  doc.loaded = true;
  doc.sections.push_back(ConfSection{"default", {}, {}});
  Parser parser{root, options, doc};
  parser.stack.push_back(std::string(display_name));
  parser.parse_text(text, std::string(display_name), 0, false);
  return doc;
}

const SslConfCommand* SystemDefaultChain::last(std::string_view command, bool tls_only) const {
  const bool protocol_bound = iequals(command, "MinProtocol") || iequals(command, "MaxProtocol");
  for (auto it = commands.rbegin(); it != commands.rend(); ++it) {
    if (!iequals(it->command, command)) continue;
    if (tls_only && protocol_bound && is_dtls_version(it->value)) continue;
    return &*it;
  }
  return nullptr;
}

SystemDefaultChain find_system_default(const ConfDocument& document, std::string_view appname) {
  SystemDefaultChain chain;
  auto stop = [&](std::string why) {
    chain.broken = std::move(why);
    chain.commands.clear();
    return chain;
  };
  if (!document.found) return stop("no configuration file was read");
  const std::string file = document.files_read.empty() ? document.main_file : document.files_read.front();
  if (!document.loaded) return stop("OpenSSL refuses to load " + file + " (syntax error): no system_default applies");

  const ConfSection* defaults = document.section("default");
  const ConfValue* conf = defaults == nullptr ? nullptr : defaults->find(std::string(appname));
  if (conf == nullptr) {
    return stop("no '" + std::string(appname) + " = ...' line in the default section of " + file +
                ": OpenSSL loads no library configuration from it");
  }
  chain.steps.push_back(std::string(appname) + " = " + conf->value + " (" + conf->location() + ")");
  chain.init_section = conf->value;
  const ConfSection* init = document.section(conf->value);
  if (init == nullptr) return stop("section [" + conf->value + "] named by " + conf->location() + " does not exist");

  const ConfValue* ssl_conf = nullptr;
  for (const auto& module : init->values) {
    // conf_mod.c: a module name ends at its last '.', so "ssl_conf.2" is ssl_conf too.
    const std::size_t dot = module.name.rfind('.');
    const std::string module_name = dot == std::string::npos ? module.name : module.name.substr(0, dot);
    if (module_name == "ssl_conf") {
      if (ssl_conf == nullptr) ssl_conf = &module;
    } else {
      chain.other_modules.push_back(module.name + " = " + module.value + " (" + module.location() + ")");
    }
  }
  if (ssl_conf == nullptr) {
    return stop("[" + conf->value + "] has no ssl_conf line: no system_default applies (library defaults)");
  }
  chain.steps.push_back("ssl_conf = " + ssl_conf->value + " (" + ssl_conf->location() + ")");
  chain.ssl_section = ssl_conf->value;
  const ConfSection* ssl = document.section(ssl_conf->value);
  if (ssl == nullptr || ssl->values.empty()) {
    return stop("ssl_conf section [" + ssl_conf->value + "] " + (ssl == nullptr ? "does not exist" : "is empty") +
                ": libssl drops the ssl_conf module");
  }
  const ConfValue* system_default = nullptr;
  for (const auto& entry : ssl->values) {
    const ConfSection* commands = document.section(entry.value);
    if (commands == nullptr || commands->values.empty()) {
      return stop("[" + ssl_conf->value + "] " + entry.name + " = " + entry.value + " (" + entry.location() +
                  ") names a section that " + (commands == nullptr ? "does not exist" : "is empty") +
                  ": libssl drops the whole ssl_conf module, system_default included");
    }
    if (entry.name == "system_default") system_default = &entry;
  }
  if (system_default == nullptr) {
    return stop("[" + ssl_conf->value + "] has no system_default line: SSL contexts start from library defaults");
  }
  chain.steps.push_back("system_default = " + system_default->value + " (" + system_default->location() + ")");
  chain.system_default_section = system_default->value;
  for (const auto& value : document.section(system_default->value)->values) {
    const std::size_t dot = value.name.find('.');
    chain.commands.push_back(SslConfCommand{dot == std::string::npos ? value.name : value.name.substr(dot + 1),
                                            value.name, value.value, value.location()});
  }
  return chain;
}

std::vector<SslConfCommand> OpenSslConfReport::key_settings() const {
  std::vector<SslConfCommand> settings;
  if (!system_default.applies()) return settings;
  for (const char* name : {"MinProtocol", "MaxProtocol", "Protocol", "CipherString", "Ciphersuites", "Options", "Groups",
                           "Curves", "SignatureAlgorithms"}) {
    if (const SslConfCommand* command = system_default.last(name)) settings.push_back(*command);
  }
  return settings;
}

std::vector<std::string> default_openssl_conf_candidates() {
  return {"/usr/lib/ssl/openssl.cnf", "/etc/pki/tls/openssl.cnf", "/etc/ssl/openssl.cnf",
          "/usr/local/ssl/openssl.cnf"};
}

OpenSslConfReport audit_openssl_conf(const fs::path& root, const OpenSslConfOptions& options) {
  OpenSslConfReport report;
  ConfLoadOptions load;
  load.include_prefix = options.openssl_conf_include;
  if (options.openssl_conf) {
    report.path = *options.openssl_conf;
    report.chosen_because = "OPENSSL_CONF names it";
  } else {
    const auto candidates = options.candidates.empty() ? default_openssl_conf_candidates() : options.candidates;
    std::string tried;
    for (const auto& candidate : candidates) {
      if (!tried.empty()) tried += ", ";
      tried += candidate;
      // A candidate that exists but cannot be read (a directory, a symlink loop) is still the
      // one OpenSSL would try: chosen, so that it is reported unreadable rather than skipped.
      if (!read_in_root(root, candidate).absent) {
        report.path = candidate;
        report.chosen_because = "first existing of " + tried + " (OPENSSL_CONF not set)";
        break;
      }
    }
    if (report.path.empty()) {
      report.chosen_because = "none of " + tried + " exists: OpenSSL runs on its built-in defaults";
      report.document.main_file = "";
      report.system_default.broken = report.chosen_because;
      return report;
    }
  }
  report.document = load_openssl_conf(root, report.path, load);
  report.system_default = find_system_default(report.document);
  return report;
}

}  // namespace tlsready::policy::linux
