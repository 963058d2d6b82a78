"""Python and the C ABI are one core: the same version and the same documents.

Loads libtlsready with ctypes (TLSREADY_C_LIBRARY, or the one in build/release; skipped when
neither exists: build it with `cmake --build build/release --target tlsready`) and compares with
the Python package: tlsr_version() == tlsready.__version__ == the VERSION file; a .reg audit, a
Linux root audit and the registry lookups give the same JSON through both fronts.
"""

import ctypes
import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest

import tlsready

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def _library_path() -> Path:
    configured = os.environ.get("TLSREADY_C_LIBRARY")
    return Path(configured) if configured else ROOT / "build" / "release" / "native" / "src" / "capi" / "libtlsready.so"


@pytest.fixture(scope="module")
def lib() -> ctypes.CDLL:
    path = _library_path()
    if not path.exists():
        pytest.skip(f"{path} not built (cmake --build build/release --target tlsready)")
    library = ctypes.CDLL(str(path))
    library.tlsr_version.restype = ctypes.c_char_p
    library.tlsr_last_error.restype = ctypes.c_char_p
    library.tlsr_string_free.argtypes = [ctypes.c_void_p]
    library.tlsr_policy_audit_files.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t, ctypes.c_char_p,
                                                ctypes.POINTER(ctypes.c_void_p)]
    library.tlsr_policy_audit_linux.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    library.tlsr_cipher_suite_by_code.argtypes = [ctypes.c_uint, ctypes.POINTER(ctypes.c_void_p)]
    return library


def _document(lib: ctypes.CDLL, call: Callable[..., int], *args: Any) -> Any:
    out = ctypes.c_void_p()
    status = call(*args, ctypes.byref(out))
    assert status == 0, lib.tlsr_last_error().decode()
    try:
        return json.loads(ctypes.string_at(out.value).decode())
    finally:
        lib.tlsr_string_free(out)


def test_one_version_everywhere(lib: ctypes.CDLL) -> None:
    version = (ROOT / "VERSION").read_text().strip()
    assert lib.tlsr_version().decode() == tlsready.__version__ == version


def test_reg_audit_is_the_same_document(lib: ctypes.CDLL) -> None:
    reg = DATA / "reg" / "scenarios" / "win7_sp1_untouched.reg"
    paths = (ctypes.c_char_p * 1)(str(reg).encode())
    through_c = _document(lib, lib.tlsr_policy_audit_files, paths, 1, None)
    through_python = json.loads(tlsready.audit_registry_export(str(reg)).to_json())
    assert through_c == through_python


def test_linux_root_audit_is_the_same_document(lib: ctypes.CDLL) -> None:
    root = DATA / "linux_roots" / "debian12_default"
    through_c = _document(lib, lib.tlsr_policy_audit_linux, str(root).encode(), None)
    through_python = json.loads(tlsready.local_policy(str(root)).to_json())
    assert through_c == through_python


def test_suite_lookup_is_the_scan_documents_suite(lib: ctypes.CDLL) -> None:
    suite = _document(lib, lib.tlsr_cipher_suite_by_code, 0xC02F)
    assert suite["name"] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    assert suite["openssl_name"] == "ECDHE-RSA-AES128-GCM-SHA256"
