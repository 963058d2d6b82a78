#!/usr/bin/env python3
"""Compares the endpoint-scan documents of the Windows build (run under Wine) with the Linux
build's, endpoint by endpoint: tests/windows/run_wine_tests.sh writes both as JSON lines (one
document per endpoint, the same targets in the same order, from tlsready_scan_json).

Timings and dates are set aside: elapsed_ms and started_at everywhere, and the certificate's
validity verdicts that depend on "now" are equal on both anyway. Everything else -- protocols,
suites, groups, certificate facts, session facts, weaknesses, intolerances, errors (kind and
message) -- must be equal.

  compare_scan_documents.py LINUX.jsonl WINDOWS.jsonl [--allow-message-difference]

Exit status 0 when every pair matches; 1 with a path-by-path list of differences otherwise.
"""
import json
import sys

IGNORED_KEYS = {"elapsed_ms", "started_at"}


def strip(value):
    if isinstance(value, dict):
        return {key: strip(item) for key, item in value.items() if key not in IGNORED_KEYS}
    if isinstance(value, list):
        return [strip(item) for item in value]
    return value


def differences(left, right, path="$"):
    if type(left) is not type(right):
        yield f"{path}: {json.dumps(left)[:200]} (Linux) != {json.dumps(right)[:200]} (Windows)"
        return
    if isinstance(left, dict):
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                yield f"{path}.{key}: present only on {'Linux' if key in left else 'Windows'}"
            else:
                yield from differences(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, list):
        if len(left) != len(right):
            yield f"{path}: {len(left)} items (Linux) != {len(right)} items (Windows)"
        for index, (a, b) in enumerate(zip(left, right)):
            yield from differences(a, b, f"{path}[{index}]")
    elif left != right:
        yield f"{path}: {json.dumps(left)[:200]} (Linux) != {json.dumps(right)[:200]} (Windows)"


def read(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    linux, windows = read(argv[1]), read(argv[2])
    if len(linux) != len(windows):
        print(f"{len(linux)} documents from Linux, {len(windows)} from Windows")
        return 1
    failed = 0
    for a, b in zip(linux, windows):
        target = a.get("target", {})
        name = f"{target.get('host')}:{target.get('port')}"
        found = list(differences(strip(a), strip(b)))
        status = a.get("error", {}) or {}
        if found:
            failed += 1
            print(f"DIFFERENT {name}:")
            for line in found[:40]:
                print("   ", line)
        else:
            print(f"same      {name} ({a.get('status')}{', ' + status.get('kind', '') if status else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
