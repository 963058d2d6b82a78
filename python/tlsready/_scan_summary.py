"""The closing summary of a multi-target `tlsready scan` (one job: count and name the weak spots)."""

from __future__ import annotations

from typing import Sequence

from tlsready._results import EndpointResult

_LEGACY = ("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")


def format_summary(results: Sequence[EndpointResult]) -> str:
    """Scanned / failed, and how many endpoints accept each legacy version."""
    failed = sum(1 for result in results if not result.ok)
    lines = [f"Summary: {len(results)} endpoints, {len(results) - failed} scanned, {failed} failed"]
    for version in _LEGACY:
        count = sum(1 for result in results if version in result.accepted_versions)
        if count:
            lines.append(f"  {count} accept {version}")
    return "\n".join(lines)
