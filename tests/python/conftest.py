"""Shared fixtures: the lab (tests/lab) and the JSON schema."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "lab"))


@pytest.fixture(scope="session")
def lab() -> Iterator[dict[str, Any]]:
    """The running lab's manifest; started here when TLSREADY_LAB_DIR does not name a running one."""
    existing = os.environ.get("TLSREADY_LAB_DIR")
    if existing and (Path(existing) / "lab.json").exists():
        yield json.loads((Path(existing) / "lab.json").read_text())
        return
    from lab import Lab  # tests/lab/lab.py

    with Lab(ROOT / "build" / "lab-pytest") as running:
        yield running.manifest


def endpoint(lab: dict[str, Any], name: str) -> dict[str, Any]:
    for item in lab["endpoints"]:
        if item["name"] == name:
            return item
    raise KeyError(name)


def address(item: dict[str, Any]) -> str:
    host = item["host"]
    return f"[{host}]:{item['port']}" if ":" in host else f"{host}:{item['port']}"


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads((ROOT / "native" / "schema" / "endpoint-scan.schema.json").read_text())


@pytest.fixture
def silent() -> Iterator[str]:
    """A TCP listener on 127.0.0.1 that accepts (the kernel completes the connection) and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        yield f"127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def tlsready_exe() -> str:
    """The `tlsready` console script installed beside this interpreter (the venv's)."""
    return shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"


def run_cli(*args: str, timeout: float = 180, stdin: Optional[bytes] = None) -> subprocess.CompletedProcess[str]:
    """`tlsready ARGS...` as a user runs it, its output as text."""
    return subprocess.run([tlsready_exe(), *args], capture_output=True, text=True, timeout=timeout,
                          input=None if stdin is None else stdin.decode())


def run_cli_bytes(*args: str, timeout: float = 120, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """`tlsready ARGS...` with its output as bytes (CSV, binary or badly encoded input)."""
    return subprocess.run([tlsready_exe(), *args], input=stdin, capture_output=True, timeout=timeout)
