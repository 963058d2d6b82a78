"""Verdicts from Python and the CLI: every built-in policy validates against policy.schema.json,
verdict documents validate against verdict.schema.json, lab endpoints get their expected readiness,
and saved scans are judged offline (`tlsready verdict results.jsonl --policy m365`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tlsready
from conftest import ROOT, address, endpoint, run_cli

SCHEMAS = ROOT / "native" / "schema"
POLICIES = ROOT / "native" / "data" / "policies"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _scan(lab: dict[str, Any], *names: str) -> list[tlsready.EndpointResult]:
    targets = [address(endpoint(lab, name)) for name in names]
    return list(tlsready.scan(targets, sni="localhost", timeout=2, ca_file=lab["ca_file"]))


@pytest.mark.parametrize("path", sorted(POLICIES.glob("*.json")), ids=lambda p: p.stem)
def test_every_builtin_policy_validates_against_the_policy_schema(path: Path):
    document = json.loads(path.read_text())
    _validator("policy.schema.json").validate(document)
    assert document["id"] == path.stem
    assert document["sources"]


def test_policies_lists_the_builtins_with_their_sources():
    listed = {policy["id"]: policy for policy in tlsready.policies()}
    assert set(listed) == {p.stem for p in POLICIES.glob("*.json")}
    assert all(policy["sources"] for policy in listed.values())
    assert tlsready.policy_document("m365") == json.loads((POLICIES / "m365.json").read_text())


def test_lab_endpoints_get_their_expected_verdicts(lab):
    names = ["tls13_only", "tls10_legacy_3des_rc4", "tls10_12_client_pref", "rsa1024_sha1", "hostile_refused"]
    results = {r.raw["target"]["port"]: r for r in _scan(lab, *names)}
    by_name = {name: results[endpoint(lab, name)["port"]] for name in names}
    validator = _validator("verdict.schema.json")
    legacy = by_name["tls10_legacy_3des_rc4"].verdict("m365")
    assert legacy.readiness == "not_ready"
    assert {"ENDPOINT-3DES-ACCEPTED", "ENDPOINT-TLS10-TLS11-ACCEPTED"} <= set(legacy.finding_ids)
    validator.validate(legacy.raw)
    assert by_name["tls13_only"].verdict("tls12-strict").readiness == "ready"
    assert by_name["tls13_only"].verdict("m365").readiness == "not_ready"
    assert by_name["tls10_12_client_pref"].verdict("m365").readiness == "ready_with_warnings"
    assert "ENDPOINT-CERT-SHA1-SIGNATURE" in by_name["rsa1024_sha1"].verdict("m365").finding_ids
    refused = by_name["hostile_refused"].verdict("m365")
    assert refused.readiness == "unknown"
    assert refused.inconclusive[0].startswith("the scan ended with connection_refused")
    judged = tlsready.verdicts(by_name.values(), "m365")
    summary = tlsready.verdict_summary(judged)
    validator.validate(summary)
    assert summary["endpoints"] == 5
    assert summary["readiness"]["unknown"] == 1
    for item in judged:
        validator.validate(item.raw)


def test_cli_verdict_judges_saved_scans_offline(lab, tmp_path):
    saved = tmp_path / "results.jsonl"
    targets = [address(endpoint(lab, n)) for n in ("tls10_legacy_3des_rc4", "tls12_13_server_pref")]
    scanned = run_cli("scan", *targets, "--json", "--timeout", "2", "--sni", "localhost", "--ca-file", lab["ca_file"],
                      "-o", str(saved))
    assert saved.read_text().count("\n") == 2, scanned.stderr
    table = run_cli("verdict", str(saved), "--policy", "m365")
    assert table.returncode == 1  # one endpoint is not ready
    assert "NOT READY for m365" in table.stdout
    assert "ENDPOINT-3DES-ACCEPTED" in table.stdout
    assert "Summary (m365): 2 endpoints" in table.stdout
    lines = run_cli("verdict", str(saved), "--policy", "m365", "--json", "--summary").stdout.splitlines()
    validator = _validator("verdict.schema.json")
    documents = [json.loads(line) for line in lines]
    for document in documents:
        validator.validate(document)
    assert [d["document"] for d in documents] == ["verdict", "verdict", "verdict_summary"]
    assert documents[1]["readiness"] == "ready_with_warnings"


def test_a_users_policy_file_and_its_errors(tmp_path):
    policy = json.loads((POLICIES / "pci-dss.json").read_text())
    policy["id"] = "ours"
    mine = tmp_path / "ours.json"
    mine.write_text(json.dumps(policy))
    assert tlsready.policy_document(str(mine))["id"] == "ours"
    policy["rules"][0]["versions"] = ["TLSv9"]
    mine.write_text(json.dumps(policy))
    with pytest.raises(tlsready.InvalidArgumentError, match=r"ours.json: rules\[0\].versions\[0\]: 'TLSv9'"):
        tlsready.policy_document(str(mine))
    with pytest.raises(tlsready.InvalidArgumentError, match="unknown policy 'm366'"):
        tlsready.verdict("{}", "m366")
    bad = run_cli("verdict", str(tmp_path / "missing.jsonl"), "--policy", "m365")
    assert bad.returncode == 2
    assert "missing.jsonl: cannot read" in bad.stderr


def test_cli_policies_lists_m365():
    proc = run_cli("policies")
    assert proc.returncode == 0
    assert proc.stdout.startswith("m365")
    assert len(json.loads(run_cli("policies", "--json").stdout)) == 7


def test_cli_scan_with_policy_shows_the_verdict(lab, tmp_path):
    target = address(endpoint(lab, "tls10_legacy_3des_rc4"))
    common = ("--timeout", "2", "--sni", "localhost", "--ca-file", lab["ca_file"], "--policy", "m365")
    table = run_cli("scan", target, *common)
    assert f"{target}: NOT READY for m365" in table.stdout
    saved = tmp_path / "scan.jsonl"
    lines = run_cli("scan", target, "--json", "-o", str(saved), *common).stdout.splitlines()
    assert len(lines) == 2
    scan_document, verdict_document = (json.loads(line) for line in lines)
    assert scan_document["schema_version"] == "2.0"
    _validator("verdict.schema.json").validate(verdict_document)
    assert verdict_document["readiness"] == "not_ready"
    assert saved.read_text().count("\n") == 1  # the file keeps scan documents only
    bad = run_cli("scan", target, "--policy", "m366")
    assert bad.returncode == 2
    assert "unknown policy 'm366'" in bad.stderr
