"""Typed, frozen results of a scan (schema: native/schema/endpoint-scan.schema.json).

Every object of the scan document has its frozen dataclass, with equality, a readable ``repr`` and
``from_dict``/``to_dict`` that give back exactly the schema's JSON (``EndpointResult.from_dict(doc)
.to_dict() == doc`` for every valid document). The parts live in _results_facts.py (target, error,
checks, session, SNI, intolerances, weaknesses), _results_suites.py (protocols and cipher suites)
and _results_certificate.py (the chain and its verdicts); all are importable from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping, Optional

from tlsready._results_base import Reader, dumps
from tlsready._results_certificate import Certificate, CertificateProblem, CertificateResult, CertificateSummary
from tlsready._results_facts import (CheckOutcome, Intolerance, ScanChecks, ScanError, SessionFacts, SniFact, Target,
                                     Weakness)
from tlsready._results_kinds import STATUS, FailureKind, Status
from tlsready._results_suites import CipherSuite, ProtocolSupport, Refusal

if TYPE_CHECKING:
    from tlsready._clients import ClientImpact
    from tlsready._verdict import PolicyRef, Verdict

__all__ = ["Certificate", "CertificateProblem", "CertificateResult", "CertificateSummary", "CheckOutcome",
           "CipherSuite", "EndpointResult", "Intolerance", "ProtocolSupport", "Refusal", "ScanChecks", "ScanError",
           "SessionFacts", "SniFact", "Target", "Weakness"]

_REQUIRED = ("schema_version", "target", "address", "started_at", "elapsed_ms", "connections", "status", "error",
             "protocols", "certificate", "session", "checks", "intolerances", "notes", "weaknesses")


def _fields_of(document: Mapping[str, Any]) -> dict[str, Any]:
    # "sni" came later (schema 2.0 additive): documents written before it have none.
    r = Reader(document, "", _REQUIRED, ("sni",))
    if r.text("schema_version") != "2.0":
        r.fail(f"this build reads schema_version \"2.0\", got {document['schema_version']!r}", "schema_version")
    error = None if document["error"] is None else ScanError.from_dict(document["error"])
    status = r.choice("status", STATUS)
    if (status == "error") != (error is not None):
        r.fail(f"{status!r} does not agree with error ({'set' if error else 'null'})", "status")
    return {
        "schema_version": "2.0",
        "endpoint": Target.from_dict(document["target"]),
        "address": r.optional_text("address"),
        "started_at": r.text("started_at"),
        "elapsed_ms": r.number("elapsed_ms"),
        "connections": r.integer("connections"),
        "status": status,
        "error": error,
        "protocols": tuple(ProtocolSupport.from_dict(item, where) for where, item in r.items("protocols")),
        "certificate": None if document["certificate"] is None else CertificateResult.from_dict(
            document["certificate"]),
        "session": SessionFacts.from_dict(document["session"]),
        "sni": SniFact.from_dict(document["sni"]) if "sni" in document else None,
        "checks": ScanChecks.from_dict(document["checks"]),
        "intolerances": tuple(Intolerance.from_dict(item, where) for where, item in r.items("intolerances")),
        "notes": r.texts("notes"),
        "weaknesses": tuple(Weakness.from_dict(item, where) for where, item in r.items("weaknesses")),
    }


@dataclass(frozen=True, init=False)
class EndpointResult:
    """The scan of one endpoint, every field of its document typed.

    ``EndpointResult(document)`` or ``EndpointResult.from_dict(document)`` reads a scan document (a
    :class:`ResultFormatError` names the first field that does not match the schema);
    ``to_dict()``/``to_json()`` give it back. ``endpoint`` is the document's ``target`` object;
    ``target`` is its ``"host:port"`` text. ``raw`` is the document as a dict (read it, do not
    change it). ``sni`` is None for documents written before the SNI fact existed.
    """

    schema_version: str
    endpoint: Target
    address: Optional[str]
    started_at: str
    elapsed_ms: float
    connections: int
    status: Status
    error: Optional[ScanError]
    protocols: tuple[ProtocolSupport, ...]
    certificate: Optional[CertificateResult]
    session: SessionFacts
    sni: Optional[SniFact]
    checks: ScanChecks
    intolerances: tuple[Intolerance, ...]
    notes: tuple[str, ...]
    weaknesses: tuple[Weakness, ...]

    def __init__(self, document: Optional[Mapping[str, Any]] = None, /, **values: Any) -> None:
        """``EndpointResult(document)``, or every field by keyword (as ``dataclasses.replace`` does)."""
        if document is not None and values:
            raise TypeError("EndpointResult takes a scan document or the fields by keyword, not both")
        if document is not None:
            values = _fields_of(document)
        names = [f.name for f in fields(EndpointResult)]
        if sorted(values) != sorted(names):
            missing, unknown = sorted(set(names) - set(values)), sorted(set(values) - set(names))
            raise TypeError(f"EndpointResult fields: missing {missing}, unknown {unknown}")
        for name in names:
            object.__setattr__(self, name, values[name])

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> EndpointResult:
        return cls(document)

    @classmethod
    def from_json(cls, text: str) -> EndpointResult:
        return cls(json.loads(text))

    def to_dict(self) -> dict[str, Any]:
        """The scan document (a new dict each call), exactly as the schema describes it."""
        document: dict[str, Any] = {
            "schema_version": self.schema_version,
            "target": self.endpoint.to_dict(),
            "address": self.address,
            "started_at": self.started_at,
            "elapsed_ms": self.elapsed_ms,
            "connections": self.connections,
            "status": self.status,
            "error": None if self.error is None else self.error.to_dict(),
            "protocols": [protocol.to_dict() for protocol in self.protocols],
            "certificate": None if self.certificate is None else self.certificate.to_dict(),
            "session": self.session.to_dict(),
        }
        if self.sni is not None:
            document["sni"] = self.sni.to_dict()
        document.update({
            "checks": self.checks.to_dict(),
            "intolerances": [item.to_dict() for item in self.intolerances],
            "notes": list(self.notes),
            "weaknesses": [item.to_dict() for item in self.weaknesses],
        })
        return document

    def to_json(self, indent: Optional[int] = None) -> str:
        return dumps(self.to_dict(), indent)

    @cached_property
    def raw(self) -> Mapping[str, Any]:
        """The scan document (made once from the fields; read-only by convention)."""
        return self.to_dict()

    @property
    def target(self) -> str:
        """``"host:port"`` (``"[v6]:port"``) of the endpoint scanned."""
        return str(self.endpoint)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def error_kind(self) -> Optional[FailureKind]:
        return None if self.error is None else self.error.kind

    @property
    def error_message(self) -> Optional[str]:
        return None if self.error is None else self.error.message

    @property
    def accepted_versions(self) -> tuple[str, ...]:
        return tuple(p.version for p in self.protocols if p.accepted)

    def protocol(self, version: str) -> Optional[ProtocolSupport]:
        """The probe of one version (``"TLSv1.2"``), or None when it was not probed."""
        return next((p for p in self.protocols if p.version == version), None)

    @property
    def cipher_suites(self) -> tuple[CipherSuite, ...]:
        """Every accepted suite once, in the order the versions were probed."""
        seen: dict[str, CipherSuite] = {}
        for protocol in self.protocols:
            for suite in protocol.suites:
                seen.setdefault(suite.code, suite)
        return tuple(seen.values())

    @property
    def weakness_codes(self) -> tuple[str, ...]:
        return tuple(weakness.code for weakness in self.weaknesses)

    def verdict(self, policy: PolicyRef) -> Verdict:
        """This endpoint judged against a policy (built-in id such as "m365", a file, a document): a tlsready.Verdict."""
        from tlsready._verdict import verdict  # the verdict module imports this one's users

        return verdict(self, policy)

    def client_impact(self, what_if: Any = None, clients: Any = None) -> ClientImpact:
        """Which clients connect and, with ``what_if`` ("no-tls10,no-tls11"), which would break:
        a :class:`tlsready.ClientImpact` forecast from this result (no connection)."""
        from tlsready._clients import client_impact  # _clients imports this module

        return client_impact(self, what_if=what_if, clients=clients)

    def _repr_html_(self) -> str:
        """A compact card for notebooks (tlsready._html; escaped, no external assets)."""
        from tlsready import _html  # only notebooks need it

        return _html.endpoint_card(self)

    def to_frame(self, kind: Optional[str] = None) -> Any:
        """pandas DataFrames of this result: every table (a read-only mapping, also by attribute:
        ``.endpoints``, ``.protocols``, ``.suites``, ``.certificates``, ``.errors``, ``.findings``), or with
        ``kind`` that one table. Needs pandas (``pip install tlsready[pandas]``); see tlsready._frames."""
        from tlsready import _frames  # imports pandas on first use only

        return _frames.to_frame([self], kind)

    def __repr__(self) -> str:
        if not self.ok:
            return f"EndpointResult({self.target}, error={self.error_kind!r})"
        weak = f", weaknesses={list(self.weakness_codes)}" if self.weaknesses else ""
        return f"EndpointResult({self.target}, versions={list(self.accepted_versions)}{weak})"
