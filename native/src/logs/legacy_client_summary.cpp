#include "logs/legacy_client_summary.h"

#include "logs/tls_use_event_json.h"

#include <algorithm>
#include <vector>

namespace tlsready::logs {
namespace {

using nlohmann::json;

std::string protocol_key(const TlsUseEvent& event) {
  return event.protocol ? std::string(model::display_name(*event.protocol)) : "unknown";
}

json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(valid_utf8(text)); }

}  // namespace

void LegacyClientSummary::Names::add(const std::string& name) {
  if (name.empty() || names.count(name)) return;
  if (names.size() < kMaxNamesPerEntry)
    names.insert(name);
  else
    ++more;
}

void LegacyClientSummary::Names::merge(const Names& other) {
  for (const std::string& name : other.names) add(name);
  more += other.more;
}

void LegacyClientSummary::Tally::add(const TlsUseEvent& event) {
  ++uses;
  ++by_protocol[protocol_key(event)];
  if (!uses_legacy_protocol(event)) return;
  ++legacy_uses;
  if (!event.time.empty()) {
    if (first_legacy.empty() || event.time < first_legacy) first_legacy = event.time;
    if (last_legacy.empty() || event.time > last_legacy) last_legacy = event.time;
  }
}

void LegacyClientSummary::Tally::merge(const Tally& other) {
  uses += other.uses;
  legacy_uses += other.legacy_uses;
  for (const auto& [protocol, count] : other.by_protocol) by_protocol[protocol] += count;
  if (!other.first_legacy.empty() && (first_legacy.empty() || other.first_legacy < first_legacy))
    first_legacy = other.first_legacy;
  if (!other.last_legacy.empty() && (last_legacy.empty() || other.last_legacy > last_legacy))
    last_legacy = other.last_legacy;
}

void LegacyClientSummary::add(const TlsUseEvent& event) {
  ++events_;
  if (uses_legacy_protocol(event)) ++legacy_events_;
  totals_.add(event);
  Entry& client = clients_[{event.client_address, event.user_agent, event.client_name}];
  client.tally.add(event);
  client.users.add(event.user);
  client.sites.add(event.site);
  client.servers.add(event.server);
  if (!event.site.empty()) {
    Entry& site = sites_[event.site];
    site.tally.add(event);
    site.servers.add(event.server);
    site.users.add(event.user);
  }
  if (!event.user.empty()) {
    Entry& user = users_[event.user];
    user.tally.add(event);
    user.user_agents.add(event.user_agent);
    user.sites.add(event.site);
  }
  if (event.time.size() >= 10) days_[event.time.substr(0, 10)].add(event);
}

void LegacyClientSummary::add_source(const std::string& file, const std::string& format, const LogReadStats& stats) {
  sources_.push_back({file, format, stats});
}

void LegacyClientSummary::merge(const LegacyClientSummary& other) {
  events_ += other.events_;
  legacy_events_ += other.legacy_events_;
  totals_.merge(other.totals_);
  const auto merge_entry = [](Entry& into, const Entry& from) {
    into.tally.merge(from.tally);
    into.users.merge(from.users);
    into.sites.merge(from.sites);
    into.servers.merge(from.servers);
    into.user_agents.merge(from.user_agents);
  };
  for (const auto& [key, entry] : other.clients_) merge_entry(clients_[key], entry);
  for (const auto& [key, entry] : other.sites_) merge_entry(sites_[key], entry);
  for (const auto& [key, entry] : other.users_) merge_entry(users_[key], entry);
  for (const auto& [day, tally] : other.days_) days_[day].merge(tally);
  sources_.insert(sources_.end(), other.sources_.begin(), other.sources_.end());
}

namespace {

json tally_json(const auto& tally) {
  json by_protocol = json::object();
  for (const auto& [protocol, count] : tally.by_protocol) by_protocol[protocol] = count;
  return {{"uses", tally.uses},
          {"legacy_uses", tally.legacy_uses},
          {"protocols", by_protocol},
          {"first_legacy_use", or_null(tally.first_legacy)},
          {"last_legacy_use", or_null(tally.last_legacy)}};
}

json names_json(const auto& names) {
  json list = json::array();
  for (const std::string& name : names.names) list.push_back(valid_utf8(name));
  return {{"names", list}, {"more", names.more}};
}

// Entries with legacy uses, most first (ties: most uses, then key order), cut at `limit`.
template <typename Map, typename Describe>
json legacy_list(const Map& entries, std::size_t limit, Describe describe) {
  std::vector<const typename Map::value_type*> legacy;
  for (const auto& item : entries)
    if (item.second.tally.legacy_uses > 0) legacy.push_back(&item);
  std::stable_sort(legacy.begin(), legacy.end(), [](const auto* a, const auto* b) {
    if (a->second.tally.legacy_uses != b->second.tally.legacy_uses)
      return a->second.tally.legacy_uses > b->second.tally.legacy_uses;
    return a->second.tally.uses > b->second.tally.uses;
  });
  const std::size_t shown = limit == 0 ? legacy.size() : std::min(limit, legacy.size());
  json items = json::array();
  for (std::size_t i = 0; i < shown; ++i) items.push_back(describe(*legacy[i]));
  return {{"items", items}, {"left_off", legacy.size() - shown}};
}

}  // namespace

json LegacyClientSummary::to_json_document(std::size_t limit) const {
  json document = json::object();
  document["schema_version"] = "1.0";
  json sources = json::array();
  for (const Source& source : sources_)
    sources.push_back(
        {{"file", valid_utf8(source.file)}, {"format", source.format}, {"read", logs::to_json_document(source.stats)}});
  document["sources"] = sources;
  document["totals"] = tally_json(totals_);
  document["clients"] = legacy_list(clients_, limit, [](const auto& item) {
    json entry = tally_json(item.second.tally);
    entry["client_address"] = or_null(std::get<0>(item.first));
    entry["user_agent"] = or_null(std::get<1>(item.first));
    entry["client_name"] = or_null(std::get<2>(item.first));
    entry["users"] = names_json(item.second.users);
    entry["sites"] = names_json(item.second.sites);
    entry["servers"] = names_json(item.second.servers);
    return entry;
  });
  document["sites"] = legacy_list(sites_, limit, [](const auto& item) {
    json entry = tally_json(item.second.tally);
    entry["site"] = valid_utf8(item.first);
    entry["servers"] = names_json(item.second.servers);
    entry["users"] = names_json(item.second.users);
    return entry;
  });
  document["users"] = legacy_list(users_, limit, [](const auto& item) {
    json entry = tally_json(item.second.tally);
    entry["user"] = valid_utf8(item.first);
    entry["user_agents"] = names_json(item.second.user_agents);
    entry["sites"] = names_json(item.second.sites);
    return entry;
  });
  json days = json::array();
  for (const auto& [day, tally] : days_) {
    json entry = tally_json(tally);
    entry["day"] = day;
    days.push_back(entry);
  }
  document["days"] = days;
  return document;
}

}  // namespace tlsready::logs
