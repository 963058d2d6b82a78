"""The errors tlsready raises. Network and server problems are not errors: they are results."""

from __future__ import annotations


class Error(Exception):
    """Base class of every error tlsready raises."""


class InvalidArgumentError(Error, ValueError):
    """A target, option or file given to tlsready cannot be used; the message names it."""


class ScanInterruptedError(Error, KeyboardInterrupt):
    """The scan was interrupted (Ctrl-C); ``results`` holds every endpoint that finished."""

    def __init__(self, results: list[object]) -> None:
        super().__init__(f"scan interrupted after {len(results)} finished endpoint(s)")
        self.results = results
