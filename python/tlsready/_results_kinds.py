"""The closed vocabularies of the scan schema (native/schema/endpoint-scan.schema.json) as ``Literal``
types, so that mypy knows every value a field can hold. tests/python/test_typed_results.py checks
that each one equals the schema's enum (a new code in the schema fails that test until it is here).
"""

from __future__ import annotations

from typing import Literal, get_args

Status = Literal["ok", "error"]
StartTls = Literal["none", "smtp", "imap", "pop3", "ftp", "ldap", "postgres"]
# $defs/failure_kind (native/data/ledgers/failure_kinds.csv)
FailureKind = Literal["invalid_target", "name_not_resolved", "connection_refused", "network_unreachable", "timeout",
                      "connection_reset", "connection_closed", "not_tls", "handshake_refused", "protocol_error",
                      "starttls_failed", "cancelled", "endpoint_timeout", "flight_limit_exceeded", "internal"]
CheckStatus = Literal["completed", "failed", "skipped"]
RefusalKind = Literal["alert", "connection_reset", "connection_closed", "timeout", "unparseable_answer",
                      "wrong_version", "unoffered_suite", "no_common_cipher", "other"]
ProtocolName = Literal["SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
SuiteWeaknessCode = Literal["null_encryption", "export_grade", "anonymous", "rc4", "rc2", "des", "triple_des", "idea",
                            "md5_mac", "rsa_key_transport", "static_dh", "cbc_sha1"]
EndpointWeaknessCode = Literal["sslv2_accepted", "sslv3_accepted", "tls1_0_accepted", "tls1_1_accepted",
                               "null_encryption", "export_grade", "anonymous", "rc4", "rc2", "des", "triple_des",
                               "idea", "md5_mac", "rsa_key_transport", "static_dh", "cbc_sha1", "dh_below_2048",
                               "certificate_sha1_signature", "certificate_md5_signature",
                               "certificate_rsa_key_below_2048"]
CertificateSource = Literal["openssl_handshake", "raw_handshake"]
# $defs/certificate_problem_code (native/data/ledgers/certificate_problems.csv)
CertificateProblemCode = Literal["no_certificate", "unparsable_certificate", "untrusted", "expired", "expires_soon",
                                 "not_yet_valid", "validity_unreadable", "hostname_mismatch", "self_signed", "weak_key",
                                 "weak_signature_hash", "chain_out_of_order", "trust_store_unavailable",
                                 "ca_file_unusable"]
IntoleranceKind = Literal["hello_size", "suite_count", "extension"]

STATUS: tuple[str, ...] = get_args(Status)
STARTTLS: tuple[str, ...] = get_args(StartTls)
FAILURE_KINDS: tuple[str, ...] = get_args(FailureKind)
CHECK_STATUS: tuple[str, ...] = get_args(CheckStatus)
REFUSAL_KINDS: tuple[str, ...] = get_args(RefusalKind)
PROTOCOL_NAMES: tuple[str, ...] = get_args(ProtocolName)
# The versions a 16-bit cipher suite may be negotiated in (SSL 2.0 has its own 3-byte cipher kinds).
SUITE_PROTOCOL_NAMES: tuple[str, ...] = tuple(name for name in PROTOCOL_NAMES if name != "SSLv2")
SUITE_WEAKNESS_CODES: tuple[str, ...] = get_args(SuiteWeaknessCode)
ENDPOINT_WEAKNESS_CODES: tuple[str, ...] = get_args(EndpointWeaknessCode)
CERTIFICATE_SOURCES: tuple[str, ...] = get_args(CertificateSource)
CERTIFICATE_PROBLEM_CODES: tuple[str, ...] = get_args(CertificateProblemCode)
INTOLERANCE_KINDS: tuple[str, ...] = get_args(IntoleranceKind)
