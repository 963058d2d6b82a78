#!/usr/bin/env python3
"""Writes native/data/clients/client_profiles.csv: one TLS client profile per row.

Two kinds of rows:

* captured: the facts of a ClientHello that SSL Labs captured from a real client, as testssl.sh
  carries them in etc/client-simulation.txt (https://github.com/testssl/testssl.sh, the
  "handshakebytes" of each client, plus SSL Labs' limits minDhBits/maxDhBits/minRsaBits/
  maxRsaBits/minEcdsaBits/requiresSha2). This script decodes each hello (record or SSL 2.0
  CLIENT-HELLO framing, RFC 5246 Appendix E.2) into versions, suites in order, extensions in
  order, supported_groups, signature_algorithms, ALPN and SNI. Only these facts are written:
  neither the captured bytes nor the random/session id, and GREASE values (RFC 8701) are dropped.
* synthetic: built from documented defaults where no capture exists (CLIENTS_SYNTHETIC below,
  each with its source); some take a captured client's offer and change what the documentation
  says differs (e.g. WinHTTP on Windows 7 = that Windows' SCHANNEL offer with WinHTTP's versions).

Run (the testssl.sh file is read, not kept in this repository):

    python3 native/data/clients/extract_client_profiles.py \\
        --testssl /path/to/testssl.sh/etc/client-simulation.txt \\
        --output native/data/clients/client_profiles.csv

The output is deterministic; tests/native/assess/client_profiles_test.cpp checks every row
(suites known to the registry, versions in range, source present).
"""

from __future__ import annotations

import argparse
import re
import sys

TESTSSL_SOURCE = "SSL Labs client capture via testssl.sh etc/client-simulation.txt"

VERSION_NAMES = {0x0002: "SSLv2", 0x0300: "SSLv3", 0x0301: "TLSv1.0", 0x0302: "TLSv1.1",
                 0x0303: "TLSv1.2", 0x0304: "TLSv1.3"}

