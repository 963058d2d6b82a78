#!/usr/bin/env python3
"""How fast and how flat `tlsready clients` reads a big server log, against the admin's own tools in the
same run (issue 15: within 2x of `grep -c` on the same file, peak RSS under 64 MB whatever the size).

A generated IIS W3C log with the crypt-* fields (what IIS writes: CRLF lines, `+` for spaces in the
User-Agent, RFC 5737 documentation addresses, a `#Fields:` header per day, TLS 1.0/1.1/1.2/1.3 mixed)
of --size MiB is read, from the page cache (read once first), by:
  * `grep -c -F ' 40 '`        the admin's count of lines that look like TLS 1.0 (no parsing at all)
  * `wc -l`                    the floor of reading the file line by line
  * a Python csv baseline      csv.reader over the same file, #Fields tracked, legacy uses per client
  * `tlsready clients FILE --json`   the product: every line parsed into an event, the summary built
Each is a child process; its wall time and peak RSS (os.wait4's ru_maxrss) are recorded.

    python3 bench/logs_bench.py [--size 1024] [--write bench/README.md] [--keep FILE]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from readme_section import write_section  # bench/readme_section.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
TLSREADY = str(ROOT / ".venv" / "bin" / "tlsready")
GNU_TIME = "/usr/bin/time"  # Debian's package time
MARK_BEGIN = "<!-- logs_bench: begin -->"
MARK_END = "<!-- logs_bench: end -->"
FIELDS = ("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
          "cs(Referer) sc-status sc-substatus sc-win32-status time-taken crypt-protocol crypt-cipher crypt-hash "
          "crypt-keyexchange")
AGENTS = ("Mozilla/4.0+(compatible;+MSIE+8.0;+Windows+NT+6.1;+Trident/4.0)",
          "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/131.0+Safari/537.36",
          "ExchangeServicesClient/15.00.0913.015", "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0)",
          "Java/1.7.0_80", "curl/7.29.0", "python-requests/2.6.0", "-")
URIS = ("/owa/", "/EWS/Exchange.asmx", "/Microsoft-Server-ActiveSync", "/autodiscover/autodiscover.xml", "/mapi/emsmdb/")
# crypt-protocol (SCHANNEL SP_PROT_*_SERVER in hex), cipher, hash, key exchange (ALG_IDs), weight.
TLS = (("40", "6610", "8004", "ae06", 4), ("100", "660e", "8004", "a400", 3), ("400", "6610", "0", "ae06", 80),
       ("1000", "6610", "0", "ae06", 13))
HELPER_CSV = r'''
import collections, csv, sys
legacy = {"40", "100", "10", "20", "4", "8"}
per_client = collections.Counter()
rows = 0
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8", errors="replace") as handle:
        columns = {}
        for row in csv.reader(handle, delimiter=" "):
            if not row:
                continue
            if row[0].startswith("#"):
                if row[0] == "#Fields:":
                    columns = {name: index for index, name in enumerate(row[1:])}
                continue
            rows += 1
            if len(row) == len(columns) and row[columns["crypt-protocol"]] in legacy:
                per_client[row[columns["c-ip"]], row[columns["cs(User-Agent)"]]] += 1
print(rows, sum(per_client.values()), len(per_client))
'''


def addresses() -> list[str]:
    return [f"{net}.{host}" for net in ("192.0.2", "198.51.100", "203.0.113") for host in range(1, 255)]


def block(day: int, rng: random.Random, lines: int) -> bytes:
    clients = addresses()
    out = [f"#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
           f"#Date: 2026-11-{day:02d} 00:00:00\r\n{FIELDS}\r\n"]
    weights = [row[4] for row in TLS]
    for number in range(lines):
        seconds = number * 86400 // lines
        protocol, cipher, mac, kx, _ = rng.choices(TLS, weights)[0]
        user = rng.choice(("-", "CONTOSO\\svc-scanner", "alice@contoso.example", "bob@contoso.example"))
        out.append(f"2026-11-{day:02d} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d} 192.0.2.10 "
                   f"GET {rng.choice(URIS)} - 443 {user} {rng.choice(clients)} {rng.choice(AGENTS)} - 200 0 0 "
                   f"{rng.randint(1, 900)} {protocol} {cipher} {mac} {kx}\r\n")
    return "".join(out).encode()


def generate(path: Path, size: int) -> None:
    """About `size` bytes: one 4 MiB block per day for 30 days, then the same days again; blocks are made
    as they are first needed (a small file costs little)."""
    rng = random.Random(15)
    blocks: list[bytes] = []
    written = number = 0
    with open(path, "wb") as handle:
        while written < size:
            day = number % 30
            if day == len(blocks):
                blocks.append(block(day + 1, rng, 20000))
            handle.write(blocks[day])
            written += len(blocks[day])
            number += 1


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB of one child process. The RSS is GNU time's (%M, measured after
    the exec): a forked child's own ru_maxrss would count the bench's pages it starts with."""
    # stdout to a file, not /dev/null: GNU grep stops at the first match when its output is /dev/null.
    with tempfile.NamedTemporaryFile("r") as report, tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.run([GNU_TIME, "-f", "%M", "-o", report.name, *command], stdout=out,
                              stderr=subprocess.DEVNULL, env=dict(os.environ, LC_ALL="C"))
        seconds = time.perf_counter() - started
        rss = int(report.read().split()[-1])
    if proc.returncode not in (0, 1):  # grep -c and tlsready clients exit 1 on "found"
        raise SystemExit(f"{' '.join(command)} failed with {proc.returncode}")
    return seconds, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024, help="MiB of log to generate (default 1024)")
    parser.add_argument("--keep", metavar="FILE", help="generate into FILE and keep it (reused when present)")
    parser.add_argument("--write", metavar="README", help="replace (or append) this bench's section of README")
    parser.add_argument("--generate-into", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into:
        generate(Path(args.generate_into), args.size << 20)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "u_ex261130_x.log"
        if not path.exists() or path.stat().st_size < args.size << 20:
            started = time.perf_counter()
            # In a child process: the generator's blocks would otherwise be in every later child's peak RSS
            # (a forked child's RSS counts the parent's pages until it execs).
            subprocess.run([sys.executable, __file__, "--generate-into", str(path), "--size", str(args.size)],
                           check=True)
            print(f"generated {path.stat().st_size / 2**20:.0f} MiB in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
        mib = path.stat().st_size / 2**20
        if not os.access(GNU_TIME, os.X_OK):
            raise SystemExit(f"{GNU_TIME} is needed for peak RSS (apt install time)")
        run(["cat", str(path)])  # into the page cache: every reader below reads from memory
        runs = {
            "grep -c -F ' 40 '": ["grep", "-c", "-F", " 40 ", str(path)],
            "wc -l": ["wc", "-l", str(path)],
            "Python csv baseline": [sys.executable, "-c", HELPER_CSV, str(path)],
            "tlsready clients FILE --json": [TLSREADY, "clients", str(path), "--json", "--limit", "20"],
        }
        results = {name: run(command) for name, command in runs.items()}
    grep_seconds = results["grep -c -F ' 40 '"][0]
    tlsready_seconds, tlsready_rss = results["tlsready clients FILE --json"]
    lines = [MARK_BEGIN, "## Reading a big server log: `tlsready clients` against grep, wc and Python's csv", "",
             f"Produced by `python3 bench/logs_bench.py --write bench/README.md`: a generated IIS W3C log of "
             f"{mib:.0f} MiB (crypt-* fields, 30 days, TLS 1.0/1.1/1.2/1.3 mixed), read from the page cache by each "
             f"tool in turn in the same run (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores).", "",
             "| reader | seconds | MiB/s | peak RSS MiB | x grep -c |", "|---|---:|---:|---:|---:|"]
    for name, (seconds, rss) in results.items():
        lines.append(f"| `{name}` | {seconds:.2f} | {mib / seconds:.0f} | {rss / 1024:.1f} | "
                     f"{seconds / grep_seconds:.2f} |")
    ratio = tlsready_seconds / grep_seconds
    lines += ["", f"- Speed: `tlsready clients` takes {ratio:.2f}x the time of `grep -c` "
                  f"({'within' if ratio <= 2 else 'NOT within'} the 2x goal), parsing every field of every line.",
              f"- Memory: peak RSS {tlsready_rss / 1024:.1f} MiB "
              f"({'under' if tlsready_rss < 64 * 1024 else 'NOT under'} the 64 MiB goal); "
              "`tests/python/test_legacy_clients_memory.py` pins that it stays flat as the file grows.", MARK_END]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.write:
        write_section(Path(args.write), MARK_BEGIN, MARK_END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
