"""Local TLS policy: what this machine's clients and servers will negotiate, and how to fix it."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Union

from tlsready import _native
from tlsready._errors import InternalError, InvalidArgumentError

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Finding:
    """One finding: what was found, where, why it matters, and the fix."""

    id: str
    severity: str
    title: str
    evidence: tuple[tuple[str, str], ...]  # (location, observed)
    why: str
    fix: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Finding":
        return cls(id=data["id"], severity=data["severity"], title=data["title"],
                   evidence=tuple((e["location"], e["observed"]) for e in data["evidence"]),
                   why=data["why"], fix=data["fix"])


@dataclass(frozen=True)
class PolicyReport:
    """A local-policy report. ``raw`` is the JSON document (schema local-policy.schema.json)."""

    raw: Mapping[str, Any] = field(repr=False)

    @property
    def platform(self) -> str:
        return str(self.raw["platform"])

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(Finding.from_dict(f) for f in self.raw["findings"])

    @property
    def summary(self) -> dict[str, int]:
        return dict(self.raw["summary"])

    def remediation_reg(self) -> str:
        """A .reg file applying every registry fix of the findings (Windows reports)."""
        return _native.remediation(json.dumps(self.raw), "reg")

    def remediation_ps1(self) -> str:
        """A PowerShell script (-WhatIf/-Confirm aware) applying the same fixes; before each change it
        saves the value as found to a restorable .reg file (its -BackupPath parameter)."""
        return _native.remediation(json.dumps(self.raw), "ps1")

    def remediation_undo_reg(self) -> str:
        """A .reg file undoing :meth:`remediation_reg`: the values as the audited export held them.

        Values that did not exist are deleted, keys that did not exist are removed (the fix created
        them); values whose key the export does not cover are listed in a comment instead.
        """
        return _native.remediation(json.dumps(self.raw), "undo-reg")

    def against(self, policy: Any = "m365") -> Any:
        """Will this machine's clients reach `policy`'s servers (tlsready.machine_reach)? A MachineReach."""
        from tlsready._machine_reach import machine_reach

        return machine_reach(self, policy)

    def to_dict(self) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(json.dumps(self.raw))
        return copy

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.raw, indent=indent)

    def _repr_html_(self) -> str:
        """Summary and findings as a sortable table, for notebooks (tlsready._html)."""
        from tlsready import _html

        return _html.policy_report_html(self)

    def to_frame(self) -> Any:
        """The findings as a pandas DataFrame, one row each (needs pandas; tlsready._frames)."""
        from tlsready import _frames

        return _frames.policy_report_frame(self)

    def __repr__(self) -> str:
        return f"PolicyReport({self.platform}, findings={len(self.raw['findings'])}, summary={self.summary})"


def _checked_path(path: PathLike, what: str) -> str:
    text = os.fspath(path)
    if not isinstance(text, str):
        raise InvalidArgumentError(f"{what} must be a text path, not {type(text).__name__}")
    if "\0" in text:
        raise InvalidArgumentError(f"{what} {text!r}: the name contains a NUL byte")
    return text


def _report(call: Any, *args: Any) -> PolicyReport:
    try:
        return PolicyReport(json.loads(call(*args)))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    except RuntimeError as error:  # a bug in the core, never the input's fault
        raise InternalError(str(error)) from error


def audit_registry_export(*paths: PathLike, os_version: Optional[str] = None) -> PolicyReport:
    """Audits `reg export` files (or JSON registry snapshots) from a Windows machine, on any OS.

    Several files are layered in order (e.g. SCHANNEL, .NET and WinHTTP exports of one machine).
    ``os_version`` ("win7", "server2019", "10.0.17763") overrides the version found in the export.
    """
    if not paths:
        raise InvalidArgumentError("audit_registry_export needs at least one file")
    return _report(_native.audit_registry_files, [_checked_path(p, "registry export") for p in paths],
                   os_version or "")


def local_policy(root: PathLike = "/", *, openssl_conf: Optional[str] = None) -> PolicyReport:
    """Audits this machine's TLS configuration (Linux/Unix; ``root`` may be a mounted image).

    ``openssl_conf`` defaults to the OPENSSL_CONF environment variable when auditing "/".
    On Windows, pass exports to :func:`audit_registry_export` (the live reader comes with the
    Windows build).
    """
    if sys.platform == "win32":
        raise InvalidArgumentError("local_policy() on Windows needs the live registry reader; "
                                   "use audit_registry_export() with `reg export` files")
    root_text = _checked_path(root, "root")
    if not root_text:
        raise InvalidArgumentError("root '': empty directory name (use \"/\" for this machine)")
    if openssl_conf is None and os.path.abspath(root_text) == "/":
        openssl_conf = os.environ.get("OPENSSL_CONF", "")
    return _report(_native.audit_linux_root, root_text, openssl_conf or "")
