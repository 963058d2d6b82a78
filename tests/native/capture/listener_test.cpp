// The capture listener against real clients on 127.0.0.1 (ephemeral ports): openssl s_client at
// each version and with -fallback_scsv, gnutls-cli at TLS 1.0, openssl -starttls smtp/imap/pop3;
// each event checked against what the parser and hellos give for the same client's hello (recorded
// separately by hellos/hello_captures.h). Then a burst of 1,000 connections (each recorded once,
// no descriptor leak) and garbage / silent / slowloris clients dropped at their deadline while a
// normal client in parallel is recorded at once. The STARTTLS preludes are also driven as bytes.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "capture/listener.h"
#include "capture/server_prelude.h"
#include "hellos/fingerprint.h"
#include "hellos/hello_captures.h"
#include "logs/tls_use_event_json.h"

namespace capture = tlsready::capture;
namespace codec = tlsready::codec;
namespace hellos = tlsready::hellos;
namespace logs = tlsready::logs;
namespace test = tlsready::test;
using namespace std::chrono_literals;

namespace {

// run_listener on its own thread: waits until it listens, collects its events, stops on request.
class RunningListener {
 public:
  explicit RunningListener(capture::ListenOptions options) : options_(std::move(options)) {
    options_.cancel = &cancel_;
    options_.on_listening = [this](const std::string&, uint16_t port) {
      std::lock_guard lock(mutex_);
      port_ = port;
      changed_.notify_all();
    };
    options_.on_event = [this](const logs::TlsUseEvent& event) {
      std::lock_guard lock(mutex_);
      events_.push_back(event);
      times_.push_back(std::chrono::steady_clock::now());
      changed_.notify_all();
      return true;
    };
    thread_ = std::thread([this] {
      outcome_ = capture::run_listener(options_);
      std::lock_guard lock(mutex_);
      done_ = true;
      changed_.notify_all();
    });
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, 5s, [this] { return port_ != 0 || done_; });
  }
  ~RunningListener() { stop(); }
  RunningListener(const RunningListener&) = delete;
  RunningListener& operator=(const RunningListener&) = delete;

  uint16_t port() const { return port_; }
  // Waits until `count` events came (at most `limit`); returns how many did.
  std::size_t wait_for_events(std::size_t count, std::chrono::milliseconds limit = 15s) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, limit, [&] { return events_.size() >= count || done_; });
    return events_.size();
  }
  std::vector<logs::TlsUseEvent> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  std::vector<std::chrono::steady_clock::time_point> times() {
    std::lock_guard lock(mutex_);
    return times_;
  }
  const capture::ListenOutcome& stop() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
    return outcome_;
  }

 private:
  capture::ListenOptions options_;
  std::atomic<bool> cancel_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  uint16_t port_ = 0;
  bool done_ = false;
  std::vector<logs::TlsUseEvent> events_;
  std::vector<std::chrono::steady_clock::time_point> times_;
  capture::ListenOutcome outcome_;
  std::thread thread_;
};

// Runs `argv` ("{port}" replaced) with stdin, stdout and stderr on /dev/null; waits for its exit
// (killed after `limit`). Returns how long it ran.
std::chrono::milliseconds run_client(std::vector<std::string> argv, uint16_t port,
                                     std::chrono::milliseconds limit = 10s) {
  for (std::string& arg : argv) {
    const auto at = arg.find("{port}");
    if (at != std::string::npos) arg.replace(at, 6, std::to_string(port));
  }
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (std::string& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const auto start = std::chrono::steady_clock::now();
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return limit;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() - start > limit) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

codec::ClientHelloInfo parsed(const std::vector<uint8_t>& bytes) {
  codec::ClientHelloInfo hello;
  std::size_t consumed = 0;
  std::string why;
  REQUIRE(codec::parse_client_hello_stream(bytes, hello, consumed, why) == codec::ClientHelloStatus::complete);
  return hello;
}

int connect_loopback(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::vector<uint8_t>& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Everything the server sends until it closes (at most `limit`).
std::vector<uint8_t> read_to_close(int fd, std::chrono::milliseconds limit = 10s) {
  std::vector<uint8_t> bytes;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  uint8_t buffer[512];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 100) != 1) continue;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    bytes.insert(bytes.end(), buffer, buffer + n);
  }
  return bytes;
}

