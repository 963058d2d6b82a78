#!/usr/bin/env python3
"""Writes the .reg test corpus of the winreg room: tests/data/reg/format/ and malformed/.

The files are laid out the way Windows' regedit exports them, so the parser is tested against
the real format rather than against strings typed into a test:
  * "Windows Registry Editor Version 5.00" files are UTF-16LE with a FF FE byte order mark and
    CRLF line ends; REG_EXPAND_SZ (hex(2)) and REG_MULTI_SZ (hex(7)) data are UTF-16LE bytes.
  * "REGEDIT4" files are ANSI (windows-1252), CRLF; hex(2)/hex(7) data are single bytes.
  * hex data is wrapped so no line passes 80 characters: the line ends in "\\" and the next
    one starts with two spaces. REG_SZ strings are never wrapped.
The tests in tests/native/winreg/ assert what each file holds, so a change here needs a change
there. Run from anywhere: python3 tests/data/reg/make_format_corpus.py
"""

from __future__ import annotations

import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
FORMAT = HERE / "format"
MALFORMED = HERE / "malformed"

V5 = "Windows Registry Editor Version 5.00"
V4 = "REGEDIT4"

SCHANNEL = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL"
NETFX = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework"
NETFX32 = r"HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\.NETFramework"
WINHTTP = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp"
WINHTTP32 = r"HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp"
SSL_POLICY = r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002"
SSL_LOCAL = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002"

# Windows Server 2019's default TLS cipher suite order (abridged to the common ones).
CIPHER_SUITES = [
    "TLS_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA256",
    "TLS_RSA_WITH_AES_128_CBC_SHA256",
    "TLS_RSA_WITH_AES_256_CBC_SHA",
    "TLS_RSA_WITH_AES_128_CBC_SHA",
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
]


# ---- value writers (the text after "name"=) -------------------------------------------------


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def name_of(name: str) -> str:
    return "@" if name == "" else quote(name)


def hex_value(name: str, type_prefix: str, data: bytes) -> str:
    """regedit's layout: comma-separated bytes, wrapped before a line would pass 80 chars."""
    line = f"{name_of(name)}={type_prefix}:"
    lines = []
    for i, b in enumerate(data):
        item = f"{b:02x}" + ("," if i + 1 < len(data) else "")
        if len(line) + len(item) > 78 and i + 1 < len(data):
            lines.append(line + "\\")
            line = "  "
        line += item
    lines.append(line)
    return "\r\n".join(lines)


def dword(name: str, value: int) -> str:
    return f"{name_of(name)}=dword:{value:08x}"


def sz(name: str, text: str) -> str:
    return f"{name_of(name)}={quote(text)}"


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def expand_sz(name: str, text: str, ansi: bool = False) -> str:
    data = (text + "\0").encode("cp1252") if ansi else utf16(text + "\0")
    return hex_value(name, "hex(2)", data)


def multi_sz(name: str, strings: list[str], ansi: bool = False) -> str:
    joined = "".join(s + "\0" for s in strings) + "\0"
    data = joined.encode("cp1252") if ansi else utf16(joined)
    return hex_value(name, "hex(7)", data)


def qword(name: str, value: int) -> str:
    return hex_value(name, "hex(b)", struct.pack("<Q", value))


def key(path: str, *values: str) -> str:
    return "\r\n".join([f"[{path}]", *values]) + "\r\n"


def reg_text(header: str, *blocks: str) -> str:
    # regedit: the header, a blank line, then each key block followed by a blank line.
    return header + "\r\n\r\n" + "\r\n".join(blocks) + "\r\n"


def write_utf16(path: pathlib.Path, text: str, extra: bytes = b"") -> None:
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") + extra)


def write_ansi(path: pathlib.Path, text: str) -> None:
    path.write_bytes(text.encode("cp1252"))


# ---- well-formed files ----------------------------------------------------------------------


