# The native libraries inside the built TlsReady module (powershell/build.sh): runtimes/linux-x64 always,
# runtimes/win-x64 whenever the win-x64 cross build made tlsready.dll (tests/windows/run_wine_tests.sh,
# which CI runs before the module is built; or TLSREADY_WIN_DLL / --win-dll). The Windows DLL cannot be
# loaded here (no Windows .NET under Wine), so its file is checked instead: a PE32+ x64 DLL whose export
# table is exactly the active functions of native/data/ledgers/c_abi_symbols.csv, at the path the
# module's loader (src/Native/NativeLibraryLoader.cs) asks for on Windows x64.
Set-StrictMode -Version Latest
$repo = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::Combine($repo, 'build', 'powershell', 'TlsReady') }
$crossDll = if ($env:TLSREADY_WIN_DLL) { $env:TLSREADY_WIN_DLL } else { [System.IO.Path]::Combine($repo, 'build', 'windows', 'native', 'src', 'capi', 'tlsready.dll') }

# The names in a PE image's export table (the export directory's name pointer table), read from the file.
function Get-PeExport([string]$Path) {
    $bytes = [System.IO.File]::ReadAllBytes($Path)
    $u16 = { param($at) [int][System.BitConverter]::ToUInt16($bytes, $at) }
    $u32 = { param($at) [long][System.BitConverter]::ToUInt32($bytes, $at) }
    if ((& $u16 0) -ne 0x5A4D) { throw "${Path}: no MZ header" }
    $pe = [int](& $u32 0x3C)
    if ((& $u32 $pe) -ne 0x4550) { throw "${Path}: no PE signature" }
    $optional = $pe + 24
    $sections = $optional + (& $u16 ($pe + 20))
    $image = [pscustomobject]@{
        Machine = & $u16 ($pe + 4)                          # 0x8664: x64
        IsDll   = ((& $u16 ($pe + 22)) -band 0x2000) -ne 0  # IMAGE_FILE_DLL
        Magic   = & $u16 $optional                          # 0x20B: PE32+
        Exports = [System.Collections.Generic.List[string]]::new()
    }
    $toOffset = {
        param($rva)
        for ($i = 0; $i -lt (& $u16 ($pe + 6)); $i++) {
            $s = $sections + 40 * $i
            $va = & $u32 ($s + 12)
            if ($rva -ge $va -and $rva -lt $va + [Math]::Max((& $u32 ($s + 8)), (& $u32 ($s + 16)))) { return [int]($rva - $va + (& $u32 ($s + 20))) }
        }
        throw "${Path}: RVA $rva is in no section"
    }
    $exportRva = & $u32 ($optional + 112)  # DataDirectory[0] of a PE32+ optional header
    if ($exportRva -eq 0) { return $image }
    $directory = & $toOffset $exportRva
    $names = & $toOffset (& $u32 ($directory + 32))
    for ($i = 0; $i -lt (& $u32 ($directory + 24)); $i++) {
        $at = & $toOffset (& $u32 ($names + 4 * $i))
        $end = [Array]::IndexOf($bytes, [byte]0, $at)
        $image.Exports.Add([System.Text.Encoding]::ASCII.GetString($bytes, $at, $end - $at))
    }
    $image
}

Describe 'native runtimes in the module' {
    $shipped = [System.IO.Path]::Combine($moduleDir, 'runtimes', 'win-x64', 'native', 'tlsready.dll')

    It 'ships runtimes/linux-x64/native/libtlsready.so (an ELF shared object)' {
        $so = [System.IO.Path]::Combine($moduleDir, 'runtimes', 'linux-x64', 'native', 'libtlsready.so')
        Assert-True ([System.IO.File]::Exists($so)) "no $so"
        $head = [byte[]]::new(4)
        $stream = [System.IO.File]::OpenRead($so)
        try { $null = $stream.Read($head, 0, 4) } finally { $stream.Dispose() }
        Assert-Equal '7F-45-4C-46' ([System.BitConverter]::ToString($head))
    }

    It 'ships runtimes/win-x64/native/tlsready.dll when the win-x64 cross build made one' {
        if ([System.IO.File]::Exists($crossDll)) {
            Assert-True ([System.IO.File]::Exists($shipped)) "the cross build made $crossDll, but the module has no $shipped (powershell/build.sh)"
        } else {
            Write-Host "no cross-built $crossDll (tests/windows/run_wine_tests.sh makes it): only linux-x64 is required"
        }
    }

    It 'ships as win-x64 a PE32+ x64 DLL exporting exactly the C ABI ledger' {
        if (-not [System.IO.File]::Exists($shipped)) {
            Write-Host "the module has no win-x64 runtime: nothing to check"
            return
        }
        $image = Get-PeExport $shipped
        Assert-Equal 0x8664 $image.Machine
        Assert-Equal 0x20B $image.Magic
        Assert-True $image.IsDll 'IMAGE_FILE_DLL is not set'
        $ledger = @([System.IO.File]::ReadAllLines([System.IO.Path]::Combine($repo, 'native', 'data', 'ledgers', 'c_abi_symbols.csv')) |
            Where-Object { $_ -and -not $_.StartsWith('#') -and -not $_.StartsWith('symbol,') } |
            ForEach-Object { $row = $_.Split(','); if ($row[2] -eq 'active') { $row[0] } })
        [System.Array]::Sort($ledger)
        $exports = $image.Exports.ToArray()
        [System.Array]::Sort($exports)
        Assert-Equal ($ledger -join ',') ($exports -join ',')
    }

    It 'puts it where the loader looks on Windows x64: runtimes/<win-x64>/native/tlsready.dll' {
        # NativeLibraryLoader's path rule, read through reflection (its Windows branch cannot run here):
        # LibraryPath = <module>/runtimes/<RuntimeIdentifier>/native/<FileName>, and on this Linux x64
        # host the same rule must give the linux-x64 file the module ships.
        $module = Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force -PassThru
        $loader = $module.ImplementingAssembly.GetType('TlsReady.Native.NativeLibraryLoader', $true)
        $flags = [System.Reflection.BindingFlags]'NonPublic, Static'
        Assert-Equal 'linux-x64' $loader.GetProperty('RuntimeIdentifier', $flags).GetValue($null)
        Assert-Equal ([System.IO.Path]::Combine($moduleDir, 'runtimes', 'linux-x64', 'native', 'libtlsready.so')) $loader.GetProperty('LibraryPath', $flags).GetValue($null)
    }
}
