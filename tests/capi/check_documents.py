#!/usr/bin/env python3
"""The documents that crossed the C ABI are the schemas' documents.

    check_documents.py SOURCE_DIR OUT_DIR

OUT_DIR is where tlsr_c_test wrote what the library handed out: registry lookups, local-policy
reports, and (lab run) results.jsonl and the request it sent (request.json). Each is validated
against its schema in native/schema/; a cipher suite against endpoint-scan's $defs/cipher_suite.
"""
import json
import sys
from pathlib import Path

import jsonschema


def schema(source: Path, name: str) -> dict:
    return json.loads((source / "native" / "schema" / name).read_text())


def validate(document: object, against: dict, what: str) -> None:
    jsonschema.Draft202012Validator.check_schema(against)
    jsonschema.Draft202012Validator(against).validate(document)
    print(f"valid: {what}")


def suite_schema(source: Path, **top: object) -> dict:
    """endpoint-scan's $defs/cipher_suite (or, with `top`, a schema over it) as a schema of its own."""
    scan = schema(source, "endpoint-scan.schema.json")
    return {"$schema": scan["$schema"], "$defs": scan["$defs"], **(top or {"$ref": "#/$defs/cipher_suite"})}


def check(source: Path, out: Path) -> int:
    documents = 0
    suite = suite_schema(source)
    for name in ("suite_0x1301.json",):
        validate(json.loads((out / name).read_text()), suite, name)
        documents += 1
    suites = json.loads((out / "cipher_suites.json").read_text())
    validate(suites, suite_schema(source, type="array", items={"$ref": "#/$defs/cipher_suite"}, minItems=300),
             "cipher_suites.json")
    for name in ("group_x25519.json", "groups.json"):
        validate(json.loads((out / name).read_text()), schema(source, "registry.schema.json"), name)
        documents += 1
    for name in ("policy_win7.json", "policy_debian12.json"):
        validate(json.loads((out / name).read_text()), schema(source, "local-policy.schema.json"), name)
        documents += 1
    validate(json.loads((out / "verdict_refused_m365.json").read_text()), schema(source, "verdict.schema.json"),
             "verdict_refused_m365.json")
    documents += 1
    for name in ("verdict_clients_tls13_only_m365.json", "verdict_clients_simulated_tls13_only_m365.json"):
        if (out / name).exists():  # the lab run's (tlsr_verdict_clients)
            validate(json.loads((out / name).read_text()), schema(source, "verdict.schema.json"), name)
            documents += 1
    validate(json.loads((out / "machine_reach_win7_m365.json").read_text()),
             schema(source, "machine-reach.schema.json"), "machine_reach_win7_m365.json")
    documents += 1
    request = out / "request.json"
    if request.exists():
        validate(json.loads(request.read_text()), schema(source, "scan-request.schema.json"), "request.json")
        scan = schema(source, "endpoint-scan.schema.json")
        for line in (out / "results.jsonl").read_text().splitlines():
            index, document = line.split("\t", 1)
            validate(json.loads(document), scan, f"result {index}")
            documents += 1
    cancelled = out / "simulation_cancelled.json"  # with --cancel-target: the cancelled simulation
    if cancelled.exists():
        validate(json.loads(cancelled.read_text()), schema(source, "client-impact.schema.json"), cancelled.name)
        documents += 1
    print(f"{documents + 2} documents valid")
    return 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]), Path(sys.argv[2])))
