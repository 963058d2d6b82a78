// Who still uses TLS older than 1.2, summarised from TLS-use events of any source: clients by address,
// user agent and the name they give (SMTP EHLO) (counts per protocol, first and last legacy use, the users, sites and
// servers seen with them), by site, by user, and per day. Memory grows with the number of distinct clients, sites,
// users and days, never with the number of events; each client's name lists are capped
// (kMaxNamesPerEntry, with a count of the rest). Not thread-safe: one summary per thread, then merge().
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <tuple>
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
  struct Names {
    std::set<std::string> names;
    std::size_t more = 0;  // distinct names past the cap are counted, not kept
    void add(const std::string& name);
    void merge(const Names& other);
  };
  struct Tally {
    std::size_t uses = 0;
    std::size_t legacy_uses = 0;
    std::map<std::string, std::size_t> by_protocol;  // display name, or "unknown"
    std::string first_legacy;                        // ISO-8601 times of the legacy uses
    std::string last_legacy;
    void add(const TlsUseEvent& event);
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
  std::map<std::tuple<std::string, std::string, std::string>, Entry> clients_;  // (address, user agent, name)
  std::map<std::string, Entry> sites_;
  std::map<std::string, Entry> users_;
  std::map<std::string, Tally> days_;  // "YYYY-MM-DD"
  std::vector<Source> sources_;
};

}  // namespace tlsready::logs