def schannel_export() -> str:
    blocks = [
        key(SCHANNEL, dword("EventLogging", 1)),
        key(SCHANNEL + r"\Ciphers"),
        key(SCHANNEL + r"\Ciphers\RC4 128/128", dword("Enabled", 0)),
        key(SCHANNEL + r"\Ciphers\Triple DES 168", dword("Enabled", 0)),
        key(SCHANNEL + r"\CipherSuites"),
        key(SCHANNEL + r"\Hashes"),
        key(SCHANNEL + r"\KeyExchangeAlgorithms"),
        key(SCHANNEL + r"\KeyExchangeAlgorithms\Diffie-Hellman", dword("ServerMinKeyBitLength", 2048)),
        key(SCHANNEL + r"\Protocols"),
        key(SCHANNEL + r"\Protocols\SSL 2.0"),
        key(SCHANNEL + r"\Protocols\SSL 2.0\Client", dword("DisabledByDefault", 1)),
        key(SCHANNEL + r"\Protocols\SSL 3.0"),
        key(SCHANNEL + r"\Protocols\SSL 3.0\Client", dword("Enabled", 0), dword("DisabledByDefault", 1)),
        key(SCHANNEL + r"\Protocols\SSL 3.0\Server", dword("Enabled", 0), dword("DisabledByDefault", 1)),
        key(SCHANNEL + r"\Protocols\TLS 1.0"),
        key(SCHANNEL + r"\Protocols\TLS 1.0\Client", dword("Enabled", 0), dword("DisabledByDefault", 1)),
        # Old scripts wrote 0xffffffff for "enabled"; Windows treats any non-zero as enabled.
        key(SCHANNEL + r"\Protocols\TLS 1.0\Server", dword("Enabled", 0xFFFFFFFF), dword("DisabledByDefault", 0)),
        key(SCHANNEL + r"\Protocols\TLS 1.1"),
        key(SCHANNEL + r"\Protocols\TLS 1.1\Client", dword("Enabled", 0), dword("DisabledByDefault", 1)),
        key(SCHANNEL + r"\Protocols\TLS 1.1\Server", dword("Enabled", 0), dword("DisabledByDefault", 1)),
        key(SCHANNEL + r"\Protocols\TLS 1.2"),
        key(SCHANNEL + r"\Protocols\TLS 1.2\Client", dword("Enabled", 1), dword("DisabledByDefault", 0)),
        key(SCHANNEL + r"\Protocols\TLS 1.2\Server", dword("Enabled", 1), dword("DisabledByDefault", 0)),
    ]
    return reg_text(V5, *blocks)


def dotnet_strong_crypto() -> str:
    blocks = []
    for root in (NETFX, NETFX32):
        blocks += [
            key(root + r"\v2.0.50727", dword("SystemDefaultTlsVersions", 1), dword("SchUseStrongCrypto", 1)),
            key(root + r"\v4.0.30319", dword("SchUseStrongCrypto", 1), dword("SystemDefaultTlsVersions", 1)),
        ]
    return reg_text(V5, *blocks)


def winhttp_defaults() -> str:
    # DefaultSecureProtocols flags: 0x80 TLS 1.0, 0x200 TLS 1.1, 0x800 TLS 1.2, 0x2000 TLS 1.3.
    blocks = [
        key(WINHTTP, dword("DefaultSecureProtocols", 0x0A80)),
        key(WINHTTP32, dword("DefaultSecureProtocols", 0x0A80)),
        key(r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Internet Settings",
            dword("SecureProtocols", 0x2A80), sz("User Agent", "Mozilla/4.0 (compatible; MSIE 8.0; Win32)")),
    ]
    return reg_text(V5, *blocks)


def cipher_suite_policy() -> str:
    blocks = [
        # Group Policy "SSL Cipher Suite Order": one long comma-separated REG_SZ.
        key(SSL_POLICY, sz("Functions", ",".join(CIPHER_SUITES)),
            multi_sz("EccCurves", ["curve25519", "NistP256", "NistP384"])),
        # The local (non-policy) configuration keeps the list as REG_MULTI_SZ.
        key(SSL_LOCAL, multi_sz("Functions", CIPHER_SUITES)),
    ]
    return reg_text(V5, *blocks)


