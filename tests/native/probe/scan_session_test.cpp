// The scan session the fronts poll: results in completion order with their input index, a
// timeout that says "nothing yet" while a slow endpoint runs, a cancel from another thread that
// stops within 200 ms (+ slack) and keeps every finished result, a destructor that joins
// promptly, request errors that name the input, engine exceptions reported by next() instead of
// escaping a thread, and many sessions at once. Loopback servers only; timings are bounds.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/fake_server.h"
#include "probe/paced_tls_server.h"
#include "probe/scan_session.h"

namespace {

using namespace std::chrono_literals;
using tlsready::model::TargetSpec;
using tlsready::probe::ScanOptions;
using tlsready::probe::ScanSession;
using tlsready::test::PacedTlsServer;
using Clock = std::chrono::steady_clock;
using Kind = ScanSession::Next::Kind;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

ScanOptions options_with(std::chrono::milliseconds timeout, unsigned concurrency) {
  ScanOptions options;
  options.timeout = timeout;
  options.concurrency = concurrency;
  options.use_system_trust_store = false;
  return options;
}

// Reads the hello, then says nothing until the server stops (at most 20 s): every probe of it
// waits out its step timeout.
PacedTlsServer::Answer silent() {
  return [](int, const tlsready::test::OfferedHello&, const std::atomic<bool>& stop) {
    for (int i = 0; i < 2000 && !stop; ++i) std::this_thread::sleep_for(10ms);
    return std::string();
  };
}

TargetSpec refused_target() {
  return {"127.0.0.1", tlsready::test::closed_port(), std::nullopt, tlsready::model::StartTls::none};
}
TargetSpec target_of(const PacedTlsServer& server) {
  return {"127.0.0.1", server.port(), std::nullopt, tlsready::model::StartTls::none};
}

// Waits until `session` has completed `count` results (at most `limit`).
bool wait_for_completed(const ScanSession& session, size_t count, std::chrono::milliseconds limit) {
  const auto until = Clock::now() + limit;
  while (session.completed_count() < count) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

}  // namespace

TEST_CASE("a session hands out every result once, in completion order, with its input index", "[probe][session]") {
  PacedTlsServer slow([](int, const tlsready::test::OfferedHello&, const std::atomic<bool>& stop) {
    for (int i = 0; i < 40 && !stop; ++i) std::this_thread::sleep_for(10ms);
    return tlsready::test::alert_record(40);  // RFC 8446 §6.2: handshake_failure, after 400 ms
  });
  const std::vector<TargetSpec> targets{target_of(slow), refused_target(), refused_target()};
  ScanSession session(targets, options_with(3000ms, 3));
  CHECK(session.target_count() == 3);
  std::vector<size_t> order;
  for (;;) {
    const auto next = session.next(5000ms);
    if (next.kind == Kind::finished) break;
    REQUIRE(next.kind == Kind::result);
    REQUIRE(next.result);
    CHECK(next.result->target.port == targets.at(next.index).port);
    CHECK(nlohmann::json::parse(next.document())["target"]["port"] == next.result->target.port);
    order.push_back(next.index);
  }
  REQUIRE(order.size() == 3);
  CHECK(order.back() == 0);  // the slow endpoint, first in the input, finishes last
  CHECK(std::set<size_t>(order.begin(), order.end()).size() == 3);
  CHECK(session.finished());
  CHECK(session.completed_count() == 3);
  CHECK(session.next(0ms).kind == Kind::finished);  // and says so again
}

TEST_CASE("next with a timeout says timed_out while a slow endpoint runs", "[probe][session]") {
  PacedTlsServer server(silent());
  ScanSession session({target_of(server)}, options_with(5000ms, 1));
  const auto start = Clock::now();
  const auto next = session.next(100ms);
  const double took = ms_since(start);
  CHECK(next.kind == Kind::timed_out);
  CHECK_FALSE(next.result);
  CHECK(took >= 90);
  CHECK(took < 100 + 150);
  const auto poll_start = Clock::now();
  CHECK(session.next(0ms).kind == Kind::timed_out);  // 0: just look
  CHECK(ms_since(poll_start) < 50);
  CHECK_FALSE(session.finished());
}

TEST_CASE("a cancel from another thread ends the session within 200 ms and keeps the finished results",
          "[probe][session]") {
  PacedTlsServer server(silent());
  ScanSession session({refused_target(), target_of(server), refused_target(), target_of(server)},
                      options_with(5000ms, 4));
  // The refused endpoints finish at once; nothing is taken from the session before the cancel.
  REQUIRE(wait_for_completed(session, 2, 3000ms));
  std::this_thread::sleep_for(100ms);  // the silent endpoints are inside a probe step now
  Clock::time_point cancelled_at;
  std::thread canceller([&] {
    cancelled_at = Clock::now();
    session.cancel();
  });
  canceller.join();
  std::set<size_t> delivered;
  for (;;) {
    const auto next = session.next(2000ms);
    if (next.kind == Kind::finished) break;
    REQUIRE(next.kind == Kind::result);
    delivered.insert(next.index);
  }
  const double after_cancel = ms_since(cancelled_at);
  CHECK(after_cancel < 200 + 100);
  CHECK(delivered == std::set<size_t>{0, 2});  // finished before the cancel; the cut-short ones are not results
  CHECK(session.cancelled());
  CHECK(session.completed_count() == 2);
}

TEST_CASE("a cancel while another thread waits in next wakes it with finished", "[probe][session]") {
  PacedTlsServer server(silent());
  ScanSession session({target_of(server), target_of(server)}, options_with(5000ms, 2));
  std::this_thread::sleep_for(100ms);
  Clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    cancelled_at = Clock::now();
    session.cancel();
  });
  const auto next = session.next(ScanSession::kWaitForever);
  const double after_cancel = ms_since(cancelled_at);
  canceller.join();
  CHECK(next.kind == Kind::finished);
  CHECK(after_cancel < 200 + 100);
}

