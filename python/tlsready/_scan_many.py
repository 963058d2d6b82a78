"""scan_many / scan_many_async: results in the order endpoints finish, over the native ScanSession.

The native engine runs the endpoints concurrently with the GIL released; this side only polls
``ScanSession.next`` (which waits with the GIL released too). Leaving the loop (``break``, an
exception, Ctrl-C, garbage collection of the iterator) cancels the native scan and waits for its
workers; Ctrl-C raises :class:`ScanInterruptedError` carrying the results yielded until then.
"""

from __future__ import annotations

import json
from typing import Any, AsyncIterator, Callable, Iterable, Iterator, Optional

from tlsready import _native
from tlsready._errors import InternalError, InvalidArgumentError, ScanInterruptedError
from tlsready._results import EndpointResult
from tlsready._collection import ScanResults
from tlsready._scan import TargetLike, Targets, _options, _target_list, _targets

# How long one native wait lasts before Python looks at signals (Ctrl-C) again.
_POLL_SECONDS = 0.1

Progress = Callable[[int, int], None]  # (endpoints finished, endpoints in all)


def _session(targets: Targets, sni: Optional[str], starttls: Optional[str], timeout: float, concurrency: int,
             options: dict[str, Any]) -> tuple[_native.ScanSession, int]:
    target_list: list[TargetLike] = _target_list(targets)
    try:
        session = _native.ScanSession(_targets(target_list, sni, starttls),
                                      _options(timeout, concurrency, options.pop("ca_file", None),
                                               options.pop("use_system_trust_store", True),
                                               options.pop("enumerate_cipher_suites", True),
                                               options.pop("enumerate_groups", True),
                                               options.pop("check_certificate", True),
                                               options.pop("endpoint_timeout", None),
                                               options.pop("connections_per_endpoint", 4)))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    except RuntimeError as error:  # a bug in the core, never the input's fault
        raise InternalError(str(error)) from error
    return session, len(target_list)


def _check_options(options: dict[str, Any], progress: Optional[Progress]) -> None:
    known = {"ca_file", "use_system_trust_store", "enumerate_cipher_suites", "enumerate_groups", "check_certificate",
             "endpoint_timeout", "connections_per_endpoint"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise InvalidArgumentError(f"unknown scan option(s): {', '.join(unknown)}")
    if progress is not None and not callable(progress):
        raise InvalidArgumentError(f"progress must be a callable (finished, total), got {progress!r}")


def scan_many(targets: Iterable[TargetLike], *, sni: Optional[str] = None, starttls: Optional[str] = None,
              timeout: float = 5.0, concurrency: int = 8, progress: Optional[Progress] = None,
              executor: Any = None, **options: Any) -> Iterator[EndpointResult]:
    """Scans ``targets`` (an iterable of targets; a str or dict is one target) concurrently and yields
    each :class:`EndpointResult` as its endpoint finishes (completion order, not input order).

    ``progress(finished, total)`` is called after each result. Other keyword options are those of
    :func:`tlsready.scan`. Arguments are checked before anything is scanned (this call raises, not the
    first ``next``). ``break`` cancels the rest of the scan promptly; Ctrl-C raises
    :class:`ScanInterruptedError` with the results yielded so far.

    ``executor=client`` (a ``distributed.Client``) scans on that Dask cluster instead: it is
    :func:`tlsready.distributed.scan_many` (which also takes ``chunk_size`` and ``retries``).
    """
    if executor is not None:
        from tlsready import distributed  # Dask is imported only for a cluster scan

        return distributed.scan_many(targets, executor, sni=sni, starttls=starttls, timeout=timeout,
                                     concurrency=concurrency, progress=progress, **options)
    _check_options(options, progress)
    session, total = _session(targets, sni, starttls, timeout, concurrency, options)
    return _results(session, total, progress)


def _results(session: _native.ScanSession, total: int, progress: Optional[Progress]) -> Iterator[EndpointResult]:
    finished: list[EndpointResult] = []
    try:
        while True:
            taken = session.next(_POLL_SECONDS)
            if taken is None:
                if session.finished:
                    taken = session.next(0)  # a result that finished with the session
                    if taken is None:
                        return
                else:
                    continue
            result = EndpointResult.from_dict(json.loads(taken[1]))
            finished.append(result)
            if progress is not None:
                progress(len(finished), total)
            yield result
    except KeyboardInterrupt:
        session.close()
        raise ScanInterruptedError(ScanResults(finished)) from None
    finally:
        session.close()


async def scan_many_async(targets: Iterable[TargetLike], *, sni: Optional[str] = None, starttls: Optional[str] = None,
                          timeout: float = 5.0, concurrency: int = 8, progress: Optional[Progress] = None,
                          **options: Any) -> AsyncIterator[EndpointResult]:
    """:func:`scan_many` for asyncio: the native waits run in the loop's default executor, so the event
    loop stays free. Leaving the ``async for`` or cancelling the task cancels the native scan."""
    import asyncio  # here, not at import: `import tlsready` and the CLI stay lean

    _check_options(options, progress)
    session, total = _session(targets, sni, starttls, timeout, concurrency, options)
    loop = asyncio.get_running_loop()
    count = 0
    try:
        while True:
            taken = await loop.run_in_executor(None, session.next, _POLL_SECONDS)
            if taken is None:
                if not session.finished:
                    continue
                taken = session.next(0)
                if taken is None:
                    return
            count += 1
            result = EndpointResult.from_dict(json.loads(taken[1]))
            if progress is not None:
                progress(count, total)
            yield result
    finally:
        session.cancel()
        await loop.run_in_executor(None, session.close)
