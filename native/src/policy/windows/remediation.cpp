#include "policy/windows/remediation.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/hex.h"
#include "policy/windows/embedded_data.h"
#include "policy/windows/reg_read.h"
#include "winreg/registry_model.h"
#include "winreg/text_decoding.h"

namespace tlsready::policy::windows {

namespace {

constexpr const char* kCrlf = "\r\n";

struct PlannedValue {
  std::string name;
  std::string type;  // REG_DWORD, REG_SZ, REG_MULTI_SZ, delete
  std::string data;
  std::set<std::string> finding_ids;
  std::vector<std::string> conflicts;  // "ID wanted REG_DWORD 1"
  PriorValue before;                   // what the value was in the audited registry
};

struct PlannedKey {
  std::string path;  // as first written
  std::vector<PlannedValue> values;  // first-seen order, sorted before output
  std::set<std::string> finding_ids;
};

struct Plan {
  std::map<std::string, PlannedKey> keys;  // by normalized path
  std::vector<std::string> skipped;        // changes that could not be expressed
  std::set<std::string> finding_ids;
  std::size_t value_count = 0;
};

std::optional<uint32_t> parse_dword(const std::string& text) {
  const std::string t = detail::trim(text);
  if (t.empty()) return std::nullopt;
  int base = 10;
  std::size_t start = 0;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    base = 16;
    start = 2;
  }
  uint64_t value = 0;
  for (std::size_t i = start; i < t.size(); ++i) {
    char c = t[i];
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    if (value > 0xFFFFFFFFull) return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string describe_change(const PlannedValue& value) {
  if (value.type == "delete") return "delete";
  return value.type + " " + value.data;
}

Plan make_plan(const std::vector<Finding>& findings) {
  Plan plan;
  for (const Finding& finding : findings) {
    for (const RegistryChange& change : finding.registry_changes) {
      const bool known_type = change.type == "REG_DWORD" || change.type == "REG_SZ" || change.type == "REG_MULTI_SZ" ||
                              change.type == "delete";
      if (!known_type || change.key.empty() || (change.type == "REG_DWORD" && !parse_dword(change.data))) {
        plan.skipped.push_back(finding.id + ": " + change.key + "\\" + change.value_name + " (" + change.type + " '" +
                               change.data + "')");
        continue;
      }
      plan.finding_ids.insert(finding.id);
      const std::string normalized = winreg::Registry::normalize(change.key);
      PlannedKey& key = plan.keys[normalized];
      if (key.path.empty()) key.path = change.key;
      key.finding_ids.insert(finding.id);
      auto it = std::find_if(key.values.begin(), key.values.end(),
                             [&](const PlannedValue& v) { return detail::iequals(v.name, change.value_name); });
      PlannedValue candidate{change.value_name, change.type, change.data, {finding.id}, {}, change.before};
      if (change.type == "REG_DWORD") candidate.data = std::to_string(*parse_dword(change.data));
      if (it == key.values.end()) {
        key.values.push_back(std::move(candidate));
        ++plan.value_count;
        continue;
      }
      if (it->type == candidate.type && it->data == candidate.data) {
        it->finding_ids.insert(finding.id);
      } else {
        it->conflicts.push_back(finding.id + " wanted " + describe_change(candidate));
      }
    }
  }
  for (auto& [normalized, key] : plan.keys) {
    std::stable_sort(key.values.begin(), key.values.end(), [](const PlannedValue& a, const PlannedValue& b) {
      return detail::to_lower_ascii(a.name) < detail::to_lower_ascii(b.name);
    });
  }
  return plan;
}

// ---- .reg -------------------------------------------------------------------------------------

std::string reg_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string reg_hex(const std::string& prefix, const std::vector<uint8_t>& bytes) {
  // regedit style: lines of at most ~80 characters, continued with a backslash, next lines indented.
  std::string out = prefix;
  std::size_t line_length = out.size();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string token = hex::digits(bytes[i], 2, hex::Case::lower);
    if (i + 1 < bytes.size()) token += ',';
    if (line_length + token.size() > 77 && i + 1 < bytes.size()) {
      out += "\\";
      out += kCrlf;
      out += "  ";
      line_length = 2;
    }
    out += token;
    line_length += token.size();
  }
  return out;
}

std::vector<uint8_t> utf16le_multi_sz(const std::vector<std::string>& items) {
  std::vector<uint8_t> bytes;
  for (const std::string& item : items) {
    // Items are ASCII in practice (cipher suite and curve names); other bytes pass through as
    // Latin-1 code units, which keeps the output well-formed.
    for (unsigned char c : item) {
      bytes.push_back(c);
      bytes.push_back(0);
    }
    bytes.push_back(0);
    bytes.push_back(0);
  }
  bytes.push_back(0);
  bytes.push_back(0);
  return bytes;
}

std::string reg_value_line(const PlannedValue& value) {
  const std::string name = value.name.empty() ? "@" : reg_quote(value.name);
  if (value.type == "delete") return name + "=-";
  if (value.type == "REG_DWORD") {
    return name + "=dword:" + hex::digits(*parse_dword(value.data), 8, hex::Case::lower);
  }
  if (value.type == "REG_SZ") return name + "=" + reg_quote(value.data);
  return reg_hex(name + "=hex(7):", utf16le_multi_sz(split_lines(value.data)));
}

// The value as it was, in .reg syntax: dword: and "text" where they say exactly the same, hex(N):
// with the raw bytes otherwise (any type, any data, so the restore is exact).
std::string reg_prior_value_line(const std::string& name, const PriorValue& before) {
  const std::string shown = name.empty() ? "@" : reg_quote(name);
  if (before.state != PriorValue::State::present) return shown + "=-";
  const auto type = static_cast<winreg::ValueType>(before.type_code);
  winreg::Value value{name, type, before.data};
  if (type == winreg::ValueType::dword && before.data.size() == 4) {
    return shown + "=dword:" + hex::digits(*value.as_dword(), 8, hex::Case::lower);
  }
  if (type == winreg::ValueType::sz) {
    if (auto text = value.as_string()) {
      const bool plain = std::all_of(text->begin(), text->end(), [](char c) { return c >= 0x20 && c < 0x7F; });
      std::vector<uint8_t> encoded = winreg::utf8_to_utf16le(*text);
      encoded.push_back(0);
      encoded.push_back(0);
      if (plain && encoded == before.data) return shown + "=" + reg_quote(*text);
    }
  }
  static const char* kHexDigit = "0123456789abcdef";
  std::string prefix = "hex";
  if (type != winreg::ValueType::binary) {
    std::string code;
    for (uint32_t v = before.type_code; v != 0 || code.empty(); v >>= 4) code.insert(code.begin(), kHexDigit[v & 0x0F]);
    prefix += "(" + code + ")";
  }
  return reg_hex(shown + "=" + prefix + ":", before.data);
}

// ---- PowerShell -------------------------------------------------------------------------------

std::string ps_path(const std::string& key) {
  const std::string normalized = winreg::Registry::normalize(key);
  auto rest = [&](std::size_t hive_length) { return key.size() > hive_length ? key.substr(hive_length) : std::string(); };
  if (normalized.rfind("HKEY_LOCAL_MACHINE", 0) == 0) return "HKLM:" + rest(std::string("HKEY_LOCAL_MACHINE").size());
  if (normalized.rfind("HKEY_CURRENT_USER", 0) == 0) return "HKCU:" + rest(std::string("HKEY_CURRENT_USER").size());
  return "Registry::" + key;
}

std::string ps_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string ps_value(const PlannedValue& value) {
  if (value.type == "REG_DWORD") {
    const uint32_t v = *parse_dword(value.data);
    return v > 65535 ? detail::hex32(v) : std::to_string(v);
  }
  if (value.type == "REG_SZ") return ps_quote(value.data);
  std::string out = "@(";
  std::vector<std::string> items = split_lines(value.data);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += ps_quote(items[i]);
  }
  return out + ")";
}

// [Microsoft.Win32.Registry]::LocalMachine etc. for the key's hive, and the path below it.
std::string ps_base_key(const std::string& key) {
  const std::string normalized = winreg::Registry::normalize(key);
  if (normalized.rfind("HKEY_LOCAL_MACHINE", 0) == 0) return "[Microsoft.Win32.Registry]::LocalMachine";
  if (normalized.rfind("HKEY_CURRENT_USER", 0) == 0) return "[Microsoft.Win32.Registry]::CurrentUser";
  if (normalized.rfind("HKEY_USERS", 0) == 0) return "[Microsoft.Win32.Registry]::Users";
  return "[Microsoft.Win32.Registry]::ClassesRoot";
}

std::string ps_subkey(const std::string& key) {
  const std::size_t slash = key.find('\\');
  return slash == std::string::npos ? std::string() : key.substr(slash + 1);
}

std::string ps_dotnet_value(const PlannedValue& value) {
  if (value.type == "REG_DWORD") {
    // RegistryKey.SetValue takes a signed Int32 for a DWORD.
    const int64_t v = static_cast<int64_t>(*parse_dword(value.data));
    return "[int32]" + std::to_string(v > 0x7FFFFFFF ? v - 0x100000000LL : v);
  }
  if (value.type == "REG_SZ") return ps_quote(value.data);
  return "[string[]]" + ps_value(value);
}

std::string ps_property_type(const std::string& type) {
  if (type == "REG_DWORD") return "DWord";
  if (type == "REG_SZ") return "String";
  return "MultiString";
}

void append_comment_block(std::string& out, const std::string& prefix, const std::string& text, std::size_t width) {
  // Wraps `text` at spaces into lines of at most `width` characters, each starting with `prefix`.
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t space = text.find(' ', start);
    if (space == std::string::npos) space = text.size();
    std::string word = text.substr(start, space - start);
    start = space + 1;
    if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > width) {
      out += prefix + line + kCrlf;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += prefix + line + kCrlf;
}

}  // namespace

