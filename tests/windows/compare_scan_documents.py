#!/usr/bin/env python3
"""Compares the endpoint-scan documents of the Windows build (run under Wine) with the Linux
build's, endpoint by endpoint: tests/windows/run_wine_tests.sh writes both as JSON lines (one
document per endpoint, the same targets in the same order, from tlsready_scan_json).

Timings and dates are set aside: elapsed_ms and started_at everywhere, and the certificate's
validity verdicts that depend on "now" are equal on both anyway. Everything else -- protocols,
suites, groups, certificate facts, session facts, weaknesses, intolerances, errors (kind and
message) -- must be equal.

  compare_scan_documents.py LINUX.jsonl WINDOWS.jsonl [--wine-reset-as-close HOST:PORT]

--wine-reset-as-close names the one endpoint (a server that answers with a TCP RST) where a known
Wine 8 difference is accepted: Wine reports the RST to the program as an orderly close, so the
Windows document says connection_closed where Linux says connection_reset. The difference is
printed as such; any other difference on that endpoint still fails.

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


def reset_as_close(line):
    return ('"connection_reset' in line and '"connection_closed' in line) or \
        ("connection reset by peer" in line and "closed the connection without answering" in line)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv):
    reset_target = None
    if len(argv) == 5 and argv[3] == "--wine-reset-as-close":
        reset_target = argv[4]
        argv = argv[:3]
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
        if found and name == reset_target and all(reset_as_close(line) for line in found):
            print(f"known     {name}: Wine reports the TCP RST as an orderly close "
                  f"(connection_reset on Linux, connection_closed under Wine); {len(found)} fields, nothing else")
            continue
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
