"""The errors tlsready raises. Network and server problems are not errors: they are results.

One hierarchy: every error the package raises is a :class:`tlsready.Error` and its message names the
input that failed (the target, option, file, document field or policy). The native core's error
kinds map onto it (``native_errors`` below; the C ABI's ``tlsr_status`` codes are the same kinds):

==============================  =====================================  ==========================
native (C++ / C ABI)            Python                                 also a
==============================  =====================================  ==========================
std::invalid_argument /         :class:`InvalidArgumentError`          ``ValueError``
TLSR_ERR_INVALID_ARGUMENT
tlsready::Unsupported /         :class:`UnsupportedError`              ``NotImplementedError``
TLSR_ERR_UNSUPPORTED
TLSR_ERR_NOT_FOUND              :class:`NotFoundError`                 ``KeyError``
TLSR_ERR_NO_MEMORY              ``MemoryError`` (left as it is)
anything else / ERR_INTERNAL    :class:`InternalError`                 ``RuntimeError``
==============================  =====================================  ==========================

A scan document that does not match the schema (``EndpointResult.from_dict``) raises
:class:`ResultFormatError`, an :class:`InvalidArgumentError` whose message gives the field's path.
Ctrl-C during a scan raises :class:`ScanInterruptedError`, a ``KeyboardInterrupt`` (see there why it
is not an ``Error``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    from tlsready._results import EndpointResult


class Error(Exception):
    """Base class of every error tlsready raises."""


class InvalidArgumentError(Error, ValueError):
    """A target, option or file given to tlsready cannot be used; the message names it."""


class ResultFormatError(InvalidArgumentError):
    """A document given as a scan result does not match the endpoint-scan schema; the message gives
    the path of the field (``protocols[1].cipher_suites[0].bits``) and what was wrong with it."""


class NotFoundError(Error, KeyError):
    """A lookup by id or code found nothing (a client profile, a machine-reach stack, a suite)."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


class UnsupportedError(Error, NotImplementedError):
    """What was asked is not available on this platform or in this build (the message says what)."""


class InternalError(Error, RuntimeError):
    """A bug in tlsready (the native core failed in a way that is never the input's fault)."""


class ScanInterruptedError(KeyboardInterrupt):
    """The scan was interrupted (Ctrl-C, or SIGTERM in the CLI); ``results`` holds every endpoint that finished.

    A :class:`KeyboardInterrupt` (a :class:`BaseException`), not an :class:`Exception`: an interrupt
    must stop the program, so ``except Exception:`` does not catch it, and neither does
    ``except tlsready.Error:`` (``Error`` is an ``Exception``; a class cannot be both without
    ``except Exception:`` catching it). Catch it by name, or as ``except KeyboardInterrupt:``.
    ``results`` is a :class:`tlsready.ScanResults` (a list) when raised by ``scan``/``scan_many``.
    """

    def __init__(self, results: Sequence[EndpointResult]) -> None:
        super().__init__(f"scan interrupted after {len(results)} finished endpoint(s)")
        self.results = results


@contextmanager
def native_errors(what: str = "") -> Iterator[None]:
    """Runs a call into ``tlsready._native`` and raises its failures as this hierarchy.

    The binding turns ``std::invalid_argument`` into ``ValueError`` (its message already names the
    input; ``what`` is put in front when given) and any other C++ exception into ``RuntimeError``.
    """
    prefix = f"{what}: " if what else ""
    try:
        yield
    except Error:
        raise
    except ValueError as error:
        raise InvalidArgumentError(f"{prefix}{error}") from None
    except NotImplementedError as error:
        raise UnsupportedError(f"{prefix}{error}") from None
    except RuntimeError as error:
        raise InternalError(f"{prefix}{error}") from error


class MissingDependencyError(Error, ImportError):
    """An optional package a feature needs is not installed (pandas for ``to_frame()``, matplotlib for the
    plots); the message names it and the ``pip install tlsready[...]`` extra that brings it."""
