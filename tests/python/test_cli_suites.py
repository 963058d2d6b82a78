"""`tlsready suites` and tlsready.cipher_suite(s): the registry through its binding, the same JSON objects
as the C ABI (tlsr_cipher_suite_*) and a scan's accepted suites."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import tlsready
from conftest import address, endpoint, run_cli
from tlsready import _native

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def suite_validator() -> jsonschema.Draft202012Validator:
    scan_schema = json.loads((ROOT / "native" / "schema" / "endpoint-scan.schema.json").read_text())
    schema = {**scan_schema["$defs"]["cipher_suite"], "$defs": scan_schema["$defs"]}
    return jsonschema.Draft202012Validator(schema)


def test_a_suite_by_code_iana_name_and_openssl_name_is_one_object():
    by_code = tlsready.cipher_suite(0x000A)
    assert by_code.name == "TLS_RSA_WITH_3DES_EDE_CBC_SHA"
    assert by_code.code == "0x000A" and by_code.code_point == 0x000A
    assert by_code.weak is True
    assert {"triple_des", "rsa_key_transport", "cbc_sha1"} <= set(by_code.weaknesses)
    assert by_code.openssl_name == "DES-CBC3-SHA" and by_code.bits == 112
    assert by_code.protocols == ("SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2")
    assert tlsready.cipher_suite("0x000a") == by_code
    assert tlsready.cipher_suite("0x00,0x0A") == by_code
    assert tlsready.cipher_suite("tls_rsa_with_3des_ede_cbc_sha") == by_code
    assert tlsready.cipher_suite(by_code.openssl_name.lower()) == by_code
    assert repr(by_code).startswith("CipherSuite(0x000A TLS_RSA_WITH_3DES_EDE_CBC_SHA, 112 bits, weaknesses=[")
    assert isinstance(by_code, tlsready.CipherSuite)


def test_the_python_objects_are_the_c_abi_json(suite_validator):
    raw = json.loads(_native.cipher_suite_by_code(0xC02F))
    suite = tlsready.cipher_suite("ECDHE-RSA-AES128-GCM-SHA256")
    assert suite.to_dict() == raw
    assert json.loads(suite.to_json()) == raw
    suite_validator.validate(raw)
    everything = tlsready.cipher_suites()
    assert len(everything) == len(json.loads(_native.cipher_suites())) > 300
    assert [s.code_point for s in everything] == sorted(s.code_point for s in everything)


def test_filters_weak_protocol_and_wildcards():
    weak = tlsready.cipher_suites(weak=True)
    assert weak and all(s.weak for s in weak)
    assert not any(s.weak for s in tlsready.cipher_suites(weak=False))
    tls13 = tlsready.cipher_suites(protocol="tlsv1.3")
    assert {s.name for s in tls13} >= {"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"}
    assert all(s.protocols == ("TLSv1.3",) for s in tls13)
    des3 = tlsready.cipher_suites("*3des*")
    assert des3 and all("3DES" in s.name for s in des3)


@pytest.mark.parametrize("bad, error, words", [
    (0x0A0A, tlsready.CipherSuiteNotFoundError, "cipher suite 0x0A0A is not in the registry"),
    ("TLS_NO_SUCH_SUITE", tlsready.CipherSuiteNotFoundError, "cipher suite 'TLS_NO_SUCH_SUITE' is not in the registry"),
    (0x10000, tlsready.InvalidArgumentError, r"code 0x10000 is not a 16-bit code point \(0x0000..0xFFFF\)"),
    ("0x10000", tlsready.InvalidArgumentError, "code 0x10000 is not a 16-bit code point"),
    (-1, tlsready.InvalidArgumentError, "code -0x1 is not a 16-bit code point"),
    (True, tlsready.InvalidArgumentError, "a code point or a name"),
    (None, tlsready.InvalidArgumentError, "a code point or a name"),
])
def test_an_unknown_or_bad_suite_is_an_error_naming_it(bad, error, words):
    with pytest.raises(error, match=words):
        tlsready.cipher_suite(bad)


def test_the_binding_checks_the_code_range_itself():
    with pytest.raises(ValueError, match="65536 is not a 16-bit code point"):
        _native.cipher_suite_by_code(0x10000)
    assert _native.cipher_suite_by_code(0x0A0A) is None  # GREASE: not in the registry
    assert _native.cipher_suite_by_name("") is None


def test_not_found_is_a_lookup_error_and_bad_filters_are_argument_errors():
    with pytest.raises(LookupError):
        tlsready.cipher_suite("nope")
    with pytest.raises(tlsready.InvalidArgumentError, match="protocol must be one of"):
        tlsready.cipher_suites(protocol="TLSv9")


def test_cli_looks_up_by_code_iana_and_openssl_name():
    proc = run_cli("suites", "0x000a")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("0x000A  TLS_RSA_WITH_3DES_EDE_CBC_SHA")
    assert "weak:" in proc.stdout
    assert run_cli("suites", "TLS_RSA_WITH_3DES_EDE_CBC_SHA").stdout == proc.stdout
    assert run_cli("suites", "des-cbc3-sha").stdout == proc.stdout
    assert proc.stderr == ""


def test_cli_json_is_one_registry_object_per_line(suite_validator):
    proc = run_cli("suites", "0x1301", "0xC02F", "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [json.loads(_native.cipher_suite_by_code(c)) for c in (0x1301, 0xC02F)]
    for line in lines:
        suite_validator.validate(json.loads(line))


def test_cli_weak_lists_only_weak_suites():
    proc = run_cli("suites", "--weak", "--json")
    assert proc.returncode == 0
    documents = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(documents) == len(tlsready.cipher_suites(weak=True))
    assert all(d["weak"] for d in documents)
    assert run_cli("suites", "0x1301", "--weak").stdout == ""  # sound: filtered out, not an error
    tls13 = run_cli("suites", "--protocol", "TLSv1.3").stdout.splitlines()
    assert len(tls13) == len(tlsready.cipher_suites(protocol="TLSv1.3"))


def test_cli_unknown_suite_is_exit_2_with_a_message_and_the_known_ones_still_shown():
    proc = run_cli("suites", "0x000A", "TLS_NO_SUCH_SUITE", "0x0A0A")
    assert proc.returncode == 2
    assert proc.stdout.startswith("0x000A")
    assert proc.stderr.splitlines() == ["tlsready: cipher suite 'TLS_NO_SUCH_SUITE' is not in the registry",
                                        "tlsready: cipher suite 0x0A0A is not in the registry"]
    assert "Traceback" not in proc.stderr
    nothing = run_cli("suites", "*NO_SUCH*")
    assert nothing.returncode == 2 and "no cipher suite matches '*NO_SUCH*'" in nothing.stderr
    assert run_cli("suites", "--protocol", "TLSv9").returncode == 2


def test_a_scanned_suite_is_the_registry_suite(lab):
    # One type for one suite: what a server accepted equals what the registry holds for its code.
    result = tlsready.scan(address(endpoint(lab, "tls12_13_server_pref")), sni="localhost", timeout=3, ca_file=lab["ca_file"])
    accepted = [suite for protocol in result.protocols for suite in protocol.suites]
    assert accepted
    for suite in accepted:
        assert isinstance(suite, tlsready.CipherSuite)
        assert tlsready.cipher_suite(suite.code) == suite
