# The assertion helper of tests/powershell/*.Tests.ps1 (run by `run.sh run-tests`, see README.md).
# Pester-like on purpose, so a later move to Pester is a search and replace:
#   Describe 'group' { It 'does X' { Assert-Equal 2 (1 + 1) } }
# Each It emits one TlsReady.TestResult object; the host counts them. Uses only the language and
# Microsoft.PowerShell.Core, because that is all the hosted engine has.

Set-StrictMode -Version Latest

$script:Groups = [System.Collections.Generic.List[string]]::new()

function Describe {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Mandatory, Position = 1)][scriptblock]$Body
    )
    $script:Groups.Add($Name)
    try { & $Body } finally { $script:Groups.RemoveAt($script:Groups.Count - 1) }
}

function It {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Mandatory, Position = 1)][scriptblock]$Body
    )
    $full = ((@($script:Groups) + $Name) -join ' > ')
    $filter = $ExecutionContext.SessionState.PSVariable.GetValue('global:TlsReadyTestFilter')
    if ($filter -and $full -notlike "*$filter*") { return }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $message = $null
    try {
        $null = & $Body
        $passed = $true
    } catch {
        $passed = $false
        # point at the test's line, not at the Assert-* function that threw
        $where = @("$($_.ScriptStackTrace)" -split "`r?`n" | Where-Object { $_ -and $_ -notmatch 'Assert\.psm1: line|<No file>' })
        $message = if ($where.Count -gt 0) { "$($_.Exception.Message)`n$($where[0])" } else { "$($_.Exception.Message)`n$($_.InvocationInfo.PositionMessage)" }
    }
    [pscustomobject]@{
        PSTypeName   = 'TlsReady.TestResult'
        Name         = $full
        Passed       = $passed
        Message      = $message
        Milliseconds = $watch.ElapsedMilliseconds
    }
}

function Format-Value($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [System.Collections.IEnumerable]) { return '@(' + ((@($Value) | ForEach-Object { Format-Value $_ }) -join ', ') + ')' }
    return "$Value"
}

function Assert-True {
    param([Parameter(Position = 0)]$Condition, [Parameter(Position = 1)][string]$Message = '')
    if (-not $Condition) { throw "Assert-True failed: got $(Format-Value $Condition). $Message".TrimEnd() }
}

function Assert-Equal {
    param([Parameter(Position = 0)]$Expected, [Parameter(Position = 1)]$Actual, [Parameter(Position = 2)][string]$Message = '')
    $same = if ($Expected -is [System.Collections.IEnumerable] -and $Expected -isnot [string]) {
        $e = @($Expected); $a = @($Actual)
        ($e.Count -eq $a.Count) -and -not (0..([Math]::Max($e.Count, 1) - 1) | Where-Object { $_ -lt $e.Count -and $e[$_] -cne $a[$_] })
    } else {
        $Expected -ceq $Actual
    }
    if (-not $same) { throw "Assert-Equal failed: expected $(Format-Value $Expected), got $(Format-Value $Actual). $Message".TrimEnd() }
}

function Assert-Match {
    param([Parameter(Position = 0)][string]$Actual, [Parameter(Position = 1)][string]$Pattern, [Parameter(Position = 2)][string]$Message = '')
    if ($Actual -notmatch $Pattern) { throw "Assert-Match failed: $(Format-Value $Actual) does not match /$Pattern/. $Message".TrimEnd() }
}

function Assert-Throws {
    param([Parameter(Mandatory, Position = 0)][scriptblock]$Body, [Parameter(Position = 1)][string]$Pattern = '')
    try { $null = & $Body } catch {
        if ($Pattern -and $_.Exception.Message -notmatch $Pattern) {
            throw "Assert-Throws: the error '$($_.Exception.Message)' does not match /$Pattern/"
        }
        return
    }
    throw 'Assert-Throws failed: the block did not throw'
}

Export-ModuleMember -Function Describe, It, Assert-True, Assert-Equal, Assert-Match, Assert-Throws
