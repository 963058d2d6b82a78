#!/usr/bin/env python3
"""Writes the Windows registry scenario corpus of the policy_windows tests.

Each scenario is a registry export as Windows writes it: `reg export` / regedit's default
format (UTF-16LE with a BOM, "Windows Registry Editor Version 5.00", CRLF, hex values wrapped at
80 columns with a trailing backslash and two-space indent), or the older ANSI "REGEDIT4" format
some hardening tools still produce. Every export carries HKLM\\SOFTWARE\\Microsoft\\Windows NT\\
CurrentVersion so the audit takes the Windows version from the file.

The expected findings live beside each export in <name>.expected.json, written by hand from the
Microsoft defaults (native/data/windows_*.csv) -- this script only writes the .reg files:

    python3 tests/data/reg/scenarios/make_scenarios.py        # rewrite every .reg
    python3 tests/data/reg/scenarios/make_scenarios.py --check  # exit 1 if a file differs
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

HKLM = "HKEY_LOCAL_MACHINE"
SCHANNEL = HKLM + r"\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL"
CURRENT_VERSION = HKLM + r"\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
NETFX = HKLM + r"\SOFTWARE\Microsoft\.NETFramework"
NETFX_WOW = HKLM + r"\SOFTWARE\WOW6432Node\Microsoft\.NETFramework"
INET = HKLM + r"\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings"
INET_WOW = HKLM + r"\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings"
CIPHER_POLICY = HKLM + r"\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002"
EXCHANGE_SETUP = HKLM + r"\SOFTWARE\Microsoft\ExchangeServer\v15\Setup"


# ---- value constructors -------------------------------------------------------------------

def dword(v):
    return ("dword", v)


def sz(text):
    return ("sz", text)


def multi_sz(items):
    return ("multi_sz", list(items))


def expand_sz(text):
    return ("expand_sz", text)


def binary(data):
    return ("binary", bytes(data))


def qword(v):
    return ("qword", v)


# ---- .reg writer --------------------------------------------------------------------------

def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hex_lines(prefix, data):
    """regedit's wrapping: at most 80 columns, a line ends with ',\\', the next starts with 2 spaces."""
    tokens = ["%02x" % b for b in data]
    out = prefix
    length = len(prefix)
    for i, token in enumerate(tokens):
        piece = token + ("," if i + 1 < len(tokens) else "")
        if length + len(piece) > 77 and i + 1 < len(tokens):
            out += "\\\r\n  "
            length = 2
        out += piece
        length += len(piece)
    return out


def value_line(name, value, ansi):
    kind, data = value
    head = "@=" if name == "" else quote(name) + "="
    text_encoding = "cp1252" if ansi else "utf-16-le"
    unit = b"\x00" if ansi else b"\x00\x00"
    if kind == "dword":
        return head + "dword:%08x" % data
    if kind == "sz":
        return head + quote(data)
    if kind == "expand_sz":
        return hex_lines(head + "hex(2):", data.encode(text_encoding) + unit)
    if kind == "multi_sz":
        raw = b"".join(item.encode(text_encoding) + unit for item in data) + unit
        return hex_lines(head + "hex(7):", raw)
    if kind == "binary":
        return hex_lines(head + "hex:", data)
    if kind == "qword":
        return hex_lines(head + "hex(b):", data.to_bytes(8, "little"))
    raise ValueError(kind)


def render(keys, ansi=False):
    """keys: list of (path, [(name, value), ...]) in export order."""
    lines = ["REGEDIT4" if ansi else "Windows Registry Editor Version 5.00", ""]
    for path, values in keys:
        lines.append("[" + path + "]")
        for name, value in values:
            lines.append(value_line(name, value, ansi))
        lines.append("")
    text = "\r\n".join(lines) + "\r\n"
    if ansi:
        return text.encode("cp1252")
    return b"\xff\xfe" + text.encode("utf-16-le")


# ---- building blocks ----------------------------------------------------------------------

PRODUCT_ID = [0xa4, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x30, 0x30, 0x33, 0x37, 0x31, 0x2d, 0x30, 0x30,
              0x30, 0x30, 0x30, 0x2d, 0x30, 0x30, 0x30, 0x30, 0x30, 0x2d, 0x41, 0x41, 0x35, 0x33, 0x35, 0x00,
              0x5d, 0x00, 0x00, 0x00, 0x5b, 0x54, 0x48, 0x5d, 0x58, 0x31, 0x39, 0x2d, 0x39, 0x38, 0x38, 0x34]