std::size_t open_descriptors() {
  std::size_t count = 0;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (::readdir(dir) != nullptr) ++count;
    ::closedir(dir);
  }
  return count;
}

bool have_openssl() { return test::program_exists("/usr/bin/openssl"); }

}  // namespace

TEST_CASE("refusal is a fatal handshake_failure at the client's record version, SSL 2.0 gets NO-CIPHER-ERROR",
          "[listen]") {
  codec::ClientHelloInfo hello = parsed(test::captured_hello("openssl_tls1_2"));
  const std::string alert = capture::refusal_bytes(hello);
  REQUIRE(alert.size() == 7);
  CHECK(static_cast<uint8_t>(alert[0]) == 0x15);
  CHECK(((static_cast<uint8_t>(alert[1]) << 8) | static_cast<uint8_t>(alert[2])) == hello.record_version);
  CHECK(alert.substr(3) == std::string("\x00\x02\x02\x28", 4));
  hello.sslv2_format = true;
  CHECK(capture::refusal_bytes(hello) == std::string("\x80\x03\x00\x00\x01", 5));
}

TEST_CASE("listener records openssl s_client at each version like the parser does and refuses it", "[listen]") {
  REQUIRE(have_openssl());
  struct Case {
    const char* flag;
    const char* ja4_prefix;
    tlsready::model::ProtocolVersion version;
    bool legacy;
  };
  using tlsready::model::ProtocolVersion;
  const Case cases[] = {{"-tls1", "t10d", ProtocolVersion::tls1_0, true},
                        {"-tls1_1", "t11d", ProtocolVersion::tls1_1, true},
                        {"-tls1_2", "t12d", ProtocolVersion::tls1_2, false},
                        {"-tls1_3", "t13d", ProtocolVersion::tls1_3, false}};
  RunningListener listener({});
  REQUIRE(listener.port() != 0);
  std::size_t expected = 0;
  for (const Case& c : cases) {
    INFO(c.flag);
    const codec::ClientHelloInfo reference = parsed(test::record_client_hello(test::openssl_client(c.flag)));
    const hellos::Fingerprints fp = hellos::fingerprints(reference);
    const auto ran = run_client(test::openssl_client(c.flag), listener.port());
    CHECK(ran < 5s);  // the alert ended the client's handshake: it did not wait for a timeout
    ++expected;
    REQUIRE(listener.wait_for_events(expected) == expected);
    const logs::TlsUseEvent event = listener.events().back();
    REQUIRE(event.client_hello);
    CHECK(event.protocol == c.version);
    CHECK(event.client_hello->max_version == c.version);
    CHECK(event.client_hello->ja3 == fp.ja3);
    CHECK(event.client_hello->ja3_hash == fp.ja3_hash);
    CHECK(event.client_hello->ja4 == fp.ja4);
    CHECK(event.client_hello->ja4.rfind(c.ja4_prefix, 0) == 0);
    CHECK(event.client_hello->sni == "client.test");
    std::vector<uint16_t> suites;
    for (uint16_t suite : reference.cipher_suites)
      if (!codec::is_grease_value(suite)) suites.push_back(suite);
    CHECK(event.client_hello->suites == suites);
    CHECK(event.client_hello->signature_algorithms.size() == reference.signature_algorithms.size());
    CHECK(logs::uses_legacy_protocol(event) == c.legacy);
    CHECK(event.client_address == "127.0.0.1");
    CHECK(event.client_port.has_value());
    CHECK(event.server_port == listener.port());
    CHECK(event.source_format == "listen");
    CHECK(event.source_file == "listen:127.0.0.1:" + std::to_string(listener.port()));
    CHECK(event.source_line == expected);
  }
  const capture::ListenOutcome& outcome = listener.stop();
  CHECK(outcome.counts.hellos == 4);
  const nlohmann::json summary = outcome.summary.to_json_document();
  CHECK(summary["totals"]["uses"] == 4);
  CHECK(summary["totals"]["legacy_uses"] == 2);
  CHECK(summary["sources"][0]["format"] == "listen");
  CHECK(summary["sources"][0]["read"]["events"] == 4);
}

