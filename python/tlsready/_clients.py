"""Client impact: which TLS clients connect to a scanned endpoint and which would break after a
change (the what-if), forecast from the scan's facts without connecting. The documents are
native/schema/client-impact.schema.json's; these classes are views of them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from tlsready import _native
from tlsready._errors import InternalError, InvalidArgumentError, NotFoundError
from tlsready._results import EndpointResult

__all__ = ["ClientImpact", "ClientImpactSummary", "ClientOutcome", "ClientProfile", "SimulationInterruptedError",
           "client_impact", "client_impact_summary", "client_profiles", "simulate_clients"]

ScanLike = Union[EndpointResult, Mapping[str, Any], str]


@dataclass(frozen=True)
class ClientProfile:
    """One built-in TLS client: what it offers and what it accepts, with its source."""

    id: str
    name: str
    category: str
    synthetic: bool
    source: str
    cannot_use_tls12: bool
    min_version: str
    max_version: str
    hello_format: str
    cipher_suites: tuple[str, ...]
    sends_sni: bool
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ClientProfile":
        return cls(id=data["id"], name=data["name"], category=data["category"], synthetic=data["synthetic"],
                   source=data["source"], cannot_use_tls12=data["cannot_use_tls12"], min_version=data["min_version"],
                   max_version=data["max_version"], hello_format=data["hello_format"],
                   cipher_suites=tuple(data["cipher_suites"]), sends_sni=data["sends_sni"], raw=data)


@dataclass(frozen=True)
class ClientOutcome:
    """One client against one server: ``status`` connects / fails / unknown; when it connects the
    negotiated ``version``, ``cipher_suite`` (IANA name) and ``group``; when it fails the ``reason``."""

    client_id: str
    client_name: str
    status: str
    version: Optional[str]
    cipher_suite: Optional[str]
    group: Optional[str]
    reason: Optional[str]
    detail: str
    method: str
    source: Optional[str] = None  # a simulation after a scan: "simulated" or "from_scan" (no connection)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ClientOutcome":
        suite = data["cipher_suite"]
        group = data["group"]
        return cls(client_id=data["client_id"], client_name=data["client_name"], status=data["status"],
                   version=data["version"], cipher_suite=None if suite is None else suite["name"],
                   group=None if group is None else group["name"], reason=data["reason"], detail=data["detail"],
                   method=data["method"], source=data.get("source"))


@dataclass(frozen=True)
class ClientImpact:
    """The client impact of one endpoint. ``raw`` is the client_impact document."""

    raw: Mapping[str, Any] = field(repr=False)

    @property
    def endpoint(self) -> str:
        return str(self.raw["endpoint"])

    @property
    def what_if(self) -> tuple[str, ...]:
        return tuple(self.raw["what_if"])

    @property
    def outcomes(self) -> tuple[ClientOutcome, ...]:
        return tuple(ClientOutcome.from_dict(item) for item in self.raw["outcomes"])

    @property
    def what_if_outcomes(self) -> tuple[ClientOutcome, ...]:
        return tuple(ClientOutcome.from_dict(item) for item in self.raw["what_if_outcomes"] or ())

    @property
    def breaks(self) -> tuple[str, ...]:
        """Ids of the clients that connect now and would fail after the what-if."""
        return tuple(self.raw["breaks"])

    @property
    def scan_error(self) -> Optional[str]:
        error: Optional[str] = self.raw["scan_error"]
        return error

    @property
    def simulation(self) -> Optional[Mapping[str, Any]]:
        """For simulated outcomes: connections, simulated, from_scan, elapsed_ms, error; None for a forecast."""
        return self.raw.get("simulation")

    def outcome(self, client_id: str) -> ClientOutcome:
        for item in self.outcomes:
            if item.client_id == client_id:
                return item
        raise NotFoundError(f"client {client_id!r}: no outcome for it in this result "
                            f"(known: {', '.join(o.client_id for o in self.outcomes)})")

    def to_dict(self) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(json.dumps(self.raw))
        return copy

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.raw, indent=indent)

    def __repr__(self) -> str:
        summary = self.raw["summary"]
        return (f"ClientImpact({self.endpoint}, connects={summary['connects']}, fails={summary['fails']}, "
                f"unknown={summary['unknown']}, breaks={list(self.breaks)})")


@dataclass(frozen=True)
class ClientImpactSummary:
    """Which clients fail or would break where, over many endpoints (client_impact_summary)."""

    raw: Mapping[str, Any] = field(repr=False)

    def rows(self) -> list[dict[str, Any]]:
        """One row per endpoint and client: endpoint, client_id, client_name, fails, breaks, unknown."""
        names = {client["client_id"]: client["client_name"] for client in self.raw["clients"]}
        out = []
        for endpoint in self.raw["endpoints"]:
            for client_id, name in names.items():
                out.append({"endpoint": endpoint["endpoint"], "client_id": client_id, "client_name": name,
                            "fails": client_id in endpoint["fails"], "breaks": client_id in endpoint["breaks"],
                            "unknown": client_id in endpoint["unknown"]})
        return out

    def to_dataframe(self) -> Any:
        """rows() as a pandas DataFrame (pandas is imported only here)."""
        import pandas

        return pandas.DataFrame(self.rows())

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.raw, indent=indent)


class SimulationInterruptedError(KeyboardInterrupt):
    """A client simulation was interrupted (Ctrl-C): the native simulation was cancelled and has
    stopped (its connections closed) before this is raised; no outcome is kept. ``endpoint`` is the
    endpoint that was being simulated.

    A :class:`KeyboardInterrupt`, as :class:`tlsready.ScanInterruptedError` is (see there why it is
    not a :class:`tlsready.Error`): ``except KeyboardInterrupt:`` catches it, ``except Exception:`` does not.
    """

    def __init__(self, endpoint: str) -> None:
        super().__init__(f"client simulation of {endpoint} interrupted (Ctrl-C): cancelled, no outcome kept")
        self.endpoint = endpoint


def _endpoint_of(document: str) -> str:
    """host:port of an endpoint-scan document's target, for messages; "the endpoint" when it has none."""
    try:
        target = json.loads(document)["target"]
        host, port = str(target["host"]), int(target["port"])
    except (ValueError, KeyError, TypeError):
        return "the endpoint"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _document(result: ScanLike, what: str) -> str:
    if isinstance(result, EndpointResult):
        return result.to_json()
    if isinstance(result, Mapping):
        return json.dumps(result)
    if isinstance(result, str):
        return result
    raise InvalidArgumentError(f"{what} must be an EndpointResult, a scan document (dict) or its JSON text, "
                               f"not {type(result).__name__}")


