"""The remediation script (PolicyReport.remediation_ps1) run in the real PowerShell engine.

tests/powershell/run.sh builds tests/powershell/host, a .NET console app that hosts
System.Management.Automation 7.6 (the engine of pwsh) with a recording host UI, and runs the script:
-WhatIf must announce every registry change once and do nothing else, -Confirm answered "No to All" or
"No" must change nothing, and Get-Help must read the comment-based help. The engine here has only
Microsoft.PowerShell.Core and Linux has no HKLM: drive, so the host defines recording stand-ins for the
provider cmdlets (Test-Path, New-Item, New-ItemProperty, ...); "intercepted" lists the calls they got,
which must be none unless a change was confirmed. See tests/powershell/README.md.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

import tlsready

ROOT = Path(__file__).resolve().parents[2]
RUN_SH = ROOT / "tests" / "powershell" / "run.sh"
SCENARIO_DIR = ROOT / "tests" / "data" / "reg" / "scenarios"
SCENARIOS = ["win7_sp1_untouched", "server2012r2_legacy", "server2016_halfset_wow"]
SYNOPSIS = "Applies the registry fixes of a tlsready Windows TLS audit."

pytestmark = pytest.mark.skipif(
    shutil.which("dotnet") is None,
    reason="dotnet (the .NET 10 SDK) is not installed: tests/powershell/run.sh cannot build the PowerShell host",
)

WHATIF = re.compile(r'^What if: Performing the operation "(?P<action>[^"]*)" on target "(?P<target>[^"]*)"\.$')


def run_host(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(RUN_SH), *args], capture_output=True, text=True, timeout=timeout)


def host_json(*args: str) -> dict[str, Any]:
    proc = run_host(*args)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"run.sh {' '.join(args)} gave no JSON (exit {proc.returncode})\n"
                    f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")


@pytest.fixture(scope="session", autouse=True)
def built_host() -> None:
    """Builds the host once (a no-op when it is up to date), so a build failure shows as such."""
    proc = run_host("build")
    assert proc.returncode == 0, f"building tests/powershell/host failed:\n{proc.stderr}"


def ps_target(key: str, value_name: str) -> str:
    """The ShouldProcess target of a change, as the script names it: HKLM:\\...\\ValueName."""
    for hive, drive in (("HKEY_LOCAL_MACHINE", "HKLM:"), ("HKEY_CURRENT_USER", "HKCU:")):
        if key.upper().startswith(hive):
            return drive + key[len(hive):] + "\\" + (value_name or "(default)")
    return "Registry::" + key + "\\" + (value_name or "(default)")


class Scenario:
    def __init__(self, name: str, workdir: Path) -> None:
        self.name = name
        self.report = tlsready.audit_registry_export(str(SCENARIO_DIR / f"{name}.reg"))
        self.script = workdir / f"{name}.ps1"
        # newline="" keeps the script's CRLF line ends exactly as generated
        self.script.write_text(self.report.remediation_ps1(), encoding="ascii", newline="")
        # One ShouldProcess per registry value: findings that ask for the same value share it.
        self.changes: dict[str, dict[str, Any]] = {}
        for finding in self.report.to_dict()["findings"]:
            for change in finding.get("registry_changes", []):
                self.changes.setdefault(ps_target(change["key"], change["value_name"]).lower(), change)

    def run(self, *options: str) -> dict[str, Any]:
        return _run_cached(str(self.script), options)

    def help(self) -> dict[str, Any]:
        return host_json("help", str(self.script))


@lru_cache(maxsize=None)
def _run_cached(script: str, options: tuple[str, ...]) -> dict[str, Any]:
    return host_json("run-script", script, *options)


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return Scenario(request.param, tmp_path_factory.mktemp("ps1"))


def describe_errors(report: dict[str, Any]) -> str:
    return "\n".join(f"{e['fully_qualified_error_id']}: {e['message']} (line {e['script_line']})\n{e.get('script_stack_trace') or ''}"
                     for e in report["errors"])


def test_script_parses_and_guards_every_registry_access(scenario: Scenario) -> None:
    report = scenario.run("--whatif")
    assert report["parse_errors"] == []
    assert report["registry_access"], "expected registry writes in this scenario"
    # every Test-Path/New-Item/New-ItemProperty and [Microsoft.Win32.Registry] use sits in an
    # `if ($PSCmdlet.ShouldProcess(...)) { }` body (checked on the engine's own AST)
    assert report["unguarded_registry_access"] == []
    assert report["should_process_calls"] == len(scenario.changes)


def test_whatif_announces_each_registry_change_once(scenario: Scenario) -> None:
    report = scenario.run("--whatif")
    assert report["errors"] == [], describe_errors(report)
    assert not report["had_errors"]
    assert len(scenario.changes) > 0
    assert len(report["whatif"]) == len(scenario.changes)
    seen = Counter()
    for line in report["whatif"]:
        match = WHATIF.match(line)
        assert match, line
        target = match["target"].lower()
        assert target in scenario.changes, f"announced a change no finding asked for: {line}"
        change = scenario.changes[target]
        kind, _, data = match["action"].partition(" ")[2].partition(" ")
        assert match["action"].startswith("Set "), line
        assert kind == change["type"], line
        if kind == "REG_DWORD":
            assert int(data, 0) == int(change["data"], 0), line
        seen[target] += 1
    assert set(seen) == set(scenario.changes)
    assert max(seen.values()) == 1
    # the What-if lines are all the script printed
    assert report["host_output"] == report["whatif"]


def test_whatif_touches_nothing(scenario: Scenario) -> None:
    report = scenario.run("--whatif")
    assert report["errors"] == [], describe_errors(report)
    assert report["intercepted"] == [], "registry cmdlets were called under -WhatIf"
    assert report["prompts"] == []
    assert report["warnings"] == [], "the restart warning means the script counted a change"
    assert report["output"] == []


def test_confirm_no_to_all_changes_nothing(scenario: Scenario) -> None:
    report = scenario.run("--confirm-no")
    assert report["errors"] == [], describe_errors(report)
    assert not report["had_errors"]
    assert report["intercepted"] == [], "a registry cmdlet ran although the user answered No to All"
    assert report["whatif"] == [] and report["warnings"] == [] and report["output"] == []
    # one prompt, for the first change; "No to All" declines the rest without asking
    assert len(report["prompts"]) == 1
    prompt = report["prompts"][0]
    assert prompt["answer"] == "No to All"
    assert {"Yes", "Yes to All", "No", "No to All"} <= set(prompt["choices"])
    target = re.search(r'on target "([^"]*)"', prompt["message"])
    assert target and target[1].lower() in scenario.changes


def test_confirm_no_to_each_prompt_changes_nothing(scenario: Scenario) -> None:
    report = scenario.run("--confirm-answer", "No")
    assert report["errors"] == [], describe_errors(report)
    assert report["intercepted"] == [] and report["warnings"] == []
    asked = [re.search(r'on target "([^"]*)"', p["message"])[1].lower() for p in report["prompts"]]
    assert sorted(asked) == sorted(scenario.changes), "each change is asked about exactly once"
    assert {p["answer"] for p in report["prompts"]} == {"No"}


def test_get_help_shows_synopsis_and_examples(scenario: Scenario) -> None:
    help_ = scenario.help()
    assert help_["errors"] == []
    assert help_["synopsis"] == SYNOPSIS
    assert f"sets {len(scenario.changes)} registry values" in help_["description"]
    assert help_["examples"], "no .EXAMPLE in Get-Help"
    assert any("-WhatIf" in example["code"] for example in help_["examples"])
    parameters = {p["name"]: p for p in help_["parameters"]}
    assert parameters["NoRestartWarning"]["description"]
    assert {"WhatIf", "Confirm"} <= set(parameters), "SupportsShouldProcess adds -WhatIf and -Confirm"


def test_get_help_examples_keep_code_and_remarks_apart(tmp_path: Path) -> None:
    help_ = Scenario("server2012r2_legacy", tmp_path).help()
    for example in help_["examples"]:
        assert "\n" not in example["code"], example
        assert example["remarks"], example


# ---- applying, with the stand-in cmdlets: what a "Yes" does. weak_dh_1024 has no '/' key, so every
# change goes through New-ItemProperty (a '/' key goes through [Microsoft.Win32.Registry], which Linux lacks).

def test_confirm_false_applies_each_change_with_new_itemproperty(tmp_path: Path) -> None:
    scenario = Scenario("weak_dh_1024", tmp_path)
    backup = tmp_path / "backup.reg"
    report = scenario.run("--param", "Confirm=false", "--param", f"BackupPath={backup}")
    assert report["errors"] == [], describe_errors(report)
    assert report["prompts"] == []
    writes = [c for c in report["intercepted"] if c["command"] == "New-ItemProperty"]
    applied = {}
    for call in writes:
        args = dict(a.split(" ", 1) for a in call["arguments"])
        assert call["confirmed"] is True
        assert args["-PropertyType"] == "DWord" and args["-Force"] == "True"
        applied[(args["-LiteralPath"] + "\\" + args["-Name"]).lower()] = int(args["-Value"])
    assert applied == {t: int(c["data"], 0) for t, c in scenario.changes.items()}
    assert report["warnings"] == [
        f"tlsready: the values as found are saved in {backup}; to undo, run: reg import \"{backup}\"",
        f"tlsready: {len(scenario.changes)} registry value(s) changed. Restart the computer so that SCHANNEL, "
        "cipher suite order and .NET Framework changes take effect."]


def test_confirm_yes_to_all_asks_once(tmp_path: Path) -> None:
    scenario = Scenario("weak_dh_1024", tmp_path)
    report = scenario.run("--confirm-answer", "Yes to All", "--param", f"BackupPath={tmp_path / 'backup.reg'}")
    assert report["errors"] == [], describe_errors(report)
    assert len([c for c in report["intercepted"] if c["command"] == "New-ItemProperty"]) == len(scenario.changes)
    assert [p["answer"] for p in report["prompts"]] == ["Yes to All"], report["prompts"]


# ---- the backup: saved before each change, inside its ShouldProcess guard, restorable by reg import

def test_backup_is_written_before_the_changes_and_parses_as_a_reg_file(tmp_path: Path) -> None:
    scenario = Scenario("weak_dh_1024", tmp_path)
    backup = tmp_path / "backup.reg"
    report = scenario.run("--param", "Confirm=false", "--param", f"BackupPath={backup}")
    assert report["errors"] == [], describe_errors(report)
    raw = backup.read_bytes()
    assert raw.startswith(b"\xff\xfe"), "UTF-16LE with BOM, as regedit writes"
    text = raw.decode("utf-16")
    assert text.startswith("Windows Registry Editor Version 5.00\r\n")
    # the stand-in Test-Path says no key exists, so each changed key is one the fix creates: removed
    keys = {c["key"] for c in scenario.changes.values()}
    assert {line[2:-1] for line in text.splitlines() if line.startswith("[-")} == keys
    # every read of the registry for the backup precedes the write it protects
    calls = [c["command"] for c in report["intercepted"]]
    assert calls.index("Test-Path") < calls.index("New-ItemProperty")
    # and tlsready's own parser reads it back
    tlsready.audit_registry_export(str(backup), os_version="server2016")


def test_whatif_and_declined_changes_write_no_backup(tmp_path: Path) -> None:
    scenario = Scenario("weak_dh_1024", tmp_path)
    backup = tmp_path / "backup.reg"
    for options in (("--whatif",), ("--confirm-no",)):
        report = scenario.run(*options, "--param", f"BackupPath={backup}")
        assert report["errors"] == [], describe_errors(report)
        assert not backup.exists(), options
        assert report["warnings"] == []


def test_backup_script_sample_is_what_tlsready_generates() -> None:
    """tests/powershell/RemediationBackup.Tests.ps1 runs this sample against a fake registry."""
    sample = ROOT / "tests" / "data" / "reg" / "remediation" / "weak_dh_1024.ps1"
    generated = tlsready.audit_registry_export(str(SCENARIO_DIR / "weak_dh_1024.reg")).remediation_ps1()
    assert sample.read_bytes() == generated.encode("ascii"), (
        "regenerate it: python -c 'import tlsready,sys; sys.stdout.write(tlsready.audit_registry_export("
        "\"tests/data/reg/scenarios/weak_dh_1024.reg\").remediation_ps1())' > tests/data/reg/remediation/weak_dh_1024.ps1")


def test_get_help_documents_the_backup_parameter(tmp_path: Path) -> None:
    help_ = Scenario("weak_dh_1024", tmp_path).help()
    parameters = {p["name"]: p for p in help_["parameters"]}
    assert "reg import" in parameters["BackupPath"]["description"]
    assert any("-BackupPath" in example["code"] for example in help_["examples"])


def test_cli_writes_the_script_the_api_returns(tmp_path: Path) -> None:
    exe = shutil.which("tlsready", path=str(Path(sys.executable).parent)) or "tlsready"
    out = tmp_path / "fix.ps1"
    reg = SCENARIO_DIR / "server2016_halfset_wow.reg"
    proc = subprocess.run([exe, "policy", "--reg", str(reg), "--remediate-ps1", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert out.exists(), proc.stderr
    assert out.read_bytes() == tlsready.audit_registry_export(str(reg)).remediation_ps1().encode("ascii")


def test_powershell_unit_tests_pass() -> None:
    """tests/powershell/*.Tests.ps1 (run-tests mode of the host)."""
    proc = run_host("run-tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^\d+ passed, 0 failed", proc.stdout, re.M), proc.stdout