# testssl.sh short name -> (id, name, category, cannot_use_tls12, overrides, note).
# cannot_use_tls12: on Microsoft's list of clients that cannot use TLS 1.2 ("Preparing for TLS 1.2
# in Office 365 and Office 365 GCC": Android 4.3 and earlier, Firefox 5.0 and earlier, IE 8-10 on
# Windows 7 and earlier, IE 10 on Windows Phone 8, Safari 6.0.4/OS X 10.8.4 and earlier).
CLIENTS_CAPTURED = [
    ("android_237", "android-2.3.7", "Android 2.3.7", "mobile_os", True, {}, ""),
    ("android_404", "android-4.0.4", "Android 4.0.4", "mobile_os", True, {}, ""),
    ("android_411", "android-4.1.1", "Android 4.1.1", "mobile_os", True, {}, ""),
    ("android_422", "android-4.2.2", "Android 4.2.2", "mobile_os", True, {}, ""),
    ("android_43", "android-4.3", "Android 4.3", "mobile_os", True, {}, ""),
    ("android_442", "android-4.4.2", "Android 4.4.2", "mobile_os", False, {}, ""),
    ("android_70", "android-7.0", "Android 7.0", "mobile_os", False, {}, ""),
    ("android_13_14", "android-13", "Android 13/14", "mobile_os", False, {}, ""),
    ("ie_6_xp", "ie-6-xp", "Internet Explorer 6 on Windows XP SP2", "browser", True,
     {"supports_sha2_certificates": False},
     "Windows XP before SP3 cannot verify SHA-2 certificate signatures (KB968730)"),
    ("ie_8_xp", "ie-8-xp", "Internet Explorer 8 on Windows XP", "browser", True, {}, ""),
    ("ie_8-10_win7", "ie-8-10-win7", "Internet Explorer 8-10 on Windows 7", "browser", True, {}, ""),
    ("ie_10_winphone80", "ie-10-winphone-8.0", "Internet Explorer 10 on Windows Phone 8.0", "browser", True,
     {}, ""),
    ("ie_11_win7", "ie-11-win7", "Internet Explorer 11 on Windows 7", "browser", False, {}, ""),
    ("ie_11_win81", "ie-11-win8.1", "Internet Explorer 11 on Windows 8.1", "browser", False, {}, ""),
    ("ie_11_win10", "ie-11-win10", "Internet Explorer 11 on Windows 10", "browser", False, {}, ""),
    ("edge_17_win10", "edge-17-win10", "Edge 17 (EdgeHTML) on Windows 10", "browser", False, {}, ""),
    ("edge_133_win11_23h2", "edge-133-win11", "Edge 133 on Windows 11 23H2", "browser", False, {}, ""),
    ("chrome_49_xpsp3", "chrome-49-xp", "Chrome 49 on Windows XP SP3", "browser", False, {}, ""),
    ("chromium_137_win11", "chrome-137-win11", "Chrome 137 on Windows 11", "browser", False, {}, ""),
    ("firefox_10012_esr_win7", "firefox-10-esr-win7", "Firefox 10.0.12 ESR on Windows 7", "browser", False,
     {}, ""),
    ("firefox_137_win11", "firefox-137-win11", "Firefox 137 on Windows 11", "browser", False, {}, ""),
    ("safari_604_osx1084", "safari-6.0.4-osx-10.8.4", "Safari 6.0.4 on OS X 10.8.4", "browser", True, {},
     ""),
    ("safari_264_all", "safari-26.4", "Safari 26.4 on macOS/iOS 26.4", "browser", False, {}, ""),
    ("java_6u45", "java-6u45", "Java 6u45", "runtime", False, {}, ""),
    ("java_7u25", "java-7u25", "Java 7u25", "runtime", False, {}, ""),
    ("java_8u161", "java-8u161", "Java 8u161", "runtime", False, {}, ""),
    ("java_1102", "java-11.0.2", "Java 11.0.2 (OpenJDK)", "runtime", False, {}, ""),
    ("java_1703_2106", "java-17", "Java 17.0.3 (OpenJDK)", "runtime", False, {}, ""),
    ("openssl_098y", "openssl-0.9.8", "OpenSSL 0.9.8y", "library", False, {}, ""),
    ("openssl_101l", "openssl-1.0.1", "OpenSSL 1.0.1l", "library", False, {}, ""),
    ("openssl_102e", "openssl-1.0.2", "OpenSSL 1.0.2e", "library", False, {}, ""),
    ("openssl_111d", "openssl-1.1.1", "OpenSSL 1.1.1d (Debian)", "library", False, {}, ""),
    # OpenSSL 3.0 disables SSLv3/TLS 1.0/TLS 1.1 at security level 1 and above
    # (SSL_CTX_set_security_level(3)); Debian builds 3.x at level 2 (RSA/DH >= 2048 bits,
    # no SHA-1 signatures), the upstream default from 3.2.0 (CHANGES.md).
    ("openssl_315", "openssl-3", "OpenSSL 3.0.15 (Debian; security level 2)", "library", False,
     {"min_version": 0x0303, "min_dh_bits": 2048, "min_rsa_bits": 2048},
     "effective versions and limits of security level 2 per OpenSSL SSL_CTX_set_security_level(3)"),
]

# Windows SCHANNEL default orders ("TLS Cipher Suites in Windows 7" after Security Advisory 3042058;
# "TLS Cipher Suites in Windows 10 v22H2"; "TLS Cipher Suites in Windows 11 v22H2 and later", whose order has
# no DHE suites, unlike the Windows 11 21H2 page; learn.microsoft.com).
SCHANNEL_WIN7 = ("C014 C013 009F 009E 009D 009C 003D 003C 0035 002F C02C C02B C024 C023 C00A C009 "
                 "006A 0040 0038 0032 000A 0013 0005 0004")
SCHANNEL_WIN10 = ("C02C C02B C030 C02F C024 C023 C028 C027 C00A C009 C014 C013 009D 009C 003D 003C 0035 002F "
                  "000A")
SCHANNEL_WIN11 = ("1302 1301 C02C C02B C030 C02F C024 C023 C028 C027 C00A C009 C014 C013 009D 009C 003D 003C "
                  "0035 002F")
SIGALGS_WIN7 = "0401 0501 0201 0403 0503 0203 0202 0601 0603"
SIGALGS_WIN10 = "0804 0805 0806 0401 0501 0201 0403 0503 0203 0202 0601 0603"
# Debian 12 OpenSSL 3.0 default offer (measured with this machine's OpenSSL 3.0: the
# Python ssl default string and OpenSSL's DEFAULT, PSK/SRP suites left out as OpenSSL does when
# no PSK/SRP callback is set).
PYTHON_SUITES = "1302 1303 1301 C02C C030 C02B C02F CCA9 CCA8 C024 C028 C023 C027 009F 009E 006B 0067"
OPENSSL3_GROUPS = "001D 0017 001E 0019 0018"
OPENSSL3_SIGALGS = "0403 0503 0603 0807 0808 0809 080A 080B 0804 0805 0806 0401 0501 0601 0303 0301 0302 0402 0502 0602"
OPENSSL3_EXTENSIONS = "0000 000B 000A 0023 0016 0017 000D 002B 002D 0033"

