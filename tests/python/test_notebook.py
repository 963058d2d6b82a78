"""examples/investigate.ipynb: committed without outputs, and it runs clean (no error, nothing on stderr)
in a python3 kernel of this interpreter (the venv), executed with nbclient: it starts its own lab, scans
it, shows cards, tables and a plot, and audits a sample .reg export against Microsoft 365."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "investigate.ipynb"


def test_the_committed_notebook_has_no_outputs():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4 and notebook["metadata"]["kernelspec"]["name"] == "python3"
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, "".join(cell["source"])[:80]
    for cell in notebook["cells"]:
        assert "attachments" not in cell


def _texts(cell: Any, mime: str) -> str:
    return "".join(str(output.get("data", {}).get(mime, "")) for output in cell.get("outputs", ()))


def test_the_notebook_runs_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (python3-nbformat)")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (python3-nbclient)")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (python3-ipykernel)")
    # The python3 kernel of this interpreter (the venv with tlsready), not the system's python3 kernelspec
    # (/usr/share/jupyter/kernels/python3 runs /usr/bin/python3, which has no tlsready): JUPYTER_PATH
    # comes first in the kernelspec search.
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (tlsready venv)", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    monkeypatch.delenv("TLSREADY_REPO", raising=False)
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend, as in Jupyter

    notebook = nbformat.read(str(NOTEBOOK), as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first cell that fails

    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert not (output.output_type == "stream" and output.name == "stderr"), (cell.source, output.text)
    sources = [cell.source for cell in code]

    def cell(start: str) -> Any:
        return next(item for item, source in zip(code, sources) if source.startswith(start))

    assert str(sys.prefix) in "".join(output.get("text", "") for output in code[0].outputs) or \
        str(Path(sys.prefix).resolve()) in "".join(output.get("text", "") for output in code[0].outputs)
    table = _texts(cell("results = tlsready.ScanResults"), "text/html")
    assert "10 endpoints" in table and "1 failed" in table and "onclick" in table
    card = _texts(cell('results[NAMES.index("tls10_legacy_3des_rc4")]'), "text/html")
    assert "TLS_RSA_WITH_3DES_EDE_CBC_SHA" in card and "weak suites (3)" in card
    judged = _texts(cell("judged = results.with_verdicts"), "text/html")
    assert "readiness" in judged and "failing clients" in judged
    assert "<table" in _texts(cell("frames.endpoints["), "text/html")
    plot = cell("judged.plot()")
    assert any("image/png" in output.get("data", {}) for output in plot.outputs)
    reach = _texts(cell('reach = report.against("m365")'), "text/html")
    assert "machine reach m365" in reach and "fails" in reach
