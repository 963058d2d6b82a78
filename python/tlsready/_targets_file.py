"""`tlsready scan -i FILE` / `-i -`: targets one per line; `#` starts a comment, blank lines are skipped.

Bad input is an InvalidArgumentError naming the file (exit 2, one line): unreadable, binary (a NUL byte
or not UTF-8), or holding no target at all."""

from __future__ import annotations

from typing import BinaryIO, Iterable, List, Optional

from tlsready._errors import InvalidArgumentError

STDIN_NAME = "-"


def parse_targets(data: bytes, name: str) -> List[str]:
    """The targets in `data` (the bytes of the file called `name`), in file order."""
    if b"\0" in data:
        raise InvalidArgumentError(f"input file {name} is binary (a NUL byte), expected one target per line")
    try:
        text = data.decode("utf-8-sig")  # a BOM from Notepad or Excel is fine
    except UnicodeDecodeError as error:
        raise InvalidArgumentError(
            f"input file {name} is not UTF-8 text (byte {error.start}), expected one target per line") from None
    targets = []
    for line in text.splitlines():
        target = line.split("#", 1)[0].strip()
        if target:
            targets.append(target)
    return targets


def read_targets(path: str, stdin: Optional[BinaryIO] = None) -> List[str]:
    """The targets of the file at `path`, or of `stdin` when `path` is "-"."""
    if path == STDIN_NAME:
        name = "standard input"
        if stdin is None:
            raise InvalidArgumentError("-i -: standard input is not available")
        data = stdin.read()
    else:
        name = path
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except IsADirectoryError:
            raise InvalidArgumentError(f"input file {path} is a directory") from None
        except OSError as error:
            raise InvalidArgumentError(f"cannot read input file {path}: {error.strerror or error}") from None
    return parse_targets(data, name)


def collect_targets(arguments: Iterable[str], input_files: Iterable[str], stdin: Optional[BinaryIO]) -> List[str]:
    """Targets from the command line (a lone "-" reads stdin) and from each -i FILE, in that order;
    at least one, or an InvalidArgumentError."""
    targets: List[str] = []
    sources = []
    for argument in arguments:
        if argument == STDIN_NAME:
            targets.extend(read_targets(STDIN_NAME, stdin))
            sources.append("standard input")
        else:
            targets.append(argument)
    for path in input_files:
        targets.extend(read_targets(path, stdin))
        sources.append("standard input" if path == STDIN_NAME else path)
    if not targets:
        if sources:
            raise InvalidArgumentError(f"no targets in {', '.join(sources)} (one HOST:PORT per line, # comments)")
        raise InvalidArgumentError("no targets: give HOST:PORT arguments, -i FILE or - for standard input")
    return targets
