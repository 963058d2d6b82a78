"""Protocol versions as probed and the cipher suites they accepted, with the registry's metadata of
each suite (native/data/cipher_suites.csv): IANA and OpenSSL names, key exchange, authentication,
cipher, bits, MAC, weaknesses and the versions it belongs to."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from tlsready._results_base import Reader
from tlsready._results_facts import CheckOutcome
from tlsready._results_kinds import PROTOCOL_NAMES, REFUSAL_KINDS, SUITE_WEAKNESS_CODES, RefusalKind, SuiteWeaknessCode


@dataclass(frozen=True)
class CipherSuite:
    """One cipher suite the server accepted. ``code`` is the wire code point (``"0xC02F"``); ``name``
    the IANA name (the hex code when the registry does not know it); the rest is the registry's
    (None or empty for an unknown code): ``cipher`` is the bulk cipher (``"AES_128_GCM"``), ``bits``
    its strength, ``weaknesses`` the schema's suite weakness codes, ``protocols`` the versions it may
    be negotiated in."""

    code: str
    name: str
    openssl_name: Optional[str]
    key_exchange: Optional[str]
    authentication: Optional[str]
    cipher: Optional[str]
    bits: Optional[int]
    mac: Optional[str]
    weak: Optional[bool]
    forward_secret: Optional[bool]
    weaknesses: tuple[SuiteWeaknessCode, ...]
    protocols: tuple[str, ...]

    @property
    def code_point(self) -> int:
        """``code`` as a number (0xC02F)."""
        return int(self.code, 16)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "cipher_suite") -> CipherSuite:
        r = Reader(data, path, ("code", "name", "openssl_name", "key_exchange", "authentication", "cipher", "bits",
                                "mac", "weak", "forward_secret", "weaknesses", "protocols"))
        weaknesses: Any = r.texts("weaknesses", SUITE_WEAKNESS_CODES)
        return cls(code=r.text("code"), name=r.text("name"), openssl_name=r.optional_text("openssl_name"),
                   key_exchange=r.optional_text("key_exchange"), authentication=r.optional_text("authentication"),
                   cipher=r.optional_text("cipher"), bits=r.optional_integer("bits"), mac=r.optional_text("mac"),
                   weak=r.optional_boolean("weak"), forward_secret=r.optional_boolean("forward_secret"),
                   weaknesses=weaknesses, protocols=r.texts("protocols", PROTOCOL_NAMES))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "openssl_name": self.openssl_name,
                "key_exchange": self.key_exchange, "authentication": self.authentication, "cipher": self.cipher,
                "bits": self.bits, "mac": self.mac, "weak": self.weak, "forward_secret": self.forward_secret,
                "weaknesses": list(self.weaknesses), "protocols": list(self.protocols)}

    def to_json(self, indent: Optional[int] = None) -> str:
        """The registry's JSON object of this suite (registry.schema.json, as tlsr_cipher_suite_* gives it)."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        flags = f", weaknesses={list(self.weaknesses)}" if self.weaknesses else ""
        return f"CipherSuite({self.code} {self.name}, {self.bits} bits{flags})"


@dataclass(frozen=True)
class Refusal:
    """How the server refused a version: ``kind`` (``"alert"``, ``"connection_reset"``, ...) and, for an
    alert, its level (1 warning, 2 fatal), number and RFC name (``"handshake_failure"``)."""

    kind: RefusalKind
    alert_level: Optional[int]
    alert_code: Optional[int]
    alert_name: Optional[str]
    detail: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "refusal") -> Refusal:
        r = Reader(data, path, ("kind", "alert_level", "alert_code", "alert_name", "detail"))
        return cls(kind=r.choice("kind", REFUSAL_KINDS), alert_level=r.optional_integer("alert_level"),
                   alert_code=r.optional_integer("alert_code"), alert_name=r.optional_text("alert_name"),
                   detail=r.text("detail"))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "alert_level": self.alert_level, "alert_code": self.alert_code,
                "alert_name": self.alert_name, "detail": self.detail}


