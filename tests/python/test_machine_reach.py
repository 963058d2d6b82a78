"""This machine as a client from Python and the CLI: tlsready.machine_reach / PolicyReport.against and
`tlsready policy --against`, on the registry scenarios and a Linux root, with the same document
(machine-reach.schema.json) and the answers of tests/data/machine_reach/m365_expected.json."""

from __future__ import annotations

import json

import jsonschema
import pytest

import tlsready
from conftest import ROOT, run_cli

SCENARIOS = ROOT / "tests" / "data" / "reg" / "scenarios"
LINUX_ROOTS = ROOT / "tests" / "data" / "linux_roots"
EXPECTED = json.loads((ROOT / "tests" / "data" / "machine_reach" / "m365_expected.json").read_text())


@pytest.fixture(scope="module")
def reach_schema() -> dict:
    return json.loads((ROOT / "native" / "schema" / "machine-reach.schema.json").read_text())


def report_of(fixture: str) -> tlsready.PolicyReport:
    path = ROOT / "tests" / "data" / fixture
    if fixture.startswith("reg/"):
        return tlsready.audit_registry_export(path)
    return tlsready.local_policy(path)


@pytest.mark.parametrize("scenario", EXPECTED["scenarios"], ids=lambda s: s["fixture"])
def test_every_fixture_reaches_m365_as_expected(scenario, reach_schema):
    reach = tlsready.machine_reach(report_of(scenario["fixture"]), "m365")
    jsonschema.validate(reach.to_dict(), reach_schema)
    got = {s.id: s for s in reach.stacks}
    assert sorted(got) == sorted(scenario["stacks"])
    for stack_id, want in scenario["stacks"].items():
        assert got[stack_id].reaches == want["reaches"], (stack_id, got[stack_id].detail)
        if got[stack_id].reaches is False:
            assert got[stack_id].fix
    assert reach.all_reach == all(w["reaches"] is True for w in scenario["stacks"].values())


def test_against_is_machine_reach_and_names_the_fix():
    report = tlsready.audit_registry_export(SCENARIOS / "win7_sp1_untouched.reg")
    reach = report.against("m365")
    assert reach.to_dict() == tlsready.machine_reach(report.to_dict(), "m365").to_dict()
    assert reach.to_dict() == tlsready.machine_reach(report.to_json(), "m365").to_dict()
    dotnet = reach.stack("dotnet-4.0-32bit")
    assert dotnet.reaches is False and dotnet.reason == "no_common_version"
    assert "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319" in dotnet.fix
    assert "SchUseStrongCrypto" in dotnet.evidence[0]
    assert reach.summary_line.startswith("machine reach m365: ")
    assert dotnet in reach.failing


def test_remediated_windows7_reaches_with_tls12():
    reach = tlsready.audit_registry_export(SCENARIOS / "win7_sp1_remediated.reg").against("m365")
    for stack in reach.stacks:
        assert stack.reaches is True, (stack.id, stack.detail)
        assert stack.version == "TLSv1.2" and stack.cipher_suite


def test_bad_inputs_are_typed_errors():
    report = tlsready.audit_registry_export(SCENARIOS / "win11_default.reg")
    with pytest.raises(tlsready.InvalidArgumentError, match="server_side"):
        report.against("pci-dss")
    with pytest.raises(tlsready.InvalidArgumentError, match="m366"):
        report.against("m366")
    with pytest.raises(tlsready.InvalidArgumentError, match="local-policy report"):
        tlsready.machine_reach("{not json", "m365")
    with pytest.raises(tlsready.InvalidArgumentError, match="local-policy report"):
        tlsready.machine_reach({"platform": "windows"}, "m365")
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.machine_reach(42, "m365")


def test_cli_against_m365_exits_1_when_a_stack_does_not_reach(reach_schema):
    proc = run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_untouched.reg"), "--against", "m365")
    assert proc.returncode == 1, proc.stderr
    assert "dotnet-4.0-32bit" in proc.stdout and "does not reach" in proc.stdout
    assert "fix: set SchUseStrongCrypto=1" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1].startswith("machine reach m365: ")

    proc = run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_untouched.reg"), "--against", "m365", "--json")
    assert proc.returncode == 1, proc.stderr
    report_line, reach_line = proc.stdout.splitlines()
    assert json.loads(report_line)["platform"] == "windows"
    document = json.loads(reach_line)
    jsonschema.validate(document, reach_schema)
    python = tlsready.audit_registry_export(SCENARIOS / "win7_sp1_untouched.reg").against("m365").to_dict()
    # The CLI's document is the Python one (the report's source path is the same file).
    assert document == python


def test_cli_against_exits_0_when_every_stack_reaches_and_2_on_bad_policy():
    proc = run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_remediated.reg"), "--against", "m365")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "does not reach" not in proc.stdout
    proc = run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_remediated.reg"), "--against", "pci-dss")
    assert proc.returncode == 2
    assert "server_side" in proc.stderr


def test_cli_against_a_linux_root():
    proc = run_cli("policy", "--root", str(LINUX_ROOTS / "debian12_default"), "--against", "m365", "--json")
    assert proc.returncode in (0, 1), proc.stderr
    document = json.loads(proc.stdout.splitlines()[1])
    assert document["platform"] == "linux"
    assert any(s["id"] == "openssl" for s in document["stacks"])
