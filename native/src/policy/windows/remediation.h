#pragma once
// Turns the registry_changes of findings into something an administrator can apply:
//  * remediation_reg: a "Windows Registry Editor Version 5.00" file (regedit / reg import), CRLF
//    line ends, ASCII, every change once, keys sorted, each key preceded by a comment naming the
//    findings that asked for it.
//  * remediation_ps1: a PowerShell script with comment-based help, [CmdletBinding(SupportsShouldProcess,
//    ConfirmImpact='High')], one ShouldProcess guard per change (so -WhatIf previews and -Confirm
//    prompts), New-Item -Force for missing keys, New-ItemProperty -PropertyType ... -Force for
//    values, and a restart reminder. Before each change (inside its ShouldProcess guard) it saves the
//    value as found to -BackupPath, a .reg file that `reg import` restores: nothing is written under
//    -WhatIf or when a change is declined.
//  * remediation_undo_reg: the .reg file that undoes remediation_reg, from the `before` state the
//    audit recorded: values as found are written back, values that did not exist are deleted
//    ("Name"=-), and a key that did not exist is removed ([-key]), since the fix created it and all
//    in it. Parent keys the fix had to create stay (empty keys change no TLS setting). A value whose
//    key the export does not cover (state unknown) cannot be restored from the export: the file
//    lists it in a comment and points to the PowerShell backup.
// Both are deterministic: the same findings give byte-identical output. When two findings ask for
// different data for the same value, the first in the given order wins and the file says so.

#include <string>
#include <vector>

#include "model/finding.h"
#include "policy/finding_types.h"

namespace tlsready::policy::windows {

std::string remediation_reg(const std::vector<Finding>& findings);
std::string remediation_ps1(const std::vector<Finding>& findings);
std::string remediation_undo_reg(const std::vector<Finding>& findings);

}  // namespace tlsready::policy::windows
