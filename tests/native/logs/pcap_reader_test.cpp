// The pcap reader on captures written by the test itself (tests/native/logs/pcap_writer.h; tcpdump is
// not part of the test machines' packages, one test uses it when present): real ClientHellos from openssl s_client /
// gnutls-cli recorded on loopback (and the checked-in ones in tests/data/hellos), with hand-built ServerHellos, framed
// in every supported file format, byte order and link layer.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/byte_writer.h"
#include "codec/record.h"
#include "hellos/fingerprint.h"
#include "hellos/hello_captures.h"
#include "logs/pcap_reader.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"
#include "pcap_writer.h"

using namespace tlsready;

namespace {

// A ServerHello record choosing `version` and `suite` (TLS 1.3: legacy 0x0303 + supported_versions).
std::vector<uint8_t> server_hello(uint16_t version, uint16_t suite) {
  codec::ByteWriter w;
  w.u16(version >= 0x0304 ? 0x0303 : version);
  w.bytes(std::vector<uint8_t>(32, 0x5A));
  w.u8(0);
  w.u16(suite);
  w.u8(0);
  const std::size_t extensions = w.open_vector(2);
  if (version >= 0x0304) {
    w.u16(43);
    w.u16(2);
    w.u16(0x0304);
    w.u16(51);
    const std::size_t share = w.open_vector(2);
    w.u16(0x001D);
    const std::size_t key = w.open_vector(2);
    w.bytes(std::vector<uint8_t>(32, 9));
    w.close_vector(key);
    w.close_vector(share);
  } else {
    w.u16(0xFF01);
    w.u16(1);
    w.u8(0);
  }
  w.close_vector(extensions);
  return codec::encode_record(codec::ContentType::handshake, 0x0303, codec::encode_handshake(2, w.data()));
}

struct ReadResult {
  std::vector<logs::TlsUseEvent> events;
  logs::PcapStats capture;
  logs::LogReadStats stats;
};

ReadResult read_capture(const std::vector<uint8_t>& file) {
  std::istringstream input(std::string(file.begin(), file.end()));
  logs::PcapReader reader(input, "capture.pcap");
  ReadResult result;
  logs::TlsUseEvent event;
  while (reader.next(event)) result.events.push_back(event);
  result.capture = reader.capture_stats();
  result.stats = reader.stats();
  if (result.capture.file_error.empty()) CHECK(reader.bytes_read() == file.size());
  return result;
}

std::string fingerprint_of(const std::vector<uint8_t>& hello_bytes) {
  codec::ClientHelloInfo hello;
  std::size_t consumed = 0;
  std::string why;
  REQUIRE(codec::parse_client_hello_stream(hello_bytes, hello, consumed, why) == codec::ClientHelloStatus::complete);
  return hellos::ja4(hello);
}

}  // namespace

TEST_CASE("pcap_reader_reads_checked_in_hellos_in_every_format_and_link_layer", "[logs][pcap]") {
  const std::vector<uint8_t> hello = test::captured_hello("openssl_tls1_2");
  const std::string ja4 = fingerprint_of(hello);
  const std::vector<test::FileFormat> formats = {test::FileFormat::pcap_le,    test::FileFormat::pcap_be,
                                                 test::FileFormat::pcap_ns_le, test::FileFormat::pcapng_le,
                                                 test::FileFormat::pcapng_be,  test::FileFormat::pcapng_simple};
  const std::vector<test::LinkType> links = {test::LinkType::ethernet, test::LinkType::linux_sll,
                                             test::LinkType::linux_sll2, test::LinkType::raw, test::LinkType::null};
  for (test::FileFormat format : formats) {
    for (test::LinkType link : links) {
      for (bool ipv6 : {false, true}) {
        INFO("format " << static_cast<int>(format) << " link " << static_cast<int>(link) << " ipv6 " << ipv6);
        test::Conversation c = test::tls_conversation(hello, server_hello(0x0303, 0xC02F), 1000, 1796114102);
        if (ipv6) {
          c.ipv6 = true;
          c.client = test::ipv6_documentation(0x10);
          c.server = test::ipv6_documentation(0x01);
        }
        const std::vector<uint8_t> file = test::write_capture({c}, link, format);
        const ReadResult result = read_capture(file);
        CHECK(result.capture.file_error.empty());
        REQUIRE(result.events.size() == 1);
        const logs::TlsUseEvent& event = result.events.front();
        CHECK(event.client_address == (ipv6 ? "2001:db8::10" : "198.51.100.7"));
        CHECK(event.server == (ipv6 ? "2001:db8::1" : "203.0.113.5"));
        CHECK(event.client_port == std::optional<uint16_t>(50123));
        CHECK(event.server_port == std::optional<uint16_t>(443));
        CHECK(event.protocol == model::ProtocolVersion::tls1_2);
        CHECK(event.protocol_raw == "0x0303");
        CHECK(event.source_format == "pcap");
        CHECK(event.source_line == 4);  // SYN, SYN-ACK, ACK, then the hello
        if (format == test::FileFormat::pcapng_simple) {
          CHECK(event.time.empty());  // SPB has no timestamp
        } else {
          CHECK(event.time == "2026-12-01T08:35:03Z");
        }
        REQUIRE(event.client_hello);
        CHECK(event.client_hello->ja4 == ja4);
        CHECK(event.client_hello->sni == "client.test");
        CHECK(event.client_hello->chosen_suite == std::optional<uint16_t>(0xC02F));
        CHECK(event.client_hello->can_do_tls12 == std::optional<bool>(true));
        CHECK(result.stats.events == 1);
        CHECK(result.stats.lines == result.capture.packets);
      }
    }
  }
}