TEST_CASE("a fallback retry (-fallback_scsv) is marked and not counted as legacy use", "[listen]") {
  REQUIRE(have_openssl());
  RunningListener listener({});
  run_client(test::openssl_client("-tls1_1", true), listener.port());
  run_client(test::openssl_client("-tls1_1"), listener.port());
  REQUIRE(listener.wait_for_events(2) == 2);
  const std::vector<logs::TlsUseEvent> events = listener.events();
  REQUIRE(events[0].client_hello);
  CHECK(events[0].client_hello->fallback_scsv);
  CHECK(events[0].client_hello->fallback_retry);
  CHECK(events[0].protocol == tlsready::model::ProtocolVersion::tls1_1);  // the lowered max version
  CHECK_FALSE(logs::uses_legacy_protocol(events[0]));
  CHECK(logs::to_json_document(events[0])["legacy_protocol"] == false);
  CHECK(logs::to_json_document(events[0])["client_hello"]["fallback_retry"] == true);
  CHECK_FALSE(events[1].client_hello->fallback_retry);
  CHECK(logs::uses_legacy_protocol(events[1]));
  const capture::ListenOutcome& outcome = listener.stop();
  CHECK(outcome.counts.fallback_retries == 1);
  const nlohmann::json summary = outcome.summary.to_json_document();
  CHECK(summary["totals"]["uses"] == 2);
  CHECK(summary["totals"]["legacy_uses"] == 1);
  CHECK(summary["totals"]["protocols"]["TLSv1.1"] == 2);
}

TEST_CASE("listener records gnutls-cli limited to TLS 1.0", "[listen]") {
  REQUIRE(test::program_exists("/usr/bin/gnutls-cli"));
  const codec::ClientHelloInfo reference = parsed(test::record_client_hello(test::gnutls_client("TLS1.0")));
  RunningListener listener({});
  run_client(test::gnutls_client("TLS1.0"), listener.port());
  REQUIRE(listener.wait_for_events(1) == 1);
  const logs::TlsUseEvent event = listener.events().front();
  CHECK(event.protocol == tlsready::model::ProtocolVersion::tls1_0);
  CHECK(event.client_hello->ja4.rfind("t10d", 0) == 0);
  CHECK(event.client_hello->ja4 == hellos::fingerprints(reference).ja4);
  CHECK(event.client_hello->ja3 == hellos::fingerprints(reference).ja3);
  CHECK(logs::uses_legacy_protocol(event));
}

TEST_CASE("listener speaks the server side of STARTTLS for openssl s_client -starttls smtp, imap, pop3", "[listen]") {
  REQUIRE(have_openssl());
  for (const char* protocol : {"smtp", "imap", "pop3"}) {
    INFO(protocol);
    capture::ListenOptions options;
    options.starttls = capture::prelude_protocol(protocol);
    RunningListener listener(options);
    std::vector<std::string> argv = test::openssl_client("-tls1_2");
    argv.insert(argv.end(), {"-starttls", protocol});
    const auto ran = run_client(argv, listener.port());
    CHECK(ran < 5s);
    REQUIRE(listener.wait_for_events(1, 5s) == 1);
    const logs::TlsUseEvent event = listener.events().front();
    CHECK(event.protocol == tlsready::model::ProtocolVersion::tls1_2);
    CHECK(event.resource == protocol);
    CHECK(event.client_hello->ja4.rfind("t12d", 0) == 0);
    if (std::string(protocol) == "smtp") CHECK_FALSE(event.client_name.empty());  // from its EHLO
    CHECK(listener.stop().counts.prelude_failed == 0);
  }
}

TEST_CASE("an SSL 2.0-format hello is recorded and answered with the SSL 2.0 error", "[listen]") {
  RunningListener listener({});
  const std::vector<uint8_t> hello = [] {
    std::ifstream in(std::string(TLSREADY_SOURCE_DIR) + "/tests/fuzz/corpus/fuzz_client_hello/sslv2_compat_tls10.bin",
                     std::ios::binary);
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }();
  const int fd = connect_loopback(listener.port());
  REQUIRE(fd >= 0);
  REQUIRE(send_all(fd, hello));
  const std::vector<uint8_t> answer = read_to_close(fd);
  ::close(fd);
  CHECK(answer == std::vector<uint8_t>{0x80, 0x03, 0x00, 0x00, 0x01});
  REQUIRE(listener.wait_for_events(1) == 1);
  CHECK(listener.events().front().client_hello->sslv2_format);
}

