"""An estate at a glance with matplotlib: which versions each endpoint accepts, and readiness counts.

matplotlib is imported on the first call only (``import tlsready`` never imports it); without it,
:class:`tlsready.MissingDependencyError` says what to install. The functions draw on ``ax`` when given,
else on a new pyplot figure (so a notebook shows it), and return the Axes; :func:`plot_estate` returns
the Figure. They never pick a backend: set ``MPLBACKEND=Agg`` (or ``matplotlib.use``) to draw off-screen.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from tlsready import _html_facts as facts
from tlsready._errors import InvalidArgumentError, MissingDependencyError

# cell value -> (colour, legend); the same colours as the notebook cards
STATES: tuple[tuple[str, str, str], ...] = (
    ("refused", "#eaeef2", "refused"),
    ("unknown", "#fff8c5", "not known"),
    ("modern", "#1a7f37", "accepted (TLS 1.2/1.3)"),
    ("legacy", "#cf222e", "accepted (legacy)"),
)
READINESS_COLOURS: Mapping[str, str] = {"ready": "#1a7f37", "ready_with_warnings": "#bf8700",
                                        "not_ready": "#cf222e", "unknown": "#8c959f"}
MAX_LABELLED_ROWS = 80  # beyond this many endpoints the grid has no row labels (they would overlap)


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as error:
        raise MissingDependencyError(
            f"the tlsready plots need matplotlib, which is not installed ({error}); install it with "
            "`pip install tlsready[plot]` (or your distribution's python3-matplotlib)") from None
    return matplotlib


def _axes(ax: Any, width: float, height: float) -> Any:
    if ax is not None:
        return ax
    _matplotlib()
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def version_grid(results: Sequence[Any]) -> tuple[list[str], list[list[int]]]:
    """(row labels, cells): one row per endpoint, one column per version of VERSIONS; each cell the index
    of its state in STATES."""
    index = {name: position for position, (name, _, _) in enumerate(STATES)}
    labels, cells = [], []
    for doc in facts.documents(results):
        label = facts.target_label(doc) + (f" ({facts.starttls(doc)})" if facts.starttls(doc) else "")
        labels.append(label + (f" [{doc['error']['kind']}]" if doc.get("error") else ""))
        row = []
        for version, state in facts.protocol_states(doc).items():
            if state == "accepted":
                state = "modern" if version in facts.MODERN else "legacy"
            row.append(index[state])
        cells.append(row)
    return labels, cells


def plot_versions(results: Sequence[Any], ax: Any = None, title: Optional[str] = "Versions accepted") -> Any:
    """A grid, one row per endpoint and one column per version: accepted TLS 1.2/1.3 green, accepted
    legacy versions red, refused grey, not known yellow. Returns the Axes."""
    labels, cells = version_grid(results)
    if not cells:
        raise InvalidArgumentError("plot_versions: no results to plot")
    _matplotlib()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    ax = _axes(ax, 7.5, min(2.0 + 0.28 * len(cells), 24.0))
    colours = ListedColormap([colour for _, colour, _ in STATES])
    norm = BoundaryNorm([x - 0.5 for x in range(len(STATES) + 1)], len(STATES))
    ax.imshow(cells, cmap=colours, norm=norm, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(facts.VERSIONS)))
    ax.set_xticklabels([facts.VERSION_LABELS[v] for v in facts.VERSIONS])
    ax.xaxis.tick_top()
    if len(labels) <= MAX_LABELLED_ROWS:
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels, fontsize=8 if len(labels) > 20 else 9)
    else:
        ax.set_yticks([])
        ax.set_ylabel(f"{len(labels)} endpoints")
    ax.set_xticks([x + 0.5 for x in range(len(facts.VERSIONS) - 1)], minor=True)
    ax.set_yticks([y + 0.5 for y in range(len(labels) - 1)], minor=True)
    ax.grid(which="minor", color="#ffffff", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.legend(handles=[Patch(facecolor=colour, edgecolor="#8c959f", label=label) for _, colour, label in STATES],
              loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(STATES), fontsize=8, frameon=False)
    if title:
        ax.set_title(title, pad=12)
    return ax


def readiness_counts(items: Any) -> dict[str, int]:
    """Readiness -> count, from Verdicts (or verdict documents), a judged ScanResults (its ``verdicts``) or
    a ``verdict_summary`` document."""
    if isinstance(items, Mapping) and items.get("document") == "verdict_summary":
        counts = dict.fromkeys(facts.READINESS, 0)
        counts.update({str(k): int(v) for k, v in (items.get("readiness") or {}).items()})
        return counts
    if hasattr(items, "with_verdicts"):  # a ScanResults: its verdicts, none before with_verdicts()
        items = [item for item in items.verdicts or () if item is not None]
    return facts.readiness_counts(facts.documents(items, "verdict"))


def plot_readiness(items: Any, ax: Any = None, title: Optional[str] = "Readiness") -> Any:
    """Bars of how many endpoints are ready, ready with warnings, not ready or unknown. ``items``:
    Verdicts, a judged ScanResults (``results.with_verdicts(policy)``) or a verdict_summary document.
    Returns the Axes."""
    counts = readiness_counts(items)
    if not any(counts.values()):
        raise InvalidArgumentError("plot_readiness: no verdicts to count (judge the results first: "
                                   "results.with_verdicts(policy) or tlsready.verdicts(results, policy))")
    _matplotlib()
    from matplotlib.ticker import MaxNLocator

    ax = _axes(ax, 6.0, 3.0)
    names = list(counts)
    labels = {"ready_with_warnings": "ready with\nwarnings", "not_ready": "not ready"}
    bars = ax.bar([labels.get(name, name) for name in names], [counts[name] for name in names],
                  color=[READINESS_COLOURS.get(name, "#8c959f") for name in names])
    ax.bar_label(bars, labels=[str(counts[name]) for name in names])
    ax.set_ylabel("endpoints")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(counts.values()) * 1.2 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return ax


def plot_estate(results: Sequence[Any], verdicts: Optional[Sequence[Any]] = None) -> Any:
    """One figure: the versions grid and, with verdicts (or a judged ScanResults), the readiness bars.
    Returns the Figure."""
    _matplotlib()
    import matplotlib.pyplot as plt

    if verdicts is None and hasattr(results, "with_verdicts"):  # a ScanResults
        verdicts = getattr(results, "verdicts")
    judged = [item for item in verdicts or () if item is not None]
    rows = len(facts.documents(results))
    height = min(2.5 + 0.28 * rows, 24.0)
    if not judged:
        figure, grid = plt.subplots(figsize=(8.5, height), layout="constrained")
        plot_versions(results, ax=grid)
        return figure
    figure, (grid, bars) = plt.subplots(1, 2, figsize=(13.0, max(height, 3.5)), layout="constrained",
                                        gridspec_kw={"width_ratios": [3, 2]})
    plot_versions(results, ax=grid)
    plot_readiness(judged, ax=bars)
    return figure


# Legacy clients from server logs: per day, the uses with a legacy protocol, with TLS 1.2/1.3 and unknown.
LEGACY_DAY_PARTS: tuple[tuple[str, str, str], ...] = (
    ("legacy", "#cf222e", "legacy (SSL, TLS 1.0/1.1)"),
    ("modern", "#1a7f37", "TLS 1.2/1.3"),
    ("unknown", "#8c959f", "protocol not known"),
)


def legacy_day_counts(days: Sequence[Mapping[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    """(day, {"legacy", "modern", "unknown"} -> uses) per day of a legacy-clients document's ``days``."""
    counts = []
    for day in days:
        protocols = day.get("protocols") or {}
        modern = sum(int(protocols.get(name, 0)) for name in ("TLSv1.2", "TLSv1.3"))
        counts.append((str(day["day"]), {"legacy": int(day.get("legacy_uses", 0)), "modern": modern,
                                         "unknown": int(protocols.get("unknown", 0))}))
    return counts


def plot_legacy_days(days: Sequence[Mapping[str, Any]], ax: Any = None,
                     title: Optional[str] = "TLS uses per day") -> Any:
    """Stacked bars, one per day: uses with a legacy protocol (red), with TLS 1.2/1.3 (green) and with a protocol
    the log did not name (grey). ``days``: a legacy-clients document's ``days``. Returns the Axes."""
    counts = legacy_day_counts(days)
    if not counts:
        raise InvalidArgumentError("plot(kind='days'): the logs have no dated TLS use to plot")
    _matplotlib()
    import datetime

    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    ax = _axes(ax, min(4.0 + 0.3 * len(counts), 16.0), 3.5)
    dates = [datetime.datetime.strptime(day, "%Y-%m-%d") for day, _ in counts]
    bottom = [0] * len(counts)
    for part, colour, label in LEGACY_DAY_PARTS:
        heights = [parts[part] for _, parts in counts]
        ax.bar(dates, heights, bottom=bottom, color=colour, label=label, width=0.8)
        bottom = [low + high for low, high in zip(bottom, heights)]
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=12))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("uses")
    ax.set_ylim(0, max(bottom) * 1.15 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    for tick in ax.get_xticklabels():
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
    if title:
        ax.set_title(title)
    return ax
