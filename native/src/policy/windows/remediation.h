#pragma once
// Turns the registry_changes of findings into something an administrator can apply:
//  * remediation_reg: a "Windows Registry Editor Version 5.00" file (regedit / reg import), CRLF
//    line ends, ASCII, every change once, keys sorted, each key preceded by a comment naming the
//    findings that asked for it.
//  * remediation_ps1: a PowerShell script with comment-based help, [CmdletBinding(SupportsShouldProcess,
//    ConfirmImpact='High')], one ShouldProcess guard per change (so -WhatIf previews and -Confirm
//    prompts), New-Item -Force for missing keys, New-ItemProperty -PropertyType ... -Force for
//    values, and a restart reminder.
// Both are deterministic: the same findings give byte-identical output. When two findings ask for
// different data for the same value, the first in the given order wins and the file says so.

#include <string>
#include <vector>

#include "policy/finding.h"

namespace tlsready::policy::windows {

std::string remediation_reg(const std::vector<Finding>& findings);
std::string remediation_ps1(const std::vector<Finding>& findings);

}  // namespace tlsready::policy::windows
