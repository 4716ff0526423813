"""kramdown-parser-gfm 1.1 (lib/kramdown/parser/gfm.rb): GFM on top of kramdown."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from . import patterns as P
from .element import Element
from .entities import entity
from .parser import KramdownParser, RUBY_WS
from .rx import rx

TASK_UNCHECKED = rx(r"\A\s*\[ \]\s+")
TASK_CHECKED = rx(r"\A\s*\[x\]\s+")
TASK_CHECKED_CI = re.compile(TASK_CHECKED.pattern, TASK_CHECKED.flags | re.I)
_NOT_ASCII_ID_CHAR = re.compile(r"[^a-z0-9_\- \t]")
BOX_UNCHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
BOX_CHECKED = ('<input type="checkbox" class="task-list-item-checkbox" '
               'disabled="disabled" checked="checked" />')


def is_word_char(ch: str) -> bool:
    """Onigmo's \\p{Word}: letters, marks, decimal digits, connector punctuation."""
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat in ("Nd", "Nl", "Pc") or ch in "\u200c\u200d"


_IN_HEADER_ID: dict[str, bool] = {}


def _in_header_id(ch: str) -> bool:
    """Whether generate_gfm_header_id keeps the character (remembered per character)."""
    keep = _IN_HEADER_ID.get(ch)
    if keep is None:
        keep = _IN_HEADER_ID[ch] = ch in "- \t" or is_word_char(ch)
    return keep


