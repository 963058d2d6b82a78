// Reads openssl.cnf the way OpenSSL 3's CONF library does (config(5)): sections, name = value,
// quotes and backslash escapes, continuation lines, $var expansion, .include of files and
// directories (*.cnf, *.conf), duplicate names (the last wins). Then follows the library-init
// chain openssl_conf -> [init] ssl_conf -> [ssl section] system_default -> [commands] and reports
// the SSL_CONF commands every SSL_CTX of a process loading this file starts with, each with its
// file:line. Every path is read inside an audited root (rooted_fs.h); an .include leaving the
// root is refused and reported. Untrusted input: problems are reported, never thrown.
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/linux/rooted_fs.h"

namespace tlsready::policy::linux {

struct ConfValue {
  std::string name;   // as written, e.g. "TLS.MinProtocol"
  std::string value;  // after quotes, escapes and $var expansion
  std::string file;   // display path of the file it came from
  int line = 0;       // 1-based; first line of a continued value
  std::string location() const { return file + ":" + std::to_string(line); }
};

struct ConfSection {
  std::string name;
  std::vector<ConfValue> values;      // effective values, in OpenSSL's order (a redefinition moves to the end)
  std::vector<ConfValue> overridden;  // earlier definitions a later one replaced
  const ConfValue* find(std::string_view value_name) const;  // exact, like OpenSSL
};

enum class ConfIssueKind {
  syntax_error,          // OpenSSL refuses the whole file (no module, no system_default applies)
  include_missing,       // the .include target does not exist (OpenSSL goes on without it)
  include_refused,       // the target leaves the audited root, is a cycle or nests too deep: not read
  include_unsupported,   // a directory inside an included directory (OpenSSL does not support it)
  note,                  // worth knowing, not an error (relative include base, unexpanded $ENV, ...)
};

struct ConfIssue {
  ConfIssueKind kind = ConfIssueKind::note;
  std::string location;  // "file:line" or a file
  std::string message;
};

struct ConfDocument {
  std::string main_file;                // display path of the file asked for
  bool found = false;                   // the main file exists and was read
  bool loaded = false;                  // OpenSSL would load it (found, and no syntax error)
  std::vector<ConfSection> sections;    // "default" first, then in order of first appearance
  std::vector<std::string> files_read;  // display paths, resolved; the main file first
  std::vector<std::string> include_paths_as_written;  // each .include argument, after expansion
  std::vector<ConfIssue> issues;
  std::optional<UnreadableFile> unreadable;  // the main file exists but cannot be read

  const ConfSection* section(std::string_view name) const;
};

struct ConfLoadOptions {
  // OPENSSL_CONF_INCLUDE as the process would see it: prepended to relative .include paths.
  std::optional<std::string> include_prefix;
};

// Parses `path` (a display path inside `root`) and everything it includes.
ConfDocument load_openssl_conf(const std::filesystem::path& root, std::string_view path,
                               const ConfLoadOptions& options = {});

// Parses text that has no file behind it (tests, stdin); an .include in it is resolved inside
// `root` relative to `display_name`'s directory.
ConfDocument parse_openssl_conf_text(std::string_view text, std::string_view display_name,
                                     const std::filesystem::path& root, const ConfLoadOptions& options = {});

// One SSL_CONF command of the system_default section, as libssl will receive it.
struct SslConfCommand {
  std::string command;       // after OpenSSL drops everything up to the first '.': "MinProtocol"
  std::string written_name;  // "TLS.MinProtocol"
  std::string value;
  std::string location;      // "file:line"
};

struct SystemDefaultChain {
  std::vector<std::string> steps;  // "openssl_conf = openssl_init (/etc/ssl/openssl.cnf:17)", ...
  std::optional<std::string> init_section;
  std::optional<std::string> ssl_section;
  std::optional<std::string> system_default_section;
  std::optional<std::string> broken;  // why no system_default applies, when none does
  std::vector<SslConfCommand> commands;  // in the order libssl applies them
  std::vector<std::string> other_modules;  // init-section modules this audit does not evaluate ("providers = provider_sect")

  bool applies() const { return !broken.has_value(); }
  // The last command named `command` (case-insensitive, as SSL_CONF_cmd matches in files). For
  // MinProtocol/MaxProtocol, `tls_only` skips DTLS values ("DTLS.MinProtocol = DTLSv1.2"), which
  // libssl rejects on a TLS context.
  const SslConfCommand* last(std::string_view command, bool tls_only = true) const;
};

// Follows openssl_conf -> ssl_conf -> system_default in `document`, mirroring libcrypto's module
// loader and conf_ssl.c: any missing or empty command section named in the ssl_conf section makes
// libssl drop the whole ssl_conf module, system_default included.
SystemDefaultChain find_system_default(const ConfDocument& document, std::string_view appname = "openssl_conf");

struct OpenSslConfOptions {
  // OPENSSL_CONF as the front read it from the environment of the process to audit: the file to
  // use instead of the default one (a path inside the root).
  std::optional<std::string> openssl_conf;
  std::optional<std::string> openssl_conf_include;  // OPENSSL_CONF_INCLUDE
  // Where to look when OPENSSL_CONF is not set, first existing wins. Empty: the usual places
  // (default_openssl_conf_candidates()).
  std::vector<std::string> candidates;
};

// OPENSSLDIR/openssl.cnf of the common builds: Debian/Ubuntu (/usr/lib/ssl, a link to
// /etc/ssl/openssl.cnf), RHEL/Fedora (/etc/pki/tls), SUSE/Arch/Alpine (/etc/ssl), upstream
// default (/usr/local/ssl).
std::vector<std::string> default_openssl_conf_candidates();

struct OpenSslConfReport {
  std::string path;          // display path used ("" if none found)
  std::string chosen_because;
  ConfDocument document;
  SystemDefaultChain system_default;

  // The TLS-relevant system_default commands in force (the last of each name, TLS values for the
  // protocol bounds), in this order when present: MinProtocol, MaxProtocol, Protocol, CipherString,
  // Ciphersuites, Options, Groups, Curves, SignatureAlgorithms. Empty when no system_default applies.
  std::vector<SslConfCommand> key_settings() const;
};

OpenSslConfReport audit_openssl_conf(const std::filesystem::path& root, const OpenSslConfOptions& options);

}  // namespace tlsready::policy::linux
