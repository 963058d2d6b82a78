"""`tlsready scan -i FILE` and `-`: targets from a file or stdin; bad input files are exit 2 in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import address, endpoint, run_cli_bytes
from tlsready._errors import InvalidArgumentError
from tlsready._targets_file import parse_targets


def test_parse_skips_comments_blank_lines_and_a_bom():
    data = "\ufeff# estate\n127.0.0.1:8443  # web\n\n   \n[::1]:443\r\n#127.0.0.1:1\n".encode()
    assert parse_targets(data, "t.txt") == ["127.0.0.1:8443", "[::1]:443"]


@pytest.mark.parametrize("data, words", [
    (b"127.0.0.1:443\n\0\0\x01", "binary"),
    (b"127.0.0.1:443\n\xff\xfe\x80", "not UTF-8"),
])
def test_parse_rejects_binary_naming_the_file(data, words):
    with pytest.raises(InvalidArgumentError, match=words) as caught:
        parse_targets(data, "t.bin")
    assert "t.bin" in str(caught.value)


def _one_line_exit_2(proc: subprocess.CompletedProcess[bytes], *words: str) -> None:
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert stderr.startswith("tlsready: ") and stderr.count("\n") == 1, stderr
    for word in words:
        assert word in stderr, stderr
    assert proc.stdout == b""


def test_bad_input_files_are_one_line_exit_2(tmp_path):
    binary = tmp_path / "targets.bin"
    binary.write_bytes(b"\x7fELF\0\0\0\x02")
    _one_line_exit_2(run_cli_bytes("scan", "-i", str(binary)), str(binary), "binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n")
    _one_line_exit_2(run_cli_bytes("scan", "-i", str(empty)), "no targets", str(empty))
    missing = tmp_path / "missing.txt"
    _one_line_exit_2(run_cli_bytes("scan", "-i", str(missing)), "cannot read", str(missing))
    _one_line_exit_2(run_cli_bytes("scan", "-i", str(tmp_path)), "directory")
    if os.geteuid() != 0:  # root reads anything
        unreadable = tmp_path / "secret.txt"
        unreadable.write_text("127.0.0.1:443\n")
        unreadable.chmod(0)
        _one_line_exit_2(run_cli_bytes("scan", "-i", str(unreadable)), "cannot read", str(unreadable))


def test_empty_stdin_and_no_targets_are_exit_2():
    _one_line_exit_2(run_cli_bytes("scan", "-", stdin=b""), "no targets", "standard input")
    _one_line_exit_2(run_cli_bytes("scan"), "no targets")


def test_targets_from_a_file_and_from_stdin(lab, tmp_path):
    first, second = (address(endpoint(lab, n)) for n in ("tls13_only", "tls12_13_server_pref"))
    listing = tmp_path / "targets.txt"
    listing.write_text(f"# lab\n{first}   # TLS 1.3 only\n\n")
    common = ["--json", "--timeout", "3", "--sni", "localhost", "--ca-file", lab["ca_file"]]
    proc = run_cli_bytes("scan", "-i", str(listing), "-", *common, stdin=f"{second}\n".encode())
    assert proc.returncode == 0, proc.stderr.decode()
    documents = [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    ports = sorted(d["target"]["port"] for d in documents)
    assert ports == sorted(int(t.rsplit(":", 1)[1]) for t in (first, second))


def test_scan_help_has_examples():
    proc = run_cli_bytes("scan", "--help")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert "examples:" in text and "-i targets.txt" in text and "exit codes:" in text


def test_version_does_not_import_heavy_modules():
    heavy = ("pandas", "numpy", "jsonschema", "distributed", "dask", "asyncio")
    code = ("import sys\nfrom tlsready import cli\n"
            "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
            f"print('heavy:' + ','.join(m for m in {heavy!r} if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "heavy:", proc.stdout
