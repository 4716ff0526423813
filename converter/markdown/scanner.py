"""Ruby's StringScanner, as kramdown uses it.

Ruby matches at the scan position as if the string started there
(``fixed_anchor: false``): ``^`` and ``\\A`` match at ``pos`` and look-behind
cannot see earlier text. Matching against the rest of the string reproduces
that exactly, but slicing the rest at every step is quadratic on long texts,
so regexes for which ``regex.match(string, pos)`` gives the same answer are
matched in place (see ``in_place_safe``).
"""

from __future__ import annotations

import re

# id(regex) -> (regex, safe at a line start, safe anywhere). Keyed by id: hashing a
# compiled pattern hashes its whole program (over 1 us for the paragraph-end regex);
# the entry holds the regex, so its id cannot be reused by another one.
_SAFE_CACHE: dict[int, tuple[re.Pattern, bool, bool]] = {}
_LEADING_BOUNDARY = re.compile(r"\A(?:\(\?[:>]|\()*\\[bB]")
_CHAR_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")


def in_place_safe(regex: re.Pattern) -> tuple[bool, bool]:
    """(safe at a line start, safe anywhere) for matching ``regex`` at a position
    without slicing. At a line start ``\\A`` and look-behind behave differently;
    elsewhere also ``^`` and a leading word boundary do."""
    entry = _SAFE_CACHE.get(id(regex)) or _safe_entry(regex)
    return entry[1], entry[2]


def _safe_entry(regex: re.Pattern) -> tuple[re.Pattern, bool, bool]:
    cached = _SAFE_CACHE.get(id(regex))
    if cached is None:
        source = regex.pattern
        lookbehind = "(?<" in source.replace("(?P<", "")
        at_bol = "\\A" not in source and not lookbehind  # Ruby's look-behind sees nothing before pos
        anywhere = (at_bol
                    and "^" not in _CHAR_CLASS.sub("", source.replace("\\\\", "").replace("\\^", ""))
                    and not _LEADING_BOUNDARY.match(source))
        cached = _SAFE_CACHE[id(regex)] = (regex, at_bol, anywhere)
        _PLACE[id(regex)] = 2 if anywhere else 1 if at_bol else 0
    return cached


# id(regex) -> 2 (in place anywhere), 1 (at a line start), 0 (never): _SAFE_CACHE's
# flags as one number for the scan methods (the regex is kept alive by _SAFE_CACHE)
_PLACE: dict[int, int] = {}


def _place(regex: re.Pattern) -> int:
    _safe_entry(regex)
    return _PLACE[id(regex)]


class Scanner:
    __slots__ = ("string", "pos", "_rest", "_rest_pos", "last", "last_start", "last_offset")

    def __init__(self, string: str):
        self.string = string
        self.pos = 0
        self._rest = string
        self._rest_pos = 0
        self.last: re.Match | None = None
        self.last_start = 0
        self.last_offset = 0  # what to add to the last match's positions

    @property
    def rest(self) -> str:
        if self._rest_pos != self.pos:
            self._rest = self.string[self.pos :]
            self._rest_pos = self.pos
        return self._rest

    @property
    def eos(self) -> bool:
        return self.pos >= len(self.string)

    def at_line_start(self) -> bool:
        pos = self.pos
        return pos == 0 or self.string[pos - 1] == "\n"

    def _match(self, regex: re.Pattern, search: bool = False):
        """Match (or search) at pos with Ruby's semantics; returns (match, offset)."""
        pos = self.pos
        if pos == 0:
            m = regex.search(self.string) if search else regex.match(self.string)
            return m, 0
        _, safe_bol, safe_anywhere = _SAFE_CACHE.get(id(regex)) or _safe_entry(regex)
        if safe_anywhere or (safe_bol and self.string[pos - 1] == "\n" and not search):
            m = regex.search(self.string, pos) if search else regex.match(self.string, pos)
            return m, 0
        rest = self.rest
        return (regex.search(rest) if search else regex.match(rest)), pos

    def check_flagged(self, regex: re.Pattern, safe_at_bol: bool, safe_anywhere: bool) -> re.Match | None:
        """check() with the regex's in_place_safe flags supplied (the parsers' hot loops)."""
        pos = self.pos
        string = self.string
        if pos == 0 or safe_anywhere or (safe_at_bol and string[pos - 1] == "\n"):
            m = regex.match(string, pos)
            offset = 0
        else:
            m = regex.match(self.rest)
            offset = pos
        self.last = m
        if m is not None:
            self.last_start = pos
            self.last_offset = offset
        return m

    def check(self, regex: re.Pattern) -> re.Match | None:
        """Match at the position without advancing (Ruby check / match?)."""
        pos = self.pos
        string = self.string
        place = _PLACE.get(id(regex))
        if place is None:
            place = _place(regex)
        if place == 2 or pos == 0 or (place == 1 and string[pos - 1] == "\n"):
            m = regex.match(string, pos)
            offset = 0
        else:
            m = regex.match(self.rest)
            offset = pos
        self.last = m
        if m is not None:
            self.last_start = pos
            self.last_offset = offset
        return m

    def scan(self, regex: re.Pattern) -> str | None:
        """Match at the position and advance past the match."""
        pos = self.pos
        string = self.string
        place = _PLACE.get(id(regex))
        if place is None:
            place = _place(regex)
        if place == 2 or pos == 0 or (place == 1 and string[pos - 1] == "\n"):
            m = regex.match(string, pos)
            offset = 0
        else:
            m = regex.match(self.rest)
            offset = pos
        self.last = m
        if m is None:
            return None
        self.last_start = pos
        self.last_offset = offset
        self.pos = offset + m.end()
        return m.group(0)

    def scan_until(self, regex: re.Pattern) -> str | None:
        """Search forward; return the text up to and including the match."""
        m, offset = self._match(regex, search=True)
        self.last = m
        if m is None:
            return None
        start = self.pos
        self.last_offset = offset
        self.last_start = offset + m.start()
        self.pos = offset + m.end()
        return self.string[start : self.pos]

    def search_start(self, regex: re.Pattern) -> int | None:
        """Absolute position of the next match of ``regex`` (no state change)."""
        m, offset = self._match(regex, search=True)
        return None if m is None else offset + m.start()

    def __getitem__(self, group):
        if self.last is None:
            return None
        try:
            return self.last.group(group)
        except (IndexError, re.error):
            return None

    @property
    def matched(self) -> str | None:
        return None if self.last is None else self.last.group(0)

    @property
    def matched_size(self) -> int:
        last = self.last
        return 0 if last is None else last.end() - last.start()

    def pre_match(self) -> str:
        return self.string[: self.last_start]

    def pre_match_tail(self, size: int) -> str:
        """The last ``size`` characters of pre_match (without copying all of it)."""
        return self.string[max(0, self.last_start - size): self.last_start]

    def getch(self) -> str:
        ch = self.string[self.pos : self.pos + 1]
        self.pos += len(ch)
        return ch

    def terminate(self) -> None:
        self.pos = len(self.string)

    def save_pos(self) -> int:
        return self.pos

    def revert_pos(self, pos: int) -> None:
        self.pos = pos