TEST_CASE("a burst of 1000 connections: every hello recorded once, every client refused, no descriptor leak",
          "[listen]") {
  const std::vector<uint8_t> hello = test::captured_hello("openssl_tls1_2");
  const std::size_t before = open_descriptors();
  std::set<uint16_t> client_ports;
  {
    capture::ListenOptions options;
    options.max_connections = 64;  // fewer than the clients at once: the rest wait in the backlog
    RunningListener listener(options);
    constexpr int kThreads = 16, kEach = 1000 / kThreads + 1;
    std::atomic<int> refused{0}, started{0};
    std::vector<std::thread> clients;
    clients.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      clients.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          if (started.fetch_add(1) >= 1000) return;
          const int fd = connect_loopback(listener.port());
          if (fd < 0) continue;
          if (send_all(fd, hello) && read_to_close(fd).size() == 7) ++refused;
          ::close(fd);
        }
      });
    }
    for (std::thread& client : clients) client.join();
    CHECK(refused == 1000);
    REQUIRE(listener.wait_for_events(1000) == 1000);
    const std::vector<logs::TlsUseEvent> events = listener.events();
    std::set<std::size_t> lines;
    for (const logs::TlsUseEvent& event : events) {
      lines.insert(event.source_line);
      client_ports.insert(*event.client_port);
    }
    CHECK(lines.size() == 1000);
    CHECK(*lines.begin() == 1);
    CHECK(*lines.rbegin() == 1000);
    const capture::ListenOutcome& outcome = listener.stop();
    CHECK(outcome.counts.connections == 1000);
    CHECK(outcome.counts.hellos == 1000);
    CHECK(outcome.counts.dropped() == 0);
  }
  CHECK(client_ports.size() > 900);  // ports are reused only after TIME_WAIT
  CHECK(open_descriptors() == before);
}