# id, name, category, cannot_use_tls12, base (captured short name or None), fields, source.
CLIENTS_SYNTHETIC = [
    ("firefox-5", "Firefox 5 on Windows 7", "browser", True, "firefox_10012_esr_win7", {},
     "Mozilla NSS 3.12/3.13 defaults (TLS 1.0 at most until Firefox 23/27 per Mozilla's Security/Server Side TLS "
     "history); suites as Firefox 10.0.12 ESR's captured hello (same NSS defaults)"),
    ("schannel-win7", "Windows 7 SP1 SCHANNEL (default)", "windows_stack", False, None,
     {"min_version": 0x0300, "max_version": 0x0301, "cipher_suites": SCHANNEL_WIN7,
      "extensions": "0000 0005 000A 000B 000D FF01", "groups": "0017 0018", "signature_algorithms": SIGALGS_WIN7},
     "learn.microsoft.com TLS Cipher Suites in Windows 7 (order after Security Advisory 3042058); Protocols in "
     "TLS/SSL (Schannel SSP): TLS 1.1/1.2 disabled by default for clients on Windows 7"),
    ("schannel-win10", "Windows 10 22H2 SCHANNEL (default)", "windows_stack", False, None,
     {"min_version": 0x0301, "max_version": 0x0303, "cipher_suites": SCHANNEL_WIN10,
      "extensions": "0000 0005 000A 000B 000D 0023 0010 0017 FF01", "groups": "001D 0017 0018",
      "signature_algorithms": SIGALGS_WIN10},
     "learn.microsoft.com TLS Cipher Suites in Windows 10 v22H2 (default priority order); Protocols in TLS/SSL "
     "(Schannel SSP)"),
    ("schannel-win11", "Windows 11 22H2+ SCHANNEL (default)", "windows_stack", False, None,
     {"min_version": 0x0301, "max_version": 0x0304, "cipher_suites": SCHANNEL_WIN11,
      "extensions": "0000 0005 000A 000B 000D 0023 0010 0017 002B 002D 0033 FF01", "groups": "001D 0017 0018",
      "signature_algorithms": SIGALGS_WIN10},
     "learn.microsoft.com TLS Cipher Suites in Windows 11 v22H2 and later (default priority order; TLS 1.3 from "
     "Windows 11 and Server 2022 per Protocols in TLS/SSL (Schannel SSP))"),
    ("winhttp-win7", "WinHTTP on Windows 7 SP1 (without KB3140245)", "windows_stack", False, None,
     {"min_version": 0x0300, "max_version": 0x0301, "cipher_suites": SCHANNEL_WIN7,
      "extensions": "0000 0005 000A 000B FF01", "groups": "0017 0018", "signature_algorithms": ""},
     "KB3140245: without the update WinHTTP on Windows 7 SP1 offers SSL 3.0 and TLS 1.0 only; suites in the "
     "Windows 7 SCHANNEL default order (TLS Cipher Suites in Windows 7)"),
    ("winhttp-win7-kb3140245", "WinHTTP on Windows 7 SP1 with KB3140245 (DefaultSecureProtocols 0xA80)",
     "windows_stack", False, None,
     {"min_version": 0x0301, "max_version": 0x0303, "cipher_suites": SCHANNEL_WIN7,
      "extensions": "0000 0005 000A 000B 000D 0017 FF01", "groups": "0017 0018", "signature_algorithms": SIGALGS_WIN7},
     "KB3140245 with DefaultSecureProtocols=0x00000A80 (TLS 1.0+1.1+1.2) and the SCHANNEL TLS 1.1/1.2 client "
     "keys enabled; suites in the Windows 7 SCHANNEL default order"),
    ("dotnet-4.5-default", ".NET Framework 4.5 default (no SchUseStrongCrypto) on Windows 7", "runtime", False,
     None,
     {"min_version": 0x0300, "max_version": 0x0301, "cipher_suites": SCHANNEL_WIN7,
      "extensions": "0000 0005 000A 000B FF01", "groups": "0017 0018", "signature_algorithms": ""},
     "learn.microsoft.com Transport Layer Security (TLS) best practices with the .NET Framework: 4.5 defaults "
     "ServicePointManager.SecurityProtocol to Ssl3|Tls unless SchUseStrongCrypto is set; suites from SCHANNEL "
     "(TLS Cipher Suites in Windows 7)"),
    ("python-requests", "Python requests (urllib3 2 / Python 3.11 / OpenSSL 3.0)", "library", False, None,
     {"min_version": 0x0303, "max_version": 0x0304, "cipher_suites": PYTHON_SUITES,
      "extensions": OPENSSL3_EXTENSIONS, "groups": OPENSSL3_GROUPS, "signature_algorithms": OPENSSL3_SIGALGS,
      "alpn": "", "min_dh_bits": 2048, "min_rsa_bits": 2048, "accepts_sha1_certificates": False},
     "CPython Modules/_ssl.c PY_SSL_DEFAULT_CIPHER_STRING (3.10+: ECDH+AESGCM ECDH+CHACHA20 ECDH+AES DHE+AES "
     "!SHA1) and ssl.create_default_context minimum TLS 1.2; urllib3 2.0 minimum TLS 1.2; suites as Python "
     "3.11 with OpenSSL 3.0 at security level 2 lists them"),
    ("curl", "curl 7.88 (OpenSSL 3.0 on Debian 12)", "tool", False, "openssl_315",
     {"min_version": 0x0303, "min_dh_bits": 2048, "min_rsa_bits": 2048, "alpn": "h2 http/1.1"},
     "curl CURLOPT_SSLVERSION default and CURLOPT_SSL_CIPHER_LIST unset (OpenSSL's defaults); OpenSSL 3.0 at "
     "Debian's security level 2 (SSL_CTX_set_security_level(3)); offer as OpenSSL 3.0.15's captured hello"),
]