def value_types() -> str:
    base = r"HKEY_LOCAL_MACHINE\SOFTWARE\tlsready\ValueTypes"
    blocks = [
        key(base,
            sz("", "default value"),
            sz("Quoted", r'say "hi" from C:\Temp\ '),
            sz("Semicolon; inside", "a;b ; not a comment"),
            sz("Empty", ""),
            dword("Zero", 0),
            dword("Max", 0xFFFFFFFF),
            qword("Qword", 0x0123456789ABCDEF),
            expand_sz("Path", r"%SystemRoot%\System32\schannel.dll"),
            hex_value("Binary", "hex", bytes(range(0, 40))),
            hex_value("EmptyBinary", "hex", b""),
            hex_value("None", "hex(0)", b""),
            hex_value("NoneBytes", "hex(0)", b"\x01\x02"),
            hex_value("BigEndian", "hex(5)", b"\x00\x00\x01\x00"),
            hex_value("RawDword", "hex(4)", b"\x10\x00\x00\x00"),
            multi_sz("EmptyList", []),
            sz("Unicode", "Zürich – ☃ 𝄞")),
    ]
    return reg_text(V5, *blocks)


def deletions() -> str:
    # Layered on top of schannel_export.reg: removes SSL 3.0 with its subkeys, one value, and
    # a value line under a deleted key (ignored, as regedit does).
    blocks = [
        "; Harden: drop the SSL 3.0 overrides and the RC4 entry.\r\n"
        + key("-" + SCHANNEL + r"\Protocols\SSL 3.0"),
        key("-" + SCHANNEL + r"\Ciphers\RC4 128/128", dword("Enabled", 1)),
        key(SCHANNEL + r"\Protocols\TLS 1.0\Server", '"DisabledByDefault"=-', dword("Enabled", 0)),
        key(SCHANNEL, "@=-", '"EventLogging"=-'),
    ]
    return reg_text(V5, *blocks)


def regedit4_ansi() -> str:
    base = r"HKEY_LOCAL_MACHINE\SOFTWARE\tlsready\Ansi"
    blocks = [
        key(base,
            sz("Café", "€ 5 – naïve"),
            expand_sz("Path", r"%SystemRoot%\system32\é.dll", ansi=True),
            multi_sz("Suites", CIPHER_SUITES[:6] + ["Grüße"], ansi=True),
            dword("Enabled", 1)),
    ]
    return reg_text(V4, *blocks)


def handwritten_lf() -> bytes:
    # What an administrator types in Notepad: ANSI, LF line ends, short hive name, odd spacing,
    # comments, upper-case hex, an unwrapped hex list with spaces, and a trailing comment.
    text = "\n".join([
        "",
        "Windows Registry Editor Version 5.00",
        "; disable TLS 1.0 and 1.1 for clients",
        "",
        r"[HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.0\Client]",
        '"Enabled"=dword:0',
        '  "DisabledByDefault" = dword:00000001   ; belt and braces',
        "",
        r"[hkey_local_machine\system\currentcontrolset\control\securityproviders\schannel\protocols\TLS 1.1\Client]  ",
        '"Enabled"=dword:00000000',
        '"Flags"=hex:DE, AD ,be,EF',
        "",
    ])
    return text.encode("cp1252")


def utf8_bom() -> bytes:
    text = reg_text(V5, key(r"HKEY_CURRENT_USER\Software\tlsready\Utf8", sz("Grüße", "日本語")))
    return b"\xef\xbb\xbf" + text.encode("utf-8")


# ---- malformed files (expected line numbers are asserted in reg_file_test.cpp) ---------------


