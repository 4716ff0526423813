"""kramdown's entity lookup (kramdown/utils/entities.rb)."""

from __future__ import annotations

from typing import NamedTuple

from .entities_table import CODEPOINT_REMAP, NAME_TO_CODEPOINT


class KramdownEntityError(ValueError):
    """An entity name kramdown does not know."""


class Entity(NamedTuple):
    code_point: int
    name: str | None

    @property
    def char(self) -> str | None:
        try:
            return chr(self.code_point)
        except (ValueError, OverflowError):
            return None


_BY_NAME = {name: Entity(cp, name) for name, cp in NAME_TO_CODEPOINT.items()}
_BY_CODEPOINT = {e.code_point: e for e in _BY_NAME.values()}
for _code, _target in CODEPOINT_REMAP.items():
    _BY_CODEPOINT[_code] = _BY_CODEPOINT.get(_target, Entity(_target, None))


def entity(key: str | int) -> Entity:
    """Entity for a name or code point; unknown names raise KramdownEntityError."""
    if isinstance(key, int):
        found = _BY_CODEPOINT.get(key)
        return found if found is not None else Entity(key, None)
    found = _BY_NAME.get(key)
    if found is None:
        raise KramdownEntityError(key)
    return found
