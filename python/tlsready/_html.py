"""HTML views for notebooks (``_repr_html_``): a card per endpoint, a sortable table for many, and views of
verdicts, local-policy reports and machine reach.

Self-contained: inline ``style`` attributes (no ``<style>`` sheet a sanitiser could drop, no external CSS,
JavaScript, fonts or images) and one small inline ``onclick`` sorter on each table header; without script
(an untrusted notebook, GitHub's viewer) the table is still complete, only not sortable. Every text taken
from a document goes through ``html.escape``: a certificate subject or a target may be hostile.

Reads the JSON documents only (see _html_facts), so it works for any result object with ``raw`` or
``to_dict()``, and for plain documents.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any, Iterable, Mapping, Optional, Sequence

from tlsready import _html_facts as facts

# Rows of a collection's table and cards below it: beyond these a notebook output grows past what a
# browser shows comfortably; the note under the table says how many were left out (to_frame() has all).
MAX_TABLE_ROWS = 1000
MAX_CARDS = 50
_MAX_LISTED = 8  # weak suites, findings, clients named in one card before "and N more"

_TEXT = "#1f2328"
_MUTED = "#57606a"
_GOOD = "#1a7f37"
_BAD = "#cf222e"
_WARN = "#9a6700"
_BOX = ("border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;margin:4px 0;background:#ffffff;"
        f"color:{_TEXT};font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;"
        "line-height:1.45;max-width:64em")
_CHIP = "display:inline-block;padding:0 6px;margin:1px 2px 1px 0;border-radius:10px;font-size:12px;"
_STATE_STYLE = {
    "modern": f"{_CHIP}background:{_GOOD};color:#ffffff;font-weight:600",
    "legacy": f"{_CHIP}background:{_BAD};color:#ffffff;font-weight:600",
    "refused": f"{_CHIP}background:#eaeef2;color:{_MUTED};text-decoration:line-through",
    "unknown": f"{_CHIP}background:#fff8c5;color:{_WARN};border:1px dashed {_WARN}",
}
_STATE_TITLE = {"modern": "accepted", "legacy": "accepted (legacy: should be refused)", "refused": "refused",
                "unknown": "not known: not probed, or the probe did not conclude"}
_READINESS_COLOUR = {"ready": _GOOD, "ready_with_warnings": _WARN, "not_ready": _BAD, "unknown": _MUTED}
_SEVERITY_COLOUR = {"critical": _BAD, "high": _BAD, "medium": _WARN, "low": _MUTED, "info": _MUTED}
_REACH = {True: ("reaches", _GOOD), False: ("fails", _BAD), None: ("unknown", _MUTED)}

# One header's click sorts its table's body by that column: numerically when both keys are numbers
# (the data-sort attribute of each cell), else as text; a second click reverses. No global names.
_SORTER = ("(function(h){var t=h.closest('table'),b=t.tBodies[0],i=h.cellIndex,"
           "d=h.getAttribute('data-dir')==='asc'?'desc':'asc';h.setAttribute('data-dir',d);"
           "var r=Array.prototype.slice.call(b.rows);r.sort(function(x,y){"
           "var p=x.cells[i].getAttribute('data-sort'),q=y.cells[i].getAttribute('data-sort'),"
           "m=parseFloat(p),n=parseFloat(q),v=(!isNaN(m)&&!isNaN(n))?m-n:p.localeCompare(q);"
           "return d==='asc'?v:-v;});r.forEach(function(e){b.appendChild(e);});})(this)")


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _chip(text: Any, colour: str, title: Any = None, filled: bool = True) -> str:
    style = (f"{_CHIP}background:{colour};color:#ffffff" if filled
             else f"{_CHIP}border:1px solid {colour};color:{colour}")
    title_attr = f' title="{_e(title)}"' if title else ""
    return f'<span style="{style}"{title_attr}>{_e(text)}</span>'


def _more(shown: Sequence[str], total: int) -> str:
    text = ", ".join(shown)
    return text + (f" and {total - len(shown)} more" if total > len(shown) else "")


def _version_state(version: str, state: str) -> str:
    if state == "accepted":
        return "modern" if version in facts.MODERN else "legacy"
    return state


def version_row(doc: Mapping[str, Any]) -> str:
    """The versions as a coloured row: accepted TLS 1.3/1.2 green, accepted 1.1/1.0/SSL red, refused struck
    through, unknown dashed."""
    chips = []
    for version, state in facts.protocol_states(doc).items():
        kind = _version_state(version, state)
        chips.append(f'<span style="{_STATE_STYLE[kind]}" title="{_e(version)}: {_STATE_TITLE[kind]}">'
                     f'{_e(facts.VERSION_LABELS[version])}</span>')
    return "".join(chips)


def readiness_badge(readiness: str, title: Any = None) -> str:
    return _chip(readiness.replace("_", " "), _READINESS_COLOUR.get(readiness, _MUTED), title)


def _row(label: str, content: str) -> str:
    return f'<div><span style="color:{_MUTED}">{_e(label)}</span> {content}</div>'


def _weak_suites_row(doc: Mapping[str, Any]) -> str:
    by_name: dict[str, tuple[list[str], list[str]]] = {}  # suite name -> (versions, weakness codes)
    for version, suite in facts.weak_suites(doc):
        versions, codes = by_name.setdefault(str(suite.get("name")), ([], []))
        versions.append(version)
        codes.extend(code for code in suite.get("weaknesses") or () if code not in codes)
    if not by_name:
        return ""
    items = [f'<code style="color:{_BAD}">{_e(name)}</code> <span style="color:{_MUTED}">'
             f'({_e(", ".join(versions))}{": " + _e(", ".join(codes)) if codes else ""})</span>'
             for name, (versions, codes) in list(by_name.items())[:_MAX_LISTED]]
    return _row(f"\u26a0 weak suites ({len(by_name)}):", _more(items, len(by_name)))


def _certificate_rows(doc: Mapping[str, Any]) -> str:
    cert = facts.certificate(doc)
    leaf = facts.leaf(doc)
    if cert is None or leaf is None:
        return ""
    key = f"{leaf.get('key_type')} {leaf.get('key_bits')}"
    expiry = cert.get("days_until_expiry")
    parts = [f"<b>{_e(leaf.get('subject'))}</b>"]
    if not leaf.get("self_signed"):
        parts.append(f'<span style="color:{_MUTED}">issued by</span> {_e(leaf.get("issuer"))}')
    parts.append(f'<span style="color:{_MUTED}">{_e(key)}, {_e(leaf.get("signature_algorithm"))}, '
                 f'until {_e(leaf.get("not_after"))}'
                 + (f" ({_e(expiry)} days)" if expiry is not None else "") + "</span>")
    problems = facts.certificate_problems(doc)
    if problems:
        status = "".join(_chip(problem.get("code"), _BAD, problem.get("message")) for problem in problems)
    elif cert.get("trusted"):
        status = _chip("\u2713 trusted", _GOOD)
    else:
        status = _chip("not verified", _MUTED, cert.get("verify_error"))
    return _row("certificate:", " ".join(parts)) + _row("", status)


def _weakness_row(doc: Mapping[str, Any]) -> str:
    weaknesses = list(doc.get("weaknesses") or ())
    if not weaknesses:
        return _row("weaknesses:", _chip("none found", _GOOD, filled=False)) if doc.get("status") == "ok" else ""
    return _row(f"weaknesses ({len(weaknesses)}):",
                "".join(_chip(item.get("code"), _BAD, item.get("detail"), filled=False) for item in weaknesses))


def _notes_rows(doc: Mapping[str, Any]) -> str:
    rows = []
    for found in doc.get("intolerances") or ():
        what = str(found.get("kind")) + (f" {found['extension']}" if found.get("extension") else "")
        rows.append(_row("intolerance:", f"{_e(what)} ({_e(', '.join(found.get('versions') or ()))}): "
                                         f"{_e(found.get('detail'))}"))
    for scope, check in facts.failed_checks(doc):
        reason = f" ({check.get('reason')})" if check.get("reason") else ""
        rows.append(_row("note:", f"{_e(scope)} check {_e(check.get('status'))}{_e(reason)}"
                                  + (f": {_e(check.get('detail'))}" if check.get("detail") else "")))
    return "".join(rows)


def _verdict_rows(verdict: Mapping[str, Any], summary: bool = True) -> str:
    """Rows of a verdict in a card; ``summary`` False leaves out the readiness and the findings (shown in
    a table instead)."""
    findings = list(verdict.get("findings") or ())
    readiness = str(verdict.get("readiness"))
    rows = [_row(f"readiness ({verdict.get('policy_name') or verdict.get('policy')}):",
                 readiness_badge(readiness, f"policy {verdict.get('policy')}"))] if summary else []
    if findings and summary:
        items = [_chip(item.get("id"), _SEVERITY_COLOUR.get(str(item.get("severity")), _MUTED),
                       f"{item.get('severity')}: {item.get('title')}") for item in findings[:_MAX_LISTED]]
        rows.append(_row(f"findings ({len(findings)}):", "".join(items)
                         + (f" and {len(findings) - _MAX_LISTED} more" if len(findings) > _MAX_LISTED else "")))
    inconclusive = list(verdict.get("inconclusive") or ())
    if inconclusive:
        rows.append(_row("not judged:", _e(_more([str(item) for item in inconclusive[:3]], len(inconclusive)))))
    failing = facts.failing_clients(verdict)
    if failing:
        names = [f'<span title="{_e(item.get("reason"))}: {_e(item.get("detail"))}">{_e(item.get("client_name"))}'
                 "</span>" for item in failing[:_MAX_LISTED]]
        rows.append(_row(f"failing clients ({len(failing)}):", f'<span style="color:{_BAD}">'
                                                               f"{_more(names, len(failing))}</span>"))
    elif verdict.get("clients"):
        rows.append(_row("clients:", _chip(f"all {len(verdict['clients'])} connect or unknown", _GOOD,
                                           filled=False)))
    return "".join(rows)


def endpoint_card(result: Any, verdict: Any = None) -> str:
    """One endpoint as a compact card; with its ``verdict`` (a Verdict or verdict document), its readiness,
    findings and failing clients too."""
    doc = facts.document(result)
    verdict_doc = facts.document(verdict, "verdict") if verdict is not None else None
    target = doc.get("target") or {}
    head = [f'<b style="font-size:14px">{_e(facts.target_label(doc))}</b>']
    if target.get("sni"):
        head.append(f'<span style="color:{_MUTED}">SNI {_e(target["sni"])}</span>')
    if facts.starttls(doc):
        head.append(_chip(f"STARTTLS {facts.starttls(doc)}", _MUTED, filled=False))
    if verdict_doc is not None:
        head.append(readiness_badge(str(verdict_doc.get("readiness")), verdict_doc.get("policy_name")))
    elapsed = doc.get("elapsed_ms")
    facts_line = [str(doc.get("address") or "")] if doc.get("address") else []
    facts_line.append(f"{doc.get('connections', 0)} connections")
    if isinstance(elapsed, (int, float)):
        facts_line.append(f"{elapsed / 1000:.2f} s")
    head.append(f'<span style="color:{_MUTED};font-size:12px">{_e(" · ".join(facts_line))}</span>')
    parts = [f'<div style="{_BOX}">', f"<div>{' '.join(head)}</div>"]
    error = doc.get("error")
    if error:
        parts.append(f'<div style="color:{_BAD}"><b>{_e(error.get("kind"))}</b>: {_e(error.get("message"))}</div>')
    if doc.get("protocols") or not error:
        parts.append(f'<div style="margin:3px 0">{version_row(doc)}</div>')
    parts.append(_weak_suites_row(doc))
    parts.append(_certificate_rows(doc))
    parts.append(_weakness_row(doc))
    parts.append(_notes_rows(doc))
    if verdict_doc is not None:
        parts.append(_verdict_rows(verdict_doc))
    parts.append("</div>")
    return "".join(parts)


class Cell:
    """One table cell: its HTML, the key the sorter compares (a number or text) and an optional style."""

    __slots__ = ("content", "key", "style", "title")

    def __init__(self, content: str, key: Any = None, style: str = "", title: Any = None) -> None:
        self.content = content
        self.key = key
        self.style = style
        self.title = title


def sortable_table(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A table whose headers sort it (click: ascending, again: descending)."""
    cell_style = "padding:2px 8px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top"
    header = "".join(f'<th style="{cell_style};cursor:pointer;white-space:nowrap" title="click to sort" '
                     f'onclick="{_e(_SORTER)}">{_e(name)} \u21c5</th>' for name in columns)
    body = []
    for row in rows:
        cells = []
        for cell in row:
            key = "" if cell.key is None else cell.key
            title = f' title="{_e(cell.title)}"' if cell.title else ""
            cells.append(f'<td style="{cell_style};{cell.style}" data-sort="{_e(key)}"{title}>{cell.content}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table style="border-collapse:collapse;font-size:12px;color:{_TEXT};background:#ffffff">'
            f"<thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _version_cell(version: str, state: str) -> Cell:
    kind = _version_state(version, state)
    mark = {"modern": "\u2713", "legacy": "\u2713", "refused": "\u00b7", "unknown": "?"}[kind]
    colour = {"modern": f"background:{_GOOD};color:#ffffff", "legacy": f"background:{_BAD};color:#ffffff",
              "refused": f"color:{_MUTED}", "unknown": f"background:#fff8c5;color:{_WARN}"}[kind]
    key = {"accepted": 2, "unknown": 1, "refused": 0}[state]
    return Cell(mark, key, f"{colour};text-align:center", f"{version}: {_STATE_TITLE[kind]}")


def _endpoint_row(doc: Mapping[str, Any], verdict: Optional[Mapping[str, Any]], with_verdicts: bool,
                  with_clients: bool) -> list[Cell]:
    label = facts.target_label(doc) + (f" ({facts.starttls(doc)})" if facts.starttls(doc) else "")
    error = doc.get("error") or {}
    status = str(error.get("kind")) if error else "ok"
    cells = [Cell(_e(label), label), Cell(_e(status), status, f"color:{_BAD}" if error else "",
                                          error.get("message") if error else None)]
    states = facts.protocol_states(doc)
    cells.extend(_version_cell(version, states[version]) for version in facts.VERSIONS)
    suites = facts.weak_suites(doc)
    cells.append(Cell(str(len(suites)), len(suites), f"color:{_BAD}" if suites else "",
                      ", ".join(sorted({str(suite.get('name')) for _, suite in suites}))))
    codes = [str(item.get("code")) for item in doc.get("weaknesses") or ()]
    cells.append(Cell(str(len(codes)), len(codes), f"color:{_BAD}" if codes else "", ", ".join(codes)))
    cert = facts.certificate(doc)
    leaf = facts.leaf(doc)
    problems = [str(problem.get("code")) for problem in facts.certificate_problems(doc)]
    if cert is None or leaf is None:
        cells.append(Cell("\u2014", -1))
        cells.append(Cell("", ""))
    else:
        text = ", ".join(problems) if problems else "ok"
        cells.append(Cell(_e(text), len(problems), f"color:{_BAD}" if problems else f"color:{_GOOD}",
                          leaf.get("subject")))
        expiry = cert.get("days_until_expiry")
        cells.append(Cell("" if expiry is None else _e(expiry), "" if expiry is None else expiry))
    if with_verdicts:
        if verdict is None:
            cells.append(Cell("", ""))
        else:
            readiness = str(verdict.get("readiness"))
            rank = facts.READINESS.index(readiness) if readiness in facts.READINESS else len(facts.READINESS)
            ids = [str(item.get("id")) for item in verdict.get("findings") or ()]
            cells.append(Cell(readiness_badge(readiness), rank, title=", ".join(ids)))
    if with_clients:
        failing = facts.failing_clients(verdict)
        cells.append(Cell(str(len(failing)) if verdict and verdict.get("clients") else "", len(failing),
                          f"color:{_BAD}" if failing else "",
                          ", ".join(str(item.get("client_name")) for item in failing)))
    elapsed = doc.get("elapsed_ms")
    seconds = elapsed / 1000 if isinstance(elapsed, (int, float)) else None
    cells.append(Cell("" if seconds is None else f"{seconds:.2f}", "" if seconds is None else f"{seconds:.3f}"))
    return cells


def _summary_line(docs: Sequence[Mapping[str, Any]], verdicts: Sequence[Optional[Mapping[str, Any]]]) -> str:
    failed = [doc for doc in docs if doc.get("error")]
    parts = [f"<b>{len(docs)} endpoints</b>: {len(docs) - len(failed)} scanned, "
             + (f'<span style="color:{_BAD}">{len(failed)} failed</span>' if failed else "0 failed")]
    legacy = Counter(version for doc in docs for version in facts.accepted_versions(doc)
                     if version not in facts.MODERN)
    if legacy:
        parts.append("accept " + ", ".join(
            f'<span style="color:{_BAD}">{_e(facts.VERSION_LABELS[v])}: {legacy[v]}</span>'
            for v in facts.VERSIONS if legacy[v]))
    else:
        parts.append(f'<span style="color:{_GOOD}">no legacy version accepted</span>')
    judged = [verdict for verdict in verdicts if verdict is not None]
    if judged:
        counts = facts.readiness_counts(judged)
        parts.append(" ".join(readiness_badge(name, None) + f" {count}" for name, count in counts.items() if count))
    return "; ".join(parts)


def results_html(results: Sequence[Any], verdicts: Optional[Sequence[Any]] = None) -> str:
    """A collection: one card for one endpoint; for more, a summary line, a sortable table (one row per
    endpoint) and the cards of the first endpoints in a collapsed section. ``verdicts``: one Verdict (or
    None) per result, in the same order."""
    docs = facts.documents(results)
    pairs = list(verdicts) if verdicts is not None else []
    verdict_docs = [facts.document(item, "verdict") if item is not None else None for item in pairs]
    verdict_docs += [None] * (len(docs) - len(verdict_docs))
    if not docs:
        return f'<div style="{_BOX}">No results.</div>'
    if len(docs) == 1:
        return endpoint_card(docs[0], verdict_docs[0])
    with_verdicts = any(item is not None for item in verdict_docs)
    with_clients = any(item is not None and item.get("clients") for item in verdict_docs)
    columns = ["endpoint", "status", *(facts.VERSION_LABELS[v] for v in facts.VERSIONS), "weak suites",
               "weaknesses", "certificate", "expires (days)"]
    columns += ["readiness"] if with_verdicts else []
    columns += ["failing clients"] if with_clients else []
    columns.append("seconds")
    shown = list(zip(docs, verdict_docs))[:MAX_TABLE_ROWS]
    table = sortable_table(columns, (_endpoint_row(doc, verdict, with_verdicts, with_clients)
                                     for doc, verdict in shown))
    notes = ""
    if len(docs) > MAX_TABLE_ROWS:
        notes = (f'<div style="color:{_MUTED}">The first {MAX_TABLE_ROWS} of {len(docs)} endpoints; '
                 "to_frame() has every one.</div>")
    cards = "".join(endpoint_card(doc, verdict) for doc, verdict in list(zip(docs, verdict_docs))[:MAX_CARDS])
    more = f" (the first {MAX_CARDS})" if len(docs) > MAX_CARDS else ""
    return (f'<div style="{_BOX};max-width:none"><div>{_summary_line(docs, verdict_docs)}</div>{table}{notes}'
            f'<details><summary style="cursor:pointer">cards{more}</summary>{cards}</details></div>')


def verdict_html(verdict: Any) -> str:
    """One verdict: readiness, every finding with its evidence count and fix, what was not judged, failing
    clients."""
    doc = facts.document(verdict, "verdict")
    head = (f"<div><b>{_e(doc.get('subject'))}</b> against {_e(doc.get('policy_name'))} "
            f"({_e(doc.get('policy'))}) {readiness_badge(str(doc.get('readiness')))}</div>")
    rows = [[Cell(_chip(item.get("severity"), _SEVERITY_COLOUR.get(str(item.get("severity")), _MUTED)),
                  _severity_rank(item.get("severity"))),
             Cell(f"<code>{_e(item.get('id'))}</code>", item.get("id")),
             Cell(_e(item.get("title")), item.get("title"),
                  title="; ".join(f"{e.get('location')}: {e.get('observed')}" for e in item.get("evidence") or ())),
             Cell(_e(item.get("fix")), item.get("fix"))]
            for item in doc.get("findings") or ()]
    table = sortable_table(["severity", "id", "finding", "fix"], rows) if rows else ""
    rest = _verdict_rows(doc, summary=False)
    return f'<div style="{_BOX}">{head}{table}{rest}</div>'


def _severity_rank(severity: Any) -> int:
    order = ("critical", "high", "medium", "low", "info")
    return order.index(severity) if severity in order else len(order)


def policy_report_html(report: Any) -> str:
    """A local-policy report: platform, summary counts and its findings (severity, id, title, fix)."""
    doc = facts.document(report, "report")
    summary = doc.get("summary") or {}
    counts = ", ".join(f"{_e(name)} {_e(value)}" for name, value in summary.items())
    rows = [[Cell(_chip(item.get("severity"), _SEVERITY_COLOUR.get(str(item.get("severity")), _MUTED)),
                  _severity_rank(item.get("severity"))),
             Cell(f"<code>{_e(item.get('id'))}</code>", item.get("id")),
             Cell(_e(item.get("title")), item.get("title"),
                  title="; ".join(f"{e.get('location')}: {e.get('observed')}" for e in item.get("evidence") or ())),
             Cell(_e(item.get("fix")), item.get("fix"))]
            for item in doc.get("findings") or ()]
    table = sortable_table(["severity", "id", "finding", "fix"], rows) if rows else "<div>No findings.</div>"
    return (f'<div style="{_BOX};max-width:none"><div><b>{_e(doc.get("platform"))} TLS policy</b> '
            f'<span style="color:{_MUTED}">{counts}</span></div>{table}</div>')


def machine_reach_html(reach: Any) -> str:
    """A machine's stacks against a policy's servers: reaches or not, with what, why not and the fix."""
    doc = facts.document(reach, "machine reach")
    summary = doc.get("summary") or {}
    rows = []
    for stack in doc.get("stacks") or ():
        label, colour = _REACH.get(stack.get("reaches"), _REACH[None])
        suite = stack.get("cipher_suite") or {}
        rows.append([Cell(_e(stack.get("name")), stack.get("name"), title=stack.get("id")),
                     Cell(_chip(label, colour), label),
                     Cell(_e(stack.get("version") or ""), stack.get("version") or ""),
                     Cell(_e(suite.get("name") or ""), suite.get("name") or ""),
                     Cell(_e(stack.get("reason") or ""), stack.get("reason") or "", title=stack.get("detail")),
                     Cell(_e(stack.get("fix") or ""), stack.get("fix") or "")])
    colour = _GOOD if summary.get("all_reach") else _BAD
    policy = doc.get("policy") or {}
    return (f'<div style="{_BOX};max-width:none"><div><b>{_e(policy.get("name") or policy.get("id"))}</b> '
            f'<span style="color:{colour}">{_e(summary.get("line"))}</span></div>'
            + sortable_table(["stack", "reaches", "version", "cipher suite", "reason", "fix"], rows) + "</div>")


_LEGACY_PROTOCOLS = ("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")


def _protocol_chips(protocols: Mapping[str, Any]) -> str:
    return "".join(_chip(f"{name} {count}", _BAD if name in _LEGACY_PROTOCOLS else
                         (_GOOD if name in ("TLSv1.2", "TLSv1.3") else _MUTED), filled=name in _LEGACY_PROTOCOLS)
                   for name, count in protocols.items())


def _names(entry: Mapping[str, Any], member: str) -> str:
    names = entry.get(member)
    if not isinstance(names, Mapping):
        return ""
    listed = [str(name) for name in names.get("names") or ()]
    more = int(names.get("more") or 0)
    return ", ".join(listed) + (f" and {more} more" if more else "")


def legacy_clients_html(report: Any) -> str:
    """A legacy-clients document: totals, the clients with a legacy use (sortable, most legacy uses first),
    the uses per day and what each file held that could not be read."""
    doc = facts.document(report, "legacy clients")
    totals = doc.get("totals") or {}
    sources = list(doc.get("sources") or ())
    legacy = int(totals.get("legacy_uses") or 0)
    head = (f"<div><b>{_e(totals.get('uses', 0))} TLS uses</b> in {len(sources)} file(s): "
            + (f'<span style="color:{_BAD}"><b>{_e(legacy)}</b> with TLS older than 1.2</span>' if legacy
               else f'<span style="color:{_GOOD}">none with TLS older than 1.2</span>')
            + f" {_protocol_chips(totals.get('protocols') or {})}</div>")
    clients = doc.get("clients") or {}
    rows = []
    for item in list(clients.get("items") or ())[:MAX_TABLE_ROWS]:
        agent = item.get("user_agent") or item.get("client_name") or ""
        rows.append([Cell(_e(item.get("client_address") or ""), item.get("client_address") or ""),
                     Cell(_e(agent), agent),
                     Cell(_e(item.get("legacy_uses", 0)), item.get("legacy_uses", 0), f"color:{_BAD}"),
                     Cell(_e(item.get("uses", 0)), item.get("uses", 0)),
                     Cell(_protocol_chips(item.get("protocols") or {}), ""),
                     Cell(_e(item.get("first_legacy_use") or ""), item.get("first_legacy_use") or ""),
                     Cell(_e(item.get("last_legacy_use") or ""), item.get("last_legacy_use") or ""),
                     Cell(_e(_names(item, "users")), _names(item, "users")),
                     Cell(_e(_names(item, "sites") or _names(item, "servers")),
                          _names(item, "sites") or _names(item, "servers"))])
    table = (sortable_table(["client", "agent / EHLO", "legacy uses", "uses", "protocols", "first legacy use",
                             "last legacy use", "users", "sites / servers"], rows) if rows else "")
    left_off = int(clients.get("left_off") or 0) + max(0, len(clients.get("items") or ()) - MAX_TABLE_ROWS)
    notes = (f'<div style="color:{_MUTED}">{_e(left_off)} more clients not shown (to_frame() has every one '
             "the document keeps).</div>") if left_off else ""
    days = [[Cell(_e(day.get("day")), day.get("day")),
             Cell(_e(day.get("legacy_uses", 0)), day.get("legacy_uses", 0),
                  f"color:{_BAD}" if day.get("legacy_uses") else ""),
             Cell(_e(day.get("uses", 0)), day.get("uses", 0)),
             Cell(_protocol_chips(day.get("protocols") or {}), "")] for day in doc.get("days") or ()]
    per_day = (f'<details><summary style="cursor:pointer">per day ({len(days)})</summary>'
               + sortable_table(["day", "legacy uses", "uses", "protocols"], days) + "</details>") if days else ""
    problems = []
    for source in sources:
        read = source.get("read") or {}
        issues = [f"{read[key]} {label}" for key, label in (("malformed", "malformed"),
                                                             ("without_tls_fields", "without the TLS fields"),
                                                             ("unknown_values", "with unknown values"))
                  if read.get(key)]
        if read.get("unterminated_last_line"):
            issues.append("last line cut off")
        if issues:
            problems.append(_row(f"{source.get('file')} ({source.get('format')}):", _e(", ".join(issues))))
    return (f'<div style="{_BOX};max-width:none">{head}{table}{notes}{per_day}{"".join(problems)}</div>')
