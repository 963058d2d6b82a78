"""`tlsready listen` and `tlsready.listen`: real openssl clients against the capture listener on 127.0.0.1
(ephemeral ports), the events checked against the schema, the summary, Ctrl-C and bad options."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tlsready

ROOT = Path(__file__).resolve().parents[2]
OPENSSL = "/usr/bin/openssl"
LEGACY = ["-cipher", "DEFAULT:@SECLEVEL=0"]


def event_schema() -> dict[str, Any]:
    return json.loads((ROOT / "native" / "schema" / "tls-use-event.schema.json").read_text())


def openssl(port: int, *flags: str) -> None:
    subprocess.run([OPENSSL, "s_client", "-connect", f"127.0.0.1:{port}", *flags], stdin=subprocess.DEVNULL,
                   capture_output=True, timeout=15, check=False)


def start_cli(*args: str) -> tuple[subprocess.Popen[str], int]:
    """`tlsready listen --port 0 ARGS` with Ctrl-C deliverable; returns it and the port from its first stderr line."""
    process = subprocess.Popen([sys.executable, "-m", "tlsready", "listen", "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stderr is not None
    first = process.stderr.readline()
    assert first.startswith("listening on 127.0.0.1:"), first
    return process, int(first.strip().rsplit(":", 1)[1])


def test_cli_streams_one_schema_valid_event_per_hello_and_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "hellos.jsonl"
    process, port = start_cli("--count", "3", "-o", str(out), "--json")
    openssl(port, "-tls1", *LEGACY)
    openssl(port, "-tls1_2", "-servername", "client.test")
    openssl(port, "-tls1_1", "-fallback_scsv", *LEGACY)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 1, stderr  # a client offered at best TLS 1.0
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(events) == 3
    schema = event_schema()
    for number, event in enumerate(events, start=1):
        jsonschema.validate(event, schema)
        assert event["source"] == {"format": "listen", "file": f"listen:127.0.0.1:{port}", "line": number}
        assert event["client_address"] == "127.0.0.1"
        assert event["server_port"] == port
    assert [event["protocol"] for event in events] == ["TLSv1.0", "TLSv1.2", "TLSv1.1"]
    assert events[0]["client_hello"]["ja4"].startswith("t10")
    assert events[1]["client_hello"]["ja4"].startswith("t12d")
    assert events[1]["client_hello"]["sni"] == "client.test"
    assert [event["legacy_protocol"] for event in events] == [True, False, False]
    assert events[2]["client_hello"]["fallback_retry"] is True
    summary = json.loads(stdout)
    assert summary["totals"]["uses"] == 3
    assert summary["totals"]["legacy_uses"] == 1  # the fallback retry is not legacy use
    assert summary["sources"][0]["format"] == "listen"
    assert "3 hello(s) recorded" in stderr


def test_cli_ctrl_c_stops_cleanly_with_the_summary() -> None:
    process, port = start_cli()
    openssl(port, "-tls1_3")
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr  # only TLS 1.3: no legacy use
    assert len(stdout.splitlines()) == 1 and json.loads(stdout)["protocol"] == "TLSv1.3"
    assert "1 TLS uses" in stderr and "No client used TLS older than 1.2." in stderr
    assert "Traceback" not in stderr


def test_cli_bad_bind_address_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "tlsready", "listen", "--port", "0", "--bind", "localhost"],
                          capture_output=True, text=True, timeout=20, check=False)
    assert done.returncode == 2
    assert "\"localhost\"" in done.stderr and "numeric" in done.stderr


def test_listen_api_with_starttls_smtp_and_callbacks() -> None:
    events: list[dict[str, Any]] = []
    clients: list[threading.Thread] = []

    def on_listening(address: str, port: int) -> None:
        assert address == "127.0.0.1"
        client = threading.Thread(target=openssl, args=(port, "-tls1_2", "-starttls", "smtp"))
        client.start()
        clients.append(client)

    report = tlsready.listen(0, starttls="smtp", count=1, on_event=events.append, on_listening=on_listening)
    for client in clients:
        client.join()
    assert isinstance(report, tlsready.LegacyClients)
    assert report.uses == 1 and report.legacy_uses == 0
    assert len(events) == 1
    assert events[0]["resource"] == "smtp"
    assert events[0]["client_name"]  # the name from the client's EHLO
    assert events[0]["client_hello"]["ja4"].startswith("t12i")  # no SNI: "i"


def test_listen_api_duration_stops_and_options_are_checked() -> None:
    start = time.monotonic()
    report = tlsready.listen(0, duration=0.3)
    assert time.monotonic() - start < 2
    assert report.uses == 0 and report.sources[0]["read"]["lines"] == 0
    with pytest.raises(tlsready.InvalidArgumentError, match="port"):
        tlsready.listen(70000)
    with pytest.raises(tlsready.InvalidArgumentError, match="starttls"):
        tlsready.listen(0, starttls="ftp")
    with pytest.raises(tlsready.InvalidArgumentError, match="count"):
        tlsready.listen(0, count=0)
    with pytest.raises(tlsready.InvalidArgumentError, match="192.0.2.1"):
        tlsready.listen(0, bind="192.0.2.1")  # RFC 5737: not an address of this machine


def test_listen_api_callback_exception_propagates() -> None:
    def on_listening(address: str, port: int) -> None:
        threading.Thread(target=openssl, args=(port, "-tls1_3")).start()

    def on_event(event: dict[str, Any]) -> None:
        raise LookupError("stop here")

    with pytest.raises(LookupError, match="stop here"):
        tlsready.listen(0, on_event=on_event, on_listening=on_listening, duration=10)


@pytest.mark.skipif(not os.path.exists(OPENSSL), reason="openssl")
def test_listen_is_in_the_package_names() -> None:
    assert "listen" in tlsready.__all__ and "ListenInterruptedError" in tlsready.__all__
    assert issubclass(tlsready.ListenInterruptedError, KeyboardInterrupt)
