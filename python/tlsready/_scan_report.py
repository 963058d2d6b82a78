"""The human-readable report of one scanned endpoint (the `tlsready scan` table)."""

from __future__ import annotations

import sys
from typing import Any, Optional

from tlsready._colour import colour_wanted, warn
from tlsready._results import EndpointResult

# Endpoint weakness codes shown beside the line they are about (the rest only in the closing list).
_VERSION_CODES = {"SSLv2": "sslv2_accepted", "SSLv3": "sslv3_accepted", "TLSv1.0": "tls1_0_accepted",
                  "TLSv1.1": "tls1_1_accepted"}


def _yes_no(value: Optional[bool]) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _suite_mark(suite: dict[str, Any], colour: bool) -> str:
    codes = list(suite.get("weaknesses") or ())
    if not codes and not suite.get("weak"):
        return ""
    return "  " + warn("WEAK" + (" " + ", ".join(codes) if codes else ""), colour)


def format_result(result: EndpointResult, colour: Optional[bool] = None) -> str:
    """The human-readable report of one endpoint. Weak versions, suites, DH primes and certificates are
    marked (``WEAK <code>``) and listed at the end; in colour when ``colour`` is true, or when it is None
    and standard output is a terminal without ``NO_COLOR``."""
    if colour is None:
        colour = colour_wanted(sys.stdout)
    raw: dict[str, Any] = dict(result.raw)
    codes = set(result.weakness_codes)
    target = raw["target"]
    header = result.target + (f" (SNI {target['sni']})" if target.get("sni") else "")
    if target.get("starttls") not in (None, "none"):
        header += f" STARTTLS {target['starttls']}"
    lines = [header]
    if not result.ok:
        error = raw["error"]
        lines.append(f"  ERROR {error['kind']}: {error['message']} (after {error['elapsed_ms'] / 1000:.1f} s)")
        if result.weaknesses:  # found before the error
            lines.extend(_weakness_lines(result, colour))
        return "\n".join(lines)
    lines.append(f"  address {raw['address']}, {raw['connections']} connections, {raw['elapsed_ms'] / 1000:.2f} s")
    lines.append("  Protocols")
    for protocol in raw["protocols"]:
        if not protocol["accepted"]:
            lines.append(f"    {protocol['version']:<8} no")
            continue
        order = {True: "server order", False: "client order", None: ""}[protocol["server_preference"]]
        line = f"    {protocol['version']:<8} yes  {order}".rstrip()
        version_code = _VERSION_CODES.get(protocol["version"])
        if version_code in codes:
            line += "  " + warn(f"WEAK {version_code}", colour)
        lines.append(line)
        for suite in protocol["cipher_suites"]:
            weak = _suite_mark(suite, colour)
            lines.append(f"      {suite['code']} {suite['name']:<48} {suite['openssl_name'] or '-':<32} "
                         f"{suite['bits'] if suite['bits'] is not None else '?':>3} bits{weak}")
        if protocol.get("cipher_specs"):
            lines.append(f"      SSLv2 cipher kinds: {', '.join(protocol['cipher_specs'])}")
        if protocol["groups"]:
            lines.append(f"      groups: {', '.join(protocol['groups'])}")
        if protocol["dh_bits"]:
            small = "dh_below_2048" in codes and protocol["dh_bits"] < 2048
            lines.append(f"      DH prime: {protocol['dh_bits']} bits"
                         + ("  " + warn("WEAK dh_below_2048", colour) if small else ""))
    cert = raw["certificate"]
    if cert and cert["chain"]:
        leaf = cert["chain"][0]
        lines.append("  Certificate")
        lines.append(f"    subject  {leaf['subject']}")
        lines.append(f"    issuer   {leaf['issuer']}")
        lines.append(f"    SANs     {', '.join(leaf['subject_alt_names']) or '-'}")
        cert_codes = [code for code in result.weakness_codes if code.startswith("certificate_")]
        lines.append(f"    key      {leaf['key_type']} {leaf['key_bits']} bits, {leaf['signature_algorithm']}"
                     + ("  " + warn("WEAK " + ", ".join(cert_codes), colour) if cert_codes else ""))
        lines.append(f"    valid    {leaf['not_before']} .. {leaf['not_after']}")
        lines.append(f"    trusted {_yes_no(cert['trusted'])}, hostname matches {_yes_no(cert['hostname_matches'])}, "
                     f"expired {_yes_no(cert['expired'])}, self-signed {_yes_no(cert['self_signed'])}")
        for problem in cert["problems"]:
            lines.append(f"    ! {problem['message']} [{problem['code']}]")
    session = raw["session"]
    lines.append(f"  Session  secure renegotiation {_yes_no(session['secure_renegotiation'])}, "
                 f"extended master secret {_yes_no(session['extended_master_secret'])}, "
                 f"OCSP stapling {_yes_no(session['ocsp_stapling'])}, ALPN {session['alpn_selected'] or 'none'}")
    for found in raw.get("intolerances", []):
        what = found["kind"] + (f" {found['extension']}" if found.get("extension") else "")
        lines.append(f"  ! intolerance {what} ({', '.join(found['versions'])}): {found['detail']}")
    for name, check in raw["checks"].items():
        if check["status"] != "completed" and check["detail"]:
            reason = f" ({check['reason']})" if check["reason"] else ""
            lines.append(f"  note: {name} check {check['status']}{reason}: {check['detail']}")
    for note in raw["notes"]:
        lines.append(f"  note: {note}")
    lines.extend(_weakness_lines(result, colour))
    return "\n".join(lines)


def _weakness_lines(result: EndpointResult, colour: bool) -> list[str]:
    weaknesses = result.weaknesses
    if not weaknesses:
        return ["  Weaknesses: none found"]
    lines = [f"  Weaknesses ({len(weaknesses)})"]
    width = max(len(weakness.code) for weakness in weaknesses)
    for weakness in weaknesses:
        lines.append(f"    {warn(weakness.code.ljust(width), colour)}  {weakness.detail}")
    return lines
