// remediation_reg / remediation_ps1: exact output for a small input, value forms, conflicts, and
// that the .reg text parses back into the values it promises.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <span>

#include "policy/windows/remediation.h"
#include "policy_windows/registry_builder.h"
#include "winreg/reg_file.h"

using namespace tlsready::policy::windows;
using tlsready::policy::Finding;
using tlsready::policy::RegistryChange;
using tlsready::policy::Severity;

namespace {

const std::string kTls10 =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server";
const std::string kRc4 = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128";
const std::string kPolicy = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";

Finding finding(std::string id, std::vector<RegistryChange> changes) {
  Finding f;
  f.id = std::move(id);
  f.severity = Severity::medium;
  f.title = "t";
  f.registry_changes = std::move(changes);
  return f;
}

tlsready::winreg::Registry parse(const std::string& text) {
  tlsready::winreg::Registry registry;
  auto error = tlsready::winreg::parse_reg_file(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()), registry);
  INFO(text);
  if (error) FAIL("line " << error->line << ": " << error->message);
  return registry;
}

std::vector<Finding> sample() {
  return {
      finding("SCHANNEL-TLS10-SERVER-ENABLED",
              {{kTls10, "Enabled", "REG_DWORD", "0"}, {kTls10, "DisabledByDefault", "REG_DWORD", "1"}}),
      finding("SCHANNEL-CIPHER-RC4-ENABLED", {{kRc4, "Enabled", "REG_DWORD", "0"}}),
      finding("SCHANNEL-TLS10-CLIENT-SERVER-MISMATCH", {{kTls10, "Enabled", "REG_DWORD", "0x0"}}),
  };
}

}  // namespace

TEST_CASE("remediation: exact .reg output", "[policy_windows][remediation]") {
  const std::string expected =
      "Windows Registry Editor Version 5.00\r\n"
      "\r\n"
      "; tlsready remediation: 3 registry values from 3 findings. Review before importing (reg import FILE\r\n"
      "; or regedit /s FILE, elevated). SCHANNEL, cipher suite order and .NET Framework changes take effect\r\n"
      "; after a restart.\r\n"
      "\r\n"
      "; SCHANNEL-CIPHER-RC4-ENABLED\r\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128]\r\n"
      "\"Enabled\"=dword:00000000\r\n"
      "\r\n"
      "; SCHANNEL-TLS10-CLIENT-SERVER-MISMATCH, SCHANNEL-TLS10-SERVER-ENABLED\r\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server]\r\n"
      "\"DisabledByDefault\"=dword:00000001\r\n"
      "\"Enabled\"=dword:00000000\r\n";
  CHECK(remediation_reg(sample()) == expected);
  CHECK(remediation_reg(sample()) == remediation_reg(sample()));
}

TEST_CASE("remediation: .reg value forms parse back", "[policy_windows][remediation]") {
  std::vector<std::string> suites;
  for (int i = 0; i < 12; ++i) suites.push_back("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384_" + std::to_string(i));
  std::string multi;
  for (const auto& s : suites) multi += (multi.empty() ? "" : "\n") + s;
  std::vector<Finding> findings = {
      finding("A", {{kPolicy, "Functions", "REG_SZ", "TLS_A,TLS_B"},
                    {kPolicy, "EccCurves", "REG_MULTI_SZ", multi},
                    {kPolicy, "Old", "delete", ""},
                    {kTls10, "Enabled", "REG_DWORD", "0xFFFFFFFF"},
                    {"HKEY_CURRENT_USER\\Software\\Quote\"Back\\slash", "Path", "REG_SZ", "C:\\x \"y\""}}),
  };
  const std::string reg = remediation_reg(findings);
  CHECK(reg.find("\"Old\"=-\r\n") != std::string::npos);
  CHECK(reg.find("\"Enabled\"=dword:ffffffff\r\n") != std::string::npos);
  CHECK(reg.find("hex(7):") != std::string::npos);
  // Long hex data is wrapped like regedit does.
  for (std::size_t start = 0; start < reg.size();) {
    std::size_t end = reg.find("\r\n", start);
    std::string line = reg.substr(start, end - start);
    if (line.rfind(";", 0) != 0 && line.rfind("[", 0) != 0) CHECK(line.size() <= 80);
    start = end + 2;
  }

  tlsready::winreg::Registry registry = parse(reg);
  auto functions = registry.find_value(kPolicy, "Functions");
  REQUIRE(functions != nullptr);
  CHECK(functions->as_string() == std::optional<std::string>("TLS_A,TLS_B"));
  auto curves = registry.find_value(kPolicy, "EccCurves");
  REQUIRE(curves != nullptr);
  CHECK(curves->as_multi_string() == std::optional<std::vector<std::string>>(suites));
  CHECK(registry.dword(kTls10, "Enabled") == std::optional<uint32_t>(0xFFFFFFFFu));
  auto path = registry.find_value("HKEY_CURRENT_USER\\Software\\Quote\"Back\\slash", "Path");
  REQUIRE(path != nullptr);
  CHECK(path->as_string() == std::optional<std::string>("C:\\x \"y\""));

  // Deleting a value that exists removes it.
  tlsready::winreg::Registry before;
  testing::RegistryBuilder b;
  b.dword(kPolicy, "Old", 1);
  before = b.registry();
  auto error = tlsready::winreg::parse_reg_file(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(reg.data()), reg.size()), before);
  REQUIRE_FALSE(error);
  CHECK(before.find_value(kPolicy, "Old") == nullptr);
}

