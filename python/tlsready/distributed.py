"""Scanning an estate over a Dask cluster: ``tlsready.distributed.scan_many(targets, client)``.

The targets are cut into chunks; each chunk is one Dask task that runs the native batch scanner (the
same :class:`tlsready._native.ScanSession` as :func:`tlsready.scan_many`) on a worker, ``concurrency``
endpoints at once. Chunks come back in the order they finish (``distributed.as_completed``) and their
results are yielded one by one, so the loop sees the estate as it is scanned::

    from distributed import Client
    import tlsready.distributed

    with Client("tcp://scheduler:8786") as client:
        for result in tlsready.distributed.scan_many(targets, client, chunk_size=32, concurrency=8):
            print(result.target, result.accepted_versions)

``tlsready.scan_many(targets, executor=client)`` is the same call. The CLI's spelling is
``tlsready scan -i targets.txt --jsonl --dask-scheduler tcp://scheduler:8786``.

Failures and cancellation:

- A worker that dies (killed, out of memory, its machine gone) loses only its chunk's unfinished work:
  the scheduler runs the chunk again on another worker (``distributed.scheduler.allowed-failures``
  times), and when the scheduler gives up on it (``KilledWorker``) this module submits it again, up to
  ``retries`` times. Results are keyed by the target's index in the run, so every target is yielded
  exactly once however often its chunk ran. A chunk still lost after that is reported at the end, by a
  :class:`WorkerLostError` naming its targets and carrying every result yielded.
- ``break``, ``close()`` on the iterator, an exception in the loop, or Ctrl-C cancels the outstanding
  chunks; a worker in the middle of a cancelled chunk stops its native scan within about a second.
  Ctrl-C raises :class:`tlsready.ScanInterruptedError` with the results yielded until then.
- Arguments and string targets are checked on the client, before anything is submitted (this call
  raises, not the first ``next``); a dict target the native engine rejects raises
  :class:`tlsready.InvalidArgumentError` from the worker's chunk.

What the workers need: the tlsready package (the same version as the client, which is checked:
:class:`WorkerVersionError`) in the environment the Dask workers run in, and nothing else beyond Dask
itself: a chunk is a reference to ``tlsready._distributed_worker.scan_chunk`` plus JSON text, and that
module imports only tlsready (no pandas, matplotlib, dask or distributed). ``ca_file`` is a path read
by the worker, so it must exist there. The workers, not the client, connect to the targets.

``distributed`` is imported by this module only; ``import tlsready`` does not import it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import uuid
from typing import Any, Generator, Iterable, Iterator, Optional

import distributed  # the top-level Dask package (absolute import), not this module
from distributed.comm.addressing import parse_address, parse_host_port
from distributed.comm.core import connect as _comm_connect
from distributed.comm.registry import get_backend

from tlsready._distributed_errors import SchedulerUnreachableError, WorkerLostError, WorkerVersionError
from tlsready._distributed_worker import scan_chunk
from tlsready._errors import InvalidArgumentError, ScanInterruptedError
from tlsready._results import EndpointResult
from tlsready._checks import check_count, check_seconds
from tlsready._scan import TargetLike, _options, _target_list, _targets
from tlsready._version import __version__
from tlsready._scan_many import Progress, _check_options

__all__ = ["DEFAULT_CHUNK_SIZE", "SchedulerUnreachableError", "WorkerLostError", "WorkerVersionError", "connect",
           "scan_many"]

DEFAULT_CHUNK_SIZE = 32
# distributed has no type annotations: its calls go through Any (mypy --strict stays meaningful here).
_dask: Any = distributed
_MAX_CHUNK_SIZE = 100_000
_MAX_RETRIES = 100


def connect(address: str, timeout: float = 10.0) -> distributed.Client:
    """A :class:`distributed.Client` connected to the scheduler at ``address`` (``tcp://host:port``,
    ``host:port``, ``tls://...``), not set as Dask's default client.

    A malformed address raises :class:`tlsready.InvalidArgumentError`; one where no scheduler answers
    within ``timeout`` seconds (a refused TCP connection fails at once) raises
    :class:`SchedulerUnreachableError`. Both messages name the address.
    """
    if not isinstance(address, str) or not address.strip():
        raise InvalidArgumentError(f"Dask scheduler address must be 'tcp://host:port', got {address!r}")
    seconds = check_seconds("timeout", timeout)
    try:
        scheme, location = parse_address(address.strip())
        get_backend(scheme)  # an unknown scheme ('foo://') is a ValueError naming it
        host, port = parse_host_port(location) if scheme == "tcp" else ("", 0)
    except (ValueError, TypeError) as error:
        raise InvalidArgumentError(f"Dask scheduler address {address!r}: {error}") from None
    if scheme == "tcp":  # a refused connection says so now (Dask's connect retries until its timeout)
        try:
            socket.create_connection((host, port), timeout=seconds).close()
        except OSError as error:
            raise SchedulerUnreachableError(f"no Dask scheduler at {address!r}: {error}") from None
    try:
        asyncio.run(_handshake(address.strip(), seconds))  # a scheduler, not just any listener
    except (OSError, asyncio.TimeoutError) as error:
        raise SchedulerUnreachableError(f"no Dask scheduler at {address!r}: {error}") from None
    try:
        client: distributed.Client = _dask.Client(address.strip(), timeout=seconds, set_as_default=False)
        return client
    except (OSError, asyncio.TimeoutError) as error:
        raise SchedulerUnreachableError(f"no Dask scheduler at {address!r}: {error}") from None


def _close_client(client: distributed.Client) -> None:
    """Closes a client made by :func:`connect` (the cluster keeps running)."""
    _any(client).close()


async def _handshake(address: str, timeout: float) -> None:
    comm = await _any(_comm_connect)(address, timeout=timeout)
    await comm.close()


def scan_many(targets: Iterable[TargetLike], client: distributed.Client, *, chunk_size: Optional[int] = None,
              concurrency: int = 8, timeout: float = 5.0, progress: Optional[Progress] = None,
              sni: Optional[str] = None, starttls: Optional[str] = None, retries: int = 2,
              **options: Any) -> Iterator[EndpointResult]:
    """Scans ``targets`` on the workers of the Dask ``client`` and yields each :class:`EndpointResult`
    as its chunk finishes (chunk completion order; within a chunk, the order its endpoints finished).

    ``chunk_size`` targets go to a worker at a time and are scanned ``concurrency`` at once there (so a
    worker thread has up to ``concurrency`` endpoints in flight); by default a run is shared out among
    the worker threads connected now, ``DEFAULT_CHUNK_SIZE`` (32) targets a chunk at most.
    ``retries``: how many times a chunk is submitted again after the scheduler gave up on it
    (``KilledWorker``), on top of Dask's own rescheduling. ``progress(finished, total)`` is called after
    each result. ``timeout``, ``sni``, ``starttls`` and the other keyword options are those of
    :func:`tlsready.scan_many`.
    """
    return _without_index(indexed_scan(targets, client, chunk_size=chunk_size, concurrency=concurrency,
                                       timeout=timeout, progress=progress, sni=sni, starttls=starttls,
                                       retries=retries, **options))


def _any(value: Any) -> Any:
    return value


def _without_index(indexed: Generator[tuple[int, EndpointResult], None, None]) -> Iterator[EndpointResult]:
    with contextlib.closing(indexed):  # closing this iterator (break) closes the one that cancels
        for _, result in indexed:
            yield result


def indexed_scan(targets: Iterable[TargetLike], client: distributed.Client, *, chunk_size: Optional[int] = None,
                 concurrency: int = 8, timeout: float = 5.0, progress: Optional[Progress] = None,
                 sni: Optional[str] = None, starttls: Optional[str] = None, retries: int = 2,
                 **options: Any) -> Generator[tuple[int, EndpointResult], None, None]:
    """:func:`scan_many` yielding ``(index of the target in targets, result)`` (what the CLI's table and
    ``-o`` need). Checks everything before returning; submits on the first ``next``."""
    if not isinstance(client, distributed.Client):
        raise InvalidArgumentError(f"client must be a distributed.Client, got {client!r}")
    if client.asynchronous:
        raise InvalidArgumentError("client is asynchronous: tlsready.distributed.scan_many needs a blocking Client")
    if client.status != "running":
        raise InvalidArgumentError(f"the Dask client is not connected (status {client.status!r})")
    size = None if chunk_size is None else check_count("chunk_size", chunk_size, _MAX_CHUNK_SIZE)
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= _MAX_RETRIES:
        raise InvalidArgumentError(f"retries must be an integer in 0..{_MAX_RETRIES}, got {retries!r}")
    _check_options(options, progress)
    target_list = _target_list(targets)
    options_json = _options(timeout, concurrency, options.pop("ca_file", None),
                            options.pop("use_system_trust_store", True), options.pop("enumerate_cipher_suites", True),
                            options.pop("enumerate_groups", True), options.pop("check_certificate", True),
                            options.pop("endpoint_timeout", None), options.pop("connections_per_endpoint", 4))
    if size is None:
        size = _default_chunk_size(client, len(target_list))
    chunks = [(first, _targets(target_list[first:first + size], sni, starttls))  # bad targets raise here
              for first in range(0, len(target_list), size)]
    return _run(client, target_list, chunks, options_json, retries, progress)


def _default_chunk_size(client: distributed.Client, count: int) -> int:
    # Every worker thread gets a share of a small run; a big one goes DEFAULT_CHUNK_SIZE at a time.
    threads: int = sum(_any(client).nthreads().values())
    return max(1, min(DEFAULT_CHUNK_SIZE, -(-count // threads) if threads else DEFAULT_CHUNK_SIZE))


def _run(client: distributed.Client, target_list: list[TargetLike], chunks: list[tuple[int, str]], options_json: str,
         retries: int, progress: Optional[Progress]) -> Generator[tuple[int, EndpointResult], None, None]:
    run = uuid.uuid4().hex[:12]
    dask_client: Any = client
    chunk_of: dict[str, tuple[int, int]] = {}  # future key -> (chunk number, attempt)
    pending: dict[str, Any] = {}  # future key -> distributed.Future still wanted
    seen: set[int] = set()
    yielded: list[EndpointResult] = []

    def submit(numbers: list[int], attempt: int) -> list[Any]:
        keys = [f"tlsready-scan-{run}-{number}-{attempt}" for number in numbers]
        futures: list[Any] = dask_client.map(scan_chunk, [chunks[n][0] for n in numbers],
                                             [chunks[n][1] for n in numbers], [options_json] * len(numbers),
                                             [__version__] * len(numbers), key=keys, pure=False)
        for number, key, future in zip(numbers, keys, futures):
            chunk_of[key] = (number, attempt)
            pending[key] = future
        return futures

    try:
        if not chunks:
            return
        completed = _dask.as_completed(submit(list(range(len(chunks))), 0), loop=dask_client.loop)
        for future in completed:
            number, attempt = chunk_of.pop(future.key)
            pending.pop(future.key, None)
            try:
                documents = future.result()
            except distributed.KilledWorker:
                if attempt < retries:
                    completed.add(submit([number], attempt + 1)[0])
                continue  # given up: its targets are missing at the end
            finally:
                future.release()
            for index, document in documents:
                if index in seen:
                    continue  # defensive: each chunk's future gives its documents once
                seen.add(index)
                result = EndpointResult(json.loads(document))
                yielded.append(result)
                if progress is not None:
                    progress(len(yielded), len(target_list))
                yield index, result
        if len(seen) < len(target_list):  # chunks lost after every retry
            missing = [(index, target_list[index]) for index in range(len(target_list)) if index not in seen]
            raise WorkerLostError(missing, list(yielded))
    except KeyboardInterrupt:
        raise ScanInterruptedError(list(yielded)) from None
    finally:
        if pending:
            with contextlib.suppress(Exception):  # a client already closed has nothing left to cancel
                dask_client.cancel(list(pending.values()))
