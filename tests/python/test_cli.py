"""The tlsready console script: table and JSONL output, exit codes, streaming to a file."""

from __future__ import annotations

import json

import jsonschema

from conftest import address, endpoint, run_cli


def test_cli_table_names_versions_and_suites(lab):
    item = endpoint(lab, "tls12_13_server_pref")
    proc = run_cli("scan", address(item), "--sni", "localhost", "--timeout", "3", "--ca-file", lab["ca_file"])
    assert proc.returncode == 0, proc.stderr
    assert "TLSv1.2  yes  server order" in proc.stdout
    assert "TLSv1.0  no" in proc.stdout
    assert "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" in proc.stdout


def test_cli_json_lines_validate_against_the_schema(lab, schema):
    names = ["tls13_only", "tls10_legacy_3des_rc4", "hostile_silent", "expired_cert", "ipv6_tls12"]
    targets = [address(endpoint(lab, n)) for n in names]
    proc = run_cli("scan", *targets, "--json", "--timeout", "2", "--sni", "localhost", "--ca-file", lab["ca_file"])
    assert proc.returncode == 3, proc.stderr  # hostile_silent could not be scanned
    documents = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(documents) == len(names)
    for document in documents:
        jsonschema.validate(document, schema)
    by_port = {d["target"]["port"]: d for d in documents}
    assert by_port[endpoint(lab, "hostile_silent")["port"]]["error"]["kind"] == "timeout"


def test_cli_starttls_smtp(lab):
    item = endpoint(lab, "smtp_starttls")
    proc = run_cli("scan", address(item), "--starttls", "smtp", "--sni", "localhost", "--json", "--timeout", "3")
    assert proc.returncode == 0, proc.stderr + proc.stdout
    document = json.loads(proc.stdout)
    assert document["target"]["starttls"] == "smtp"
    assert any(p["accepted"] for p in document["protocols"])


def test_cli_output_file_keeps_every_finished_result(lab, tmp_path):
    out = tmp_path / "results.jsonl"
    targets = [address(endpoint(lab, n)) for n in ("hostile_refused", "hostile_garbage")]
    proc = run_cli("scan", *targets, "--json", "--timeout", "2", "-o", str(out))
    assert proc.returncode == 3
    lines = out.read_text().splitlines()
    assert sorted(json.loads(line)["error"]["kind"] for line in lines) == ["connection_refused", "not_tls"]


def test_cli_rejects_bad_target_with_exit_code_2():
    proc = run_cli("scan", "127.0.0.1:notaport")
    assert proc.returncode == 2
    assert "notaport" in proc.stderr
