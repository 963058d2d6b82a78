"""pandas DataFrames of scan results: one tidy table per concern.

``frames(results, verdicts)`` builds every table; ``to_frame()`` on a result, a ``ScanResults`` collection,
a Verdict, a PolicyReport or a MachineReach calls in here. The tables (columns in :data:`COLUMNS`):

- ``endpoints``: one row per endpoint: target, status and error, accepted versions (one nullable boolean
  column per version, ``<NA>`` when not known), counts of weak suites and weaknesses, the certificate's
  verdicts; ``readiness``, ``policy`` and ``failing_clients`` when verdicts were applied.
- ``protocols``: one row per endpoint and probed version.
- ``suites``: one row per endpoint, version and accepted cipher suite, with the suite's metadata.
- ``certificates``: one row per certificate of each served chain (``position`` 0 is the leaf).
- ``errors``: one row per thing that did not work: the endpoint's error, each protocol probe or check
  that failed or was skipped.
- ``findings``: one row per finding: the scan's weaknesses (``source`` "weakness"), the certificate's
  problems ("certificate") and, with verdicts, the policy's findings ("verdict").
- with verdicts: ``verdicts`` (one row per verdict), ``clients`` (one row per client outcome, when the
  verdicts have a clients section), ``readiness`` (count per readiness) and ``verdict_summary`` (the
  findings most endpoints have: the native ``verdict_summary`` document's ``top_findings``).

Every table has ``result`` (the result's position in the collection) and ``endpoint`` (``host:port``) to
join on. Versions are an ordered categorical (SSLv2 < ... < TLSv1.3) and readiness one too (ready <
ready_with_warnings < not_ready < unknown). pandas is imported here only, on the first call: ``import
tlsready`` never imports it; without it, :class:`tlsready.MissingDependencyError` says what to install.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence

from tlsready import _html_facts as facts
from tlsready._errors import InvalidArgumentError, MissingDependencyError

SCAN_KINDS: tuple[str, ...] = ("endpoints", "protocols", "suites", "certificates", "errors", "findings")
VERDICT_KINDS: tuple[str, ...] = ("verdicts", "clients", "readiness", "verdict_summary")

# kind -> (column, dtype); "version"/"readiness" are the ordered categoricals, "datetime" UTC timestamps.
COLUMNS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "endpoints": (
        ("result", "Int64"), ("endpoint", "string"), ("host", "string"), ("port", "Int64"), ("sni", "string"),
        ("starttls", "string"), ("address", "string"), ("status", "string"), ("error_kind", "string"),
        ("error_message", "string"), ("started_at", "datetime"), ("elapsed_ms", "float64"),
        ("connections", "Int64"),
        *((version, "boolean") for version in facts.VERSIONS),
        ("versions", "string"), ("oldest_version", "version"), ("newest_version", "version"),
        ("legacy", "boolean"), ("weak_suites", "Int64"), ("weaknesses", "Int64"), ("weakness_codes", "string"),
        ("cert_subject", "string"), ("cert_issuer", "string"), ("cert_not_after", "string"),
        ("cert_days_until_expiry", "Int64"), ("cert_trusted", "boolean"), ("cert_hostname_matches", "boolean"),
        ("cert_expired", "boolean"), ("cert_self_signed", "boolean"), ("cert_problems", "string"),
        ("sni_required", "boolean"), ("secure_renegotiation", "boolean"), ("extended_master_secret", "boolean"),
        ("ocsp_stapling", "boolean"), ("alpn_selected", "string"), ("intolerances", "Int64")),
    "endpoints+verdicts": (("policy", "string"), ("readiness", "readiness"), ("findings", "Int64"),
                           ("failing_clients", "Int64")),
    "protocols": (
        ("result", "Int64"), ("endpoint", "string"), ("version", "version"), ("code", "string"),
        ("accepted", "boolean"), ("suites", "Int64"), ("server_preference", "boolean"), ("groups", "string"),
        ("dh_bits", "Int64"), ("downgrade_sentinel", "boolean"), ("refusal_kind", "string"),
        ("refusal_alert", "string"), ("check_status", "string"), ("check_reason", "string")),
    "suites": (
        ("result", "Int64"), ("endpoint", "string"), ("version", "version"), ("preference", "Int64"),
        ("code", "string"), ("name", "string"), ("openssl_name", "string"), ("key_exchange", "string"),
        ("authentication", "string"), ("cipher", "string"), ("bits", "Int64"), ("mac", "string"),
        ("weak", "boolean"), ("forward_secret", "boolean"), ("weaknesses", "string")),
    "certificates": (
        ("result", "Int64"), ("endpoint", "string"), ("position", "Int64"), ("subject", "string"),
        ("common_name", "string"), ("issuer", "string"), ("serial", "string"), ("subject_alt_names", "string"),
        ("not_before", "string"), ("not_after", "string"), ("key_type", "string"), ("key_bits", "Int64"),
        ("curve", "string"), ("signature_algorithm", "string"), ("sha256_fingerprint", "string"),
        ("is_ca", "boolean"), ("self_signed", "boolean")),
    "errors": (
        ("result", "Int64"), ("endpoint", "string"), ("scope", "string"), ("status", "string"),
        ("kind", "string"), ("message", "string")),
    "findings": (
        ("result", "Int64"), ("endpoint", "string"), ("source", "string"), ("policy", "string"),
        ("code", "string"), ("severity", "string"), ("detail", "string")),
    "verdicts": (
        ("result", "Int64"), ("endpoint", "string"), ("subject", "string"), ("policy", "string"),
        ("policy_name", "string"), ("readiness", "readiness"), ("ready", "boolean"), ("findings", "Int64"),
        ("finding_ids", "string"), ("inconclusive", "Int64"), ("clients", "Int64"), ("failing_clients", "Int64"),
        ("failing_client_ids", "string")),
    "clients": (
        ("result", "Int64"), ("endpoint", "string"), ("policy", "string"), ("client_id", "string"),
        ("client_name", "string"), ("status", "string"), ("version", "version"), ("cipher_suite", "string"),
        ("cipher_suite_code", "string"), ("group", "string"), ("reason", "string"), ("detail", "string"),
        ("method", "string"), ("source", "string")),
    "readiness": (("policy", "string"), ("readiness", "readiness"), ("endpoints", "Int64"), ("share", "float64")),
    "verdict_summary": (
        ("policy", "string"), ("id", "string"), ("title", "string"), ("severity", "string"),
        ("endpoints", "Int64"), ("share", "float64"), ("subjects", "string")),
    "policy_findings": (
        ("platform", "string"), ("id", "string"), ("severity", "string"), ("title", "string"),
        ("locations", "string"), ("observed", "string"), ("why", "string"), ("fix", "string")),
    "machine_reach": (
        ("policy", "string"), ("id", "string"), ("stack", "string"), ("name", "string"), ("reaches", "boolean"),
        ("status", "string"), ("offered_versions", "string"), ("version", "version"), ("cipher_suite", "string"),
        ("group", "string"), ("reason", "string"), ("detail", "string"), ("fix", "string"),
        ("synthetic", "boolean")),
}


def pandas() -> Any:
    """The pandas module, or MissingDependencyError naming the extra that installs it."""
    try:
        import pandas as module
    except ImportError as error:
        raise MissingDependencyError(
            f"to_frame() needs pandas, which is not installed ({error}); install it with "
            "`pip install tlsready[pandas]` (or your distribution's python3-pandas)") from None
    return module


def _joined(values: Iterable[Any]) -> Optional[str]:
    items = [str(value) for value in values]
    return " ".join(items) if items else None


def _frame(kind: str, rows: list[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> Any:
    pd = pandas()
    names = [name for name, _ in columns]
    frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    for name, dtype in columns:
        if dtype == "version":
            frame[name] = pd.Categorical(frame[name], categories=list(facts.VERSIONS), ordered=True)
        elif dtype == "readiness":
            frame[name] = pd.Categorical(frame[name], categories=list(facts.READINESS), ordered=True)
        elif dtype == "datetime":
            frame[name] = pd.to_datetime(frame[name], utc=True, errors="coerce")
        elif dtype == "float64":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        else:
            frame[name] = frame[name].astype(dtype)
    frame.attrs["kind"] = kind
    return frame


def _endpoint_row(index: int, doc: Mapping[str, Any], verdict: Optional[Mapping[str, Any]],
                  with_verdicts: bool) -> dict[str, Any]:
    target = doc.get("target") or {}
    error = doc.get("error") or {}
    states = facts.protocol_states(doc)
    accepted = [version for version in facts.VERSIONS if states[version] == "accepted"]
    cert = facts.certificate(doc) or {}
    leaf = facts.leaf(doc) or {}
    session = doc.get("session") or {}
    known = [state for state in states.values() if state != "unknown"]
    row: dict[str, Any] = {
        "result": index, "endpoint": facts.target_label(doc), "host": target.get("host"),
        "port": target.get("port"), "sni": target.get("sni"), "starttls": target.get("starttls"),
        "address": doc.get("address"), "status": doc.get("status"), "error_kind": error.get("kind"),
        "error_message": error.get("message"), "started_at": doc.get("started_at"),
        "elapsed_ms": doc.get("elapsed_ms"), "connections": doc.get("connections"),
        **{version: {"accepted": True, "refused": False}.get(states[version]) for version in facts.VERSIONS},
        "versions": _joined(accepted), "oldest_version": accepted[0] if accepted else None,
        "newest_version": accepted[-1] if accepted else None,
        "legacy": (any(version not in facts.MODERN for version in accepted) if accepted or known else None),
        "weak_suites": len(facts.weak_suites(doc)), "weaknesses": len(doc.get("weaknesses") or ()),
        "weakness_codes": _joined(item.get("code") for item in doc.get("weaknesses") or ()),
        "cert_subject": leaf.get("subject"), "cert_issuer": leaf.get("issuer"),
        "cert_not_after": leaf.get("not_after"), "cert_days_until_expiry": cert.get("days_until_expiry"),
        "cert_trusted": cert.get("trusted"), "cert_hostname_matches": cert.get("hostname_matches"),
        "cert_expired": cert.get("expired"), "cert_self_signed": cert.get("self_signed"),
        "cert_problems": _joined(problem.get("code") for problem in facts.certificate_problems(doc)),
        "sni_required": (doc.get("sni") or {}).get("required"),
        "secure_renegotiation": session.get("secure_renegotiation"),
        "extended_master_secret": session.get("extended_master_secret"),
        "ocsp_stapling": session.get("ocsp_stapling"), "alpn_selected": session.get("alpn_selected"),
        "intolerances": len(doc.get("intolerances") or ()),
    }
    if with_verdicts:
        row.update({"policy": verdict.get("policy") if verdict else None,
                    "readiness": verdict.get("readiness") if verdict else None,
                    "findings": len(verdict.get("findings") or ()) if verdict else None,
                    "failing_clients": (len(facts.failing_clients(verdict))
                                        if verdict and verdict.get("clients") is not None else None)})
    return row


def _scan_rows(index: int, doc: Mapping[str, Any], rows: dict[str, list[dict[str, Any]]]) -> None:
    endpoint = facts.target_label(doc)
    base = {"result": index, "endpoint": endpoint}
    for protocol in doc.get("protocols") or ():
        check = protocol.get("check") or {}
        refusal = protocol.get("refusal") or {}
        suites = list(protocol.get("cipher_suites") or ())
        rows["protocols"].append({
            **base, "version": protocol.get("version"), "code": protocol.get("code"),
            "accepted": protocol.get("accepted"), "suites": len(suites),
            "server_preference": protocol.get("server_preference"), "groups": _joined(protocol.get("groups") or ()),
            "dh_bits": protocol.get("dh_bits"), "downgrade_sentinel": protocol.get("downgrade_sentinel"),
            "refusal_kind": refusal.get("kind"), "refusal_alert": refusal.get("alert_name"),
            "check_status": check.get("status"), "check_reason": check.get("reason")})
        order = [str(code) for code in protocol.get("preference_order") or ()]
        for suite in suites:
            code = suite.get("code")
            rows["suites"].append({
                **base, "version": protocol.get("version"),
                "preference": order.index(code) + 1 if code in order else None, "code": code,
                **{name: suite.get(name) for name in ("name", "openssl_name", "key_exchange", "authentication",
                                                       "cipher", "bits", "mac", "weak", "forward_secret")},
                "weaknesses": _joined(suite.get("weaknesses") or ())})
    for position, cert in enumerate((facts.certificate(doc) or {}).get("chain") or ()):
        rows["certificates"].append({
            **base, "position": position,
            **{name: cert.get(name) for name in ("subject", "common_name", "issuer", "serial", "not_before",
                                                  "not_after", "key_type", "key_bits", "curve",
                                                  "signature_algorithm", "sha256_fingerprint", "is_ca",
                                                  "self_signed")},
            "subject_alt_names": _joined(cert.get("subject_alt_names") or ())})
    error = doc.get("error")
    if error:
        rows["errors"].append({**base, "scope": "endpoint", "status": "error", "kind": error.get("kind"),
                               "message": error.get("message")})
    for scope, check in facts.failed_checks(doc):
        rows["errors"].append({**base, "scope": scope, "status": check.get("status"), "kind": check.get("reason"),
                               "message": check.get("detail")})
    for item in doc.get("weaknesses") or ():
        rows["findings"].append({**base, "source": "weakness", "policy": None, "code": item.get("code"),
                                 "severity": None, "detail": item.get("detail")})
    for problem in facts.certificate_problems(doc):
        rows["findings"].append({**base, "source": "certificate", "policy": None, "code": problem.get("code"),
                                 "severity": None, "detail": problem.get("message")})


def _verdict_rows(index: int, endpoint: str, verdict: Mapping[str, Any],
                  rows: dict[str, list[dict[str, Any]]]) -> None:
    base = {"result": index, "endpoint": endpoint}
    policy = verdict.get("policy")
    findings = list(verdict.get("findings") or ())
    clients = verdict.get("clients")
    failing = facts.failing_clients(verdict)
    rows["verdicts"].append({
        **base, "subject": verdict.get("subject"), "policy": policy, "policy_name": verdict.get("policy_name"),
        "readiness": verdict.get("readiness"),
        "ready": verdict.get("readiness") in ("ready", "ready_with_warnings"), "findings": len(findings),
        "finding_ids": _joined(item.get("id") for item in findings),
        "inconclusive": len(verdict.get("inconclusive") or ()),
        "clients": None if clients is None else len(clients),
        "failing_clients": None if clients is None else len(failing),
        "failing_client_ids": _joined(item.get("client_id") for item in failing)})
    for item in findings:
        rows["findings"].append({**base, "source": "verdict", "policy": policy, "code": item.get("id"),
                                 "severity": item.get("severity"), "detail": item.get("title")})
    for item in clients or ():
        suite = item.get("cipher_suite") or {}
        group = item.get("group") or {}
        rows["clients"].append({
            **base, "policy": policy, "client_id": item.get("client_id"), "client_name": item.get("client_name"),
            "status": item.get("status"), "version": item.get("version"), "cipher_suite": suite.get("name"),
            "cipher_suite_code": suite.get("code"), "group": group.get("name"), "reason": item.get("reason"),
            "detail": item.get("detail"), "method": item.get("method"), "source": item.get("source")})


def _summary(verdict_docs: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    from tlsready import _native  # the native verdict_summary: the same document the CLI and C ABI give
    from tlsready._verdict import _native_call

    summary: Mapping[str, Any] = json.loads(_native_call(_native.verdict_summary, json.dumps(list(verdict_docs))))
    return summary


def _summary_rows(summary: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    total = int(summary.get("endpoints") or 0)
    policy = " ".join(str(item) for item in summary.get("policies") or ()) or None
    readiness = [{"policy": policy, "readiness": name, "endpoints": int((summary.get("readiness") or {}).get(name, 0)),
                  "share": (int((summary.get("readiness") or {}).get(name, 0)) / total) if total else None}
                 for name in facts.READINESS]
    top = [{"policy": policy, "id": item.get("id"), "title": item.get("title"), "severity": item.get("severity"),
            "endpoints": item.get("endpoints"), "share": (item.get("endpoints") or 0) / total if total else None,
            "subjects": _joined(item.get("subjects") or ())} for item in summary.get("top_findings") or ()]
    return readiness, top


class Frames(Mapping[str, Any]):
    """The tables of a result or collection by kind, read-only: ``frames["suites"]`` or ``frames.suites``;
    iterating gives the kinds (``list(frames)``)."""

    def __init__(self, tables: Mapping[str, Any]) -> None:
        self._tables = dict(tables)

    def __getitem__(self, kind: str) -> Any:
        try:
            return self._tables[kind]
        except KeyError:
            raise KeyError(f"{kind!r}: the tables are {', '.join(self._tables)}") from None

    def __getattr__(self, kind: str) -> Any:
        if kind.startswith("_"):
            raise AttributeError(kind)
        try:
            return self._tables[kind]
        except KeyError:
            raise AttributeError(f"no table {kind!r}; the tables are {', '.join(self._tables)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._tables]

    def __repr__(self) -> str:
        shapes = ", ".join(f"{kind}: {len(table)} rows" for kind, table in self._tables.items())
        return f"Frames({shapes})"


def frames(results: Sequence[Any], verdicts: Optional[Sequence[Any]] = None) -> Frames:
    """Every table of ``results`` (EndpointResults or their documents); ``verdicts``: one Verdict (or None)
    per result, in the same order, adds the verdict tables."""
    pandas()  # the clear error first, before any work
    docs = facts.documents(results)
    verdict_docs: list[Optional[Mapping[str, Any]]] = [
        facts.document(item, "verdict") if item is not None else None for item in (verdicts or ())]
    if len(verdict_docs) > len(docs):
        raise InvalidArgumentError(f"{len(verdict_docs)} verdicts for {len(docs)} results: one per result at most")
    verdict_docs += [None] * (len(docs) - len(verdict_docs))
    with_verdicts = any(item is not None for item in verdict_docs)
    kinds = SCAN_KINDS + (VERDICT_KINDS if with_verdicts else ())
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for index, (doc, verdict) in enumerate(zip(docs, verdict_docs)):
        rows["endpoints"].append(_endpoint_row(index, doc, verdict, with_verdicts))
        _scan_rows(index, doc, rows)
        if verdict is not None:
            _verdict_rows(index, facts.target_label(doc), verdict, rows)
    endpoint_columns = COLUMNS["endpoints"] + (COLUMNS["endpoints+verdicts"] if with_verdicts else ())
    tables = {"endpoints": _frame("endpoints", rows["endpoints"], endpoint_columns)}
    tables.update({kind: _frame(kind, rows[kind], COLUMNS[kind]) for kind in SCAN_KINDS[1:]})
    if with_verdicts:
        judged = [item for item in verdict_docs if item is not None]
        readiness, top = _summary_rows(_summary(judged))
        tables["verdicts"] = _frame("verdicts", rows["verdicts"], COLUMNS["verdicts"])
        tables["clients"] = _frame("clients", rows["clients"], COLUMNS["clients"])
        tables["readiness"] = _frame("readiness", readiness, COLUMNS["readiness"])
        tables["verdict_summary"] = _frame("verdict_summary", top, COLUMNS["verdict_summary"])
    return Frames(tables)


def to_frame(results: Sequence[Any], kind: Optional[str] = None, verdicts: Optional[Sequence[Any]] = None) -> Any:
    """``frames(results, verdicts)``, or with ``kind`` only that table (InvalidArgumentError names the kinds)."""
    known = SCAN_KINDS + (VERDICT_KINDS if verdicts is not None and any(v is not None for v in verdicts) else ())
    if kind is not None and kind not in known:
        hint = "" if kind not in VERDICT_KINDS else " (the verdict tables need verdicts: results.with_verdicts(policy))"
        raise InvalidArgumentError(f"to_frame kind {kind!r}: one of {', '.join(known)}{hint}")
    tables = frames(results, verdicts)
    return tables if kind is None else tables[kind]


def verdict_summary_frame(items: Any) -> Any:
    """The verdict summary across many endpoints as a DataFrame: one row per top finding (id, title, severity,
    endpoints that have it, their share and subjects), most endpoints first. ``items``: Verdicts (or verdict
    documents), or a ``verdict_summary`` document (tlsready.verdict_summary). The readiness counts are in
    ``frame.attrs["readiness"]`` (and ``to_frame("readiness")`` of a judged collection)."""
    pandas()
    if isinstance(items, Mapping) and items.get("document") == "verdict_summary":
        summary: Mapping[str, Any] = items
    else:
        summary = _summary(facts.documents(items, "verdict"))
    readiness, top = _summary_rows(summary)
    frame = _frame("verdict_summary", top, COLUMNS["verdict_summary"])
    frame.attrs["readiness"] = {row["readiness"]: row["endpoints"] for row in readiness}
    frame.attrs["endpoints"] = int(summary.get("endpoints") or 0)
    return frame


def verdict_frame(verdict: Any) -> Any:
    """One verdict's findings, one row each (the ``findings`` table's verdict rows, with evidence counts)."""
    doc = facts.document(verdict, "verdict")
    rows = [{"result": 0, "endpoint": doc.get("subject"), "source": "verdict", "policy": doc.get("policy"),
             "code": item.get("id"), "severity": item.get("severity"), "detail": item.get("title")}
            for item in doc.get("findings") or ()]
    return _frame("findings", rows, COLUMNS["findings"])


def policy_report_frame(report: Any) -> Any:
    """A local-policy report's findings, one row each (evidence locations and observations joined by "; ")."""
    doc = facts.document(report, "report")
    rows = [{"platform": doc.get("platform"), "id": item.get("id"), "severity": item.get("severity"),
             "title": item.get("title"),
             "locations": "; ".join(str(e.get("location")) for e in item.get("evidence") or ()) or None,
             "observed": "; ".join(str(e.get("observed")) for e in item.get("evidence") or ()) or None,
             "why": item.get("why"), "fix": item.get("fix")} for item in doc.get("findings") or ()]
    return _frame("policy_findings", rows, COLUMNS["policy_findings"])


def machine_reach_frame(reach: Any) -> Any:
    """A machine reach document's stacks, one row each."""
    doc = facts.document(reach, "machine reach")
    policy = (doc.get("policy") or {}).get("id")
    rows = [{"policy": policy, **{name: stack.get(name) for name in ("id", "stack", "name", "reaches", "status",
                                                                       "version", "reason", "detail", "fix",
                                                                       "synthetic")},
             "offered_versions": _joined(stack.get("offered_versions") or ()),
             "cipher_suite": (stack.get("cipher_suite") or {}).get("name"),
             "group": (stack.get("group") or {}).get("name")} for stack in doc.get("stacks") or ()]
    return _frame("machine_reach", rows, COLUMNS["machine_reach"])
