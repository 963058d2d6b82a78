"""tlsready: find out what breaks when TLS 1.0 and 1.1 go away.

The probe engine is native C++ (``tlsready._native``); this package is its typed Python face.

>>> from tlsready import scan
>>> for result in scan(["127.0.0.1:8443"], sni="localhost", timeout=5):  # doctest: +SKIP
...     print(result.target, result.accepted_versions)
>>> scan("127.0.0.1:8443", sni="localhost").accepted_versions  # one target: one EndpointResult  # doctest: +SKIP
('TLSv1.2', 'TLSv1.3')

Importing the package is cheap: each public name is loaded from its module on first use (PEP 562), so
``tlsready --version`` or one scan does not pay for the result types, policy, verdicts or notebook views
it does not touch. The error hierarchy is loaded at once (``except tlsready.Error`` must not import more).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tlsready._errors import (Error, InternalError, InvalidArgumentError, MissingDependencyError, NotFoundError,
                              ResultFormatError, ScanInterruptedError, UnsupportedError)

# Where each public name lives: the one table __getattr__, __dir__ and __all__ read.
_LAZY_NAMES: dict[str, tuple[str, ...]] = {
    "tlsready._clients": ("ClientImpact", "ClientImpactSummary", "ClientOutcome", "ClientProfile", "client_impact",
                          "client_impact_summary", "client_profiles", "simulate_clients",
                          "SimulationInterruptedError"),
    "tlsready._policy": ("Finding", "PolicyReport", "audit_registry_export", "local_policy"),
    "tlsready._results": ("Certificate", "CertificateProblem", "CertificateResult", "CertificateSummary",
                          "CheckOutcome", "CipherSuite", "EndpointResult", "Intolerance", "ProtocolSupport",
                          "Refusal", "ScanChecks", "ScanError", "SessionFacts", "SniFact", "Target", "Weakness"),
    "tlsready._scan": ("scan", "scan_endpoint"),
    "tlsready._version": ("SCHEMA_VERSION", "__version__"),
    "tlsready._machine_reach": ("MachineReach", "StackReach", "machine_reach"),
    "tlsready._legacy_clients": ("LegacyClients", "detect_log_format", "legacy_clients", "log_formats"),
    "tlsready._listen": ("ListenInterruptedError", "listen"),
    "tlsready._scan_many": ("scan_many", "scan_many_async"),
    "tlsready._suites": ("CipherSuiteNotFoundError", "cipher_suite", "cipher_suites"),
    "tlsready._verdict": ("Verdict", "policies", "policy_document", "verdict", "verdict_summary", "verdicts"),
    "tlsready._collection": ("ScanResults",),
    # Notebook and pandas views: pandas and matplotlib are imported on first use only.
    "tlsready._frames": ("Frames", "verdict_summary_frame"),
    "tlsready._plot": ("plot_estate", "plot_readiness", "plot_versions"),
}
_MODULE_OF = {name: module for module, names in _LAZY_NAMES.items() for name in names}
# Literal, so type checkers read it (tests/python/test_package_imports.py checks it against the table).
__all__ = [
    "Certificate",
    "CertificateProblem",
    "CertificateResult",
    "CertificateSummary",
    "CheckOutcome",
    "CipherSuite",
    "CipherSuiteNotFoundError",
    "ClientImpact",
    "ClientImpactSummary",
    "ClientOutcome",
    "ClientProfile",
    "EndpointResult",
    "Error",
    "Finding",
    "Frames",
    "InternalError",
    "Intolerance",
    "InvalidArgumentError",
    "LegacyClients",
    "ListenInterruptedError",
    "MachineReach",
    "MissingDependencyError",
    "NotFoundError",
    "PolicyReport",
    "ProtocolSupport",
    "Refusal",
    "ResultFormatError",
    "SCHEMA_VERSION",
    "ScanChecks",
    "ScanError",
    "ScanInterruptedError",
    "ScanResults",
    "SessionFacts",
    "SimulationInterruptedError",
    "SniFact",
    "StackReach",
    "Target",
    "UnsupportedError",
    "Verdict",
    "Weakness",
    "__version__",
    "audit_registry_export",
    "cipher_suite",
    "cipher_suites",
    "client_impact",
    "client_impact_summary",
    "client_profiles",
    "detect_log_format",
    "legacy_clients",
    "listen",
    "local_policy",
    "log_formats",
    "machine_reach",
    "plot_estate",
    "plot_readiness",
    "plot_versions",
    "policies",
    "policy_document",
    "scan",
    "scan_endpoint",
    "scan_many",
    "scan_many_async",
    "simulate_clients",
    "verdict",
    "verdict_summary",
    "verdict_summary_frame",
    "verdicts",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'tlsready' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and IDEs see: the same names, imported eagerly
    from tlsready._clients import (ClientImpact, ClientImpactSummary, ClientOutcome, ClientProfile,
                                   SimulationInterruptedError, client_impact, client_impact_summary, client_profiles,
                                   simulate_clients)
    from tlsready._collection import ScanResults
    from tlsready._frames import Frames, verdict_summary_frame
    from tlsready._legacy_clients import LegacyClients, detect_log_format, legacy_clients, log_formats
    from tlsready._listen import ListenInterruptedError, listen
    from tlsready._machine_reach import MachineReach, StackReach, machine_reach
    from tlsready._plot import plot_estate, plot_readiness, plot_versions
    from tlsready._policy import Finding, PolicyReport, audit_registry_export, local_policy
    from tlsready._results import (Certificate, CertificateProblem, CertificateResult, CertificateSummary,
                                   CheckOutcome, CipherSuite, EndpointResult, Intolerance, ProtocolSupport, Refusal,
                                   ScanChecks, ScanError, SessionFacts, SniFact, Target, Weakness)
    from tlsready._scan import scan, scan_endpoint
    from tlsready._scan_many import scan_many, scan_many_async
    from tlsready._suites import CipherSuiteNotFoundError, cipher_suite, cipher_suites
    from tlsready._version import SCHEMA_VERSION, __version__
    from tlsready._verdict import Verdict, policies, policy_document, verdict, verdict_summary, verdicts