std::string remediation_reg(const std::vector<Finding>& findings) {
  const Plan plan = make_plan(findings);
  std::string out = "Windows Registry Editor Version 5.00";
  out += kCrlf;
  out += kCrlf;
  append_comment_block(out, "; ",
                       "tlsready remediation: " + std::to_string(plan.value_count) + " registry value" +
                           (plan.value_count == 1 ? "" : "s") + " from " + std::to_string(plan.finding_ids.size()) +
                           " finding" + (plan.finding_ids.size() == 1 ? "" : "s") +
                           ". Review before importing (reg import FILE or regedit /s FILE, elevated). SCHANNEL, "
                           "cipher suite order and .NET Framework changes take effect after a restart.",
                       100);
  for (const std::string& skipped : plan.skipped) out += "; skipped (not expressible): " + skipped + kCrlf;
  if (plan.keys.empty()) out += std::string("; nothing to change") + kCrlf;
  for (const auto& [normalized, key] : plan.keys) {
    out += kCrlf;
    append_comment_block(out, "; ",
                         detail::join(std::vector<std::string>(key.finding_ids.begin(), key.finding_ids.end()), ", "),
                         100);
    out += "[" + key.path + "]" + kCrlf;
    for (const PlannedValue& value : key.values) {
      for (const std::string& conflict : value.conflicts) {
        out += "; conflicting request ignored: " + conflict + kCrlf;
      }
      out += reg_value_line(value) + kCrlf;
    }
  }
  return out;
}