TEST_CASE("destroying a running session cancels and joins promptly", "[probe][session]") {
  PacedTlsServer server(silent());
  std::vector<TargetSpec> targets(6, target_of(server));
  auto session = std::make_unique<ScanSession>(targets, options_with(5000ms, 3));
  std::this_thread::sleep_for(150ms);
  const auto start = Clock::now();
  session.reset();
  CHECK(ms_since(start) < 200 + 100);

  // Destroyed at once, before its worker even got going: still no hang and no std::terminate.
  auto instant = std::make_unique<ScanSession>(targets, options_with(5000ms, 3));
  const auto instant_start = Clock::now();
  instant.reset();
  CHECK(ms_since(instant_start) < 200 + 100);
}

TEST_CASE("an invalid scan request is an invalid_argument naming the input", "[probe][session]") {
  using Catch::Contains;
  const auto refused = "\"127.0.0.1:" + std::to_string(tlsready::test::closed_port()) + "\"";
  CHECK_THROWS_AS(ScanSession::from_json("[" + refused + ",{\"host\":\"\"}]", "{}"), std::invalid_argument);
  CHECK_THROWS_WITH(ScanSession::from_json("[" + refused + ",{\"host\":\"\"}]", "{}"), Contains("target 1: "));
  CHECK_THROWS_WITH(ScanSession::from_json("[" + refused + ",\"gopher://x.example/\"]", "{}"),
                    Contains("target 1: ") && Contains("gopher://x.example/"));
  CHECK_THROWS_WITH(ScanSession::from_json("[" + refused + ",", "{}"), Contains("targets: invalid JSON"));
  CHECK_THROWS_WITH(ScanSession::from_json("\"127.0.0.1:1\"", "{}"), Contains("targets must be a JSON array"));
  CHECK_THROWS_WITH(ScanSession::from_json("[" + refused + "]", "{\"timeout\": -1}"), Contains("option 'timeout'"));
  CHECK_THROWS_WITH(ScanSession::from_json("[" + refused + "]", "{\"timout\": 1}"), Contains("'timout'"));
  CHECK_THROWS_WITH(ScanSession::from_json("[" + refused + "]", "{timeout"), Contains("scan options: invalid JSON"));

  auto session = ScanSession::from_json("[" + refused + "]", "{\"timeout\": 1}");
  const auto next = session->next(5000ms);
  REQUIRE(next.kind == Kind::result);
  REQUIRE(next.result->error);
  CHECK(next.result->error->kind == tlsready::FailureKind::connection_refused);
}

