#!/usr/bin/env python3
"""The cross-front check of tests/powershell/CrossFront.Tests.ps1: the documents the PowerShell
module gave (its results' and reports' Json, written to files) against what the Python package
gives for the same input. Timings and dates aside (started_at, elapsed_ms, days_until_expiry),
they must be equal. Prints "same", or the first differences, one per line; exit 1 when they differ.

    cross_front.py policy PS_REPORT.json REG_FILE [--os-version V]
    cross_front.py scan   PS_RESULT.json TARGET --sni NAME --ca-file PEM --timeout S
    cross_front.py machine-reach PS_REACHES.json        (a JSON array of {"fixture": .reg file or Linux
                                                         root, "document": the MachineReach.Json text})
    cross_front.py client-impact PS_IMPACT.json PS_SCAN.json [--what-if W] [--clients a,b]
    cross_front.py simulate      PS_IMPACT.json PS_SCAN.json [--what-if W] [--clients a,b] --timeout S
    cross_front.py verdict-summary PS_SUMMARY.json PS_SCANS.jsonl --policy P   (Python judges the scans itself)
    cross_front.py client-summary  PS_SUMMARY.json PS_SCANS.jsonl [--what-if W] [--clients a,b]

machine-reach and client-impact documents have no timing field (compared whole); a simulated
client_impact has one, simulation.elapsed_ms (that run's wall-clock time), left out with the others.
"""
import argparse
import json
import sys

import tlsready

VOLATILE = {"started_at", "elapsed_ms", "days_until_expiry"}


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def differences(a, b, where="$"):
    if type(a) is not type(b):
        yield "%s: %r (PowerShell) vs %r (Python)" % (where, a, b)
    elif isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                yield "%s.%s: only in %s" % (where, key, "PowerShell" if key in a else "Python")
            else:
                yield from differences(a[key], b[key], "%s.%s" % (where, key))
    elif isinstance(a, list):
        if len(a) != len(b):
            yield "%s: %d items (PowerShell) vs %d (Python)" % (where, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, "%s[%d]" % (where, i))
    elif a != b:
        yield "%s: %r (PowerShell) vs %r (Python)" % (where, a, b)


def machine_reaches(items):
    """Each PowerShell MachineReach document against tlsready.machine_reach of Python's own audit."""
    found = []
    for item in items:
        fixture = item["fixture"]
        if fixture.endswith(".reg"):
            report = tlsready.audit_registry_export(fixture)
        else:
            report = tlsready.local_policy(fixture)
        py = json.loads(tlsready.machine_reach(report, "m365").to_json())
        found += ["%s: %s" % (fixture, d) for d in differences(strip(json.loads(item["document"])), strip(py))]
    print("same" if not found else "\n".join(found[:20]))
    return 1 if found else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["policy", "scan", "machine-reach", "client-impact", "simulate",
                                           "verdict-summary", "client-summary"])
    parser.add_argument("ps_document")
    parser.add_argument("input", nargs="?")
    parser.add_argument("--what-if")
    parser.add_argument("--clients")
    parser.add_argument("--policy")
    parser.add_argument("--os-version")
    parser.add_argument("--sni")
    parser.add_argument("--ca-file")
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()
    with open(args.ps_document, encoding="utf-8") as handle:
        ps = json.load(handle)
    if args.kind == "machine-reach":
        return machine_reaches(ps)
    clients = args.clients.split(",") if args.clients else None
    if args.kind in ("client-impact", "simulate"):
        with open(args.input, encoding="utf-8") as handle:
            scan = json.load(handle)  # the endpoint-scan document PowerShell's result carried
    if args.kind in ("verdict-summary", "client-summary"):
        with open(args.input, encoding="utf-8") as handle:
            scans = [line for line in handle.read().splitlines() if line.strip()]
    if args.kind == "verdict-summary":
        py = tlsready.verdict_summary(tlsready.verdicts(scans, args.policy))
    elif args.kind == "client-summary":
        py = json.loads(tlsready.client_impact_summary(scans, what_if=args.what_if, clients=clients).to_json())
    elif args.kind == "client-impact":
        py = json.loads(tlsready.client_impact(scan, what_if=args.what_if, clients=clients).to_json())
    elif args.kind == "simulate":
        py = json.loads(tlsready.simulate_clients(scan, what_if=args.what_if, clients=clients,
                                                  timeout=args.timeout).to_json())
    elif args.kind == "policy":
        py = json.loads(tlsready.audit_registry_export(args.input, os_version=args.os_version).to_json())
    else:
        py = json.loads(tlsready.scan_endpoint(args.input, sni=args.sni, ca_file=args.ca_file,
                                               timeout=args.timeout).to_json())
    found = list(differences(strip(ps), strip(py)))
    print("same" if not found else "\n".join(found[:20]))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