std::string remediation_undo_reg(const std::vector<Finding>& findings) {
  const Plan plan = make_plan(findings);
  std::vector<std::string> unknown;
  std::size_t restored = 0;
  std::string body;
  for (const auto& [normalized, key] : plan.keys) {
    const bool created = std::any_of(key.values.begin(), key.values.end(), [](const PlannedValue& v) {
      return v.before.state == PriorValue::State::key_absent;
    });
    if (created) {
      // The key did not exist, so everything in it is the fix's: remove it (with its subkeys).
      body += kCrlf;
      body += "; the fix creates this key" + std::string(kCrlf);
      body += "[-" + key.path + "]" + kCrlf;
      restored += key.values.size();
      continue;
    }
    std::string lines;
    for (const PlannedValue& value : key.values) {
      if (value.before.state == PriorValue::State::unknown) {
        unknown.push_back(key.path + "\\" + (value.name.empty() ? "(default)" : value.name));
        continue;
      }
      lines += reg_prior_value_line(value.name, value.before) + kCrlf;
      ++restored;
    }
    if (lines.empty()) continue;
    body += kCrlf;
    body += "[" + key.path + "]" + kCrlf;
    body += lines;
  }
  std::string out = "Windows Registry Editor Version 5.00";
  out += kCrlf;
  out += kCrlf;
  append_comment_block(
      out, "; ",
      "tlsready undo: puts back the " + std::to_string(restored) + " registry value" + (restored == 1 ? "" : "s") +
          " that the matching tlsready remediation changes, as the audited export held them (reg import FILE, "
          "elevated). Values that did not exist are deleted; keys that did not exist are removed with everything in "
          "them, because the fix created them; parent keys the fix had to create stay, empty, which changes "
          "nothing. Restart afterwards, as after the fix.",
      100);
  for (const std::string& item : unknown) {
    out += "; not restorable from the export (it does not contain this key or a parent of it): " + item + kCrlf;
  }
  if (!unknown.empty()) {
    append_comment_block(out, "; ",
                         "For those, export the keys before applying the fix, or use the backup that the "
                         "PowerShell remediation writes (-BackupPath) as it changes each value.",
                         100);
  }
  if (plan.keys.empty()) out += std::string("; nothing to undo") + kCrlf;
  return out + body;
}

