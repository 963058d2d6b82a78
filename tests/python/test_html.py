"""Notebook HTML (``_repr_html_``): a card per endpoint with its versions coloured, weak suites and
certificate problems flagged and, after a verdict, readiness and failing clients; a sortable table for
many; views of verdicts, local-policy reports and machine reach. Everything escaped (a hostile
certificate subject and target), nothing external, the header sorter run in node."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import pytest

import tlsready
from conftest import ROOT, address, endpoint
from scan_documents import document, legacy_endpoint, protocol, suite
from tlsready import _html

LAB_NAMES = ("tls13_only", "tls12_13_server_pref", "tls10_legacy_3des_rc4", "expired_cert", "rsa1024_sha1",
             "hostile_refused")
GREEN, RED = "#1a7f37", "#cf222e"


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def chips(self) -> dict[str, str]:
        """title -> style of every span with a title (the version chips: 'TLSv1.0: accepted ...')."""
        return {attrs["title"]: attrs.get("style", "") for tag, attrs in self.tags if tag == "span" and "title" in attrs}

    def all_text(self) -> str:
        return "".join(self.text)


def _only_our_script(html: str) -> Parsed:
    """The fragment has no script, style, link, img, iframe or remote URL; the only event handler is the
    header sorter."""
    parsed = Parsed(html)
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "style", "link", "img", "iframe", "object", "embed", "svg", "meta"}, tag
        for name, value in attrs.items():
            if name.startswith("on"):
                assert (tag, name, value) == ("th", "onclick", _html._SORTER)
            assert "http:" not in value and "https:" not in value and "url(" not in value, (name, value)
    return parsed


@pytest.fixture(scope="module")
def scanned(lab: dict[str, Any]) -> dict[str, tlsready.EndpointResult]:
    targets = [address(endpoint(lab, name)) for name in LAB_NAMES]
    results = list(tlsready.scan(targets, sni="localhost", timeout=2, ca_file=lab["ca_file"]))
    return dict(zip(LAB_NAMES, results))


def test_card_colours_each_version_by_whether_it_should_be_accepted():
    parsed = _only_our_script(legacy_endpoint()._repr_html_())
    chips = parsed.chips()
    assert f"background:{RED}" in chips["TLSv1.0: accepted (legacy: should be refused)"]
    assert f"background:{GREEN}" in chips["TLSv1.2: accepted"]
    assert "line-through" in chips["TLSv1.3: refused"]
    # SSLv2, SSLv3 and TLSv1.1 were not probed in this document: not known, not "refused"
    assert sum(title.endswith("not probed, or the probe did not conclude") for title in chips) == 3
    text = parsed.all_text()
    assert "TLS_RSA_WITH_3DES_EDE_CBC_SHA" in text and "triple_des" in text and "dh_below_2048" in text


def test_lab_cards_flag_weak_suites_and_certificate_problems(scanned):
    legacy = _only_our_script(scanned["tls10_legacy_3des_rc4"]._repr_html_())
    assert f"background:{RED}" in legacy.chips()["TLSv1.0: accepted (legacy: should be refused)"]
    assert "weak suites (3)" in legacy.all_text()
    for name in ("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"):
        assert name in legacy.all_text()

    modern = _only_our_script(scanned["tls13_only"]._repr_html_())
    assert f"background:{GREEN}" in modern.chips()["TLSv1.3: accepted"]
    assert not any("legacy" in title for title in modern.chips())
    assert "weak suites" not in modern.all_text() and "\u2713 trusted" in modern.all_text()

    expired = _only_our_script(scanned["expired_cert"]._repr_html_())
    problem = scanned["expired_cert"].raw["certificate"]["problems"]
    assert "expired" in {item["code"] for item in problem}
    assert any(title == next(p["message"] for p in problem if p["code"] == "expired")
               for title in expired.chips())

    weak_key = _only_our_script(scanned["rsa1024_sha1"]._repr_html_()).all_text()
    assert "certificate_sha1_signature" in weak_key and "certificate_rsa_key_below_2048" in weak_key

    refused = _only_our_script(scanned["hostile_refused"]._repr_html_()).all_text()
    assert "connection_refused" in refused


def test_card_of_a_judged_endpoint_shows_readiness_findings_and_failing_clients(scanned):
    judged = tlsready.ScanResults([scanned["tls10_legacy_3des_rc4"]]).with_verdicts("m365", clients=True)
    verdict = judged.verdicts[0]
    assert verdict.readiness == "not_ready" and verdict.failing_clients
    parsed = _only_our_script(judged._repr_html_())  # one result: its card
    text = parsed.all_text()
    assert "readiness (" in text and "not ready" in text
    for finding_id in verdict.finding_ids[:8]:
        assert finding_id in text
    assert f"failing clients ({len(verdict.failing_clients)})" in text
    names = {item["client_name"] for item in verdict.clients if item["status"] == "fails"}
    assert any(name in text for name in names)


def test_many_results_give_a_sortable_table_with_readiness(scanned):
    results = tlsready.ScanResults(scanned.values()).with_verdicts("m365")
    parsed = _only_our_script(results._repr_html_())
    headers = [attrs for tag, attrs in parsed.tags if tag == "th"]
    assert len(headers) == 2 + 6 + 4 + 1 + 1  # endpoint, status, 6 versions, 4 counts, readiness, seconds
    assert all(attrs["onclick"] == _html._SORTER for attrs in headers)
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr"]
    assert len(rows) == 1 + len(LAB_NAMES)
    cells = [attrs for tag, attrs in parsed.tags if tag == "td"]
    assert all("data-sort" in attrs for attrs in cells)
    text = parsed.all_text()
    assert f"{len(LAB_NAMES)} endpoints" in text and "1 failed" in text and "not ready" in text
    for result in scanned.values():
        assert result.target in text


def test_many_results_cap_the_table_and_the_cards():
    docs = [legacy_endpoint(port).raw for port in range(1, _html.MAX_TABLE_ROWS + 3)]
    html = _html.results_html(docs)
    parsed = Parsed(html)
    assert sum(tag == "tr" for tag, _ in parsed.tags) == 1 + _html.MAX_TABLE_ROWS
    assert f"The first {_html.MAX_TABLE_ROWS} of {len(docs)} endpoints" in parsed.all_text()
    assert html.count("127.0.0.1:1002") == 0 and "cards (the first 50)" in parsed.all_text()
    assert _html.results_html([]).count("No results") == 1


def test_the_header_sorter_sorts_numbers_and_text_both_ways():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the inline sorter is not run")
    # A minimal DOM: a table whose header runs _html._SORTER as its onclick (`this` is the header cell).
    script = """
