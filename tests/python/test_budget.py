"""Time bounds through the CLI: every lab tarpit is classified within its endpoint budget + 10%,
with the expected error kind and the versions found kept; --help says what each timeout bounds."""

from __future__ import annotations

import json
import time

import jsonschema
import pytest

from conftest import address
from test_cli import run_cli

TARPITS = ("tarpit_drip", "tarpit_slow_hello", "tarpit_fragmented_cert", "tarpit_slow_accept")


@pytest.mark.parametrize("name", TARPITS)
def test_cli_classifies_a_tarpit_within_its_budget(lab, schema, name):
    item = next(e for e in lab["endpoints"] if e["name"] == name)
    expect = item["expect"]
    budget = expect["budget"]
    started = time.monotonic()
    proc = run_cli("scan", address(item), "--json", "--timeout", str(budget["timeout"]),
                   "--endpoint-timeout", str(budget["endpoint_timeout"]), "--no-system-trust", timeout=60)
    wall = time.monotonic() - started
    assert proc.returncode == 3, proc.stderr  # an endpoint that could not be scanned
    document = json.loads(proc.stdout)
    jsonschema.validate(document, schema)
    assert document["error"]["kind"] == expect["error"], document["error"]
    assert document["elapsed_ms"] <= budget["endpoint_timeout"] * 1000 * 1.1
    # the whole process too, with room for the interpreter's start-up
    assert wall <= budget["endpoint_timeout"] * 1.1 + 5
    accepted = {p["version"] for p in document["protocols"] if p["accepted"]}
    assert set(expect["accepted"]) <= accepted


def test_help_says_what_each_timeout_bounds():
    proc = run_cli("scan", "--help")
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    assert "--endpoint-timeout" in text and "max(30, 12 x --timeout)" in text
    assert "trickling bytes do not extend it" in text
    assert "--connections-per-endpoint" in text


@pytest.mark.parametrize("bad", ["0", "-1", "nan"])
def test_endpoint_timeout_must_be_a_positive_number(bad):
    proc = run_cli("scan", "127.0.0.1:1", "--endpoint-timeout", bad)
    assert proc.returncode == 2
    assert "--endpoint-timeout" in proc.stderr
