"""The facts of a scan document that the notebook views show: cards and tables (_html), frames (_frames)
and plots (_plot).

Everything here reads the JSON documents (endpoint-scan.schema.json, verdict.schema.json), never the typed
classes' attributes, so the views work for an EndpointResult, a ``to_dict()`` of one, or a document read
back from ``tlsready scan --jsonl``. Standard library only: importing it costs nothing.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from tlsready._errors import InvalidArgumentError

# Every protocol version the engine probes, oldest first (endpoint-scan.schema.json: protocol.version).
VERSIONS: tuple[str, ...] = ("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3")
# The versions still fit to accept (RFC 8996 deprecates TLS 1.0 and 1.1; RFC 6176 and RFC 7568 prohibit SSL).
MODERN: frozenset[str] = frozenset({"TLSv1.2", "TLSv1.3"})
VERSION_LABELS: Mapping[str, str] = {"SSLv2": "SSL 2", "SSLv3": "SSL 3", "TLSv1.0": "TLS 1.0",
                                     "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2", "TLSv1.3": "TLS 1.3"}
# verdict.schema.json: readiness, best first
READINESS: tuple[str, ...] = ("ready", "ready_with_warnings", "not_ready", "unknown")


def document(item: Any, what: str = "result") -> Mapping[str, Any]:
    """The JSON document of ``item``: a mapping as it is, else its ``raw`` or ``to_dict()``."""
    if isinstance(item, Mapping):
        return item
    raw = getattr(item, "raw", None)
    if isinstance(raw, Mapping):
        return raw
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, Mapping):
            return data
    raise InvalidArgumentError(f"{what}: an EndpointResult, Verdict or their JSON document, not {type(item).__name__}")


def documents(items: Iterable[Any], what: str = "result") -> list[Mapping[str, Any]]:
    return [document(item, f"{what} {index + 1}") for index, item in enumerate(items)]


def target_label(doc: Mapping[str, Any]) -> str:
    """``host:port`` (``[v6]:port``) as the typed result's ``target`` writes it."""
    target = doc.get("target") or {}
    host = str(target.get("host", "?"))
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{target.get('port', '?')}"


def starttls(doc: Mapping[str, Any]) -> Optional[str]:
    value = (doc.get("target") or {}).get("starttls")
    return None if value in (None, "none") else str(value)


def protocol_states(doc: Mapping[str, Any]) -> dict[str, str]:
    """Each version of VERSIONS -> "accepted", "refused" or "unknown" (not probed, or its probe failed)."""
    states = dict.fromkeys(VERSIONS, "unknown")
    for protocol in doc.get("protocols") or ():
        version = str(protocol.get("version"))
        check = (protocol.get("check") or {}).get("status", "completed")
        if protocol.get("accepted"):
            states[version] = "accepted"
        elif check == "completed":
            states[version] = "refused"
        else:
            states[version] = "unknown"
    return states


def accepted_versions(doc: Mapping[str, Any]) -> list[str]:
    return [version for version, state in protocol_states(doc).items() if state == "accepted"]


def weak_suites(doc: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(version, suite) of every accepted suite the engine marks weak or with weakness codes, in scan order."""
    found = []
    for protocol in doc.get("protocols") or ():
        for suite in protocol.get("cipher_suites") or ():
            if suite.get("weak") or suite.get("weaknesses"):
                found.append((str(protocol.get("version")), suite))
    return found


def certificate(doc: Mapping[str, Any]) -> Optional[Mapping[str, Any]]:
    """The certificate result (chain and verdicts), or None when none was seen."""
    cert = doc.get("certificate")
    return cert if isinstance(cert, Mapping) else None


def leaf(doc: Mapping[str, Any]) -> Optional[Mapping[str, Any]]:
    cert = certificate(doc)
    chain = (cert or {}).get("chain") or ()
    return chain[0] if chain else None


def certificate_problems(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list((certificate(doc) or {}).get("problems") or ())


def failed_checks(doc: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(scope, check) of every check that did not complete: "protocol TLSv1.0", "certificate", ..."""
    found: list[tuple[str, Mapping[str, Any]]] = []
    for protocol in doc.get("protocols") or ():
        check = protocol.get("check") or {}
        if check.get("status", "completed") != "completed":
            found.append((f"protocol {protocol.get('version')}", check))
    for name, check in (doc.get("checks") or {}).items():
        if (check or {}).get("status", "completed") != "completed":
            found.append((str(name), check))
    return found


def failing_clients(verdict: Optional[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The client outcomes of a verdict (verdict(..., clients=True)) whose status is "fails"."""
    if not verdict:
        return []
    return [item for item in verdict.get("clients") or () if item.get("status") == "fails"]


def readiness_counts(verdicts: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Readiness -> how many of the verdict documents have it (documents without one are not counted)."""
    counts = dict.fromkeys(READINESS, 0)
    for verdict in verdicts:
        readiness = verdict.get("readiness")
        if readiness in counts:
            counts[readiness] += 1
    return counts
