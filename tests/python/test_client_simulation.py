"""Client simulation re-using a scan (issue 13): tlsready.simulate_clients and
`tlsready scan --clients --simulate` against the lab; outcomes observed on the wire except those
the scan decides, connections counted, documents valid against client-impact.schema.json."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

import tlsready
from conftest import ROOT, address, endpoint, run_cli


@pytest.fixture(scope="module")
def impact_schema() -> dict[str, Any]:
    return json.loads((ROOT / "native" / "schema" / "client-impact.schema.json").read_text())


def _scan(lab: dict[str, Any], name: str) -> tlsready.EndpointResult:
    item = endpoint(lab, name)
    return tlsready.scan_endpoint(address(item), sni=item.get("sni"), timeout=3)


def test_simulate_clients_reuses_the_scan_and_counts_connections(lab, impact_schema):
    result = _scan(lab, "tls13_only")
    impact = tlsready.simulate_clients(result, timeout=3)
    jsonschema.validate(impact.raw, impact_schema)
    profiles = tlsready.client_profiles()
    simulation = impact.simulation
    assert simulation is not None
    assert simulation["simulated"] + simulation["from_scan"] == len(profiles)
    assert simulation["from_scan"] > 0
    assert simulation["connections"] == simulation["simulated"] < len(profiles)
    sources = {outcome.source for outcome in impact.outcomes}
    assert sources == {"simulated", "from_scan"}
    for outcome in impact.outcomes:
        if outcome.source == "from_scan":
            assert outcome.status == "fails" and outcome.reason == "no_common_version"
        else:
            assert outcome.method == "simulation"
    # A TLS 1.3 client connects, observed on the wire.
    assert any(o.status == "connects" and o.version == "TLSv1.3" and o.source == "simulated" for o in impact.outcomes)
    assert tlsready.client_impact(result).simulation is None  # the forecast stays offline


def test_simulate_clients_what_if_and_bad_input(lab, impact_schema):
    result = _scan(lab, "tls10_12_client_pref")
    impact = tlsready.simulate_clients(result, what_if="no-tls10,no-tls11", clients=["ie-8-10-win7", "chrome-49-xp"],
                                       timeout=3)
    jsonschema.validate(impact.raw, impact_schema)
    assert [o.client_id for o in impact.outcomes] == ["ie-8-10-win7", "chrome-49-xp"]
    assert impact.outcome("ie-8-10-win7").status == "connects"
    assert "ie-8-10-win7" in impact.breaks
    with pytest.raises(tlsready.InvalidArgumentError, match="nobody"):
        tlsready.simulate_clients(result, clients=["nobody"])
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.simulate_clients({"schema_version": "2.0"})


def test_cli_scan_clients_simulate(lab, impact_schema):
    target = address(endpoint(lab, "tls13_only"))
    lines = run_cli("scan", target, "--clients", "--simulate", "--json", "--timeout", "3").stdout.splitlines()
    assert len(lines) == 2
    document = json.loads(lines[1])
    jsonschema.validate(document, impact_schema)
    assert document["simulation"]["connections"] < len(document["outcomes"])
    assert {o["source"] for o in document["outcomes"]} == {"simulated", "from_scan"}
    table = run_cli("scan", target, "--clients", "--simulate", "--timeout", "3")
    assert table.returncode == 0, table.stderr
    assert "answered from the scan" in table.stdout
    bad = run_cli("scan", target, "--simulate")
    assert bad.returncode == 2 and "--simulate" in bad.stderr


def test_verdict_with_clients_section(lab):
    verdict_schema = json.loads((ROOT / "native" / "schema" / "verdict.schema.json").read_text())
    result = _scan(lab, "tls13_only")
    plain = tlsready.verdict(result, "m365")
    assert plain.clients == () and "clients" not in plain.raw
    item = tlsready.verdict(result, "m365", clients=True)
    jsonschema.validate(item.raw, verdict_schema)
    assert len(item.clients) == len(tlsready.client_profiles())
    assert "ie-8-10-win7" in item.failing_clients  # TLS 1.0 at most against a TLS 1.3-only server
    assert item.readiness == plain.readiness
    simulated = tlsready.verdict(result, "m365", clients=True, simulate=True, client_ids=["ie-8-10-win7"])
    assert [c["source"] for c in simulated.clients] == ["from_scan"]
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.verdict(result, "m365", simulate=True)


def test_cli_scan_policy_clients_writes_one_verdict_with_clients(lab):
    target = address(endpoint(lab, "tls13_only"))
    run = run_cli("scan", target, "--policy", "m365", "--clients", "--json", "--timeout", "3")
    documents = [json.loads(line) for line in run.stdout.splitlines()]
    verdicts = [d for d in documents if d.get("document") == "verdict"]
    assert len(verdicts) == 1
    assert len(verdicts[0]["clients"]) == len(tlsready.client_profiles())
    assert any(c["client_id"] == "ie-8-10-win7" and c["status"] == "fails" for c in verdicts[0]["clients"])
    impacts = [d for d in documents if d.get("document") == "client_impact"]
    assert len(impacts) == 1 and impacts[0]["outcomes"] == verdicts[0]["clients"]
    table = run_cli("scan", target, "--policy", "m365", "--clients", "--timeout", "3")
    assert table.returncode in (0, 1), table.stderr
    assert "clients: " in table.stdout and "ie-8-10-win7" in table.stdout
