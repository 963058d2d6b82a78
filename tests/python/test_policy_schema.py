"""The local-policy and registry-snapshot schemas against the code, both ways: every document the
corpus gives validates, the schema lists every enumerated value the code can emit (finding ids,
severities, version names) and no field the code does not write (additionalProperties false)."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest

import tlsready
from conftest import ROOT

SCHEMAS = ROOT / "native" / "schema"
LEDGERS = ROOT / "native" / "data" / "ledgers"
REG = ROOT / "tests" / "data" / "reg"
LINUX_ROOTS = ROOT / "tests" / "data" / "linux_roots"
SNAPSHOTS = REG / "snapshots"


def _load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text())


@pytest.fixture(scope="module")
def policy_validator() -> jsonschema.Draft202012Validator:
    schema = _load("local-policy.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def snapshot_validator() -> jsonschema.Draft202012Validator:
    schema = _load("registry-snapshot.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _ledger(name: str) -> list[dict[str, str]]:
    lines = [line for line in (LEDGERS / name).read_text().splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{where}/{index}")


@pytest.mark.parametrize("name", ["local-policy.schema.json", "registry-snapshot.schema.json"])
def test_every_object_of_the_schema_is_closed(name):
    for where, node in _objects(_load(name)):
        assert node.get("additionalProperties") is False, f"{name} {where} lets unknown fields through"
        assert set(node.get("required", [])) <= set(node.get("properties", {})), f"{name} {where}"


def test_finding_ids_of_the_schema_are_the_ledger_ids():
    schema_ids = _load("local-policy.schema.json")["$defs"]["finding_id"]["enum"]
    # The verdict room's ids (readiness policies) are in verdict.schema.json's documents, not here.
    active = [row["id"] for row in _ledger("finding_ids.csv") if row["status"] == "active" and row["room"] != "verdict"]
    assert sorted(schema_ids) == sorted(active)
    assert len(schema_ids) == len(set(schema_ids))


def test_severities_of_the_schema_are_the_ledger_severities():
    schema = _load("local-policy.schema.json")
    names = [row["name"] for row in _ledger("severities.csv") if row["status"] == "active"]
    assert schema["$defs"]["severity"]["enum"] == names
    assert sorted(schema["properties"]["summary"]["required"]) == sorted(names)


def test_version_names_of_the_schema_are_the_model_vocabulary():
    names = _load("local-policy.schema.json")["$defs"]["tls_version_name"]["enum"]
    assert names == ["SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]


def _corpus_reports() -> Iterator[tuple[str, dict[str, Any]]]:
    for folder in ("scenarios", "format"):
        for path in sorted((REG / folder).glob("*.reg")):
            try:
                report = tlsready.audit_registry_export(path)
            except tlsready.InvalidArgumentError:
                report = tlsready.audit_registry_export(path, os_version="server2019")
            yield f"{folder}/{path.name}", report.to_dict()
    for root in sorted(p for p in LINUX_ROOTS.iterdir() if p.is_dir()):
        yield f"linux_roots/{root.name}", tlsready.local_policy(root).to_dict()


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, dict[str, Any]]]:
    return list(_corpus_reports())


def test_every_corpus_report_validates(corpus, policy_validator):
    assert len(corpus) >= 30
    for name, report in corpus:
        errors = sorted(policy_validator.iter_errors(report), key=lambda e: e.json_path)
        assert not errors, f"{name}: {errors[0].json_path}: {errors[0].message[:300]}"


def test_the_corpus_reaches_the_optional_parts_of_the_schema(corpus):
    """The validation above means something only where the corpus fills the fields."""
    seen: set[str] = set()
    for _, report in corpus:
        if report["windows"]:
            seen.add("windows")
            if any(c.get("before", {}).get("state") == "present" for f in report["findings"] for c in f["registry_changes"]):
                seen.add("before.present")
        if report["linux"]:
            linux = report["linux"]
            seen.add("linux")
            if linux["crypto_policies"]["backends"]:
                seen.add("backends")
            if linux["gnutls"]["files"]:
                seen.add("gnutls")
            if linux["java"]:
                seen.add("java")
            if linux["openssl"]["client"]["min_version"]:
                seen.add("min_version")
            if any(h["peer"] for h in linux["openssl"]["client"]["handshakes"]):
                seen.add("peer")
    assert seen == {"windows", "before.present", "linux", "backends", "gnutls", "java", "min_version", "peer"}


def test_every_finding_id_and_severity_the_corpus_emits_is_in_the_schema(corpus):
    schema = _load("local-policy.schema.json")
    ids = set(schema["$defs"]["finding_id"]["enum"])
    severities = set(schema["$defs"]["severity"]["enum"])
    for name, report in corpus:
        for finding in report["findings"]:
            assert finding["id"] in ids, f"{name}: {finding['id']}"
            assert finding["severity"] in severities


@pytest.mark.parametrize("path", [("windows", "schannel", "protocols", 0), ("windows", "os"), ("summary",),
                                  ("findings", 0), ("findings", 0, "evidence", 0), ("source",)])
def test_a_field_the_schema_does_not_list_is_refused(corpus, policy_validator, path):
    name, report = next((n, r) for n, r in corpus if n == "scenarios/server2012r2_legacy.reg")
    changed = copy.deepcopy(report)
    node: Any = changed
    for step in path:
        node = node[step]
    node["not_in_the_schema"] = 1
    assert list(policy_validator.iter_errors(changed)), f"{name}: {path} accepted an unknown field"


def test_a_version_outside_the_vocabulary_is_refused(corpus, policy_validator):
    _, report = next((n, r) for n, r in corpus if n == "linux_roots/debian_tls10_seclevel1")
    changed = copy.deepcopy(report)
    changed["linux"]["openssl"]["client"]["min_version"] = {"version": "TLSv1", "code": "0x0301"}
    assert list(policy_validator.iter_errors(changed))


# --- registry snapshots -------------------------------------------------------------------------

def test_the_snapshots_in_tests_data_validate_and_audit_like_their_exports(snapshot_validator):
    sources = {"server2012r2_legacy.json": REG / "scenarios" / "server2012r2_legacy.reg",
               "value_types.json": REG / "format" / "value_types.reg"}
    assert sorted(p.name for p in SNAPSHOTS.glob("*.json")) == sorted(sources)
    for name, source in sources.items():
        snapshot = json.loads((SNAPSHOTS / name).read_text())
        errors = list(snapshot_validator.iter_errors(snapshot))
        assert not errors, f"{name}: {errors[0].json_path}: {errors[0].message[:200]}"
        from_snapshot = tlsready.audit_registry_export(SNAPSHOTS / name, os_version="server2019").to_dict()
        from_export = tlsready.audit_registry_export(source, os_version="server2019").to_dict()
        assert from_snapshot["findings"] == from_export["findings"]
        assert from_snapshot["windows"] == from_export["windows"]


def _snapshot(values: Any, path: str = "HKEY_LOCAL_MACHINE\\SOFTWARE\\T") -> dict[str, Any]:
    return {"format": "tlsready-registry-snapshot", "version": 1, "keys": [{"path": path, "values": values}]}


def _value(**fields: Any) -> list[dict[str, Any]]:
    return [{"name": "V", **fields}]


# Snapshots winreg::from_snapshot rejects and the schema can say why.
REJECTED = {
    "not an object": [],
    "wrong format": {"format": "reg", "version": 1, "keys": []},
    "wrong version": {"format": "tlsready-registry-snapshot", "version": 2, "keys": []},
    "keys not an array": {"format": "tlsready-registry-snapshot", "version": 1, "keys": {}},
    "key without path": {"format": "tlsready-registry-snapshot", "version": 1, "keys": [{"values": []}]},
    "unknown root key": _snapshot([], "HKEY_NOWHERE\\X"),
    "empty subkey name": _snapshot([], "HKEY_LOCAL_MACHINE\\A\\\\B"),
    "values not an array": _snapshot({}),
    "value without name": _snapshot([{"type": "REG_DWORD", "data": 1}]),
    "value without type": _snapshot(_value(data=1)),
    "unknown type name": _snapshot(_value(type="REG_NUMBER", data=1)),
    "negative type number": _snapshot(_value(type=-1, hex="00")),
    "neither data nor hex": _snapshot(_value(type="REG_DWORD")),
    "both data and hex": _snapshot(_value(type="REG_DWORD", data=1, hex="01,00,00,00")),
    "dword as text": _snapshot(_value(type="REG_DWORD", data="1")),
    "negative dword": _snapshot(_value(type="REG_DWORD", data=-1)),
    "dword above 32 bits": _snapshot(_value(type="REG_DWORD", data=4294967296)),
    "string as a number": _snapshot(_value(type="REG_SZ", data=5)),
    "string with NUL": _snapshot(_value(type="REG_SZ", data="a\u0000b")),
    "multi-string with an empty item": _snapshot(_value(type="REG_MULTI_SZ", data=["a", ""])),
    "multi-string not a list": _snapshot(_value(type="REG_MULTI_SZ", data="a")),
    "binary not hex": _snapshot(_value(type="REG_BINARY", data="0g")),
    "hex not hex": _snapshot(_value(type="REG_DWORD", hex="xyz")),
}


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_a_snapshot_the_reader_rejects_the_schema_rejects(case, tmp_path, snapshot_validator):
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(REJECTED[case]))
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.audit_registry_export(path, os_version="server2019")
    assert list(snapshot_validator.iter_errors(REJECTED[case])), f"the schema accepts: {case}"


def test_a_snapshot_the_reader_accepts_the_schema_accepts(tmp_path, snapshot_validator):
    accepted = _snapshot([{"name": "A", "type": "REG_DWORD", "data": 1}, {"name": "B", "type": "REG_SZ", "data": ""},
                          {"name": "C", "type": "REG_MULTI_SZ", "data": ["x", "y"]},
                          {"name": "D", "type": "REG_BINARY", "data": "01,ff"}, {"name": "E", "type": 99, "hex": "00"},
                          {"name": "F", "type": "REG_QWORD", "data": 18446744073709551615}])
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(accepted))
    tlsready.audit_registry_export(path, os_version="server2019")
    assert not list(snapshot_validator.iter_errors(accepted))
