"""pandas DataFrames (``to_frame()``): one tidy table per concern, on a result and on a collection, the
verdict tables after ``with_verdicts``, and the optional dependencies: ``import tlsready`` imports neither
pandas nor matplotlib, and without pandas ``to_frame()`` raises tlsready.MissingDependencyError."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import tlsready
from conftest import ROOT, address, endpoint
from scan_documents import legacy_endpoint

LAB_NAMES = ("tls13_only", "tls12_13_server_pref", "tls10_legacy_3des_rc4", "expired_cert", "rsa1024_sha1",
             "dhe_1024", "hostile_refused")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=ROOT / "tests" / "python")


def test_import_tlsready_and_its_html_do_not_import_pandas_or_matplotlib():
    done = _python("import sys, tlsready\n"
                   "from scan_documents import legacy_endpoint\n"
                   "result = legacy_endpoint()\n"
                   "result._repr_html_(); tlsready.ScanResults([result, result])._repr_html_()\n"
                   "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'matplotlib', 'numpy')))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_pandas_to_frame_says_what_to_install():
    done = _python("import sys; sys.modules['pandas'] = None\n"  # `import pandas` raises ImportError
                   "import tlsready\n"
                   "from scan_documents import legacy_endpoint\n"
                   "for call in (lambda: legacy_endpoint().to_frame(), lambda: tlsready.ScanResults().to_frame(),\n"
                   "             lambda: tlsready.verdict_summary_frame([])):\n"
                   "    try:\n"
                   "        call()\n"
                   "    except tlsready.MissingDependencyError as error:\n"
                   "        assert isinstance(error, tlsready.Error) and isinstance(error, ImportError)\n"
                   "        print(error)\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 3
    assert all("needs pandas" in line and "pip install tlsready[pandas]" in line for line in lines)


pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def results(lab: dict[str, Any]) -> tlsready.ScanResults:
    targets = [address(endpoint(lab, name)) for name in LAB_NAMES]
    return tlsready.ScanResults(tlsready.scan(targets, sni="localhost", timeout=2, ca_file=lab["ca_file"]))


def test_a_collection_gives_one_tidy_table_per_concern(results):
    frames = results.to_frame()
    assert list(frames) == ["endpoints", "protocols", "suites", "certificates", "errors", "findings"]
    assert frames.suites is frames["suites"] and "suites" in repr(frames)
    with pytest.raises(AttributeError, match="the tables are endpoints"):
        frames.verdicts  # noqa: B018

    endpoints = frames.endpoints
    assert list(endpoints.endpoint) == [result.target for result in results]
    assert list(endpoints.status) == [result.raw["status"] for result in results]
    for row, result in zip(endpoints.itertuples(), results):
        flags = endpoints.loc[row.Index, list(tlsready._html_facts.VERSIONS)]
        accepted = [version for version, flag in flags.items() if not pd.isna(flag) and bool(flag)]
        assert set(accepted) == set(result.accepted_versions)
        assert row.weaknesses == len(result.weaknesses)
    legacy = endpoints.set_index("endpoint").loc[results[LAB_NAMES.index("tls10_legacy_3des_rc4")].target]
    assert bool(legacy["legacy"]) and legacy["oldest_version"] == "TLSv1.0" and legacy["weak_suites"] == 3
    refused = endpoints.iloc[LAB_NAMES.index("hostile_refused")]
    assert refused.error_kind == "connection_refused" and pd.isna(refused["TLSv1.2"])

    protocols = frames.protocols
    assert len(protocols) == sum(len(result.raw["protocols"]) for result in results)
    assert protocols.version.cat.ordered and list(protocols.version.cat.categories)[-1] == "TLSv1.3"
    suites = frames.suites
    assert len(suites) == sum(len(p["cipher_suites"]) for result in results for p in result.raw["protocols"])
    pref = suites[(suites.endpoint == results[1].target) & (suites.version == "TLSv1.3")].sort_values("preference")
    assert list(pref.code) == ["0x1303", "0x1301", "0x1302"]  # the lab's server order
    weak = suites[suites.weak.fillna(False)]
    assert set(weak.endpoint) == {results[LAB_NAMES.index("tls10_legacy_3des_rc4")].target}
    dhe = protocols[(protocols.endpoint == results[LAB_NAMES.index("dhe_1024")].target) & protocols.accepted]
    assert list(dhe.dh_bits) == [1024]

    certificates = frames.certificates
    assert len(certificates) == sum(len((result.raw["certificate"] or {}).get("chain") or ()) for result in results)
    leaves = certificates[certificates.position == 0]
    weak_leaf = leaves.set_index("endpoint").loc[results[LAB_NAMES.index("rsa1024_sha1")].target]
    assert weak_leaf.key_bits == 1024 and "sha1" in weak_leaf.signature_algorithm.lower()

    errors = frames.errors
    assert list(errors[errors.scope == "endpoint"].kind) == ["connection_refused"]

    findings = frames.findings
    expected = sum(len(result.weaknesses) + len((result.raw["certificate"] or {}).get("problems") or ())
                   for result in results)
    assert len(findings) == expected
    expired = findings[(findings.endpoint == results[LAB_NAMES.index("expired_cert")].target)]
    assert "expired" in set(expired[expired.source == "certificate"].code)
    assert "tls1_0_accepted" in set(findings[findings.source == "weakness"].code)


def test_judged_collections_add_verdicts_clients_readiness_and_the_summary(results):
    judged = results.with_verdicts("m365", clients=True)
    assert judged == results and results.verdicts is None and len(judged.verdicts) == len(results)
    frames = judged.to_frame()
    assert list(frames)[6:] == ["verdicts", "clients", "readiness", "verdict_summary"]
    verdicts = frames.verdicts
    assert list(verdicts.readiness) == [item.readiness for item in judged.verdicts]
    assert verdicts.readiness.cat.ordered
    assert list(frames.endpoints.readiness) == list(verdicts.readiness)
    legacy = verdicts.iloc[LAB_NAMES.index("tls10_legacy_3des_rc4")]
    assert legacy.readiness == "not_ready" and legacy.failing_clients > 0
    clients = frames.clients
    assert len(clients) == sum(len(item.clients) for item in judged.verdicts)
    failing = clients[(clients.result == legacy.result) & (clients.status == "fails")]
    assert set(failing.client_id) == set(judged.verdicts[legacy.result].failing_clients)

    summary = tlsready.verdict_summary(judged.verdicts)
    readiness = frames.readiness.set_index("readiness").endpoints
    assert readiness.to_dict() == summary["readiness"] and readiness.sum() == len(results)
    top = frames.verdict_summary
    assert list(top.id) == [item["id"] for item in summary["top_findings"]]
    assert list(top.endpoints) == [item["endpoints"] for item in summary["top_findings"]]
    assert (top.share <= 1).all()
    verdict_findings = frames.findings[frames.findings.source == "verdict"]
    assert len(verdict_findings) == sum(len(item.findings) for item in judged.verdicts)

    # the same summary from the verdicts or from the summary document
    by_items = tlsready.verdict_summary_frame(judged.verdicts)
    by_document = tlsready.verdict_summary_frame(summary)
    pd.testing.assert_frame_equal(by_items, by_document)
    assert by_items.attrs["readiness"] == summary["readiness"] and by_items.attrs["endpoints"] == len(results)
    pd.testing.assert_frame_equal(by_items.reset_index(drop=True), top.reset_index(drop=True), check_like=True)


def test_one_kind_a_single_result_and_bad_kinds(results):
    suites = results.to_frame("suites")
    assert isinstance(suites, pd.DataFrame) and suites.attrs["kind"] == "suites"
    one = results[1].to_frame("suites")
    assert list(one.code) == list(suites[suites.result == 1].code)
    assert set(results[0].to_frame()) == {"endpoints", "protocols", "suites", "certificates", "errors", "findings"}
    with pytest.raises(tlsready.InvalidArgumentError, match="to_frame kind 'bogus': one of endpoints, protocols"):
        results.to_frame("bogus")
    with pytest.raises(tlsready.InvalidArgumentError, match=r"need verdicts: results.with_verdicts\(policy\)"):
        results.to_frame("verdicts")
    with pytest.raises(tlsready.InvalidArgumentError, match="simulate, what_if and client_ids go with clients=True"):
        results.with_verdicts("m365", simulate=True)
    with pytest.raises(tlsready.InvalidArgumentError, match="no-such-policy"):
        results.with_verdicts("no-such-policy")


def test_an_empty_collection_and_read_back_documents_have_every_column():
    empty = tlsready.ScanResults().to_frame()
    for kind, table in empty.items():
        assert table.empty and list(table.columns) == [name for name, _ in tlsready._frames.COLUMNS[kind]]
    saved = [json.loads(legacy_endpoint(port).to_json()) for port in (1, 2)]  # as `tlsready scan --jsonl` writes
    frames = tlsready._frames.frames(saved)
    assert list(frames.endpoints.port) == [1, 2] and list(frames.suites.name.unique()) == [
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"]
    assert str(frames.endpoints.started_at.dtype).startswith("datetime64[ns, UTC]")


def test_verdict_policy_report_and_machine_reach_frames(results):
    verdict = results[LAB_NAMES.index("tls10_legacy_3des_rc4")].verdict("m365")
    assert list(verdict.to_frame().code) == list(verdict.finding_ids)
    report = tlsready.audit_registry_export(ROOT / "tests" / "data" / "reg" / "scenarios" / "win7_sp1_untouched.reg")
    findings = report.to_frame()
    assert list(findings.id) == [finding.id for finding in report.findings]
    assert (findings.platform == "windows").all()
    reach = report.against("m365")
    stacks = reach.to_frame()
    assert list(stacks.id) == [stack.id for stack in reach.stacks]
    assert int((stacks.reaches == False).sum()) == len(reach.failing) > 0  # noqa: E712
