"""Targets as admins write them: ``host``, ``host:port``, ``[v6]:port`` and URLs whose scheme names the
STARTTLS protocol and the default port (``smtp://mail``, ``https://host:8443/path``).

The native core parses them (native/src/probe/target_parse.cpp, the scheme table
native/data/url_schemes.csv), the same parser the C ABI and PowerShell get with a scan request, so
every front accepts the same spellings with the same messages. Text goes to the engine as written.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from tlsready import _native
from tlsready._errors import InvalidArgumentError


def parse_target(text: str, starttls: Optional[str] = None) -> dict[str, Any]:
    """``text`` as a scan reads it: ``{"host", "port", "target", "starttls", "url"}``.

    ``starttls`` is ``None`` when the port implies it; a URL always names it (``"none"`` for TLS from
    the first byte). InvalidArgumentError names a bad ``text`` or a ``starttls`` that contradicts a URL.
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"a target is text, got {text!r}")
    try:
        parsed: dict[str, Any] = json.loads(_native.parse_target(text, starttls or ""))
    except ValueError as error:
        raise InvalidArgumentError(str(error)) from None
    return parsed


def parse_url(text: str) -> dict[str, Any]:
    """A URL (or any target text) as ``{"target": "host:port", "starttls": ...}``."""
    parsed = parse_target(text)
    return {"target": parsed["target"], "starttls": parsed["starttls"]}


def url_schemes() -> list[dict[str, Any]]:
    """The URL schemes: ``[{"scheme", "starttls", "default_port"}, ...]``."""
    schemes: list[dict[str, Any]] = json.loads(_native.url_schemes())
    return schemes


def native_target(target: str, sni: Optional[str], starttls: Optional[str]) -> dict[str, Any]:
    """One text target with the call's ``sni``/``starttls`` as the dict the native engine reads. The text
    is parsed here too (natively, the engine's parser) so that a bad one raises at the call, naming it,
    before anything is scanned or sent to a cluster."""
    parse_target(target, starttls)
    return {"target": target, "sni": sni, "starttls": starttls}
