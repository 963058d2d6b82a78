"""Windows SCHANNEL events (36880/36874/36888, format "schannel-events") through tlsready.legacy_clients and
`tlsready clients FILE --format schannel-events`: the samples in tests/data/logs/schannel (wevtutil's stream of
events, Event Viewer's saved XML, PowerShell's UTF-16 ToXml), events and summary against their schemas."""

from __future__ import annotations

import json

import jsonschema

import tlsready
from conftest import ROOT, run_cli

SAMPLES = ROOT / "tests" / "data" / "logs" / "schannel"
SCHEMAS = ROOT / "native" / "schema"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def test_legacy_clients_of_schannel_events() -> None:
    events: list[dict] = []
    files = [SAMPLES / "wevtutil_system.xml", SAMPLES / "eventviewer_saved.xml", SAMPLES / "get_winevent_toxml_utf16.xml"]
    report = tlsready.legacy_clients(files, format="schannel-events", on_event=events.append)
    assert "schannel-events" in tlsready.log_formats()
    assert report.uses == 10
    assert report.legacy_uses == 6
    assert report.protocols == {"TLSv1.0": 4, "TLSv1.1": 2, "TLSv1.2": 1, "TLSv1.3": 1, "unknown": 2}
    inbound = report.clients[0]
    assert inbound["client_address"] is None  # SCHANNEL does not say who
    assert inbound["servers"]["names"] == ["DC01.contoso.example", "EX01.contoso.example", "WEB01.contoso.example"]
    assert report.clients[1]["client_name"] == "WEB01.contoso.example"  # an outbound TLS 1.1 handshake
    assert [source["format"] for source in report.sources] == ["schannel-events"] * 3
    assert report.sources[0]["read"]["malformed_lines"] == [2]  # the cut last event
    assert report.sources[0]["read"]["unterminated_last_line"] is True
    assert {event["resource"] for event in events} == {"handshake", "no common suite", "alert 70"}
    assert events[0]["protocol"] == "TLSv1.0" and events[0]["cipher"] == "AES-256"
    jsonschema.validate(report.raw, schema("legacy-clients.schema.json"))
    event_schema = schema("tls-use-event.schema.json")
    for event in events:
        jsonschema.validate(event, event_schema)
    assert tlsready.detect_log_format(SAMPLES / "get_winevent_toxml_utf16.xml") == "schannel-events"


def test_cli_clients_reads_schannel_events() -> None:
    result = run_cli("clients", "--format", "schannel-events", str(SAMPLES / "wevtutil_system.xml"))
    assert result.returncode == 1, result.stderr  # legacy uses found
    assert "5 TLS uses in 1 file(s), 3 with TLS older than 1.2" in result.stdout
    auto = run_cli("clients", "--json", str(SAMPLES / "eventviewer_saved.xml"))
    assert auto.returncode == 1, auto.stderr
    document = json.loads(auto.stdout)
    jsonschema.validate(document, schema("legacy-clients.schema.json"))
    assert document["sources"][0]["format"] == "schannel-events"
