"""The Python API: typed results, classified errors instead of exceptions, bad input rejected."""

from __future__ import annotations

import pytest

import tlsready
from conftest import address, endpoint


def test_scan_reports_tls13_only_endpoint(lab):
    item = endpoint(lab, "tls13_only")
    result = tlsready.scan_endpoint(address(item), sni="localhost", timeout=3, ca_file=lab["ca_file"])
    assert result.ok, result.error_message
    assert result.accepted_versions == ("TLSv1.3",)
    tls13 = next(p for p in result.protocols if p.version == "TLSv1.3")
    wanted = {int(code, 16) for code in item["expect"]["protocols"]["TLSv1.3"]["cipher_suites"]}
    found = {int(suite["code"], 16) for p in result.raw["protocols"] if p["version"] == "TLSv1.3"
             for suite in p["cipher_suites"]}
    assert found == wanted
    assert tls13.cipher_suites  # IANA names
    assert result.certificate is not None and result.certificate.trusted


def test_scan_returns_results_in_target_order_and_streams_each(lab):
    names = ["tls12_13_server_pref", "hostile_refused", "self_signed"]
    seen = []
    results = tlsready.scan([address(endpoint(lab, n)) for n in names], sni="localhost", timeout=2,
                            ca_file=lab["ca_file"], on_result=seen.append)
    assert [r.target for r in results] == [address(endpoint(lab, n)) for n in names]
    assert len(seen) == 3
    assert results[1].error_kind == "connection_refused"
    assert results[2].certificate is not None and results[2].certificate.self_signed


def test_unreachable_endpoint_is_a_result_not_an_exception(lab):
    result = tlsready.scan_endpoint(address(endpoint(lab, "hostile_http")), timeout=2)
    assert not result.ok
    assert result.error_kind == "not_tls"
    assert "HTTP" in (result.error_message or "")


@pytest.mark.parametrize("bad", ["", "host:0", "host:99999", "[::1", "bad host:443"])
def test_invalid_targets_raise_invalid_argument_naming_the_input(bad):
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.scan([bad], timeout=1)


def test_invalid_options_raise_invalid_argument():
    with pytest.raises(tlsready.InvalidArgumentError, match="timeout"):
        tlsready.scan(["127.0.0.1:1"], timeout=-1)
    with pytest.raises(tlsready.InvalidArgumentError, match="STARTTLS"):
        tlsready.scan(["127.0.0.1:1"], starttls="gopher")


def test_result_round_trips_through_json_and_renders_html(lab):
    result = tlsready.scan_endpoint(address(endpoint(lab, "self_signed")), sni="localhost", timeout=2)
    assert tlsready.EndpointResult(result.to_dict()) == result
    assert "TLS 1.3" in result._repr_html_() and result.target in result._repr_html_()  # the card (test_html.py)
    assert result.raw["schema_version"] == tlsready.SCHEMA_VERSION
