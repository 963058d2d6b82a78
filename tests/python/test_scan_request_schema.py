"""The scan requests the Python front sends are scan-request.schema.json documents.

The Python front passes the request's two members apart (targets JSON, options JSON) to
tlsready._native; the C ABI reads them as one document. Every request the API builds for the
target and option forms below is caught on its way to the native module and validated.
"""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tlsready
from tlsready import _native, _scan

from scan_documents import document

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "native" / "schema" / "scan-request.schema.json").read_text())


@pytest.fixture()
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    requests: list[dict[str, Any]] = []

    def capture(targets_json: str, options_json: str, on_result: Any) -> None:
        requests.append({"targets": json.loads(targets_json), "options": json.loads(options_json)})
        for index, _ in enumerate(requests[-1]["targets"]):  # a result each, as the engine gives
            on_result(index, json.dumps(document(1000 + index, [], [])))

    monkeypatch.setattr(_native, "scan_streaming", capture)
    monkeypatch.setattr(_scan._native, "scan_streaming", capture)
    return requests


@pytest.mark.parametrize("targets, options", [
    ("127.0.0.1:8443", {}),
    (["127.0.0.1:8443", "[::1]:8444", "localhost"], {"sni": "localhost", "starttls": "smtp"}),
    ([{"host": "127.0.0.1", "port": 25, "starttls": "smtp", "sni": "localhost"}], {"timeout": 3, "concurrency": 2}),
    (["127.0.0.1:8443"], {"endpoint_timeout": 60, "connections_per_endpoint": 2, "enumerate_groups": False,
                          "check_certificate": False, "use_system_trust_store": False}),
])
def test_python_requests_validate(sent: list[dict[str, Any]], targets: Any, options: dict[str, Any]) -> None:
    tlsready.scan(targets, **options)
    assert len(sent) == 1
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(sent[0])


def test_schema_refuses_what_the_core_refuses() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for bad in ({}, {"targets": "127.0.0.1:443"}, {"targets": [], "extra": 1},
                {"targets": [{"host": "127.0.0.1"}]}, {"targets": [], "options": {"timeout": 0}},
                {"targets": [], "options": {"concurrency": 5000}}, {"targets": [], "options": {"colour": True}}):
        assert not validator.is_valid(bad), bad