def current_version(os_name):
    common = [("SystemRoot", sz(r"C:\Windows")), ("PathName", sz(r"C:\Windows")),
              ("SoftwareType", sz("System")), ("RegisteredOwner", sz("Contoso IT")),
              ("InstallDate", dword(0x5f1a2b3c)), ("DigitalProductId", binary(PRODUCT_ID))]
    table = {
        "win7": [("CurrentVersion", sz("6.1")), ("CurrentBuild", sz("7601")), ("CurrentBuildNumber", sz("7601")),
                 ("CSDVersion", sz("Service Pack 1")), ("EditionID", sz("Professional")),
                 ("InstallationType", sz("Client")), ("ProductName", sz("Windows 7 Professional"))],
        "2012r2": [("CurrentVersion", sz("6.3")), ("CurrentBuild", sz("9600")), ("CurrentBuildNumber", sz("9600")),
                   ("EditionID", sz("ServerStandard")), ("InstallationType", sz("Server")),
                   ("ProductName", sz("Windows Server 2012 R2 Standard")), ("UBR", dword(20402))],
        "2016": [("CurrentVersion", sz("6.3")), ("CurrentMajorVersionNumber", dword(10)),
                 ("CurrentMinorVersionNumber", dword(0)), ("CurrentBuild", sz("14393")),
                 ("CurrentBuildNumber", sz("14393")), ("ReleaseId", sz("1607")), ("EditionID", sz("ServerDatacenter")),
                 ("InstallationType", sz("Server")), ("ProductName", sz("Windows Server 2016 Datacenter")),
                 ("UBR", dword(6897))],
        "2019": [("CurrentVersion", sz("6.3")), ("CurrentMajorVersionNumber", dword(10)),
                 ("CurrentMinorVersionNumber", dword(0)), ("CurrentBuild", sz("17763")),
                 ("CurrentBuildNumber", sz("17763")), ("ReleaseId", sz("1809")), ("EditionID", sz("ServerStandard")),
                 ("InstallationType", sz("Server")), ("ProductName", sz("Windows Server 2019 Standard")),
                 ("UBR", dword(5329))],
        "2022": [("CurrentVersion", sz("6.3")), ("CurrentMajorVersionNumber", dword(10)),
                 ("CurrentMinorVersionNumber", dword(0)), ("CurrentBuild", sz("20348")),
                 ("CurrentBuildNumber", sz("20348")), ("DisplayVersion", sz("21H2")), ("ReleaseId", sz("2009")),
                 ("EditionID", sz("ServerDatacenter")), ("InstallationType", sz("Server")),
                 ("ProductName", sz("Windows Server 2022 Datacenter")), ("UBR", dword(2227))],
        # Windows 11 still says "Windows 10 Pro" in ProductName; the build tells.
        "win11": [("CurrentVersion", sz("6.3")), ("CurrentMajorVersionNumber", dword(10)),
                  ("CurrentMinorVersionNumber", dword(0)), ("CurrentBuild", sz("22631")),
                  ("CurrentBuildNumber", sz("22631")), ("DisplayVersion", sz("23H2")), ("ReleaseId", sz("2009")),
                  ("EditionID", sz("Professional")), ("InstallationType", sz("Client")),
                  ("ProductName", sz("Windows 10 Pro")), ("UBR", dword(3007))],
    }
    values = table[os_name] + common
    values.sort(key=lambda nv: nv[0].lower())
    return [(CURRENT_VERSION, values)]


def schannel(protocols=None, ciphers=None, hashes=None, kx=None, root_values=None):
    """The SCHANNEL subtree as `reg export` lists it: parents before children, empty keys kept.
    protocols: {"TLS 1.2": {"Client": [(name, value)], "Server": [...]}}; ciphers/hashes/kx: {subkey: [values]}."""
    keys = [(SCHANNEL, root_values or [("EventLogging", dword(1))])]
    keys.append((SCHANNEL + r"\Ciphers", []))
    for name, values in (ciphers or {}).items():
        keys.append((SCHANNEL + "\\Ciphers\\" + name, values))
    keys.append((SCHANNEL + r"\CipherSuites", []))
    keys.append((SCHANNEL + r"\Hashes", []))
    for name, values in (hashes or {}).items():
        keys.append((SCHANNEL + "\\Hashes\\" + name, values))
    keys.append((SCHANNEL + r"\KeyExchangeAlgorithms", []))
    for name, values in (kx or {}).items():
        keys.append((SCHANNEL + "\\KeyExchangeAlgorithms\\" + name, values))
    keys.append((SCHANNEL + r"\Protocols", []))
    for name, roles in (protocols or {}).items():
        keys.append((SCHANNEL + "\\Protocols\\" + name, []))
        for role in ("Client", "Server"):
            if role in roles:
                keys.append((SCHANNEL + "\\Protocols\\" + name + "\\" + role, roles[role]))
    return keys