TEST_CASE("remediation: conflicts, skips and empty input", "[policy_windows][remediation]") {
  std::vector<Finding> findings = {
      finding("FIRST", {{kTls10, "Enabled", "REG_DWORD", "0"}}),
      finding("SECOND", {{kTls10, "enabled", "REG_DWORD", "1"}, {kTls10, "Bad", "REG_DWORD", "twelve"},
                         {kTls10, "Odd", "REG_BINARY", "00"}}),
  };
  const std::string reg = remediation_reg(findings);
  CHECK(reg.find("; conflicting request ignored: SECOND wanted REG_DWORD 1\r\n\"Enabled\"=dword:00000000") !=
        std::string::npos);
  CHECK(reg.find("; skipped (not expressible): SECOND: " + kTls10 + "\\Bad (REG_DWORD 'twelve')") != std::string::npos);
  CHECK(reg.find("\\Odd (REG_BINARY '00')") != std::string::npos);
  CHECK(parse(reg).dword(kTls10, "Enabled") == std::optional<uint32_t>(0u));

  const std::string empty = remediation_reg({});
  CHECK(empty.find("; nothing to change\r\n") != std::string::npos);
  CHECK(parse(empty).keys().empty());
  const std::string ps_empty = remediation_ps1({});
  CHECK(ps_empty.find("Findings addressed: none") != std::string::npos);
  CHECK(ps_empty.find("ShouldProcess(") == std::string::npos);
}

TEST_CASE("remediation: PowerShell script", "[policy_windows][remediation]") {
  std::vector<Finding> findings = sample();
  findings.push_back(finding("POLICY", {{kPolicy, "Functions", "REG_SZ", "TLS_AES_256_GCM_SHA384,O'Brien"},
                                        {kPolicy, "EccCurves", "REG_MULTI_SZ", "curve25519\nNistP256"},
                                        {kPolicy, "Old", "delete", ""}}));
  const std::string ps1 = remediation_ps1(findings);
  CHECK(ps1 == remediation_ps1(findings));
  CHECK(ps1.rfind("<#\r\n.SYNOPSIS\r\n", 0) == 0);
  for (const char* needle : {".DESCRIPTION", ".PARAMETER NoRestartWarning", ".EXAMPLE", ".NOTES", "#>\r\n"}) {
    INFO(needle);
    CHECK(ps1.find(needle) != std::string::npos);
  }
  CHECK(ps1.find("[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]\r\nparam(\r\n") != std::string::npos);
  CHECK(ps1.find("Set-StrictMode -Version Latest") != std::string::npos);

  // One ShouldProcess per value (2 TLS 1.0 + 1 RC4 + 3 policy).
  std::size_t guards = 0;
  for (std::size_t pos = 0; (pos = ps1.find("if ($PSCmdlet.ShouldProcess(", pos)) != std::string::npos; ++pos) ++guards;
  CHECK(guards == 6);

  const std::string tls10 = "'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server'";
  CHECK(ps1.find("if ($PSCmdlet.ShouldProcess('HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\"
                 "Protocols\\TLS 1.0\\Server\\Enabled', 'Set REG_DWORD 0')) {\r\n"
                 "    $item = $null\r\n"
                 "    if (Test-Path -LiteralPath " + tls10 + ") { $item = Get-Item -LiteralPath " + tls10 + " }\r\n"
                 "    $kind = $null; $data = $null\r\n"
                 "    if ($null -ne $item -and @($item.GetValueNames()) -contains 'Enabled') { $kind = "
                 "$item.GetValueKind('Enabled'); $data = $item.GetValue('Enabled', $null, 'DoNotExpandEnvironmentNames') }\r\n"
                 "    Save-TlsReadyBackup -Key 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\"
                 "SCHANNEL\\Protocols\\TLS 1.0\\Server' -Name 'Enabled' -KeyExists ($null -ne $item) -Kind $kind -Data $data\r\n"
                 "    if (-not (Test-Path -LiteralPath " + tls10 + ")) { New-Item -Path " + tls10 + " -Force -Confirm:$false | Out-Null }\r\n"
                 "    New-ItemProperty -LiteralPath " + tls10 + " -Name 'Enabled' -PropertyType DWord -Value 0 -Force -Confirm:$false | Out-Null\r\n"
                 "    $changed++\r\n}") != std::string::npos);
  // '/' in a key name goes through the .NET API (the provider would split the name).
  CHECK(ps1.find("[Microsoft.Win32.Registry]::LocalMachine.CreateSubKey('SYSTEM\\CurrentControlSet\\Control\\"
                 "SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128')") != std::string::npos);
  CHECK(ps1.find("$key.SetValue('Enabled', [int32]0, [Microsoft.Win32.RegistryValueKind]::DWord)") != std::string::npos);
  CHECK(ps1.find("New-Item -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers\\RC4 128/128'") ==
        std::string::npos);
  // String quoting, multi-strings, deletes.
  CHECK(ps1.find("-PropertyType String -Value 'TLS_AES_256_GCM_SHA384,O''Brien' -Force") != std::string::npos);
  CHECK(ps1.find("-PropertyType MultiString -Value @('curve25519', 'NistP256') -Force") != std::string::npos);
  CHECK(ps1.find("Remove-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002' -Name 'Old'") !=
        std::string::npos);
  // Restart reminder.
  CHECK(ps1.find("if ($changed -gt 0 -and -not $NoRestartWarning) {\r\n    Write-Warning") != std::string::npos);
  // Balanced braces and parentheses (outside quoted strings) as a cheap syntax check.
  int braces = 0, parens = 0, lowest = 0;
  bool quoted = false;
  for (char c : ps1) {
    if (c == '\'') quoted = !quoted;
    if (quoted) continue;
    braces += c == '{' ? 1 : c == '}' ? -1 : 0;
    parens += c == '(' ? 1 : c == ')' ? -1 : 0;
    lowest = std::min(lowest, braces);
  }
  CHECK(lowest == 0);
  CHECK(braces == 0);
  CHECK(parens == 0);
}

