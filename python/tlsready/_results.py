"""Typed, read-only views of the scan result JSON (schema: endpoint-scan.schema.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional


@dataclass(frozen=True)
class Weakness:
    """One weak spot of an endpoint: a frozen snake_case code (the schema's ``endpoint_weakness_code``)
    and what was seen, e.g. ``Weakness("tls1_0_accepted", "TLSv1.0 accepted with 3 suites; ...")``."""

    code: str
    detail: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Weakness":
        return cls(code=str(data["code"]), detail=str(data["detail"]))


@dataclass(frozen=True)
class ProtocolSupport:
    """One protocol version as probed: accepted or not, and with which cipher suites."""

    version: str
    accepted: bool
    cipher_suites: tuple[str, ...]
    server_preference: Optional[bool]
    groups: tuple[str, ...]
    dh_bits: Optional[int]
    # suite name -> its weakness codes (the schema's ``suite_weakness_code``), only suites that have some
    suite_weaknesses: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    # how the server refused (the schema's refusal kind: "alert", "connection_reset", ...); None when accepted
    refusal_kind: Optional[str] = None
    # the alert's RFC name when it refused with one, e.g. "handshake_failure"
    refusal_alert: Optional[str] = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ProtocolSupport":
        return cls(
            version=data["version"],
            accepted=bool(data["accepted"]),
            cipher_suites=tuple(suite["name"] for suite in data["cipher_suites"]),
            server_preference=data["server_preference"],
            groups=tuple(data["groups"]),
            dh_bits=data["dh_bits"],
            suite_weaknesses={suite["name"]: tuple(suite["weaknesses"]) for suite in data["cipher_suites"]
                              if suite.get("weaknesses")},
            refusal_kind=data["refusal"]["kind"] if data["refusal"] else None,
            refusal_alert=data["refusal"]["alert_name"] if data["refusal"] else None,
        )


@dataclass(frozen=True)
class CertificateProblem:
    """One problem of the served chain: a frozen snake_case code (the schema's
    ``certificate_problem_code``, e.g. ``"expired"``, ``"hostname_mismatch"``) and a message for people."""

    code: str
    message: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CertificateProblem":
        return cls(code=str(data["code"]), message=str(data["message"]))


@dataclass(frozen=True)
class CheckOutcome:
    """Whether one sub-check of a scan ran: ``status`` is ``"completed"``, ``"failed"`` or ``"skipped"``;
    ``reason`` the error kind behind a failure (or a skip the scan's end caused), else None."""

    status: str
    reason: Optional[str]
    detail: Optional[str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CheckOutcome":
        return cls(status=str(data["status"]), reason=data["reason"], detail=data["detail"])


@dataclass(frozen=True)
class CertificateSummary:
    """The leaf certificate and the verdicts on the chain the server sent."""

    subject: str
    issuer: str
    not_after: str
    key_type: str
    key_bits: int
    signature_algorithm: str
    trusted: bool
    hostname_matches: bool
    expired: bool
    self_signed: bool
    problems: tuple[CertificateProblem, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Optional["CertificateSummary"]:
        if not data.get("chain"):
            return None
        leaf = data["chain"][0]
        return cls(
            subject=leaf["subject"],
            issuer=leaf["issuer"],
            not_after=leaf["not_after"],
            key_type=leaf["key_type"],
            key_bits=leaf["key_bits"],
            signature_algorithm=leaf["signature_algorithm"],
            trusted=bool(data["trusted"]),
            hostname_matches=bool(data["hostname_matches"]),
            expired=bool(data["expired"]),
            self_signed=bool(data["self_signed"]),
            problems=tuple(CertificateProblem.from_dict(problem) for problem in data["problems"]),
        )


@dataclass(frozen=True)
class EndpointResult:
    """The scan of one endpoint. ``raw`` is the full JSON document; the fields are views of it."""

    raw: Mapping[str, Any] = field(repr=False)

    @property
    def target(self) -> str:
        host = self.raw["target"]["host"]
        host = f"[{host}]" if ":" in host else host
        return f"{host}:{self.raw['target']['port']}"

    @property
    def ok(self) -> bool:
        return self.raw["status"] == "ok"

    @property
    def error_kind(self) -> Optional[str]:
        error = self.raw["error"]
        return None if error is None else str(error["kind"])

    @property
    def error_message(self) -> Optional[str]:
        error = self.raw["error"]
        return None if error is None else str(error["message"])

    @property
    def protocols(self) -> tuple[ProtocolSupport, ...]:
        return tuple(ProtocolSupport.from_dict(p) for p in self.raw["protocols"])

    @property
    def accepted_versions(self) -> tuple[str, ...]:
        return tuple(p.version for p in self.protocols if p.accepted)

    @property
    def certificate(self) -> Optional[CertificateSummary]:
        cert = self.raw["certificate"]
        return None if cert is None else CertificateSummary.from_dict(cert)

    @property
    def checks(self) -> Mapping[str, CheckOutcome]:
        """The sub-checks after the protocol probes: ``certificate``, ``session`` and ``groups``."""
        return {name: CheckOutcome.from_dict(check) for name, check in self.raw["checks"].items()}

    @property
    def weaknesses(self) -> tuple[Weakness, ...]:
        """The endpoint's weak spots in catalogue order (legacy versions, suites, DH, certificates)."""
        return tuple(Weakness.from_dict(item) for item in self.raw.get("weaknesses", ()))

    @property
    def weakness_codes(self) -> tuple[str, ...]:
        return tuple(weakness.code for weakness in self.weaknesses)

    @property
    def connections(self) -> int:
        return int(self.raw["connections"])

    @property
    def elapsed_ms(self) -> float:
        return float(self.raw["elapsed_ms"])

    def verdict(self, policy: Any) -> Any:
        """This endpoint judged against a policy (built-in id such as "m365", a file, a document): a tlsready.Verdict."""
        from tlsready._verdict import verdict  # the verdict module imports this one's users

        return verdict(self, policy)

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.raw))

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.raw, indent=indent)

    def client_impact(self, what_if: Any = None, clients: Any = None) -> Any:
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
        return f"EndpointResult({self.target}, versions={list(self.accepted_versions)})"
