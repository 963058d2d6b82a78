"""The plot helpers (matplotlib, Agg): the versions each endpoint accepts as a grid, readiness counts as
bars, both in one figure; matplotlib stays optional (MissingDependencyError says what to install)."""

from __future__ import annotations

import io
import subprocess
import sys
from typing import Any

import pytest

import tlsready
from conftest import ROOT, address, endpoint
from tlsready import _plot

LAB_NAMES = ("tls13_only", "tls10_12_client_pref", "tls10_legacy_3des_rc4", "hostile_refused")


def test_without_matplotlib_the_plots_say_what_to_install():
    done = subprocess.run([sys.executable, "-c",
                           "import sys; sys.modules['matplotlib'] = None\n"
                           "import tlsready\n"
                           "from scan_documents import legacy_endpoint\n"
                           "try:\n"
                           "    tlsready.plot_versions([legacy_endpoint()])\n"
                           "except tlsready.MissingDependencyError as error:\n"
                           "    print(error)\n"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT / "tests" / "python")
    assert done.returncode == 0, done.stderr
    assert "need matplotlib" in done.stdout and "pip install tlsready[plot]" in done.stdout


matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(scope="module")
def results(lab: dict[str, Any]) -> tlsready.ScanResults:
    targets = [address(endpoint(lab, name)) for name in LAB_NAMES]
    scanned = tlsready.ScanResults(tlsready.scan(targets, sni="localhost", timeout=2, ca_file=lab["ca_file"]))
    return scanned.with_verdicts("m365")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


STATE = {name: index for index, (name, _, _) in enumerate(_plot.STATES)}


def test_the_versions_grid_has_one_row_per_endpoint_coloured_by_state(results):
    labels, cells = _plot.version_grid(results)
    assert labels[0] == results[0].target and labels[3] == results[3].target + " [connection_refused]"
    versions = list(tlsready._html_facts.VERSIONS)
    tls13, client_pref, legacy, refused = cells
    assert tls13[versions.index("TLSv1.3")] == STATE["modern"] and tls13[versions.index("TLSv1.2")] == STATE["refused"]
    assert [client_pref[versions.index(v)] for v in ("TLSv1.0", "TLSv1.1", "TLSv1.2")] == [
        STATE["legacy"], STATE["legacy"], STATE["modern"]]
    assert legacy[versions.index("TLSv1.0")] == STATE["legacy"]
    assert refused == [STATE["unknown"]] * 6

    ax = results.plot_versions()
    image = ax.get_images()[0]
    assert image.get_array().tolist() == cells
    assert [tick.get_text() for tick in ax.get_yticklabels()] == labels
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["SSL 2", "SSL 3", "TLS 1.0", "TLS 1.1", "TLS 1.2",
                                                                  "TLS 1.3"]
    # the colours drawn are the states' colours
    rgba = image.to_rgba(image.get_array())
    from matplotlib.colors import to_rgba
    assert tuple(rgba[2][versions.index("TLSv1.0")]) == pytest.approx(to_rgba(_plot.STATES[STATE["legacy"]][1]))
    png = io.BytesIO()
    ax.figure.savefig(png, format="png")
    assert png.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readiness_bars_count_the_verdicts(results):
    fig, ax = plt.subplots()
    assert results.plot_readiness(ax=ax) is ax
    heights = [int(bar.get_height()) for bar in ax.patches]
    counts = tlsready.verdict_summary(results.verdicts)["readiness"]
    assert heights == [counts[name] for name in ("ready", "ready_with_warnings", "not_ready", "unknown")]
    assert sum(heights) == len(results)
    # also from a verdict_summary document and from a list of verdicts
    assert _plot.readiness_counts(tlsready.verdict_summary(results.verdicts)) == counts
    assert _plot.readiness_counts(results.verdicts) == counts


def test_the_estate_figure_and_bad_input(results):
    figure = results.plot()
    assert isinstance(figure, matplotlib.figure.Figure) and len(figure.axes) == 2
    unjudged = tlsready.ScanResults(results)
    assert len(unjudged.plot().axes) == 1
    with pytest.raises(tlsready.InvalidArgumentError, match="no verdicts to count"):
        unjudged.plot_readiness()
    with pytest.raises(tlsready.InvalidArgumentError, match="no results to plot"):
        tlsready.plot_versions([])
    many = [results[0].raw] * (_plot.MAX_LABELLED_ROWS + 1)
    assert tlsready.plot_versions(many).get_yticklabels() == []
