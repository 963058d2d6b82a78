"""Typed, frozen results: every lab endpoint's document and every saved document in tests/data go
through EndpointResult.from_dict and come back by to_dict() exactly, valid against the schema."""

from __future__ import annotations

import dataclasses
import json
import pickle
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest

import tlsready
from tlsready import _native, _results_kinds
from tlsready._results_facts import ScanChecks

from conftest import address

ROOT = Path(__file__).resolve().parents[2]
SAVED = ROOT / "tests" / "data" / "scan_documents"


def lab_targets(lab: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"target": address(item), "sni": item.get("sni"), "starttls": item.get("starttls")}
            for item in lab["endpoints"]]


@pytest.fixture(scope="module")
def lab_documents(lab: dict[str, Any]) -> list[dict[str, Any]]:
    """The native engine's own JSON of every lab endpoint (straight from the session, not through the package)."""
    options = {"timeout": 3, "ca_file": lab["ca_file"], "concurrency": 8}
    session = _native.ScanSession(json.dumps(lab_targets(lab)), json.dumps(options))
    documents: dict[int, dict[str, Any]] = {}
    try:
        while not session.finished or session.completed_count > len(documents):
            taken = session.next(1.0)
            if taken is not None:
                documents[taken[0]] = json.loads(taken[1])
    finally:
        session.close()
    assert len(documents) == len(lab["endpoints"])
    return [documents[index] for index in sorted(documents)]


def saved_documents() -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted(SAVED.glob("*.jsonl")) for line in path.read_text().splitlines()
            if line.strip()]


def test_every_enum_of_the_schema_is_a_literal_of_the_package(schema: dict[str, Any]) -> None:
    defs, props = schema["$defs"], schema["properties"]
    pairs = {
        "Status": props["status"]["enum"],
        "StartTls": props["target"]["properties"]["starttls"]["enum"],
        "FailureKind": defs["failure_kind"]["enum"],
        "CheckStatus": defs["check"]["properties"]["status"]["enum"],
        "RefusalKind": defs["refusal"]["properties"]["kind"]["enum"],
        "ProtocolName": defs["cipher_suite"]["properties"]["protocols"]["items"]["enum"],
        "SuiteWeaknessCode": defs["suite_weakness_code"]["enum"],
        "EndpointWeaknessCode": defs["endpoint_weakness_code"]["enum"],
        "CertificateSource": defs["certificate_result"]["properties"]["source"]["enum"],
        "CertificateProblemCode": defs["certificate_problem_code"]["enum"],
        "IntoleranceKind": defs["intolerance"]["properties"]["kind"]["enum"],
    }
    assert props["error"]["oneOf"][1]["properties"]["kind"]["enum"] == defs["failure_kind"]["enum"]
    for name, enum in pairs.items():
        assert list(get_args(getattr(_results_kinds, name))) == enum, name


