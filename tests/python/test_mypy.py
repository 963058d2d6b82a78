"""mypy --strict passes on the package (python/tlsready with its _native.pyi), the overloads of scan()
tell mypy one target from many, and the stub declares exactly what the extension exports, with
pybind11's own argument names. Skipped only when mypy cannot be imported (Debian: python3-mypy)."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tlsready import _native

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "python" / "tlsready"
STUB = PACKAGE / "_native.pyi"

needs_mypy = pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                                reason="mypy is not importable here (install python3-mypy: .ci/install-deps.sh)")


def run_mypy(tmp_path: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    # The sources, not the installed copy: MYPYPATH puts python/ first.
    env = dict(os.environ, MYPYPATH=str(ROOT / "python"))
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
                           "--no-error-summary", *paths], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


@needs_mypy
def test_mypy_strict_passes_on_the_package(tmp_path: Path) -> None:
    done = run_mypy(tmp_path, "python/tlsready")
    assert done.returncode == 0, done.stdout + done.stderr


USES = '''
from typing import Iterator, Optional, assert_type
import tlsready
from tlsready._results_kinds import FailureKind

one = tlsready.scan("127.0.0.1:443")
assert_type(one, tlsready.EndpointResult)
assert_type(tlsready.scan({"host": "127.0.0.1", "port": 443}), tlsready.EndpointResult)
assert_type(tlsready.scan(tlsready.Target("127.0.0.1", 443)), tlsready.EndpointResult)
assert_type(tlsready.scan(["a:1", "b:2"]), tlsready.ScanResults)
assert_type(tlsready.scan(t for t in ["a:1"]), tlsready.ScanResults)
assert_type(tlsready.scan_many(["a:1"], concurrency=4), Iterator[tlsready.EndpointResult])
assert_type(one.error_kind, Optional[FailureKind])
assert_type(one.protocols[0].suites[0].bits, Optional[int])
assert_type(one.protocols[0].cipher_suites, tuple[str, ...])
assert_type(one.certificate.chain[0].key_bits if one.certificate else 0, int)
assert_type(one.checks["session"], tlsready.CheckOutcome)
assert_type(one.verdict("m365"), tlsready.Verdict)
'''

MISUSES = '''
import tlsready
tlsready.scan("127.0.0.1:443").append(None)
for item in tlsready.scan("127.0.0.1:443"):
    pass
tlsready.scan("127.0.0.1:443", timeout="5")
tlsready.scan("127.0.0.1:443").protocols[0].bits
'''


@needs_mypy
def test_mypy_knows_one_target_from_many(tmp_path: Path) -> None:
    uses = tmp_path / "uses.py"
    uses.write_text(USES)
    done = run_mypy(tmp_path, str(uses))
    assert done.returncode == 0, done.stdout + done.stderr
    misuses = tmp_path / "misuses.py"
    misuses.write_text(MISUSES)
    done = run_mypy(tmp_path, str(misuses))
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    lines = sorted({int(line.split(":")[1]) for line in errors})
    assert lines == [3, 4, 6, 7], done.stdout  # each misuse is caught, on its own line


def stub_names() -> dict[str, ast.AST]:
    tree = ast.parse(STUB.read_text())
    names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return names


def test_the_stub_declares_exactly_what_the_extension_exports() -> None:
    exported = {name for name in dir(_native) if not name.startswith("__") or name == "__version__"}
    stubbed = stub_names()
    assert set(stubbed) == exported
    for name, node in stubbed.items():
        if isinstance(node, ast.ClassDef):
            members = {m.name for m in node.body if isinstance(m, ast.FunctionDef) and not m.name.startswith("_")}
            assert members == {m for m in dir(getattr(_native, name)) if not m.startswith("_")}, name


def pybind_signature(function: object) -> tuple[list[tuple[str, str]], str]:
    """((name, type) of each parameter, return type) from pybind11's docstring, "name(a: T, ...) -> R"."""
    first = (getattr(function, "__doc__", None) or "").splitlines()[0]
    match = re.match(r"^\w+\((.*)\) -> (.*)$", first)
    assert match, first
    parameters = []
    for part in re.split(r",\s*(?![^\[]*\])", match.group(1)):
        if part.strip():
            name, _, kind = part.partition(":")
            parameters.append((name.strip(), normal(kind.split("=")[0].strip())))
    return parameters, normal(match.group(2).strip())


def normal(annotation: str) -> str:
    """The stub's spelling of a pybind11 type: List/Tuple lower-case, a sequence argument is a list,
    a py::function a Callable."""
    text = annotation.replace("List[", "list[").replace("Tuple[", "tuple[").replace("Sequence[", "list[")
    if text.startswith("Optional[Callable["):  # an optional py::function
        return "Optional[function]"
    return "function" if text.startswith("Callable[") else text


def stub_signature(node: ast.FunctionDef) -> tuple[list[tuple[str, str]], str]:
    parameters = [(a.arg, normal(ast.unparse(a.annotation)) if a.annotation else "") for a in node.args.args]
    return parameters, normal(ast.unparse(node.returns)) if node.returns else ""


def test_the_stub_has_the_bindings_argument_names_and_types() -> None:
    for name, node in stub_names().items():
        if isinstance(node, ast.FunctionDef):
            assert stub_signature(node) == pybind_signature(getattr(_native, name)), name
        elif isinstance(node, ast.ClassDef):
            cls = getattr(_native, name)
            for member in node.body:
                if not isinstance(member, ast.FunctionDef):
                    continue
                if member.decorator_list:  # a @property
                    assert isinstance(getattr(cls, member.name), property), f"{name}.{member.name}"
                elif member.name not in ("__exit__", "__enter__"):  # (*args) and self: pybind shows no more
                    parameters, returns = pybind_signature(getattr(cls, member.name))
                    expected = ([("self", "")] + parameters[1:], returns)
                    if member.name == "__init__":
                        expected = (expected[0], "None")
                    assert stub_signature(member) == expected, f"{name}.{member.name}"
        else:
            assert isinstance(getattr(_native, name), str), name
