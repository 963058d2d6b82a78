"""scan_many / scan_many_async: results as endpoints finish; break, Ctrl-C and task cancel stop the
native scan promptly and keep what finished. Loopback only: port 1 refuses at once, a listener that
never accepts is a silent endpoint (its connections complete in the backlog and hear nothing)."""

from __future__ import annotations

import _thread
import asyncio
import threading
import time

import pytest

import tlsready

REFUSED = "127.0.0.1:1"


def test_results_come_in_completion_order_with_progress(silent: str) -> None:
    seen: list[tuple[int, int]] = []
    started = time.monotonic()
    results = tlsready.scan_many([silent, REFUSED], timeout=1, progress=lambda done, total: seen.append((done, total)))
    first = next(results)
    assert first.target == REFUSED and first.error_kind == "connection_refused"
    assert time.monotonic() - started < 0.9  # before the silent endpoint's 1 s step timeout
    rest = list(results)
    assert [r.target for r in rest] == [silent]
    assert rest[0].error_kind is not None
    assert seen == [(1, 2), (2, 2)]


def test_a_string_is_one_target_and_urls_work(silent: str) -> None:
    assert [r.target for r in tlsready.scan_many(REFUSED, timeout=1)] == [REFUSED]
    [result] = tlsready.scan_many(["smtp://127.0.0.1:1"], timeout=1)
    assert result.raw["target"]["starttls"] == "smtp"


def test_break_cancels_the_rest_promptly(silent: str) -> None:
    started = time.monotonic()
    for result in tlsready.scan_many([REFUSED, silent, silent], timeout=30):
        assert result.target == REFUSED
        break
    # The generator is closed when the loop's iterator is dropped; close it explicitly to be sure.
    assert time.monotonic() - started < 2.0


def test_closing_the_iterator_stops_the_native_scan(silent: str) -> None:
    results = tlsready.scan_many([REFUSED, silent, silent], timeout=30)
    assert next(results).target == REFUSED
    started = time.monotonic()
    results.close()  # what `break` does when the for loop drops the generator
    assert time.monotonic() - started < 2.0
    assert list(results) == []


def test_ctrl_c_raises_scan_interrupted_with_what_finished(silent: str) -> None:
    timer = threading.Timer(0.5, _thread.interrupt_main)
    started = time.monotonic()
    got = []
    timer.start()
    try:
        with pytest.raises(tlsready.ScanInterruptedError) as raised:
            for result in tlsready.scan_many([REFUSED, silent], timeout=30, concurrency=2):
                got.append(result)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 0.5 + 0.1 + 1.5
    assert [r.target for r in raised.value.results] == [REFUSED] == [r.target for r in got]


@pytest.mark.parametrize("bad, words", [
    ({"timeout": 0}, "timeout"),
    ({"concurrency": 0}, "concurrency"),
    ({"colour": True}, "unknown scan option.*colour"),
    ({"progress": 3}, "progress must be a callable"),
])
def test_bad_arguments_raise_at_the_call_naming_them(bad: dict, words: str) -> None:
    with pytest.raises(tlsready.InvalidArgumentError, match=words):
        tlsready.scan_many([REFUSED], **bad)


def test_a_bad_target_raises_at_the_call_naming_it() -> None:
    with pytest.raises(tlsready.InvalidArgumentError, match="gopher://127.0.0.1"):
        tlsready.scan_many([REFUSED, "gopher://127.0.0.1"])


def test_async_results_as_they_finish_and_break_cancels(silent: str) -> None:
    async def main() -> tuple[list[str], float]:
        targets = []
        started = time.monotonic()
        iterator = tlsready.scan_many_async([silent, REFUSED, silent], timeout=30)
        async for result in iterator:
            targets.append(result.target)
            break
        await iterator.aclose()
        return targets, time.monotonic() - started

    targets, elapsed = asyncio.run(main())
    assert targets == [REFUSED]
    assert elapsed < 2.0


def test_async_task_cancel_stops_the_scan(silent: str) -> None:
    async def main() -> float:
        async def consume() -> None:
            async for _ in tlsready.scan_many_async([silent, silent], timeout=30):
                pass

        task = asyncio.create_task(consume())
        await asyncio.sleep(0.3)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - started

    assert asyncio.run(main()) < 2.0
