"""Python and the C ABI are one core: the same version and the same documents.

Loads libtlsready with ctypes (TLSREADY_C_LIBRARY, or the one in build/release; skipped when
neither exists: build it with `cmake --build build/release --target tlsready`) and compares with
the Python package: tlsr_version() == tlsready.__version__ == the VERSION file; a .reg audit, a
Linux root audit and the registry lookups give the same JSON through both fronts; so do the machine
reach against m365 of every fixture of tests/data/machine_reach/m365_expected.json (each front from
its own audit) and the client simulation and forecast of lab endpoints (the lab of conftest.py).
"""

import ctypes
import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest

import tlsready
from conftest import address, endpoint
from tlsready._scan import _options  # the options document tlsready.simulate_clients sends

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


# ---- Machine reach and client simulation (issue 13): the same documents through both fronts ----------

EXPECTED_REACH = json.loads((DATA / "machine_reach" / "m365_expected.json").read_text())
REACH_FIXTURES = [scenario["fixture"] for scenario in EXPECTED_REACH["scenarios"]]


def _reach_functions(lib: ctypes.CDLL) -> None:
    lib.tlsr_machine_reach.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    lib.tlsr_client_impact.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p),
                                       ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p)]
    lib.tlsr_simulate_clients.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                                          ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t,
                                          ctypes.POINTER(ctypes.c_void_p)]


def _c_report(lib: ctypes.CDLL, fixture: str) -> str:
    """The local-policy report of a fixture through the C ABI alone (the text tlsr_policy_audit_* gave)."""
    out = ctypes.c_void_p()
    path = str(DATA / fixture).encode()
    if fixture.startswith("reg/"):
        paths = (ctypes.c_char_p * 1)(path)
        status = lib.tlsr_policy_audit_files(paths, 1, None, ctypes.byref(out))
    else:
        status = lib.tlsr_policy_audit_linux(path, None, ctypes.byref(out))
    assert status == 0, lib.tlsr_last_error().decode()
    try:
        return ctypes.string_at(out.value).decode()
    finally:
        lib.tlsr_string_free(out)


def _python_report(fixture: str) -> Any:
    path = str(DATA / fixture)
    return tlsready.audit_registry_export(path) if fixture.startswith("reg/") else tlsready.local_policy(path)


@pytest.mark.parametrize("fixture", REACH_FIXTURES)
def test_machine_reach_is_the_same_document(lib: ctypes.CDLL, fixture: str) -> None:
    """Each front from its own audit of the fixture: C (tlsr_policy_audit_* then tlsr_machine_reach) and
    Python (audit, then tlsready.machine_reach). The document has no timing field: compared whole."""
    _reach_functions(lib)
    through_c = _document(lib, lib.tlsr_machine_reach, _c_report(lib, fixture).encode(), b"m365")
    through_python = json.loads(tlsready.machine_reach(_python_report(fixture), "m365").to_json())
    assert through_c == through_python
    # and the answers are the ones tests/data/machine_reach/m365_expected.json pins (not two equal wrong ones)
    expected = next(s for s in EXPECTED_REACH["scenarios"] if s["fixture"] == fixture)["stacks"]
    assert {s["id"]: s["reaches"] for s in through_c["stacks"]} == {k: v["reaches"] for k, v in expected.items()}


def test_machine_reach_bad_policy_is_named_in_both_fronts(lib: ctypes.CDLL) -> None:
    _reach_functions(lib)
    report = _c_report(lib, "reg/scenarios/win7_sp1_untouched.reg")
    out = ctypes.c_void_p()
    assert lib.tlsr_machine_reach(report.encode(), b"pci-dss", ctypes.byref(out)) == -1
    assert out.value is None
    c_message = lib.tlsr_last_error().decode()
    with pytest.raises(tlsready.InvalidArgumentError) as raised:
        tlsready.machine_reach(report, "pci-dss")
    assert "server_side" in c_message
    assert str(raised.value) == c_message


def _ids(clients: list[str]) -> Any:
    return (ctypes.c_char_p * len(clients))(*[c.encode() for c in clients]) if clients else None


# Lab endpoints whose clients differ (TLS 1.0-1.2 client order with a what-if that breaks IE 8-10; DH 1024
# that Java 6/7 accept and OpenSSL 3 rejects; TLS 1.3 only where most answers come from the scan).
SIMULATED = ("tls10_12_client_pref", "dhe_1024", "tls13_only")
SIMULATION_TIMEOUT = 5.0


def _without_timing(document: dict[str, Any]) -> dict[str, Any]:
    """The simulation document without its one timing field: simulation.elapsed_ms is the wall-clock
    time of that run's connections (two runs against one server never take the same milliseconds).
    Everything else (outcomes, sources, connections, simulated/from_scan counts, errors) must match."""
    copy = json.loads(json.dumps(document))
    assert isinstance(copy["simulation"].pop("elapsed_ms"), (int, float))
    return copy


@pytest.mark.parametrize("name", SIMULATED)
def test_client_simulation_is_the_same_document(lib: ctypes.CDLL, lab: dict[str, Any], name: str) -> None:
    """One scan document, simulated through tlsr_simulate_clients and tlsready.simulate_clients with the
    same options (the document tlsready.simulate_clients sends: tlsready._scan._options) and what-if."""
    _reach_functions(lib)
    item = endpoint(lab, name)
    scan = tlsready.scan_endpoint(address(item), sni=item.get("sni"), timeout=SIMULATION_TIMEOUT)
    assert scan.ok, scan.to_json()
    options = _options(SIMULATION_TIMEOUT, 1, None, False, True, True, True, None, 4)
    through_c = _document(lib, lib.tlsr_simulate_clients, scan.to_json().encode(), options.encode(),
                          b"no-tls10,no-tls11", None, 0)
    through_python = tlsready.simulate_clients(scan, what_if="no-tls10,no-tls11", timeout=SIMULATION_TIMEOUT).raw
    assert _without_timing(through_c) == _without_timing(dict(through_python))
    assert through_c["simulation"]["error"] is None
    assert {o["source"] for o in through_c["outcomes"]} <= {"simulated", "from_scan"}
    # the forecast (no network, no timing field) is equal whole
    clients = ["ie-8-10-win7", "java-6u45", "openssl-3"]
    forecast_c = _document(lib, lib.tlsr_client_impact, scan.to_json().encode(), b"no-tls10,no-tls11",
                           _ids(clients), len(clients))
    assert forecast_c == dict(tlsready.client_impact(scan, what_if="no-tls10,no-tls11", clients=clients).raw)


def test_client_simulation_bad_input_is_named_in_both_fronts(lib: ctypes.CDLL) -> None:
    _reach_functions(lib)
    out = ctypes.c_void_p()
    scan = tlsready.scan_endpoint("127.0.0.1:1", timeout=1).to_json()  # refused at once: a real document
    assert lib.tlsr_simulate_clients(scan.encode(), None, b"no-tls99", None, 0, ctypes.byref(out)) == -1
    c_message = lib.tlsr_last_error().decode()
    with pytest.raises(tlsready.InvalidArgumentError) as raised:
        tlsready.simulate_clients(scan, what_if="no-tls99")
    assert "no-tls99" in c_message and str(raised.value) == c_message
