// A finding of the local policy audit: what was found, where, why it matters for a TLS 1.2+
// world, and the exact fix. Same shape for Windows and Linux (and the verdicts to come); its one
// JSON form is model/finding_json.h. The model owns it so both policy rooms and the report share
// one type without a header cycle.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::model {

// Frozen numbers (C ABI; ledger native/data/ledgers/severities.csv, compared by tests/native/ledgers):
// never renumbered, new severities appended, a retired one keeps its number. Order = ascending weight.
enum class Severity : int { info = 0, low = 1, medium = 2, high = 3, critical = 4 };

// "info" ... "critical": the names reports and finding filters use.
constexpr std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "info";
}

// Every severity, in ascending weight (the order of their frozen values).
inline constexpr Severity kAllSeverities[] = {Severity::info, Severity::low, Severity::medium, Severity::high,
                                              Severity::critical};

struct Evidence {
  std::string location;  // registry path + value name, or file path + line ("/etc/ssl/openssl.cnf:12")
  std::string observed;  // "DisabledByDefault = 1 (REG_DWORD)", "absent (OS default: enabled)"
};

// What a registry change will overwrite, as the audited registry held it: what an undo restores.
struct PriorValue {
  enum class State {
    unknown,       // the audited export does not cover the key (neither it nor an ancestor was exported)
    key_absent,    // the key does not exist (an ancestor was exported, and `reg export` writes subtrees)
    value_absent,  // the key exists without the value
    present,       // the value exists: type_code and data hold it, raw
  };
  State state = State::unknown;
  uint32_t type_code = 0;     // REG_* number (winnt.h), when present
  std::vector<uint8_t> data;  // as stored (little-endian numbers, UTF-16LE strings), when present
};

struct RegistryChange {  // one registry value to set (or delete) as part of a fix
  std::string key;       // full path, HKEY_LOCAL_MACHINE\...
  std::string value_name;
  std::string type;        // "REG_DWORD", "REG_SZ", "REG_MULTI_SZ", or "delete"
  std::string data;        // "1", "0xffffffff", text; multi-strings joined with '\n'
  PriorValue before = {};  // filled by the Windows audit from the registry it read
};

struct Finding {
  std::string id;  // stable, e.g. "SCHANNEL-TLS12-CLIENT-DISABLED", "DOTNET-STRONG-CRYPTO-MISSING"
  Severity severity = Severity::info;
  std::string title;  // one line
  std::vector<Evidence> evidence;
  std::string why;                               // why it matters for TLS 1.2+ (M365 and the like)
  std::string fix;                               // what to do, in words
  std::vector<RegistryChange> registry_changes;  // Windows: machine-applicable fix, may be empty
  std::vector<std::string> references;           // documentation the rule follows
};

}  // namespace tlsready::model
