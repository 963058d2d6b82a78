"""URL targets: the scheme implies the STARTTLS protocol and the default port; a bad one names the input.

The parser is native (native/src/probe/target_parse.cpp; Catch2 tests in
tests/native/probe/target_parse_test.cpp): these pin that Python gets it. Runs without the lab: port 1
of the loopback refuses at once.
"""

from __future__ import annotations

import pytest

import tlsready
from tlsready._targets import parse_url


@pytest.mark.parametrize("url, target, starttls", [
    ("https://127.0.0.1", "127.0.0.1:443", "none"),
    ("https://localhost:8443/path?q=1#x", "localhost:8443", "none"),
    ("HTTPS://[::1]:8443/", "[::1]:8443", "none"),
    ("https://[::1]", "[::1]:443", "none"),
    ("smtp://127.0.0.1", "127.0.0.1:25", "smtp"),
    ("submission://127.0.0.1", "127.0.0.1:587", "smtp"),
    ("smtps://127.0.0.1", "127.0.0.1:465", "none"),
    ("imap://127.0.0.1", "127.0.0.1:143", "imap"),
    ("imaps://127.0.0.1", "127.0.0.1:993", "none"),
    ("pop3://127.0.0.1", "127.0.0.1:110", "pop3"),
    ("pop3s://127.0.0.1", "127.0.0.1:995", "none"),
    ("ftp://127.0.0.1", "127.0.0.1:21", "ftp"),
    ("ftps://127.0.0.1", "127.0.0.1:990", "none"),
    ("ldap://127.0.0.1", "127.0.0.1:389", "ldap"),
    ("ldaps://127.0.0.1", "127.0.0.1:636", "none"),
    ("postgres://127.0.0.1", "127.0.0.1:5432", "postgres"),
    ("postgresql://127.0.0.1:6432/db", "127.0.0.1:6432", "postgres"),
])
def test_a_url_names_its_port_and_starttls(url, target, starttls):
    assert parse_url(url) == {"target": target, "starttls": starttls}


@pytest.mark.parametrize("url, words", [
    ("gopher://127.0.0.1", 'unknown scheme "gopher"'),
    ("https://", "no host"),
    ("https://:443", "no host"),
    ("https://user:pw@127.0.0.1", "no user name or password"),
    ("https://127.0.0.1:0", "port must be 1..65535"),
    ("https://127.0.0.1:", "port must be 1..65535"),
    ("https://127.0.0.1:65536", "port must be 1..65535"),
    ("https://127.0.0.1:x", "port must be 1..65535"),
    ("https://::1:443", "in brackets"),
    ("https://[::1", "without ']'"),
    ("https://[::1]x", "after the IPv6 address"),
    ("https://127.1", "write 127.0.0.1"),
])
def test_a_bad_url_is_rejected_naming_it(url, words):
    with pytest.raises(tlsready.InvalidArgumentError, match=words) as caught:
        parse_url(url)
    assert f'target "{url}"' in str(caught.value)


def test_a_starttls_url_is_scanned_with_its_protocol_on_its_port():
    result = tlsready.scan("smtp://127.0.0.1:1", timeout=1)
    assert result.target == "127.0.0.1:1"
    assert result.raw["target"]["starttls"] == "smtp"
    assert result.error_kind == "connection_refused"


def test_an_https_url_is_scanned_without_starttls():
    result = tlsready.scan("https://127.0.0.1:1/some/path", timeout=1)
    assert result.target == "127.0.0.1:1"
    plain = tlsready.scan("127.0.0.1:1", timeout=1)
    assert result.raw["target"] == plain.raw["target"]


def test_a_starttls_option_that_contradicts_the_url_names_both():
    with pytest.raises(tlsready.InvalidArgumentError, match='"imap://127.0.0.1:1" implies starttls "imap", but starttls "smtp" was given'):
        tlsready.scan("imap://127.0.0.1:1", starttls="smtp", timeout=1)
    result = tlsready.scan("imap://127.0.0.1:1", starttls="imap", timeout=1)
    assert result.raw["target"]["starttls"] == "imap"


def test_a_bad_url_in_a_list_fails_before_anything_is_scanned():
    with pytest.raises(tlsready.InvalidArgumentError, match="nntp://127.0.0.1"):
        tlsready.scan(["127.0.0.1:1", "nntp://127.0.0.1"], timeout=1)
