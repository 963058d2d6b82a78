// Test-only: real ClientHellos. The checked-in captures under tests/data/hellos (openssl s_client and
// gnutls-cli at forced versions, recorded on loopback), and a loopback recorder that runs a client
// command against a listener of its own on 127.0.0.1 and returns the client's first bytes (the
// listener never answers, so the client gives up after its hello; the recorder kills it by pid).
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "codec/client_hello_parser.h"
#include "common/hex.h"

extern char** environ;

namespace tlsready::test {

inline std::string hello_data_dir() { return std::string(TLSREADY_SOURCE_DIR) + "/tests/data/hellos/"; }

inline std::vector<uint8_t> from_hex(const std::string& text) {
  std::vector<uint8_t> out;
  int high = -1;
  for (char c : text) {
    const int v = hex::digit_value(c);
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

// The bytes of tests/data/hellos/<name>.hex.
inline std::vector<uint8_t> captured_hello(const std::string& name) {
  std::ifstream in(hello_data_dir() + name + ".hex");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return from_hex(text);
}

inline bool program_exists(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// Runs `argv` (the token "{port}" replaced by the listener's port) and returns what the client sent
// until its ClientHello was complete (at most 10 s); empty if it never connected. `on_listening`
// (optional) runs with the port once the listener is up, before the client starts.
inline std::vector<uint8_t> record_client_hello(std::vector<std::string> argv,
                                                const std::function<void(uint16_t)>& on_listening = {}) {
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener, 1) != 0 || ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (listener >= 0) ::close(listener);
    return {};
  }
  const std::string port = std::to_string(ntohs(address.sin_port));
  if (on_listening) on_listening(ntohs(address.sin_port));
  for (std::string& arg : argv) {
    const auto at = arg.find("{port}");
    if (at != std::string::npos) arg.replace(at, 6, port);
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
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  std::vector<uint8_t> bytes;
  if (spawned != 0) {
    ::close(listener);
    return bytes;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto left_ms = [&] {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<long long>(0, left.count()));
  };
  pollfd accept_poll{listener, POLLIN, 0};
  if (::poll(&accept_poll, 1, left_ms()) == 1) {
    const int peer = ::accept(listener, nullptr, nullptr);
    if (peer >= 0) {
      codec::ClientHelloInfo hello;
      std::size_t consumed = 0;
      std::string why;
      uint8_t buffer[4096];
      while (left_ms() > 0) {
        pollfd read_poll{peer, POLLIN, 0};
        if (::poll(&read_poll, 1, left_ms()) != 1) break;
        const ssize_t got = ::recv(peer, buffer, sizeof buffer, 0);
        if (got <= 0) break;
        bytes.insert(bytes.end(), buffer, buffer + got);
        if (codec::parse_client_hello_stream(bytes, hello, consumed, why) != codec::ClientHelloStatus::need_more) break;
      }
      ::close(peer);
    }
  }
  ::close(listener);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return bytes;
}

// openssl s_client at one forced version ("-tls1", "-tls1_1", "-tls1_2", "-tls1_3"); legacy versions
// need security level 0 under OpenSSL 3.
inline std::vector<std::string> openssl_client(const std::string& version_flag, bool fallback_scsv = false) {
  std::vector<std::string> argv = {"/usr/bin/openssl", "s_client",    "-connect",   "127.0.0.1:{port}",
                                   version_flag,       "-servername", "client.test"};
  if (version_flag == "-tls1" || version_flag == "-tls1_1") {
    argv.insert(argv.end(), {"-cipher", "DEFAULT:@SECLEVEL=0"});
  }
  if (fallback_scsv) argv.emplace_back("-fallback_scsv");
  return argv;
}

// gnutls-cli with only one version enabled ("TLS1.0" ... "TLS1.3").
inline std::vector<std::string> gnutls_client(const std::string& version) {
  return {"/usr/bin/gnutls-cli",
          "--port",
          "{port}",
          "--insecure",
          "--sni-hostname",
          "client.test",
          "--priority",
          "NORMAL:-VERS-ALL:+VERS-" + version,
          "127.0.0.1"};
}

}  // namespace tlsready::test