const sorter = new Function(process.argv[1]);
const rows = JSON.parse(process.argv[2]).map(keys => ({cells: keys.map(k => ({getAttribute: () => k}))}));
const body = {rows: rows.slice(),
              appendChild(row) { this.rows.splice(this.rows.indexOf(row), 1); this.rows.push(row); }};
const table = {tBodies: [body]};
const headers = [0, 1].map(i => ({cellIndex: i, attrs: {}, closest: () => table,
                                  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
                                  setAttribute(n, v) { this.attrs[n] = v; }}));
const out = [];
for (const i of [0, 0, 1, 1]) {
  sorter.call(headers[i]);
  out.push(body.rows.map(r => r.cells[i].getAttribute("data-sort")));
}
console.log(JSON.stringify(out));
"""
    rows = [["10", "b.example"], ["9", "a.example"], ["100", "c.example"], ["-1", "d.example"]]
    done = subprocess.run([node, "-e", script, _html._SORTER, json.dumps(rows)], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    numbers_up, numbers_down, text_up, text_down = json.loads(done.stdout)
    assert numbers_up == ["-1", "9", "10", "100"]  # numerically, not as text ("10" < "9")
    assert numbers_down == ["100", "10", "9", "-1"]
    assert text_up == ["a.example", "b.example", "c.example", "d.example"]
    assert text_down == ["d.example", "c.example", "b.example", "a.example"]


HOSTILE = "<script>alert('x')</script>&\"<img src=x onerror=alert(1)>"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def hostile_server(tmp_path: Path) -> Iterator[str]:
    """openssl s_server on 127.0.0.1 with a certificate whose subject and SAN are HTML with script."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subject = "/CN=" + HOSTILE.replace("/", "\\/") + "/O=" + "<b>bold</b>".replace("/", "\\/")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", subject, "-addext", "subjectAltName=DNS:<svg onload=x>"],
                   check=True, capture_output=True, timeout=60)
    for _ in range(3):
        port = _free_port()
        server = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert", str(cert),
                                   "-key", str(key), "-quiet", "-no_ticket"],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)
        if server.poll() is None:
            break
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.kill()
        server.wait(timeout=10)


