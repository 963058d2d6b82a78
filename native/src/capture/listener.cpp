// See listener.h.
#include "capture/listener.h"

#include <algorithm>
#include <array>
#include <list>
#include <vector>

#include "common/hex.h"
#include "common/time_format.h"
#include "logs/client_hello_facts.h"
#include "net/platform_listen.h"
#include "net/platform_socket.h"

namespace tlsready::capture {

namespace {

using Clock = std::chrono::steady_clock;
namespace platform = net::platform;

constexpr std::chrono::milliseconds kSlice{100};  // how often stop conditions are looked at
// After the refusal: how long the client gets to read it and close first (so our close does not
// reset a connection with unread bytes and lose the alert).
constexpr std::chrono::milliseconds kLinger{2000};
// The TLS bytes kept per connection: the largest hello the parser takes plus its record headers.
constexpr std::size_t kMaxTlsBytes = codec::kMaxClientHelloBytes + std::size_t{64} * 5;

std::string where(const std::string& address, uint16_t port) {
  const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  return host + ":" + std::to_string(port);
}

struct Connection {
  int socket = platform::kNoSocket;
  std::size_t number = 0;  // 1-based accept order: the event's source line
  std::string peer;
  uint16_t peer_port = 0;
  Clock::time_point deadline;
  std::string time;  // of the accept
  std::optional<ServerPrelude> prelude;
  std::vector<uint8_t> tls;  // the client's TLS bytes so far
  std::string out;           // to send
  std::size_t sent = 0;
  bool refused = false;  // the hello is recorded and the refusal queued: waiting for the close
  bool closed = false;
};

class Loop {
 public:
  Loop(const ListenOptions& options, ListenOutcome& outcome) : options_(options), outcome_(outcome) {}

  void run() {
    if (auto failure = platform::ensure_started()) {
      outcome_.failure = failure;
      return;
    }
    if (auto failure = platform::open_listener(options_.bind, options_.port, options_.backlog, listener_)) {
      outcome_.failure = failure;
      return;
    }
    outcome_.source = "listen:" + where(options_.bind, listener_.port);
    if (options_.on_listening) options_.on_listening(options_.bind, listener_.port);
    const Clock::time_point started = Clock::now();
    const bool timed = options_.duration.count() > 0;
    const Clock::time_point end = timed ? started + options_.duration : Clock::time_point::max();
    Clock::time_point next_check = started + kSlice;
    while (!stop_) {
      std::vector<platform::WaitEntry> entries;
      const bool accepting = connections_.size() < std::max<std::size_t>(options_.max_connections, 1);
      if (accepting) entries.push_back({listener_.socket, true, false});
      std::vector<Connection*> polled;
      Clock::time_point wake = next_check;
      for (Connection& connection : connections_) {
        entries.push_back({connection.socket, true, connection.sent < connection.out.size()});
        polled.push_back(&connection);
        wake = std::min(wake, connection.deadline);
      }
      wake = std::min(wake, end);
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - Clock::now()).count();
      const int ready = platform::wait_any(entries, static_cast<int>(std::clamp<long long>(wait + 1, 0, 1000)));
      if (ready > 0) {
        const std::size_t first = accepting ? 1 : 0;
        for (std::size_t i = 0; i < polled.size() && !stop_; ++i) {
          const platform::WaitEntry& entry = entries[first + i];
          if (entry.writable || entry.failed) flush(*polled[i]);
          if (entry.readable || entry.failed) receive(*polled[i]);
        }
        if (accepting && entries[0].readable) accept_waiting();
      }
      const Clock::time_point now = Clock::now();
      for (Connection& connection : connections_) {
        if (connection.closed || now < connection.deadline) continue;
        if (!connection.refused) ++outcome_.counts.timed_out;
        close(connection);
      }
      connections_.remove_if([](const Connection& connection) { return connection.closed; });
      if (timed && now >= end) {
        outcome_.stopped_by_duration = true;
        stop_ = true;
      }
      if (now >= next_check) {
        next_check = now + kSlice;
        if ((options_.cancel && options_.cancel->load()) || (options_.keep_going && !options_.keep_going())) {
          outcome_.cancelled = true;
          stop_ = true;
        }
      }
    }
    for (Connection& connection : connections_) {
      flush(connection);  // the last refusal, best effort
      if (!connection.refused && !connection.closed) ++outcome_.counts.closed_early;
      close(connection);
    }
    connections_.clear();
    platform::close_socket(listener_.socket);
  }

