"""Issue 10 accuracy: hello-shape intolerances and private-use suites reach the CLI table and
the JSON documents, which stay valid against the schema."""

from __future__ import annotations

import json

import jsonschema

from conftest import address, endpoint
from test_cli import run_cli


def test_cli_table_shows_a_hello_size_intolerance(lab):
    item = endpoint(lab, "hello_size_255")
    proc = run_cli("scan", address(item), "--sni", "localhost", "--timeout", "3", "--ca-file", lab["ca_file"])
    assert proc.returncode == 0, proc.stderr
    assert "TLSv1.2  yes" in proc.stdout
    assert "! intolerance hello_size (TLSv1.3, TLSv1.2)" in proc.stdout


def test_private_use_suite_is_reported_by_code_in_table_and_json(lab, schema):
    item = endpoint(lab, "private_suite")
    table = run_cli("scan", address(item), "--sni", "localhost", "--timeout", "3", "--ca-file", lab["ca_file"])
    assert table.returncode == 0, table.stderr
    assert "0xFF42 0xFF42" in table.stdout  # unknown name: the code stands in for it
    proc = run_cli("scan", address(item), "--json", "--sni", "localhost", "--timeout", "3")
    document = json.loads(proc.stdout.splitlines()[0])
    jsonschema.validate(document, schema)
    tls12 = next(p for p in document["protocols"] if p["version"] == "TLSv1.2")
    assert [s["code"] for s in tls12["cipher_suites"]] == ["0xFF42", "0x009C"]
    assert tls12["cipher_suites"][0]["openssl_name"] is None


def test_intolerance_documents_validate_against_the_schema(lab, schema):
    names = ["suite_count_wolfssl", "ext_status_request_close", "hello_size_255"]
    proc = run_cli("scan", *[address(endpoint(lab, n)) for n in names], "--json", "--timeout", "3",
                   "--sni", "localhost")
    documents = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(documents) == len(names)
    kinds = set()
    for document in documents:
        jsonschema.validate(document, schema)
        kinds.update(entry["kind"] for entry in document["intolerances"])
    assert kinds == {"suite_count", "extension", "hello_size"}