def proto(enabled=None, dbd=None):
    values = []
    if dbd is not None:
        values.append(("DisabledByDefault", dbd if isinstance(dbd, tuple) else dword(dbd)))
    if enabled is not None:
        values.append(("Enabled", enabled if isinstance(enabled, tuple) else dword(enabled)))
    return values


def both(enabled, dbd):
    return {"Client": proto(enabled, dbd), "Server": proto(enabled, dbd)}


def hardened_protocols(include_tls13=False):
    p = {
        "Multi-Protocol Unified Hello": both(0, 1),
        "PCT 1.0": both(0, 1),
        "SSL 2.0": both(0, 1),
        "SSL 3.0": both(0, 1),
        "TLS 1.0": both(0, 1),
        "TLS 1.1": both(0, 1),
        "TLS 1.2": both(1, 0),
    }
    if include_tls13:
        p["TLS 1.3"] = both(1, 0)
    return p


WEAK_CIPHERS_OFF = {
    "DES 56/56": [("Enabled", dword(0))],
    "NULL": [("Enabled", dword(0))],
    "RC2 128/128": [("Enabled", dword(0))],
    "RC2 40/128": [("Enabled", dword(0))],
    "RC2 56/128": [("Enabled", dword(0))],
    "RC4 128/128": [("Enabled", dword(0))],
    "RC4 40/128": [("Enabled", dword(0))],
    "RC4 56/128": [("Enabled", dword(0))],
    "RC4 64/128": [("Enabled", dword(0))],
    "Triple DES 168": [("Enabled", dword(0))],
}

STRONG_CIPHERS_ON = {
    "AES 128/128": [("Enabled", dword(0xFFFFFFFF))],
    "AES 256/256": [("Enabled", dword(0xFFFFFFFF))],
}


def netfx(v2=None, v4=None, v2_wow=None, v4_wow=None, wow=True, v2_installed=True):
    """Each argument: list of (name, value) for that key; None = key present without TLS values."""
    keys = [(NETFX, [("InstallRoot", sz(r"C:\Windows\Microsoft.NET\Framework64\\"[:-1]))])]
    if v2_installed:
        keys.append((NETFX + r"\v2.0.50727", (v2 or []) + [("NGenInstallDate", dword(0x5e0c1a2b))]))
    keys.append((NETFX + r"\v4.0.30319", (v4 or [])))
    keys.append((NETFX + r"\v4.0.30319\SKUs", []))
    if wow:
        keys.append((NETFX_WOW, [("InstallRoot", sz(r"C:\Windows\Microsoft.NET\Framework\\"[:-1]))]))
        if v2_installed:
            keys.append((NETFX_WOW + r"\v2.0.50727", (v2_wow or [])))
        keys.append((NETFX_WOW + r"\v4.0.30319", (v4_wow or [])))
    for i, (path, values) in enumerate(keys):
        keys[i] = (path, sorted(values, key=lambda nv: nv[0].lower()))
    return keys


def dotnet_on():
    return [("SchUseStrongCrypto", dword(1)), ("SystemDefaultTlsVersions", dword(1))]


def winhttp(native=None, wow=None, with_wow=True, inet_values=None):
    keys = [(INET, inet_values or [("User Agent", sz("Mozilla/4.0 (compatible; MSIE 8.0; Win32)"))]),
            (INET + r"\WinHttp", native or [])]
    if with_wow:
        keys += [(INET_WOW, []), (INET_WOW + r"\WinHttp", wow or [])]
    return keys


def cipher_policy(functions=None, ecc=None, multi=False):
    values = []
    if ecc is not None:
        values.append(("EccCurves", multi_sz(ecc)))
    if functions is not None:
        values.append(("Functions", multi_sz(functions) if multi else sz(",".join(functions))))
    return [(CIPHER_POLICY, values)]


MODERN_SUITES = [
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
]


# ---- the scenarios ------------------------------------------------------------------------

