"""Local TLS policy from Python and the CLI: real `reg export` files and fake Linux roots."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import tlsready
from conftest import ROOT

SCENARIOS = ROOT / "tests" / "data" / "reg" / "scenarios"
MALFORMED = ROOT / "tests" / "data" / "reg" / "malformed"
LINUX_ROOTS = ROOT / "tests" / "data" / "linux_roots"


@pytest.fixture(scope="module")
def policy_schema() -> dict:
    return json.loads((ROOT / "native" / "schema" / "local-policy.schema.json").read_text())


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("scenario", sorted(p.stem for p in SCENARIOS.glob("*.reg")))
def test_every_scenario_export_gives_its_expected_findings(scenario, policy_schema):
    expected = json.loads((SCENARIOS / f"{scenario}.expected.json").read_text())
    report = tlsready.audit_registry_export(SCENARIOS / f"{scenario}.reg")
    jsonschema.validate(report.to_dict(), policy_schema)
    assert sorted(f.id for f in report.findings) == sorted(expected["findings"])
    assert report.raw["windows"]["os"]["family"] == expected["os"]["family"]


def test_untouched_windows7_needs_tls12_everywhere():
    report = tlsready.audit_registry_export(SCENARIOS / "win7_sp1_untouched.reg")
    protocols = {p["protocol"]: p for p in report.raw["windows"]["schannel"]["protocols"]}
    assert protocols["TLS 1.2"]["client"]["status"] == "on_request"
    assert not report.raw["windows"]["winhttp"]["views"][0]["tls12"]
    assert report.summary["high"] > 0
    reg = report.remediation_reg()
    assert reg.startswith("Windows Registry Editor Version 5.00")
    assert "DefaultSecureProtocols" in reg
    ps1 = report.remediation_ps1()
    assert "SupportsShouldProcess" in ps1 and "$PSCmdlet.ShouldProcess(" in ps1


def test_remediation_applied_as_a_second_export_clears_the_fixable_findings(tmp_path):
    source = SCENARIOS / "server2012r2_legacy.reg"
    before = tlsready.audit_registry_export(source)
    fix = tmp_path / "fix.reg"
    fix.write_text(before.remediation_reg(), encoding="utf-8")
    after = tlsready.audit_registry_export(source, fix)  # layered like `reg import` on that machine
    fixable = {f["id"] for f in before.raw["findings"] if f["registry_changes"]}
    assert fixable
    assert not fixable & {f.id for f in after.findings}


def test_os_version_parameter_overrides_the_export():
    report = tlsready.audit_registry_export(SCENARIOS / "win11_default.reg", os_version="win7")
    assert report.raw["windows"]["os"]["family"] == "win7_2008r2"


@pytest.mark.parametrize("name", sorted(p.name for p in MALFORMED.glob("*.reg")))
def test_malformed_exports_raise_invalid_argument_naming_file_and_line(name):
    with pytest.raises(tlsready.InvalidArgumentError) as caught:
        tlsready.audit_registry_export(MALFORMED / name)
    assert name in str(caught.value)


def test_unknown_os_version_and_missing_file_are_invalid_arguments(tmp_path):
    with pytest.raises(tlsready.InvalidArgumentError, match="win99"):
        tlsready.audit_registry_export(SCENARIOS / "win11_default.reg", os_version="win99")
    with pytest.raises(tlsready.InvalidArgumentError, match="nothing.reg"):
        tlsready.audit_registry_export(tmp_path / "nothing.reg")


def test_linux_fake_root_with_tls10_min_protocol(policy_schema):
    report = tlsready.local_policy(LINUX_ROOTS / "debian_tls10_seclevel1")
    jsonschema.validate(report.to_dict(), policy_schema)
    ids = {f.id for f in report.findings}
    assert "OPENSSL-MINPROTOCOL-ALLOWS-TLS10" in ids
    assert report.raw["linux"]["openssl"]["client"]["security_level"] == 1


def test_this_machine_has_no_high_findings(policy_schema):
    report = tlsready.local_policy()
    jsonschema.validate(report.to_dict(), policy_schema)
    assert report.platform == "linux"
    assert report.summary["high"] == 0 and report.summary["critical"] == 0
    assert report.raw["linux"]["openssl"]["server"]["lowest_negotiated"] == "TLSv1.2"


def test_cli_policy_json_and_remediation_files(tmp_path, policy_schema):
    reg, ps1 = tmp_path / "fix.reg", tmp_path / "fix.ps1"
    proc = cli("policy", "--reg", str(SCENARIOS / "win7_sp1_untouched.reg"), "--json",
               "--remediate-reg", str(reg), "--remediate-ps1", str(ps1))
    assert proc.returncode == 0, proc.stderr
    jsonschema.validate(json.loads(proc.stdout), policy_schema)
    assert reg.read_text().startswith("Windows Registry Editor Version 5.00")
    assert "ShouldProcess" in ps1.read_text()


def test_cli_policy_table_and_bad_file_exit_code():
    proc = cli("policy", "--reg", str(SCENARIOS / "server2012r2_legacy.reg"))
    assert proc.returncode == 0, proc.stderr
    assert "SCHANNEL" in proc.stdout and "[HIGH]" in proc.stdout or "[MEDIUM]" in proc.stdout
    bad = cli("policy", "--reg", str(MALFORMED / sorted(p.name for p in MALFORMED.glob("*.reg"))[0]))
    assert bad.returncode == 2
    assert "tlsready:" in bad.stderr
