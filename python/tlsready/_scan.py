"""Scanning endpoints through the native engine."""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Iterable, Mapping, Optional, Union, overload

from tlsready import _native
from tlsready._collection import ScanResults
from tlsready._errors import InternalError, InvalidArgumentError, ScanInterruptedError
from tlsready._results import EndpointResult, Target
from tlsready._targets import native_target
from tlsready._checks import (MAX_CONNECTIONS_PER_ENDPOINT as _MAX_CONNECTIONS_PER_ENDPOINT,
                              MAX_ENDPOINT_TIMEOUT as _MAX_ENDPOINT_TIMEOUT, check_count, check_seconds)
from tlsready._version import SCHEMA_VERSION, __version__


# One target: "host:port" / "[v6]:port" / a URL (text), a dict ({"host": ..., "port": ...} or
# {"target": "host:port", "sni": ..., "starttls": ...}) or a tlsready.Target.
TargetLike = Union[str, Mapping[str, Any], Target]
Targets = Union[TargetLike, Iterable[TargetLike]]
PathText = Union[str, "os.PathLike[str]"]

def _dumps(value: Any, what: str) -> str:
    # allow_nan=False: NaN and Infinity are not JSON, and the native parser would only say so.
    try:
        return json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidArgumentError(f"{what}: {error}") from None


def _options(timeout: float, concurrency: int, ca_file: Optional[PathText], use_system_trust_store: bool,
             enumerate_cipher_suites: bool, enumerate_groups: bool, check_certificate: bool,
             endpoint_timeout: Optional[float] = None, connections_per_endpoint: int = 4) -> str:
    if ca_file is not None and not isinstance(ca_file, str):
        if not isinstance(ca_file, os.PathLike):
            raise InvalidArgumentError(f"ca_file must be a path, got {ca_file!r}")
        ca_file = os.fspath(ca_file)
    return _dumps({
        "timeout": check_seconds("timeout", timeout),
        "endpoint_timeout": None if endpoint_timeout is None else check_seconds(
            "endpoint_timeout", endpoint_timeout, _MAX_ENDPOINT_TIMEOUT),
        "connections_per_endpoint": check_count("connections_per_endpoint", connections_per_endpoint,
                                                _MAX_CONNECTIONS_PER_ENDPOINT),
        "concurrency": check_count("concurrency", concurrency),
        "ca_file": ca_file,
        "use_system_trust_store": use_system_trust_store,
        "enumerate_cipher_suites": enumerate_cipher_suites,
        "enumerate_groups": enumerate_groups,
        "check_certificate": check_certificate,
    }, "scan options")


def _is_one_target(targets: Any) -> bool:
    return isinstance(targets, (str, Mapping, Target))


def _target_list(targets: Any) -> list[TargetLike]:
    """One target (a str, a dict or a Target) or an iterable of them, as a list; never a str's characters."""
    if _is_one_target(targets):
        return [targets]
    if isinstance(targets, (bytes, bytearray, memoryview)):
        raise InvalidArgumentError(f"a target is text, not bytes: decode {bytes(targets)[:80]!r} first")
    if isinstance(targets, os.PathLike):
        # A path is not an endpoint, and a file of targets is the caller's to read.
        raise InvalidArgumentError(f"a target is 'host:port' or a dict, not a path: {targets!r}")
    try:
        items = list(targets)
    except TypeError:
        raise InvalidArgumentError(
            f"targets must be 'host:port', a dict or an iterable of them, got {targets!r}") from None
    for index, item in enumerate(items):
        if not _is_one_target(item):
            raise InvalidArgumentError(f"target {index} must be 'host:port', a dict or a Target, got {item!r}")
    return items


def _targets(targets: list[TargetLike], sni: Optional[str], starttls: Optional[str]) -> str:
    for name, value in (("sni", sni), ("starttls", starttls)):
        if value is not None and not isinstance(value, str):
            raise InvalidArgumentError(f"{name} must be a string, got {value!r}")
    items: list[Any] = []
    for index, target in enumerate(targets):
        if isinstance(target, str):
            target = native_target(target, sni, starttls)
        elif isinstance(target, Target):
            target = {"host": target.host, "port": target.port, "sni": target.sni if target.sni is not None else sni,
                      "starttls": target.starttls if target.starttls is not None else starttls}
        else:
            target = dict(target)
        items.append(_dumps(target, f"target {index} {target!r}"))
    return "[" + ",".join(items) + "]"


ResultCallback = Callable[[EndpointResult], None]
IndexedResultCallback = Callable[[int, EndpointResult], None]


@overload
def scan(targets: TargetLike, *, sni: Optional[str] = None, starttls: Optional[str] = None,  # type: ignore[misc]
         timeout: float = 5.0, concurrency: int = 8, ca_file: Optional[PathText] = None,
         use_system_trust_store: bool = True, enumerate_cipher_suites: bool = True,
         enumerate_groups: bool = True, check_certificate: bool = True,
         on_result: Optional[ResultCallback] = None, on_indexed_result: Optional[IndexedResultCallback] = None,
         endpoint_timeout: Optional[float] = None, connections_per_endpoint: int = 4) -> EndpointResult: ...