TEST_CASE("pcap_reader_reassembles_out_of_order_retransmitted_and_tiny_segments", "[logs][pcap]") {
  const std::vector<uint8_t> hello = test::captured_hello("gnutls_tls1_3");
  test::Conversation c = test::tls_conversation(hello, server_hello(0x0304, 0x1302), 7, 1796114102);
  // Packets 0-2: handshake; 3..: data. Swap two data segments, and retransmit one (overlapping).
  REQUIRE(c.packets.size() > 12);
  std::swap(c.packets[5], c.packets[7]);
  test::PacketSpec again = c.packets[4];
  again.data.insert(again.data.end(), c.packets[6].data.begin(), c.packets[6].data.begin() + 3);  // overlaps the next
  c.packets.insert(c.packets.begin() + 9, again);
  const ReadResult result = read_capture(test::write_capture({c}, test::LinkType::ethernet, test::FileFormat::pcap_le));
  REQUIRE(result.events.size() == 1);
  CHECK(result.capture.out_of_order >= 1);
  CHECK(result.events.front().protocol == model::ProtocolVersion::tls1_3);
  CHECK(result.events.front().client_hello->ja4 == fingerprint_of(hello));
  CHECK(result.events.front().client_hello->chosen_suite == std::optional<uint16_t>(0x1302));
}

TEST_CASE("pcap_reader_events_for_unanswered_hellos_and_no_events_for_plain_flows", "[logs][pcap]") {
  const std::vector<uint8_t> tls10 = test::captured_hello("openssl_tls1_0");
  const std::vector<uint8_t> retry = test::captured_hello("openssl_tls1_1_fallback");
  const std::string http = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  test::Conversation unanswered = test::tls_conversation(tls10, {}, 50, 1796114102);
  test::Conversation fallback = test::tls_conversation(retry, server_hello(0x0302, 0xC014), 1460, 1796114110);
  fallback.client_port = 50200;
  test::Conversation plain =
      test::tls_conversation(std::vector<uint8_t>(http.begin(), http.end()), {}, 1460, 1796114120);
  plain.client_port = 50300;
  plain.server_port = 80;
  // A conversation cut inside its hello (the capture ends): counted, no event.
  test::Conversation cut =
      test::tls_conversation(std::vector<uint8_t>(tls10.begin(), tls10.begin() + 40), {}, 1460, 1796114130);
  cut.client_port = 50400;
  cut.packets.resize(cut.packets.size() - 2);  // no FINs
  const ReadResult result = read_capture(
      test::write_capture({unanswered, fallback, plain, cut}, test::LinkType::linux_sll, test::FileFormat::pcapng_le));
  REQUIRE(result.events.size() == 2);
  const logs::TlsUseEvent& first = result.events[0];
  CHECK(first.protocol == model::ProtocolVersion::tls1_0);  // no answer: the client's best
  CHECK(first.client_hello->chosen_suite == std::nullopt);
  CHECK_FALSE(first.client_hello->fallback_retry);
  CHECK(logs::uses_legacy_protocol(first));
  const logs::TlsUseEvent& second = result.events[1];
  CHECK(second.protocol == model::ProtocolVersion::tls1_1);
  CHECK(second.client_hello->fallback_scsv);
  CHECK(second.client_hello->fallback_retry);
  CHECK(second.client_hello->can_do_tls12 == std::optional<bool>(true));  // a retry, not a legacy client
  CHECK(result.capture.not_tls_flows == 1);
  CHECK(result.stats.plain == 1);
  CHECK(result.capture.incomplete_hellos == 1);
  CHECK(result.capture.flows == 4);
  CHECK(result.capture.tls_flows == 2);
}