 private:
  void accept_waiting() {
    while (connections_.size() < std::max<std::size_t>(options_.max_connections, 1)) {
      Connection connection;
      connection.socket = platform::accept_connection(listener_.socket, connection.peer, connection.peer_port);
      if (connection.socket == platform::kNoSocket) return;
      connection.number = ++outcome_.counts.connections;
      connection.deadline = Clock::now() + options_.connection_timeout;
      connection.time = time_format::iso8601_utc_now();
      if (options_.starttls) {
        connection.prelude.emplace(*options_.starttls);
        connection.out = connection.prelude->greeting();
      }
      connections_.push_back(std::move(connection));
      flush(connections_.back());
    }
  }

  void close(Connection& connection) {
    if (connection.closed) return;
    platform::close_socket(connection.socket);
    connection.closed = true;
  }

  // The connection ended before its hello: count why and close.
  void drop(Connection& connection, std::size_t ListenCounts::*counter) {
    if (!connection.refused) ++(outcome_.counts.*counter);
    close(connection);
  }

  void flush(Connection& connection) {
    while (!connection.closed && connection.sent < connection.out.size()) {
      const long long sent = platform::send_some(connection.socket, connection.out.data() + connection.sent,
                                                 connection.out.size() - connection.sent);
      if (sent > 0) {
        connection.sent += static_cast<std::size_t>(sent);
        continue;
      }
      const platform::SocketError error = platform::classify(platform::last_error());
      if (error == platform::SocketError::would_block || error == platform::SocketError::interrupted) return;
      drop(connection, &ListenCounts::closed_early);
      return;
    }
    if (connection.refused && connection.sent == connection.out.size()) {
      connection.out.clear();
      connection.sent = 0;
      platform::shutdown_send(connection.socket);
    }
  }

