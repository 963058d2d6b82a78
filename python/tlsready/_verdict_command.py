"""`tlsready verdict FILE.jsonl --policy NAME|FILE` and `tlsready policies`: verdicts offline."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, Sequence, TextIO

from tlsready._errors import InvalidArgumentError
if TYPE_CHECKING:  # the command's own modules are imported when it runs: the CLI starts lean
    from tlsready._verdict import Verdict


def format_verdict(item: Verdict) -> str:
    """A verdict for people: the readiness line, each finding with its evidence, what was not judged."""
    lines = [f"{item.subject}: {item.readiness.upper().replace('_', ' ')} for {item.policy} ({item.policy_name})"]
    for finding in item.raw["findings"]:
        lines.append(f"  [{finding['severity']}] {finding['id']}: {finding['title']}")
        for evidence in finding["evidence"]:
            lines.append(f"      {evidence['location']}: {evidence['observed']}")
        lines.append(f"      fix: {finding['fix']}")
    for reason in item.inconclusive:
        lines.append(f"  not judged: {reason}")
    if item.clients:
        failing = item.failing_clients
        names = (": " + ", ".join(failing)) if failing else ""
        lines.append(f"  clients: {len(failing)} of {len(item.clients)} fail{names}")
    return "\n".join(lines)


def format_summary(summary: dict[str, Any]) -> str:
    counts = summary["readiness"]
    lines = [f"Summary ({', '.join(summary['policies'])}): {summary['endpoints']} endpoints, "
             f"{counts['ready']} ready, {counts['ready_with_warnings']} ready with warnings, "
             f"{counts['not_ready']} not ready, {counts['unknown']} unknown"]
    for finding in summary["top_findings"][:10]:
        lines.append(f"  {finding['endpoints']:>4} x [{finding['severity']}] {finding['id']}: {finding['title']}")
    return "\n".join(lines)


def _read_documents(paths: Sequence[str]) -> list[str]:
    documents: list[str] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        document = json.loads(line)
                    except ValueError:
                        raise InvalidArgumentError(f"{path}:{number}: not a JSON document") from None
                    if isinstance(document, dict) and document.get("document") == "verdict":
                        continue  # `tlsready scan --policy --json` output: judge the scans again
                    documents.append(line)
        except OSError as error:
            raise InvalidArgumentError(f"{path}: cannot read: {error.strerror or error}") from None
    return documents


def run_verdict(args: argparse.Namespace, out: Any, err: TextIO) -> int:
    from tlsready._verdict import verdict, verdict_summary, verdicts
    """Exit code: 0 every endpoint ready (with or without warnings), 1 some not ready or unknown."""
    if (args.what_if or args.client) and not args.clients:
        raise InvalidArgumentError("--what-if and --client go with --clients")
    documents = _read_documents(args.files)
    judged = verdicts(documents, args.policy)  # the policy resolved once; a bad one is named here
    if args.clients:  # forecast from the saved documents: no network
        judged = [verdict(document, args.policy, clients=True, what_if=args.what_if, client_ids=args.client)
                  for document in documents]
    if args.json:
        for item in judged:
            out.write(item.to_json() + "\n")
        if args.summary:
            out.write(json.dumps(verdict_summary(judged)) + "\n")
    else:
        for item in judged:
            out.write(format_verdict(item) + "\n")
        if len(judged) > 1 or args.summary:
            out.write(format_summary(verdict_summary(judged)) + "\n")
    out.flush()
    return 0 if all(item.ready for item in judged) else 1


def run_policies(args: argparse.Namespace, out: Any, err: TextIO) -> int:
    from tlsready._verdict import policies
    listed = policies()
    if args.json:
        out.write(json.dumps(listed) + "\n")
    else:
        for policy in listed:
            out.write(f"{policy['id']:<22} {policy['name']}\n")
            for source in policy["sources"]:
                out.write(f"{'':<22}   source: {source['title']} <{source['url']}>\n")
    out.flush()
    return 0


def add_verdict_commands(commands: Any) -> None:
    verdict_cmd = commands.add_parser(
        "verdict", help="judge saved scan results (JSONL of tlsready scan --json) against a policy, offline")
    verdict_cmd.add_argument("files", nargs="+", metavar="FILE.jsonl", help="saved endpoint-scan documents, one per line")
    verdict_cmd.add_argument("--policy", required=True, metavar="NAME|FILE",
                             help="a built-in policy (tlsready policies) or a policy file (policy.schema.json)")
    verdict_cmd.add_argument("--json", action="store_true", help="one verdict document per line")
    verdict_cmd.add_argument("--clients", action="store_true",
                             help="add each verdict's clients section: which TLS clients connect and which fail, "
                                  "forecast from the saved scan (no network)")
    verdict_cmd.add_argument("--what-if", metavar="CHANGES",
                             help="with --clients: forecast the clients after these changes too (no-tls10,no-tls11, ...)")
    verdict_cmd.add_argument("--client", action="append", metavar="ID",
                             help="with --clients: only this client (repeatable; `tlsready clients` lists the ids)")
    verdict_cmd.add_argument("--summary", action="store_true", help="also the summary (always shown for several endpoints)")
    policies_cmd = commands.add_parser("policies", help="list the built-in readiness policies and their sources")
    policies_cmd.add_argument("--json", action="store_true", help="the list as one JSON document")
