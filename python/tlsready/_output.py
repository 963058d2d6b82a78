"""Files the CLI writes (JSONL results, remediation scripts): one-line errors naming the file.

Every problem opening or writing an output file becomes an :class:`OutputError` whose message
names the file and the problem ("no such directory", "is a directory", "permission denied", "no
space left on device"); the CLI prints that line and exits 2 instead of a traceback.
"""

from __future__ import annotations

import errno
import os
from typing import Iterable, Optional, TextIO

from tlsready._errors import Error


class OutputError(Error):
    """An output file cannot be opened or written; the message names the file and the problem."""


class OutputClosedError(OutputError):
    """The reader of a pipe went away (``tlsready ... | head -1``): not a failure, stop quietly."""


_PROBLEMS = {
    errno.ENOENT: "no such directory",
    errno.ENOTDIR: "a parent is not a directory",
    errno.EISDIR: "is a directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENAMETOOLONG: "file name too long",
}


def describe(error: OSError) -> str:
    """The short problem text of an OS error, without Python's decoration."""
    return _PROBLEMS.get(error.errno or 0, error.strerror or str(error))


def _same_file(path: str, other: str) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


class OutputFile:
    """A text file being written; every write error is an :class:`OutputError` naming it."""

    def __init__(self, path: str, handle: TextIO) -> None:
        self.path = path
        self._handle: Optional[TextIO] = handle

    def write(self, text: str) -> None:
        if self._handle is None:
            raise OutputError(f"cannot write {self.path}: already closed")
        try:
            self._handle.write(text)
            self._handle.flush()
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {describe(error)}") from None

    def truncate(self) -> None:
        """Empties the file (a file opened to append, replaced once the run has something to write)."""
        if self._handle is None:
            raise OutputError(f"cannot write {self.path}: already closed")
        try:
            self._handle.flush()
            self._handle.seek(0)
            self._handle.truncate()
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {describe(error)}") from None

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.close()
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {describe(error)}") from None

    def __enter__(self) -> "OutputFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OutputStream:
    """Standard output (or any open text stream) with the same one-line errors as a file.

    A closed pipe (EPIPE) is :class:`OutputClosedError`; any other write error is an
    :class:`OutputError` naming the stream ("cannot write standard output: no space left on device").
    """

    def __init__(self, stream: TextIO, name: str = "standard output") -> None:
        self.stream = stream
        self.name = name

    def _failed(self, error: OSError) -> OutputError:
        if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
            return OutputClosedError(f"{self.name} was closed by its reader")
        return OutputError(f"cannot write {self.name}: {describe(error)}")

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as error:
            raise self._failed(error) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            raise self._failed(error) from None

    def isatty(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())


def open_output(path: str, *, append: bool = False, inputs: Iterable[str] = ()) -> OutputFile:
    """Opens `path` for writing (or appending); refuses to overwrite any of `inputs`."""
    if not path:
        raise OutputError("cannot write '': empty file name")
    if "\0" in path:
        raise OutputError(f"cannot write {path!r}: the name contains a NUL byte")
    for source in inputs:
        if _same_file(path, source):
            raise OutputError(f"refusing to overwrite {path}: it is one of the input files")
    if os.path.isdir(path):
        raise OutputError(f"cannot write {path}: is a directory")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise OutputError(f"cannot write {path}: no such directory {parent}")
    try:
        handle = open(path, "a" if append else "w", encoding="utf-8", newline="")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {describe(error)}") from None
    return OutputFile(path, handle)


def write_text_file(path: str, text: str, *, inputs: Iterable[str] = ()) -> None:
    """Writes `text` to `path` whole (overwriting), with the same errors as :func:`open_output`."""
    with open_output(path, inputs=inputs) as output:
        output.write(text)
