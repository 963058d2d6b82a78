"""Local TLS policy from Python and the CLI: real `reg export` files and fake Linux roots."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

import tlsready
from conftest import ROOT, run_cli

SCENARIOS = ROOT / "tests" / "data" / "reg" / "scenarios"
MALFORMED = ROOT / "tests" / "data" / "reg" / "malformed"
LINUX_ROOTS = ROOT / "tests" / "data" / "linux_roots"


@pytest.fixture(scope="module")
def policy_schema() -> dict:
    return json.loads((ROOT / "native" / "schema" / "local-policy.schema.json").read_text())


@pytest.mark.parametrize("scenario", sorted(p.stem for p in SCENARIOS.glob("*.reg")))
def test_every_scenario_export_gives_its_expected_findings(scenario, policy_schema):
    expected = json.loads((SCENARIOS / f"{scenario}.expected.json").read_text())
    report = tlsready.audit_registry_export(SCENARIOS / f"{scenario}.reg")
    jsonschema.validate(report.to_dict(), policy_schema)
    assert sorted(f.id for f in report.findings) == sorted(expected["findings"])
    assert report.raw["windows"]["os"]["family"] == expected["os"]["family"]


def test_untouched_windows7_needs_tls12_everywhere():
    report = tlsready.audit_registry_export(SCENARIOS / "win7_sp1_untouched.reg")
    protocols = {p["version"]: p for p in report.raw["windows"]["schannel"]["protocols"]}
    assert protocols["TLSv1.2"]["code"] == "0x0303"
    assert protocols["TLSv1.2"]["client"]["status"] == "on_request"
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
    assert report.raw["linux"]["openssl"]["server"]["lowest_negotiated"] == {"version": "TLSv1.2", "code": "0x0303"}


def test_cli_policy_json_and_remediation_files(tmp_path, policy_schema):
    reg, ps1 = tmp_path / "fix.reg", tmp_path / "fix.ps1"
    proc = run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_untouched.reg"), "--json",
               "--remediate-reg", str(reg), "--remediate-ps1", str(ps1))
    assert proc.returncode == 0, proc.stderr
    jsonschema.validate(json.loads(proc.stdout), policy_schema)
    assert reg.read_text().startswith("Windows Registry Editor Version 5.00")
    assert "ShouldProcess" in ps1.read_text()


def test_cli_policy_table_and_bad_file_exit_code():
    proc = run_cli("policy", "--reg", str(SCENARIOS / "server2012r2_legacy.reg"))
    assert proc.returncode == 0, proc.stderr
    assert "SCHANNEL" in proc.stdout and "[HIGH]" in proc.stdout or "[MEDIUM]" in proc.stdout
    bad = run_cli("policy", "--reg", str(MALFORMED / sorted(p.name for p in MALFORMED.glob("*.reg"))[0]))
    assert bad.returncode == 2
    assert "tlsready:" in bad.stderr


# ---- remediation files: never over an input, always with their undo; output errors are one line

def _copy_scenario(tmp_path, name="server2012r2_legacy"):
    path = tmp_path / f"{name}.reg"
    path.write_bytes((SCENARIOS / f"{name}.reg").read_bytes())
    return path


def test_cli_refuses_to_overwrite_the_reg_input(tmp_path):
    export = _copy_scenario(tmp_path)
    original = export.read_bytes()
    proc = run_cli("policy", "--reg", str(export), "--remediate-reg", str(export))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "refusing to overwrite" in proc.stderr and str(export) in proc.stderr
    assert export.read_bytes() == original
    # also through another name of the same file
    link = tmp_path / "link.reg"
    link.symlink_to(export)
    assert run_cli("policy", "--reg", str(export), "--remediate-ps1", str(link)).returncode == 2
    assert export.read_bytes() == original


def test_cli_writes_the_undo_next_to_the_fix(tmp_path):
    export = _copy_scenario(tmp_path)
    fix = tmp_path / "fix.reg"
    proc = run_cli("policy", "--reg", str(export), "--remediate-reg", str(fix))
    assert proc.returncode == 0, proc.stderr
    undo = tmp_path / "fix.undo.reg"
    assert str(undo) in proc.stderr and str(fix) in proc.stderr
    report = tlsready.audit_registry_export(export)
    assert undo.read_bytes().decode() == report.remediation_undo_reg()
    assert fix.read_bytes().decode() == report.remediation_reg()
    text = undo.read_text()
    assert text.startswith("Windows Registry Editor Version 5.00") and "tlsready undo" in text
    # the fix then the undo, layered over the export, give the export's findings back
    again = tlsready.audit_registry_export(export, fix, undo)
    assert [f.id for f in again.findings] == [f.id for f in report.findings]


def test_registry_changes_carry_the_value_they_replace(policy_schema):
    report = tlsready.audit_registry_export(SCENARIOS / "weak_dh_1024.reg")
    jsonschema.validate(report.to_dict(), policy_schema)
    befores = [c["before"] for f in report.to_dict()["findings"] for c in f["registry_changes"]]
    assert befores and all(b["state"] in ("present", "value_absent", "key_absent", "unknown") for b in befores)
    assert {"state": "present", "type_code": 4, "data_hex": "00040000"} in befores  # 1024 bits as found


@pytest.mark.parametrize("where, problem", [
    ("missing/fix.reg", "no such directory"),
    ("", "is a directory"),
    # a read-only file: mode 0444 stops only non-root users; as root a /proc file refuses the write
    # (EIO from the kernel, or no room for the undo beside it): either way one line naming it
    ("read-only", "permission denied" if os.geteuid() != 0 else "cannot write /proc/version"),
])
def test_cli_remediation_output_errors_are_one_line_exit_2(tmp_path, where, problem):
    if where == "read-only":
        target = "/proc/version"
        if os.geteuid() != 0:
            target = str(tmp_path / "read-only.reg")
            Path(target).write_text("x")
            os.chmod(target, 0o444)
    else:
        target = str(tmp_path / where) if where else str(tmp_path)
    for option in ("--remediate-reg", "--remediate-ps1"):
        proc = run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_untouched.reg"), option, target)
        assert proc.returncode == 2, (option, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
        assert problem in proc.stderr and os.path.basename(target.rstrip("/")) in proc.stderr


# ---- policy inputs: bounded, typed errors naming the file

@pytest.mark.parametrize("make, problem", [
    (lambda tmp: "/dev/zero", "64 MiB limit"),
    (lambda tmp: str(tmp), "is a directory"),
    (lambda tmp: (os.symlink(tmp / "b", tmp / "a"), os.symlink(tmp / "a", tmp / "b"), str(tmp / "a"))[-1],
     "symbolic link"),
    (lambda tmp: str(tmp / "none.reg"), "no such file"),
])
def test_cli_bad_reg_inputs_are_one_line_exit_2(tmp_path, make, problem):
    path = make(tmp_path)
    proc = run_cli("policy", "--reg", path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert problem in proc.stderr and path in proc.stderr


def test_a_nul_byte_in_a_path_is_refused(tmp_path):
    export = _copy_scenario(tmp_path)
    with pytest.raises(tlsready.InvalidArgumentError, match="NUL byte"):
        tlsready.audit_registry_export(str(export) + "\0ignored")
    with pytest.raises(tlsready.InvalidArgumentError, match="NUL byte"):
        tlsready.local_policy(str(tmp_path) + "\0x")


def test_cli_rejects_an_empty_root():
    proc = run_cli("policy", "--root", "")
    assert proc.returncode == 2
    assert "--root ''" in proc.stderr
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.local_policy("")


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-be", b"\xfe\xff")])
def test_utf16_exports_without_bom_or_big_endian_read_like_regedits(tmp_path, encoding, bom):
    original = SCENARIOS / "server2012r2_legacy.reg"
    text = original.read_bytes()[2:].decode("utf-16-le")  # regedit's form: FF FE + UTF-16LE
    converted = tmp_path / "converted.reg"
    converted.write_bytes(bom + text.encode(encoding))
    assert ([f.id for f in tlsready.audit_registry_export(converted).findings] ==
            [f.id for f in tlsready.audit_registry_export(original).findings])


def test_error_messages_escape_control_and_binary_bytes(tmp_path):
    bad = tmp_path / "bad.reg"
    bad.write_bytes(b"\x1b]0;owned\x07\x1b[2J\r\nstuff\r\n")
    proc = run_cli("policy", "--reg", str(bad))
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "\\x1b]0;owned\\x07" in proc.stderr


def test_os_version_unknown_build_and_missing_currentversion_say_what_to_do():
    proc = run_cli("policy", "--reg", str(SCENARIOS / "win11_default.reg"), "--os-version", "10.0.99999")
    assert proc.returncode == 2
    assert "not a released Windows build" in proc.stderr and "server2019" in proc.stderr
    proc = run_cli("policy", "--reg", str(SCENARIOS / "win11_default.reg"), "--os-version", "win99")
    assert proc.stderr.count("unknown Windows version") == 1
    plain = ROOT / "tests" / "data" / "reg" / "format" / "schannel_export.reg"
    proc = run_cli("policy", "--reg", str(plain))
    assert proc.returncode == 2
    assert "Windows NT\\CurrentVersion" in proc.stderr and "--os-version" in proc.stderr
    assert "reg export" in proc.stderr
    assert run_cli("policy", "--reg", str(plain), "--os-version", "win10").returncode == 0


def test_linux_root_with_unreadable_files_reports_them_not_defaults(tmp_path, policy_schema):
    # as root chmod 000 stops nothing: a directory in place of openssl.cnf and a symlink loop do
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "os-release").write_text('ID=debian\nVERSION_ID="12"\n')
    (tmp_path / "usr" / "lib" / "ssl" / "openssl.cnf").mkdir(parents=True)
    security = tmp_path / "usr" / "lib" / "jvm" / "jdk-17" / "conf" / "security"
    security.mkdir(parents=True)
    (security / "java.security").symlink_to("java.security")
    proc = run_cli("policy", "--root", str(tmp_path), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, policy_schema)
    ids = [f["id"] for f in report["findings"]]
    assert "LINUX-FILE-UNREADABLE" in ids
    unreadable = next(f for f in report["findings"] if f["id"] == "LINUX-FILE-UNREADABLE")
    locations = {e["location"] for e in unreadable["evidence"]}
    assert "/usr/lib/ssl/openssl.cnf" in locations
    assert "/usr/lib/jvm/jdk-17/conf/security/java.security" in locations
    assert not any(f["severity"] in ("high", "critical") for f in report["findings"]), ids
    assert not any(i.startswith(("OPENSSL-", "JAVA-")) for i in ids), ids
