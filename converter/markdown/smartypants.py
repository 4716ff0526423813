"""Jekyll's SmartyPants parser (jekyll/converters/smartypants.rb) for `smartify`:
kramdown with only HTML blocks, plain lines, smart quotes, entities,
typographic symbols and span HTML."""

from __future__ import annotations

from .parser import KramdownParser
from .rx import rx

CONTENT_LINE = rx(r"\A.*\n")


class SmartyPantsParser(KramdownParser):
    PARSERS = {**KramdownParser.PARSERS, "content": (rx(r"\A"), "parse_content")}

    def adjust_parsers(self):
        self.block_parsers = ["block_html", "content"]
        self.span_parsers = ["smart_quotes", "html_entity", "typographic_syms", "span_html"]

    def parse_content(self):
        line = self.src.scan(CONTENT_LINE)
        self.add_text(line if line is not None else self._scan_rest())
        return True