def _what_if_text(what_if: Union[None, str, Iterable[str]]) -> str:
    if what_if is None:
        return ""
    if isinstance(what_if, str):
        return what_if
    items = list(what_if)
    if not all(isinstance(item, str) for item in items):
        raise InvalidArgumentError("what_if must be text ('no-tls10,no-tls11') or a list of texts")
    return ",".join(items)


def _client_ids(clients: Optional[Sequence[str]]) -> list[str]:
    if clients is None:
        return []
    if isinstance(clients, str):
        return [clients]
    return [str(item) for item in clients]


def client_profiles() -> tuple[ClientProfile, ...]:
    """The built-in client profiles (native/data/clients/client_profiles.csv)."""
    document = json.loads(_native.client_profiles())
    return tuple(ClientProfile.from_dict(item) for item in document["profiles"])


def client_impact(result: ScanLike, what_if: Union[None, str, Iterable[str]] = None,
                  clients: Optional[Sequence[str]] = None) -> ClientImpact:
    """Forecasts every client (or the ``clients`` ids) against a scan; ``what_if`` ("no-tls10,no-tls11",
    "no-suite:0x000A", "no-3des", ...) says which clients would break after the change."""
    try:
        text = _native.client_impact(_document(result, "result"), _what_if_text(what_if), _client_ids(clients))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    except RuntimeError as error:  # a bug in the core, never the input's fault
        raise InternalError(str(error)) from error
    return ClientImpact(json.loads(text))


def client_impact_summary(results: Iterable[ScanLike], what_if: Union[None, str, Iterable[str]] = None,
                          clients: Optional[Sequence[str]] = None) -> ClientImpactSummary:
    """Which clients fail or would break where, over many scans."""
    documents = [_document(result, f"results[{index}]") for index, result in enumerate(results)]
    try:
        text = _native.client_impact_summary(documents, _what_if_text(what_if), _client_ids(clients))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    except RuntimeError as error:  # a bug in the core, never the input's fault
        raise InternalError(str(error)) from error
    return ClientImpactSummary(json.loads(text))


def simulate_clients(result: ScanLike, what_if: Union[None, str, Iterable[str]] = None,
                     clients: Optional[Sequence[str]] = None, timeout: float = 5.0,
                     connections_per_endpoint: int = 4) -> ClientImpact:
    """Like :func:`client_impact`, but each client's hello is sent to the scanned endpoint and the
    outcome observed on the wire; clients the scan already decides (they offer only versions the
    scan saw refused) are answered from it without connecting. Each outcome's ``source`` says which,
    ``ClientImpact.simulation["connections"]`` counts the connections. The GIL is released while it
    runs; Ctrl-C cancels it: the native simulation stops (within about 200 ms) and
    :class:`SimulationInterruptedError` (a ``KeyboardInterrupt``) is raised. ``timeout`` (seconds)
    bounds each connection."""
    from tlsready._scan import _options  # the scan's option checks, one place

    options = _options(timeout, 1, None, False, True, True, True, None, connections_per_endpoint)
    document = _document(result, "result")
    try:
        text = _native.client_simulation(document, options, _what_if_text(what_if), _client_ids(clients))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    except KeyboardInterrupt:
        # The binding cancelled the simulation and waited for it before letting the interrupt through.
        raise SimulationInterruptedError(_endpoint_of(document)) from None
    except RuntimeError as error:  # a bug in the core, never the input's fault
        raise InternalError(str(error)) from error
    return ClientImpact(json.loads(text))
