"""The small parts of a scan result: its target, error, sub-check outcomes, session and SNI facts,
intolerances and weaknesses. Each is a frozen dataclass with ``from_dict``/``to_dict`` that give back
exactly the schema's JSON object (native/schema/endpoint-scan.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Optional

from tlsready._results_base import Reader
from tlsready._results_kinds import (CHECK_STATUS, ENDPOINT_WEAKNESS_CODES, FAILURE_KINDS, INTOLERANCE_KINDS, STARTTLS,
                                     CheckStatus, EndpointWeaknessCode, FailureKind, IntoleranceKind, StartTls)


@dataclass(frozen=True)
class Target:
    """An endpoint: ``host``, ``port``, the server name sent (``sni``) and the plaintext dialogue
    before TLS (``starttls``). As a scan input, ``sni=None`` sends the host name (none for an IP
    address) and ``starttls=None`` takes the port's implied one; in a result they are what was probed
    (``sni`` None: none sent; ``starttls`` ``"none"``: TLS from the first byte).

    ``str(target)`` is ``host:port`` (``[v6]:port``); ``tlsready.scan(Target("127.0.0.1", 8443))``.
    """

    host: str
    port: int
    sni: Optional[str] = None
    starttls: Optional[StartTls] = None

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "target") -> Target:
        r = Reader(data, path, ("host", "port", "sni", "starttls"))
        return cls(host=r.text("host"), port=r.integer("port"), sni=r.optional_text("sni"),
                   starttls=r.choice("starttls", STARTTLS))

    def to_dict(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "sni": self.sni, "starttls": self.starttls}


@dataclass(frozen=True)
class ScanError:
    """Why an endpoint could not be scanned (``kind`` is the schema's failure kind, e.g.
    ``"connection_refused"``), and after how many milliseconds."""

    kind: FailureKind
    message: str
    elapsed_ms: float

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "error") -> ScanError:
        r = Reader(data, path, ("kind", "message", "elapsed_ms"))
        return cls(kind=r.choice("kind", FAILURE_KINDS), message=r.text("message"), elapsed_ms=r.number("elapsed_ms"))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "elapsed_ms": self.elapsed_ms}


@dataclass(frozen=True)
class CheckOutcome:
    """Whether one sub-check of a scan ran: ``status`` is ``"completed"``, ``"failed"`` or ``"skipped"``;
    ``reason`` the error kind behind a failure (or a skip the scan's end caused), else None."""

    status: CheckStatus
    reason: Optional[FailureKind]
    detail: Optional[str]

    @property
    def completed(self) -> bool:
        return self.status == "completed"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "check") -> CheckOutcome:
        r = Reader(data, path, ("status", "reason", "detail"))
        return cls(status=r.choice("status", CHECK_STATUS), reason=r.optional_choice("reason", FAILURE_KINDS),
                   detail=r.optional_text("detail"))

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True)
class ScanChecks(Mapping[str, CheckOutcome]):
    """The sub-checks after the protocol probes; also a read-only mapping ``name -> CheckOutcome``
    (``checks["certificate"]``, ``checks.items()``) as before."""

    certificate: CheckOutcome
    session: CheckOutcome
    groups: CheckOutcome

    def __getitem__(self, name: str) -> CheckOutcome:
        if name not in ("certificate", "session", "groups"):
            raise KeyError(name)
        outcome: CheckOutcome = getattr(self, name)
        return outcome

    def __iter__(self) -> Iterator[str]:
        return iter(("certificate", "session", "groups"))

    def __len__(self) -> int:
        return 3

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "checks") -> ScanChecks:
        Reader(data, path, ("certificate", "session", "groups"))
        return cls(**{name: CheckOutcome.from_dict(data[name], f"{path}.{name}")
                      for name in ("certificate", "session", "groups")})

    def to_dict(self) -> dict[str, Any]:
        return {name: outcome.to_dict() for name, outcome in self.items()}


@dataclass(frozen=True)
class SessionFacts:
    """What the full handshake showed: secure renegotiation (RFC 5746), extended master secret
    (RFC 7627), OCSP stapling and its status, ALPN offered and selected. None: not learned."""

    secure_renegotiation: Optional[bool]
    extended_master_secret: Optional[bool]
    ocsp_stapling: Optional[bool]
    ocsp_status: Optional[str]
    alpn_offered: tuple[str, ...]
    alpn_selected: Optional[str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "session") -> SessionFacts:
        r = Reader(data, path, ("secure_renegotiation", "extended_master_secret", "ocsp_stapling", "ocsp_status",
                                "alpn_offered", "alpn_selected"))
        return cls(secure_renegotiation=r.optional_boolean("secure_renegotiation"),
                   extended_master_secret=r.optional_boolean("extended_master_secret"),
                   ocsp_stapling=r.optional_boolean("ocsp_stapling"), ocsp_status=r.optional_text("ocsp_status"),
                   alpn_offered=r.texts("alpn_offered"), alpn_selected=r.optional_text("alpn_selected"))

    def to_dict(self) -> dict[str, Any]:
        return {"secure_renegotiation": self.secure_renegotiation, "extended_master_secret": self.extended_master_secret,
                "ocsp_stapling": self.ocsp_stapling, "ocsp_status": self.ocsp_status,
                "alpn_offered": list(self.alpn_offered), "alpn_selected": self.alpn_selected}


@dataclass(frozen=True)
class SniFact:
    """Whether the server refuses a hello without server_name (RFC 6066 §3): True refused, False
    answered, None not asked (no name was sent) or the answer told nothing."""

    required: Optional[bool]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "sni") -> SniFact:
        return cls(required=Reader(data, path, ("required",)).optional_boolean("required"))

    def to_dict(self) -> dict[str, Any]:
        return {"required": self.required}


@dataclass(frozen=True)
class Intolerance:
    """A ClientHello shape the server refuses although it answers the same offer in another shape:
    ``hello_size`` (``limit``: largest hello answered, ``refused_at``: smallest refused, in bytes),
    ``suite_count`` (in suites) or ``extension`` (``extension``: the refused type, ``0x0010``)."""

    kind: IntoleranceKind
    versions: tuple[str, ...]
    limit: Optional[int]
    refused_at: Optional[int]
    extension: Optional[str]
    detail: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "intolerance") -> Intolerance:
        r = Reader(data, path, ("kind", "versions", "limit", "refused_at", "extension", "detail"))
        return cls(kind=r.choice("kind", INTOLERANCE_KINDS), versions=r.texts("versions"),
                   limit=r.optional_integer("limit"), refused_at=r.optional_integer("refused_at"),
                   extension=r.optional_text("extension"), detail=r.text("detail"))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "versions": list(self.versions), "limit": self.limit, "refused_at": self.refused_at,
                "extension": self.extension, "detail": self.detail}


@dataclass(frozen=True)
class Weakness:
    """One weak spot of an endpoint: a frozen snake_case code (the schema's ``endpoint_weakness_code``)
    and what was seen, e.g. ``Weakness("tls1_0_accepted", "TLSv1.0 accepted with 3 suites; ...")``."""

    code: EndpointWeaknessCode
    detail: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "weakness") -> Weakness:
        r = Reader(data, path, ("code", "detail"))
        return cls(code=r.choice("code", ENDPOINT_WEAKNESS_CODES), detail=r.text("detail"))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail}
