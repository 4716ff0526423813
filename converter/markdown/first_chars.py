"""Which ASCII characters a regex match can start with (to skip rules that cannot match).

``first_chars(regex)`` is a frozenset of ASCII characters, or None when any
character may start a match (the analysis gives up, or the regex can match
the empty string). A regex whose answer is a set cannot match at a position
whose character is ASCII and outside the set. Non-ASCII characters are never
ruled out: callers must try every rule at them.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser as sre_parse

ASCII = [chr(i) for i in range(128)]
_CATEGORY_RE = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_CACHE: dict = {}


class _Unknown(Exception):
    pass


def first_chars(regex: re.Pattern) -> frozenset | None:
    key = (regex.pattern, regex.flags)
    if key not in _CACHE:
        try:
            if not isinstance(regex.pattern, str):
                raise _Unknown
            parsed = sre_parse.parse(regex.pattern, regex.flags)
            chars, nullable = _sequence(list(parsed), regex.flags)
            _CACHE[key] = None if nullable else frozenset(chars)
        except (_Unknown, re.error, RecursionError):
            _CACHE[key] = None
    return _CACHE[key]


def _sequence(items, flags) -> tuple[set, bool]:
    """(first characters, can be empty) of a sequence of parsed items."""
    chars: set = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        item_chars, nullable = _item(op, av, flags)
        chars |= item_chars
        if not nullable:
            return chars, False
    return chars, True


def _item(op, av, flags) -> tuple[set, bool]:
    if op is C.LITERAL:
        return _char_set([(op, av)], flags), False
    if op is C.IN:
        return _char_set(av, flags), False
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        return _sequence(list(pattern), (flags | add_flags) & ~del_flags)
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av), flags)
    if op is C.BRANCH:
        chars: set = set()
        nullable = False
        for branch in av[1]:
            branch_chars, branch_nullable = _sequence(list(branch), flags)
            chars |= branch_chars
            nullable = nullable or branch_nullable
        return chars, nullable
    if op in _REPEATS:
        low, _high, pattern = av
        chars, nullable = _sequence(list(pattern), flags)
        return chars, nullable or low == 0
    raise _Unknown  # ANY, NOT_LITERAL, group references, ...: any character


def _char_set(items, flags) -> set:
    """The ASCII characters matched by a character class (or one literal): the class
    is written back as a regex and tried on each ASCII character (case folding included)."""
    parts = []
    negate = ""
    for op, av in items:
        if op is C.NEGATE:
            negate = "^"
        elif op is C.LITERAL:
            parts.append(_class_char(av))
        elif op is C.RANGE:
            parts.append(f"{_class_char(av[0])}-{_class_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORY_RE:
            parts.append(_CATEGORY_RE[av])
        else:
            raise _Unknown
    if not parts:
        raise _Unknown
    regex = re.compile(f"[{negate}{''.join(parts)}]", flags & (re.IGNORECASE | re.ASCII))
    return {ch for ch in ASCII if regex.match(ch)}


def _class_char(code: int) -> str:
    return f"\\U{code:08x}"  # any character, escaped for a class
