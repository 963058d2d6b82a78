"""The worker side of :mod:`tlsready.distributed`: one chunk of targets through the native ScanSession.

A Dask worker unpickles a task as a reference to :func:`scan_chunk` in this module, so the worker imports
only the tlsready package (its native extension included) to run it. This module imports neither dask nor
distributed: when the task runs inside a Dask worker, ``distributed`` is already loaded, and the cancel
check below finds it in ``sys.modules``; called anywhere else (a test, a plain process pool) it scans the
chunk just the same.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, Optional

from tlsready import _native
from tlsready._distributed_errors import WorkerVersionError
from tlsready._errors import InvalidArgumentError
from tlsready._version import __version__

# One native wait; between waits the task looks at whether Dask still wants its result.
_POLL_SECONDS = 0.2
_CANCEL_CHECK_SECONDS = 0.5

ChunkResults = list[tuple[int, str]]  # (index of the target in the whole run, its scan document as JSON)


def _task_abandoned() -> Callable[[], bool]:
    """A check that says True once the Dask task running this thread was cancelled or released (the
    client broke out of its loop, closed the iterator or was interrupted), so the native scan stops
    instead of finishing a chunk nobody waits for. Outside a Dask worker it never says True."""
    distributed = sys.modules.get("distributed")
    if distributed is None:
        return lambda: False
    try:
        worker = distributed.get_worker()
        key = worker.get_current_task()
    except (AttributeError, ValueError):  # not in a worker's task thread
        return lambda: False

    def abandoned() -> bool:
        try:
            task = worker.state.tasks.get(key)
            return task is None or task.state in ("cancelled", "released", "forgotten")
        except AttributeError:  # another distributed's worker internals: no early stop, the chunk finishes
            return False

    return abandoned


def scan_chunk(first_index: int, targets_json: str, options_json: str, client_version: str) -> ChunkResults:
    """Scans the targets of ``targets_json`` (the native request's list) with the native batch scanner and
    returns each one's document with its index in the whole run (``first_index`` + its place in the chunk),
    in the order they finished. Stops early, returning what finished, when the Dask task is cancelled."""
    if client_version != __version__:
        raise WorkerVersionError(f"this worker has tlsready {__version__} and the client {client_version}: "
                                 "install the same tlsready on the client and every worker")
    try:
        session = _native.ScanSession(targets_json, options_json)
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    abandoned = _task_abandoned()
    results: ChunkResults = []
    checked = time.monotonic()
    try:
        while True:
            taken: Optional[tuple[int, str]] = session.next(_POLL_SECONDS)
            if taken is not None:
                results.append((first_index + taken[0], taken[1]))
                continue
            if session.finished:
                taken = session.next(0)  # a result that finished with the session
                if taken is None:
                    return results
                results.append((first_index + taken[0], taken[1]))
                continue
            if time.monotonic() - checked >= _CANCEL_CHECK_SECONDS:
                checked = time.monotonic()
                if abandoned():
                    session.cancel()
                    return results
    finally:
        session.close()
