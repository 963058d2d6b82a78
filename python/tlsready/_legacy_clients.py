"""Who still uses TLS 1.0/1.1: server logs read by the native finder (native/src/logs).

>>> report = legacy_clients(["u_ex261130_x.log"])          # doctest: +SKIP
>>> report.legacy_uses, report.clients[0]["user_agent"]      # doctest: +SKIP
(3, 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)')
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from tlsready import _native
from tlsready._errors import InvalidArgumentError, MissingDependencyError, native_errors

LEGACY_CLIENTS_SCHEMA_VERSION: str = _native.LEGACY_CLIENTS_SCHEMA_VERSION

PathLike = Union[str, "os.PathLike[str]"]


def log_formats() -> tuple[str, ...]:
    """The log formats the finder reads (besides ``"auto"``)."""
    return tuple(_native.log_formats())


def detect_log_format(path: PathLike) -> str:
    """The format ``"auto"`` recognises for ``path``; InvalidArgumentError naming the file when none fits."""
    with native_errors():
        return _native.detect_log_format(os.fspath(path))


@dataclass(frozen=True)
class LegacyClients:
    """The legacy-clients document (schema legacy-clients.schema.json) of some log files."""

    raw: Mapping[str, Any] = field(repr=False)

    @property
    def uses(self) -> int:
        return int(self.raw["totals"]["uses"])

    @property
    def legacy_uses(self) -> int:
        """Uses of SSLv2, SSLv3, TLS 1.0 or TLS 1.1."""
        return int(self.raw["totals"]["legacy_uses"])

    @property
    def protocols(self) -> dict[str, int]:
        return dict(self.raw["totals"]["protocols"])

    @property
    def clients(self) -> tuple[dict[str, Any], ...]:
        """Clients (address, user agent) with a legacy use, most legacy uses first."""
        return tuple(self.raw["clients"]["items"])

    @property
    def sites(self) -> tuple[dict[str, Any], ...]:
        return tuple(self.raw["sites"]["items"])

    @property
    def users(self) -> tuple[dict[str, Any], ...]:
        return tuple(self.raw["users"]["items"])

    @property
    def days(self) -> tuple[dict[str, Any], ...]:
        return tuple(self.raw["days"])

    @property
    def sources(self) -> tuple[dict[str, Any], ...]:
        """Per file: its format and how much of it was read (``read``: lines, events, malformed, ...)."""
        return tuple(self.raw["sources"])

    def to_dict(self) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(json.dumps(self.raw))
        return copy

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.raw, indent=indent)

    def to_frame(self, kind: str = "clients") -> Any:
        """A pandas DataFrame of ``kind``: "clients", "sites", "users" or "days" (one row each, one column
        per protocol count). Needs pandas (``pip install tlsready[pandas]``)."""
        try:
            import pandas
        except ImportError:
            raise MissingDependencyError("to_frame() needs pandas: pip install 'tlsready[pandas]'") from None
        rows_of = {"clients": self.clients, "sites": self.sites, "users": self.users, "days": self.days}
        if kind not in rows_of:
            raise InvalidArgumentError(f"to_frame: kind {kind!r} is none of {', '.join(rows_of)}")
        rows = []
        for item in rows_of[kind]:
            row = {key: value for key, value in item.items() if key != "protocols" and not isinstance(value, dict)}
            for name in ("users", "sites", "servers", "user_agents"):
                if isinstance(item.get(name), dict):
                    row[name] = ", ".join(item[name]["names"])
            row.update(item["protocols"])
            rows.append(row)
        frame = pandas.DataFrame(rows)
        if kind == "days":
            # a time series: one row per day, indexed by its date (resample, rolling, plot with dates)
            frame.index = pandas.DatetimeIndex(pandas.to_datetime(frame["day"] if rows else [], format="%Y-%m-%d"),
                                               name="date")
        return frame

    def plot(self, kind: str = "days", ax: Any = None, title: Optional[str] = "TLS uses per day") -> Any:
        """A matplotlib chart of the logs: ``kind="days"``, one stacked bar per day of the uses with a legacy
        protocol (SSL, TLS 1.0/1.1), with TLS 1.2/1.3 and with a protocol the log did not name. Draws on ``ax``
        when given, else on a new pyplot figure (a notebook shows it); returns the Axes (``.figure`` is the
        Figure). Needs matplotlib (``pip install tlsready[plot]``): MissingDependencyError says so."""
        if kind != "days":
            raise InvalidArgumentError(f"plot: kind {kind!r} is not 'days' (the one chart of legacy clients)")
        from tlsready import _plot

        return _plot.plot_legacy_days(self.days, ax=ax, title=title)

    def _repr_html_(self) -> str:
        """Totals, the legacy clients as a sortable table, the uses per day and unreadable lines, for notebooks
        (tlsready._html; escaped, no external assets)."""
        from tlsready import _html

        return _html.legacy_clients_html(self)

    def __repr__(self) -> str:
        return (f"LegacyClients({len(self.sources)} files, {self.uses} TLS uses, {self.legacy_uses} legacy, "
                f"{len(self.clients)} legacy clients)")


def legacy_clients(paths: Union[PathLike, Iterable[PathLike]], *, format: str = "auto", limit: int = 0,
                   on_event: Optional[Callable[[dict[str, Any]], None]] = None) -> LegacyClients:
    """Read server logs and say who still uses TLS older than 1.2.

    ``paths``: one file or several. ``format``: ``"auto"`` (recognised from each file), ``"iis"`` (W3C logs with
    the crypt-* fields), ``"exchange-smtp"``, ``"nginx:<log_format string>"`` or
    ``"nginx:@/etc/nginx/nginx.conf:NAME"``,
    ``"apache"`` (mod_ssl's ssl_request_log) or ``"apache:<LogFormat string>"``, ``"haproxy:<log-format string>"``,
    ``"postfix"``, ``"dovecot"``; a bad format string raises InvalidArgumentError naming it and its mistake.
    ``on_event`` receives every TLS-use event (schema tls-use-event.schema.json) as it is read; the files
    are read natively with the GIL released, in bounded memory. Ctrl-C stops the reading.
    """
    if isinstance(paths, (str, os.PathLike)):
        path_list = [os.fspath(paths)]
    else:
        path_list = [os.fspath(path) for path in paths]
    if not path_list:
        raise InvalidArgumentError("legacy_clients: no log files given")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise InvalidArgumentError(f"legacy_clients: limit must be a whole number >= 0, not {limit!r}")
    callback: Optional[Callable[[str], object]] = None
    if on_event is not None:
        event_sink = on_event

        def callback(text: str) -> None:
            event_sink(json.loads(text))
    with native_errors():
        document = _native.legacy_clients(path_list, format, limit, callback)
    return LegacyClients(json.loads(document))
