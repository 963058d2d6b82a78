// openssl.cnf parsing and the openssl_conf -> ssl_conf -> system_default chain.
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include "policy/linux/openssl_conf.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy::linux;
using tlsready::policy::linux::testing::fixture_root;
using tlsready::policy::linux::testing::ScratchRoot;

ConfDocument parse(const std::string& text) { return parse_openssl_conf_text(text, "/etc/ssl/openssl.cnf", "/nonexistent-root"); }

std::string value_of(const ConfDocument& doc, const std::string& section, const std::string& name) {
  const ConfSection* s = doc.section(section);
  REQUIRE(s != nullptr);
  const ConfValue* v = s->find(name);
  REQUIRE(v != nullptr);
  return v->value;
}

bool has_issue(const ConfDocument& doc, ConfIssueKind kind, const std::string& text) {
  return std::any_of(doc.issues.begin(), doc.issues.end(), [&](const ConfIssue& i) {
    return i.kind == kind && (i.message.find(text) != std::string::npos || i.location.find(text) != std::string::npos);
  });
}

const char* const kChain = R"(openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
)";

}  // namespace

TEST_CASE("openssl.cnf syntax: sections, comments, quotes, escapes, continuations", "[policy_linux][openssl_conf]") {
  const auto doc = parse(
      "HOME = .\n"
      "top = value # a comment\n"
      "[ sect ]\n"
      "quoted = \" spaced \"  # kept spaces\n"
      "single = 'a\\'b'\n"
      "doubled = \"say \"\"hi\"\"\"\n"
      "escaped = a\\#b\\n\n"
      "continued = one \\\n"
      "  two\n"
      "1.name = first\n"
      "2.name = second\n"
      "dup = old\n"
      "dup = new\n");
  CHECK(doc.loaded);
  CHECK(value_of(doc, "default", "top") == "value");
  CHECK(value_of(doc, "sect", "quoted") == " spaced ");
  CHECK(value_of(doc, "sect", "single") == "a'b");
  CHECK(value_of(doc, "sect", "doubled") == "say \"hi\"");
  CHECK(value_of(doc, "sect", "escaped") == "a#b\n");
  CHECK(value_of(doc, "sect", "continued") == "one   two");
  CHECK(value_of(doc, "sect", "1.name") == "first");
  const ConfSection* sect = doc.section("sect");
  REQUIRE(sect != nullptr);
  CHECK(value_of(doc, "sect", "dup") == "new");
  REQUIRE(sect->overridden.size() == 1);
  CHECK(sect->overridden[0].value == "old");
  CHECK(sect->overridden[0].line == 12);
  CHECK(sect->values.back().name == "dup");  // a redefinition moves to the end, as in OpenSSL
  const ConfValue* cont = sect->find("continued");
  REQUIRE(cont != nullptr);
  CHECK(cont->location() == "/etc/ssl/openssl.cnf:8");
}

TEST_CASE("openssl.cnf $variables expand like OpenSSL's, undefined ones make the file fail", "[policy_linux][openssl_conf]") {
  const auto doc = parse(
      "base = /srv\n"
      "[ca]\n"
      "dir = ./demoCA\n"
      "certs = $dir/certs\n"
      "braced = ${dir}/x\n"
      "other = $ca::dir and $(base)\n"
      "fallback = $base/y\n"
      "home = $ENV::NO_SUCH_VARIABLE_FOR_TLSREADY\n");
  CHECK(doc.loaded);
  CHECK(value_of(doc, "ca", "certs") == "./demoCA/certs");
  CHECK(value_of(doc, "ca", "braced") == "./demoCA/x");
  CHECK(value_of(doc, "ca", "other") == "./demoCA and /srv");
  CHECK(value_of(doc, "ca", "fallback") == "/srv/y");
  CHECK(has_issue(doc, ConfIssueKind::note, "environment"));

  const auto bad = parse("[s]\nx = $nothing\n");
  CHECK_FALSE(bad.loaded);
  CHECK(has_issue(bad, ConfIssueKind::syntax_error, "nothing has no value"));
}

