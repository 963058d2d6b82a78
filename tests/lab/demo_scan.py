"""The demo's scan of a running lab (tests/lab/demo.sh): every endpoint's report headed by its lab name,
the closing summary, and how to stop the lab, which keeps running afterwards.

    .venv/bin/python tests/lab/demo_scan.py LAB_DIR [NAME ...]   (default: every endpoint)

Results are also written, one JSON document per line, to LAB_DIR/scan.jsonl.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, Optional, Sequence

import tlsready
from tlsready._scan_report import format_result
from tlsready._scan_summary import format_summary


def _address(entry: dict[str, Any]) -> str:
    return f"[{entry['host']}]:{entry['port']}" if ":" in entry["host"] else f"{entry['host']}:{entry['port']}"


def lab_heading(entry: dict[str, Any]) -> str:
    """`== tls10_legacy_3des_rc4 (gnutls-serv) 127.0.0.1:40123 ==`: which lab endpoint a report is about."""
    return f"== {entry['name']} ({entry['server']}) {_address(entry)} =="


def stop_hint(manifest: dict[str, Any], lab_dir: str) -> str:
    deadline = (manifest.get("watchdog") or {}).get("deadline_epoch")
    until = (f" until {time.strftime('%H:%M UTC', time.gmtime(deadline))} at the latest (then it stops itself)"
             if deadline else "")
    first = manifest["endpoints"][0]
    sni = f" --sni {first['sni']}" if first.get("sni") else ""
    return (f"The lab keeps running{until}, so you can scan it again, e.g.\n"
            f"  .venv/bin/tlsready scan {_address(first)}{sni} --ca-file {manifest['ca_file']}\n"
            f"Stop it with:\n  python3 tests/lab/lab.py stop --dir {lab_dir}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lab_dir, names = args[0], set(args[1:])
    manifest = json.loads((Path(lab_dir) / "lab.json").read_text())
    entries = [e for e in manifest["endpoints"] if not names or e["name"] in names]
    by_address = {(e["host"], e["port"]): e for e in entries}
    targets = [{"target": _address(e), "sni": e.get("sni"), "starttls": e.get("starttls")} for e in entries]
    results: list[tlsready.EndpointResult] = []
    print(f"Scanning {len(targets)} lab endpoints (results also in {lab_dir}/scan.jsonl)", flush=True)
    with open(Path(lab_dir) / "scan.jsonl", "w", encoding="utf-8") as sink:
        def show(result: tlsready.EndpointResult) -> None:
            results.append(result)
            sink.write(result.to_json() + "\n")
            entry = by_address.get((result.raw["target"]["host"], result.raw["target"]["port"]))
            heading = lab_heading(entry) if entry else f"== {result.target} =="
            print(heading + "\n" + format_result(result) + "\n", flush=True)

        tlsready.scan(targets, timeout=2, ca_file=manifest["ca_file"], on_result=show)
    print(format_summary(results))
    print()
    print(stop_hint(manifest, lab_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
