"""tlsready: find out what breaks when TLS 1.0 and 1.1 go away.

The probe engine is native C++ (``tlsready._native``); this package is its typed Python face.

>>> from tlsready import scan
>>> for result in scan(["127.0.0.1:8443"], sni="localhost", timeout=5):  # doctest: +SKIP
...     print(result.target, result.accepted_versions)
>>> scan("127.0.0.1:8443", sni="localhost").accepted_versions  # one target: one EndpointResult  # doctest: +SKIP
('TLSv1.2', 'TLSv1.3')
"""

from tlsready._clients import (ClientImpact, ClientImpactSummary, ClientOutcome, ClientProfile, client_impact,
                               client_impact_summary, client_profiles)
from tlsready._clients import simulate_clients
from tlsready._clients import SimulationInterruptedError
from tlsready._errors import Error, InvalidArgumentError, ScanInterruptedError
from tlsready._policy import Finding, PolicyReport, audit_registry_export, local_policy
from tlsready._results import (CertificateProblem, CertificateSummary, CheckOutcome, EndpointResult, ProtocolSupport,
                               Weakness)
from tlsready._scan import SCHEMA_VERSION, __version__, scan, scan_endpoint
from tlsready._machine_reach import MachineReach, StackReach, machine_reach
from tlsready._legacy_clients import LegacyClients, detect_log_format, legacy_clients, log_formats
from tlsready._listen import ListenInterruptedError, listen
from tlsready._scan_many import scan_many, scan_many_async
from tlsready._suites import RegistrySuite, CipherSuiteNotFoundError, cipher_suite, cipher_suites
from tlsready._verdict import Verdict, policies, policy_document, verdict, verdict_summary, verdicts
from tlsready._collection import ScanResults
from tlsready._errors import InternalError, NotFoundError, ResultFormatError, UnsupportedError
from tlsready._results import (Certificate, CertificateResult, CipherSuite, Intolerance, Refusal, ScanChecks, ScanError,
                               SessionFacts, SniFact, Target)

__all__ = [
    "ListenInterruptedError",
    "listen",
    "LegacyClients",
    "detect_log_format",
    "legacy_clients",
    "log_formats",
    "MachineReach",
    "StackReach",
    "machine_reach",
    "CertificateProblem",
    "ClientImpact",
    "ClientImpactSummary",
    "ClientOutcome",
    "ClientProfile",
    "CertificateSummary",
    "CheckOutcome",
    "EndpointResult",
    "Error",
    "Finding",
    "InvalidArgumentError",
    "PolicyReport",
    "ProtocolSupport",
    "SCHEMA_VERSION",
    "ScanInterruptedError",
    "Verdict",
    "Weakness",
    "__version__",
    "audit_registry_export",
    "client_impact",
    "client_impact_summary",
    "client_profiles",
    "simulate_clients",
    "local_policy",
    "policies",
    "policy_document",
    "scan",
    "scan_endpoint",
    "scan_many",
    "scan_many_async",
    "verdict",
    "verdict_summary",
    "verdicts",
    "Certificate",
    "CertificateResult",
    "CipherSuite",
    "Intolerance",
    "InternalError",
    "NotFoundError",
    "Refusal",
    "ResultFormatError",
    "ScanChecks",
    "ScanError",
    "ScanResults",
    "SessionFacts",
    "SniFact",
    "Target",
    "UnsupportedError",
    "SimulationInterruptedError",
    "RegistrySuite",
    "CipherSuiteNotFoundError",
    "cipher_suite",
    "cipher_suites",
]

# Notebook and pandas views: pandas and matplotlib are imported on first use only (tlsready._frames, _plot).
from tlsready._errors import MissingDependencyError  # noqa: E402
from tlsready._frames import Frames, verdict_summary_frame  # noqa: E402
from tlsready._plot import plot_estate, plot_readiness, plot_versions  # noqa: E402

__all__ += ["Frames", "MissingDependencyError", "plot_estate", "plot_readiness", "plot_versions",
            "verdict_summary_frame"]