def is_grease(code: int) -> bool:
    return (code & 0x0F0F) == 0x0A0A and (code >> 8) == (code & 0xFF)


def u16_list(data: bytes) -> list[int]:
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]


def parse_testssl(path: str) -> dict[str, dict[str, str]]:
    """short name -> {field: value} of etc/client-simulation.txt's bash arrays."""
    entries: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    pattern = re.compile(r'^\s*([A-Za-z0-9_]+)\+=\((.*)\)\s*$')
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = pattern.match(line)
            if not match:
                continue
            field, value = match.group(1), match.group(2).strip()
            if value.startswith('"') and value.endswith('"'):
                value = value[1:-1]
            if field == "requireseha2":  # a typo in one entry of the file
                field = "requiresSha2"
            if field == "names":
                current = {}
                entries.append(current)
            if current is not None:
                current[field] = value
    return {entry["short"]: entry for entry in entries if "short" in entry}


def decode_hello(hex_bytes: str) -> dict:
    data = bytes.fromhex(hex_bytes)
    if data[0] & 0x80 and data[2] == 0x01:  # SSL 2.0 CLIENT-HELLO (two-byte header)
        version = int.from_bytes(data[3:5], "big")
        spec_length = int.from_bytes(data[5:7], "big")
        specs = data[11:11 + spec_length]
        suites = []
        for i in range(0, spec_length, 3):
            kind = specs[i:i + 3]
            if kind[0] == 0:  # a TLS suite in an SSL 2.0 hello (RFC 5246 E.2)
                suites.append(int.from_bytes(kind[1:], "big"))
        return {"format": "sslv2_compatible", "legacy_version": version, "suites": suites, "extensions": [],
                "groups": [], "sigalgs": [], "alpn": [], "sni": False, "supported_versions": []}
    assert data[0] == 0x16 and data[5] == 0x01, "not a ClientHello record"
    body = data[9:]
    legacy_version = int.from_bytes(body[0:2], "big")
    pos = 2 + 32
    pos += 1 + body[pos]
    suites_length = int.from_bytes(body[pos:pos + 2], "big")
    suites = u16_list(body[pos + 2:pos + 2 + suites_length])
    pos += 2 + suites_length
    pos += 1 + body[pos]
    # hello_bytes: the record as captured less its server_name host name (the capture's, not the
    # target's), its RFC 7685 padding (the client pads again by its own rule for its own size) and
    # a resumption's pre_shared_key.
    result = {"format": "tls", "legacy_version": legacy_version, "suites": suites, "extensions": [], "groups": [],
              "sigalgs": [], "alpn": [], "sni": False, "supported_versions": [], "hello_bytes": len(data)}
    if pos + 2 > len(body):
        return result
    end = pos + 2 + int.from_bytes(body[pos:pos + 2], "big")
    pos += 2
    while pos + 4 <= end:
        ext_type = int.from_bytes(body[pos:pos + 2], "big")
        ext_length = int.from_bytes(body[pos + 2:pos + 4], "big")
        ext = body[pos + 4:pos + 4 + ext_length]
        pos += 4 + ext_length
        result["extensions"].append(ext_type)
        if ext_type == 0x0000:
            result["sni"] = True
            # RFC 6066 §3: ServerNameList length (2), name_type (1), HostName length (2), name.
            result["hello_bytes"] -= int.from_bytes(ext[3:5], "big")
        elif ext_type == 0x0015:
            result["hello_bytes"] -= 4 + ext_length
        elif ext_type == 0x0029:
            # pre_shared_key: the capture resumed a session; a first connection to a server has no
            # ticket to offer (RFC 8446 §4.2.11), so it is not part of the size.
            result["hello_bytes"] -= 4 + ext_length
        elif ext_type == 0x000A:
            result["groups"] = u16_list(ext[2:])
        elif ext_type == 0x000D:
            result["sigalgs"] = u16_list(ext[2:])
        elif ext_type == 0x0010:
            i = 2
            while i < len(ext):
                length = ext[i]
                result["alpn"].append(ext[i + 1:i + 1 + length].decode("ascii"))
                i += 1 + length
        elif ext_type == 0x002B:
            result["supported_versions"] = u16_list(ext[1:])
    return result


