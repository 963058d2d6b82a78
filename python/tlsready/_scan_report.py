"""The human-readable report of one scanned endpoint (the `tlsready scan` table)."""

from __future__ import annotations

from typing import Any, Optional

from tlsready._results import EndpointResult


def _yes_no(value: Optional[bool]) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def format_result(result: EndpointResult) -> str:
    """The human-readable report of one endpoint."""
    raw: dict[str, Any] = dict(result.raw)
    target = raw["target"]
    header = result.target + (f" (SNI {target['sni']})" if target.get("sni") else "")
    if target.get("starttls"):
        header += f" STARTTLS {target['starttls']}"
    lines = [header]
    if not result.ok:
        error = raw["error"]
        lines.append(f"  ERROR {error['kind']}: {error['message']} (after {error['elapsed_ms'] / 1000:.1f} s)")
        return "\n".join(lines)
    lines.append(f"  address {raw['address']}, {raw['connections']} connections, {raw['elapsed_ms'] / 1000:.2f} s")
    lines.append("  Protocols")
    for protocol in raw["protocols"]:
        if not protocol["accepted"]:
            lines.append(f"    {protocol['version']:<8} no")
            continue
        order = {True: "server order", False: "client order", None: ""}[protocol["server_preference"]]
        lines.append(f"    {protocol['version']:<8} yes  {order}".rstrip())
        for suite in protocol["cipher_suites"]:
            weak = "  WEAK" if suite.get("weak") else ""
            lines.append(f"      {suite['code']} {suite['name']:<48} {suite['openssl_name'] or '-':<32} "
                         f"{suite['bits'] if suite['bits'] is not None else '?':>3} bits{weak}")
        if protocol.get("cipher_specs"):
            lines.append(f"      SSLv2 cipher kinds: {', '.join(protocol['cipher_specs'])}")
        if protocol["groups"]:
            lines.append(f"      groups: {', '.join(protocol['groups'])}")
        if protocol["dh_bits"]:
            lines.append(f"      DH prime: {protocol['dh_bits']} bits")
    cert = raw["certificate"]
    if cert and cert["chain"]:
        leaf = cert["chain"][0]
        lines.append("  Certificate")
        lines.append(f"    subject  {leaf['subject']}")
        lines.append(f"    issuer   {leaf['issuer']}")
        lines.append(f"    SANs     {', '.join(leaf['subject_alt_names']) or '-'}")
        lines.append(f"    key      {leaf['key_type']} {leaf['key_bits']} bits, {leaf['signature_algorithm']}")
        lines.append(f"    valid    {leaf['not_before']} .. {leaf['not_after']}")
        lines.append(f"    trusted {_yes_no(cert['trusted'])}, hostname matches {_yes_no(cert['hostname_matches'])}, "
                     f"expired {_yes_no(cert['expired'])}, self-signed {_yes_no(cert['self_signed'])}")
        for problem in cert["problems"]:
            lines.append(f"    ! {problem}")
    session = raw["session"]
    lines.append(f"  Session  secure renegotiation {_yes_no(session['secure_renegotiation'])}, "
                 f"extended master secret {_yes_no(session['extended_master_secret'])}, "
                 f"OCSP stapling {_yes_no(session['ocsp_stapling'])}, ALPN {session['alpn_selected'] or 'none'}")
    for found in raw.get("intolerances", []):
        what = found["kind"] + (f" {found['extension']}" if found.get("extension") else "")
        lines.append(f"  ! intolerance {what} ({', '.join(found['versions'])}): {found['detail']}")
    for note in raw["notes"]:
        lines.append(f"  note: {note}")
    return "\n".join(lines)
