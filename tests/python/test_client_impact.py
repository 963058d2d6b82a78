"""Client impact from Python and the CLI: profiles, forecast, what-if, offline from saved JSON;
every document validated against native/schema/client-impact.schema.json."""

from __future__ import annotations

import json
from pathlib import Path
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


def test_client_profiles_are_typed_and_cite_sources(impact_schema):
    profiles = tlsready.client_profiles()
    ids = {profile.id for profile in profiles}
    assert {"ie-6-xp", "java-6u45", "openssl-3", "python-requests", "winhttp-win7", "schannel-win11"} <= ids
    assert all(profile.source for profile in profiles)
    assert next(p for p in profiles if p.id == "ie-6-xp").hello_format == "sslv2_compatible"
    assert next(p for p in profiles if p.id == "curl").synthetic
    document = {"schema_version": "1.0", "document": "client_profiles", "profiles": [dict(p.raw) for p in profiles]}
    jsonschema.validate(document, impact_schema)


def test_result_client_impact_with_what_if(lab, impact_schema):
    result = _scan(lab, "tls10_12_client_pref")
    impact = result.client_impact(what_if="no-tls10,no-tls11")
    jsonschema.validate(impact.to_dict(), impact_schema)
    assert impact.what_if == ("no-tls10", "no-tls11")
    assert "ie-8-10-win7" in impact.breaks and "java-7u25" in impact.breaks
    assert "openssl-3" not in impact.breaks
    ie = impact.outcome("ie-8-10-win7")
    assert (ie.status, ie.version, ie.cipher_suite) == ("connects", "TLSv1.0", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")
    openssl = impact.outcome("openssl-3")
    assert openssl.version == "TLSv1.2" and openssl.method == "forecast"


def test_dh_1024_fails_openssl3_and_connects_ie11(lab):
    impact = tlsready.client_impact(_scan(lab, "dhe_1024"), clients=["openssl-3", "ie-11-win7"])
    assert [o.client_id for o in impact.outcomes] == ["openssl-3", "ie-11-win7"]
    assert impact.outcomes[0].reason == "dh_too_small"
    assert impact.outcomes[1].status == "connects"


def test_sni_required_fails_clients_without_sni_in_every_front_forecast(lab):
    # The forecast behind client_impact (and tlsr_client_impact, PowerShell -Clients) reads the scan's
    # sni fact: Android 2.3 sends no server_name and fails with sni_required, a current client connects.
    result = _scan(lab, "sni_required")
    assert result.to_dict()["sni"]["required"] is True
    impact = tlsready.client_impact(result, clients=["android-2.3.7", "chrome-137-win11"])
    android, chrome = impact.outcomes
    assert (android.status, android.reason) == ("fails", "sni_required")
    assert chrome.status == "connects"


def test_bad_what_if_and_client_are_invalid_arguments(lab):
    result = _scan(lab, "tls13_only")
    with pytest.raises(tlsready.InvalidArgumentError, match="no-tls99"):
        result.client_impact(what_if="no-tls99")
    with pytest.raises(tlsready.InvalidArgumentError, match="nobody"):
        result.client_impact(clients=["nobody"])
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.client_impact(42)  # type: ignore[arg-type]


def test_summary_across_endpoints(lab, impact_schema):
    results = [_scan(lab, "tls10_12_client_pref"), _scan(lab, "tls13_only")]
    summary = tlsready.client_impact_summary(results, what_if="no-tls10")
    jsonschema.validate(summary.raw, impact_schema)
    rows = summary.rows()
    assert any(row["client_id"] == "ie-8-10-win7" and row["breaks"] for row in rows)
    assert any(row["client_id"] == "ie-8-10-win7" and row["fails"] for row in rows)  # tls13_only


def test_cli_scan_clients_table_and_json(lab, impact_schema):
    target = address(endpoint(lab, "tls10_12_client_pref"))
    table = run_cli("scan", target, "--clients", "--what-if", "no-tls10,no-tls11", "--timeout", "3")
    assert table.returncode == 0, table.stderr
    assert "Clients of" in table.stdout
    assert "ie-8-10-win7" in table.stdout and "BREAKS if no-tls10,no-tls11" in table.stdout
    lines = run_cli("scan", target, "--clients", "--json", "--timeout", "3").stdout.splitlines()
    assert len(lines) == 2
    jsonschema.validate(json.loads(lines[1]), impact_schema)


def test_cli_clients_offline_from_saved_json(lab, tmp_path: Path, impact_schema):
    saved = tmp_path / "results.jsonl"
    target = address(endpoint(lab, "tls10_12_client_pref"))
    assert run_cli("scan", target, "--json", "-o", str(saved), "--timeout", "3").returncode == 0
    out = run_cli("clients", str(saved), "--what-if", "no-tls10,no-tls11")
    assert out.returncode == 0, out.stderr
    assert "would break" in out.stdout and "ie-8-10-win7" in out.stdout
    documents = [json.loads(line) for line in run_cli("clients", str(saved), "--json").stdout.splitlines()]
    assert [d["document"] for d in documents] == ["client_impact", "client_impact_summary"]
    for document in documents:
        jsonschema.validate(document, impact_schema)


def test_cli_clients_lists_profiles_and_rejects_bad_input(tmp_path: Path, impact_schema):
    listing = run_cli("clients")
    assert listing.returncode == 0 and "java-6u45" in listing.stdout
    jsonschema.validate(json.loads(run_cli("clients", "--json").stdout), impact_schema)
    bad = run_cli("scan", "127.0.0.1:1", "--clients", "--what-if", "no-tls9")
    assert bad.returncode == 2 and "no-tls9" in bad.stderr
    assert run_cli("scan", "127.0.0.1:1", "--what-if", "no-tls10").returncode == 2  # needs --clients
    missing = run_cli("clients", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 2 and "none.jsonl" in missing.stderr
