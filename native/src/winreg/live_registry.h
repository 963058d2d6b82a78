// Reads keys of the running machine's registry into a Registry (Windows only).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "winreg/reg_file.h"
#include "winreg/registry_model.h"

namespace tlsready::winreg {

// Copies each root key with all its values and subkeys, e.g.
// "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL". Keys are read from
// the 64-bit view (KEY_WOW64_64KEY); a path through WOW6432Node is read from the 32-bit view
// (KEY_WOW64_32KEY) and stored under the WOW6432Node path, as regedit shows it. A root that
// does not exist adds nothing and is not an error (an absent policy key is a finding, not a
// failure). Any other failure (e.g. access denied) is an error naming the key (line 0).
// On other systems: an error "the live registry is only readable on Windows".
std::optional<RegFileError> read_live_registry(const std::vector<std::string>& roots, Registry& into);

}  // namespace tlsready::winreg