TEST_CASE("garbage, silent and slowloris clients are dropped at their deadline while a normal client is recorded",
          "[listen]") {
  capture::ListenOptions options;
  options.connection_timeout = 1500ms;
  RunningListener listener(options);
  const int silent = connect_loopback(listener.port());
  const int slow = connect_loopback(listener.port());
  const int garbage = connect_loopback(listener.port());
  REQUIRE((silent >= 0 && slow >= 0 && garbage >= 0));
  REQUIRE(send_all(garbage, {'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '0', '\r', '\n'}));
  const std::vector<uint8_t> hello = test::captured_hello("openssl_tls1_3");
  std::atomic<bool> slow_done{false};
  std::thread slowloris([&] {  // one byte of a real hello per 400 ms: never complete in time
    for (std::size_t i = 0; i < hello.size() && !slow_done; ++i) {
      if (::send(slow, &hello[i], 1, MSG_NOSIGNAL) != 1) break;
      std::this_thread::sleep_for(400ms);
    }
  });
  std::this_thread::sleep_for(200ms);
  const auto normal_start = std::chrono::steady_clock::now();
  const int normal = connect_loopback(listener.port());
  REQUIRE(send_all(normal, hello));
  CHECK(read_to_close(normal).size() == 7);
  ::close(normal);
  REQUIRE(listener.wait_for_events(1) == 1);
  CHECK(listener.times().front() - normal_start < 500ms);  // not held up by the others
  CHECK(read_to_close(garbage, 1s).empty());               // closed at once
  const auto closed_silent = read_to_close(silent, 3s);    // closed at its deadline
  CHECK(closed_silent.empty());
  CHECK(read_to_close(slow, 3s).empty());
  slow_done = true;
  slowloris.join();
  ::close(silent);
  ::close(slow);
  ::close(garbage);
  const capture::ListenOutcome& outcome = listener.stop();
  CHECK(outcome.counts.connections == 4);
  CHECK(outcome.counts.hellos == 1);
  CHECK(outcome.counts.not_tls == 1);
  CHECK(outcome.counts.timed_out == 2);
  const nlohmann::json summary = outcome.summary.to_json_document();
  CHECK(summary["sources"][0]["read"]["lines"] == 4);
  CHECK(summary["sources"][0]["read"]["plain"] == 1);
  CHECK(summary["sources"][0]["read"]["malformed"] == 2);
}

TEST_CASE("count and duration stop the listener", "[listen]") {
  capture::ListenOptions options;
  options.duration = 300ms;
  const auto start = std::chrono::steady_clock::now();
  const capture::ListenOutcome outcome = capture::run_listener(options);
  CHECK(outcome.stopped_by_duration);
  CHECK(std::chrono::steady_clock::now() - start < 1500ms);

  capture::ListenOptions counted;
  counted.count = 1;
  RunningListener listener(counted);
  const int fd = connect_loopback(listener.port());
  REQUIRE(send_all(fd, test::captured_hello("openssl_tls1_0")));
  read_to_close(fd, 3s);
  ::close(fd);
  REQUIRE(listener.wait_for_events(1) == 1);
  CHECK(listener.stop().stopped_by_count);
}

TEST_CASE("a bind address that is not numeric or not local is a failure naming it", "[listen]") {
  capture::ListenOptions options;
  options.bind = "localhost";
  const capture::ListenOutcome outcome = capture::run_listener(options);
  REQUIRE(outcome.failure);
  CHECK(outcome.failure->message.find("\"localhost\"") != std::string::npos);
  options.bind = "192.0.2.1";  // RFC 5737: not on this machine
  const capture::ListenOutcome not_here = capture::run_listener(options);
  REQUIRE(not_here.failure);
  CHECK(not_here.failure->message.find("192.0.2.1") != std::string::npos);
}

TEST_CASE("server preludes: SMTP, IMAP and POP3 dialogues up to the upgrade, bounded lines and commands", "[listen]") {
  const auto feed = [](capture::ServerPrelude& prelude, std::string_view text, std::string& replies) {
    return prelude.feed(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), replies);
  };
  using State = capture::ServerPrelude::State;
  capture::ServerPrelude smtp(capture::PreludeProtocol::smtp);
  CHECK(smtp.greeting().rfind("220 ", 0) == 0);
  std::string replies;
  CHECK(feed(smtp, "EHLO client.test\r\n", replies) == State::talking);
  CHECK(replies.find("250 STARTTLS\r\n") != std::string::npos);
  CHECK(smtp.client_name() == "client.test");
  replies.clear();
  CHECK(feed(smtp, "MAIL FROM:<a@b>\r\n", replies) == State::talking);
  CHECK(replies.rfind("530 ", 0) == 0);
  replies.clear();
  CHECK(feed(smtp, "STARTTLS\r\n\x16\x03\x01", replies) == State::upgrade);
  CHECK(replies == "220 Ready to start TLS\r\n");
  CHECK(smtp.tls_start() == std::vector<uint8_t>{0x16, 0x03, 0x01});

  capture::ServerPrelude imap(capture::PreludeProtocol::imap);
  CHECK(imap.greeting().rfind("* OK", 0) == 0);
  replies.clear();
  CHECK(feed(imap, "a CAPA", replies) == State::talking);
  CHECK(replies.empty());  // no line end yet
  CHECK(feed(imap, "BILITY\r\n", replies) == State::talking);
  CHECK(replies == "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\na OK CAPABILITY completed\r\n");
  replies.clear();
  CHECK(feed(imap, "b STARTTLS\n", replies) == State::upgrade);
  CHECK(replies == "b OK Begin TLS negotiation now\r\n");

  capture::ServerPrelude pop3(capture::PreludeProtocol::pop3);
  replies.clear();
  CHECK(feed(pop3, "CAPA\r\n", replies) == State::talking);
  CHECK(replies == "+OK Capability list follows\r\nSTLS\r\n.\r\n");
  replies.clear();
  CHECK(feed(pop3, "QUIT\r\n", replies) == State::failed);
  CHECK(pop3.why().find("quit") != std::string::npos);

  capture::ServerPrelude overlong(capture::PreludeProtocol::smtp);
  replies.clear();
  CHECK(feed(overlong, std::string(capture::ServerPrelude::kMaxLineLength + 1, 'A'), replies) == State::failed);
  capture::ServerPrelude chatty(capture::PreludeProtocol::smtp);
  std::string noops;
  for (std::size_t i = 0; i <= capture::ServerPrelude::kMaxCommands; ++i) noops += "NOOP\r\n";
  CHECK(feed(chatty, noops, replies) == State::failed);
  CHECK(capture::prelude_protocol("ftp") == std::nullopt);
}