def hex_list(codes: list[int]) -> str:
    return ";".join("0x%04X" % code for code in codes if not is_grease(code))


def codes_of(text: str) -> list[int]:
    return [int(token, 16) for token in text.split()]


def limit(value: str) -> str:
    return "" if value in ("", "-1") else str(int(value))


HEADER = ("id,name,category,synthetic,cannot_use_tls12,min_version,max_version,hello_format,cipher_suites,"
          "extensions,groups,signature_algorithms,alpn,sni,min_dh_bits,max_dh_bits,min_rsa_bits,max_rsa_bits,"
          "min_ecdsa_bits,sha2_certificates,sha1_certificates,requires_forward_secrecy,requires_aead,source,hello_bytes")


def captured_row(entry: dict[str, str]) -> dict:
    hello = decode_hello(entry["handshakebytes"])
    low = int(entry["lowest_protocol"], 16)
    high = int(entry["highest_protocol"], 16)
    low = 0x0002 if low == 0x0200 else low  # testssl writes SSLv2 as 0x0200
    offered = [v for v in hello["supported_versions"] if not is_grease(v) and v in VERSION_NAMES]
    if offered:  # RFC 8446 §4.2.1: supported_versions is what the client really offers
        low, high = min(offered), max(offered)
    return {
        "min_version": low, "max_version": high, "hello_format": hello["format"],
        "cipher_suites": hex_list(hello["suites"]), "extensions": hex_list(hello["extensions"]),
        "groups": hex_list(hello["groups"]), "signature_algorithms": hex_list(hello["sigalgs"]),
        "alpn": ";".join(hello["alpn"]), "sni": hello["sni"],
        "min_dh_bits": limit(entry.get("minDhBits", "")), "max_dh_bits": limit(entry.get("maxDhBits", "")),
        "min_rsa_bits": limit(entry.get("minRsaBits", "")), "max_rsa_bits": limit(entry.get("maxRsaBits", "")),
        "min_ecdsa_bits": limit(entry.get("minEcdsaBits", "")),
        "supports_sha2_certificates": True,
        "accepts_sha1_certificates": entry.get("requiresSha2", "false") != "true",
        "requires_forward_secrecy": False, "requires_aead": False,
        "hello_bytes": str(hello["hello_bytes"]) if "hello_bytes" in hello else "",
    }


def apply(row: dict, fields: dict) -> None:
    for key, value in fields.items():
        if key in ("cipher_suites", "extensions", "groups", "signature_algorithms"):
            row[key] = hex_list(codes_of(value))
        elif key == "alpn":
            row[key] = ";".join(value.split())
        elif key in ("min_dh_bits", "max_dh_bits", "min_rsa_bits", "max_rsa_bits", "min_ecdsa_bits"):
            row[key] = str(value)
        else:
            row[key] = value


def yes(value: bool) -> str:
    return "yes" if value else "no"


