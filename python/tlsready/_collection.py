"""``ScanResults``: the list type returned for several endpoints (a plain ``list`` of ``EndpointResult``)."""

from __future__ import annotations

from typing import Any, Optional

from tlsready._results import EndpointResult


class ScanResults(list[EndpointResult]):
    """The results of several endpoints, in the order they finished or were asked for; a ``list`` in every way."""

    # Notebook and pandas views (tlsready._html, _frames, _plot); they read the result documents.
    _verdicts: dict[int, tuple[EndpointResult, Any]]  # id(result) -> (result, its Verdict), set by with_verdicts

    def with_verdicts(self, policy: Any, *, clients: bool = False, simulate: bool = False, what_if: Any = None,
                      client_ids: Any = None) -> "ScanResults":
        """These results judged against ``policy`` (as tlsready.verdict: "m365", a file, a document): a new
        ScanResults whose ``verdicts`` hold one Verdict per result, shown in its cards, table, frames and
        plots. ``clients=True`` adds each verdict's client outcomes (``simulate``, ``what_if``,
        ``client_ids`` as tlsready.verdict)."""
        from tlsready._errors import InvalidArgumentError
        from tlsready._verdict import verdict, verdicts

        if clients:
            items = [verdict(result, policy, clients=True, simulate=simulate, what_if=what_if,
                             client_ids=client_ids) for result in self]
        elif simulate or what_if is not None or client_ids is not None:
            raise InvalidArgumentError("simulate, what_if and client_ids go with clients=True")
        else:
            items = verdicts(self, policy)
        judged = ScanResults(self)
        judged._verdicts = {id(result): (result, item) for result, item in zip(judged, items)}
        return judged

    @property
    def verdicts(self) -> Optional[list[Any]]:
        """After :meth:`with_verdicts`: one Verdict per result (None for one added since); else None."""
        attached = self.__dict__.get("_verdicts")
        if attached is None:
            return None
        found = [attached.get(id(result)) for result in self]
        return [entry[1] if entry is not None and entry[0] is result else None
                for entry, result in zip(found, self)]

    def _repr_html_(self) -> str:
        """One card for one endpoint; for more, a summary, a sortable table and the cards (tlsready._html)."""
        from tlsready import _html

        return _html.results_html(self, self.verdicts)

    def to_frame(self, kind: Optional[str] = None) -> Any:
        """pandas DataFrames, one tidy table per concern, every result in it: a read-only mapping of
        kind -> DataFrame (also by attribute, ``frames.suites``), or with ``kind`` that one table. Kinds:
        ``endpoints``, ``protocols``, ``suites``, ``certificates``, ``errors``, ``findings``; after
        :meth:`with_verdicts` also ``verdicts``, ``clients``, ``readiness`` and ``verdict_summary``.
        Columns: tlsready._frames.COLUMNS. Needs pandas (``pip install tlsready[pandas]``)."""
        from tlsready import _frames

        return _frames.to_frame(self, kind, self.verdicts)

    def plot_versions(self, ax: Any = None) -> Any:
        """The versions each endpoint accepts as a grid (matplotlib Axes; tlsready.plot_versions)."""
        from tlsready import _plot

        return _plot.plot_versions(self, ax=ax)

    def plot_readiness(self, ax: Any = None) -> Any:
        """Readiness counts as bars, after :meth:`with_verdicts` (matplotlib Axes; tlsready.plot_readiness)."""
        from tlsready import _plot

        return _plot.plot_readiness(self, ax=ax)

    def plot(self) -> Any:
        """The versions grid and, after :meth:`with_verdicts`, the readiness bars (a matplotlib Figure)."""
        from tlsready import _plot

        return _plot.plot_estate(self)