TEST_CASE("an engine exception never escapes its thread: next reports it after the results before it",
          "[probe][session]") {
  auto throwing_after_one = [](const std::vector<TargetSpec>& targets, const ScanOptions&,
                               const tlsready::probe::ResultCallback& on_result, std::atomic<bool>*) {
    tlsready::model::EndpointResult result;
    result.target.host = targets[0].host;
    on_result(0, result);
    throw std::runtime_error("engine broke");
  };
  ScanSession session({refused_target(), refused_target()}, ScanOptions{}, throwing_after_one);
  const auto first = session.next(5000ms);
  CHECK(first.kind == Kind::result);  // nothing lost: delivered before the error
  CHECK(first.index == 0);
  CHECK_THROWS_WITH(session.next(5000ms), "engine broke");
  CHECK(session.cancelled());                       // the rest of the scan was stopped
  CHECK(session.next(0ms).kind == Kind::finished);  // reported once

  // Not even something that is no std::exception.
  ScanSession odd({refused_target()}, ScanOptions{},
                  [](const auto&, const auto&, const auto&, std::atomic<bool>*) { throw 42; });
  CHECK_THROWS_AS(odd.next(5000ms), int);

  // Destroyed with the error never taken: nothing escapes the destructor either.
  auto untaken = std::make_unique<ScanSession>(
      std::vector<TargetSpec>{refused_target()}, ScanOptions{},
      [](const auto&, const auto&, const auto&, std::atomic<bool>*) { throw std::runtime_error("never taken"); });
  std::this_thread::sleep_for(20ms);
  untaken.reset();
}

TEST_CASE("a session of no targets is finished at once", "[probe][session]") {
  ScanSession session({}, ScanOptions{});
  CHECK(session.target_count() == 0);
  CHECK(session.next(5000ms).kind == Kind::finished);
  CHECK(session.finished());
}

TEST_CASE("next from several threads hands each result to exactly one of them", "[probe][session]") {
  std::vector<TargetSpec> targets;
  for (int i = 0; i < 12; ++i) targets.push_back(refused_target());
  ScanSession session(targets, options_with(1000ms, 4));
  std::mutex mutex;
  std::multiset<size_t> seen;
  std::vector<std::thread> consumers;
  for (int c = 0; c < 3; ++c) {
    consumers.emplace_back([&] {
      for (;;) {
        const auto next = session.next(5000ms);
        if (next.kind != Kind::result) return;
        std::lock_guard<std::mutex> lock(mutex);
        seen.insert(next.index);
      }
    });
  }
  for (auto& consumer : consumers) consumer.join();
  CHECK(seen.size() == targets.size());
  CHECK(std::set<size_t>(seen.begin(), seen.end()).size() == targets.size());
}

TEST_CASE("many sessions run at once, each with its own results", "[probe][session]") {
  PacedTlsServer server([](int, const tlsready::test::OfferedHello&, const std::atomic<bool>&) {
    return tlsready::test::alert_record(40);
  });
  std::vector<std::unique_ptr<ScanSession>> sessions;
  for (int s = 0; s < 12; ++s) {
    std::vector<TargetSpec> targets{refused_target(), target_of(server), refused_target()};
    sessions.push_back(std::make_unique<ScanSession>(targets, options_with(3000ms, 2)));
  }
  // Half of them cancelled and dropped while running: the others are not disturbed.
  for (int s = 0; s < 12; s += 2) sessions[static_cast<size_t>(s)]->cancel();
  for (size_t s = 0; s < sessions.size(); ++s) {
    std::set<size_t> indexes;
    for (;;) {
      const auto next = sessions[s]->next(10000ms);
      if (next.kind != Kind::result) {
        CHECK(next.kind == Kind::finished);
        break;
      }
      indexes.insert(next.index);
      if (next.index == 1) CHECK(next.result->target.port == server.port());
    }
    if (s % 2 == 1) CHECK(indexes == std::set<size_t>{0, 1, 2});
    sessions[s].reset();
  }
}