def win7_sp1_untouched():
    # Only what a fresh Windows 7 SP1 x64 has: the SSL 2.0\Client DisabledByDefault key Windows
    # ships, empty SCHANNEL keys, .NET 3.5 and 4.x installed, WinHTTP without DefaultSecureProtocols.
    keys = current_version("win7")
    keys += schannel(protocols={"SSL 2.0": {"Client": proto(dbd=1)}})
    keys += netfx()
    keys += winhttp(native=[("DisableBranchCache", dword(0))])
    return render(keys)


def win7_sp1_remediated():
    # The same machine after the full treatment (KB3140245, KB3154518, Advisory 3174644 update),
    # exported by an older hardening tool in REGEDIT4 format.
    keys = current_version("win7")
    keys += schannel(protocols=hardened_protocols(), ciphers=dict(WEAK_CIPHERS_OFF, **STRONG_CIPHERS_ON),
                     hashes={"MD5": [("Enabled", dword(0))]},
                     kx={"Diffie-Hellman": [("ServerMinKeyBitLength", dword(2048))]})
    keys += netfx(v2=dotnet_on(), v4=dotnet_on(), v2_wow=dotnet_on(), v4_wow=dotnet_on())
    keys += winhttp(native=[("DefaultSecureProtocols", dword(0x800))], wow=[("DefaultSecureProtocols", dword(0x800))])
    return render(keys, ansi=True)


def server2012r2_legacy():
    # TLS 1.0 deliberately kept on (the old KB 245030 0xffffffff form on the server side), RC4 and
    # 3DES switched on explicitly, .NET fixed for 64-bit apps only.
    keys = current_version("2012r2")
    keys += schannel(
        protocols={
            "SSL 2.0": {"Server": proto(0, 1)},
            "SSL 3.0": both(0, 1),
            "TLS 1.0": {"Client": proto(1, 0), "Server": proto(dword(0xFFFFFFFF), 0)},
        },
        ciphers={"RC4 128/128": [("Enabled", dword(0xFFFFFFFF))], "RC4 64/128": [("Enabled", dword(0xFFFFFFFF))],
                 "Triple DES 168": [("Enabled", dword(0xFFFFFFFF))]})
    keys += netfx(v4=dotnet_on(), v4_wow=[("SchUseStrongCrypto", dword(1))], v2_installed=False)
    keys += winhttp()
    return render(keys)


def server2016_halfset_wow():
    # Half-set keys from a hand-edited rollout: TLS 1.0 Server Enabled only, TLS 1.1 Server
    # DisabledByDefault only, TLS 1.2 Server Enabled only, TLS 1.2 Client Enabled=1 with
    # DisabledByDefault=1, and a TLS 1.1 Client Enabled typed as REG_SZ. .NET set for 64-bit
    # apps, SchUseStrongCrypto=0 for 32-bit apps.
    keys = current_version("2016")
    keys += schannel(protocols={
        "TLS 1.0": {"Server": proto(enabled=0)},
        "TLS 1.1": {"Client": [("Enabled", sz("0"))], "Server": proto(dbd=1)},
        "TLS 1.2": {"Client": proto(1, 1), "Server": proto(enabled=1)},
    })
    keys += netfx(v2=dotnet_on(), v4=dotnet_on(), v2_wow=dotnet_on(), v4_wow=[("SchUseStrongCrypto", dword(0))])
    keys += winhttp()
    return render(keys)


def server2019_hardened():
    # IIS Crypto "Best Practices"-style hardening plus .NET, WinHTTP and a GPO cipher suite order.
    keys = current_version("2019")
    keys += schannel(protocols=hardened_protocols(), ciphers=dict(WEAK_CIPHERS_OFF, **STRONG_CIPHERS_ON),
                     hashes={"MD5": [("Enabled", dword(0))], "SHA": [("Enabled", dword(0xFFFFFFFF))],
                             "SHA256": [("Enabled", dword(0xFFFFFFFF))], "SHA384": [("Enabled", dword(0xFFFFFFFF))],
                             "SHA512": [("Enabled", dword(0xFFFFFFFF))]},
                     kx={"Diffie-Hellman": [("ClientMinKeyBitLength", dword(2048)), ("Enabled", dword(0xFFFFFFFF)),
                                            ("ServerMinKeyBitLength", dword(2048))],
                         "ECDH": [("Enabled", dword(0xFFFFFFFF))],
                         "PKCS": [("ClientMinKeyBitLength", dword(2048)), ("Enabled", dword(0xFFFFFFFF))]})
    keys += cipher_policy(MODERN_SUITES, ecc=["curve25519", "NistP256", "NistP384"])
    keys += netfx(v2=dotnet_on(), v4=dotnet_on(), v2_wow=dotnet_on(), v4_wow=dotnet_on())
    keys += winhttp(native=[("DefaultSecureProtocols", dword(0x800))], wow=[("DefaultSecureProtocols", dword(0x800))],
                    inet_values=[("SecureProtocols", dword(0x800))])
    return render(keys)


