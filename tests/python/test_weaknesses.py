"""Weakness codes computed by the native core, against lab endpoints (tests/lab/endpoints.py)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

import tlsready
from conftest import address, endpoint

# The frozen codes, in catalogue order (native/src/assess/weaknesses.cpp cites a source for each).
SUITE_CODES = ["null_encryption", "export_grade", "anonymous", "rc4", "rc2", "des", "triple_des", "idea", "md5_mac",
               "rsa_key_transport", "static_dh", "cbc_sha1"]
ENDPOINT_CODES = (["sslv2_accepted", "sslv3_accepted", "tls1_0_accepted", "tls1_1_accepted"] + SUITE_CODES +
                  ["dh_below_2048", "certificate_sha1_signature", "certificate_md5_signature",
                   "certificate_rsa_key_below_2048"])


def scan(lab: dict[str, Any], name: str) -> tlsready.EndpointResult:
    result = tlsready.scan_endpoint(address(endpoint(lab, name)), sni="localhost", timeout=3, ca_file=lab["ca_file"])
    assert result.ok, result.error_message
    return result


def suite_codes(result: tlsready.EndpointResult, version: str, code: str) -> list[str]:
    for protocol in result.raw["protocols"]:
        if protocol["version"] == version:
            for suite in protocol["cipher_suites"]:
                if suite["code"] == code:
                    return list(suite["weaknesses"])
    raise KeyError((version, code))


def test_schema_enums_list_exactly_the_frozen_codes(schema):
    assert schema["$defs"]["suite_weakness_code"]["enum"] == SUITE_CODES
    assert schema["$defs"]["endpoint_weakness_code"]["enum"] == ENDPOINT_CODES
    assert "weaknesses" in schema["required"]
    assert "weaknesses" in schema["$defs"]["cipher_suite"]["required"]


def test_tls10_3des_rc4_endpoint(lab, schema):
    result = scan(lab, "tls10_legacy_3des_rc4")
    jsonschema.validate(result.raw, schema)
    assert result.weakness_codes == ("tls1_0_accepted", "rc4", "triple_des", "md5_mac", "rsa_key_transport",
                                     "cbc_sha1")
    assert suite_codes(result, "TLSv1.0", "0x0004") == ["rc4", "md5_mac", "rsa_key_transport"]
    assert suite_codes(result, "TLSv1.0", "0x000A") == ["triple_des", "rsa_key_transport", "cbc_sha1"]
    rc4 = next(w for w in result.weaknesses if w.code == "rc4")
    assert "TLS_RSA_WITH_RC4_128_MD5" in rc4.detail and "TLS_RSA_WITH_RC4_128_SHA" in rc4.detail
    tls10 = next(p for p in result.protocols if p.version == "TLSv1.0")
    assert tls10.suite_weaknesses["TLS_RSA_WITH_3DES_EDE_CBC_SHA"] == ("triple_des", "rsa_key_transport", "cbc_sha1")


def test_tls10_to_12_endpoint_marks_old_versions_and_cbc_sha1(lab, schema):
    result = scan(lab, "tls10_12_client_pref")
    jsonschema.validate(result.raw, schema)
    assert result.weakness_codes == ("tls1_0_accepted", "tls1_1_accepted", "rsa_key_transport", "cbc_sha1")
    assert suite_codes(result, "TLSv1.2", "0xC030") == []  # ECDHE-RSA-AES256-GCM-SHA384
    assert suite_codes(result, "TLSv1.2", "0x003C") == ["rsa_key_transport"]  # AES128-SHA256
    assert suite_codes(result, "TLSv1.2", "0xC013") == ["cbc_sha1"]  # ECDHE-RSA-AES128-SHA


def test_rsa1024_sha1_certificate(lab, schema):
    result = scan(lab, "rsa1024_sha1")
    jsonschema.validate(result.raw, schema)
    assert result.weakness_codes == ("certificate_sha1_signature", "certificate_rsa_key_below_2048")
    assert all("leaf certificate" in w.detail for w in result.weaknesses)


def test_dhe_1024_and_dhe_2048(lab):
    weak = scan(lab, "dhe_1024")
    assert weak.weakness_codes == ("dh_below_2048",)
    assert "1024-bit DH prime in TLSv1.2" in weak.weaknesses[0].detail
    assert scan(lab, "dhe_2048").weakness_codes == ()


def test_ssl_endpoints(lab, schema):
    sslv3 = scan(lab, "sslv3_scripted")
    jsonschema.validate(sslv3.raw, schema)
    assert sslv3.weakness_codes[0] == "sslv3_accepted"
    assert {"rc4", "triple_des", "rsa_key_transport"} <= set(sslv3.weakness_codes)
    assert scan(lab, "sslv2_scripted").weakness_codes[0] == "sslv2_accepted"


@pytest.mark.parametrize("name", ["tls13_only", "tls12_13_server_pref"])
def test_modern_endpoints_have_no_weakness_beyond_their_suites(lab, name):
    result = scan(lab, name)
    # tls12_13_server_pref offers ECDHE-RSA-AES128-SHA (CBC with SHA-1); nothing else is weak there
    assert set(result.weakness_codes) <= {"cbc_sha1"}


def test_error_results_carry_an_empty_weakness_list(lab, schema):
    result = tlsready.scan_endpoint(address(endpoint(lab, "hostile_refused")), timeout=2)
    assert not result.ok
    jsonschema.validate(result.raw, schema)
    assert result.weaknesses == ()
