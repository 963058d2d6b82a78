"""The scan's progress bar on stderr: only when stderr is a terminal and more than one target is scanned.

    [########............]  12/30  1 failed  0:04 elapsed  2.9/s  127.0.0.1:8443

Redrawn as each endpoint finishes and twice a second in between (elapsed and rate keep moving while a
slow endpoint holds everything up); erased before anything else is written to the terminal and at the
end. Piped or redirected stderr gets nothing, not even the erase sequence.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from typing import Callable, Iterator, Optional, TextIO

_CLEAR_LINE = "\r\033[K"  # back to column 0, erase to the end of the line
_BAR = 20
_TICK = 0.5  # seconds between redraws while nothing finishes


def wanted(err: TextIO, total: int) -> bool:
    isatty = getattr(err, "isatty", None)
    try:
        return total > 1 and bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or odd stream is no terminal
        return False


def format_elapsed(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_line(done: int, total: int, failed: int, elapsed: float, rate: float, current: str, width: int) -> str:
    """One progress line, cut to ``width`` columns so it never wraps (a wrapped line cannot be erased)."""
    filled = _BAR * done // total if total else _BAR
    bar = "#" * filled + "." * (_BAR - filled)
    parts = [f"[{bar}]", f"{done:>{len(str(total))}}/{total}"]
    if failed:
        parts.append(f"{failed} failed")
    parts.append(f"{format_elapsed(elapsed)} elapsed")
    parts.append(f"{rate:.1f}/s")
    if current:
        parts.append(current)
    return "  ".join(parts)[:max(width - 1, 10)]


def _columns(stream: TextIO) -> int:
    """The terminal's width (shutil.get_terminal_size without importing shutil and its archivers)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 80
    return columns if columns > 0 else 80  # a terminal that reports no size (a fresh pty, a serial console)


class Progress:
    """Counts finished endpoints and draws the bar; every write to the terminal goes through ``writing()``."""

    def __init__(self, err: TextIO, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._err = err
        self._total = total
        self._clock = clock
        self.enabled = wanted(err, total)
        self._lock = threading.RLock()
        self._shown = False
        self._done = 0
        self._failed = 0
        self._current = ""
        self._started = clock()
        self._recent: list[float] = []  # finish times of the last endpoints, for the current rate
        self._stop = threading.Event()
        self._ticker: Optional[threading.Thread] = None

    def start(self) -> None:
        """Draws the bar and keeps it moving until close(); nothing when it is not wanted."""
        if self.enabled and self._ticker is None:
            self._started = self._clock()
            with self._lock:
                self._draw()
            self._ticker = threading.Thread(target=self._tick, name="tlsready-progress", daemon=True)
            self._ticker.start()

    @property
    def done(self) -> int:
        return self._done

    @property
    def failed(self) -> int:
        return self._failed

    def rate(self, now: float) -> float:
        """Endpoints per second over the last ten that finished (the whole run before ten did)."""
        if not self._recent:
            return 0.0
        if len(self._recent) < 10:
            span = now - self._started
            return len(self._recent) / span if span > 0 else 0.0
        span = now - self._recent[0]
        return (len(self._recent) - 1) / span if span > 0 else 0.0

    def finished(self, target: str, ok: bool) -> None:
        """One endpoint finished; redraws the bar."""
        with self._lock:
            self._done += 1
            self._failed += 0 if ok else 1
            self._current = target
            self._recent = (self._recent + [self._clock()])[-10:]
            self._draw()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Erase the bar, let the caller write (stdout or stderr), draw it again on the next tick or result."""
        with self._lock:
            self._clear()
            yield

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(2)
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        if self._shown:
            self._err.write(_CLEAR_LINE)
            self._err.flush()
            self._shown = False

    def _draw(self) -> None:
        if not self.enabled or self._stop.is_set():
            return
        now = self._clock()
        width = _columns(self._err)
        line = format_line(self._done, self._total, self._failed, now - self._started, self.rate(now),
                           self._current, width)
        try:
            self._err.write(_CLEAR_LINE + line)
            self._err.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing, the scan goes on
            self.enabled = False
            return
        self._shown = True

    def _tick(self) -> None:
        while not self._stop.wait(_TICK):
            with self._lock:
                self._draw()