TEST_CASE("openssl.cnf syntax errors make OpenSSL drop the whole file", "[policy_linux][openssl_conf]") {
  const auto no_equals = parse(std::string(kChain) + "MinProtocol TLSv1.2\n");
  CHECK_FALSE(no_equals.loaded);
  CHECK(has_issue(no_equals, ConfIssueKind::syntax_error, "/etc/ssl/openssl.cnf:7"));
  const auto chain = find_system_default(no_equals);
  CHECK_FALSE(chain.applies());
  CHECK(chain.commands.empty());
  CHECK(chain.broken->find("syntax error") != std::string::npos);

  CHECK_FALSE(parse("[unclosed\nx = 1\n").loaded);
}

TEST_CASE("system_default chain: commands, prefixes, DTLS values", "[policy_linux][openssl_conf]") {
  const auto doc = parse(std::string(kChain) +
                         "TLS.MinProtocol = TLSv1.2\n"
                         "DTLS.MinProtocol = DTLSv1.2\n"
                         "CipherString = DEFAULT:@SECLEVEL=2\n"
                         "x.y.Options = -SessionTicket\n");
  const auto chain = find_system_default(doc);
  REQUIRE(chain.applies());
  CHECK(chain.steps.size() == 3);
  CHECK(chain.system_default_section == std::optional<std::string>("system_default_sect"));
  REQUIRE(chain.commands.size() == 4);
  CHECK(chain.commands[0].command == "MinProtocol");
  CHECK(chain.commands[0].written_name == "TLS.MinProtocol");
  CHECK(chain.commands[0].location == "/etc/ssl/openssl.cnf:7");
  CHECK(chain.commands[3].command == "y.Options");  // only up to the first dot is dropped
  const SslConfCommand* min = chain.last("minprotocol");
  REQUIRE(min != nullptr);
  CHECK(min->value == "TLSv1.2");
  REQUIRE(chain.last("MinProtocol", false) != nullptr);
  CHECK(chain.last("MinProtocol", false)->value == "DTLSv1.2");
}

TEST_CASE("system_default chain: every way it can be missing", "[policy_linux][openssl_conf]") {
  CHECK(find_system_default(parse("[openssl_init]\nssl_conf = s\n")).broken->find("no 'openssl_conf") != std::string::npos);
  CHECK(find_system_default(parse("openssl_conf = nowhere\n")).broken->find("does not exist") != std::string::npos);
  CHECK(find_system_default(parse("openssl_conf = init\n[init]\nproviders = p\n")).broken->find("no ssl_conf") !=
        std::string::npos);
  CHECK(find_system_default(parse("openssl_conf = init\n[init]\nssl_conf = s\n[s]\nserver = srv\n[srv]\nA = b\n"))
            .broken->find("no system_default") != std::string::npos);
  // conf_ssl.c: one missing command section drops the whole ssl_conf module.
  const auto dropped = find_system_default(
      parse("openssl_conf = init\n[init]\nssl_conf = s\n[s]\nsystem_default = sd\nclient = missing\n[sd]\nMinProtocol = TLSv1.2\n"));
  CHECK_FALSE(dropped.applies());
  CHECK(dropped.broken->find("drops the whole ssl_conf module") != std::string::npos);
  // Module names end at their last dot ("ssl_conf.1" is ssl_conf).
  const auto dotted = find_system_default(
      parse("openssl_conf = init\n[init]\nssl_conf.1 = s\n[s]\nsystem_default = sd\n[sd]\nMinProtocol = TLSv1.2\n"));
  CHECK(dotted.applies());
}

