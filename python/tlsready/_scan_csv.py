"""`tlsready scan --csv`: one row per endpoint, as each finishes, for spreadsheets.

RFC 4180 (comma, CRLF, fields with a comma, quote or line break quoted, quotes doubled) in UTF-8, which
Excel opens; lists inside a field are space-separated. The columns, in order (documented in README):
target, host, port, status (ok/error), error_kind, error_message, versions (accepted, lowest first),
weaknesses (codes), certificate_subject, certificate_not_after, certificate_trusted,
certificate_hostname_matches, connections, elapsed_ms. Empty when not known."""

from __future__ import annotations

import csv
import io
from typing import Any

from tlsready._results import EndpointResult

COLUMNS = ("target", "host", "port", "status", "error_kind", "error_message", "versions", "weaknesses",
           "certificate_subject", "certificate_not_after", "certificate_trusted",
           "certificate_hostname_matches", "connections", "elapsed_ms")


def _line(values: Any) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def csv_header() -> str:
    return _line(COLUMNS)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def csv_row(result: EndpointResult) -> str:
    certificate = result.certificate
    return _line([
        result.target, result.raw["target"]["host"], result.raw["target"]["port"],
        "ok" if result.ok else "error", result.error_kind or "", result.error_message or "",
        " ".join(result.accepted_versions), " ".join(result.weakness_codes),
        certificate.subject if certificate else "", certificate.not_after if certificate else "",
        _flag(certificate.trusted) if certificate else "", _flag(certificate.hostname_matches) if certificate else "",
        result.connections, f"{result.elapsed_ms:.0f}",
    ])
