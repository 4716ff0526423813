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
    """The ASCII characters matched by a character class (or one literal)."""
    ignore_case = flags & re.IGNORECASE
    negate = False
    tests = []
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            if ignore_case and av > 127:
                raise _Unknown  # may fold onto an ASCII letter (e.g. U+017F onto s)
            tests.append(lambda ch, code=av: ord(ch) == code)
        elif op is C.RANGE:
            low, high = av
            if ignore_case and high > 127:
                raise _Unknown
            tests.append(lambda ch, low=low, high=high: low <= ord(ch) <= high)
        elif op is C.CATEGORY and av in _CATEGORY_RE:
            category = re.compile(_CATEGORY_RE[av], flags & re.ASCII)
            tests.append(lambda ch, category=category: category.match(ch) is not None)
        else:
            raise _Unknown
    chars = set()
    for ch in ASCII:
        candidates = (ch, ch.swapcase()) if ignore_case else (ch,)
        member = any(test(c) for c in candidates for test in tests)
        if member != bool(negate):
            chars.add(ch)
    return chars
