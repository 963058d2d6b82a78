"""`tlsready clients` (list the profiles, or forecast saved scan documents) and the client table of
`tlsready scan --clients [--what-if ...]`."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, Optional, TextIO

from tlsready import _legacy_clients_command
from tlsready._errors import InvalidArgumentError

if TYPE_CHECKING:  # the command's own modules are imported when it runs: the CLI starts lean
    from tlsready._clients import ClientImpact

WHAT_IF_HELP = ("with --clients: also forecast the endpoint after these changes and list who would break "
                "(comma-separated: no-ssl3, no-tls10, no-tls11, no-tls12, no-tls13, no-suite:0x000A, no-3des, "
                "no-rc4, no-des, no-cbc, no-rsa-kx, no-dhe, no-sha1-mac)")


def add_scan_arguments(scan_cmd: argparse.ArgumentParser) -> None:
    """`scan --clients`, `--what-if`, `--client`."""
    scan_cmd.add_argument("--clients", action="store_true",
                          help="forecast which TLS clients (browsers, OS stacks, runtimes) connect, from the scan "
                               "(no extra connections); with --json each scan document is followed by its "
                               "client_impact document")
    scan_cmd.add_argument("--what-if", metavar="CHANGES", help=WHAT_IF_HELP)
    scan_cmd.add_argument("--client", action="append", metavar="ID",
                          help="with --clients: only this client (repeatable; `tlsready clients` lists the ids)")
    scan_cmd.add_argument("--simulate", action="store_true",
                          help="with --clients: send each client's hello to the endpoint and report what it does "
                               "(clients the scan already decides are answered from it, without connecting)")


def add_parser(commands: Any) -> None:
    clients_cmd = commands.add_parser(
        "clients", help="list the built-in TLS client profiles, forecast them against saved scan results, or "
                        "find the clients that still use TLS 1.0/1.1 in server logs")
    clients_cmd.add_argument("results", nargs="*", metavar="FILE",
                             help="files of endpoint-scan documents (tlsready scan --json / -o), one per line, "
                                  "or server logs (IIS W3C with the crypt-* fields)")
    clients_cmd.add_argument("--what-if", metavar="CHANGES", help=WHAT_IF_HELP.replace("with --clients: also ", ""))
    clients_cmd.add_argument("--client", action="append", metavar="ID", help="only this client (repeatable)")
    clients_cmd.add_argument("--json", action="store_true",
                             help="JSON: the client_profiles document, or one client_impact document per endpoint "
                                  "then the client_impact_summary")
    _legacy_clients_command.add_arguments(clients_cmd)


def check_scan_arguments(args: argparse.Namespace) -> None:
    if (args.what_if or args.client or getattr(args, "simulate", False)) and not args.clients:
        raise InvalidArgumentError("--what-if, --client and --simulate go with --clients")


def _status_text(outcome: Any) -> str:
    if outcome.status == "connects":
        text = f"connects with {outcome.version} {outcome.cipher_suite}"
        return text + (f" ({outcome.group})" if outcome.group else "")
    if outcome.status == "fails":
        return f"fails: {outcome.reason} -- {outcome.detail}"
    return f"unknown -- {outcome.detail}"


def format_impact(impact: ClientImpact) -> str:
    """The client table of one endpoint: each client, how it connects or why it fails; with a
    what-if, the outcome after the change and the clients that would break."""
    lines = [f"Clients of {impact.endpoint}" + (f" (scan error: {impact.scan_error})" if impact.scan_error else "")]
    after = {item.client_id: item for item in impact.what_if_outcomes}
    width = max((len(item.client_id) for item in impact.outcomes), default=10)
    for outcome in impact.outcomes:
        line = f"  {outcome.client_id:<{width}}  {_status_text(outcome)}"
        changed = after.get(outcome.client_id)
        if changed is not None and outcome.client_id in impact.breaks:
            line += f"\n  {'':<{width}}  BREAKS if {','.join(impact.what_if)}: {_status_text(changed)}"
        lines.append(line)
    summary = impact.raw["summary"]
    lines.append(f"  {summary['connects']} connect, {summary['fails']} fail, {summary['unknown']} unknown"
                 f" of {summary['clients']} clients")
    if impact.simulation is not None:
        lines.append(f"  simulated: {impact.simulation['simulated']} clients over {impact.simulation['connections']}"
                     f" connections, {impact.simulation['from_scan']} answered from the scan")
    if impact.what_if:
        broken = ", ".join(impact.breaks) if impact.breaks else "none"
        lines.append(f"  If {','.join(impact.what_if)}: {len(impact.breaks)} would break: {broken}")
    return "\n".join(lines)


def impact_of(result: Any, args: argparse.Namespace) -> ClientImpact:
    from tlsready._clients import client_impact, simulate_clients
    if getattr(args, "simulate", False):
        return simulate_clients(result, what_if=args.what_if, clients=args.client,
                                timeout=getattr(args, "timeout", None) or 5.0)
    return client_impact(result, what_if=args.what_if, clients=args.client)


def _read_documents(paths: list[str]) -> list[dict[str, Any]]:
    documents = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.readlines()
        except OSError as error:
            raise InvalidArgumentError(f"{path}: {error.strerror}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                document = json.loads(line)
            except ValueError as error:
                raise InvalidArgumentError(f"{path}:{number}: not JSON ({getattr(error, 'msg', error)})") from None
            if not isinstance(document, dict) or "protocols" not in document:
                continue  # client_impact documents and others written beside the scans
            documents.append(document)
    return documents


def _format_profiles() -> str:
    from tlsready._clients import client_profiles
    profiles = client_profiles()
    width = max(len(profile.id) for profile in profiles)
    lines = []
    for profile in profiles:
        marks = " synthetic" if profile.synthetic else ""
        marks += " no-TLS1.2" if profile.cannot_use_tls12 else ""
        lines.append(f"{profile.id:<{width}}  {profile.min_version}-{profile.max_version:<8} {profile.name}{marks}")
    return "\n".join(lines)


def run_clients(args: argparse.Namespace, out: TextIO, err: Optional[TextIO] = None) -> int:
    if _legacy_clients_command.is_log_run(args):
        return _legacy_clients_command.run(args, out, err)
    from tlsready._clients import client_impact_summary, client_profiles
    if not args.results:
        if args.what_if or args.client:
            raise InvalidArgumentError("--what-if and --client need RESULTS.jsonl files")
        if args.json:
            out.write(json.dumps({"schema_version": "1.0", "document": "client_profiles",
                                  "profiles": [dict(profile.raw) for profile in client_profiles()]}) + "\n")
        else:
            out.write(_format_profiles() + "\n")
        return 0
    documents = _read_documents(args.results)
    if not documents:
        raise InvalidArgumentError("no endpoint-scan documents in " + ", ".join(args.results))
    impacts = [impact_of(document, args) for document in documents]
    summary = client_impact_summary(documents, what_if=args.what_if, clients=args.client)
    if args.json:
        for impact in impacts:
            out.write(impact.to_json() + "\n")
        out.write(summary.to_json() + "\n")
        return 0
    for impact in impacts:
        out.write(format_impact(impact) + "\n\n")
    if len(impacts) > 1:
        out.write(_format_breaks(dict(summary.raw)) + "\n")
    return 0


def _format_breaks(summary: dict[str, Any]) -> str:
    lines = ["Clients across endpoints"]
    for client in summary["clients"]:
        parts = []
        if client["fails_at"]:
            parts.append(f"fails at {len(client['fails_at'])}")
        if client["breaks_at"]:
            parts.append("would break at " + ", ".join(client["breaks_at"]))
        if parts:
            lines.append(f"  {client['client_id']}: " + "; ".join(parts))
    return "\n".join(lines)


def check_what_if(args: argparse.Namespace) -> None:
    """Fails on a bad --what-if or --client now, not after the scan (forecasts a minimal document)."""
    from tlsready._clients import client_impact
    probe = {"schema_version": "2.0", "target": {"host": "check", "port": 0}, "protocols": []}
    client_impact(probe, what_if=args.what_if, clients=args.client)
