// Effective OpenSSL defaults: SSL_CONF commands applied in a private library context, settings
// read back, versions measured with in-memory handshakes; and this process's own defaults.
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include <openssl/conf.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "policy/linux/openssl_defaults.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy::linux;
using V = tlsready::model::ProtocolVersion;
using tlsready::policy::linux::testing::ScratchRoot;

std::vector<SslConfCommand> commands(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<SslConfCommand> out;
  int line = 1;
  for (const auto& [name, value] : list) {
    out.push_back(SslConfCommand{name, name, value, "/test.cnf:" + std::to_string(line++)});
  }
  return out;
}

// Whether this libssl still has any 3DES suite (Debian builds without weak SSL ciphers do not).
bool library_has_3des() {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  REQUIRE(ctx != nullptr);
  const bool has = SSL_CTX_set_cipher_list(ctx, "DES-CBC3-SHA:@SECLEVEL=0") == 1;
  SSL_CTX_free(ctx);
  ERR_clear_error();
  return has;
}

const CipherSuite* find_suite(const std::vector<CipherSuite>& suites, const std::string& name) {
  for (const auto& s : suites) {
    if (s.openssl_name == name) return &s;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("no commands: library defaults, TLS 1.2 and 1.3 negotiable both ways", "[policy_linux][openssl_defaults]") {
  const auto d = evaluate_ssl_conf_commands({});
  REQUIRE_FALSE(d.error.has_value());
  CHECK(d.library_version.find("OpenSSL") == 0);
  CHECK(d.client.security_level == d.library_default_security_level);
  CHECK(d.server.security_level == d.library_default_security_level);
  CHECK(d.client.min_version == 0);
  CHECK(d.client.min_version_text.find("none set") == 0);
  CHECK(d.client.max_version == 0);
  CHECK(d.client.negotiates(V::tls1_2));
  CHECK(d.client.negotiates(V::tls1_3));
  CHECK(d.server.negotiates(V::tls1_2));
  CHECK(d.server.negotiates(V::tls1_3));
  CHECK(d.client.tls13_ciphersuites.size() >= 3);
  CHECK_FALSE(d.client.groups.empty());
  CHECK(std::find(d.client.option_names.begin(), d.client.option_names.end(), "NO_COMPRESSION") != d.client.option_names.end());

  const CipherSuite* gcm = find_suite(d.client.usable_ciphers, "ECDHE-RSA-AES128-GCM-SHA256");
  REQUIRE(gcm != nullptr);
  CHECK(gcm->iana == 0xC02F);
  CHECK(gcm->iana_name == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(gcm->min_version == "TLSv1.2");
  CHECK(gcm->weaknesses.empty());
}

TEST_CASE("OpenSSL 3 security level >= 1: servers refuse TLS 1.0, clients take it with RSA key transport",
          "[policy_linux][openssl_defaults]") {
  if (OPENSSL_version_major() < 3) return;  // the SHA-1/MD5 signature rule is OpenSSL 3's
  const auto d = evaluate_ssl_conf_commands(commands({{"CipherString", "DEFAULT:@SECLEVEL=1"}}));
  CHECK(d.client.security_level == 1);
  CHECK_FALSE(d.server.negotiates(V::tls1_0));
  CHECK_FALSE(d.server.negotiates(V::tls1_1));
  const HandshakeResult* client10 = d.client.handshake(V::tls1_0);
  REQUIRE(client10 != nullptr);
  CHECK(client10->negotiated);
  CHECK(client10->peer == PeerOffer::rsa_key_transport);
  REQUIRE(d.client.lowest_negotiated.has_value());
  CHECK(*d.client.lowest_negotiated == V::tls1_0);
  CHECK(*d.server.lowest_negotiated == V::tls1_2);
}

TEST_CASE("security level 0 lets servers negotiate TLS 1.0 too", "[policy_linux][openssl_defaults]") {
  const auto d = evaluate_ssl_conf_commands(commands({{"CipherString", "DEFAULT:@SECLEVEL=0"}}));
  CHECK(d.server.security_level == 0);
  CHECK(d.server.negotiates(V::tls1_0));
  CHECK(d.client.handshake(V::tls1_0)->peer == PeerOffer::every_suite);
}

TEST_CASE("MinProtocol / MaxProtocol bound what is negotiated", "[policy_linux][openssl_defaults]") {
  const auto tls13 = evaluate_ssl_conf_commands(commands({{"MinProtocol", "TLSv1.3"}}));
  CHECK(tls13.client.min_version == TLS1_3_VERSION);
  CHECK(tls13.client.min_version_text == "TLSv1.3");
  CHECK_FALSE(tls13.client.negotiates(V::tls1_2));
  CHECK_FALSE(tls13.server.negotiates(V::tls1_2));
  CHECK(tls13.server.negotiates(V::tls1_3));
  CHECK(tls13.client.enabled_versions == std::vector<V>{V::tls1_3});

  const auto capped = evaluate_ssl_conf_commands(commands({{"MaxProtocol", "TLSv1.1"}, {"CipherString", "DEFAULT:@SECLEVEL=0"}}));
  CHECK(capped.client.max_version == TLS1_1_VERSION);
  CHECK_FALSE(capped.client.negotiates(V::tls1_2));
  CHECK_FALSE(capped.server.negotiates(V::tls1_3));
  CHECK(capped.server.negotiates(V::tls1_1));
  CHECK(*capped.server.highest_negotiated == V::tls1_1);

  const auto protocol = evaluate_ssl_conf_commands(commands({{"Protocol", "-ALL,TLSv1.2"}}));
  CHECK(std::find(protocol.client.option_names.begin(), protocol.client.option_names.end(), "NO_TLSv1_3") !=
        protocol.client.option_names.end());
  CHECK(protocol.client.enabled_versions == std::vector<V>{V::tls1_2});
  CHECK_FALSE(protocol.client.negotiates(V::tls1_3));
}

TEST_CASE("refused commands are reported with libssl's reason", "[policy_linux][openssl_defaults]") {
  const auto d = evaluate_ssl_conf_commands(
      commands({{"MinProtocol", "TLS1.2"}, {"NoSuchCommand", "x"}, {"CipherString", "NOTHING-MATCHES"}}));
  REQUIRE(d.commands.size() == 3);
  CHECK_FALSE(d.commands[0].accepted_client);
  CHECK_FALSE(d.commands[0].accepted_server);
  CHECK_FALSE(d.commands[0].error.empty());
  CHECK(d.commands[1].error == "unknown command");
  CHECK_FALSE(d.commands[2].accepted_client);
  CHECK(d.client.min_version == 0);  // the typo left no bound
}

TEST_CASE("weak suites are classified from the cipher objects, not the cipher string", "[policy_linux][openssl_defaults]") {
  const auto d = evaluate_ssl_conf_commands(commands({{"CipherString", "ALL:eNULL:aNULL:@SECLEVEL=0"}}));
  const CipherSuite* null_suite = find_suite(d.client.usable_ciphers, "NULL-SHA256");
  REQUIRE(null_suite != nullptr);
  CHECK(std::find(null_suite->weaknesses.begin(), null_suite->weaknesses.end(), "NULL encryption") !=
        null_suite->weaknesses.end());
  const CipherSuite* anon = find_suite(d.client.usable_ciphers, "ADH-AES128-GCM-SHA256");
  REQUIRE(anon != nullptr);
  CHECK(anon->weaknesses == std::vector<std::string>{"anonymous (no authentication)"});

  // At security level 1 the same suites are configured but not usable.
  const auto level1 = evaluate_ssl_conf_commands(commands({{"CipherString", "ALL:eNULL:aNULL:@SECLEVEL=1"}}));
  CHECK(find_suite(level1.client.configured_ciphers, "NULL-SHA256") != nullptr);
  CHECK(find_suite(level1.client.usable_ciphers, "NULL-SHA256") == nullptr);
  CHECK(find_suite(level1.client.usable_ciphers, "ADH-AES128-GCM-SHA256") == nullptr);

  const auto des3 = evaluate_ssl_conf_commands(commands({{"CipherString", "DEFAULT:3DES:@SECLEVEL=0"}}));
  const CipherSuite* triple = find_suite(des3.client.usable_ciphers, "DES-CBC3-SHA");
  if (library_has_3des()) {
    REQUIRE(triple != nullptr);
    CHECK(triple->weaknesses.front().find("3DES") == 0);
  } else {
    CHECK(triple == nullptr);  // e.g. Debian's libssl: built without weak SSL ciphers
  }
}

TEST_CASE("evaluating a configuration leaves this process's contexts untouched", "[policy_linux][openssl_defaults]") {
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, nullptr);
  SSL_CTX* before = SSL_CTX_new(TLS_client_method());
  REQUIRE(before != nullptr);
  const long min_before = SSL_CTX_get_min_proto_version(before);
  const int level_before = SSL_CTX_get_security_level(before);
  SSL_CTX_free(before);

  ScratchRoot root;
  root.write("/etc/ssl/openssl.cnf",
             "openssl_conf = i\n[i]\nssl_conf = s\n[s]\nsystem_default = d\n[d]\nMinProtocol = TLSv1.3\n"
             "CipherString = DEFAULT:@SECLEVEL=0\n");
  OpenSslConfOptions options;
  options.openssl_conf = "/etc/ssl/openssl.cnf";
  const auto d = evaluate_openssl_conf(root.path(), options);
  CHECK(d.client.min_version == TLS1_3_VERSION);
  CHECK(d.client.security_level == 0);
  CHECK(d.system_default_section == std::optional<std::string>("d"));
  REQUIRE(d.commands.size() == 2);
  CHECK(d.commands[0].command.location == "/etc/ssl/openssl.cnf:7");

  SSL_CTX* after = SSL_CTX_new(TLS_client_method());
  REQUIRE(after != nullptr);
  CHECK(SSL_CTX_get_min_proto_version(after) == min_before);
  CHECK(SSL_CTX_get_security_level(after) == level_before);
  SSL_CTX_free(after);
}

TEST_CASE("a system_default of this process is reset before evaluating another file", "[policy_linux][openssl_defaults]") {
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, nullptr);
  const auto plain = evaluate_ssl_conf_commands({}, EvaluationOptions{false});
  if (!plain.notes.empty()) return;  // this process already has a system_default: nothing to compare against

  // Give the process a system_default (libssl keeps it process-wide), evaluate, then drop it again.
  // "Options = NoTicket" is not a valid option: libssl then fails SSL_CTX_config() without an
  // error on the queue, which must still count as "has a system_default".
  ScratchRoot root;
  root.write("/p.cnf", "openssl_conf = i\n[i]\nssl_conf = s\n[s]\nsystem_default = d\n[d]\nMinProtocol = TLSv1.3\n"
                       "CipherString = DEFAULT:@SECLEVEL=0\nOptions = NoTicket\n");
  REQUIRE(CONF_modules_load_file((root.path() / "p.cnf").c_str(), nullptr, 0) == 1);
  const auto contaminated = evaluate_ssl_conf_commands({}, EvaluationOptions{false});
  CONF_modules_finish();  // libssl's ssl_conf data goes away; new contexts start clean again
  ERR_clear_error();

  REQUIRE_FALSE(contaminated.notes.empty());
  CHECK(contaminated.notes.front().find("system_default of its own") != std::string::npos);
  CHECK(contaminated.client.min_version == plain.client.min_version);
  CHECK(contaminated.client.security_level == plain.client.security_level);
  CHECK(contaminated.client.option_names == plain.client.option_names);
  CHECK(contaminated.client.configured_ciphers.size() == plain.client.configured_ciphers.size());

  SSL_CTX* clean = SSL_CTX_new(TLS_client_method());
  REQUIRE(clean != nullptr);
  CHECK(SSL_CTX_get_min_proto_version(clean) == 0);
  SSL_CTX_free(clean);
}

TEST_CASE("this process's OpenSSL defaults agree with the evaluation of the file it loaded",
          "[policy_linux][openssl_defaults]") {
  const auto process = openssl_process_defaults();
  REQUIRE_FALSE(process.error.has_value());
  CHECK(process.source == "process");
  CHECK_FALSE(process.config_file.empty());
  OpenSslConfOptions options;
  options.openssl_conf = process.config_file;
  const auto file = evaluate_openssl_conf("/", options);
  CHECK(process.client.security_level == file.client.security_level);
  CHECK(process.client.min_version == file.client.min_version);
  CHECK(process.server.max_version == file.server.max_version);
  CHECK(process.client.usable_ciphers.size() == file.client.usable_ciphers.size());
  for (V version : {V::tls1_0, V::tls1_1, V::tls1_2, V::tls1_3}) {
    INFO(tlsready::model::display_name(version));
    CHECK(process.client.negotiates(version) == file.client.negotiates(version));
    CHECK(process.server.negotiates(version) == file.server.negotiates(version));
  }
}

TEST_CASE("protocol_version_name", "[policy_linux][openssl_defaults]") {
  CHECK(protocol_version_name(TLS1_VERSION) == "TLSv1.0");
  CHECK(protocol_version_name(TLS1_3_VERSION) == "TLSv1.3");
  CHECK(protocol_version_name(SSL3_VERSION) == "SSLv3");
  CHECK(protocol_version_name(0x1234) == "unknown (0x1234)");
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
