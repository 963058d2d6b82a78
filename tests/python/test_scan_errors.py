"""Errors at the scan API's edge: Ctrl-C is not an Exception, and a callback's exception is its own.

Targets are closed ports on 127.0.0.1 (a refused connection is a result, found at once), so these
tests need no lab.
"""

from __future__ import annotations

import socket

import pytest

import tlsready


def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def targets(count: int = 2) -> list[str]:
    return [f"127.0.0.1:{closed_port()}" for _ in range(count)]


def test_scan_interrupted_error_is_a_keyboard_interrupt_and_not_an_exception():
    assert issubclass(tlsready.ScanInterruptedError, KeyboardInterrupt)
    assert issubclass(tlsready.ScanInterruptedError, BaseException)
    assert not issubclass(tlsready.ScanInterruptedError, Exception)
    assert not issubclass(tlsready.ScanInterruptedError, tlsready.Error)  # documented: catch it by name


def test_ctrl_c_during_a_scan_is_not_swallowed_by_except_exception():
    def interrupt(_result):
        raise KeyboardInterrupt  # what Python raises when Ctrl-C arrives while the callback runs

    swallowed = False
    with pytest.raises(tlsready.ScanInterruptedError) as raised:
        try:
            tlsready.scan(targets(), timeout=2, on_result=interrupt)
        except Exception:  # noqa: BLE001 - the point: this must not catch the interrupt
            swallowed = True
    assert not swallowed
    assert len(raised.value.results) >= 1  # the result delivered before the interrupt is kept
    assert raised.value.results[0].error_kind == "connection_refused"


def test_a_value_error_raised_by_on_result_propagates_unchanged():
    mine = ValueError("my own check failed")

    def fail(_result):
        raise mine

    with pytest.raises(ValueError) as raised:
        tlsready.scan(targets(), timeout=2, on_result=fail)
    assert raised.value is mine
    assert type(raised.value) is ValueError  # not InvalidArgumentError
    assert not isinstance(raised.value, tlsready.InvalidArgumentError)


def test_any_exception_raised_by_on_indexed_result_propagates_unchanged():
    class Mine(Exception):
        pass

    seen = []

    def fail(index, _result):
        seen.append(index)
        raise Mine("stop")

    with pytest.raises(Mine, match="stop"):
        tlsready.scan(targets(3), timeout=2, on_indexed_result=fail)
    assert len(seen) == 1  # the scan stopped at the first raise


def test_bad_arguments_are_still_invalid_argument_errors():
    with pytest.raises(tlsready.InvalidArgumentError):
        tlsready.scan([f"127.0.0.1:{closed_port()}"], timeout=-1)