TEST_CASE(".include of files and directories inside the root", "[policy_linux][openssl_conf]") {
  ScratchRoot root;
  root.write("/etc/ssl/openssl.cnf", std::string(kChain) + "MinProtocol = TLSv1.2\n.include /etc/ssl/conf.d\n.include = extra.cnf\n");
  root.write("/etc/ssl/conf.d/20-b.conf", "[system_default_sect]\nCipherString = DEFAULT:@SECLEVEL=2\n");
  root.write("/etc/ssl/conf.d/10-a.CNF", "Ciphersuites = TLS_AES_256_GCM_SHA384\n");  // continues the current section
  root.write("/etc/ssl/conf.d/notes.txt", "MinProtocol = SSLv3\n");
  root.write("/etc/ssl/conf.d/nested/x.cnf", "MinProtocol = SSLv3\n");
  root.write("/etc/ssl/extra.cnf", "[system_default_sect]\nOptions = ServerPreference\n");
  const auto doc = load_openssl_conf(root.path(), "/etc/ssl/openssl.cnf");
  CHECK(doc.loaded);
  CHECK(doc.files_read == std::vector<std::string>{"/etc/ssl/openssl.cnf", "/etc/ssl/conf.d/10-a.CNF",
                                                   "/etc/ssl/conf.d/20-b.conf", "/etc/ssl/extra.cnf"});
  CHECK(has_issue(doc, ConfIssueKind::note, "relative"));
  const auto chain = find_system_default(doc);
  REQUIRE(chain.commands.size() == 4);
  CHECK(chain.commands[1].location == "/etc/ssl/conf.d/10-a.CNF:1");
  CHECK(chain.commands[2].location == "/etc/ssl/conf.d/20-b.conf:2");
  CHECK(chain.commands[3].command == "Options");

  SECTION("OPENSSL_CONF_INCLUDE prefixes relative includes") {
    root.write("/opt/inc/extra.cnf", "[system_default_sect]\nMaxProtocol = TLSv1.3\n");
    ConfLoadOptions options;
    options.include_prefix = "/opt/inc";
    const auto prefixed = load_openssl_conf(root.path(), "/etc/ssl/openssl.cnf", options);
    CHECK(find_system_default(prefixed).last("MaxProtocol") != nullptr);
  }
}

TEST_CASE(".include problems are reported, not fatal", "[policy_linux][openssl_conf]") {
  ScratchRoot root;
  root.write("/etc/ssl/openssl.cnf", std::string(kChain) +
                                         "MinProtocol = TLSv1.2\n"
                                         ".include /etc/ssl/missing.cnf\n"
                                         ".include /etc/ssl/self.cnf\n"
                                         ".include ../../../../../../../../../../../../etc/passwd\n");
  root.write("/etc/ssl/self.cnf", ".include /etc/ssl/self.cnf\n");
  const auto doc = load_openssl_conf(root.path(), "/etc/ssl/openssl.cnf");
  CHECK(doc.loaded);
  CHECK(has_issue(doc, ConfIssueKind::include_missing, "missing.cnf"));
  CHECK(has_issue(doc, ConfIssueKind::include_refused, "include cycle"));
  CHECK(has_issue(doc, ConfIssueKind::include_refused, "climbs above the audited root"));
  CHECK(find_system_default(doc).applies());
}

TEST_CASE("audit_openssl_conf picks OPENSSL_CONF or the first existing OPENSSLDIR file", "[policy_linux][openssl_conf]") {
  const auto debian = audit_openssl_conf(fixture_root("debian12_default"), {});
  CHECK(debian.path == "/usr/lib/ssl/openssl.cnf");
  CHECK(debian.document.files_read.front() == "/etc/ssl/openssl.cnf");  // the symlink, re-rooted
  CHECK(debian.document.loaded);
  CHECK(debian.system_default.broken->find("no ssl_conf") != std::string::npos);

  const auto rhel = audit_openssl_conf(fixture_root("rhel8_default"), {});
  CHECK(rhel.path == "/etc/pki/tls/openssl.cnf");
  CHECK(rhel.system_default.applies());
  CHECK(rhel.system_default.last("MinProtocol")->location ==
        "/usr/share/crypto-policies/DEFAULT/opensslcnf.txt:3");
  std::vector<std::string> names;
  for (const auto& setting : rhel.key_settings()) names.push_back(setting.command + "=" + setting.value);
  CHECK(names.size() == 5);
  CHECK(names[0] == "MinProtocol=TLSv1.2");
  CHECK(names[1] == "MaxProtocol=TLSv1.3");
  CHECK(names[2].rfind("CipherString=@SECLEVEL=2", 0) == 0);
  CHECK(names[4].rfind("SignatureAlgorithms=", 0) == 0);
  CHECK(debian.key_settings().empty());

  OpenSslConfOptions env;
  env.openssl_conf = "/etc/ssl/does-not-exist.cnf";
  const auto missing = audit_openssl_conf(fixture_root("debian12_default"), env);
  CHECK(missing.chosen_because == "OPENSSL_CONF names it");
  CHECK_FALSE(missing.document.found);
  CHECK_FALSE(missing.system_default.applies());

  ScratchRoot empty;
  const auto none = audit_openssl_conf(empty.path(), {});
  CHECK(none.path.empty());
  CHECK(none.chosen_because.find("none of") != std::string::npos);
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
