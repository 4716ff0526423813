"""kramdown's element tree (kramdown/element.rb)."""

from __future__ import annotations

BLOCK_TYPES = frozenset(
    "blank p header blockquote codeblock ul ol li dl dt dd table td hr".split()
)
SPAN_TYPES = frozenset(
    "text a br img codespan footnote em strong entity typographic_sym smart_quote abbreviation".split()
)


class Element:
    __slots__ = ("type", "value", "attr", "options", "children")

    def __init__(self, type: str, value=None, attr: dict | None = None, options: dict | None = None):
        self.type = type
        self.value = value
        self.attr = {} if attr is None else attr
        self.options = {} if options is None else options
        self.children: list[Element] = []

    def category(self) -> str | None:
        if self.type in BLOCK_TYPES:
            return "block"
        if self.type in SPAN_TYPES:
            return "span"
        return self.options.get("category")

    def is_block(self) -> bool:
        return self.category() == "block"

    def deep_copy(self) -> "Element":
        """Marshal.load(Marshal.dump(el)): values and attrs copied, recursively."""
        copy = Element(self.type, self.value, dict(self.attr), dict(self.options))
        copy.children = [child.deep_copy() for child in self.children]
        return copy

    def __repr__(self) -> str:  # debugging aid
        return f"<{self.type} {self.value!r} {self.attr} {self.children}>"
