"""The engine's version and the scan document's schema version, read from the extension (which
`tlsready --version` needs, and nothing more)."""

from __future__ import annotations

from tlsready import _native

__version__: str = _native.__version__
SCHEMA_VERSION: str = _native.SCHEMA_VERSION