def test_every_object_of_the_schema_has_its_type_with_the_same_fields(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    objects = {
        tlsready.Target: schema["properties"]["target"],
        tlsready.ScanError: schema["properties"]["error"]["oneOf"][1],
        tlsready.SessionFacts: schema["properties"]["session"],
        tlsready.SniFact: schema["properties"]["sni"],
        tlsready.ScanChecks: schema["properties"]["checks"],
        tlsready.Weakness: schema["properties"]["weaknesses"]["items"],
        tlsready.Intolerance: defs["intolerance"],
        tlsready.CipherSuite: defs["cipher_suite"],
        tlsready.Certificate: defs["certificate"],
        tlsready.CertificateResult: defs["certificate_result"],
        tlsready.CertificateProblem: defs["certificate_result"]["properties"]["problems"]["items"],
        tlsready.CheckOutcome: defs["check"],
        tlsready.Refusal: defs["refusal"],
    }
    for kind, definition in objects.items():
        assert [f.name for f in dataclasses.fields(kind)] == definition["required"], kind.__name__
    renamed = {"endpoint": "target", "suites": "cipher_suites"}  # "target" and "cipher_suites" kept their old meaning
    endpoint_fields = [renamed.get(f.name, f.name) for f in dataclasses.fields(tlsready.EndpointResult)]
    assert sorted(endpoint_fields) == sorted(schema["properties"])
    protocol_fields = [renamed.get(f.name, f.name) for f in dataclasses.fields(tlsready.ProtocolSupport)]
    optional = [name for name in defs["protocol"]["properties"] if name not in defs["protocol"]["required"]]
    assert protocol_fields == defs["protocol"]["required"] + optional + [f"recorded_{name}" for name in optional]


def check_round_trip(document: dict[str, Any], schema: dict[str, Any]) -> tlsready.EndpointResult:
    result = tlsready.EndpointResult.from_dict(document)
    assert result.to_dict() == document
    assert json.loads(result.to_json()) == document
    assert result.raw == document
    jsonschema.validate(result.to_dict(), schema)
    again = tlsready.EndpointResult.from_json(json.dumps(document))
    assert again == result and hash(again) == hash(result)
    assert pickle.loads(pickle.dumps(result)) == result
    assert dataclasses.replace(result, connections=result.connections + 1) != result
    return result


def test_every_lab_document_round_trips_exactly(lab_documents: list[dict[str, Any]], schema: dict[str, Any]) -> None:
    for document in lab_documents:
        jsonschema.validate(document, schema)
        check_round_trip(document, schema)


def test_every_saved_document_round_trips_exactly(schema: dict[str, Any]) -> None:
    documents = saved_documents()
    assert len(documents) >= 5
    assert any("sni" not in document for document in documents)  # one written before the SNI fact
    for document in documents:
        jsonschema.validate(document, schema)
        result = check_round_trip(document, schema)
        assert (result.sni is None) == ("sni" not in document)


def test_the_hand_made_documents_round_trip(schema: dict[str, Any]) -> None:
    from scan_documents import failed_endpoint, legacy_endpoint, modern_endpoint

    for result in (legacy_endpoint(), modern_endpoint(), failed_endpoint(1003, "connection_refused")):
        check_round_trip(result.to_dict(), schema)


def test_the_scan_gives_the_typed_result_of_the_native_document(lab: dict[str, Any],
                                                                lab_documents: list[dict[str, Any]]) -> None:
    results = tlsready.scan(lab_targets(lab), timeout=3, ca_file=lab["ca_file"])
    assert isinstance(results, tlsready.ScanResults) and len(results) == len(lab_documents)
    for result, document in zip(results, lab_documents):
        assert result.endpoint == tlsready.Target.from_dict(document["target"])
        # the same endpoint scanned twice: the versions agree (the timing does not)
        assert result.accepted_versions == tuple(p["version"] for p in document["protocols"] if p["accepted"])


def by_name(lab: dict[str, Any], lab_documents: list[dict[str, Any]], name: str) -> tlsready.EndpointResult:
    for item, document in zip(lab["endpoints"], lab_documents):
        if item["name"] == name:
            return tlsready.EndpointResult.from_dict(document)
    raise KeyError(name)


def test_suites_carry_the_registry_metadata(lab: dict[str, Any], lab_documents: list[dict[str, Any]]) -> None:
    result = by_name(lab, lab_documents, "tls10_legacy_3des_rc4")
    tls10 = result.protocol("TLSv1.0")
    assert tls10 is not None and tls10.accepted
    triple_des = next(s for s in tls10.suites if s.code == "0x000A")
    assert triple_des == tlsready.CipherSuite(
        code="0x000A", name="TLS_RSA_WITH_3DES_EDE_CBC_SHA", openssl_name="DES-CBC3-SHA", key_exchange="RSA",
        authentication="RSA", cipher=triple_des.cipher, bits=triple_des.bits, mac="SHA1", weak=True,
        forward_secret=False, weaknesses=triple_des.weaknesses, protocols=triple_des.protocols)
    assert triple_des.code_point == 0x000A and triple_des.bits == 112
    assert set(triple_des.weaknesses) >= {"triple_des", "rsa_key_transport", "cbc_sha1"}
    assert "TLSv1.0" in triple_des.protocols
    assert tls10.cipher_suites == tuple(s.name for s in tls10.suites)  # the names, as before
    assert tls10.suite_weaknesses["TLS_RSA_WITH_3DES_EDE_CBC_SHA"] == triple_des.weaknesses
    assert triple_des in result.cipher_suites
    assert repr(triple_des).startswith("CipherSuite(0x000A TLS_RSA_WITH_3DES_EDE_CBC_SHA, 112 bits")
    refused = next(p for p in result.protocols if not p.accepted)
    assert isinstance(refused.refusal, tlsready.Refusal) and refused.refusal_kind == refused.refusal.kind
    assert repr(refused).startswith(f"ProtocolSupport({refused.version}, refused")


def test_the_chain_and_its_verdicts_are_typed(lab: dict[str, Any], lab_documents: list[dict[str, Any]]) -> None:
    result = by_name(lab, lab_documents, "expired_cert")
    certificate = result.certificate
    assert isinstance(certificate, tlsready.CertificateResult) and certificate.chain
    leaf = certificate.chain[0]
    assert isinstance(leaf, tlsready.Certificate) and certificate.leaf == leaf
    assert certificate.subject == leaf.subject and certificate.key_bits == leaf.key_bits  # the old summary's names
    assert certificate.expired and "expired" in certificate.problem_codes
    assert certificate.days_until_expiry < 0
    assert len(leaf.sha256_fingerprint) >= 64 and leaf.not_before and leaf.not_after
    assert tlsready.CertificateSummary is tlsready.CertificateResult
    assert "CertificateResult(" in repr(certificate) and "expired" in repr(certificate)


def test_checks_session_and_sni_facts(lab: dict[str, Any], lab_documents: list[dict[str, Any]]) -> None:
    result = by_name(lab, lab_documents, "tls13_only")
    assert isinstance(result.checks, ScanChecks)
    assert result.checks["certificate"] is result.checks.certificate and dict(result.checks.items()).keys() == {
        "certificate", "session", "groups"}
    assert all(check.completed for check in result.checks.values())
    assert isinstance(result.session, tlsready.SessionFacts) and result.session.extended_master_secret is True
    assert isinstance(result.sni, tlsready.SniFact)
    assert result.accepted_versions == ("TLSv1.3",) and result.ok and result.error is None
    assert repr(result) == f"EndpointResult({result.target}, versions=['TLSv1.3'])"


def test_an_error_result_is_typed(lab: dict[str, Any], lab_documents: list[dict[str, Any]]) -> None:
    result = by_name(lab, lab_documents, "hostile_refused")
    assert not result.ok and isinstance(result.error, tlsready.ScanError)
    assert result.error_kind == result.error.kind and result.error_message == result.error.message
    assert f"error={result.error_kind!r}" in repr(result)


def test_results_are_frozen(lab: dict[str, Any], lab_documents: list[dict[str, Any]]) -> None:
    result = by_name(lab, lab_documents, "tls13_only")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.connections = 0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.protocols[0].accepted = False  # type: ignore[misc]
    assert isinstance(result.protocols, tuple) and isinstance(result.protocols[0].suites, tuple)


def good_document() -> dict[str, Any]:
    from scan_documents import legacy_endpoint

    return legacy_endpoint().to_dict()


@pytest.mark.parametrize("change, path", [
    (lambda d: d.pop("session"), r"\(top\): missing session"),
    (lambda d: d.update(extra=1), r"\(top\): unknown field\(s\) extra"),
    (lambda d: d.update(connections="3"), r"connections: expected an integer, got '3'"),
    (lambda d: d.update(connections=True), r"connections: expected an integer, got True"),
    (lambda d: d["protocols"][0]["cipher_suites"][0].update(bits="x"),
     r"protocols\[0\]\.cipher_suites\[0\]\.bits: expected an integer or null"),
    (lambda d: d["protocols"][2]["refusal"].update(kind="eaten"), r"protocols\[2\]\.refusal\.kind: 'eaten' is not"),
    (lambda d: d["weaknesses"][0].update(code="bad_vibes"), r"weaknesses\[0\]\.code: 'bad_vibes'"),
    (lambda d: d.update(status="error"), r"status: 'error' does not agree with error \(null\)"),
    (lambda d: d.update(schema_version="1.0"), r"schema_version: this build reads"),
    (lambda d: d["target"].pop("starttls"), r"target: missing starttls"),
    (lambda d: d.update(protocols={}), r"protocols: expected an array"),
])
def test_a_document_that_does_not_match_names_the_field(change: Any, path: str) -> None:
    document = good_document()
    change(document)
    with pytest.raises(tlsready.ResultFormatError, match="scan document: " + path) as caught:
        tlsready.EndpointResult.from_dict(document)
    assert isinstance(caught.value, tlsready.InvalidArgumentError) and isinstance(caught.value, tlsready.Error)


def test_a_result_is_made_from_a_document_or_from_its_fields() -> None:
    result = tlsready.EndpointResult(good_document())
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    assert tlsready.EndpointResult(**fields) == result
    with pytest.raises(TypeError, match="missing"):
        tlsready.EndpointResult(schema_version="2.0")
    with pytest.raises(TypeError, match="not both"):
        tlsready.EndpointResult(good_document(), status="ok")


def test_a_target_reads_back_as_the_text_it_names() -> None:
    assert str(tlsready.Target("::1", 8443)) == "[::1]:8443"
    assert str(tlsready.Target("127.0.0.1", 25, "mail.test", "smtp")) == "127.0.0.1:25"
    with pytest.raises(tlsready.ResultFormatError, match=r"target.starttls: 'gopher' is not one of"):
        tlsready.Target.from_dict({"host": "h", "port": 1, "sni": None, "starttls": "gopher"})
