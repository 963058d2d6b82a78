"""Whether and how the CLI colours its text: only on a terminal, never with NO_COLOR (no-color.org)."""

from __future__ import annotations

import os
from typing import Mapping, Optional, TextIO

_RED = "\033[1;31m"
_RESET = "\033[0m"


def colour_wanted(stream: TextIO, environ: Optional[Mapping[str, str]] = None) -> bool:
    """True when ``stream`` is a terminal and neither ``NO_COLOR`` (any non-empty value) nor ``TERM=dumb`` is set."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def warn(text: str, colour: bool) -> str:
    """``text`` marked as a weakness: bold red on a colour terminal, unchanged otherwise."""
    return f"{_RED}{text}{_RESET}" if colour else text