class GFMParser(KramdownParser):
    PARSERS = {
        **KramdownParser.PARSERS,
        "atx_header_gfm": (P.GFM_ATX_HEADER_START, "parse_atx_header"),
        "atx_header_gfm_quirk": (P.GFM_ATX_HEADER_START, "parse_atx_header_gfm_quirk"),
        "codeblock_fenced_gfm": (P.GFM_FENCED_CODEBLOCK_START, "parse_codeblock_fenced"),
        "escaped_chars_gfm": (P.GFM_ESCAPED_CHARS, "parse_escaped_chars"),
        "strikethrough_gfm": (P.STRIKETHROUGH_MATCH, "parse_strikethrough_gfm"),
    }
    fenced_codeblock_match = P.GFM_FENCED_CODEBLOCK_MATCH

    def adjust_parsers(self):
        self.options["auto_id_stripping"] = True
        self.id_counter: dict[str, int] = defaultdict(lambda: -1)
        quirks = self.options.get("gfm_quirks") or []
        if self.options.get("hard_wrap"):
            self.span_parsers.remove("line_break")
        if "no_auto_typographic" in quirks:
            self.span_parsers.remove("typographic_syms")
        if "paragraph_end" in quirks:
            atx_header_parser = "atx_header_gfm_quirk"
            self._paragraph_end = P.GFM_PARAGRAPH_END
        else:
            atx_header_parser = "atx_header_gfm"
            self._paragraph_end = P.PARAGRAPH_END
        for current, replacement in (("codeblock_fenced", "codeblock_fenced_gfm"),
                                     ("atx_header", atx_header_parser)):
            self.block_parsers[self.block_parsers.index(current)] = replacement
        self.span_parsers[self.span_parsers.index("escaped_chars")] = "escaped_chars_gfm"
        self.span_parsers.append("strikethrough_gfm")
        self.hard_line_break = ("" if self.options.get("hard_wrap") else "\\") + "\n"

    def paragraph_end(self):
        return self._paragraph_end

    def parse(self, source: str) -> Element:
        root = super().parse(source)
        self.update_elements(root)
        return root

    def update_elements(self, element: Element):
        new_children = []
        hard_line_break = self.hard_line_break
        for child in element.children:
            kind = child.type
            if kind == "text":
                if hard_line_break in child.value:
                    new_children.extend(self.update_text_type(element, child))
                else:
                    if child.children:
                        self.update_elements(child)
                    new_children.append(child)
            elif kind == "html_element":
                new_children.append(child)
            elif kind == "header" and self.options.get("auto_ids") and "id" not in child.attr:
                child.attr["id"] = self.generate_gfm_header_id(child.options.get("raw_text") or "")
                new_children.append(child)
            else:
                grandchildren = child.children
                # (a leaf has nothing to update, nor has an element holding one text without a
                # hard line break: the call would give it the same child)
                if grandchildren and not (len(grandchildren) == 1 and grandchildren[0].type == "text"
                                          and hard_line_break not in grandchildren[0].value
                                          and not grandchildren[0].children):
                    self.update_elements(child)
                new_children.append(child)
        element.children = new_children

    def _update_elements_general(self, element: Element):
        """update_elements without its skipped case (the tests compare the two)."""
        new_children = []
        hard_line_break = self.hard_line_break
        for child in element.children:
            kind = child.type
            if kind == "text":
                if hard_line_break in child.value:
                    new_children.extend(self.update_text_type(element, child))
                else:
                    if child.children:
                        self.update_elements(child)
                    new_children.append(child)
            elif kind == "html_element":
                new_children.append(child)
            elif kind == "header" and self.options.get("auto_ids") and "id" not in child.attr:
                child.attr["id"] = self.generate_gfm_header_id(child.options.get("raw_text") or "")
                new_children.append(child)
            else:
                if child.children:
                    self.update_elements(child)
                new_children.append(child)
        element.children = new_children

    def update_text_type(self, element: Element, child: Element) -> list[Element]:
        lines = child.value.split(self.hard_line_break)
        omit_trailing_br = (lines[-1] == "" and element.category() == "block"
                            and element.children[-1] is child)
        children = []
        for index, line in enumerate(lines):
            children.append(Element("text", f"\n{line}" if index > 0 else line))
            if index < len(lines) - 2 or (index == len(lines) - 2 and not omit_trailing_br):
                children.append(Element("br"))
        return children

    def update_raw_text(self, item: Element):
        parts: list[str] = []

        def append_text(child):
            kind = child.type
            if kind in ("text", "codespan", "math"):
                parts.append(child.value)
            elif kind == "entity":
                parts.append(child.value.char or "")
            elif kind == "smart_quote":
                parts.append(entity(child.value).char)
            elif kind == "typographic_sym":
                if child.value == "laquo_space":  # the gem's literals use a no-break space
                    parts.append("«\u00a0")
                elif child.value == "raquo_space":
                    parts.append("\u00a0»")
                else:
                    parts.append(entity(child.value).char)
            else:
                for c in child.children:
                    append_text(c)
        append_text(item)
        item.options["raw_text"] = "".join(parts)

    def generate_gfm_header_id(self, text: str) -> str:
        text = text.lower()
        if text.isascii():  # ASCII word characters are exactly [a-z0-9_] (after lower())
            result = _NOT_ASCII_ID_CHAR.sub("", text)
        else:  # each distinct character judged once
            result = text.translate({ord(ch): None for ch in set(text) if not _in_header_id(ch)})
        result = result.replace(" ", "-").replace("\t", "-")
        self.id_counter[result] += 1
        if self.id_counter[result] > 0:
            result += f"-{self.id_counter[result]}"
        return self.options.get("auto_id_prefix", "") + result

    def parse_atx_header_gfm_quirk(self):
        text, header_id = self.parse_header_contents()
        text, count = rx(r"[\t ]#+\z").subn("", text, count=1)
        if count:
            text = text.rstrip(RUBY_WS)
        if not text:
            return False
        self.add_header(len(self.src["level"]), text, header_id)
        return True

    def parse_strikethrough_gfm(self):
        src = self.src
        src.pos += src.matched_size
        el = Element("html_element", "del", {}, {"category": "span"})
        self.tree.children.append(el)
        env = self.save_env()
        from .scanner import Scanner
        self.reset_env(src=Scanner(src.matched[2:-2]), text_type="text")
        self.parse_spans(el)
        self.restore_env(env)

    def parse_list(self):
        super().parse_list()
        for current_list in reversed(self.tree.children):
            if current_list.type in ("ul", "ol"):
                break
        is_tasklist = False
        for li in current_list.children:
            items = li.children
            if not items or items[0].type != "p":
                continue
            first = items[0].children[0]
            if "[" in first.value:  # (both task markers have one)
                first.value, unchecked = TASK_UNCHECKED.subn(BOX_UNCHECKED, first.value)
                first.value, checked = TASK_CHECKED_CI.subn(BOX_CHECKED, first.value)
                is_tasklist = is_tasklist or bool(unchecked or checked)
            if is_tasklist:
                li.attr["class"] = "task-list-item"
        if is_tasklist:
            current_list.attr["class"] = "task-list"
        return True