@overload
def scan(targets: Iterable[TargetLike], *, sni: Optional[str] = None, starttls: Optional[str] = None,
         timeout: float = 5.0, concurrency: int = 8, ca_file: Optional[PathText] = None,
         use_system_trust_store: bool = True, enumerate_cipher_suites: bool = True,
         enumerate_groups: bool = True, check_certificate: bool = True,
         on_result: Optional[ResultCallback] = None, on_indexed_result: Optional[IndexedResultCallback] = None,
         endpoint_timeout: Optional[float] = None, connections_per_endpoint: int = 4) -> ScanResults: ...


def scan(targets: Targets, *, sni: Optional[str] = None, starttls: Optional[str] = None,
         timeout: float = 5.0, concurrency: int = 8, ca_file: Optional[PathText] = None,
         use_system_trust_store: bool = True, enumerate_cipher_suites: bool = True,
         enumerate_groups: bool = True, check_certificate: bool = True,
         on_result: Optional[ResultCallback] = None, on_indexed_result: Optional[IndexedResultCallback] = None,
         endpoint_timeout: Optional[float] = None,
         connections_per_endpoint: int = 4) -> Union[EndpointResult, ScanResults]:
    """Scans one target and returns its :class:`EndpointResult`, or several and returns a
    :class:`ScanResults` (a list) in the order given.

    ``targets`` is one target (``"host:port"`` text, a URL such as ``"smtp://host"``, a dict or a
    :class:`tlsready.Target`) or an iterable of them (a list, a generator). A string is always one
    target, never its characters; a path is not a target. For results as they finish, use
    :func:`tlsready.scan_many`.

    ``timeout`` (seconds) bounds each step: the TCP connect, each STARTTLS reply, each send, the
    server's whole answer to one ClientHello, the OpenSSL handshake; bytes that trickle in do not
    extend it. ``endpoint_timeout`` (seconds) bounds each endpoint's whole scan; ``None`` means
    max(30, 12 * timeout). When it runs out the result's ``error_kind`` is ``endpoint_timeout`` and
    what was found until then is kept. ``connections_per_endpoint`` protocol versions of one
    endpoint are probed at once, each on its own connection.

    ``on_result`` is called with each result as soon as its endpoint finishes (use it to stream);
    ``on_indexed_result`` likewise with ``(index of the target, result)``.
    An unreachable or non-TLS endpoint gives a result whose ``error_kind`` says why; it is not an
    exception. On Ctrl-C, :class:`ScanInterruptedError` (a ``KeyboardInterrupt``, not an
    ``Exception``) carries the finished results. An exception raised by ``on_result`` or
    ``on_indexed_result`` stops the scan and propagates unchanged (the same object, its own type).
    """
    one = _is_one_target(targets)
    target_list = _target_list(targets)
    finished: dict[int, EndpointResult] = {}

    callback_errors: list[BaseException] = []  # what the caller's callback raised, to re-raise as it is

    def deliver(index: int, document: str) -> None:
        result = EndpointResult.from_dict(json.loads(document))
        finished[index] = result
        try:
            if on_result is not None:
                on_result(result)
            if on_indexed_result is not None:
                on_indexed_result(index, result)
        except KeyboardInterrupt:
            raise  # Ctrl-C (or the CLI's SIGTERM) while the callback ran: an interrupted scan
        except BaseException as error:
            callback_errors.append(error)
            raise

    try:
        _native.scan_streaming(_targets(target_list, sni, starttls),
                               _options(timeout, concurrency, ca_file, use_system_trust_store,
                                        enumerate_cipher_suites, enumerate_groups, check_certificate,
                                        endpoint_timeout, connections_per_endpoint),
                               deliver)
    except KeyboardInterrupt:
        raise ScanInterruptedError(ScanResults(finished[i] for i in sorted(finished))) from None
    except BaseException as error:
        if callback_errors:  # the caller's own exception, not a bad argument of ours
            if error is callback_errors[0]:
                raise
            raise callback_errors[0] from None
        if isinstance(error, ValueError):
            raise InvalidArgumentError(str(error)) from None
        if isinstance(error, RuntimeError):
            raise InternalError(f"scan of {len(target_list)} target(s): {error}") from error
        raise
    results = ScanResults(finished[i] for i in sorted(finished))
    if len(results) != len(target_list):  # the engine gives one result per target, always
        raise InternalError(f"the engine returned {len(results)} result(s) for {len(target_list)} target(s)")
    return results[0] if one else results


def scan_endpoint(target: TargetLike, **options: Any) -> EndpointResult:
    """Scans one endpoint (same options as :func:`scan`); the same as ``scan(target)``."""
    if not _is_one_target(target):
        raise InvalidArgumentError(f"scan_endpoint takes one target ('host:port', a dict or a Target), got {target!r}")
    result: EndpointResult = scan(target, **options)
    return result
