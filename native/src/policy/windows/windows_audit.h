#pragma once
// The Windows half of the local TLS policy audit: reads SCHANNEL, .NET Framework, WinHTTP and
// WinINet state from a registry (a `reg export`, a JSON snapshot or the live registry), compares
// it with the OS defaults of native/data/windows_*.csv and reports what stops this machine from
// living in a TLS 1.2+ world, each finding with evidence and a machine-applicable registry fix.
//
// Finding ids are stable (tests and reports key on them; ledger native/data/ledgers/finding_ids.csv);
// their severities and words are in the finding catalogue (native/data/findings.csv), and the rule
// files (windows_rules.h) decide which hold:
//   SCHANNEL-TLS12-{CLIENT|SERVER}-DISABLED / -OFF-BY-DEFAULT
//   SCHANNEL-{SSL2|SSL3|TLS10|TLS11}-{CLIENT|SERVER}-ENABLED / -ON-REQUEST
//   SCHANNEL-TLS13-{CLIENT|SERVER}-DISABLED, SCHANNEL-TLS13-{CLIENT|SERVER}-ENABLED-UNSUPPORTED-OS,
//   EXCHANGE-TLS13-{CLIENT|SERVER}-ENABLED
//   SCHANNEL-{TLS10..TLS13}-{CLIENT|SERVER}-HALF-SET, SCHANNEL-{protocol}-{CLIENT|SERVER}-VALUE-INVALID,
//   SCHANNEL-{TLS10..TLS13}-CLIENT-SERVER-MISMATCH
//   SCHANNEL-CIPHER-{NULL|EXPORT|DES|RC2|RC4|3DES}-ENABLED, SCHANNEL-HASH-MD5-ENABLED
//   SCHANNEL-DH-SERVER-MIN-WEAK, SCHANNEL-DH-CLIENT-MIN-WEAK, SCHANNEL-RSA-CLIENT-MIN-WEAK
//   CIPHER-SUITE-ORDER-LEGACY-ONLY, CIPHER-SUITE-ORDER-WEAK-SUITES, CIPHER-SUITE-ORDER-UNKNOWN-SUITES,
//   CIPHER-SUITE-ECC-CURVES-EMPTY
//   DOTNET-{V2|V4}[-WOW64]-STRONG-CRYPTO-MISSING / -SYSTEM-DEFAULT-TLS-MISSING / -VALUE-INVALID,
//   DOTNET-{V2|V4}-WOW64-MISMATCH, DOTNET-NOT-EXPORTED (info)
//   WINHTTP[-WOW64]-DEFAULT-NO-TLS12, WINHTTP[-WOW64]-LEGACY-PROTOCOLS, WINHTTP-WOW64-MISMATCH
//   WININET-NO-TLS12, WININET-LEGACY-PROTOCOLS

#include <optional>
#include <vector>

#include "model/finding.h"
#include "policy/finding_types.h"
#include "policy/windows/dotnet_state.h"
#include "policy/windows/os_version.h"
#include "policy/windows/schannel_state.h"
#include "policy/windows/winhttp_state.h"
#include "policy/windows/wininet_state.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows {

inline constexpr std::string_view kExchangeSetupKey = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\Setup";

struct WindowsAudit {
  WindowsVersion os;
  SchannelState schannel;
  DotNetState dotnet;
  WinHttpState winhttp;
  WinInetState wininet;
  bool exchange_installed = false;  // kExchangeSetupKey present (Exchange 2013/2016/2019/SE)
  std::vector<Finding> findings;    // most severe first, then by id; ids are unique

  const Finding* find(std::string_view id) const;
};

// Audits `registry`. The OS comes from os_override when given, else from the registry's
// HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (throws OsVersionError when neither works).
// Each registry change of the findings carries `before`, the value as `registry` holds it.
WindowsAudit audit_windows(const winreg::Registry& registry, std::optional<WindowsVersion> os_override);

// Sets `before` of every registry change from `registry` (audit_windows does this).
void record_prior_values(const winreg::Registry& registry, std::vector<Finding>& findings);


}  // namespace tlsready::policy::windows
