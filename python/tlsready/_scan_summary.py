"""The closing summary of a multi-target `tlsready scan` (one job: count and name the weak spots)."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from tlsready._results import EndpointResult

# version name -> the endpoint weakness code that says it is accepted (schema: endpoint_weakness_code)
_LEGACY = {"SSLv2": "sslv2_accepted", "SSLv3": "sslv3_accepted", "TLSv1.0": "tls1_0_accepted",
           "TLSv1.1": "tls1_1_accepted"}
_NAMES_SHOWN = 5


def _names(targets: Sequence[str]) -> str:
    shown = ", ".join(targets[:_NAMES_SHOWN])
    return shown + (f" and {len(targets) - _NAMES_SHOWN} more" if len(targets) > _NAMES_SHOWN else "")


def _endpoints(count: int) -> str:
    return f"{count} endpoint{'' if count == 1 else 's'}"


def format_summary(results: Sequence[EndpointResult]) -> str:
    """Scanned / failed (by error kind), how many endpoints accept each legacy version, and every other
    weakness found, most widespread first, with the endpoints that have it."""
    failed = [result for result in results if not result.ok]
    lines = [f"Summary: {_endpoints(len(results))}, {len(results) - len(failed)} scanned, {len(failed)} failed"]
    kinds = Counter(str(result.error_kind) for result in failed)
    for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        targets = [result.target for result in failed if result.error_kind == kind]
        lines.append(f"  failed  {kind}: {count} ({_names(targets)})")

    for version, code in _LEGACY.items():
        targets = [result.target for result in results
                   if code in result.weakness_codes or version in result.accepted_versions]
        lines.append(f"  accept {version:<8} {len(targets)}" + (f" ({_names(targets)})" if targets else ""))

    legacy_codes = set(_LEGACY.values())
    having: dict[str, list[str]] = {}  # code -> endpoints, codes in order of first appearance
    for result in results:
        for code in result.weakness_codes:
            if code not in legacy_codes and result.target not in having.setdefault(code, []):
                having[code].append(result.target)
    if not having:
        lines.append("  weakest findings: none")
        return "\n".join(lines)
    lines.append("  weakest findings (weakness: endpoints)")
    order = list(having)
    width = max(len(code) for code in having)
    for code in sorted(having, key=lambda c: (-len(having[c]), order.index(c))):
        lines.append(f"    {code:<{width}}  {_endpoints(len(having[code]))}: {_names(having[code])}")
    return "\n".join(lines)
