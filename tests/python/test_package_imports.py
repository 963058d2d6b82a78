"""`import tlsready` is cheap (issue 14: start-up adds at most 40 ms): public names load from their
modules on first use (PEP 562), and every name of __all__ still resolves, once, to the same object."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tlsready


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_every_public_name_resolves_and_is_listed_by_dir():
    for name in tlsready.__all__:
        assert getattr(tlsready, name) is not None, name
    assert set(tlsready.__all__) <= set(dir(tlsready))
    assert tlsready.CipherSuite is tlsready._results.CipherSuite  # type: ignore[attr-defined]


def test_all_is_the_lazy_table_and_the_error_hierarchy():
    lazy = set(tlsready._MODULE_OF)  # type: ignore[attr-defined]
    errors = {name for name in tlsready.__all__ if isinstance(getattr(tlsready, name), type)
              and getattr(tlsready, name).__module__ == "tlsready._errors"}
    assert errors >= {"Error", "InvalidArgumentError", "ScanInterruptedError", "MissingDependencyError"}
    assert set(tlsready.__all__) == lazy | errors
    assert len(tlsready.__all__) == len(set(tlsready.__all__))


def test_an_unknown_name_is_an_attribute_error_naming_it():
    with pytest.raises(AttributeError, match="module 'tlsready' has no attribute 'no_such_thing'"):
        tlsready.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        exec("from tlsready import no_such_thing")


def test_importing_the_package_loads_only_the_errors():
    loaded = _modules_after("import tlsready")
    ours = {name for name in loaded if name.startswith("tlsready")}
    assert ours == {"tlsready", "tlsready._errors"}, ours
    assert not loaded & {"pandas", "matplotlib", "numpy", "dataclasses_json", "distributed", "dask"}


def test_a_scan_loads_the_results_but_not_policy_verdicts_or_notebook_views():
    loaded = _modules_after("import tlsready\ntlsready.scan")
    assert "tlsready._results" in loaded and "tlsready._native" in loaded
    assert not loaded & {"tlsready._policy", "tlsready._verdict", "tlsready._frames", "tlsready._plot",
                         "tlsready._html", "tlsready._legacy_clients", "pandas", "matplotlib"}


def test_from_import_of_every_name_works_in_a_fresh_interpreter():
    names = ", ".join(tlsready.__all__)
    loaded = _modules_after(f"from tlsready import {names}")
    assert "tlsready._frames" in loaded  # imported, but pandas only on first use
    assert "pandas" not in loaded and "matplotlib" not in loaded


def test_the_errors_are_the_same_objects_through_the_package():
    assert tlsready.Error is tlsready._errors.Error
    assert tlsready.InvalidArgumentError is tlsready._errors.InvalidArgumentError
