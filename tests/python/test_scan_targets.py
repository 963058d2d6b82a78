"""Targets and options: scan exactly what was asked, or raise InvalidArgumentError naming the input.

Runs without the lab: 127.0.0.1:1 refuses at once (nothing listens on port 1 of the loopback).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import tlsready

REFUSED = "127.0.0.1:1"


def test_a_string_is_one_target_not_its_characters():
    result = tlsready.scan(REFUSED, timeout=1)
    assert isinstance(result, tlsready.EndpointResult)
    assert result.target == REFUSED
    assert result.error_kind == "connection_refused"


def test_a_dict_is_one_target_not_its_keys():
    result = tlsready.scan({"host": "127.0.0.1", "port": 1}, timeout=1)
    assert isinstance(result, tlsready.EndpointResult) and result.target == REFUSED


def test_a_target_object_is_one_target():
    result = tlsready.scan(tlsready.Target("127.0.0.1", 1, starttls="smtp"), timeout=1)
    assert isinstance(result, tlsready.EndpointResult) and result.target == REFUSED
    assert result.endpoint == tlsready.Target("127.0.0.1", 1, None, "smtp")


def test_an_iterable_gives_one_target_per_item_in_order():
    results = tlsready.scan(iter([REFUSED, {"target": "127.0.0.1:2"}, ("[::1]:1")]), timeout=1)
    assert isinstance(results, tlsready.ScanResults) and isinstance(results, list)
    assert [r.target for r in results] == [REFUSED, "127.0.0.1:2", "[::1]:1"]


def test_a_list_of_one_target_is_a_list_of_one_result():
    results = tlsready.scan([REFUSED], timeout=1)
    assert isinstance(results, tlsready.ScanResults) and [r.target for r in results] == [REFUSED]
    assert tlsready.scan([], timeout=1) == []


@pytest.mark.parametrize("bad, words", [
    (Path("targets.txt"), "not a path"),
    (b"127.0.0.1:1", "not bytes"),
    (42, "iterable"),
    (None, "iterable"),
    ([REFUSED, 42], "target 1"),
    ([REFUSED, None], "target 1"),
    ([Path("x")], "target 0"),
    ([{"host": "127.0.0.1", "port": math.nan}], "target 0"),
    ([{"host": "127.0.0.1", "port": object()}], "target 0"),
])
def test_things_that_are_not_targets_are_rejected_naming_the_item(bad, words):
    with pytest.raises(tlsready.InvalidArgumentError, match=words):
        tlsready.scan(bad, timeout=1)


@pytest.mark.parametrize("target, shown", [
    ("::1:443", r"\[::1\]:443"),
    ("127.1", "write 127.0.0.1"),
    ("127.1:443", "write 127.0.0.1"),
    ("2130706433", "write 127.0.0.1"),
    ("0177.0.0.1", "write 127.0.0.1"),
    ("0x7f.0.0.1", "write 127.0.0.1"),
    ("-1", "'-'"),
    ("a..b:443", "empty label"),
    ("local\u200bhost:443", "non-ASCII"),
    ("x" * 64 + ".test", "longer than 63"),
    ("gopher://localhost:8443/", 'unknown scheme "gopher"'),  # URLs: test_scan_url_targets.py
])
def test_targets_that_would_scan_something_else_are_rejected(target, shown):
    with pytest.raises(tlsready.InvalidArgumentError, match=shown):
        tlsready.scan([target], timeout=1)


def test_object_targets_check_their_host_too():
    with pytest.raises(tlsready.InvalidArgumentError, match="write 127.0.0.1"):
        tlsready.scan([{"host": "127.1", "port": 443}], timeout=1)


@pytest.mark.parametrize("sni, shown", [
    ("a" * 256, "longer than"),
    ("local\nhost", "control"),
    ("127.0.0.1", "RFC 6066"),
    ("::1", "RFC 6066"),
])
def test_sni_is_checked_like_a_host_name(sni, shown):
    with pytest.raises(tlsready.InvalidArgumentError, match=shown):
        tlsready.scan([REFUSED], sni=sni, timeout=1)


def test_no_ip_literal_is_sent_as_sni():
    for target in (REFUSED, "[::1]:1"):
        assert not tlsready.scan_endpoint(target, timeout=1).raw["target"]["sni"]


@pytest.mark.parametrize("option, value", [
    ("timeout", math.nan), ("timeout", math.inf), ("timeout", -math.inf), ("timeout", 0), ("timeout", -1),
    ("timeout", 1e9), ("timeout", True), ("timeout", "5"), ("timeout", None),
    ("concurrency", 0), ("concurrency", -1), ("concurrency", 2.5), ("concurrency", 10**6), ("concurrency", True),
    ("concurrency", math.nan),
])
def test_numbers_are_validated_naming_the_option(option, value):
    with pytest.raises(tlsready.InvalidArgumentError, match=f"^{option} must be") as raised:
        tlsready.scan([REFUSED], **{option: value})
    assert "JSON" not in str(raised.value)


def test_ca_file_problems_are_argument_errors_naming_the_file(tmp_path):
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("hello\n")
    missing = tmp_path / "missing.pem"
    for path, problem in ((missing, "does not exist"), (tmp_path, "is a directory"), (not_pem, "no PEM certificate")):
        with pytest.raises(tlsready.InvalidArgumentError, match=problem) as raised:
            tlsready.scan([REFUSED], ca_file=str(path), timeout=1)
        assert str(path) in str(raised.value)
    with pytest.raises(tlsready.InvalidArgumentError, match="does not exist"):
        tlsready.scan([REFUSED], ca_file=missing, timeout=1)  # a PathLike names the file as well
