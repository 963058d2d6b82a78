"""Checks of numeric options shared by the Python API and the CLI's argparse types (light: the CLI
imports it to build its parser before any command runs)."""

from __future__ import annotations

import math
import numbers
from typing import Any

from tlsready._errors import InvalidArgumentError

MAX_TIMEOUT = 600.0
MAX_CONCURRENCY = 1024
MAX_ENDPOINT_TIMEOUT = 86400.0
MAX_CONNECTIONS_PER_ENDPOINT = 16


def check_seconds(name: str, value: Any, maximum: float = MAX_TIMEOUT) -> float:
    """`value` as seconds in (0, maximum]; else InvalidArgumentError naming the option `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidArgumentError(f"{name} must be a number of seconds, got {value!r}")
    seconds = float(value)
    if not math.isfinite(seconds) or not 0 < seconds <= maximum:
        raise InvalidArgumentError(f"{name} must be a number of seconds in (0, {maximum:g}], got {value!r}")
    return seconds


def check_count(name: str, value: Any, maximum: int = MAX_CONCURRENCY) -> int:
    """`value` as an integer in 1..maximum; else InvalidArgumentError naming the option `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 1 <= int(value) <= maximum:
        raise InvalidArgumentError(f"{name} must be an integer in 1..{maximum}, got {value!r}")
    return int(value)
