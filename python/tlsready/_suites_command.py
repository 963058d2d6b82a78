"""`tlsready suites [SUITE ...] [--weak] [--protocol V] [--json]`: the cipher-suite registry."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from tlsready._results_kinds import SUITE_PROTOCOL_NAMES as PROTOCOLS

if TYPE_CHECKING:  # the registry is read when the command runs: the CLI starts lean
    from tlsready._results_suites import CipherSuite

EXAMPLES = """examples:
  tlsready suites 0x000a                          one suite by its code point (also 0x00,0x0A)
  tlsready suites TLS_RSA_WITH_3DES_EDE_CBC_SHA   by its IANA name
  tlsready suites ecdhe-rsa-aes128-gcm-sha256     by its OpenSSL name (any case)
  tlsready suites '*CBC*' --protocol TLSv1.2      shell wildcards over both names
  tlsready suites --weak --json                   every weak suite, one JSON document per line

exit codes: 0 found, 2 usage error or a suite the registry does not hold (named on stderr)"""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "suites", help="look up cipher suites in the registry: code point, IANA or OpenSSL name, weaknesses",
        description="Look up cipher suites in tlsready's registry (IANA TLS Cipher Suites, with OpenSSL names "
                    "and weaknesses). Without SUITE, every suite that passes the filters.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    parser.add_argument("suites", nargs="*", metavar="SUITE",
                        help="a code point (0x000A, 0x00,0x0A), an IANA or OpenSSL name, or a wildcard pattern")
    parser.add_argument("--weak", action="store_true", help="only suites with a weakness (RFC 9325 §4.1-4.2, ...)")
    parser.add_argument("--protocol", choices=PROTOCOLS, metavar="VERSION",
                        help=f"only suites that may be negotiated in VERSION ({', '.join(PROTOCOLS)})")
    parser.add_argument("--json", action="store_true",
                        help="one JSON document per suite and line (the objects of registry.schema.json)")


def format_suite(suite: CipherSuite) -> str:
    versions = ",".join(v.removeprefix("TLSv") if v.startswith("TLSv") else v for v in suite.protocols) or "-"
    flags = ("weak: " + ", ".join(suite.weaknesses)) if suite.weak else ("forward secret" if suite.forward_secret
                                                                          else "")
    return f"{suite.code}  {suite.name:<45} {suite.openssl_name or '-':<32} {versions:<16} {flags}".rstrip()


def _matches(query: str, weak: bool, protocol: Any) -> list[CipherSuite]:
    from tlsready._suites import cipher_suite, cipher_suites
    if any(c in query for c in "*?["):
        return cipher_suites(query, weak=True if weak else None, protocol=protocol)
    suite = cipher_suite(query)
    if weak and not suite.weak:
        return []
    if protocol is not None and protocol not in suite.protocols:
        return []
    return [suite]


def run_suites(args: argparse.Namespace, out: Any, err: TextIO) -> int:
    from tlsready._suites import CipherSuiteNotFoundError, cipher_suites
    found: list[CipherSuite] = []
    missing: list[str] = []
    if not args.suites:
        found = cipher_suites(weak=True if args.weak else None, protocol=args.protocol)
    for query in args.suites:
        try:
            matched = _matches(query, args.weak, args.protocol)
        except CipherSuiteNotFoundError as error:
            missing.append(str(error))
            continue
        if not matched and any(c in query for c in "*?[") and not (args.weak or args.protocol):
            missing.append(f"no cipher suite matches {query!r}")
        found.extend(matched)
    for suite in found:
        out.write((suite.to_json() if args.json else format_suite(suite)) + "\n")
    out.flush()
    for message in missing:
        err.write(f"tlsready: {message}\n")
    return 2 if missing else 0
