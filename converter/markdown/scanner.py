"""Ruby's StringScanner, as kramdown uses it.

Ruby matches at the scan position as if the string started there
(``fixed_anchor: false``): ``^`` and ``\\A`` match at ``pos`` and look-behind
cannot see earlier text. Matching against the rest of the string reproduces
that exactly; the slice is cached per position.
"""

from __future__ import annotations

import re


class Scanner:
    __slots__ = ("string", "pos", "_rest", "_rest_pos", "last", "last_start")

    def __init__(self, string: str):
        self.string = string
        self.pos = 0
        self._rest = string
        self._rest_pos = 0
        self.last: re.Match | None = None
        self.last_start = 0

    @property
    def rest(self) -> str:
        if self._rest_pos != self.pos:
            self._rest = self.string[self.pos :]
            self._rest_pos = self.pos
        return self._rest

    @property
    def eos(self) -> bool:
        return self.pos >= len(self.string)

    def check(self, regex: re.Pattern) -> re.Match | None:
        """Match at the position without advancing (Ruby check / match?)."""
        m = regex.match(self.rest)
        self.last = m
        if m is not None:
            self.last_start = self.pos
        return m

    def scan(self, regex: re.Pattern) -> str | None:
        """Match at the position and advance past the match."""
        m = self.check(regex)
        if m is None:
            return None
        self.pos += m.end()
        return m.group(0)

    def scan_until(self, regex: re.Pattern) -> str | None:
        """Search forward; return the text up to and including the match."""
        m = regex.search(self.rest)
        self.last = m
        if m is None:
            return None
        start = self.pos
        self.last_start = start + m.start()
        self.pos = start + m.end()
        return self.string[start : self.pos]

    def __getitem__(self, group):
        if self.last is None:
            return None
        try:
            return self.last.group(group)
        except (IndexError, error_types):
            return None

    @property
    def matched(self) -> str | None:
        return None if self.last is None else self.last.group(0)

    @property
    def matched_size(self) -> int:
        return 0 if self.last is None else len(self.last.group(0))

    def pre_match(self) -> str:
        return self.string[: self.last_start]

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


error_types = (re.error,)