def malformed() -> dict[str, bytes]:
    def v5(*lines: str) -> str:
        return "\r\n".join([V5, "", *lines]) + "\r\n"

    def u16(text: str, extra: bytes = b"") -> bytes:
        return b"\xff\xfe" + text.encode("utf-16-le") + extra

    test_key = r"[HKEY_LOCAL_MACHINE\SOFTWARE\tlsready\Malformed]"
    long_list = hex_value("Functions", "hex(7)", utf16("".join(s + "\0" for s in CIPHER_SUITES[:4]) + "\0"))
    long_lines = long_list.split("\r\n")
    # Corrupt one byte on the third line of the wrapped list.
    long_lines[2] = long_lines[2].replace("00", "0g", 1)
    return {
        # line 4 is the last line; the stray byte after it makes the UTF-16 text odd.
        "odd_byte_count.reg": u16(v5(test_key, '"Enabled"=dword:00000001'), b"\x00"),
        "bad_hex.reg": u16(v5(test_key, '"Ok"=dword:00000001', '"Enabled"=hex:01,zz,03')),  # line 5
        "bad_hex_continued.reg": u16(v5(test_key, *long_lines)),  # line 4 (first line of the value)
        "truncated_continuation.reg": u16(v5(test_key, *long_list.split("\r\n")[:3]).rstrip("\r\n")),  # line 4
        "unknown_type.reg": u16(v5(test_key, '"Enabled"=foo:12')),  # line 4
        "missing_header.reg": u16("\r\n".join([test_key, '"Enabled"=dword:00000001', ""])),  # line 1
        "empty.reg": b"",  # line 1
        "value_before_key.reg": u16(v5('"Enabled"=dword:00000001', test_key)),  # line 3
        "bad_root.reg": u16(v5(r"[HKEY_LOCAL_MACHIN\SOFTWARE\tlsready]", '"Enabled"=dword:1')),  # line 3
        "bad_root_short.reg": u16(v5(test_key, "", r"[HKCR\.reg]")),  # line 5
        "unterminated_string.reg": u16(v5(test_key, '"Functions"="TLS_AES_128_GCM_SHA256,TLS_AES')),  # line 4
        "unterminated_name.reg": u16(v5(test_key, '"Enabled=dword:00000001')),  # line 4
        "unterminated_key.reg": u16(v5(r"[HKEY_LOCAL_MACHINE\SOFTWARE\tlsready", '"A"=dword:1')),  # line 3
        "dword_too_long.reg": u16(v5(test_key, '"Enabled"=dword:000000001')),  # line 4
        "dword_not_hex.reg": u16(v5(test_key, '"Enabled"=dword:0000000g')),  # line 4
        "hex_type_out_of_range.reg": u16(v5(test_key, '"Enabled"=hex(c):01')),  # line 4
        "garbage_line.reg": u16(v5(test_key, "Enabled=1")),  # line 4
        "ansi_bad_hex.reg": v5(test_key, "", '"Blob"=hex:01,02,\\', "  03,0x4").encode("cp1252"),  # line 5
    }


def main() -> None:
    FORMAT.mkdir(exist_ok=True)
    MALFORMED.mkdir(exist_ok=True)
    write_utf16(FORMAT / "schannel_export.reg", schannel_export())
    write_utf16(FORMAT / "dotnet_strong_crypto.reg", dotnet_strong_crypto())
    write_utf16(FORMAT / "winhttp_default_secure_protocols.reg", winhttp_defaults())
    write_utf16(FORMAT / "cipher_suite_policy.reg", cipher_suite_policy())
    write_utf16(FORMAT / "value_types.reg", value_types())
    write_utf16(FORMAT / "deletions.reg", deletions())
    write_ansi(FORMAT / "regedit4_ansi.reg", regedit4_ansi())
    (FORMAT / "handwritten_lf.reg").write_bytes(handwritten_lf())
    (FORMAT / "utf8_bom.reg").write_bytes(utf8_bom())
    for name, data in malformed().items():
        (MALFORMED / name).write_bytes(data)


if __name__ == "__main__":
    main()
