"""The verdict's clients section, assembled by the core (tlsready/verdict.hpp): tlsready.verdict(...,
clients=True[, simulate=True]), with_clients and `tlsready verdict --clients` against the lab. The
document is the one Python's own assembly wrote before (the verdict, then the client impact's
outcomes), byte for byte."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tlsready
from tlsready import _native
from tlsready._verdict import with_clients
from conftest import ROOT, address, endpoint, run_cli

# Who fails where, by hand from tests/lab/endpoints.py: dhe_1024 serves DHE-RSA with a 1024-bit group
# only (OpenSSL 3 and Python requests want 2048 bits); cbc_only TLS 1.2 with AES-CBC only (beyond Java 7,
# TLS 1.0 by default; Python requests' cipher string has ECDH+AES, so it takes ECDHE-RSA-AES128-SHA256);
# tls13_only is beyond IE 11 on Windows 7 and Java 6.
EXPECTED = {
    "dhe_1024": {"openssl-3": "fails", "python-requests": "fails", "ie-11-win7": "connects", "java-8u161": "connects"},
    "cbc_only": {"java-7u25": "fails", "python-requests": "connects", "openssl-3": "connects"},
    # CBC with SHA-1 MACs only: Python requests offers none of them (CPython's !SHA1), OpenSSL 3 connects.
    "cbc_sha1_only": {"python-requests": "fails", "openssl-3": "connects", "java-7u25": "fails"},
    "tls13_only": {"ie-11-win7": "fails", "java-6u45": "fails", "chrome-137-win11": "connects"},
}


@pytest.fixture(scope="module")
def scans(lab: dict[str, Any]) -> dict[str, tlsready.EndpointResult]:
    out = {}
    for name in EXPECTED:
        item = endpoint(lab, name)
        out[name] = tlsready.scan_endpoint(address(item), sni=item.get("sni"), timeout=3)
    return out


def old_python_assembly(result: tlsready.EndpointResult) -> str:
    """What python/tlsready/_verdict.py wrote before the core did: the verdict's document with the
    client impact's outcomes appended as "clients", dumped by json.dumps."""
    raw = json.loads(_native.verdicts([result.to_json()], "m365")[0])
    raw["clients"] = json.loads(json.dumps(list(tlsready.client_impact(result).raw["outcomes"])))
    return json.dumps(raw)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verdict_clients_section_is_the_core_s_and_says_who_fails(scans, name):
    result = scans[name]
    item = tlsready.verdict(result, "m365", clients=True)
    assert item.to_json() == old_python_assembly(result)
    assert list(item.raw)[-1] == "clients"
    schema = json.loads((ROOT / "native" / "schema" / "verdict.schema.json").read_text())
    jsonschema.validate(item.raw, schema)
    status = {c["client_id"]: c["status"] for c in item.clients}
    assert {client: status[client] for client in EXPECTED[name]} == EXPECTED[name]
    assert set(item.failing_clients) == {client for client, s in status.items() if s == "fails"}
    # the same document from a verdict and a client impact made apart (tlsready scan --policy --clients)
    assert with_clients(tlsready.verdict(result, "m365"), tlsready.client_impact(result)).raw == item.raw


def test_simulated_verdict_clients_carry_their_source(scans):
    wanted = EXPECTED["dhe_1024"]
    item = tlsready.verdict(scans["dhe_1024"], "m365", clients=True, simulate=True, client_ids=sorted(wanted),
                            timeout=3)
    assert {c["client_id"]: c["status"] for c in item.clients} == wanted
    assert {c["source"] for c in item.clients} <= {"simulated", "from_scan"}
    assert "simulated" in {c["source"] for c in item.clients}
    assert item.readiness == tlsready.verdict(scans["dhe_1024"], "m365").readiness


def test_verdict_clients_what_if_and_bad_input(scans):
    result = scans["tls13_only"]
    item = tlsready.verdict(result, "m365", clients=True, what_if="no-tls13", client_ids=["chrome-137-win11"])
    assert [c["client_id"] for c in item.clients] == ["chrome-137-win11"]
    with pytest.raises(tlsready.InvalidArgumentError, match="nobody"):
        tlsready.verdict(result, "m365", clients=True, client_ids=["nobody"])
    with pytest.raises(tlsready.InvalidArgumentError, match="no-tls99"):
        tlsready.verdict(result, "m365", clients=True, what_if="no-tls99")
    with pytest.raises(tlsready.InvalidArgumentError, match="m366"):
        tlsready.verdict(result, "m366", clients=True)
    with pytest.raises(tlsready.InvalidArgumentError, match="go with clients=True"):
        tlsready.verdict(result, "m365", what_if="no-tls10")
    plain = tlsready.verdict(result, "m365")
    with pytest.raises(tlsready.InvalidArgumentError, match="client impact document"):
        with_clients(plain, result.raw)  # a scan document is no client impact
    with pytest.raises(tlsready.InvalidArgumentError, match="impact"):
        with_clients(plain, 42)


def test_cli_verdict_clients_offline(scans, tmp_path: Path):
    saved = tmp_path / "results.jsonl"
    saved.write_text("".join(scans[name].to_json() + "\n" for name in sorted(EXPECTED)))
    run = run_cli("verdict", str(saved), "--policy", "m365", "--clients", "--json")
    assert run.returncode == 1, run.stderr  # tls13_only is not ready for m365
    documents = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(documents) == len(EXPECTED)
    for name, document in zip(sorted(EXPECTED), documents):
        assert json.dumps(document) == old_python_assembly(scans[name])
    table = run_cli("verdict", str(saved), "--policy", "m365", "--clients")
    assert "clients: " in table.stdout and "java-7u25" in table.stdout
    only = run_cli("verdict", str(saved), "--policy", "m365", "--clients", "--client", "openssl-3", "--json")
    assert all([c["client_id"] for c in json.loads(line)["clients"]] == ["openssl-3"]
               for line in only.stdout.splitlines())
    plain = run_cli("verdict", str(saved), "--policy", "m365", "--json")
    assert all("clients" not in json.loads(line) for line in plain.stdout.splitlines())
    bad = run_cli("verdict", str(saved), "--policy", "m365", "--what-if", "no-tls10")
    assert bad.returncode == 2 and "--clients" in bad.stderr
    unknown = run_cli("verdict", str(saved), "--policy", "m365", "--clients", "--client", "nobody")
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
