"""The errors tlsready raises. Network and server problems are not errors: they are results."""

from __future__ import annotations


class Error(Exception):
    """Base class of every error tlsready raises."""


class InvalidArgumentError(Error, ValueError):
    """A target, option or file given to tlsready cannot be used; the message names it."""


class ScanInterruptedError(KeyboardInterrupt):
    """The scan was interrupted (Ctrl-C, or SIGTERM in the CLI); ``results`` holds every endpoint that finished.

    A :class:`KeyboardInterrupt` (a :class:`BaseException`), not an :class:`Exception`: an interrupt
    must stop the program, so ``except Exception:`` does not catch it, and neither does
    ``except tlsready.Error:`` (``Error`` is an ``Exception``; a class cannot be both without
    ``except Exception:`` catching it). Catch it by name, or as ``except KeyboardInterrupt:``.
    """

    def __init__(self, results: list[object]) -> None:
        super().__init__(f"scan interrupted after {len(results)} finished endpoint(s)")
        self.results = results


class MissingDependencyError(Error, ImportError):
    """An optional package a feature needs is not installed (pandas for ``to_frame()``, matplotlib for the
    plots); the message names it and the ``pip install tlsready[...]`` extra that brings it."""
