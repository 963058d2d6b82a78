// The one version vocabulary: display names, wire codes and the spellings other tools use.
#include <catch2/catch.hpp>

#include "model/protocol_version.h"

using tlsready::model::ProtocolVersion;
namespace model = tlsready::model;

TEST_CASE("every version has one display name and its wire code beside it", "[model][version]") {
  CHECK(model::display_name(ProtocolVersion::ssl2) == "SSLv2");
  CHECK(model::display_name(ProtocolVersion::ssl3) == "SSLv3");
  CHECK(model::display_name(ProtocolVersion::tls1_0) == "TLSv1.0");
  CHECK(model::display_name(ProtocolVersion::tls1_1) == "TLSv1.1");
  CHECK(model::display_name(ProtocolVersion::tls1_2) == "TLSv1.2");
  CHECK(model::display_name(ProtocolVersion::tls1_3) == "TLSv1.3");
  CHECK(model::code_text(ProtocolVersion::ssl2) == "0x0002");
  CHECK(model::code_text(ProtocolVersion::tls1_0) == "0x0301");
  for (ProtocolVersion version : model::kAllProtocolVersions) {
    INFO(model::display_name(version));
    CHECK(model::version_from_wire(model::wire_code(version)) == version);
    CHECK(model::parse_any_version_name(model::display_name(version)) == version);
  }
  CHECK(model::display_name_or_code(0x7F1C) == "0x7F1C");
  CHECK_FALSE(model::version_from_wire(0xFEFD).has_value());
}

TEST_CASE("the spellings of OpenSSL, SCHANNEL, GnuTLS, NSS and Java read as one version", "[model][version]") {
  CHECK(model::parse_any_version_name("TLSv1") == ProtocolVersion::tls1_0);    // OpenSSL, Java
  CHECK(model::parse_any_version_name("TLS 1.0") == ProtocolVersion::tls1_0);  // SCHANNEL key names
  CHECK(model::parse_any_version_name("TLS1.0") == ProtocolVersion::tls1_0);   // GnuTLS, crypto-policies
  CHECK(model::parse_any_version_name("tls1.1") == ProtocolVersion::tls1_1);   // NSS
  CHECK(model::parse_any_version_name("TLS1_2") == ProtocolVersion::tls1_2);
  CHECK(model::parse_any_version_name("SSL 3.0") == ProtocolVersion::ssl3);
  CHECK(model::parse_any_version_name("SSLv2") == ProtocolVersion::ssl2);
  CHECK(model::parse_any_version_name("tlsv1.3") == ProtocolVersion::tls1_3);
  CHECK_FALSE(model::parse_any_version_name("TLSv1.4").has_value());
  CHECK_FALSE(model::parse_any_version_name("").has_value());
  CHECK_FALSE(model::parse_any_version_name("TLS").has_value());
  CHECK_FALSE(model::parse_any_version_name("DTLSv1.2").has_value());
  CHECK_FALSE(model::parse_any_version_name("a very long name that is no version").has_value());
}
