"""The ``tlsready`` command line. Library code never prints; this module does."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Optional, Sequence, TextIO

from tlsready._errors import InvalidArgumentError, ScanInterruptedError
from tlsready._results import EndpointResult
from tlsready._scan import __version__, scan

STARTTLS_CHOICES = ("smtp", "imap", "pop3", "ftp", "ldap", "postgres", "none")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tlsready", description="TLS readiness toolkit")
    parser.add_argument("--version", action="version", version=f"tlsready {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan_cmd = commands.add_parser("scan", help="probe TLS endpoints: versions, cipher suites, groups, certificate")
    scan_cmd.add_argument("targets", nargs="+", metavar="HOST:PORT", help="endpoints, e.g. 127.0.0.1:8443 or [::1]:443")
    scan_cmd.add_argument("--sni", help="server name to send (default: the host when it is a name)")
    scan_cmd.add_argument("--starttls", choices=STARTTLS_CHOICES,
                          help="plaintext protocol to upgrade first (default: implied by a well-known port)")
    scan_cmd.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS", help="timeout per step (default 5)")
    scan_cmd.add_argument("--concurrency", type=int, default=8, help="endpoints scanned at once (default 8)")
    scan_cmd.add_argument("--ca-file", help="extra trusted CA certificates (PEM) for chain validation")
    scan_cmd.add_argument("--no-system-trust", action="store_true", help="do not trust the system CA store")
    scan_cmd.add_argument("--json", action="store_true",
                          help="one JSON document per endpoint, one per line (JSONL), as each finishes")
    scan_cmd.add_argument("--output", "-o", metavar="FILE", help="also append the JSONL results to FILE as they finish")

    policy_cmd = commands.add_parser(
        "policy", help="audit local TLS policy: Windows registry exports, or this Linux machine / a mounted image")
    policy_cmd.add_argument("--reg", nargs="+", metavar="FILE",
                            help="`reg export` files or JSON registry snapshots of one Windows machine (layered)")
    policy_cmd.add_argument("--root", metavar="DIR", help="audit the Linux configuration under DIR (default /)")
    policy_cmd.add_argument("--os-version", help="Windows version for --reg (win7, server2019, 10.0.17763, ...)")
    policy_cmd.add_argument("--json", action="store_true", help="the report as one JSON document")
    policy_cmd.add_argument("--remediate-reg", metavar="FILE", help="write a .reg file with the registry fixes")
    policy_cmd.add_argument("--remediate-ps1", metavar="FILE",
                            help="write a PowerShell script with the fixes (supports -WhatIf and -Confirm)")
    return parser


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
    for note in raw["notes"]:
        lines.append(f"  note: {note}")
    return "\n".join(lines)


def _run_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    progress = err.isatty()
    total = len(args.targets)
    done = 0
    failures = 0
    sink = open(args.output, "a", encoding="utf-8") if args.output else None

    def on_result(result: EndpointResult) -> None:
        nonlocal done, failures
        done += 1
        failures += 0 if result.ok else 1
        if sink is not None:
            sink.write(result.to_json() + "\n")
            sink.flush()
        out.write((result.to_json() if args.json else format_result(result) + "\n") + "\n")
        out.flush()
        if progress:
            err.write(f"\r[{done}/{total}] {result.target} done   ")
            err.flush()

    try:
        scan(args.targets, sni=args.sni, starttls=args.starttls, timeout=args.timeout, concurrency=args.concurrency,
             ca_file=args.ca_file, use_system_trust_store=not args.no_system_trust, on_result=on_result)
    except ScanInterruptedError as interrupted:
        err.write(f"\ninterrupted: {len(interrupted.results)} of {total} endpoints finished and were written\n")
        return 130
    finally:
        if sink is not None:
            sink.close()
        if progress:
            err.write("\n")
    return 1 if failures else 0


def _windows_lines(windows: dict[str, Any]) -> list[str]:
    os_info = windows["os"]
    lines = [f"  Windows  {os_info['product_name']} ({os_info['version']}, {os_info['family']})"]
    lines.append("  SCHANNEL          client       server")
    for protocol in windows["schannel"]["protocols"]:
        lines.append(f"    {protocol['protocol']:<14} {protocol['client']['status']:<12} {protocol['server']['status']}")
    for generation in windows["dotnet"]:
        if generation["applicable"]:
            lines.append(f"  .NET {generation['generation']:<10} {generation['view']:<12} "
                         f"{', '.join(generation['protocols']) or 'none'}")
    for view in windows["winhttp"]["views"]:
        if view["applicable"]:
            lines.append(f"  WinHTTP {view['view']:<12} {view['mask']} {', '.join(view['protocols']) or 'none'}")
    lines.append(f"  WinINet             {windows['wininet']['mask']} {', '.join(windows['wininet']['protocols']) or 'none'}")
    return lines


def _linux_lines(linux: dict[str, Any]) -> list[str]:
    openssl = linux["openssl"]
    lines = [f"  root {linux['root']}  {openssl['library_version']}  config {openssl['config_file'] or '-'}"]
    for role in ("client", "server"):
        r = openssl[role]
        lines.append(f"  OpenSSL {role:<7} min {r['min_version']}, max {r['max_version']}, security level "
                     f"{r['security_level']}, negotiates {r['lowest_negotiated'] or '-'} .. {r['highest_negotiated'] or '-'}")
    policies = linux["crypto_policies"]
    if policies["present"]:
        lines.append(f"  crypto-policies {policies['base_policy']}"
                     + (":" + ":".join(policies["subpolicies"]) if policies["subpolicies"] else ""))
    for java in linux["java"]:
        disabled = [name for name, off in java["disabled"].items() if off]
        lines.append(f"  Java {java['version'] or '?'} {java['home']}: disabled {', '.join(disabled) or 'none'}")
    return lines


def format_policy(report: dict[str, Any]) -> str:
    """The human-readable local-policy report."""
    summary = report["summary"]
    lines = [f"Local TLS policy ({report['platform']}): " +
             (", ".join(f"{summary[name]} {name}" for name in ("critical", "high", "medium", "low", "info")
                        if summary.get(name)) or "no findings")]
    if report.get("windows"):
        lines += _windows_lines(report["windows"])
    if report.get("linux"):
        lines += _linux_lines(report["linux"])
    lines.append("  Findings")
    if not report["findings"]:
        lines.append("    none")
    for finding in report["findings"]:
        lines.append(f"    [{finding['severity'].upper()}] {finding['id']}: {finding['title']}")
        for evidence in finding["evidence"]:
            lines.append(f"      at  {evidence['location']}: {evidence['observed']}")
        lines.append(f"      fix {finding['fix']}")
    return "\n".join(lines)


def _run_policy(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from tlsready._policy import audit_registry_export, local_policy

    if args.reg and args.root:
        raise InvalidArgumentError("give either --reg (Windows exports) or --root (Linux), not both")
    if args.reg:
        report = audit_registry_export(*args.reg, os_version=args.os_version)
    else:
        if args.os_version:
            raise InvalidArgumentError("--os-version goes with --reg")
        report = local_policy(args.root or "/")
    if args.remediate_reg:
        with open(args.remediate_reg, "w", encoding="utf-8", newline="") as handle:
            handle.write(report.remediation_reg())
        err.write(f"wrote {args.remediate_reg}\n")
    if args.remediate_ps1:
        with open(args.remediate_ps1, "w", encoding="utf-8", newline="") as handle:
            handle.write(report.remediation_ps1())
        err.write(f"wrote {args.remediate_ps1}\n")
    out.write((report.to_json(indent=2) if args.json else format_policy(dict(report.raw))) + "\n")
    return 0


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "scan":
            return _run_scan(args, out, err)
        if args.command == "policy":
            return _run_policy(args, out, err)
    except InvalidArgumentError as error:
        err.write(f"tlsready: {error}\n")
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
