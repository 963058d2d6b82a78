"""The scan table marks every weakness, in colour only on a terminal without NO_COLOR (no-color.org)."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys

import jsonschema

from conftest import address, endpoint
from scan_documents import legacy_endpoint, modern_endpoint
from tlsready._colour import colour_wanted
from tlsready._scan_report import format_result

ESC = "\033["


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_documents_of_these_tests_are_schema_valid(schema):
    jsonschema.validate(legacy_endpoint().raw, schema)
    jsonschema.validate(modern_endpoint().raw, schema)


def test_table_marks_legacy_versions_suites_and_small_dh():
    text = format_result(legacy_endpoint(), colour=False)
    lines = text.splitlines()
    assert any(line.strip().startswith("TLSv1.0") and "WEAK tls1_0_accepted" in line for line in lines)
    suite_line = next(line for line in lines if "TLS_RSA_WITH_3DES_EDE_CBC_SHA" in line)
    assert suite_line.endswith("WEAK triple_des, rsa_key_transport, cbc_sha1")
    dhe_line = next(line for line in lines if "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" in line)
    assert "WEAK" not in dhe_line
    assert any("DH prime: 1024 bits" in line and "WEAK dh_below_2048" in line for line in lines)
    assert "  Weaknesses (5)" in lines
    assert any(line.strip().startswith("dh_below_2048") and "1024-bit DH prime" in line for line in lines)
    assert ESC not in text


def test_table_says_when_nothing_is_weak():
    text = format_result(modern_endpoint(), colour=False)
    assert "WEAK" not in text
    assert "  Weaknesses: none found" in text.splitlines()


def test_colour_only_when_asked():
    assert ESC + "1;31mWEAK triple_des" in format_result(legacy_endpoint(), colour=True)
    assert ESC not in format_result(modern_endpoint(), colour=True)


def test_colour_wanted_follows_tty_and_no_color():
    assert colour_wanted(FakeTerminal(), environ={})
    assert not colour_wanted(io.StringIO(), environ={})
    assert not colour_wanted(FakeTerminal(), environ={"NO_COLOR": "1"})
    assert colour_wanted(FakeTerminal(), environ={"NO_COLOR": ""})  # no-color.org: present and not empty
    assert not colour_wanted(FakeTerminal(), environ={"TERM": "dumb"})


def run_in_pty(args: list[str], env: dict[str, str]) -> str:
    """Runs the CLI with stdout (and stderr) on a pseudo-terminal; returns what it wrote."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "tlsready", *args], stdout=secondary, stderr=secondary,
                               stdin=subprocess.DEVNULL, env=env)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=30)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env.update(extra)
    return env


def test_cli_colours_weak_marks_on_a_terminal(lab):
    target = address(endpoint(lab, "tls10_legacy_3des_rc4"))
    args = ["scan", target, "--sni", "localhost", "--timeout", "3", "--ca-file", lab["ca_file"]]
    coloured = run_in_pty(args, cli_env(TERM="xterm"))
    assert ESC + "1;31mWEAK tls1_0_accepted" in coloured
    plain = run_in_pty(args, cli_env(TERM="xterm", NO_COLOR="1"))
    assert "WEAK tls1_0_accepted" in plain and ESC + "1;31m" not in plain
    as_json = run_in_pty(args + ["--json"], cli_env(TERM="xterm"))
    assert '"tls1_0_accepted"' in as_json and ESC + "1;31m" not in as_json


def test_cli_never_colours_a_pipe(lab):
    target = address(endpoint(lab, "tls10_legacy_3des_rc4"))
    piped = subprocess.run([sys.executable, "-m", "tlsready", "scan", target, "--sni", "localhost", "--timeout", "3"],
                           capture_output=True, text=True, env=cli_env(TERM="xterm"), timeout=60)
    assert "WEAK tls1_0_accepted" in piped.stdout
    assert ESC not in piped.stdout


def test_protocol_support_stays_hashable_with_its_suite_weaknesses():
    from scan_documents import legacy_endpoint as make

    tls10 = next(p for p in make().protocols if p.version == "TLSv1.0")
    assert tls10.suite_weaknesses == {"TLS_RSA_WITH_3DES_EDE_CBC_SHA": ("triple_des", "rsa_key_transport", "cbc_sha1")}
    assert hash(tls10) == hash(next(p for p in make().protocols if p.version == "TLSv1.0"))
