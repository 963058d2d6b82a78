"""Who still uses TLS 1.0/1.1, from the text logs of nginx, Apache, HAProxy, Postfix and Dovecot: for each format,
tlsready.legacy_clients (events and summary against their schemas) and `tlsready clients --format ...` (the text
report, JSON and exit code), over the samples in tests/data/logs; and bad format strings named without a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest

import tlsready
from conftest import ROOT

LOGS = ROOT / "tests" / "data" / "logs"
SCHEMAS = ROOT / "native" / "schema"
NGINX_FORMAT = ('nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                '"$http_referer" "$http_user_agent" $ssl_protocol $ssl_cipher $ssl_server_name')
APACHE_FORMAT = ('apache:%h %l %u %t "%r" %>s %b "%{User-Agent}i" %{SSL_PROTOCOL}x %{SSL_CIPHER}x %v %p')
HAPROXY_FORMAT = "haproxy:%ci:%cp [%tr] %ft %b/%s %ST %B %sslv %sslc %{+Q}r"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def syslog_copy(tmp_path: Path, source: Path) -> Path:
    """A copy last written on 2026-12-03, so that the year-less syslog stamps are read as 2026 whatever today is."""
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    stamp = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc).timestamp()
    os.utime(copy, (stamp, stamp))
    return copy


def read(path: Path, fmt: str) -> tuple[tlsready.LegacyClients, list[dict]]:
    events: list[dict] = []
    report = tlsready.legacy_clients(path, format=fmt, on_event=events.append)
    event_schema = schema("tls-use-event.schema.json")
    for event in events:
        jsonschema.validate(event, event_schema)
        assert event["schema_version"] == "1.1"
    jsonschema.validate(report.raw, schema("legacy-clients.schema.json"))
    return report, events


@pytest.mark.parametrize("sample, fmt, uses, legacy, first", [
    ("nginx/access.log", NGINX_FORMAT, 6, 3,
     {"client_address": "198.51.100.23", "protocol": "TLSv1.0", "suite": "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
      "cipher": "AES-256", "hash": "SHA1", "key_exchange": "ECDHE", "time": "2026-11-30T08:15:02Z",
      "site": "www.example.com", "resource": "/owa/auth.owa"}),
    ("apache/ssl_request_log", "apache", 5, 3,
     {"client_address": "198.51.100.23", "protocol": "TLSv1.0", "protocol_raw": "TLSv1",
      "suite": "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "time": "2026-11-30T08:15:02Z"}),
    ("apache/ssl_combined.log", APACHE_FORMAT, 3, 2,
     {"client_address": "198.51.100.23", "user": "bob", "site": "mail.example.com", "server_port": 443,
      "suite": "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "key_exchange": "DHE"}),
    ("haproxy/haproxy.log", HAPROXY_FORMAT, 4, 2,
     {"client_address": "198.51.100.23", "client_port": 50211, "site": "fe_https", "server": "lb1",
      "protocol": "TLSv1.0"}),
])
def test_web_and_proxy_logs_in_their_format(sample: str, fmt: str, uses: int, legacy: int, first: dict) -> None:
    report, events = read(LOGS / sample, fmt)
    assert report.uses == uses and report.legacy_uses == legacy
    assert report.sources[0]["format"] == fmt.split(":")[0]
    assert {event["source"]["format"] for event in events} == {fmt.split(":")[0]}
    for key, value in first.items():
        assert events[0][key] == value, key
    assert report.clients[0]["legacy_uses"] >= 1


def test_nginx_format_from_nginx_conf() -> None:
    report, events = read(LOGS / "nginx" / "tls.log", f"nginx:@{LOGS / 'nginx' / 'nginx.conf'}:tls")
    assert [event["offered_tls12_suites"] for event in events] == [True, False]
    assert report.sources[0]["read"]["plain"] == 1


def test_postfix_and_dovecot_syslog(tmp_path: Path) -> None:
    report, events = read(syslog_copy(tmp_path, LOGS / "postfix" / "mail.log"), "postfix")
    assert report.uses == 7
    assert events[0]["time"] == "2026-11-30T08:15:02Z" and events[0]["resource"] == "smtp-receive"
    assert events[2]["client_name"] == "mx1" and events[2]["server"] == "203.0.113.5"
    assert report.sources[0]["read"]["malformed_lines"] == [7, 8, 12]

    report, events = read(syslog_copy(tmp_path, LOGS / "dovecot" / "mail.log"), "dovecot")
    assert events[0]["protocol"] is None and events[0]["protocol_raw"] == "TLS" and events[0]["user"] == "alice"
    assert events[1]["protocol"] == "TLSv1.0" and events[1]["suite"] == "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"
    assert report.protocols["unknown"] == 2  # TLS without a version: counted apart, not as legacy
    assert report.legacy_uses == 2


def test_auto_recognises_postfix_dovecot_and_the_stock_apache_log(tmp_path: Path) -> None:
    assert tlsready.detect_log_format(LOGS / "postfix" / "mail.log") == "postfix"
    assert tlsready.detect_log_format(LOGS / "dovecot" / "mail.log") == "dovecot"
    assert tlsready.detect_log_format(LOGS / "apache" / "ssl_request_log") == "apache"
    for name in ("nginx", "apache", "haproxy", "postfix", "dovecot"):
        assert name in tlsready.log_formats()


@pytest.mark.parametrize("args, code, expected", [
    (["--format", NGINX_FORMAT, str(LOGS / "nginx" / "access.log")], 1,
     ["6 TLS uses in 1 file(s), 3 with TLS older than 1.2", "[nginx]", "2 malformed (lines 6, 9)",
      "198.51.100.23  Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"]),
    ([str(LOGS / "apache" / "ssl_request_log")], 1, ["5 TLS uses", "[apache]", "198.51.100.23"]),
    (["--format", APACHE_FORMAT, str(LOGS / "apache" / "ssl_combined.log")], 1, ["users: bob", "1 plain HTTP"]),
    (["--format", HAPROXY_FORMAT, str(LOGS / "haproxy" / "haproxy.log")], 1, ["[haproxy]", "By site: fe_https"]),
])
def test_cli_clients_reads_each_web_format(args: list[str], code: int, expected: list[str]) -> None:
    result = cli("clients", *args)
    assert result.returncode == code, result.stderr
    for text in expected:
        assert text in result.stdout, text


def test_cli_clients_reads_postfix_and_dovecot(tmp_path: Path) -> None:
    postfix = cli("clients", "--format", "postfix", "--json", str(syslog_copy(tmp_path, LOGS / "postfix" / "mail.log")))
    assert postfix.returncode == 1, postfix.stderr
    document = json.loads(postfix.stdout)
    jsonschema.validate(document, schema("legacy-clients.schema.json"))
    assert document["sources"][0]["format"] == "postfix"
    dovecot = cli("clients", str(syslog_copy(tmp_path, LOGS / "dovecot" / "mail.log")))  # recognised
    assert dovecot.returncode == 1, dovecot.stderr
    assert "[dovecot]" in dovecot.stdout
    assert "2 logins say only TLS, not which version (add %k" in dovecot.stdout
    events = cli("clients", "--events", "--format", "dovecot", str(LOGS / "dovecot" / "mail.log"))
    assert events.returncode == 0
    assert [json.loads(line)["protocol_raw"] for line in events.stdout.splitlines()][:2] == ["TLS", "TLSv1"]


@pytest.mark.parametrize("fmt, message", [
    ("nginx", "log format 'nginx': nginx logs in the format their log_format names"),
    ("nginx:$remote_addr $ssl_cipher", "the format logs no \\$ssl_protocol"),
    ("nginx:@/nonexistent/nginx.conf:main", "cannot be opened"),
    ("haproxy:%ci %[ssl_fc_sni", "without its ']'"),
    ("apache:%h %u", "no %\\{SSL_PROTOCOL\\}x"),
    ("postfix:x", "the postfix format takes no ':' part"),
])
def test_bad_format_strings_are_named(fmt: str, message: str) -> None:
    with pytest.raises(tlsready.InvalidArgumentError, match=message):
        tlsready.legacy_clients(LOGS / "nginx" / "access.log", format=fmt)
    result = cli("clients", "--format", fmt, str(LOGS / "nginx" / "access.log"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "log format" in result.stderr
