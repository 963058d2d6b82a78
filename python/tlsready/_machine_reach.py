"""This machine as a client: will each TLS stack of an audited machine reach a policy's servers?

``machine_reach(report, "m365")`` forecasts every stack of a local-policy report (SCHANNEL, .NET per
generation and registry view, WinHTTP, WinINet, OpenSSL, GnuTLS, each JDK) against the server side of
a policy, without connecting. The document is the one the CLI (``tlsready policy --against``), the C
ABI (``tlsr_machine_reach``) and PowerShell (``Get-TlsReadyLocalPolicy -Against``) give (schema
native/schema/machine-reach.schema.json).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Union

from tlsready import _native
from tlsready._errors import InternalError, InvalidArgumentError, NotFoundError
from tlsready._verdict import PolicyRef, _policy_text

MACHINE_REACH_SCHEMA_VERSION: str = _native.MACHINE_REACH_SCHEMA_VERSION


@dataclass(frozen=True)
class StackReach:
    """One stack of the machine against the policy's servers."""

    id: str
    stack: str
    name: str
    reaches: Optional[bool]  # None: unknown
    version: Optional[str]
    cipher_suite: Optional[str]  # the suite's name, when it reaches
    reason: Optional[str]  # the client rule that fails ("no_common_version", ...)
    detail: str
    evidence: tuple[str, ...]
    fix: Optional[str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "StackReach":
        suite = data["cipher_suite"]
        return cls(id=data["id"], stack=data["stack"], name=data["name"], reaches=data["reaches"],
                   version=data["version"], cipher_suite=suite["name"] if suite else None, reason=data["reason"],
                   detail=data["detail"], evidence=tuple(data["evidence"]), fix=data["fix"])


@dataclass(frozen=True)
class MachineReach:
    """Every stack of one machine against one policy. ``raw`` is the document."""

    raw: Mapping[str, Any] = field(repr=False)

    @property
    def policy(self) -> str:
        return str(self.raw["policy"]["id"])

    @property
    def stacks(self) -> tuple[StackReach, ...]:
        return tuple(StackReach.from_dict(s) for s in self.raw["stacks"])

    @property
    def failing(self) -> tuple[StackReach, ...]:
        return tuple(s for s in self.stacks if s.reaches is False)

    @property
    def all_reach(self) -> bool:
        return bool(self.raw["summary"]["all_reach"])

    @property
    def summary_line(self) -> str:
        return str(self.raw["summary"]["line"])

    def stack(self, stack_id: str) -> StackReach:
        for s in self.stacks:
            if s.id == stack_id:
                return s
        raise NotFoundError(f"stack {stack_id!r}: not in this report (known: {', '.join(s.id for s in self.stacks)})")

    def to_dict(self) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(json.dumps(self.raw))
        return copy

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.raw, indent=indent)

    def _repr_html_(self) -> str:
        """Each stack: reaches or not, with what, why not and the fix, for notebooks (tlsready._html)."""
        from tlsready import _html

        return _html.machine_reach_html(self)

    def to_frame(self) -> Any:
        """The stacks as a pandas DataFrame, one row each (needs pandas; tlsready._frames)."""
        from tlsready import _frames

        return _frames.machine_reach_frame(self)

    def __repr__(self) -> str:
        return f"MachineReach({self.policy}: {self.summary_line})"


def machine_reach(report: Union[Any, Mapping[str, Any], str], policy: PolicyRef = "m365") -> MachineReach:
    """The machine-reach of a local-policy report (PolicyReport, its dict or JSON text) against `policy`.

    `policy` is a built-in id ("m365"), a policy file path or a policy document with a server_side.
    Bad input raises InvalidArgumentError naming it (e.g. a policy without server_side).
    """
    raw = getattr(report, "raw", report)
    if isinstance(raw, Mapping):
        text = json.dumps(raw)
    elif isinstance(raw, str):
        text = raw
    else:
        raise InvalidArgumentError(f"report: a PolicyReport, its dict or JSON text, not {type(report).__name__}")
    try:
        return MachineReach(json.loads(_native.machine_reach(text, _policy_text(policy))))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    except RuntimeError as error:  # a bug in the core, never the input's fault
        raise InternalError(str(error)) from error
