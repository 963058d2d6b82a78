#include "logs/legacy_client_summary.h"

#include "logs/tls_use_event_json.h"

#include <algorithm>
#include <vector>

namespace tlsready::logs {
namespace {

using nlohmann::json;

// The slot of an event's protocol in Tally::by_protocol: kAllProtocolVersions' order, then unknown.
std::size_t protocol_slot(const TlsUseEvent& event) {
  if (event.protocol)
    for (std::size_t i = 0; i < model::kAllProtocolVersions.size(); ++i)
      if (model::kAllProtocolVersions[i] == *event.protocol) return i;
  return model::kAllProtocolVersions.size();
}

std::string_view slot_name(std::size_t slot) {
  return slot < model::kAllProtocolVersions.size() ? model::display_name(model::kAllProtocolVersions[slot]) : "unknown";
}

json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(valid_utf8(text)); }

// The entry of `key`, made when new: one hash lookup, a key copied only for a new entry.
template <typename Map>
typename Map::mapped_type& entry_of(Map& map, const std::string& key) {
  const auto found = map.find(key);
  if (found != map.end()) return found->second;
  return map.emplace(key, typename Map::mapped_type{}).first->second;
}

// The three parts of a client key (address, user agent, name).
std::array<std::string_view, 3> client_key_parts(std::string_view key) {
  const std::size_t first = key.find('\n');
  const std::size_t second = key.find('\n', first + 1);
  return {key.substr(0, first), key.substr(first + 1, second - first - 1), key.substr(second + 1)};
}

}  // namespace

void LegacyClientSummary::Names::add(std::string_view name) {
  if (name.empty()) return;
  for (const std::string& known : names)
    if (known == name) return;
  if (names.size() < kMaxNamesPerEntry)
    names.emplace_back(name);
  else
    ++more;
}

void LegacyClientSummary::Names::merge(const Names& other) {
  for (const std::string& name : other.names) add(name);
  more += other.more;
}

void LegacyClientSummary::Tally::add(const TlsUseEvent& event, std::size_t protocol_slot, bool legacy) {
  ++uses;
  ++by_protocol[protocol_slot];
  if (!legacy) return;
  ++legacy_uses;
  if (!event.time.empty()) {
    if (first_legacy.empty() || event.time < first_legacy) first_legacy = event.time;
    if (last_legacy.empty() || event.time > last_legacy) last_legacy = event.time;
  }
}

void LegacyClientSummary::Tally::merge(const Tally& other) {
  uses += other.uses;
  legacy_uses += other.legacy_uses;
  for (std::size_t i = 0; i < by_protocol.size(); ++i) by_protocol[i] += other.by_protocol[i];
  if (!other.first_legacy.empty() && (first_legacy.empty() || other.first_legacy < first_legacy))
    first_legacy = other.first_legacy;
  if (!other.last_legacy.empty() && (last_legacy.empty() || other.last_legacy > last_legacy))
    last_legacy = other.last_legacy;
}

void LegacyClientSummary::add(const TlsUseEvent& event) {
  const std::size_t slot = protocol_slot(event);
  const bool legacy = uses_legacy_protocol(event);
  ++events_;
  if (legacy) ++legacy_events_;
  totals_.add(event, slot, legacy);
  client_key_.assign(event.client_address)
      .append(1, '\n')
      .append(event.user_agent)
      .append(1, '\n')
      .append(event.client_name);
  Entry& client = entry_of(clients_, client_key_);
  client.tally.add(event, slot, legacy);
  client.users.add(event.user);
  client.sites.add(event.site);
  client.servers.add(event.server);
  if (!event.site.empty()) {
    Entry& site = entry_of(sites_, event.site);
    site.tally.add(event, slot, legacy);
    site.servers.add(event.server);
    site.users.add(event.user);
  }
  if (!event.user.empty()) {
    Entry& user = entry_of(users_, event.user);
    user.tally.add(event, slot, legacy);
    user.user_agents.add(event.user_agent);
    user.sites.add(event.site);
  }
  if (event.time.size() >= 10) {
    day_key_.assign(event.time, 0, 10);
    entry_of(days_, day_key_).add(event, slot, legacy);
  }
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
  for (const auto& [key, entry] : other.clients_) merge_entry(entry_of(clients_, key), entry);
  for (const auto& [key, entry] : other.sites_) merge_entry(entry_of(sites_, key), entry);
  for (const auto& [key, entry] : other.users_) merge_entry(entry_of(users_, key), entry);
  for (const auto& [day, tally] : other.days_) entry_of(days_, day).merge(tally);
  sources_.insert(sources_.end(), other.sources_.begin(), other.sources_.end());
}

namespace {

json tally_json(const auto& tally) {
  json by_protocol = json::object();
  for (std::size_t slot = 0; slot < tally.by_protocol.size(); ++slot)
    if (tally.by_protocol[slot] > 0) by_protocol[std::string(slot_name(slot))] = tally.by_protocol[slot];
  return {{"uses", tally.uses},
          {"legacy_uses", tally.legacy_uses},
          {"protocols", by_protocol},
          {"first_legacy_use", or_null(tally.first_legacy)},
          {"last_legacy_use", or_null(tally.last_legacy)}};
}

json names_json(const auto& names) {
  std::vector<std::string> sorted = names.names;
  std::sort(sorted.begin(), sorted.end());
  json list = json::array();
  for (const std::string& name : sorted) list.push_back(valid_utf8(name));
  return {{"names", list}, {"more", names.more}};
}

// Entries with legacy uses, most first (ties: most uses, then key order), cut at `limit`.
template <typename Map, typename Describe>
json legacy_list(const Map& entries, std::size_t limit, Describe describe) {
  std::vector<const typename Map::value_type*> legacy;
  for (const auto& item : entries)
    if (item.second.tally.legacy_uses > 0) legacy.push_back(&item);
  std::sort(legacy.begin(), legacy.end(), [](const auto* a, const auto* b) {
    if (a->second.tally.legacy_uses != b->second.tally.legacy_uses)
      return a->second.tally.legacy_uses > b->second.tally.legacy_uses;
    if (a->second.tally.uses != b->second.tally.uses) return a->second.tally.uses > b->second.tally.uses;
    return a->first < b->first;  // hash maps have no order of their own
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
    const auto [address, user_agent, name] = client_key_parts(item.first);
    entry["client_address"] = or_null(std::string(address));
    entry["user_agent"] = or_null(std::string(user_agent));
    entry["client_name"] = or_null(std::string(name));
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
  std::vector<const TextMap<Tally>::value_type*> by_day;
  for (const auto& item : days_) by_day.push_back(&item);
  std::sort(by_day.begin(), by_day.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  json days = json::array();
  for (const auto* item : by_day) {
    json entry = tally_json(item->second);
    entry["day"] = item->first;
    days.push_back(entry);
  }
  document["days"] = days;
  return document;
}

}  // namespace tlsready::logs
