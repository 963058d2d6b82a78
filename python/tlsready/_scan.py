"""Scanning endpoints through the native engine."""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Optional, Union

from tlsready import _native
from tlsready._errors import InvalidArgumentError, ScanInterruptedError
from tlsready._results import EndpointResult

__version__: str = _native.__version__
SCHEMA_VERSION: str = _native.SCHEMA_VERSION

Target = Union[str, dict[str, Any]]


def _options(timeout: float, concurrency: int, ca_file: Optional[str], use_system_trust_store: bool,
             enumerate_cipher_suites: bool, enumerate_groups: bool, check_certificate: bool,
             endpoint_timeout: Optional[float] = None, connections_per_endpoint: int = 4) -> str:
    return json.dumps({
        "timeout": timeout,
        "endpoint_timeout": endpoint_timeout,
        "connections_per_endpoint": connections_per_endpoint,
        "concurrency": concurrency,
        "ca_file": ca_file,
        "use_system_trust_store": use_system_trust_store,
        "enumerate_cipher_suites": enumerate_cipher_suites,
        "enumerate_groups": enumerate_groups,
        "check_certificate": check_certificate,
    })


def _targets(targets: Iterable[Target], sni: Optional[str], starttls: Optional[str]) -> str:
    items: list[Any] = []
    for target in targets:
        if isinstance(target, str):
            target = {"target": target, "sni": sni, "starttls": starttls}
        elif not isinstance(target, dict):
            raise InvalidArgumentError(f"a target must be 'host:port' or a dict, got {target!r}")
        items.append(target)
    return json.dumps(items)


def scan(targets: Iterable[Target], *, sni: Optional[str] = None, starttls: Optional[str] = None,
         timeout: float = 5.0, concurrency: int = 8, ca_file: Optional[str] = None,
         use_system_trust_store: bool = True, enumerate_cipher_suites: bool = True,
         enumerate_groups: bool = True, check_certificate: bool = True,
         on_result: Optional[Callable[[EndpointResult], None]] = None,
         endpoint_timeout: Optional[float] = None, connections_per_endpoint: int = 4) -> list[EndpointResult]:
    """Scans every target; returns their results in the order given.

    ``timeout`` (seconds) bounds each step: the TCP connect, each STARTTLS reply, each send, the
    server's whole answer to one ClientHello, the OpenSSL handshake; bytes that trickle in do not
    extend it. ``endpoint_timeout`` (seconds) bounds each endpoint's whole scan; ``None`` means
    max(30, 12 * timeout). When it runs out the result's ``error_kind`` is ``endpoint_timeout`` and
    what was found until then is kept. ``connections_per_endpoint`` protocol versions of one
    endpoint are probed at once, each on its own connection.

    ``on_result`` is called with each result as soon as its endpoint finishes (use it to stream).
    An unreachable or non-TLS endpoint gives a result whose ``error_kind`` says why; it is not an
    exception. On Ctrl-C, :class:`ScanInterruptedError` carries the finished results.
    """
    target_list = list(targets)
    finished: dict[int, EndpointResult] = {}

    def deliver(index: int, document: str) -> None:
        result = EndpointResult(json.loads(document))
        finished[index] = result
        if on_result is not None:
            on_result(result)

    try:
        _native.scan_streaming(_targets(target_list, sni, starttls),
                               _options(timeout, concurrency, ca_file, use_system_trust_store,
                                        enumerate_cipher_suites, enumerate_groups, check_certificate,
                                        endpoint_timeout, connections_per_endpoint),
                               deliver)
    except KeyboardInterrupt:
        raise ScanInterruptedError([finished[i] for i in sorted(finished)]) from None
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    return [finished[i] for i in sorted(finished)]


def scan_endpoint(target: Target, **options: Any) -> EndpointResult:
    """Scans one endpoint (same options as :func:`scan`)."""
    return scan([target], **options)[0]
