"""tlsready: find out what breaks when TLS 1.0 and 1.1 go away.

The probe engine is native C++ (``tlsready._native``); this package is its typed Python face.

>>> from tlsready import scan
>>> for result in scan(["127.0.0.1:8443"], sni="localhost", timeout=5):  # doctest: +SKIP
...     print(result.target, result.accepted_versions)
"""

from tlsready._clients import (ClientImpact, ClientImpactSummary, ClientOutcome, ClientProfile, client_impact,
                               client_impact_summary, client_profiles)
from tlsready._clients import simulate_clients
from tlsready._errors import Error, InvalidArgumentError, ScanInterruptedError
from tlsready._policy import Finding, PolicyReport, audit_registry_export, local_policy
from tlsready._results import (CertificateProblem, CertificateSummary, CheckOutcome, EndpointResult, ProtocolSupport,
                               Weakness)
from tlsready._scan import SCHEMA_VERSION, __version__, scan, scan_endpoint
from tlsready._machine_reach import MachineReach, StackReach, machine_reach
from tlsready._scan_many import scan_many, scan_many_async
from tlsready._suites import CipherSuite, CipherSuiteNotFoundError, cipher_suite, cipher_suites
from tlsready._verdict import Verdict, policies, policy_document, verdict, verdict_summary, verdicts

__all__ = [
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
    "CipherSuite",
    "CipherSuiteNotFoundError",
    "cipher_suite",
    "cipher_suites",
]
