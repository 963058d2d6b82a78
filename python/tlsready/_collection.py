"""``ScanResults``: the list type returned for several endpoints (a plain ``list`` of ``EndpointResult``)."""

from __future__ import annotations

from tlsready._results import EndpointResult


class ScanResults(list[EndpointResult]):
    """The results of several endpoints, in the order they finished or were asked for; a ``list`` in every way."""
