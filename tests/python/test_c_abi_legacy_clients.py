"""Python and the C ABI read server logs the same: tlsready.legacy_clients(...).to_dict() is the document
tlsr_legacy_clients_summary gives for the same files and options, and on_event sees the events
tlsr_legacy_clients_next_event hands out, in the same order.

Loads libtlsready with ctypes (TLSREADY_C_LIBRARY, or the one in build/release; skipped when neither exists:
build it with `cmake --build build/release --target tlsready`).
"""

from __future__ import annotations

import ctypes
import json
from pathlib import Path
from typing import Any

import pytest

import tlsready
from test_c_abi_same_documents import _library_path

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "tests" / "data" / "logs"
IIS = LOGS / "iis" / "W3SVC1" / "u_ex261130_x.log"
RECEIVE = LOGS / "exchange" / "RECV2026113008-1.LOG"
SEND = LOGS / "exchange" / "SEND2026113008-1.LOG"
DONE = -5


@pytest.fixture(scope="module")
def lib() -> ctypes.CDLL:
    path = _library_path()
    if not path.exists():
        pytest.skip(f"{path} not built (cmake --build build/release --target tlsready)")
    library = ctypes.CDLL(str(path))
    library.tlsr_last_error.restype = ctypes.c_char_p
    library.tlsr_string_free.argtypes = [ctypes.c_void_p]
    library.tlsr_legacy_clients_start.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    library.tlsr_legacy_clients_next_event.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
    library.tlsr_legacy_clients_summary.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
    library.tlsr_legacy_clients_free.argtypes = [ctypes.c_void_p]
    library.tlsr_log_formats.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    library.tlsr_detect_log_format.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    return library


def _take(lib: ctypes.CDLL, out: ctypes.c_void_p) -> str:
    try:
        return ctypes.string_at(out.value).decode()
    finally:
        lib.tlsr_string_free(out)


def read_through_c(lib: ctypes.CDLL, request: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    reader = ctypes.c_void_p()
    status = lib.tlsr_legacy_clients_start(json.dumps(request).encode(), ctypes.byref(reader))
    assert status == 0, lib.tlsr_last_error().decode()
    try:
        events = []
        while True:
            out = ctypes.c_void_p()
            status = lib.tlsr_legacy_clients_next_event(reader, -1, ctypes.byref(out))
            if status == DONE:
                break
            assert status == 0, lib.tlsr_last_error().decode()
            events.append(json.loads(_take(lib, out)))
        out = ctypes.c_void_p()
        status = lib.tlsr_legacy_clients_summary(reader, ctypes.byref(out))
        assert status == 0, lib.tlsr_last_error().decode()
        return events, json.loads(_take(lib, out))
    finally:
        lib.tlsr_legacy_clients_free(reader)


@pytest.mark.parametrize("paths, format, limit", [
    ([IIS, RECEIVE, SEND], "auto", 0),
    ([IIS], "iis", 0),
    ([RECEIVE, SEND, IIS], "auto", 1),
    ([SEND], "iis", 0),  # read as the wrong format: nothing understood, the same counts of it
])
def test_the_c_abi_summary_and_events_are_pythons(lib: ctypes.CDLL, paths: list[Path], format: str,
                                                  limit: int) -> None:
    python_events: list[dict[str, Any]] = []
    through_python = tlsready.legacy_clients(paths, format=format, limit=limit, on_event=python_events.append)
    c_events, through_c = read_through_c(lib, {"paths": [str(path) for path in paths], "format": format,
                                               "limit": limit, "events": True})
    assert through_c == through_python.to_dict()
    assert c_events == python_events
    _, without_events = read_through_c(lib, {"paths": [str(path) for path in paths], "format": format,
                                             "limit": limit})
    assert without_events == through_c


def test_formats_and_detection_are_pythons(lib: ctypes.CDLL) -> None:
    out = ctypes.c_void_p()
    assert lib.tlsr_log_formats(ctypes.byref(out)) == 0
    assert tuple(json.loads(_take(lib, out))) == tlsready.log_formats()
    for path in (IIS, RECEIVE, SEND):
        out = ctypes.c_void_p()
        assert lib.tlsr_detect_log_format(str(path).encode(), ctypes.byref(out)) == 0
        assert _take(lib, out) == tlsready.detect_log_format(path)


def test_a_bad_file_is_the_same_message(lib: ctypes.CDLL, tmp_path: Path) -> None:
    missing = tmp_path / "missing.log"
    with pytest.raises(tlsready.InvalidArgumentError) as python_error:
        tlsready.legacy_clients([IIS, missing])
    reader = ctypes.c_void_p()
    assert lib.tlsr_legacy_clients_start(json.dumps({"paths": [str(IIS), str(missing)]}).encode(),
                                         ctypes.byref(reader)) == 0
    try:
        out = ctypes.c_void_p()
        assert lib.tlsr_legacy_clients_summary(reader, ctypes.byref(out)) == -1
        assert lib.tlsr_last_error().decode() == str(python_error.value)
    finally:
        lib.tlsr_legacy_clients_free(reader)