namespace {

// The @CHANGES@ of the template: one ShouldProcess-guarded block per planned value.
void append_ps1_changes(std::string& out, const Plan& plan) {
  for (const auto& [normalized, key] : plan.keys) {
    const std::string path = ps_quote(ps_path(key.path));
    for (const PlannedValue& value : key.values) {
      out += kCrlf;
      out += "# " + detail::join(std::vector<std::string>(value.finding_ids.begin(), value.finding_ids.end()), ", ") + kCrlf;
      for (const std::string& conflict : value.conflicts) out += "# conflicting request ignored: " + conflict + kCrlf;
      const std::string target = ps_quote(ps_path(key.path) + "\\" + (value.name.empty() ? "(default)" : value.name));
      const std::string action =
          value.type == "delete" ? std::string("Delete registry value")
                                 : "Set " + value.type + " " + (value.type == "REG_DWORD" ? ps_value(value) : std::string("value"));
      out += "if ($PSCmdlet.ShouldProcess(" + target + ", " + ps_quote(action) + ")) {" + kCrlf;
      const std::string backup_call = "    Save-TlsReadyBackup -Key " + ps_quote(key.path) + " -Name " + ps_quote(value.name) +
                                      " -KeyExists ($null -ne $item) -Kind $kind -Data $data" + kCrlf;
      const std::string read_prior = "    $kind = $null; $data = $null" + std::string(kCrlf) +
                                     "    if ($null -ne $item -and @($item.GetValueNames()) -contains " + ps_quote(value.name) +
                                     ") { $kind = $item.GetValueKind(" + ps_quote(value.name) + "); $data = $item.GetValue(" +
                                     ps_quote(value.name) + ", $null, 'DoNotExpandEnvironmentNames') }" + kCrlf;
      if (key.path.find('/') != std::string::npos) {
        // The registry provider treats '/' as a path separator ("RC4 128/128" would become two
        // keys), so such keys go through the .NET registry API instead of New-Item/New-ItemProperty.
        const std::string base = ps_base_key(key.path);
        const std::string sub = ps_quote(ps_subkey(key.path));
        out += "    # '/' in the key name: the registry provider would split it, so use the .NET API" + std::string(kCrlf);
        out += "    $item = " + base + ".OpenSubKey(" + sub + ")" + kCrlf;
        out += read_prior;
        out += "    if ($null -ne $item) { $item.Close() }" + std::string(kCrlf);
        out += backup_call;
        if (value.type == "delete") {
          out += "    $key = " + base + ".OpenSubKey(" + sub + ", $true)" + kCrlf;
          out += "    if ($null -ne $key) {" + std::string(kCrlf);
          out += "        try { if ($null -ne $key.GetValue(" + ps_quote(value.name) + ")) { $key.DeleteValue(" +
                 ps_quote(value.name) + "); $changed++ } } finally { $key.Close() }" + kCrlf;
          out += "    }" + std::string(kCrlf);
        } else {
          out += "    $key = " + base + ".CreateSubKey(" + sub + ")" + kCrlf;
          out += "    try { $key.SetValue(" + ps_quote(value.name) + ", " + ps_dotnet_value(value) +
                 ", [Microsoft.Win32.RegistryValueKind]::" + ps_property_type(value.type) + ") } finally { $key.Close() }" +
                 kCrlf;
          out += "    $changed++" + std::string(kCrlf);
        }
        out += "}" + std::string(kCrlf);
        continue;
      }
      out += "    $item = $null" + std::string(kCrlf);
      out += "    if (Test-Path -LiteralPath " + path + ") { $item = Get-Item -LiteralPath " + path + " }" + kCrlf;
      out += read_prior;
      out += backup_call;
      if (value.type == "delete") {
        out += "    if ((Test-Path -LiteralPath " + path + ") -and ($null -ne (Get-ItemProperty -LiteralPath " + path +
               " -Name " + ps_quote(value.name) + " -ErrorAction SilentlyContinue))) {" + kCrlf;
        out += "        Remove-ItemProperty -LiteralPath " + path + " -Name " + ps_quote(value.name) + " -Confirm:$false" +
               kCrlf;
        out += std::string("        $changed++") + kCrlf;
        out += std::string("    }") + kCrlf;
        out += std::string("}") + kCrlf;
        continue;
      }
      // The script's ShouldProcess above already asked; -Confirm on the script lowers
      // $ConfirmPreference for the cmdlets inside, which would ask again for every value.
      out += "    if (-not (Test-Path -LiteralPath " + path + ")) { New-Item -Path " + path +
             " -Force -Confirm:$false | Out-Null }" + kCrlf;
      out += "    New-ItemProperty -LiteralPath " + path + " -Name " + ps_quote(value.name) + " -PropertyType " +
             ps_property_type(value.type) + " -Value " + ps_value(value) + " -Force -Confirm:$false | Out-Null" + kCrlf;
      out += std::string("    $changed++") + kCrlf;
      out += std::string("}") + kCrlf;
    }
  }
}

std::string ps1_description(const Plan& plan, std::size_t finding_count) {
  return "Generated by tlsready: sets " + std::to_string(plan.value_count) + " registry value" +
         (plan.value_count == 1 ? "" : "s") + " to address " + std::to_string(finding_count) + " finding" +
         (finding_count == 1 ? "" : "s") +
         ". Every change goes through ShouldProcess: run with -WhatIf to preview, answer each "
         "prompt, or pass -Confirm:$false to apply all. Run from an elevated PowerShell. SCHANNEL, "
         "cipher suite order and .NET Framework changes take effect after a restart.";
}

}  // namespace

