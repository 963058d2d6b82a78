"""Readiness verdicts: a scanned endpoint judged against a named policy (native/data/policies)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Union

from tlsready import _native
from tlsready._errors import InvalidArgumentError
from tlsready._policy import Finding

ScanDocument = Union["EndpointResultLike", Mapping[str, Any], str]
PolicyRef = Union[str, "os.PathLike[str]", Mapping[str, Any]]

VERDICT_SCHEMA_VERSION: str = _native.VERDICT_SCHEMA_VERSION


class EndpointResultLike:  # anything with a `raw` endpoint-scan document (tlsready.EndpointResult)
    raw: Mapping[str, Any]


@dataclass(frozen=True)
class Verdict:
    """One endpoint against one policy. ``raw`` is the document (schema verdict.schema.json)."""

    raw: Mapping[str, Any] = field(repr=False)

    @property
    def policy(self) -> str:
        return str(self.raw["policy"])

    @property
    def policy_name(self) -> str:
        return str(self.raw["policy_name"])

    @property
    def subject(self) -> str:
        return str(self.raw["subject"])

    @property
    def readiness(self) -> str:
        """"ready", "ready_with_warnings", "not_ready" or "unknown"."""
        return str(self.raw["readiness"])

    @property
    def ready(self) -> bool:
        return self.readiness in ("ready", "ready_with_warnings")

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(Finding.from_dict(f) for f in self.raw["findings"])

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(f["id"] for f in self.raw["findings"])

    @property
    def inconclusive(self) -> tuple[str, ...]:
        """Why rules could not be judged (the scan ended in an error, a check did not conclude)."""
        return tuple(self.raw["inconclusive"])

    @property
    def clients(self) -> tuple[dict[str, Any], ...]:
        """The client outcomes (verdict(..., clients=True)); empty when not asked for."""
        return tuple(self.raw.get("clients") or ())

    @property
    def failing_clients(self) -> tuple[str, ...]:
        """Ids of the clients that fail against this endpoint (from ``clients``)."""
        return tuple(item["client_id"] for item in self.clients if item["status"] == "fails")

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.raw))

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.raw, indent=indent)

    def __repr__(self) -> str:
        return f"Verdict({self.subject!r}, {self.policy!r}: {self.readiness}, {len(self.raw['findings'])} findings)"


def _policy_text(policy: PolicyRef) -> str:
    if isinstance(policy, Mapping):
        return json.dumps(policy)
    if isinstance(policy, (str, os.PathLike)):
        return os.fspath(policy)
    raise InvalidArgumentError(f"policy: a built-in id, a policy file path or a policy document, not {type(policy).__name__}")


def _document_text(item: Any, index: int) -> str:
    if isinstance(item, str):
        return item
    raw = getattr(item, "raw", item)
    if isinstance(raw, Mapping):
        return json.dumps(raw)
    raise InvalidArgumentError(f"result {index + 1}: an EndpointResult, a scan document or its JSON text, "
                               f"not {type(item).__name__}")


def _native_call(function: Any, *args: Any) -> Any:
    try:
        return function(*args)
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None


def verdicts(results: Iterable[ScanDocument], policy: PolicyRef) -> list[Verdict]:
    """The verdict of each scan result (EndpointResult, document dict or JSON text) against `policy`."""
    texts = [_document_text(item, i) for i, item in enumerate(results)]
    documents = _native_call(_native.verdicts, texts, _policy_text(policy))
    return [Verdict(json.loads(document)) for document in documents]


def verdict(result: ScanDocument, policy: PolicyRef, clients: bool = False, what_if: Any = None,
            client_ids: Any = None, simulate: bool = False, timeout: float = 5.0,
            connections_per_endpoint: int = 4) -> Verdict:
    """The verdict of one scan result against `policy` (a built-in id such as "m365", a file, a document).
    ``clients=True`` fills the verdict's ``clients`` section with each client's outcome (forecast from
    the scan, or observed with ``simulate=True``, re-using the scan where it decides; ``what_if``/
    ``client_ids`` as tlsready.client_impact; ``timeout``/``connections_per_endpoint`` as
    tlsready.simulate_clients). The section is the core's (tlsr_verdict_clients in C, -Clients in
    PowerShell). A simulation releases the GIL; Ctrl-C cancels it (KeyboardInterrupt)."""
    if not clients:
        if simulate or what_if is not None or client_ids is not None:
            raise InvalidArgumentError("simulate, what_if and client_ids go with clients=True")
        return verdicts([result], policy)[0]
    from tlsready import _clients  # _clients imports the results module, which imports this one lazily

    options = ""
    if simulate:
        from tlsready._scan import _options  # the scan's option checks, one place

        options = _options(timeout, 1, None, False, True, True, True, None, connections_per_endpoint)
    text = _native_call(_native.verdict_clients, _document_text(result, 0), _policy_text(policy), bool(simulate),
                        options, _clients._what_if_text(what_if), _clients._client_ids(client_ids))
    return Verdict(json.loads(text))


def with_clients(item: Verdict, impact: Any) -> Verdict:
    """The verdict with its ``clients`` section from a tlsready.ClientImpact already computed for the
    same endpoint (forecast or simulated), assembled by the core (tlsr_verdict_with_clients)."""
    raw = getattr(impact, "raw", impact)
    if not isinstance(raw, Mapping):
        raise InvalidArgumentError(f"impact: a tlsready.ClientImpact or its document, not {type(impact).__name__}")
    return Verdict(json.loads(_native_call(_native.verdict_with_clients, json.dumps(item.raw), json.dumps(raw))))


def verdict_summary(items: Iterable[Verdict]) -> dict[str, Any]:
    """Counts of readiness and the findings most endpoints have (document verdict_summary)."""
    array = json.dumps([item.raw for item in items])
    return json.loads(_native_call(_native.verdict_summary, array))


def policies() -> list[dict[str, Any]]:
    """The built-in policies: id, name, description, sources, milestones."""
    return json.loads(_native.policy_list())


def policy_document(policy: PolicyRef) -> dict[str, Any]:
    """The policy document a reference names, validated."""
    return json.loads(_native_call(_native.policy_document, _policy_text(policy)))
