"""Schema 2.0 of the scan document against lab endpoints: structured refusals, a status per
sub-check, coded certificate problems, STARTTLS always named (README "Changes in schema 2.0")."""

from __future__ import annotations

from typing import Any

import jsonschema

import tlsready
from conftest import address, endpoint


def scan(lab: dict[str, Any], name: str, **options: Any) -> tlsready.EndpointResult:
    return tlsready.scan_endpoint(address(endpoint(lab, name)), sni="localhost", timeout=3, ca_file=lab["ca_file"],
                                  **options)


def test_schema_version_is_2_0(schema):
    assert tlsready.SCHEMA_VERSION == "2.0"
    assert schema["properties"]["schema_version"] == {"const": "2.0"}


def test_refused_versions_carry_a_structured_refusal_and_every_check_completed(lab, schema):
    result = scan(lab, "tls13_only")
    jsonschema.validate(result.raw, schema)
    assert result.raw["target"]["starttls"] == "none"
    refused = [p for p in result.raw["protocols"] if not p["accepted"]]
    assert refused
    for protocol in refused:
        refusal = protocol["refusal"]
        assert refusal["kind"] in schema["$defs"]["refusal"]["properties"]["kind"]["enum"]
        if refusal["kind"] == "alert":
            assert isinstance(refusal["alert_code"], int) and refusal["alert_level"] in (1, 2)
            assert refusal["alert_name"] and refusal["detail"] == "alert " + refusal["alert_name"]
        else:
            assert refusal["alert_code"] is None and refusal["alert_name"] is None
        assert protocol["check"]["status"] == "completed"
    accepted = [p for p in result.raw["protocols"] if p["accepted"]]
    assert all(p["refusal"] is None and p["check"]["status"] == "completed" for p in accepted)
    assert {name: check.status for name, check in result.checks.items()} == {
        "certificate": "completed", "session": "completed", "groups": "completed"}
    assert all(p.refusal_kind is None for p in result.protocols if p.accepted)
    assert all(p.refusal_kind is not None for p in result.protocols if not p.accepted)


def test_certificate_problems_are_codes_with_messages(lab):
    result = scan(lab, "expired_cert")
    assert result.certificate is not None
    codes = [problem.code for problem in result.certificate.problems]
    assert "expired" in codes
    assert all(isinstance(problem, tlsready.CertificateProblem) and problem.message
               for problem in result.certificate.problems)
    wrong = scan(lab, "wrong_hostname")
    assert wrong.certificate is not None
    assert "hostname_mismatch" in [problem.code for problem in wrong.certificate.problems]


def test_a_certificate_not_asked_for_is_a_skipped_check_not_a_bare_null(lab, schema):
    result = scan(lab, "tls13_only", check_certificate=False, enumerate_groups=False)
    jsonschema.validate(result.raw, schema)
    assert result.raw["certificate"] is None
    for name in ("certificate", "session", "groups"):
        check = result.checks[name]
        assert check.status == "skipped" and check.reason is None and "not requested" in (check.detail or "")


def test_an_unreachable_endpoint_skips_its_checks_with_the_error_kind(lab, schema):
    result = tlsready.scan_endpoint(address(endpoint(lab, "hostile_refused")), timeout=2)
    jsonschema.validate(result.raw, schema)
    assert not result.ok
    assert result.checks["certificate"].status == "skipped"
    assert result.checks["certificate"].reason == result.error_kind


def test_starttls_is_named_and_never_empty(lab, schema):
    result = tlsready.scan_endpoint(address(endpoint(lab, "smtp_starttls")), sni="localhost", starttls="smtp",
                                    timeout=3, ca_file=lab["ca_file"])
    jsonschema.validate(result.raw, schema)
    assert result.raw["target"]["starttls"] == "smtp"
    assert "" not in schema["properties"]["target"]["properties"]["starttls"]["enum"]