TEST_CASE("remediation: DWORDs above 0x7FFFFFFF in PowerShell", "[policy_windows][remediation]") {
  const std::string slash = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Test\\A/B";
  const std::string plain = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Test\\AB";
  const std::string ps1 = remediation_ps1({finding("X", {{slash, "V", "REG_DWORD", "4294967295"},
                                                         {plain, "V", "REG_DWORD", "4294967295"}})});
  CHECK(ps1.find("$key.SetValue('V', [int32]-1, [Microsoft.Win32.RegistryValueKind]::DWord)") != std::string::npos);
  CHECK(ps1.find("-PropertyType DWord -Value 0xFFFFFFFF -Force") != std::string::npos);
}

TEST_CASE("remediation: the PowerShell script is native/data/remediation.ps1.in filled in",
          "[policy_windows][remediation]") {
  std::ifstream file(std::string(TLSREADY_SOURCE_DIR) + "/native/data/remediation.ps1.in", std::ios::binary);
  REQUIRE(file);
  std::vector<std::string> template_lines;
  for (std::string line; std::getline(file, line);) {
    if (line.rfind("#%", 0) != 0) template_lines.push_back(line);
  }
  const std::string ps1 =
      remediation_ps1({finding("SCHANNEL-TLS10-SERVER-ENABLED", {{kTls10, "Enabled", "REG_DWORD", "0"}})});
  // Every line ends in CRLF, no template comment or placeholder is left.
  CHECK(ps1.find("#%") == std::string::npos);
  CHECK(ps1.find("@CHANGES@") == std::string::npos);
  CHECK(ps1.find("@DESCRIPTION@") == std::string::npos);
  CHECK(ps1.find("@NOTES@") == std::string::npos);
  CHECK(ps1.find("@SKIPPED@") == std::string::npos);
  std::size_t bare_lf = 0;
  for (std::size_t i = 0; i < ps1.size(); ++i) bare_lf += ps1[i] == '\n' && (i == 0 || ps1[i - 1] != '\r');
  CHECK(bare_lf == 0);
  // The template's other lines appear in order, unchanged.
  std::size_t at = 0;
  for (const std::string& line : template_lines) {
    if (line.size() > 2 && line.front() == '@' && line.back() == '@') continue;
    INFO(line);
    const std::size_t found = ps1.find(line + "\r\n", at);
    REQUIRE(found != std::string::npos);
    at = found + line.size();
  }
  // The per-value block comes from the emitter.
  CHECK(ps1.find("# SCHANNEL-TLS10-SERVER-ENABLED\r\nif ($PSCmdlet.ShouldProcess(") != std::string::npos);
}