  void receive(Connection& connection) {
    std::array<uint8_t, std::size_t{16} * 1024> buffer{};
    while (!connection.closed) {
      const long long got = platform::receive_some(connection.socket, buffer.data(), buffer.size());
      if (got == 0) {
        drop(connection, &ListenCounts::closed_early);
        return;
      }
      if (got < 0) {
        const platform::SocketError error = platform::classify(platform::last_error());
        if (error == platform::SocketError::would_block) return;
        if (error == platform::SocketError::interrupted) continue;
        drop(connection, &ListenCounts::closed_early);
        return;
      }
      if (connection.refused) continue;  // after the hello: read and discard until the client closes
      const std::span<const uint8_t> bytes(buffer.data(), static_cast<std::size_t>(got));
      if (connection.prelude && connection.prelude->state() == ServerPrelude::State::talking) {
        std::string replies;
        const ServerPrelude::State state = connection.prelude->feed(bytes, replies);
        connection.out += replies;
        flush(connection);
        if (state == ServerPrelude::State::failed) {
          drop(connection, &ListenCounts::prelude_failed);
          return;
        }
        if (state == ServerPrelude::State::upgrade) {
          const std::vector<uint8_t>& start = connection.prelude->tls_start();
          connection.tls.insert(connection.tls.end(), start.begin(), start.end());
          if (!connection.tls.empty()) examine(connection);
        }
        continue;
      }
      const std::size_t room = kMaxTlsBytes - std::min(kMaxTlsBytes, connection.tls.size());
      const std::size_t take = std::min(room, bytes.size());
      connection.tls.insert(connection.tls.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
      examine(connection);
      if (!connection.closed && !connection.refused && connection.tls.size() >= kMaxTlsBytes) {
        drop(connection, &ListenCounts::malformed);
      }
    }
  }

  void examine(Connection& connection) {
    codec::ClientHelloInfo hello;
    std::size_t consumed = 0;
    std::string why;
    switch (codec::parse_client_hello_stream(connection.tls, hello, consumed, why)) {
      case codec::ClientHelloStatus::need_more: return;
      case codec::ClientHelloStatus::not_tls: drop(connection, &ListenCounts::not_tls); return;
      case codec::ClientHelloStatus::malformed: drop(connection, &ListenCounts::malformed); return;
      case codec::ClientHelloStatus::complete: break;
    }
    connection.refused = true;
    connection.tls.clear();
    connection.tls.shrink_to_fit();
    connection.out += refusal_bytes(hello);
    connection.deadline = std::min(connection.deadline, Clock::now() + kLinger);
    record(connection, hello);
    flush(connection);
  }

  void record(const Connection& connection, const codec::ClientHelloInfo& hello) {
    logs::TlsUseEvent event;
    event.time = connection.time;
    event.client_address = connection.peer;
    event.client_port = connection.peer_port != 0 ? std::optional<uint16_t>(connection.peer_port) : std::nullopt;
    event.server = options_.bind;
    event.server_port = listener_.port;
    if (connection.prelude) {
      event.client_name = connection.prelude->client_name();
      event.resource = std::string(to_string(*options_.starttls));
    }
    // A listener never negotiates: the event's protocol is the best the hello offers. A fallback
    // retry offers less than its best (RFC 7507): logs::uses_legacy_protocol skips it.
    event.protocol = model::version_from_wire(hello.max_version());
    event.protocol_raw = hex::code16(hello.max_version());
    event.client_hello = logs::facts_of(hello);
    event.source_format = "listen";
    event.source_file = outcome_.source;
    event.source_line = connection.number;
    ++outcome_.counts.hellos;
    if (event.client_hello->fallback_retry) ++outcome_.counts.fallback_retries;
    outcome_.summary.add(event);
    if (options_.on_event && !options_.on_event(event)) {
      outcome_.cancelled = true;
      stop_ = true;
    }
    if (options_.count > 0 && outcome_.counts.hellos >= options_.count) {
      outcome_.stopped_by_count = true;
      stop_ = true;
    }
  }

  const ListenOptions& options_;
  ListenOutcome& outcome_;
  platform::Listener listener_;
  std::list<Connection> connections_;
  bool stop_ = false;
};

}  // namespace

std::string refusal_bytes(const codec::ClientHelloInfo& hello) {
  if (hello.sslv2_format) {
    // draft-hickman-netscape-ssl-00: a 2-byte record header (high bit set, length 3), then
    // SSL_MT_ERROR (0) and NO-CIPHER-ERROR (0x0001).
    return {"\x80\x03\x00\x00\x01", 5};
  }
  // RFC 5246 §6.2.1 / RFC 8446 §5.1: an alert record (type 21) at the client's record version
  // (SSL 3.0 .. TLS 1.2 record versions; anything else: TLS 1.0's 0x0301), two bytes: level fatal
  // (2), handshake_failure (40) (RFC 8446 §6.2, RFC 5246 §7.2.2).
  uint16_t version = hello.record_version;
  if (version < 0x0300 || version > 0x0304) version = 0x0301;
  std::string record;
  record += '\x15';
  record += static_cast<char>(version >> 8);
  record += static_cast<char>(version & 0xFF);
  record += std::string("\x00\x02\x02\x28", 4);
  return record;
}

ListenOutcome run_listener(const ListenOptions& options) {
  ListenOutcome outcome;
  Loop(options, outcome).run();
  if (outcome.failure) return outcome;
  // The summary's source: connections as lines, hellos as events, garbage as "plain", every
  // other drop (timeout, broken hello, early close, failed prelude) as malformed.
  logs::LogReadStats stats;
  stats.lines = outcome.counts.connections;
  stats.events = outcome.counts.hellos;
  stats.plain = outcome.counts.not_tls;
  stats.malformed =
      outcome.counts.timed_out + outcome.counts.malformed + outcome.counts.closed_early + outcome.counts.prelude_failed;
  outcome.summary.add_source(outcome.source, "listen", stats);
  return outcome;
}

}  // namespace tlsready::capture
