"""The closing summary of a multi-target scan: scanned / failed by kind, legacy versions, weakest findings."""

from __future__ import annotations

import tlsready
from conftest import address, endpoint
from scan_documents import failed_endpoint, legacy_endpoint, modern_endpoint
from tlsready._scan_summary import format_summary


def test_summary_counts_failures_by_kind_with_their_endpoints():
    results = [modern_endpoint(1), failed_endpoint(2, "timeout"), failed_endpoint(3, "connection_refused"),
               failed_endpoint(4, "timeout")]
    lines = format_summary(results).splitlines()
    assert lines[0] == "Summary: 4 endpoints, 1 scanned, 3 failed"
    assert "  failed  timeout: 2 (127.0.0.1:2, 127.0.0.1:4)" in lines
    assert "  failed  connection_refused: 1 (127.0.0.1:3)" in lines
    assert lines.index("  failed  timeout: 2 (127.0.0.1:2, 127.0.0.1:4)") < lines.index(
        "  failed  connection_refused: 1 (127.0.0.1:3)")  # most frequent first


def test_summary_counts_legacy_versions_and_names_the_endpoints():
    lines = format_summary([legacy_endpoint(10), legacy_endpoint(11), modern_endpoint(12)]).splitlines()
    assert "  accept TLSv1.0  2 (127.0.0.1:10, 127.0.0.1:11)" in lines
    assert "  accept TLSv1.1  0" in lines
    assert "  accept SSLv3    0" in lines
    assert "  accept SSLv2    0" in lines


def test_summary_lists_weakest_findings_counted_most_widespread_first():
    results = [legacy_endpoint(10), modern_endpoint(12), legacy_endpoint(11)]
    text = format_summary(results)
    lines = text.splitlines()
    start = lines.index("  weakest findings (weakness: endpoints)")
    findings = [line.split()[0] for line in lines[start + 1:]]
    assert findings == ["triple_des", "rsa_key_transport", "cbc_sha1", "dh_below_2048"]
    assert "    triple_des         2 endpoints: 127.0.0.1:10, 127.0.0.1:11" in lines
    assert "tls1_0_accepted" not in text  # shown in the accept lines instead


def test_summary_cuts_long_endpoint_lists():
    text = format_summary([legacy_endpoint(port) for port in range(20, 28)])
    assert "127.0.0.1:24 and 3 more" in text


def test_summary_of_clean_endpoints():
    assert format_summary([modern_endpoint(1)]).splitlines()[-1] == "  weakest findings: none"


def test_summary_of_lab_scan(lab):
    names = ["tls10_legacy_3des_rc4", "tls10_12_client_pref", "rsa1024_sha1", "hostile_refused"]
    results = tlsready.scan([address(endpoint(lab, n)) for n in names], sni="localhost", timeout=2,
                            ca_file=lab["ca_file"])
    text = format_summary(results)
    assert text.splitlines()[0] == "Summary: 4 endpoints, 3 scanned, 1 failed"
    assert f"  failed  connection_refused: 1 ({address(endpoint(lab, 'hostile_refused'))})" in text
    assert "  accept TLSv1.0  2 (" in text
    assert "  accept TLSv1.1  1 (" in text
    assert "    rsa_key_transport " in text and "certificate_sha1_signature" in text