TEST_CASE("pcap_reader_live_openssl_and_gnutls_hellos", "[logs][pcap][capture]") {
  struct Client {
    std::vector<std::string> argv;
    model::ProtocolVersion version;
  };
  const std::vector<Client> clients = {
      {test::openssl_client("-tls1"), model::ProtocolVersion::tls1_0},
      {test::openssl_client("-tls1_1"), model::ProtocolVersion::tls1_1},
      {test::openssl_client("-tls1_2"), model::ProtocolVersion::tls1_2},
      {test::openssl_client("-tls1_3"), model::ProtocolVersion::tls1_3},
      {test::gnutls_client("TLS1.0"), model::ProtocolVersion::tls1_0},
      {test::gnutls_client("TLS1.2"), model::ProtocolVersion::tls1_2},
      {test::gnutls_client("TLS1.3"), model::ProtocolVersion::tls1_3},
  };
  std::vector<test::Conversation> conversations;
  std::vector<std::string> expected_ja4;
  for (const Client& client : clients) {
    if (!test::program_exists(client.argv.front())) continue;
    const std::vector<uint8_t> hello = test::record_client_hello(client.argv);
    REQUIRE_FALSE(hello.empty());
    expected_ja4.push_back(fingerprint_of(hello));
    test::Conversation c = test::tls_conversation(hello, server_hello(model::wire_code(client.version), 0xC02F), 100,
                                                  1796114102 + 10 * static_cast<uint32_t>(conversations.size()));
    c.client_port = static_cast<uint16_t>(40000 + conversations.size());
    conversations.push_back(c);
  }
  if (conversations.empty()) {
    WARN("skipped: neither openssl nor gnutls-cli is installed");
    return;
  }
  const ReadResult result =
      read_capture(test::write_capture(conversations, test::LinkType::ethernet, test::FileFormat::pcap_be));
  REQUIRE(result.events.size() == conversations.size());
  for (std::size_t i = 0; i < result.events.size(); ++i) {
    CHECK(result.events[i].client_hello->ja4 == expected_ja4[i]);
    CHECK(result.events[i].client_port == std::optional<uint16_t>(static_cast<uint16_t>(40000 + i)));
  }
}

