"""The errors of :mod:`tlsready.distributed`, importable without Dask (the CLI and the workers use them)."""

from __future__ import annotations

from typing import Any

from tlsready._errors import Error


class WorkerVersionError(Error):
    """A worker runs another tlsready than the client: its documents could differ, so it does not scan."""


class SchedulerUnreachableError(Error):
    """No Dask scheduler answered at the address given; the message names it."""


class WorkerLostError(Error):
    """Chunks whose workers kept dying after every retry. ``targets`` are the targets without a result
    (as given, with their index in the run), ``results`` every result that was yielded before."""

    def __init__(self, targets: list[tuple[int, Any]], results: list[Any]) -> None:
        shown = ", ".join(f"{index}: {target!r}" for index, target in targets[:5])
        more = f" and {len(targets) - 5} more" if len(targets) > 5 else ""
        super().__init__(f"{len(targets)} target(s) not scanned: the Dask workers running them died after every "
                         f"retry ({shown}{more})")
        self.targets = targets
        self.results = results