def test_a_hostile_certificate_and_target_are_escaped_everywhere(hostile_server):
    result = tlsready.scan([hostile_server], timeout=2)[0]
    leaf = result.raw["certificate"]["chain"][0]
    # the engine writes the subject RFC 4514 style (\\< \\>): still markup to a browser
    assert "<script" in leaf["subject"] and "<b" in leaf["subject"]
    assert "DNS:<svg onload=x>" in leaf["subject_alt_names"]
    # The API refuses such a target name; a document read back from a tampered .jsonl file may still
    # carry one, in the target, the error and the weaknesses.
    tampered = result.to_dict()
    tampered["target"]["host"] = HOSTILE
    tampered["target"]["sni"] = HOSTILE
    tampered["status"] = "error"
    tampered["error"] = {"kind": "timeout", "message": HOSTILE, "elapsed_ms": 1.0}
    # (a weakness code outside the schema is refused by the reader, ResultFormatError; its detail is free text)
    tampered["weaknesses"] = [{"code": "rc4", "detail": HOSTILE}]
    unsafe = tlsready.EndpointResult(tampered)
    both = tlsready.ScanResults([result, unsafe])
    for html in (result._repr_html_(), unsafe._repr_html_(), both._repr_html_(),
                 _html.results_html(both, [result.verdict("m365"), None]), result.verdict("m365")._repr_html_(),
                 _html.endpoint_card(unsafe, result.verdict("m365"))):
        parsed = _only_our_script(html)
        assert "<script" not in html and "<svg" not in html and "<b>bold" not in html and "<img" not in html
        if "against Microsoft 365" not in parsed.all_text():  # a view of the scan, not the verdict alone
            assert "<script" in parsed.all_text()
    assert leaf["subject"] in Parsed(result._repr_html_()).all_text()  # shown as text
    card = Parsed(unsafe._repr_html_()).all_text()
    assert card.count(HOSTILE) >= 3  # the target's host, its SNI and the error message


def test_verdict_policy_report_and_machine_reach_render(scanned):
    verdict = scanned["tls10_legacy_3des_rc4"].verdict("m365")
    parsed = _only_our_script(verdict._repr_html_())
    assert all(finding_id in parsed.all_text() for finding_id in verdict.finding_ids)
    assert "not ready" in parsed.all_text()

    report = tlsready.audit_registry_export(ROOT / "tests" / "data" / "reg" / "scenarios" / "win7_sp1_untouched.reg")
    parsed = _only_our_script(report._repr_html_())
    assert report.findings and all(finding.id in parsed.all_text() for finding in report.findings)

    reach = report.against("m365")
    parsed = _only_our_script(reach._repr_html_())
    assert reach.summary_line in parsed.all_text()
    assert all(stack.name in parsed.all_text() for stack in reach.stacks)
    failing = [attrs for tag, attrs in parsed.tags if tag == "span" and f"background:{RED}" in attrs.get("style", "")]
    assert len(failing) == len(reach.failing) > 0


def test_cards_work_from_plain_documents_and_read_back_json():
    tdes = suite("0x000A", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", ["triple_des"], True)
    doc = document(1443, [protocol("SSLv3", "0x0300", [tdes]), protocol("TLSv1.2", "0x0303", [])], [])
    from_dict = _html.endpoint_card(doc)
    from_result = tlsready.EndpointResult(json.loads(json.dumps(doc)))._repr_html_()
    assert from_dict == from_result
    assert f"background:{RED}" in Parsed(from_dict).chips()["SSLv3: accepted (legacy: should be refused)"]
    with pytest.raises(tlsready.InvalidArgumentError, match="result: an EndpointResult"):
        _html.endpoint_card(42)
