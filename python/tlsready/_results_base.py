"""The reader every typed result uses to take its fields from a scan document.

``from_dict`` is strict, like the native reader (native/src/model/scan_result_json.cpp): every field
the schema requires must be there with its JSON type, no unknown field is accepted and an enum's
value must be one of the schema's. A mismatch is a :class:`ResultFormatError` naming the field's
path, e.g. ``scan document: protocols[2].cipher_suites[0].bits: expected an integer or null, got 'x'``.
So ``from_dict(doc).to_dict() == doc`` for every document that validates against the schema.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Iterator, Mapping, Optional, Sequence, TypeVar

from tlsready._errors import ResultFormatError

T = TypeVar("T")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@functools.lru_cache(maxsize=None)
def _field_sets(required: tuple[str, ...], optional: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(required), frozenset(required + optional)


class Reader:
    """One JSON object of a document and its path (``protocols[1].refusal``)."""

    def __init__(self, data: Any, path: str, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.path = path
        if not isinstance(data, Mapping):
            self.fail(f"expected an object, got {_shown(data)}")
        self.data: Mapping[str, Any] = data
        wanted, known = _field_sets(tuple(required), tuple(optional))
        if not data.keys() >= wanted:
            self.fail(f"missing {', '.join(name for name in required if name not in data)}")
        if not known.issuperset(data.keys()):
            self.fail(f"unknown field(s) {', '.join(sorted(str(name) for name in data if name not in known))}")

    def where(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def fail(self, message: str, name: Optional[str] = None) -> None:
        where = self.path if name is None else self.where(name)
        raise ResultFormatError(f"scan document: {where or '(top)'}: {message}")

    def _typed(self, name: str, kinds: tuple[type, ...], wanted: str, nullable: bool) -> Any:
        value = self.data[name]
        if value is None and nullable:
            return None
        # bool is an int in Python; JSON keeps them apart.
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            self.fail(f"expected {wanted}{' or null' if nullable else ''}, got {_shown(value)}", name)
        return value

    def text(self, name: str) -> str:
        return str(self._typed(name, (str,), "a string", False))

    def optional_text(self, name: str) -> Optional[str]:
        value = self._typed(name, (str,), "a string", True)
        return None if value is None else str(value)

    def integer(self, name: str) -> int:
        return int(self._typed(name, (int,), "an integer", False))

    def optional_integer(self, name: str) -> Optional[int]:
        value = self._typed(name, (int,), "an integer", True)
        return None if value is None else int(value)

    def number(self, name: str) -> float:
        # Kept as it came (an int stays an int) so that to_dict() gives the same document back.
        value: float = self._typed(name, (int, float), "a number", False)
        return value

    def boolean(self, name: str) -> bool:
        return bool(self._typed(name, (bool,), "true or false", False))

    def optional_boolean(self, name: str) -> Optional[bool]:
        value = self._typed(name, (bool,), "true or false", True)
        return None if value is None else bool(value)

    def choice(self, name: str, allowed: Sequence[str]) -> Any:
        value = self.text(name)
        if value not in allowed:
            self.fail(f"{value!r} is not one of {', '.join(allowed)}", name)
        return value

    def optional_choice(self, name: str, allowed: Sequence[str]) -> Any:
        return None if self.data[name] is None else self.choice(name, allowed)

    def items(self, name: str) -> Iterator[tuple[str, Any]]:
        """(path, item) of each element of the array field ``name``."""
        value = self.data[name]
        if not isinstance(value, list):
            self.fail(f"expected an array, got {_shown(value)}", name)
        for index, item in enumerate(value):
            yield f"{self.where(name)}[{index}]", item

    def texts(self, name: str, allowed: Optional[Sequence[str]] = None) -> tuple[str, ...]:
        found = []
        for path, item in self.items(name):
            if not isinstance(item, str):
                raise ResultFormatError(f"scan document: {path}: expected a string, got {_shown(item)}")
            if allowed is not None and item not in allowed:
                raise ResultFormatError(f"scan document: {path}: {item!r} is not one of {', '.join(allowed)}")
            found.append(item)
        return tuple(found)


def dumps(document: Any, indent: Optional[int]) -> str:
    return json.dumps(document, indent=indent)
