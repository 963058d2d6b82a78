"""One tlsready.Error hierarchy: what the package raises derives from it, names the failing input,
and the native core's error kinds arrive as their typed subclasses. Runs without the lab."""

from __future__ import annotations

import inspect
import json
from typing import Any, Callable

import pytest

import tlsready
from tlsready import _native
from tlsready._errors import native_errors

ERRORS = [obj for name, obj in vars(tlsready).items()
          if name in tlsready.__all__ and inspect.isclass(obj) and issubclass(obj, BaseException)]


def test_every_exported_error_is_a_tlsready_error_but_the_interrupt() -> None:
    assert {e.__name__ for e in ERRORS} >= {"Error", "InvalidArgumentError", "ResultFormatError", "NotFoundError",
                                            "UnsupportedError", "InternalError", "ScanInterruptedError"}
    for error in ERRORS:
        if error in (tlsready.ScanInterruptedError, tlsready.SimulationInterruptedError):  # Ctrl-C stays an interrupt
            assert issubclass(error, KeyboardInterrupt) and not issubclass(error, Exception)
        else:
            assert issubclass(error, tlsready.Error), error


@pytest.mark.parametrize("raised, expected, builtin", [
    (ValueError("scan request: target 0: bad"), tlsready.InvalidArgumentError, ValueError),
    (RuntimeError("std::logic_error: oops"), tlsready.InternalError, RuntimeError),
    (NotImplementedError("the live registry is only readable on Windows"), tlsready.UnsupportedError,
     NotImplementedError),
])
def test_native_error_kinds_map_to_typed_subclasses(raised: Exception, expected: type, builtin: type) -> None:
    with pytest.raises(expected) as caught:
        with native_errors("policy 'x'"):
            raise raised
    assert isinstance(caught.value, tlsready.Error) and isinstance(caught.value, builtin)
    assert str(caught.value) == f"policy 'x': {raised}"


def test_a_tlsready_error_passes_through_unchanged() -> None:
    original = tlsready.NotFoundError("client 'x'")
    with pytest.raises(tlsready.NotFoundError) as caught:
        with native_errors("what"):
            raise original
    assert caught.value is original and str(original) == "client 'x'"  # not KeyError's quoted form


def bad_calls() -> list[tuple[str, Callable[[], Any], str]]:
    scan_document = json.dumps(__import__("scan_documents").legacy_endpoint().to_dict())
    return [
        ("scan: a bad target", lambda: tlsready.scan("127.0.0.1:99999", timeout=1), "99999"),
        ("scan: a bad option", lambda: tlsready.scan("127.0.0.1:1", timeout=-1), "timeout"),
        ("scan: unknown STARTTLS", lambda: tlsready.scan("127.0.0.1:1", starttls="gopher", timeout=1), "gopher"),
        ("scan_many: a bad URL", lambda: tlsready.scan_many(["nntp://127.0.0.1"]), "nntp://127.0.0.1"),
        ("verdict: unknown policy", lambda: tlsready.verdict(scan_document, "no-such-policy"), "no-such-policy"),
        ("client impact: unknown client", lambda: tlsready.client_impact(scan_document, clients=["nobody-1"]),
         "nobody-1"),
        ("registry audit: missing file", lambda: tlsready.audit_registry_export("/nonexistent/x.reg"),
         "/nonexistent/x.reg"),
        ("result: not a document", lambda: tlsready.EndpointResult.from_dict({"schema_version": "2.0"}), "missing"),
        ("outcome: unknown client", lambda: tlsready.client_impact(scan_document).outcome("nobody-2"), "nobody-2"),
    ]


@pytest.mark.parametrize("what, call, named", bad_calls(), ids=[c[0] for c in bad_calls()])
def test_bad_input_raises_a_tlsready_error_naming_it(what: str, call: Callable[[], Any], named: str) -> None:
    with pytest.raises(tlsready.Error) as caught:
        call()
    assert named in str(caught.value), what


def test_a_lookup_that_finds_nothing_is_also_a_key_error() -> None:
    impact = tlsready.client_impact(json.dumps(__import__("scan_documents").modern_endpoint().to_dict()))
    with pytest.raises(KeyError):
        impact.outcome("nobody")
    with pytest.raises(tlsready.NotFoundError, match="'nobody'"):
        impact.outcome("nobody")


def test_the_binding_turns_bad_input_into_value_error_naming_it() -> None:
    # The raw binding's kinds, which native_errors maps (tlsready/_errors.py's table).
    with pytest.raises(ValueError, match="no-such-policy"):
        _native.policy_document("no-such-policy")
    with pytest.raises(ValueError, match="timeout"):
        _native.ScanSession("[]", "{}").next(-1.0)