// With tcpdump installed (and allowed to capture on lo): a real capture of openssl s_client's hello,
// written by tcpdump itself, read back to the hello the recorder saw.
TEST_CASE("pcap_reader_reads_a_real_tcpdump_capture_on_loopback", "[logs][pcap][capture]") {
  if (!test::program_exists("/usr/bin/tcpdump") || !test::program_exists("/usr/bin/openssl")) {
    WARN("skipped: tcpdump or openssl is not installed");
    return;
  }
  char dir[] = "/tmp/tlsready_tcpdump_XXXXXX";
  REQUIRE(::mkdtemp(dir));
  ::chmod(dir, 0777);  // tcpdump drops root for its own user before it creates the file
  const std::string file = std::string(dir) + "/lo.pcap";
  pid_t tcpdump = -1;
  const std::vector<uint8_t> hello = test::record_client_hello(test::openssl_client("-tls1_2"), [&](uint16_t port) {
    std::vector<std::string> argv = {"/usr/bin/tcpdump",
                                     "-i",
                                     "lo",
                                     "--immediate-mode",
                                     "-U",
                                     "-s",
                                     "0",
                                     "-w",
                                     file,
                                     "tcp port " + std::to_string(port)};
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (std::string& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&tcpdump, args[0], &actions, nullptr, args.data(), environ) != 0) tcpdump = -1;
    posix_spawn_file_actions_destroy(&actions);
    // tcpdump opens the file once it listens; give it that long (at most 5 s).
    for (int i = 0; i < 50 && tcpdump > 0 && ::access(file.c_str(), F_OK) != 0; ++i) ::usleep(100000);
    ::usleep(300000);
  });
  if (tcpdump > 0) {
    ::usleep(1000000);        // let it write what it saw
    ::kill(tcpdump, SIGINT);  // flushes and closes the file
    int status = 0;
    ::waitpid(tcpdump, &status, 0);
  }
  std::ifstream in(file, std::ios::binary);
  const std::vector<uint8_t> capture((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ::unlink(file.c_str());
  ::rmdir(dir);
  if (tcpdump <= 0 || capture.size() <= 24) {
    WARN("skipped: tcpdump could not capture on lo (no permission?): " << capture.size() << " bytes, pid " << tcpdump);
    return;
  }
  REQUIRE_FALSE(hello.empty());
  const ReadResult result = read_capture(capture);
  CHECK(result.capture.file_error.empty());
  REQUIRE(result.events.size() == 1);
  const logs::TlsUseEvent& event = result.events.front();
  CHECK(event.client_address == "127.0.0.1");
  CHECK(event.server == "127.0.0.1");
  CHECK(event.protocol == model::ProtocolVersion::tls1_2);  // our listener never answers: the client's best
  REQUIRE(event.client_hello);
  CHECK(event.client_hello->ja4 == fingerprint_of(hello));
  CHECK(event.client_hello->sni == "client.test");
  CHECK_FALSE(event.time.empty());
}

TEST_CASE("pcap_format_is_registered_and_recognised_by_magic", "[logs][pcap]") {
  const auto& names = logs::log_format_names();
  CHECK(std::find(names.begin(), names.end(), "pcap") != names.end());
  for (test::FileFormat format : {test::FileFormat::pcap_le, test::FileFormat::pcap_be, test::FileFormat::pcap_ns_le,
                                  test::FileFormat::pcapng_le, test::FileFormat::pcapng_be}) {
    const std::vector<uint8_t> file = test::write_capture({}, test::LinkType::raw, format);
    CHECK(logs::recognise_log_format(std::string_view(reinterpret_cast<const char*>(file.data()), file.size())) ==
          std::optional<std::string>("pcap"));
  }
  CHECK(logs::recognise_log_format("#Software: Microsoft Internet Information Services 10.0\n") ==
        std::optional<std::string>("iis"));

  const std::vector<uint8_t> file = test::write_capture(
      {test::tls_conversation(test::captured_hello("openssl_tls1_3"), server_hello(0x0304, 0x1301), 1460, 1796114102)},
      test::LinkType::raw, test::FileFormat::pcap_le);
  std::istringstream input(std::string(file.begin(), file.end()));
  const auto reader = logs::make_reader("pcap", input, "x.pcap");
  REQUIRE(reader);
  logs::TlsUseEvent event;
  REQUIRE(reader->next(event));
  CHECK_FALSE(reader->next(event));
  CHECK(reader->stats().events == 1);
}

TEST_CASE("pcap_reader_stops_at_a_bad_file_and_counts_broken_packets", "[logs][pcap]") {
  const ReadResult garbage = read_capture({'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o'});
  CHECK(garbage.events.empty());
  CHECK(garbage.capture.file_error.find("not a pcap") != std::string::npos);
  CHECK(read_capture({}).capture.file_error.empty());  // empty: nothing to say

  std::vector<uint8_t> file = test::write_capture(
      {test::tls_conversation(test::captured_hello("openssl_tls1_3"), server_hello(0x0304, 0x1301), 1460, 1796114102)},
      test::LinkType::ethernet, test::FileFormat::pcap_le);
  file.resize(file.size() - 7);  // cut inside the last packet
  const ReadResult cut = read_capture(file);
  CHECK(cut.events.size() == 1);  // settled at the end of the file
  CHECK(cut.capture.file_error == "truncated packet data");

  // A packet whose IPv4 header lies about its length.
  test::Conversation c = test::tls_conversation(test::captured_hello("openssl_tls1_3"), {}, 1460, 1796114102);
  std::vector<uint8_t> broken = test::write_capture({c}, test::LinkType::raw, test::FileFormat::pcap_le);
  broken[24 + 16] = 0x4F;  // first packet: IHL 15 words, more than the packet holds
  const ReadResult bad = read_capture(broken);
  CHECK(bad.capture.undecodable == 1);
  CHECK(bad.stats.malformed_lines.front() == 1);
}

TEST_CASE("pcap_event_json_carries_the_client_hello_per_schema", "[logs][pcap]") {
  const std::vector<uint8_t> file =
      test::write_capture({test::tls_conversation(test::captured_hello("openssl_tls1_1_fallback"),
                                                  server_hello(0x0302, 0xC014), 1460, 1796114102)},
                          test::LinkType::ethernet, test::FileFormat::pcap_le);
  const ReadResult result = read_capture(file);
  REQUIRE(result.events.size() == 1);
  const nlohmann::json document = logs::to_json_document(result.events.front());
  CHECK(document["schema_version"] == "1.1");
  CHECK(document["source"]["format"] == "pcap");
  const nlohmann::json& hello = document["client_hello"];
  CHECK(hello["fallback_retry"] == true);
  CHECK(hello["max_version"] == "TLSv1.1");
  CHECK(hello["max_version_raw"] == "0x0302");
  CHECK(hello["offered_versions"] == nlohmann::json::array({"SSLv3", "TLSv1.0", "TLSv1.1"}));
  CHECK(hello["suites"].back() == "0x5600");
  CHECK(hello["sni"].is_null());
  CHECK(hello["chosen_suite"] == "0xC014");
  CHECK(hello["ja3_hash"].get<std::string>().size() == 32);
  // Exactly the schema's properties, all required.
  std::ifstream in(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/tls-use-event.schema.json");
  const nlohmann::json schema = nlohmann::json::parse(in);
  const nlohmann::json& hello_schema = schema["properties"]["client_hello"];
  std::set<std::string> required(hello_schema["required"].begin(), hello_schema["required"].end());
  std::set<std::string> properties;
  for (const auto& [key, value] : hello_schema["properties"].items()) properties.insert(key);
  std::set<std::string> written;
  for (const auto& [key, value] : hello.items()) written.insert(key);
  CHECK(written == required);
  CHECK(written == properties);
  std::set<std::string> top;
  for (const auto& [key, value] : document.items()) top.insert(key);
  CHECK(top == std::set<std::string>(schema["required"].begin(), schema["required"].end()));
  CHECK(schema["properties"]["schema_version"]["const"] == "1.1");

  // Events of other sources have client_hello null.
  logs::TlsUseEvent iis;
  iis.source_format = "iis";
  CHECK(logs::to_json_document(iis)["client_hello"].is_null());
}

// Not a test: writes the pcap fuzzer's seed corpus (tests/fuzz/corpus/fuzz_pcap) with
//   TLSREADY_SEED_DIR=tests/fuzz/corpus/fuzz_pcap tlsready_native_tests "[.write_pcap_seeds]"
TEST_CASE("write_pcap_fuzz_seeds", "[.write_pcap_seeds]") {
  const char* dir = std::getenv("TLSREADY_SEED_DIR");
  if (!dir) return;  // "~[integration]" runs hidden cases too: without the variable this writes nothing
  struct Seed {
    const char* name;
    const char* hello;
    test::LinkType link;
    test::FileFormat format;
    bool ipv6;
  };
  const std::vector<Seed> seeds = {
      {"tls12_ethernet_le.pcap", "openssl_tls1_2", test::LinkType::ethernet, test::FileFormat::pcap_le, false},
      {"tls13_sll2_be.pcap", "gnutls_tls1_3", test::LinkType::linux_sll2, test::FileFormat::pcap_be, true},
      {"tls10_null_ns.pcap", "openssl_tls1_0", test::LinkType::null, test::FileFormat::pcap_ns_le, false},
      {"fallback_sll.pcapng", "openssl_tls1_1_fallback", test::LinkType::linux_sll, test::FileFormat::pcapng_le, true},
      {"tls12_raw_be.pcapng", "gnutls_tls1_2", test::LinkType::raw, test::FileFormat::pcapng_be, false},
      {"tls13_simple.pcapng", "openssl_tls1_3", test::LinkType::ethernet, test::FileFormat::pcapng_simple, false},
  };
  for (const Seed& seed : seeds) {
    test::Conversation c =
        test::tls_conversation(test::captured_hello(seed.hello), server_hello(0x0303, 0xC02F), 90, 1796114102);
    if (seed.ipv6) {
      c.ipv6 = true;
      c.client = test::ipv6_documentation(0x10);
      c.server = test::ipv6_documentation(0x01);
    }
    const std::vector<uint8_t> file = test::write_capture({c}, seed.link, seed.format);
    std::ofstream(std::string(dir) + "/" + seed.name, std::ios::binary)
        .write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  }
}
