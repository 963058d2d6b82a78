"""One bench's section of bench/README.md, between its begin and end markers: replaced in place when the
file has them, appended otherwise, so each bench rewrites only its own figures."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, begin: str, end: str, text: str) -> None:
    current = path.read_text() if path.exists() else ""
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + text + rest.split(end, 1)[1].lstrip("\n")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current)
