"""The certificate chain the server sent, every certificate's fields, and the verdicts on the chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from tlsready._results_base import Reader
from tlsready._results_kinds import (CERTIFICATE_PROBLEM_CODES, CERTIFICATE_SOURCES, CertificateProblemCode,
                                     CertificateSource)


@dataclass(frozen=True)
class Certificate:
    """One certificate of the served chain (leaf first), as the core read it: names, validity as
    text (``not_before``/``not_after``, UTC), key, signature algorithm and SHA-256 fingerprint."""

    subject: str
    common_name: str
    issuer: str
    serial: str
    subject_alt_names: tuple[str, ...]
    not_before: str
    not_after: str
    key_type: str
    key_bits: int
    curve: Optional[str]
    signature_algorithm: str
    sha256_fingerprint: str
    is_ca: bool
    self_signed: bool

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "certificate") -> Certificate:
        r = Reader(data, path, ("subject", "common_name", "issuer", "serial", "subject_alt_names", "not_before",
                                "not_after", "key_type", "key_bits", "curve", "signature_algorithm",
                                "sha256_fingerprint", "is_ca", "self_signed"))
        return cls(subject=r.text("subject"), common_name=r.text("common_name"), issuer=r.text("issuer"),
                   serial=r.text("serial"), subject_alt_names=r.texts("subject_alt_names"),
                   not_before=r.text("not_before"), not_after=r.text("not_after"), key_type=r.text("key_type"),
                   key_bits=r.integer("key_bits"), curve=r.optional_text("curve"),
                   signature_algorithm=r.text("signature_algorithm"), sha256_fingerprint=r.text("sha256_fingerprint"),
                   is_ca=r.boolean("is_ca"), self_signed=r.boolean("self_signed"))

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "common_name": self.common_name, "issuer": self.issuer, "serial": self.serial,
                "subject_alt_names": list(self.subject_alt_names), "not_before": self.not_before,
                "not_after": self.not_after, "key_type": self.key_type, "key_bits": self.key_bits, "curve": self.curve,
                "signature_algorithm": self.signature_algorithm, "sha256_fingerprint": self.sha256_fingerprint,
                "is_ca": self.is_ca, "self_signed": self.self_signed}

    def __repr__(self) -> str:
        key = f"{self.key_type} {self.curve or self.key_bits}"
        return f"Certificate({self.subject!r}, issuer={self.issuer!r}, {key}, not_after={self.not_after!r})"


@dataclass(frozen=True)
class CertificateProblem:
    """One problem of the served chain: a frozen snake_case code (the schema's
    ``certificate_problem_code``, e.g. ``"expired"``, ``"hostname_mismatch"``) and a message for people."""

    code: CertificateProblemCode
    message: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "problem") -> CertificateProblem:
        r = Reader(data, path, ("code", "message"))
        return cls(code=r.choice("code", CERTIFICATE_PROBLEM_CODES), message=r.text("message"))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class CertificateResult:
    """The chain the server sent (``chain``, leaf first) and the verdicts on it: trust (with the
    verifier's error), host name, validity, order, days until the leaf expires, and ``problems``.

    The leaf's fields are here too, as before (``subject``, ``issuer``, ``not_after``, ``key_type``,
    ``key_bits``, ``signature_algorithm``); they are empty ("" and 0) when the chain is.
    """

    source: CertificateSource
    hostname: str
    chain: tuple[Certificate, ...]
    trusted: bool
    verify_error: Optional[str]
    hostname_matches: bool
    expired: bool
    not_yet_valid: bool
    self_signed: bool
    chain_in_order: bool
    days_until_expiry: int
    problems: tuple[CertificateProblem, ...]

    @property
    def leaf(self) -> Optional[Certificate]:
        return self.chain[0] if self.chain else None

    @property
    def subject(self) -> str:
        return self.chain[0].subject if self.chain else ""

    @property
    def issuer(self) -> str:
        return self.chain[0].issuer if self.chain else ""

    @property
    def not_after(self) -> str:
        return self.chain[0].not_after if self.chain else ""

    @property
    def key_type(self) -> str:
        return self.chain[0].key_type if self.chain else ""

    @property
    def key_bits(self) -> int:
        return self.chain[0].key_bits if self.chain else 0

    @property
    def signature_algorithm(self) -> str:
        return self.chain[0].signature_algorithm if self.chain else ""

    @property
    def problem_codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "certificate") -> CertificateResult:
        r = Reader(data, path, ("source", "hostname", "chain", "trusted", "verify_error", "hostname_matches", "expired",
                                "not_yet_valid", "self_signed", "chain_in_order", "days_until_expiry", "problems"))
        return cls(source=r.choice("source", CERTIFICATE_SOURCES), hostname=r.text("hostname"),
                   chain=tuple(Certificate.from_dict(item, where) for where, item in r.items("chain")),
                   trusted=r.boolean("trusted"), verify_error=r.optional_text("verify_error"),
                   hostname_matches=r.boolean("hostname_matches"), expired=r.boolean("expired"),
                   not_yet_valid=r.boolean("not_yet_valid"), self_signed=r.boolean("self_signed"),
                   chain_in_order=r.boolean("chain_in_order"), days_until_expiry=r.integer("days_until_expiry"),
                   problems=tuple(CertificateProblem.from_dict(item, where) for where, item in r.items("problems")))

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "hostname": self.hostname, "chain": [cert.to_dict() for cert in self.chain],
                "trusted": self.trusted, "verify_error": self.verify_error, "hostname_matches": self.hostname_matches,
                "expired": self.expired, "not_yet_valid": self.not_yet_valid, "self_signed": self.self_signed,
                "chain_in_order": self.chain_in_order, "days_until_expiry": self.days_until_expiry,
                "problems": [problem.to_dict() for problem in self.problems]}

    def __repr__(self) -> str:
        verdict = "trusted" if self.trusted else "untrusted"
        problems = f", problems={list(self.problem_codes)}" if self.problems else ""
        return (f"CertificateResult({self.subject!r}, {len(self.chain)} in chain, {verdict}, "
                f"{self.days_until_expiry} days left{problems})")


# The name this type had before the whole chain was typed; kept so that existing code keeps working.
CertificateSummary = CertificateResult