// Fills native/data/remediation.ps1.in: its lines as they are (CRLF), an @NAME@ line by what it names.
std::string remediation_ps1(const std::vector<Finding>& findings) {
  const Plan plan = make_plan(findings);
  const std::vector<std::string> ids(plan.finding_ids.begin(), plan.finding_ids.end());
  std::string out;
  std::vector<std::string> lines = split_lines(std::string(registry::embedded::remediation_ps1_template()));
  if (!lines.empty() && lines.back().empty()) lines.pop_back();  // the file's last line end
  for (const std::string& line : lines) {
    if (line.rfind("#%", 0) == 0) continue;  // template comment
    if (line == "@DESCRIPTION@") {
      append_comment_block(out, "    ", ps1_description(plan, ids.size()), 100);
    } else if (line == "@NOTES@") {
      append_comment_block(out, "    ",
                           "Findings addressed: " + (ids.empty() ? std::string("none") : detail::join(ids, ", ")), 100);
    } else if (line == "@SKIPPED@") {
      for (const std::string& skipped : plan.skipped) out += "    Skipped (not expressible): " + skipped + kCrlf;
    } else if (line == "@CHANGES@") {
      append_ps1_changes(out, plan);
    } else {
      out += line + kCrlf;
    }
  }
  return out;
}

}  // namespace tlsready::policy::windows
