"""The notebook views of tlsready.legacy_clients over the sample logs of tests/data/logs: the chart per day
(matplotlib, Agg; optional: MissingDependencyError says what to install), the HTML view (escaped, no external
assets) and the days frame indexed by date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tlsready
from conftest import ROOT

LOGS = ROOT / "tests" / "data" / "logs"
SAMPLES = [LOGS / "iis" / "W3SVC1" / "u_ex261130_x.log", LOGS / "exchange" / "RECV2026113008-1.LOG",
           LOGS / "exchange" / "SEND2026113008-1.LOG"]
FIELDS = "#Fields: date time c-ip cs(User-Agent) crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\r\n"


def two_days(tmp_path: Path) -> Path:
    """An IIS log over two days: on the first, two TLS 1.0 uses and one TLS 1.2; on the second, one TLS 1.3 and one
    whose protocol the log does not name."""
    log = tmp_path / "u_ex261201.log"
    log.write_bytes((FIELDS
                     + "2026-12-01 08:00:01 198.51.100.23 Legacy/1.0 40 6610 8004 ae06\r\n"
                     + "2026-12-01 08:00:02 198.51.100.23 Legacy/1.0 40 6610 8004 ae06\r\n"
                     + "2026-12-01 08:00:03 198.51.100.24 Modern/2.0 400 6610 0 ae06\r\n"
                     + "2026-12-02 08:00:01 198.51.100.25 Modern/3.0 1000 6610 0 ae06\r\n"
                     + "2026-12-02 08:00:02 198.51.100.26 Odd/1.0 8000 6610 8004 ae06\r\n").encode())
    return log


def test_without_matplotlib_plot_says_what_to_install() -> None:
    done = subprocess.run([sys.executable, "-c",
                           "import sys; sys.modules['matplotlib'] = None\n"
                           "import tlsready\n"
                           f"report = tlsready.legacy_clients({str(SAMPLES[0])!r})\n"
                           "try:\n"
                           "    report.plot()\n"
                           "except tlsready.MissingDependencyError as error:\n"
                           "    print(error)\n"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "need matplotlib" in done.stdout and "pip install tlsready[plot]" in done.stdout


def test_repr_html_shows_totals_clients_days_and_unread_lines() -> None:
    page = tlsready.legacy_clients(SAMPLES)._repr_html_()
    assert "TLS uses</b> in 3 file(s)" in page
    assert "with TLS older than 1.2" in page
    assert "198.51.100.23" in page and "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)" in page
    assert "EX01.contoso.example" in page  # an SMTP client named by its EHLO
    assert "TLSv1.0 2" in page
    assert "per day (1)" in page and "2026-11-30" in page
    assert "2 malformed" in page and "last line cut off" in page
    for external in ("<script", "<link", "<style", "src=", "http://", "https://"):
        assert external not in page


def test_repr_html_escapes_what_the_log_says(tmp_path: Path) -> None:
    log = tmp_path / "u_ex261201.log"
    log.write_bytes((FIELDS + "2026-12-01 08:00:01 198.51.100.23 <script>alert(1)</script> 40 6610 8004 ae06\r\n")
                    .encode())
    page = tlsready.legacy_clients(log)._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_repr_html_without_legacy_use(tmp_path: Path) -> None:
    log = tmp_path / "u_ex261201.log"
    log.write_bytes((FIELDS + "2026-12-01 08:00:01 198.51.100.24 Modern/2.0 400 6610 0 ae06\r\n").encode())
    page = tlsready.legacy_clients(log)._repr_html_()
    assert "none with TLS older than 1.2" in page and "<table" not in page.split("per day")[0]


def test_days_frame_is_indexed_by_date(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    frame = tlsready.legacy_clients(two_days(tmp_path)).to_frame("days")
    assert isinstance(frame.index, pandas.DatetimeIndex) and frame.index.name == "date"
    assert list(frame.index) == [pandas.Timestamp("2026-12-01"), pandas.Timestamp("2026-12-02")]
    assert list(frame["day"]) == ["2026-12-01", "2026-12-02"]
    assert list(frame["legacy_uses"]) == [2, 0]
    assert frame.loc["2026-12-01", "TLSv1.0"] == 2
    assert frame.resample("D")["uses"].sum().tolist() == [3, 2]


matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_days_stacks_legacy_modern_and_unknown_per_day(tmp_path: Path) -> None:
    report = tlsready.legacy_clients(two_days(tmp_path))
    ax = report.plot(kind="days")
    assert ax.get_title() == "TLS uses per day"
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "legacy (SSL, TLS 1.0/1.1)", "TLS 1.2/1.3", "protocol not known"]
    bars = {label: [patch.get_height() for patch in container]
            for container, label in zip(ax.containers, ("legacy", "modern", "unknown"))}
    assert bars == {"legacy": [2, 0], "modern": [1, 1], "unknown": [0, 1]}
    # the second day's bar stands on the first two parts
    assert [patch.get_y() for patch in ax.containers[2]] == [3, 1]
    assert ax.get_ylabel() == "uses"
    assert ax.figure is not None
    ax.figure.savefig(tmp_path / "days.png")
    assert (tmp_path / "days.png").stat().st_size > 1000


def test_plot_days_on_given_axes_and_of_the_samples() -> None:
    figure, ax = plt.subplots()
    assert tlsready.legacy_clients(SAMPLES).plot(ax=ax, title=None) is ax
    assert ax.get_title() == ""
    assert len(ax.containers) == 3 and len(ax.containers[0]) == 1  # one day in the samples


def test_plot_rejects_an_unknown_kind_and_logs_without_days(tmp_path: Path) -> None:
    report = tlsready.legacy_clients(SAMPLES)
    with pytest.raises(tlsready.InvalidArgumentError, match="kind 'clients' is not 'days'"):
        report.plot(kind="clients")
    empty = tmp_path / "u_ex261201.log"
    empty.write_bytes(FIELDS.encode())
    with pytest.raises(tlsready.InvalidArgumentError, match="no dated TLS use"):
        tlsready.legacy_clients(empty, format="iis").plot()
