"""Who still uses TLS 1.0/1.1, from server logs: tlsready.legacy_clients and `tlsready clients LOGS`, on the
IIS sample in tests/data/logs (events and summary against their schemas, the CLI's text, JSON, events and exit
codes, and bad inputs with a clear message and no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import tlsready
from conftest import ROOT, run_cli

IIS_SAMPLE = ROOT / "tests" / "data" / "logs" / "iis" / "W3SVC1" / "u_ex261130_x.log"
SCHEMAS = ROOT / "native" / "schema"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def test_legacy_clients_of_the_iis_sample() -> None:
    events: list[dict] = []
    report = tlsready.legacy_clients(IIS_SAMPLE, on_event=events.append)
    assert report.uses == 6
    assert report.legacy_uses == 3
    assert report.protocols == {"TLSv1.0": 2, "TLSv1.1": 1, "TLSv1.2": 1, "TLSv1.3": 1, "unknown": 1}
    top = report.clients[0]
    assert top["client_address"] == "198.51.100.23"
    assert top["user_agent"] == "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"
    assert top["legacy_uses"] == 2
    assert report.sources[0]["format"] == "iis"
    assert report.sources[0]["read"]["malformed_lines"] == [15, 17]
    assert len(events) == 6
    assert events[0]["protocol"] == "TLSv1.0" and events[0]["source"]["line"] == 5
    jsonschema.validate(report.raw, schema("legacy-clients.schema.json"))
    event_schema = schema("tls-use-event.schema.json")
    for event in events:
        jsonschema.validate(event, event_schema)


def test_detect_log_format_and_formats() -> None:
    assert "iis" in tlsready.log_formats()
    assert tlsready.detect_log_format(IIS_SAMPLE) == "iis"


def test_legacy_clients_to_frame() -> None:
    pandas = pytest.importorskip("pandas")
    frame = tlsready.legacy_clients([IIS_SAMPLE]).to_frame("clients")
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["client_address"])[:2] == ["198.51.100.23", "198.51.100.40"]
    assert frame["TLSv1.0"].iloc[0] == 2
    days = tlsready.legacy_clients([IIS_SAMPLE]).to_frame("days")
    assert list(days["day"]) == ["2026-11-30"]


@pytest.mark.parametrize("call, message", [
    (lambda tmp: tlsready.legacy_clients(tmp / "missing.log"), "cannot be opened"),
    (lambda tmp: tlsready.legacy_clients(IIS_SAMPLE, format="squid"), "log format 'squid': unknown"),
    (lambda tmp: tlsready.legacy_clients([]), "no log files"),
    (lambda tmp: tlsready.legacy_clients(IIS_SAMPLE, limit=-1), "limit must be"),
])
def test_legacy_clients_bad_inputs_name_the_input(tmp_path: Path, call, message: str) -> None:
    with pytest.raises(tlsready.InvalidArgumentError, match=message):
        call(tmp_path)


def test_unrecognised_and_binary_files_are_named(tmp_path: Path) -> None:
    binary = tmp_path / "dump.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(tlsready.InvalidArgumentError, match="dump.bin.*format not recognised"):
        tlsready.legacy_clients(binary)
    # Read as IIS on request: nothing understood, every line counted as malformed, no exception.
    report = tlsready.legacy_clients(binary, format="iis")
    assert report.uses == 0 and report.sources[0]["read"]["malformed"] > 0


def test_on_event_exception_stops_and_propagates() -> None:
    class Stop(Exception):
        pass

    def stop(event: dict) -> None:
        raise Stop()

    with pytest.raises(Stop):
        tlsready.legacy_clients(IIS_SAMPLE, on_event=stop)


def test_cli_clients_reads_logs_as_text() -> None:
    result = run_cli("clients", str(IIS_SAMPLE))
    assert result.returncode == 1, result.stderr  # legacy uses found: findings
    assert "6 TLS uses in 1 file(s), 3 with TLS older than 1.2" in result.stdout
    assert "198.51.100.23  Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)" in result.stdout
    assert "2 malformed (lines 15, 17)" in result.stdout
    assert "last line cut off" in result.stdout


def test_cli_clients_logs_json_and_events() -> None:
    result = run_cli("clients", "--json", "--format", "iis", str(IIS_SAMPLE))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema("legacy-clients.schema.json"))
    events = run_cli("clients", "--events", str(IIS_SAMPLE))
    assert events.returncode == 0
    lines = [json.loads(line) for line in events.stdout.splitlines()]
    assert [event["protocol"] for event in lines] == ["TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.0", "TLSv1.3", None]


def test_cli_clients_logs_without_legacy_use_exits_0(tmp_path: Path) -> None:
    log = tmp_path / "u_ex261201_x.log"
    log.write_text("#Software: Microsoft Internet Information Services 10.0\n"
                   "#Fields: date time c-ip cs(User-Agent) crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\n"
                   "2026-12-01 10:00:00 198.51.100.9 Edge 400 6610 0 ae06\n")
    result = run_cli("clients", str(log))
    assert result.returncode == 0, result.stderr
    assert "No client used TLS older than 1.2." in result.stdout


def test_cli_clients_logs_bad_input_exits_2_without_traceback(tmp_path: Path) -> None:
    result = run_cli("clients", "--format", "squid", str(IIS_SAMPLE))
    assert result.returncode == 2
    assert "unknown" in result.stderr and "Traceback" not in result.stderr
    missing = run_cli("clients", "--format", "iis", str(tmp_path / "nope.log"))
    assert missing.returncode == 2 and "cannot be opened" in missing.stderr and "Traceback" not in missing.stderr


EXCHANGE = ROOT / "tests" / "data" / "logs" / "exchange"


def test_exchange_receive_and_send_logs_together() -> None:
    events: list[dict] = []
    report = tlsready.legacy_clients([EXCHANGE / "RECV2026113008-1.LOG", EXCHANGE / "SEND2026113008-1.LOG"],
                                     on_event=events.append)
    assert [source["format"] for source in report.sources] == ["exchange-smtp", "exchange-smtp"]
    assert report.uses == 4 and report.legacy_uses == 3
    names = {client["client_name"] for client in report.clients}
    assert names == {"printer01.contoso.example", "LAPTOP-7", "EX01.contoso.example"}
    assert {event["source"]["format"] for event in events} == {"exchange-smtp"}
    for event in events:
        jsonschema.validate(event, schema("tls-use-event.schema.json"))
    jsonschema.validate(report.raw, schema("legacy-clients.schema.json"))
    assert any(user["user"] == "CONTOSO\\carol" for user in report.users)


def test_cli_clients_mixes_iis_and_exchange_logs() -> None:
    result = run_cli("clients", str(IIS_SAMPLE), str(EXCHANGE / "RECV2026113008-1.LOG"))
    assert result.returncode == 1, result.stderr
    assert "in 2 file(s)" in result.stdout
    assert "[exchange-smtp]" in result.stdout and "[iis]" in result.stdout
    assert "printer01.contoso.example" in result.stdout
