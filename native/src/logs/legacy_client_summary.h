// Who still uses TLS older than 1.2, summarised from TLS-use events of any source: clients by address,
// user agent and the name they give (SMTP EHLO) (counts per protocol, first and last legacy use, the users, sites and
// servers seen with them), by site, by user, and per day. Memory grows with the number of distinct clients, sites,
// users and days, never with the number of events; each client's name lists are capped
// (kMaxNamesPerEntry, with a count of the rest). Not thread-safe: one summary per thread, then merge().
//
// add() runs once per line of multi-GB logs, so it looks entries up in hash maps (keys built in reused
// buffers, copied only for a new entry) and counts protocols in an array; the document sorts.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class LegacyClientSummary {
 public:
  static constexpr std::size_t kMaxNamesPerEntry = 20;

  void add(const TlsUseEvent& event);
  // A file read completely: its reader's statistics, for the document's sources list.
  void add_source(const std::string& file, const std::string& format, const LogReadStats& stats);
  void merge(const LegacyClientSummary& other);

  std::size_t events() const { return events_; }
  std::size_t legacy_events() const { return legacy_events_; }

  // The legacy-clients document (native/schema/legacy-clients.schema.json); lists sorted by legacy
  // uses, most first, each cut at `limit` entries (0: no limit) with the number left off.
  nlohmann::json to_json_document(std::size_t limit = 0) const;

 private:
  // Up to kMaxNamesPerEntry distinct names (sorted in the document); uses of names past the cap are
  // counted, not kept.
  struct Names {
    std::vector<std::string> names;
    std::size_t more = 0;
    void add(std::string_view name);
    void merge(const Names& other);
  };
  // Protocol counts by model::ProtocolVersion in wire order, then the events of no known protocol.
  static constexpr std::size_t kProtocolSlots = 7;
  struct Tally {
    std::size_t uses = 0;
    std::size_t legacy_uses = 0;
    std::array<std::size_t, kProtocolSlots> by_protocol{};
    std::string first_legacy;  // ISO-8601 times of the legacy uses
    std::string last_legacy;
    void add(const TlsUseEvent& event, std::size_t protocol_slot, bool legacy);
    void merge(const Tally& other);
  };
  struct Entry {
    Tally tally;
    Names users, sites, servers, user_agents;
  };
  struct Source {
    std::string file, format;
    LogReadStats stats;
  };

  std::size_t events_ = 0;
  std::size_t legacy_events_ = 0;
  Tally totals_;
  // Keys: one string; a client's is address, user agent and name joined by '\n' (which no log value holds:
  // readers work line by line).
  template <typename Value>
  using TextMap = std::unordered_map<std::string, Value>;

  std::string client_key_;  // reused to build each event's client key
  std::string day_key_;
  TextMap<Entry> clients_;
  TextMap<Entry> sites_;
  TextMap<Entry> users_;
  TextMap<Tally> days_;  // "YYYY-MM-DD"
  std::vector<Source> sources_;
};

}  // namespace tlsready::logs