@dataclass(frozen=True)
class ProtocolSupport:
    """One protocol version as probed: accepted or not, with which suites, groups and DH prime.

    ``suites`` are the accepted :class:`CipherSuite` records (the schema's ``cipher_suites``);
    ``cipher_suites`` stays what it always was, their IANA names. ``preference_order`` lists suite
    codes in the server's order when it imposes one; ``cipher_specs`` the SSLv2 3-byte cipher kinds.
    """

    version: str
    code: str
    accepted: bool
    suites: tuple[CipherSuite, ...]
    cipher_specs: tuple[str, ...]
    server_preference: Optional[bool]
    preference_order: tuple[str, ...]
    groups: tuple[str, ...]
    dh_bits: Optional[int]
    downgrade_sentinel: Optional[bool]
    refusal: Optional[Refusal]
    check: CheckOutcome
    # Optional properties (absent in documents written before them; the schema does not require them):
    # whether the server keeps DHE from a hello that lists no RFC 7919 FFDHE group (True), answers it
    # with DHE (False), or was not asked (None); ``recorded_dhe_needs_ffdhe`` says the document had it.
    dhe_needs_ffdhe: Optional[bool] = None
    recorded_dhe_needs_ffdhe: bool = field(default=False, repr=False, compare=False)

    @property
    def cipher_suites(self) -> tuple[str, ...]:
        """The accepted suites' IANA names."""
        return tuple(suite.name for suite in self.suites)

    @property
    def suite_weaknesses(self) -> dict[str, tuple[str, ...]]:
        """Suite name -> its weakness codes, for the suites that have some."""
        return {suite.name: tuple(suite.weaknesses) for suite in self.suites if suite.weaknesses}

    @property
    def refusal_kind(self) -> Optional[str]:
        """How the server refused (``"alert"``, ``"connection_reset"``, ...); None when accepted."""
        return None if self.refusal is None else self.refusal.kind

    @property
    def refusal_alert(self) -> Optional[str]:
        """The alert's RFC name when it refused with one, e.g. ``"handshake_failure"``."""
        return None if self.refusal is None else self.refusal.alert_name

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str = "protocol") -> ProtocolSupport:
        r = Reader(data, path, ("version", "code", "accepted", "cipher_suites", "cipher_specs", "server_preference",
                                "preference_order", "groups", "dh_bits", "downgrade_sentinel", "refusal", "check"),
                   ("dhe_needs_ffdhe",))
        recorded = "dhe_needs_ffdhe" in data
        return cls(version=r.text("version"), code=r.text("code"), accepted=r.boolean("accepted"),
                   suites=tuple(CipherSuite.from_dict(item, where) for where, item in r.items("cipher_suites")),
                   cipher_specs=r.texts("cipher_specs"), server_preference=r.optional_boolean("server_preference"),
                   preference_order=r.texts("preference_order"), groups=r.texts("groups"),
                   dh_bits=r.optional_integer("dh_bits"), downgrade_sentinel=r.optional_boolean("downgrade_sentinel"),
                   refusal=None if data["refusal"] is None else Refusal.from_dict(data["refusal"], r.where("refusal")),
                   check=CheckOutcome.from_dict(data["check"], r.where("check")),
                   dhe_needs_ffdhe=r.optional_boolean("dhe_needs_ffdhe") if recorded else None,
                   recorded_dhe_needs_ffdhe=recorded)

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "version": self.version, "code": self.code, "accepted": self.accepted,
            "cipher_suites": [suite.to_dict() for suite in self.suites], "cipher_specs": list(self.cipher_specs),
            "server_preference": self.server_preference, "preference_order": list(self.preference_order),
            "groups": list(self.groups), "dh_bits": self.dh_bits}
        if self.recorded_dhe_needs_ffdhe or self.dhe_needs_ffdhe is not None:
            document["dhe_needs_ffdhe"] = self.dhe_needs_ffdhe
        document.update({"downgrade_sentinel": self.downgrade_sentinel,
                         "refusal": None if self.refusal is None else self.refusal.to_dict(),
                         "check": self.check.to_dict()})
        return document

    def __repr__(self) -> str:
        if not self.accepted:
            how = self.refusal_alert or self.refusal_kind or self.check.status
            return f"ProtocolSupport({self.version}, refused: {how})"
        extra = f", groups={list(self.groups)}" if self.groups else ""
        extra += f", dh_bits={self.dh_bits}" if self.dh_bits is not None else ""
        return f"ProtocolSupport({self.version}, accepted, {len(self.suites)} suites{extra})"