def csv_line(row: dict) -> str:
    fields = [row["id"], row["name"], row["category"], yes(row["synthetic"]), yes(row["cannot_use_tls12"]),
              VERSION_NAMES[row["min_version"]], VERSION_NAMES[row["max_version"]], row["hello_format"],
              row["cipher_suites"], row["extensions"], row["groups"], row["signature_algorithms"], row["alpn"],
              yes(row["sni"]), row["min_dh_bits"], row["max_dh_bits"], row["min_rsa_bits"], row["max_rsa_bits"],
              row["min_ecdsa_bits"], yes(row["supports_sha2_certificates"]), yes(row["accepts_sha1_certificates"]),
              yes(row["requires_forward_secrecy"]), yes(row["requires_aead"]), row["source"], row["hello_bytes"]]
    for field in fields:
        assert "," not in field and field == field.strip(), (row["id"], field)
    return ",".join(fields)


FILE_HEADER = """# tlsready client profiles -- one TLS client per row: what it offers and what it accepts.
# GENERATED by extract_client_profiles.py (beside this file); edit the script, not this file.
#
# SOURCES
#  * captured rows (synthetic=no): SSL Labs' captured ClientHellos as carried in testssl.sh's
#    etc/client-simulation.txt (https://github.com/testssl/testssl.sh), decoded by the script
#    (versions, suites, extensions, groups, signature algorithms, ALPN, SNI, hello framing) with
#    SSL Labs' limits (minDhBits, maxDhBits, minRsaBits, maxRsaBits, minEcdsaBits, requiresSha2).
#    GREASE values (RFC 8701) are dropped. No captured bytes are kept.
#  * synthetic rows (synthetic=yes): built from documented defaults; each row's source names them.
#  * cannot_use_tls12: Microsoft's list in "Preparing for TLS 1.2 in Office 365 and Office 365 GCC".
#
# COLUMNS
#  id, name, category   stable lower-case id; name for people; browser windows_stack runtime library
#                       mobile_os tool mail_client
#  min_version ...      the default range offered (SSLv2 ... TLSv1.3)
#  hello_format         tls or sslv2_compatible (SSL 2.0 CLIENT-HELLO, RFC 5246 Appendix E.2)
#  cipher_suites ...    ';'-separated 0xXXXX codes in the order sent; empty = none sent
#  alpn                 ';'-separated protocol names
#  sni                  yes = sends server_name
#  min_/max_ limits     bits; empty = no limit known
#  sha2_certificates    no = cannot verify SHA-2 signed chains
#  sha1_certificates    no = refuses SHA-1 signed certificates
#  requires_*           refuses RSA key transport / CBC suites
#  hello_bytes          captured TLS-format rows: the captured ClientHello's size in bytes (record header
#                       included) less its server_name host name, its RFC 7685 padding extension and a
#                       resumption's pre_shared_key (a first connection has none); the
#                       simulation pads its hello to this plus the target's name (the client's own
#                       padding rule then applies); empty: no capture of this offer (synthetic rows, SSL
#                       2.0 CLIENT-HELLOs), the size is estimated from the profile's lists
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--testssl", required=True, help="testssl.sh etc/client-simulation.txt")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    entries = parse_testssl(args.testssl)
    rows = []
    for short, client_id, name, category, cannot, overrides, note in CLIENTS_CAPTURED:
        entry = entries[short]
        row = captured_row(entry)
        apply(row, overrides)
        source = "%s (%s)" % (TESTSSL_SOURCE, entry["names"])
        if note:
            source += "; " + note
        row.update(id=client_id, name=name, category=category, synthetic=False, cannot_use_tls12=cannot,
                   source=source)
        rows.append(row)
    for client_id, name, category, cannot, base, fields, source in CLIENTS_SYNTHETIC:
        if base:
            row = captured_row(entries[base])
        else:
            row = {"hello_format": "tls", "alpn": "", "sni": True, "min_dh_bits": "", "max_dh_bits": "",
                   "min_rsa_bits": "", "max_rsa_bits": "", "min_ecdsa_bits": "", "supports_sha2_certificates": True,
                   "accepts_sha1_certificates": True, "requires_forward_secrecy": False, "requires_aead": False}
        if client_id == "firefox-5":
            row["max_version"] = 0x0301
        row["hello_bytes"] = ""  # not the captured offer any more: estimated from the lists
        apply(row, fields)
        row.update(id=client_id, name=name, category=category, synthetic=True, cannot_use_tls12=cannot,
                   source=source)
        rows.append(row)
    with open(args.output, "w", encoding="ascii", newline="\n") as out:
        out.write(FILE_HEADER)
        out.write(HEADER + "\n")
        for row in rows:
            out.write(csv_line(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
