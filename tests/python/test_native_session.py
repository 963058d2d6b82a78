"""The native scan shims over the core's ScanSession: a callback's own exception comes out of
scan_streaming unchanged, Ctrl-C stops it promptly, and the session object polls with a timeout,
cancels from another thread keeping finished results, and closes promptly. Loopback only: a
listener that never accepts is a silent endpoint (connections complete in its backlog)."""

from __future__ import annotations

import _thread
import json
import threading
import time

import pytest

from tlsready import _native

REFUSED = "127.0.0.1:1"


def _targets(*targets: str) -> str:
    return json.dumps(list(targets))


class Boom(Exception):
    pass


@pytest.mark.parametrize("error", [Boom("from the callback"), ValueError("a ValueError of the callback's own")])
def test_a_callback_exception_propagates_unchanged_and_stops_the_scan(error: Exception) -> None:
    calls = []

    def on_result(index: int, document: str) -> None:
        calls.append(index)
        raise error

    with pytest.raises(type(error)) as raised:
        _native.scan_streaming(_targets(REFUSED, REFUSED, REFUSED), json.dumps({"concurrency": 1}), on_result)
    assert raised.value is error
    assert len(calls) == 1


def test_ctrl_c_stops_scan_streaming_promptly(silent: str) -> None:
    delivered = []
    timer = threading.Timer(0.5, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _native.scan_streaming(_targets(REFUSED, silent), json.dumps({"timeout": 30, "concurrency": 2}),
                                   lambda index, document: delivered.append(index))
    finally:
        timer.cancel()
    assert time.monotonic() - started < 0.5 + 0.1 + 0.2 + 0.5  # slice + cancel + slack
    assert delivered == [0]  # the refused endpoint finished before the interrupt


def test_a_session_polls_with_a_timeout_and_a_cancel_keeps_finished_results(silent: str) -> None:
    with _native.ScanSession(_targets(silent, REFUSED, silent), json.dumps({"timeout": 30})) as session:
        assert session.target_count == 3
        first = session.next(5.0)
        assert first is not None and first[0] == 1
        assert json.loads(first[1])["error"]["kind"] == "connection_refused"
        started = time.monotonic()
        assert session.next(0.1) is None  # timed out: the silent endpoints run on
        assert 0.09 <= time.monotonic() - started < 0.5
        assert not session.finished
        threading.Thread(target=session.cancel).start()
        started = time.monotonic()
        assert session.next(None) is None  # finished: the cut-short endpoints are not results
        assert time.monotonic() - started < 0.2 + 0.2
        assert session.finished and session.cancelled
        assert session.completed_count == 1


def test_closing_a_session_under_a_waiting_next_returns_promptly(silent: str) -> None:
    session = _native.ScanSession(_targets(silent, silent), json.dumps({"timeout": 30}))
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(session.next(None)))
    waiter.start()
    time.sleep(0.2)
    started = time.monotonic()
    session.close()
    waiter.join(5)
    assert not waiter.is_alive()
    assert time.monotonic() - started < 0.2 + 0.2
    assert answers == [None]
    assert session.finished and session.next(0) is None
    session.close()  # idempotent


def test_a_bad_request_is_a_value_error_naming_the_target() -> None:
    with pytest.raises(ValueError, match="target 1: .*gopher://"):
        _native.ScanSession(_targets(REFUSED, "gopher://x.example/"), "{}")
    with pytest.raises(ValueError, match="targets: invalid JSON"):
        _native.ScanSession("[", "{}")
    with pytest.raises(ValueError, match="timeout must be"):
        _native.ScanSession(_targets(REFUSED), "{}").next(-1)
