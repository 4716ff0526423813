"""Whole-document shortcuts that give exactly what the full pipeline gives.

``PlainParagraph``: a document of one line that no block parser but the
paragraph can start and in which no span parser can start (a title such as
``Post 12: a study``, which Jekyll converts for every page and excerpt) is one
paragraph holding the line as text: ``<p>{escaped line}</p>\\n``. Each
condition below is what makes one step of the general path a no-op; the
tests compare both paths on random lines.
"""

from __future__ import annotations

from .gfm import GFMParser
from .html_converter import ESCAPE_RE, _escape_sub
from .parser import RUBY_WS, KramdownParser

# The block parsers with no first-character filter that a one-line document
# without "|" cannot trigger other than the paragraph: a setext header needs a
# second line, a table a pipe.
_PARAGRAPH_ONLY = frozenset(("setext_header", "table", "paragraph"))
_TEXT_ESCAPE_SUB = ESCAPE_RE["text"].sub


class PlainParagraph:
    """``converter(text)``: the HTML of a one-line plain paragraph, None for any other text."""

    def __init__(self, parser_class: type[KramdownParser], options: dict):
        parser = parser_class(options)
        self.block_parsers = tuple(parser.block_parsers)
        self.block_first_chars = parser.BLOCK_FIRST_CHARS
        # update_tree's test: no span parser can start in the text
        self.span_start = parser._default_span_starts.anchor.search
        self.first_char_ok: dict[str, bool] = {}

    @classmethod
    def for_parser(cls, parser_class: type, options: dict) -> "PlainParagraph | None":
        """The shortcut for documents parsed by ``parser_class`` (only kramdown's and GFM's own)."""
        if parser_class is not KramdownParser and parser_class is not GFMParser:
            return None
        return cls(parser_class, options)

    def _first_char_ok(self, char: str) -> bool:
        """Only the paragraph (or parsers that need a second line or a pipe) can start at char."""
        first_chars = self.block_first_chars
        ok = self.first_char_ok[char] = all(
            name in _PARAGRAPH_ONLY for name in self.block_parsers
            if first_chars.get(name) is None or char in first_chars[name])
        return ok

    def __call__(self, text: str) -> str | None:
        if not text or "\r" in text or "|" in text:
            return None
        newline = text.find("\n")
        if newline != -1 and newline != len(text) - 1:  # (one line, its newline optional)
            return None
        ok = self.first_char_ok.get(text[0])
        if ok is None:
            ok = self._first_char_ok(text[0])
        if not ok:
            return None
        line = text.strip(RUBY_WS)  # parse_paragraph's rstrip, then lstrip
        if self.span_start(line) is not None:
            return None
        if "&" in line or "<" in line or ">" in line:  # convert_text's escaping
            line = _TEXT_ESCAPE_SUB(_escape_sub, line)
        return f"<p>{line}</p>\n"
