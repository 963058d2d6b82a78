"""Targets as admins write them: a URL's scheme names the STARTTLS protocol and the default port.

``host``, ``host:port`` and ``[v6]:port`` go to the native engine as they are (it checks them);
``scheme://host[:port][/path]`` becomes a target dict ``{"target": "host:port", "starttls": ...}``.
The STARTTLS names are the native engine's (native/src/model/target.cpp: smtp, imap, pop3, ftp,
ldap, postgres).
"""

from __future__ import annotations

from typing import Any, Optional

from tlsready._errors import InvalidArgumentError

# scheme -> (STARTTLS protocol or None for TLS from the first byte, default port). IANA service ports.
SCHEMES: dict[str, tuple[Optional[str], int]] = {
    "https": (None, 443),
    "smtp": ("smtp", 25),
    "submission": ("smtp", 587),
    "smtps": (None, 465),
    "imap": ("imap", 143),
    "imaps": (None, 993),
    "pop3": ("pop3", 110),
    "pop3s": (None, 995),
    "ftp": ("ftp", 21),
    "ftps": (None, 990),
    "ldap": ("ldap", 389),
    "ldaps": (None, 636),
    "postgres": ("postgres", 5432),
    "postgresql": ("postgres", 5432),
}


def is_url(text: str) -> bool:
    return "://" in text


def parse_url(text: str) -> dict[str, Any]:
    """``scheme://host[:port][/path]`` as a native target dict; InvalidArgumentError naming ``text``."""
    scheme, _, rest = text.partition("://")
    implied = SCHEMES.get(scheme.lower())
    if implied is None:
        known = ", ".join(sorted(SCHEMES))
        raise InvalidArgumentError(f"target {text!r}: unknown scheme {scheme!r} (known: {known})")
    starttls, default_port = implied
    authority = rest
    for end in "/?#":
        authority = authority.split(end, 1)[0]
    if "@" in authority:
        raise InvalidArgumentError(f"target {text!r}: a target carries no user name or password")
    if not authority:
        raise InvalidArgumentError(f"target {text!r}: no host after '{scheme}://'")
    if authority.startswith("["):
        close = authority.find("]")
        if close < 0:
            raise InvalidArgumentError(f"target {text!r}: '[' without ']' around the IPv6 address")
        host, after = authority[:close + 1], authority[close + 1:]
        if after and not after.startswith(":"):
            raise InvalidArgumentError(f"target {text!r}: {after!r} after the IPv6 address")
        port_text = after[1:] if after else None
    elif authority.count(":") > 1:
        raise InvalidArgumentError(f"target {text!r}: write an IPv6 address in brackets, like [::1]")
    else:
        host, colon, port_text_or_empty = authority.partition(":")
        port_text = port_text_or_empty if colon else None
    if host in ("", "[]"):
        raise InvalidArgumentError(f"target {text!r}: no host after '{scheme}://'")
    port = default_port
    if port_text is not None:
        if not port_text.isascii() or not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise InvalidArgumentError(f"target {text!r}: port must be 1..65535, got {port_text!r}")
        port = int(port_text)
    return {"target": f"{host}:{port}", "starttls": starttls}


def native_target(target: str, sni: Optional[str], starttls: Optional[str]) -> dict[str, Any]:
    """One text target with the call's ``sni``/``starttls`` as the dict the native engine reads."""
    if not is_url(target):
        return {"target": target, "sni": sni, "starttls": starttls}
    parsed = parse_url(target)
    if starttls is not None and starttls != (parsed["starttls"] or "none"):
        raise InvalidArgumentError(
            f"target {target!r} implies starttls={parsed['starttls']!r}, but starttls={starttls!r} was given")
    parsed["sni"] = sni
    return parsed
