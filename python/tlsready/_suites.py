"""The cipher-suite registry (native/data/cipher_suites.csv, compiled into the core): lookups by code
point, IANA name or OpenSSL name, the same JSON objects the C ABI (``tlsr_cipher_suite_*``), PowerShell
(``Get-TlsReadyCipherSuite``) and a scan's accepted suites show (registry.schema.json). A registry entry is a :class:`~tlsready.CipherSuite`, the type of a scan's
accepted suites: one type for one suite, whether looked up or found on a server."""

from __future__ import annotations

import fnmatch
import functools
import json
import re
from typing import Optional, Union

from tlsready import _native
from tlsready._errors import InvalidArgumentError
from tlsready._results_kinds import SUITE_PROTOCOL_NAMES as PROTOCOLS
from tlsready._results_suites import CipherSuite


# "0x000A", "0xc02f", and `openssl ciphers -V`'s "0xC0,0x2F".
_CODE = re.compile(r"0[xX]([0-9a-fA-F]+)")
_CODE_PAIR = re.compile(r"0[xX]([0-9a-fA-F]{2}),\s*0[xX]([0-9a-fA-F]{2})")


class CipherSuiteNotFoundError(InvalidArgumentError, LookupError):
    """No cipher suite of the registry has this code point or name; the message names it."""


@functools.lru_cache(maxsize=1)
def _registry() -> tuple[CipherSuite, ...]:
    # The compiled-in table never changes in a process: read it once.
    return tuple(CipherSuite.from_dict(item, "cipher_suites[]") for item in json.loads(_native.cipher_suites()))


def code_of(text: str) -> Optional[int]:
    """The code point ``text`` writes ("0x000A", "0xC0,0x2F"), or None when it is no code."""
    text = text.strip()
    if match := _CODE.fullmatch(text):
        return int(match.group(1), 16)
    if match := _CODE_PAIR.fullmatch(text):
        return int(match.group(1), 16) << 8 | int(match.group(2), 16)
    return None


def cipher_suite(code_or_name: Union[int, str]) -> CipherSuite:
    """The suite with this code point (``0x000A``, ``"0x000A"``, ``"0x00,0x0A"``) or IANA or OpenSSL name
    (ASCII case-insensitive). :class:`CipherSuiteNotFoundError` names what the registry does not hold;
    InvalidArgumentError for a code outside 0..0xFFFF or something that is no code or name."""
    if isinstance(code_or_name, bool) or not isinstance(code_or_name, (int, str)):
        raise InvalidArgumentError(f"a cipher suite is a code point or a name, got {code_or_name!r}")
    code = code_or_name if isinstance(code_or_name, int) else code_of(code_or_name)
    if code is not None:
        if not 0 <= code <= 0xFFFF:
            shown = f"-0x{-code:X}" if code < 0 else f"0x{code:X}"
            raise InvalidArgumentError(f"cipher suite code {shown} is not a 16-bit code point (0x0000..0xFFFF)")
        found = _native.cipher_suite_by_code(code)
        what = f"0x{code:04X}"
    else:
        name = str(code_or_name).strip()
        found = _native.cipher_suite_by_name(name)
        what = repr(name)
    if found is None:
        raise CipherSuiteNotFoundError(f"cipher suite {what} is not in the registry")
    return CipherSuite.from_dict(json.loads(found), "cipher_suite")


def cipher_suites(pattern: Optional[str] = None, *, weak: Optional[bool] = None,
                  protocol: Optional[str] = None) -> list[CipherSuite]:
    """The registry's suites in code order: those whose IANA or OpenSSL name matches ``pattern`` (shell
    wildcards, case-insensitive: ``"*3DES*"``); ``weak=True`` only weak ones (``False``: only sound
    ones); ``protocol`` ("TLSv1.2", ...) only those that may be negotiated in it."""
    if protocol is not None and protocol not in PROTOCOLS:
        matches = [p for p in PROTOCOLS if p.lower() == str(protocol).lower()]
        if not matches:
            raise InvalidArgumentError(f"protocol must be one of {', '.join(PROTOCOLS)}, got {protocol!r}")
        protocol = matches[0]
    if weak is not None and not isinstance(weak, bool):
        raise InvalidArgumentError(f"weak must be True, False or None, got {weak!r}")
    if pattern is not None and not isinstance(pattern, str):
        raise InvalidArgumentError(f"pattern must be text, got {pattern!r}")
    wanted = None if pattern is None else pattern.strip().lower()

    def selected(suite: CipherSuite) -> bool:
        if wanted is not None and not any(fnmatch.fnmatchcase(name.lower(), wanted)
                                          for name in (suite.name, suite.openssl_name or "")):
            return False
        if weak is not None and bool(suite.weak) != weak:
            return False
        return protocol is None or protocol in suite.protocols

    return [suite for suite in _registry() if selected(suite)]
