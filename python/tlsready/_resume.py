"""`tlsready scan -o FILE --resume`: the endpoints that already have a result in FILE.

FILE is JSONL written one flushed line per finished endpoint, so a run killed (even by SIGKILL) leaves
whole lines and at most one torn last line; that line is cut off (its endpoint is scanned again)."""

from __future__ import annotations

import json
import os
from typing import Optional, Set, Tuple

from tlsready._errors import InvalidArgumentError

Key = Tuple[str, int]


def target_key(target: str) -> Optional[Key]:
    """(host, port) of "host:port" or "[v6]:port"; None when the text has no port (scanned anyway)."""
    text = target.strip()
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, sep, port_text = text.rpartition(":")
        if ":" in host:  # a bare IPv6 address
            return None
    if not host or not port_text.isdigit():
        return None
    return host.lower(), int(port_text)


def finished_targets(path: str) -> Set[Key]:
    """The (host, port) of every scan document in FILE; a torn last line is removed from FILE."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return set()
    except OSError as error:
        raise InvalidArgumentError(f"--resume: cannot read {path}: {error.strerror or error}") from None
    keep = data.rfind(b"\n") + 1  # bytes after the last line break are a torn line
    done: Set[Key] = set()
    for number, line in enumerate(data[:keep].splitlines(), 1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
            target = document["target"]
            done.add((str(target["host"]).lower(), int(target["port"])))
        except (ValueError, KeyError, TypeError):
            raise InvalidArgumentError(
                f"--resume: line {number} of {path} is not a tlsready scan document") from None
    if keep < len(data):
        with open(path, "r+b") as handle:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
    return done
