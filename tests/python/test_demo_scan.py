"""The demo's scan (tests/lab/demo_scan.py): each report is headed by its lab endpoint name, a summary
follows, and the end says the lab keeps running and how to stop it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_names_each_lab_endpoint_and_says_how_to_stop_the_lab(lab):
    names = ["tls10_legacy_3des_rc4", "hostile_refused", "ipv6_tls12"]
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "lab" / "demo_scan.py"), lab["lab_dir"], *names],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for name in names:
        assert f"== {name} (" in out
    assert "WEAK tls1_0_accepted" in out
    assert "Summary: 3 endpoints, 2 scanned, 1 failed" in out
    assert "The lab keeps running" in out
    assert out.rstrip().endswith(f"python3 tests/lab/lab.py stop --dir {lab['lab_dir']}")
    assert len((Path(lab["lab_dir"]) / "scan.jsonl").read_text().splitlines()) == 3


def test_demo_script_ends_with_the_stop_hint():
    text = (ROOT / "tests" / "lab" / "demo.sh").read_text()
    assert "tests/lab/demo_scan.py" in text
    assert text.rstrip().splitlines()[-2].strip().startswith('echo "The demo lab is still running; stop it with')
