#!/usr/bin/env python3
"""The legacy-clients documents that crossed the C ABI are the schemas' documents.

    check_legacy_documents.py SOURCE_DIR OUT_DIR

OUT_DIR is where tlsr_legacy_test wrote what it sent and got: legacy_request.json (against
legacy-clients-request.schema.json), legacy_events.jsonl (one tls-use-event document per line) and
legacy_clients.json (legacy-clients.schema.json), and the events agree with the summary's totals.
"""
import json
import sys
from pathlib import Path

import jsonschema


def validator(source: Path, name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((source / "native" / "schema" / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def main() -> int:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    request = json.loads((out / "legacy_request.json").read_text())
    validator(source, "legacy-clients-request.schema.json").validate(request)
    events = [json.loads(line) for line in (out / "legacy_events.jsonl").read_text().splitlines()]
    event_schema = validator(source, "tls-use-event.schema.json")
    for event in events:
        event_schema.validate(event)
    summary = json.loads((out / "legacy_clients.json").read_text())
    validator(source, "legacy-clients.schema.json").validate(summary)
    if summary["totals"]["uses"] != len(events):
        print(f"totals.uses {summary['totals']['uses']} but {len(events)} events")
        return 1
    legacy = sum(1 for event in events if event["legacy_protocol"])
    if summary["totals"]["legacy_uses"] != legacy:
        print(f"totals.legacy_uses {summary['totals']['legacy_uses']} but {legacy} legacy events")
        return 1
    print(f"valid: legacy_request.json, {len(events)} events, legacy_clients.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