def server2022_tls13_disabled():
    # TLS 1.3 switched off on both sides (a load balancer once choked on it); otherwise hardened,
    # SSL 3.0 left at the Windows default.
    keys = current_version("2022")
    protocols = hardened_protocols()
    del protocols["SSL 3.0"]
    protocols["TLS 1.3"] = both(0, 1)
    keys += schannel(protocols=protocols, ciphers={"Triple DES 168": [("Enabled", dword(0))]})
    keys += netfx(v4=dotnet_on(), v4_wow=dotnet_on(), v2_installed=False)
    keys += winhttp()
    return render(keys)


def win11_default():
    keys = current_version("win11")
    keys += schannel()
    keys += netfx(v2_installed=False)
    keys += winhttp(inet_values=[("ZonesSecurityUpgrade", binary([0x4a, 0x9d, 0x1f, 0x73, 0x2b, 0x06, 0xd8, 0x01]))])
    return render(keys)


def legacy_cipher_policy():
    # A GPO "SSL Cipher Suite Order" copied from a 2012-era baseline: only RSA key exchange with
    # CBC, 3DES and RC4. Protocols and .NET are otherwise hardened.
    keys = current_version("2019")
    keys += schannel(protocols=hardened_protocols())
    keys += cipher_policy(["TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
                           "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_RC4_128_MD5"])
    keys += netfx(v4=dotnet_on(), v4_wow=dotnet_on(), v2_installed=False)
    keys += winhttp()
    return render(keys)


def weak_dh_1024():
    # Diffie-Hellman and RSA minimums lowered to 1024 for an old appliance; REGEDIT4 export.
    keys = current_version("2016")
    keys += schannel(protocols=hardened_protocols(), ciphers=WEAK_CIPHERS_OFF,
                     kx={"Diffie-Hellman": [("ClientMinKeyBitLength", dword(1024)), ("ServerMinKeyBitLength", dword(0x400))],
                         "PKCS": [("ClientMinKeyBitLength", dword(1024))]})
    keys += netfx(v4=dotnet_on(), v4_wow=dotnet_on(), v2_installed=False)
    keys += winhttp()
    return render(keys, ansi=True)


def exchange2019_server2022():
    # Exchange 2019 CU14 on Server 2022 with TLS 1.3 left at the Windows default (on).
    keys = current_version("2022")
    keys += schannel(protocols=hardened_protocols(), ciphers={"Triple DES 168": [("Enabled", dword(0))]})
    keys += [(HKLM + r"\SOFTWARE\Microsoft\ExchangeServer", []), (HKLM + r"\SOFTWARE\Microsoft\ExchangeServer\v15", []),
             (EXCHANGE_SETUP, [("MsiInstallPath", sz(r"C:\Program Files\Microsoft\Exchange Server\V15\\"[:-1])),
                               ("MsiProductMajor", dword(15)), ("MsiProductMinor", dword(2)),
                               ("MsiBuildMajor", dword(1544)), ("MsiBuildMinor", dword(4))])]
    keys += netfx(v2=dotnet_on(), v4=dotnet_on(), v2_wow=dotnet_on(), v4_wow=dotnet_on())
    keys += winhttp()
    return render(keys)


SCENARIOS = {
    "win7_sp1_untouched": win7_sp1_untouched,
    "win7_sp1_remediated": win7_sp1_remediated,
    "server2012r2_legacy": server2012r2_legacy,
    "server2016_halfset_wow": server2016_halfset_wow,
    "server2019_hardened": server2019_hardened,
    "server2022_tls13_disabled": server2022_tls13_disabled,
    "win11_default": win11_default,
    "legacy_cipher_policy": legacy_cipher_policy,
    "weak_dh_1024": weak_dh_1024,
    "exchange2019_server2022": exchange2019_server2022,
}


def main(argv):
    check = "--check" in argv
    stale = []
    for name, make in SCENARIOS.items():
        path = os.path.join(HERE, name + ".reg")
        data = make()
        if check:
            try:
                with open(path, "rb") as f:
                    if f.read() != data:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
            continue
        with open(path, "wb") as f:
            f.write(data)
    if stale:
        print("out of date: " + ", ".join(stale) + " (run make_scenarios.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
