"""The capture listener: who connects with what, from the ClientHellos clients send (native/src/capture).

``listen(port)`` binds 127.0.0.1 (``bind=`` for another local address), records every client's
ClientHello as a TLS-use event (schema tls-use-event.schema.json, ``source.format == "listen"``),
answers with a fatal handshake_failure alert, and returns the legacy-clients summary of what it saw.

>>> report = listen(8443, count=10, on_event=print)      # doctest: +SKIP
>>> report.legacy_uses                                    # doctest: +SKIP
2
"""

from __future__ import annotations

import json
import math
import numbers
from typing import Any, Callable, Optional

from tlsready import _native
from tlsready._errors import InvalidArgumentError, native_errors
from tlsready._legacy_clients import LegacyClients

STARTTLS_PROTOCOLS = ("smtp", "imap", "pop3")


class ListenInterruptedError(KeyboardInterrupt):
    """Ctrl-C stopped :func:`listen`; ``clients`` is the summary (LegacyClients) of what it saw until then and
    ``counts`` the connection counts. A :class:`KeyboardInterrupt`, as ``ScanInterruptedError``."""

    def __init__(self, clients: LegacyClients, counts: dict[str, Any]) -> None:
        super().__init__(f"listener interrupted after {counts.get('hellos', 0)} hello(s)")
        self.clients = clients
        self.counts = counts


def _seconds(name: str, value: Any, *, zero: bool) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise InvalidArgumentError(f"listen: {name} must be a number of seconds, got {value!r}")
    seconds = float(value)
    if seconds < 0 or (seconds == 0 and not zero) or seconds > 366 * 86400:
        raise InvalidArgumentError(f"listen: {name} must be a number of seconds in (0, 31622400], got {value!r}")
    return seconds


def _whole(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or int(value) < minimum:
        raise InvalidArgumentError(f"listen: {name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def listen(port: int, *, bind: str = "127.0.0.1", starttls: Optional[str] = None, count: Optional[int] = None,
           duration: Optional[float] = None, on_event: Optional[Callable[[dict[str, Any]], object]] = None,
           on_listening: Optional[Callable[[str, int], object]] = None, connection_timeout: float = 10.0,
           max_connections: int = 256) -> LegacyClients:
    """Listen on ``bind``:``port`` (0: a free port, given to ``on_listening(address, port)``) and record each
    client's ClientHello until ``count`` hellos, ``duration`` seconds, or Ctrl-C.

    ``on_event`` receives every TLS-use event (a dict) as it happens; the listening runs natively with the
    GIL released. ``starttls`` ("smtp", "imap", "pop3") speaks the server side of that prelude first.
    A client with TLS_FALLBACK_SCSV is a modern client's retry: its event says ``fallback_retry`` and it is
    not counted as legacy use. Slow, silent or garbage clients are dropped after ``connection_timeout``
    seconds (counted in ``sources[0]["read"]``). Ctrl-C raises :class:`ListenInterruptedError` carrying the
    summary. Bad options, or an address it cannot listen on, raise InvalidArgumentError naming them.
    """
    port_number = _whole("port", port, 0)
    if port_number > 65535:
        raise InvalidArgumentError(f"listen: port must be in 0..65535, got {port!r}")
    if not isinstance(bind, str) or not bind:
        raise InvalidArgumentError(f"listen: bind must be a numeric IP address, got {bind!r}")
    if starttls is not None and starttls not in STARTTLS_PROTOCOLS:
        raise InvalidArgumentError(f"listen: starttls must be one of {', '.join(STARTTLS_PROTOCOLS)}, got {starttls!r}")
    hello_count = 0 if count is None else _whole("count", count, 1)
    seconds = 0.0 if duration is None else _seconds("duration", duration, zero=False)
    timeout = _seconds("connection_timeout", connection_timeout, zero=False)
    open_limit = _whole("max_connections", max_connections, 1)
    callback: Optional[Callable[[str], object]] = None
    if on_event is not None:
        event_sink = on_event

        def callback(text: str) -> None:
            event_sink(json.loads(text))
    with native_errors():
        document, counts_text, interrupted = _native.listen(bind, port_number, starttls or "", hello_count, seconds,
                                                            timeout, open_limit, callback, on_listening)
    clients = LegacyClients(json.loads(document))
    if interrupted:
        raise ListenInterruptedError(clients, json.loads(counts_text))
    return clients
