"""The kramdown parser (kramdown/parser/kramdown.rb and parser/kramdown/*.rb).

A rule-for-rule port: block parsers are tried in kramdown's order at each
line, span parsers at each position where one of their start patterns
matches, with the same regexes (see ``patterns``). The GFM parser
(kramdown-parser-gfm) is the subclass in ``gfm.py``.
"""

from __future__ import annotations

import re

from . import patterns as P
from .element import Element
from .entities import entity, KramdownEntityError
from .first_chars import first_chars
from .html_parser import HtmlParserMixin, StopBlockParsing
from .rx import rx, escape
from .scanner import Scanner, in_place_safe

RUBY_WS = " \t\n\v\f\r\0"
ALPHA_WORD_END = re.compile(r"(?:[^\W\d_]|[^\W\d_]-)\Z")
IAL_CLASS_ATTR = "class"

# regexes of the rules' helper steps, compiled once (re's own cache costs a lookup per call)
_WS_RUN = re.compile(r"[ \t\n\v\f\r]+")
_CRLF = re.compile(r"\r\n?")
_ATX_CLOSING_HASHES = re.compile(r"(?<!\\)#+\Z")
_CODEBLOCK_LAZY_LINE = rx(r"\n( {0,3}\S)")
_LINK_DEF_TITLE_GAP = re.compile(r"[ \t]+[\"']")
_SPACES_TAB = re.compile(r" *\t")
_SPACES = re.compile(r" *")
_SPACES_TABS = re.compile(r"^( *)(\t+)")
_LEADING_TABS = re.compile(r"^(\t+)")
_LEADING_PIPE = re.compile(r"[ \t\n\v\f\r]*\|")
_CODE_ELEMENT = re.compile(r"(<code.*?>.*?</code>)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_BACKTICKS = re.compile(r"`+")
_WHITESPACE = rx(r"\s")
_RUBY_SPACE = re.compile(r"[ \t\n\v\f\r]")
_MAILTO = re.compile(r"^mailto:")
_OPEN_PAREN = rx(r"\(")
_ANGLE_URL = rx(r"\(<(.*?)>")
_CLOSE_PAREN = rx(r"\)")
_ANY_LINE = rx(r".*\n")


_LITERAL_REGEXES: dict = {}
_EMPHASIS_REGEXES: dict = {}


def _literal_regex(text: str) -> re.Pattern:
    """rx(escape(text)), remembered."""
    regex = _LITERAL_REGEXES.get(text)
    if regex is None:
        regex = _LITERAL_REGEXES[text] = rx(escape(text))
    return regex


def _emphasis_regexes(delim: str) -> tuple:
    """An emphasis delimiter's stop regex, its doubled form and it before an alphanumeric."""
    regexes = _EMPHASIS_REGEXES.get(delim)
    if regexes is None:
        regexes = _EMPHASIS_REGEXES[delim] = (
            rx(escape(delim)), rx(f"{escape(delim * 2)}(?!{escape(delim)})"), rx(f"{escape(delim)}[[:alnum:]]"))
    return regexes


_SQ_RULES_BY_CHAR: dict = {}


def _rules_starting_with(rules: list, char: str) -> list:
    """The (regex, ...) rules, in order, whose regex can match where the text has ``char``.
    (A rule left out could not have matched, so trying the rest gives the same first match.)"""
    if char > "\x7f":
        return rules
    return [rule for rule in rules if (first := first_chars(rule[0])) is None or char in first]


def _tabs_to_spaces(m: re.Match) -> str:
    return " " * 4 * len(m.group(1))


def ial_of(el: Element) -> dict:
    """el.options[:ial] ||= {}"""
    if el.options.get("ial") is None:
        el.options["ial"] = {}
    return el.options["ial"]


def normalize_link_id(link_id: str) -> str:
    return _WS_RUN.sub(" ", link_id).lower()


def adapt_source(source: str) -> str:
    """Unify line endings and make the source end with exactly one newline."""
    if "\r" in source:
        source = _CRLF.sub("\n", source)
    if source.endswith("\n"):  # (one newline taken off and put back: the text itself)
        return source
    return source + "\n"


class BlockParsersMixin:
    """parser/kramdown/{blank_line,eob,paragraph,header,...}.rb"""

    def parse_blank_line(self):
        matched = self.src.matched
        self.src.pos += len(matched)
        last = self.tree.children[-1] if self.tree.children else None
        if last is not None and last.type == "blank":
            last.value += matched
        else:
            self.tree.children.append(self.new_block_el("blank", matched))
        return True

    def parse_eob_marker(self):
        self.src.pos += self.src.matched_size
        self.tree.children.append(self.new_block_el("eob"))
        return True

    def paragraph_end(self):
        return P.PARAGRAPH_END

    def parse_paragraph(self):
        src = self.src
        pos = src.pos
        # the PARAGRAPH_START match that chose this parser is the first line (what
        # scanning PARAGRAPH_MATCH would take: both run to the line's newline)
        result = src.last.group(0)  # (src.matched)
        src.pos += len(result)
        paragraph_end = self.paragraph_end()
        while not src.check(paragraph_end):
            line = src.scan(P.PARAGRAPH_MATCH)
            if line is None:
                result += self._scan_rest()
                break
            result += line
        result = result.rstrip(RUBY_WS)
        children = self.tree.children
        last_child = children[-1] if children else None
        if last_child is not None and last_child.type == "p":
            last_item = last_child.children[-1] if last_child.children else None
            if last_item is not None and last_item.type == self.text_type:
                joiner = "  \n" if src.string[max(pos - 3, 0):pos] == "  \n" else "\n"
                last_item.value += joiner + result
            else:
                self.add_text(result, last_child)
        else:
            para = self.new_block_el("p")
            children.append(para)
            self.add_text(result.lstrip(RUBY_WS), para)
        return True

    def _scan_rest(self) -> str:
        rest = self.src.rest
        self.src.terminate()
        return rest

    # headers (header.rb)

    def parse_setext_header(self):
        if not self.after_block_boundary():
            return False
        text, header_id = self.parse_header_contents()
        if not text:
            return False
        self.add_header(2 if self.src["level"] == "-" else 1, text, header_id)
        return True

    def parse_atx_header(self):
        if not self.after_block_boundary():
            return False
        text, header_id = self.parse_header_contents()
        text, count = _ATX_CLOSING_HASHES.subn("", text)
        if count:
            text = text.rstrip(RUBY_WS)
        if not text:
            return False
        self.add_header(len(self.src["level"]), text, header_id)
        return True

    def parse_header_contents(self):
        text = self.src["contents"].rstrip(RUBY_WS)
        header_id = None
        m = P.HEADER_ID.search(text)
        if m:
            header_id = m.group("id")
            text = text[: len(text) - len(m.group(0))].rstrip(RUBY_WS)
        return text, header_id

    def add_header(self, level, text, header_id):
        self.src.pos += self.src.matched_size
        el = self.new_block_el("header", None, None, {"level": level, "raw_text": text})
        self.add_text(text, el)
        if header_id:
            el.attr["id"] = header_id
        self.tree.children.append(el)

    def parse_horizontal_rule(self):
        self.src.pos += self.src.matched_size
        self.tree.children.append(self.new_block_el("hr"))
        return True

    # code blocks (codeblock.rb)

    def parse_codeblock(self):
        data = self.src.scan(P.CODEBLOCK_MATCH)
        data = _CODEBLOCK_LAZY_LINE.sub(r" \1", data)
        data = P.INDENT.sub("", data)
        self.tree.children.append(self.new_block_el("codeblock", data))
        return True

    fenced_codeblock_match = P.FENCED_CODEBLOCK_MATCH

    def parse_codeblock_fenced(self):
        if not self.src.check(self.fenced_codeblock_match):
            return False
        src = self.src
        src.pos += src.matched_size
        el = self.new_block_el("codeblock", src[5], None, {"fenced": True})
        lang = (src[3] or "").strip(RUBY_WS)
        if lang:
            el.options["lang"] = lang
            el.attr["class"] = f"language-{src[4]}"
        self.tree.children.append(el)
        return True

    def parse_blockquote(self):
        result = self.src.scan(P.PARAGRAPH_MATCH) or self._scan_rest()
        while not self.src.check(P.LAZY_END):
            line = self.src.scan(P.PARAGRAPH_MATCH)
            if line is None:
                result += self._scan_rest()
                break
            result += line
        result = P.BLOCKQUOTE_START.sub("", result)
        el = self.new_block_el("blockquote")
        self.tree.children.append(el)
        self.parse_blocks(el, result)
        return True

    # math (math.rb)

    def parse_block_math(self):
        src = self.src
        if not self.after_block_boundary():
            return False
        if src[1]:
            if src[3]:
                src.scan(P.BLOCK_MATH_BACKSLASH)
            return False
        saved_pos = src.save_pos()
        src.pos += src.matched_size
        data = src[2].strip(RUBY_WS)
        if self.before_block_boundary():
            self.tree.children.append(self.new_block_el("math", data, None, {"category": "block"}))
            return True
        src.revert_pos(saved_pos)
        return False

    # boundaries (block_boundary.rb)

    def after_block_boundary(self):
        last = self.tree.children[-1] if self.tree.children else None
        return (
            last is None
            or last.type == "blank"
            or (last.type == "eob" and last.value is None)
            or self.block_ial is not None
        )

    def before_block_boundary(self):
        return self.src.check(P.BLOCK_BOUNDARY) is not None

    # footnotes, links, abbreviations

    def parse_footnote_definition(self):
        src = self.src
        name, body = src[1], src[2]
        src.pos += src.matched_size
        el = Element("footnote_def")
        self.parse_blocks(el, P.INDENT.sub("", body))
        self.tree.children.append(self.new_block_el("eob", "footnote_def"))
        self.footnotes[name] = {"content": el, "eob": self.tree.children[-1]}
        return True

    def parse_link_definition(self):
        src = self.src
        if src[3] and _LINK_DEF_TITLE_GAP.search(src[3]):
            return False
        link_id = normalize_link_id(src[1])
        link_url = src[2] if src[2] is not None else src[3]
        link_title = src[5]
        src.pos += src.matched_size
        self.tree.children.append(self.new_block_el("eob", "link_def"))
        self.link_defs[link_id] = [link_url, link_title, self.tree.children[-1]]
        return True

    def parse_abbrev_definition(self):
        src = self.src
        abbrev_id, abbrev_text = src[1], src[2].strip(RUBY_WS)
        src.pos += src.matched_size
        self.tree.children.append(self.new_block_el("eob", "abbrev_def"))
        self.root.options["abbrev_defs"][abbrev_id] = abbrev_text
        self.root.options["abbrev_attr"][abbrev_id] = self.tree.children[-1]
        return True

    # extensions (extensions.rb)

    def parse_block_extensions(self):
        src = self.src
        if src.scan(P.ALD_START) is not None:
            self.parse_attribute_list(src[2], self.alds.setdefault(src[1], {}))
            self.tree.children.append(self.new_block_el("eob", "ald"))
            return True
        if src.check(P.EXT_BLOCK_START):
            return self.parse_extension_start_tag("block")
        if src.scan(P.IAL_BLOCK_START) is not None:
            ial_text = src[1]
            last = self.tree.children[-1] if self.tree.children else None
            if last is not None and last.type != "blank" and (
                last.type != "eob" or last.value in ("link_def", "abbrev_def", "footnote_def")
            ):
                self.parse_attribute_list(ial_text, ial_of(last))
                if not src.check(P.IAL_BLOCK_START):
                    self.tree.children.append(self.new_block_el("eob", "ial"))
            else:
                if self.block_ial is None:
                    self.block_ial = {}
                self.parse_attribute_list(ial_text, self.block_ial)
            return True
        return False


class ListParsersMixin:
    """parser/kramdown/list.rb"""

    _first_line_cache: dict = {}

    @classmethod
    def list_line_patterns(cls, indentation: int):
        cached = cls._first_line_cache.get(indentation)
        if cached is None:
            q, r = divmod(indentation, 4)
            content_re = rx(rf"^(?:(?:\t| {{4}}){{{q}}} {{{r}}}|(?:\t| {{4}}){{{q + 1}}}).*\S.*\n")
            lazy_re = rx(
                rf"(?!^ {{0,{min(indentation, 3)}}}(?:{P.IAL_BLOCK}|{P.LAZY_END_HTML_STOP}"
                rf"|{P.LAZY_END_HTML_START})).*\S.*\n"
            )
            indent_re = rx(rf"^ {{{indentation}}}")
            cached = cls._first_line_cache[indentation] = (content_re, lazy_re, indent_re)
        return cached

    def parse_first_list_line(self, indentation: int, content: str):
        if P.LIST_ITEM_IAL_CHECK.match(content):
            indentation = 4
        else:
            while _SPACES_TAB.match(content):
                temp = len(_SPACES.match(content).group(0)) + indentation
                content = _SPACES_TABS.sub(
                    lambda m: m.group(1) + " " * (4 - (temp % 4) + (len(m.group(2)) - 1) * 4),
                    content, count=1,
                )
            indentation += len(content) - len(content.lstrip(" "))
        content = content.lstrip(" \t\n\v\f\r")  # (the regex ^[ \t\n\v\f\r]* removed once)
        return (content, indentation, *self.list_line_patterns(indentation))

    _fetch_cache: dict = {}

    @classmethod
    def fetch_pattern(cls, kind: str, indentation: int):
        pattern = cls._fetch_cache.get((kind, indentation))
        if pattern is None:
            spaces = {1: "{0}", 2: "{0,1}", 3: "{0,2}"}.get(indentation, "{0,3}")
            marker = {"ul": "[+*-]", "ol": r"\d+\.", "dl": ":"}[kind]
            pattern = cls._fetch_cache[(kind, indentation)] = rx(rf"^( {spaces}{marker})({P.PATTERN_TAIL})")
        return pattern

    def _take_item_ial(self, item: Element, text: str) -> str:
        if "{:" not in text:  # LIST_ITEM_IAL needs one
            return text

        def take(m):
            self.parse_attribute_list(m.group(1), ial_of(item))
            return ""
        return P.LIST_ITEM_IAL.sub(take, text, count=1)

    def parse_list(self):
        src = self.src
        if src.check(P.LIST_START_UL):
            kind, list_start_re = "ul", P.LIST_START_UL
        else:
            kind, list_start_re = "ol", P.LIST_START_OL
        lst = self.new_block_el(kind)
        item = None
        content_re = lazy_re = indent_re = None
        eob_found = nested_list_found = last_is_blank = False
        indentation = 0
        string = src.string
        end = len(string)
        while src.pos < end:  # (not src.eos)
            if last_is_blank and src.check(P.HR_START):
                break
            if string[src.pos] == "^" and src.scan(P.EOB_MARKER) is not None:  # (it starts with ^)
                eob_found = True
                break
            if src.scan(list_start_re) is not None:
                m = src.last  # (src[1], src[2]: the list start's groups)
                marker = m.group(1)
                lst.options.setdefault("first_list_marker", marker.strip(RUBY_WS))
                item = Element("li")
                value, indentation, content_re, lazy_re, indent_re = self.parse_first_list_line(
                    len(marker), m.group(2)
                )
                lst.children.append(item)
                value = self._take_item_ial(item, value)
                list_start_re = self.fetch_pattern(kind, indentation)
                nested_list_found = P.LIST_START.search(value) is not None
                last_is_blank = False
                item.value = [value]
                continue
            result = src.scan(content_re)
            if result is None and not last_is_blank:
                result = src.scan(lazy_re)
            if result is not None:
                result = _LEADING_TABS.sub(_tabs_to_spaces, result, count=1)
                result, found = indent_re.subn("", result, count=1)
                indentation_found = found > 0
                if not nested_list_found and indentation_found and P.LIST_START.search(result):
                    item.value.append("")
                    nested_list_found = True
                elif nested_list_found and not indentation_found and P.LIST_START.search(result):
                    result = " " * (indentation + 4) + result
                item.value[-1] += result
                last_is_blank = False
                continue
            result = src.scan(P.BLANK_LINE)
            if result is not None:
                nested_list_found = True
                last_is_blank = True
                item.value[-1] += result
                continue
            break

        self.tree.children.append(lst)
        last = None
        for it in lst.children:
            last = self._parse_list_item(lst, it, eob_found)
        if last is not None and not eob_found:
            self.tree.children.append(last)
        return True

    def _parse_list_item(self, lst: Element, it: Element, eob_found: bool):
        """Parse one item's collected text into blocks; return a trailing blank, if any."""
        temp = Element("temp")
        env = self.save_env()
        for val in it.value:
            self.src = Scanner(val)
            self.parse_blocks(temp)
        self.restore_env(env)
        it.children = temp.children
        it.value = None
        children = it.children
        if not children:
            return None
        if (children[0].type == "p" and len(children) >= 2 and children[1].type == "eob"
                and children[0].options.get("ial") is not None):
            del children[1]
        first = children[0]
        if first.type == "p" and (
            len(children) < 2 or children[1].type != "blank"
            or (it is lst.children[-1] and len(children) == 2 and not eob_found)
        ) and (
            lst.children[-1] is not it or len(lst.children) == 1
            or any(not c.children or c.children[0].type != "p" or c.children[0].options.get("transparent")
                   for c in lst.children[:-1])
        ):
            if len(children) > 1 and children[1].type != "blank":
                first.children[0].value += "\n"
            first.options["transparent"] = True
        return children.pop() if children[-1].type == "blank" else None

    def parse_definition_list(self):
        children = self.tree.children
        if (not children or (len(children) == 1 and children[-1].type != "p")
                or (len(children) >= 2 and children[-1].type != "p"
                    and (children[-1].type != "blank" or children[-1].value != "\n"
                         or children[-2].type != "p"))):
            return False
        first_as_para = False
        deflist = self.new_block_el("dl")
        para = children.pop()
        if para.type == "blank":
            para = children.pop()
            first_as_para = True
        for term in para.children[0].value.split("\n"):
            el = Element("dt")
            term = self._take_item_ial(el, term)
            el.options["raw_text"] = term
            el.children.append(Element("raw_text", term))
            deflist.children.append(el)
        deflist.options["ial"] = para.options.get("ial")

        src = self.src
        item = None
        content_re = lazy_re = indent_re = None
        def_start_re = P.DEFINITION_LIST_START
        last_is_blank = False
        while not src.eos:
            if src.scan(def_start_re) is not None:
                item = Element("dd")
                item.options["first_as_para"] = first_as_para
                value, indentation, content_re, lazy_re, indent_re = self.parse_first_list_line(
                    len(src[1]), src[2]
                )
                deflist.children.append(item)
                item.value = self._take_item_ial(item, value)
                def_start_re = self.fetch_pattern("dl", indentation)
                first_as_para = last_is_blank = False
                continue
            if src.check(P.EOB_MARKER):
                break
            result = src.scan(content_re) if content_re is not None else None
            if result is None and not last_is_blank and lazy_re is not None:
                result = src.scan(lazy_re)
            if result is not None:
                result = _LEADING_TABS.sub(_tabs_to_spaces, result, count=1)
                result = indent_re.sub("", result, count=1)
                item.value += result
                first_as_para = last_is_blank = False
                continue
            result = src.scan(P.BLANK_LINE)
            if result is not None:
                first_as_para = True
                item.value += result
                last_is_blank = True
                continue
            break

        last = None
        for it in deflist.children:
            if it.type == "dt":
                continue
            self.parse_blocks(it, it.value)
            it.value = None
            it_children = it.children
            if not it_children:
                continue
            last = it_children.pop() if it_children[-1].type == "blank" else None
            first_as_para_opt = it.options.pop("first_as_para", False)
            if it_children and it_children[0].type == "p" and not first_as_para_opt:
                if len(it_children) > 1:
                    it_children[0].children[0].value += "\n"
                it_children[0].options["transparent"] = True

        children = self.tree.children
        if children and children[-1].type == "dl":
            children[-1].children.extend(deflist.children)
        elif len(children) >= 2 and children[-1].type == "blank" and children[-2].type == "dl":
            children.pop()
            children[-1].children.extend(deflist.children)
        else:
            children.append(deflist)
        if last is not None:
            children.append(last)
        return True


class TableParserMixin:
    """parser/kramdown/table.rb"""

    def parse_table(self):
        if not self.after_block_boundary():
            return False
        src = self.src
        saved_pos = orig_pos = src.pos
        table = self.new_block_el("table", None, None, {"alignment": []})
        leading_pipe = _LEADING_PIPE.match(src.check(P.TABLE_LINE).group(0)) is not None
        src.scan(P.TABLE_SEP_LINE)
        state = {"rows": [], "has_footer": False}
        columns = 0
        string_end = len(src.string)

        def add_container(kind, force):
            if not state["has_footer"] or kind != "tbody" or force:
                cont = Element(kind)
                cont.children, state["rows"] = state["rows"], []
                table.children.append(cont)

        while src.pos < string_end:  # (not src.eos)
            if not src.check(P.TABLE_LINE):
                break
            if src.scan(P.TABLE_SEP_LINE) is not None:
                if not state["rows"]:
                    pass
                elif not table.options["alignment"] and not state["has_footer"]:
                    add_container("thead", False)
                    table.options["alignment"] = [
                        self._alignment(left, right) for left, right in P.TABLE_HSEP_ALIGN.findall(src[1])
                    ]
                else:
                    add_container("tbody", False)
            elif src.scan(P.TABLE_FSEP_LINE) is not None:
                if state["rows"]:
                    add_container("tbody", True)
                state["has_footer"] = True
            elif src.scan(P.TABLE_ROW_LINE) is not None:
                cells = self._split_table_row(src.last.group(1), leading_pipe)
                row = Element("tr")
                for cell_text in cells:
                    cell = Element("td")
                    cell.children.append(Element("raw_text", cell_text.strip(RUBY_WS)))
                    row.children.append(cell)
                columns = max(columns, len(cells))
                state["rows"].append(row)
            else:
                break

        if not self.before_block_boundary():
            src.revert_pos(saved_pos)
            return False
        if not self._pipe_on_every_line(src.string[orig_pos:src.pos - 1]):
            src.revert_pos(saved_pos)
            return False
        if state["rows"]:
            add_container("tfoot" if state["has_footer"] else "tbody", False)
        if not any(el.type == "tbody" for el in table.children):
            src.revert_pos(saved_pos)
            return False
        for kind in table.children:
            for row in kind.children:
                missing = columns - len(row.children)
                if missing > 0:
                    row.children.extend(Element("td") for _ in range(missing))
        alignment = table.options["alignment"]
        if len(alignment) > columns:
            table.options["alignment"] = alignment[:columns]
        else:
            table.options["alignment"] = alignment + ["default"] * (columns - len(alignment))
        self.tree.children.append(table)
        return True

    @staticmethod
    def _alignment(left: str, right: str) -> str:
        if not left and not right:
            return "default"
        if not right:
            return "left"
        if not left:
            return "right"
        return "center"

    def _split_table_row(self, line: str, leading_pipe: bool) -> list[str]:
        """Split a row at unescaped pipes outside code spans and <code> elements."""
        if "`" not in line and "<code" not in line:
            # no code: what the loop below does when the span parse yields the line as one raw text
            cells = [t.replace("\\|", "|") for t in _UNESCAPED_PIPE.split(line)] if line else []
            return self._trim_table_cells(cells, leading_pipe)
        env = self.save_env()
        cells: list[str] = []

        def append_to_last(text):
            if cells:
                cells[-1] += text
            else:
                cells.append(text)

        for i, part in enumerate(_CODE_ELEMENT.split(line)):
            if i % 2 == 1:
                append_to_last(part)
                continue
            self.reset_env(src=Scanner(part))
            root = Element("root")
            self.parse_spans(root, None, ["codespan"])
            for c in root.children:
                if c.type == "raw_text":
                    first, *others = [t.replace("\\|", "|") for t in _UNESCAPED_PIPE.split(c.value)]
                    append_to_last(first)
                    cells.extend(others)
                else:
                    delim = max(_BACKTICKS.findall(c.value) or [""]) + "`"
                    pad = " " if len(delim) > 1 else ""
                    append_to_last(f"{delim}{pad}{c.value}{pad}{delim}")
        self.restore_env(env)
        return self._trim_table_cells(cells, leading_pipe)

    @staticmethod
    def _trim_table_cells(cells: list[str], leading_pipe: bool) -> list[str]:
        if leading_pipe and cells and not cells[0].strip(RUBY_WS):
            cells.pop(0)
        if cells and not cells[-1].strip(RUBY_WS):
            cells.pop()
        return cells

    def _pipe_on_every_line(self, text: str) -> bool:
        """Each line needs an unescaped pipe outside code spans and HTML."""
        root = Element("root")
        if "`" not in text and "<" not in text:
            # neither parser can start: the span parse would give the text as one raw text
            if text:
                root.children.append(Element("raw_text", text))
        else:
            env = self.save_env()
            self.reset_env(src=Scanner(text))
            self.parse_spans(root, None, ["codespan", "span_html"])
            self.restore_env(env)
        pipe_on_line = False
        for c in root.children:
            if c.value is None:
                continue
            lines = c.value.split("\n")
            while lines and lines[-1] == "":
                lines.pop()  # Ruby's split drops trailing empty fields
            if c.type == "codespan":
                if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                    break
                if len(lines) == 2 and pipe_on_line:
                    pipe_on_line = False
            else:
                if len(lines) > 1 and not pipe_on_line and not P.TABLE_PIPE_CHECK.match(lines[0]):
                    break
                last_has_pipe = bool(lines) and P.TABLE_PIPE_CHECK.match(lines[-1]) is not None
                pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or last_has_pipe
        return pipe_on_line


class SpanParsersMixin:
    """parser/kramdown/{emphasis,codespan,link,...}.rb"""

    def parse_emphasis(self):
        src = self.src
        saved_pos = src.save_pos()
        result = src.scan(P.EMPHASIS_START)
        element = "strong" if len(result) == 2 else "em"
        kind = result[0]
        # pre_match =~ /[[:alpha:]]-?[[:alpha:]]*\z/ only depends on its last two characters
        if ((kind == "_" and ALPHA_WORD_END.search(src.pre_match_tail(2)))
                or src.check(_WHITESPACE) or self.tree.type == element
                or any(el.type == element for el, _ in self.stack)):
            self.add_text(result)
            return

        def sub_parse(delim, elem):
            el = Element(elem)
            stop_re, double_re, alnum_re = _emphasis_regexes(delim)

            def accept():
                before = src.pre_match_tail(1)
                return ((not _RUBY_SPACE.match(before))
                        and (elem != "em" or not src.check(double_re))
                        and (kind != "_" or not src.check(alnum_re))
                        and bool(el.children))
            found = self.parse_spans(el, stop_re, None, None, accept)
            return found, el, stop_re

        found, el, stop_re = sub_parse(result, element)
        if not found and element == "strong" and self.tree.type != "em":
            src.revert_pos(saved_pos)
            src.pos += 1
            found, el, stop_re = sub_parse(kind, "em")
        if found:
            src.scan(stop_re)
            self.tree.children.append(el)
        else:
            src.revert_pos(saved_pos)
            src.pos += len(result)
            self.add_text(result)

    def parse_codespan(self):
        src = self.src
        result = src.scan(P.CODESPAN_DELIMITER)
        simple = len(result) == 1
        saved_pos = src.save_pos()
        if simple and self._after_space_or_start() and src.check(_WHITESPACE):
            self.add_text(result)
            return
        text = src.scan_until(_literal_regex(result))
        if text is None:
            src.revert_pos(saved_pos)
            self.add_text(result)
            return
        text = text[: -len(result)]
        if not simple:
            if text[:1] == " ":
                text = text[1:]
            if text[-1:] == " ":
                text = text[:-1]
        self.tree.children.append(Element("codespan", text, None, {"codespan_delimiter": result}))

    def _after_space_or_start(self) -> bool:
        """Ruby: pre_match =~ /\\s\\Z|\\A\\Z/ (whitespace or nothing before; \\Z allows a final newline)."""
        src = self.src
        if src.last_start == 0 or (src.last_start == 1 and src.string[0] == "\n"):
            return True
        return src.string[src.last_start - 1] in " \t\n\v\f\r"

    def parse_autolink(self):
        src = self.src
        src.pos += src.matched_size
        href = f"mailto:{src[1]}" if src[2] is None else src[1]
        el = Element("a", None, {"href": href})
        self.add_text(_MAILTO.sub("", src[1], count=1), el)
        self.tree.children.append(el)

    def parse_footnote_marker(self):
        src = self.src
        src.pos += src.matched_size
        name = src[1]
        fn_def = self.footnotes.get(name)
        if fn_def is None:
            self.add_text(src.matched)
            return
        if "eob" in fn_def:
            eob = fn_def.pop("eob")
            self.update_attr_with_ial(eob.attr, eob.options.get("ial") or {})
            fn_def["attr"] = eob.attr
            fn_def["options"] = eob.options
        marker = Element("footnote", fn_def["content"], fn_def["attr"], {**fn_def["options"], "name": name})
        fn_def.setdefault("marker", []).append(marker)
        self.tree.children.append(marker)

    def add_link(self, el, href, title, alt_text=None, ial=None):
        el.options["ial"] = ial
        if ial:
            self.update_attr_with_ial(el.attr, ial)
        if el.type == "a":
            el.attr["href"] = href
        else:
            el.attr["src"] = href
            el.attr["alt"] = alt_text
            el.children.clear()
        if title is not None:
            el.attr["title"] = title
        self.tree.children.append(el)

    def parse_link(self):
        src = self.src
        result = src.scan(P.LINK_START)
        cur_pos = src.pos
        saved_pos = src.save_pos()
        link_type = "img" if result.startswith("!") else "a"
        if link_type == "a" and (self.tree.type in ("img", "a")
                                 or any(t is not None and t.type in ("img", "a") for t, _ in self.stack)):
            self.add_text(result)
            return
        el = Element(link_type)
        count = [1]

        def bracket_balanced():
            count[0] += -1 if src[1] else 1
            return count[0] - sum(1 for c in el.children if c.type == "img") == 0

        if not self.parse_spans(el, P.LINK_BRACKET_STOP_RE, None, None, bracket_balanced):
            src.revert_pos(saved_pos)
            self.add_text(result)
            return
        alt_text = P.ESCAPED_CHARS.sub(r"\1", src.string[cur_pos:src.pos])
        src.scan(P.LINK_BRACKET_STOP_RE)

        if src.scan(P.LINK_INLINE_ID_RE) is not None or not src.check(_OPEN_PAREN):
            link_id = normalize_link_id(src[1] or alt_text)
            link_def = self.link_defs.get(link_id)
            if link_def is not None:
                ial = link_def[2].options.get("ial") if link_def[2] is not None else None
                self.add_link(el, link_def[0], link_def[1], alt_text, ial)
            else:
                src.revert_pos(saved_pos)
                self.add_text(result)
            return

        if src.scan(_ANGLE_URL) is not None:
            link_url = src[1]
            if src.scan(_CLOSE_PAREN) is not None:
                self.add_link(el, link_url, None, alt_text)
                return
        else:
            link_url = ""
            nr_of_brackets = 0
            while True:
                temp = src.scan_until(P.LINK_PAREN_STOP_RE)
                if temp is None:
                    break
                link_url += temp
                if src[2]:
                    nr_of_brackets -= 1
                    if nr_of_brackets == 0:
                        break
                elif src[1]:
                    nr_of_brackets += 1
                else:
                    break
            link_url = link_url[1:-1].strip(RUBY_WS)
            if nr_of_brackets == 0:
                self.add_link(el, link_url, None, alt_text)
                return

        if src.scan(P.LINK_INLINE_TITLE_RE) is not None:
            self.add_link(el, link_url, src[2], alt_text)
        else:
            src.revert_pos(saved_pos)
            self.add_text(result)

    def parse_smart_quotes(self):
        src = self.src
        substs = None
        char = src.string[src.pos]
        rules = _SQ_RULES_BY_CHAR.get(char)
        if rules is None:
            rules = _SQ_RULES_BY_CHAR[char] = _rules_starting_with(P.SQ_RULES, char)
        for regex, rule in rules:
            if src.scan(regex) is not None:
                substs = rule
                break
        if substs is None:  # cannot happen for kramdown's rules; keep the character
            self.add_text(src.getch())
            return
        for subst in substs:
            if isinstance(subst, int):
                self.add_text(src[subst] or "")
            else:
                val = P.SQ_SUBSTS.get((subst, src[int(subst[-1]) if subst[-1].isdigit() else 0]), subst)
                self.tree.children.append(Element("smart_quote", val))

    def parse_inline_math(self):
        src = self.src
        src.pos += src.matched_size
        self.tree.children.append(Element("math", src[1].strip(RUBY_WS), None, {"category": "span"}))

    def parse_span_extensions(self):
        src = self.src
        if src.check(P.EXT_SPAN_START):
            self.parse_extension_start_tag("span")
        elif src.check(P.IAL_SPAN_START):
            last = self.tree.children[-1] if self.tree.children else None
            if last is not None and last.type != "text":
                src.pos += src.matched_size
                attr = {}
                self.parse_attribute_list(src[1], attr)
                self.update_ial_with_ial(ial_of(last), attr)
                self.update_attr_with_ial(last.attr, attr)
            else:
                self.add_text(src.getch())
        else:
            self.add_text(src.getch())

    def parse_html_entity(self):
        src = self.src
        src.pos += src.matched_size
        name, dec, hexa = src[1], src[2], src[3]
        key = name if name is not None else (int(dec) if dec is not None else int(hexa, 16))
        try:
            value = entity(key)
            self.tree.children.append(Element("entity", value, None, {"original": src.matched}))
        except KramdownEntityError:
            self.tree.children.append(Element("entity", entity("amp")))
            self.add_text(src.matched[1:])

    def parse_typographic_syms(self):
        src = self.src
        src.pos += src.matched_size
        val = P.TYPOGRAPHIC_SYMS_SUBST[src.matched]
        if not val.startswith("&"):
            self.tree.children.append(Element("typographic_sym", val))
        else:
            name = "lt" if src.matched == "\\<<" else "gt"
            self.tree.children.append(Element("entity", entity(name)))
            self.tree.children.append(Element("entity", entity(name)))

    def parse_line_break(self):
        self.tree.children.append(Element("br"))
        self.src.pos += self.src.matched_size

    def parse_escaped_chars(self):
        self.src.pos += self.src.matched_size
        self.add_text(self.src[1])


class ExtensionsMixin:
    """Attribute lists and {::extensions} (extensions.rb)."""

    def parse_attribute_list(self, text: str, opts: dict):
        stripped = text.strip(RUBY_WS)
        if not stripped or stripped == ":":
            return
        for key, sep, val, ref, id_and_or_class, _, _ in (m.groups() for m in P.ALD_TYPE_ANY.finditer(text)):
            if ref:
                opts.setdefault("refs", []).append(ref)
            elif id_and_or_class:
                for id_attr, class_attr in P.ALD_TYPE_ID_OR_CLASS.findall(id_and_or_class):
                    if class_attr:
                        opts[IAL_CLASS_ATTR] = f"{opts.get(IAL_CLASS_ATTR) or ''} {class_attr}".lstrip(RUBY_WS)
                    else:
                        opts["id"] = id_attr
            else:
                opts[key] = re.sub(r"\\(\}|" + re.escape(sep) + ")", r"\1", val)

    @staticmethod
    def update_ial_with_ial(ial: dict, opts: dict):
        if "refs" in opts:
            ial.setdefault("refs", []).extend(opts["refs"])
        for k, v in opts.items():
            if k == IAL_CLASS_ATTR:
                ial[k] = f"{ial.get(k) or ''} {v}".lstrip(RUBY_WS)
            elif k != "refs":
                ial[k] = v

    def update_attr_with_ial(self, attr: dict, ial: dict):
        for ref in ial.get("refs") or []:
            ald = self.alds.get(ref)
            if ald is not None:
                self.update_attr_with_ial(attr, ald)
        for k, v in ial.items():
            if k == IAL_CLASS_ATTR:
                attr[k] = f"{attr.get(k) or ''} {v}".lstrip(RUBY_WS)
            elif k != "refs":
                attr[k] = v

    def parse_extension_start_tag(self, kind: str):
        src = self.src
        saved_pos = src.save_pos()
        src.pos += src.matched_size

        def error():
            src.revert_pos(saved_pos)
            if kind == "span":
                self.add_text(src.getch())
            return False

        if src[4] or src.matched == "{:/}":
            return error()
        ext, attrs_text, self_closed = src[1], src[2], src[3]
        opts: dict = {}
        self.parse_attribute_list(attrs_text or "", opts)
        body = None
        if not self_closed:
            stop_re = P.ext_block_stop(ext) if kind == "block" else P.ext_span_stop(ext)
            result = src.scan_until(stop_re)
            if result is None:
                return error()
            body = stop_re.sub("", result, count=1)
            if kind == "block" and body.endswith("\n"):
                body = body[:-1]
        if not self.handle_extension(ext, opts, body, kind):
            return error()
        return True

    def handle_extension(self, name, opts, body, kind):
        if name == "comment":
            if isinstance(body, str):
                self.tree.children.append(Element("comment", body, None, {"category": kind}))
            return True
        if name == "nomarkdown":
            if isinstance(body, str):
                types = (opts.get("type") or "").split()
                self.tree.children.append(Element("raw", body, None, {"category": kind, "type": types}))
            return True
        if name == "options":
            self.set_inline_options(opts)
            if kind == "block":
                self.tree.children.append(self.new_block_el("eob", "extension"))
            return True
        return False

    def set_inline_options(self, opts: dict):
        from .options import KRAMDOWN_DEFAULTS, parse_option
        for key, value in opts.items():
            if key == "refs" or key not in KRAMDOWN_DEFAULTS or key in ("template", "forbidden_inline_options"):
                continue
            try:
                parsed = parse_option(key, value)
            except (ValueError, TypeError):
                continue
            self.options[key] = parsed
            self.root.options.setdefault("options", {})[key] = parsed


class SpanStarts:
    """kramdown's span_start regex for a list of span parsers (the union of
    their start regexes), with a fast search and the parsers to try per character.

    ``find(string, pos)`` is ``regex.search(string, pos).start()``. sre scans
    quickly only for patterns whose alternatives all begin with a literal, and
    the union does not (smart quotes begin with any character, line breaks with
    a space), so ``find`` searches for the fragments' anchors (patterns.SPAN_ANCHORS:
    each match contains one within ``back`` characters of its start) and tries
    the regex at the few positions before each anchor.
    """

    def __init__(self, parser, names: tuple[str, ...]):
        self.parser_class = type(parser)
        self.names = names
        self.source = "|".join(P.SPAN_START[name] for name in names)
        self.regex = rx(self.source)
        self.anchor, self.back = self._anchor_regex(names)
        if not in_place_safe(self.regex)[1]:  # a start regex that sees the scan position
            raise ValueError(f"span start regex not position-independent: {self.source}")
        self.tables: dict[str, list] = {}

    @staticmethod
    def _anchor_regex(names: tuple[str, ...]) -> tuple[re.Pattern, int]:
        """A regex whose matches start at the searched-for character of each anchor
        (see patterns.SPAN_ANCHORS), and how far before it a start may be.

        It begins with a character class, which sre scans for quickly (an
        alternation of literals is scanned position by position); look-behind
        and look-ahead then check the rest of the anchor."""
        conditions: dict[str, set] = {}
        back = 0
        for name in names:
            anchors, fragment_back = P.SPAN_ANCHORS[name]
            for anchor in anchors:
                literal, key = (anchor, 0) if isinstance(anchor, str) else anchor
                before, after = literal[:key + 1], literal[key + 1:]
                condition = f"(?<={re.escape(before)})" + (f"(?={re.escape(after)})" if after else "")
                conditions.setdefault(literal[key], set()).add(condition)
                back = max(back, fragment_back + key)
        chars = "".join(re.escape(char) for char in sorted(conditions))
        alternatives = "|".join(sorted(c for cs in conditions.values() for c in cs))
        return re.compile(f"[{chars}](?:{alternatives})"), back

    def find(self, string: str, pos: int) -> int | None:
        anchor_search = self.anchor.search
        match = self.regex.match
        back = self.back
        low = pos  # no match starts in [pos, low)
        while True:
            m = anchor_search(string, low)
            if m is None:
                return None
            anchor_at = m.start()
            start = max(low, anchor_at - back)
            while start <= anchor_at:
                if match(string, start) is not None:
                    return start
                start += 1
            low = anchor_at + 1

    def table_for(self, first_char: str) -> list:
        """The span parsers (in order) whose start regex can match text starting with first_char."""
        cls = self.parser_class
        table = self.tables[first_char] = [
            (cls.PARSERS[n][0], getattr(cls, cls.PARSERS[n][1]), *in_place_safe(cls.PARSERS[n][0]))
            for n in self.names
            if cls.SPAN_FIRST_CHARS.get(n) is None or first_char in cls.SPAN_FIRST_CHARS[n]
        ]
        return table


class KramdownParser(BlockParsersMixin, ListParsersMixin, TableParserMixin, SpanParsersMixin,
                     ExtensionsMixin, HtmlParserMixin):
    """Parses one document; build a new one per document (parsing state lives here)."""

    BLOCK_PARSERS = [
        "blank_line", "codeblock", "codeblock_fenced", "blockquote", "atx_header",
        "horizontal_rule", "list", "definition_list", "block_html", "setext_header",
        "block_math", "table", "footnote_definition", "link_definition",
        "abbrev_definition", "block_extensions", "eob_marker", "paragraph",
    ]
    SPAN_PARSERS = [
        "emphasis", "codespan", "autolink", "span_html", "footnote_marker", "link",
        "smart_quotes", "inline_math", "span_extensions", "html_entity",
        "typographic_syms", "line_break", "escaped_chars",
    ]
    # name -> (start regex, method name)
    PARSERS = {
        "blank_line": (P.BLANK_LINE, "parse_blank_line"),
        "codeblock": (P.INDENT, "parse_codeblock"),
        "codeblock_fenced": (P.FENCED_CODEBLOCK_START, "parse_codeblock_fenced"),
        "blockquote": (P.BLOCKQUOTE_START, "parse_blockquote"),
        "atx_header": (P.ATX_HEADER_START, "parse_atx_header"),
        "horizontal_rule": (P.HR_START, "parse_horizontal_rule"),
        "list": (P.LIST_START, "parse_list"),
        "definition_list": (P.DEFINITION_LIST_START, "parse_definition_list"),
        "block_html": (P.HTML_BLOCK_START, "parse_block_html"),
        "setext_header": (P.SETEXT_HEADER_START, "parse_setext_header"),
        "block_math": (P.BLOCK_MATH_START, "parse_block_math"),
        "table": (P.TABLE_START, "parse_table"),
        "footnote_definition": (P.FOOTNOTE_DEFINITION_START, "parse_footnote_definition"),
        "link_definition": (P.LINK_DEFINITION_START, "parse_link_definition"),
        "abbrev_definition": (P.ABBREV_DEFINITION_START, "parse_abbrev_definition"),
        "block_extensions": (P.BLOCK_EXTENSIONS_START, "parse_block_extensions"),
        "eob_marker": (P.EOB_MARKER, "parse_eob_marker"),
        "paragraph": (P.PARAGRAPH_START, "parse_paragraph"),
        "emphasis": (P.EMPHASIS_START, "parse_emphasis"),
        "codespan": (P.CODESPAN_DELIMITER, "parse_codespan"),
        "autolink": (P.AUTOLINK_START, "parse_autolink"),
        "span_html": (P.HTML_SPAN_START, "parse_span_html"),
        "footnote_marker": (P.FOOTNOTE_MARKER_START, "parse_footnote_marker"),
        "link": (P.LINK_START, "parse_link"),
        "smart_quotes": (P.SMART_QUOTES_RE, "parse_smart_quotes"),
        "inline_math": (P.INLINE_MATH_START, "parse_inline_math"),
        "span_extensions": (P.SPAN_EXTENSIONS_START, "parse_span_extensions"),
        "html_entity": (P.HTML_ENTITY_RE, "parse_html_entity"),
        "typographic_syms": (P.TYPOGRAPHIC_SYMS_RE, "parse_typographic_syms"),
        "line_break": (P.LINE_BREAK, "parse_line_break"),
        "escaped_chars": (P.ESCAPED_CHARS, "parse_escaped_chars"),
    }

    def __init__(self, options: dict):
        self.options = dict(options)
        self.root = Element("root", None, None, {"abbrev_defs": {}, "abbrev_attr": {}, "options": {}})
        self.alds: dict = {}
        self.footnotes: dict = {}
        self.link_defs: dict = {}
        for k, v in (self.options.get("link_defs") or {}).items():
            self.link_defs[normalize_link_id(str(k))] = list(v) + [None] if isinstance(v, (list, tuple)) else [v, None, None]
        # raw HTML elements whose subtree has only text, comments and raw elements (see
        # HtmlParserMixin._parse_raw_html_body): update_tree would leave them as they are
        self._pure_raw_html: set = set()
        self.block_parsers = list(self.BLOCK_PARSERS)
        self.span_parsers = list(self.SPAN_PARSERS)
        self.adjust_parsers()
        self.configure()
        self.reset_env()

    # The characters a line can start with for each block parser's start regex
    # to match (None: any). Only used to skip parsers that cannot match.
    BLOCK_FIRST_CHARS = {
        "blank_line": " \t\n\v\f\r", "codeblock": " \t", "codeblock_fenced": "~", "codeblock_fenced_gfm": " ~`",
        "blockquote": " >", "atx_header": "#", "atx_header_gfm": "#", "atx_header_gfm_quirk": "#",
        "horizontal_rule": " *-_", "list": " +*-0123456789", "definition_list": " :",
        "block_html": " <", "block_math": " \\$", "footnote_definition": " [",
        "link_definition": " [", "abbrev_definition": " *", "block_extensions": " {",
        "eob_marker": "^",
    }

    def adjust_parsers(self):
        """Hook for subclasses: change the block/span parser lists."""

    # Parser tables are shared by all documents with the same parser lists;
    # they hold plain functions, called with the parser instance.
    _TABLE_CACHE: dict = {}

    def configure(self):
        self._block_key = (type(self), tuple(self.block_parsers))
        self._span_key = (type(self), tuple(self.span_parsers))
        self._default_span_starts = self.span_starts(self._span_key[1])
        # first character of a line -> its block parser table (shared by documents)
        self._block_tables = self._TABLE_CACHE.setdefault(("blocks", self._block_key), {})

    def block_table_for(self, first_char: str) -> list:
        """The block parsers (in order) whose start regex can match a line starting with first_char."""
        table = self._block_tables.get(first_char)
        if table is None:
            cls = type(self)
            table = [
                (self.PARSERS[name][0], getattr(cls, self.PARSERS[name][1]), *in_place_safe(self.PARSERS[name][0]))
                for name in self.block_parsers
                if self.BLOCK_FIRST_CHARS.get(name) is None or first_char in self.BLOCK_FIRST_CHARS[name]
            ]
            self._block_tables[first_char] = table
        return table

    # environment (kramdown.rb reset_env / save_env / restore_env)

    def reset_env(self, src=None, tree=None, block_ial=None, stack=None, text_type="raw_text"):
        self.src = src
        self.tree = tree
        self.block_ial = block_ial
        self.stack = [] if stack is None else stack
        self.text_type = text_type

    def save_env(self):
        return (self.src, self.tree, self.block_ial, self.stack, self.text_type)

    def restore_env(self, env):
        self.src, self.tree, self.block_ial, self.stack, self.text_type = env

    def new_block_el(self, type, value=None, attr=None, options=None):
        el = Element(type, value, attr, options)
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        return el

    def add_text(self, text, tree=None, type=None):
        tree = self.tree if tree is None else tree
        type = self.text_type if type is None else type
        last = tree.children[-1] if tree.children else None
        if last is not None and last.type == type:
            last.value += text
        elif text:
            tree.children.append(Element(type, text))

    # driving

    def parse(self, source: str) -> Element:
        self.parse_blocks(self.root, adapt_source(source))
        self.update_tree(self.root)
        self.correct_abbreviations_attributes()
        self.replace_abbreviations(self.root)
        for data in self.footnotes.values():
            self.update_tree(data["content"])
            self.replace_abbreviations(data["content"])
        self.root.options["footnote_count"] = sum(1 for d in self.footnotes.values() if "marker" in d)
        return self.root

    def parse_blocks(self, el: Element, text: str | None = None):
        self.stack.append((self.tree, self.src, self.block_ial))
        self.tree, self.block_ial = el, None
        if text is not None:
            self.src = Scanner(text)
        status = None
        tables = self._block_tables
        try:
            src = self.src
            string = src.string
            end = len(string)
            while src.pos < end:
                start = src.pos
                table = tables.get(string[start])
                if table is None:
                    table = self.block_table_for(string[start])
                for start_re, method, safe_at_bol, safe_anywhere in table:
                    # src.check_flagged(start_re, ...), inlined: the hottest loop
                    pos = src.pos
                    if pos == 0 or safe_anywhere or (safe_at_bol and string[pos - 1] == "\n"):
                        m = start_re.match(string, pos)
                        offset = 0
                    else:
                        m = start_re.match(src.rest)
                        offset = pos
                    src.last = m
                    if m is not None:
                        src.last_start = pos
                        src.last_offset = offset
                        if method(self):
                            break
                else:
                    start = -1
                if src.pos == start:
                    start = -1  # a rule claimed the line without consuming it: never loop
                if start == -1:
                    line = src.scan(_ANY_LINE)
                    self.add_text(line if line is not None else self._scan_rest())
        except StopBlockParsing as stop:
            status = stop.status
        finally:
            self.tree, self.src, self.block_ial = self.stack.pop()
        return status

    # The characters a span parser's start regex can begin with (None: any).
    SPAN_FIRST_CHARS = {
        "emphasis": "*_", "codespan": "`", "autolink": "<", "span_html": "<",
        "footnote_marker": "[", "link": "![", "inline_math": "$", "span_extensions": "{",
        "html_entity": "&", "typographic_syms": "-. \\<>", "line_break": " \\",
        "escaped_chars": "\\", "escaped_chars_gfm": "\\", "strikethrough_gfm": "~",
    }

    def span_starts(self, parsers: tuple[str, ...]) -> "SpanStarts":
        key = (type(self), parsers)
        starts = self._TABLE_CACHE.get(key)
        if starts is None:
            starts = self._TABLE_CACHE[key] = SpanStarts(self, parsers)
        return starts

    def parse_spans(self, el, stop_re=None, parsers=None, text_type=None, accept_stop=None):
        """Parse spans from self.src into ``el``; True if ``stop_re`` ended parsing."""
        if self.tree is not None:
            self.stack.append((self.tree, self.text_type))
        self.tree = el
        if text_type is not None:
            self.text_type = text_type
        starts = self.span_starts(tuple(parsers)) if parsers else self._default_span_starts
        src = self.src
        string = src.string
        end = len(string)
        find_start = starts.find
        tables = starts.tables
        # The stop regex is searched on its own (its leftmost match stays valid
        # until the position passes it); one that depends on the scan position
        # (^, look-behind) is searched together with the span starts, as kramdown does.
        stop_at = -1
        span_from, span_at = end + 1, -1  # find_start(string, p) is span_at for span_from <= p <= span_at
        combined = None
        if stop_re is not None and not in_place_safe(stop_re)[1]:
            combined = self._stop_or_span_start(stop_re, starts.source)
        stop_re_found = False
        try:
            while src.pos < end:
                pos = src.pos
                if combined is not None:
                    found = src.search_start(combined)
                else:
                    if not span_from <= pos <= span_at:
                        span_from = pos
                        found = find_start(string, pos)
                        span_at = end + 1 if found is None else found
                    found = span_at if span_at <= end else None
                    if stop_re is not None:
                        if stop_at < pos:
                            m = stop_re.search(string, pos)
                            stop_at = end + 1 if m is None else m.start()
                        if stop_at <= end and (found is None or stop_at < found):
                            found = stop_at
                if found is None:
                    if stop_re is None:
                        self._add_text_to(el, string[pos:])
                        src.pos = end
                    break
                if found > pos:
                    self._add_text_to(el, string[pos:found])
                    src.pos = found
                if stop_re is not None:
                    if combined is not None or found == stop_at:
                        if src.check(stop_re) is not None:
                            stop_re_found = accept_stop() if accept_stop is not None else True
                            if stop_re_found:
                                break
                    else:
                        src.last = None  # what a failed check(stop_re) leaves
                char = string[found]
                table = tables.get(char)
                if table is None:
                    table = starts.table_for(char)
                for start_re, method, safe_at_bol, safe_anywhere in table:
                    if src.check_flagged(start_re, safe_at_bol, safe_anywhere) is not None:
                        method(self)
                        break
                else:
                    self._add_text_to(el, src.getch())
        finally:
            if self.stack:
                self.tree, self.text_type = self.stack.pop()
            else:
                self.tree = None
        return stop_re_found

    def _add_text_to(self, tree, text: str):
        """add_text(text) into ``tree`` with the current text type (text is not empty)."""
        children = tree.children
        if children:
            last = children[-1]
            if last.type == self.text_type:
                last.value += text
                return
        children.append(Element(self.text_type, text))

    _STOP_RE_CACHE: dict = {}

    def _stop_or_span_start(self, stop_re, span_start: str):
        key = (stop_re.pattern, stop_re.flags, span_start)
        used_re = self._STOP_RE_CACHE.get(key)
        if used_re is None:
            used_re = self._STOP_RE_CACHE[key] = re.compile(
                f"(?:{stop_re.pattern})|(?:{rx(span_start).pattern})", stop_re.flags | re.M)
        return used_re

    # tree post-processing

    def update_tree(self, element: Element):
        last_blank = None
        new_children = []
        no_span_start = self._default_span_starts.anchor.search
        pure_raw_html = self._pure_raw_html
        for child in element.children:
            kind = child.type
            if kind == "raw_text":
                last_blank = None
                text = child.value
                if no_span_start(text) is None:
                    # no span parser can start anywhere: parse_spans would make one text element
                    if text:
                        new_children.append(Element("text", text))
                    continue
                self.reset_env(src=Scanner(text), text_type="text")
                self.parse_spans(child)
                new_children.extend(child.children)
            elif kind == "eob":
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
            elif kind == "blank":
                if last_blank is not None:
                    last_blank.value += child.value
                else:
                    last_blank = child
                    new_children.append(child)
            else:
                last_blank = None
                # (a leaf has nothing to update, nor has a pure raw HTML element)
                grandchildren = child.children
                if grandchildren and not (pure_raw_html and child in pure_raw_html):
                    if len(grandchildren) == 1 and grandchildren[0].type == "raw_text":
                        # update_tree(child) for its one raw text (table cells, paragraphs,
                        # items), inlined: what the raw_text case above makes of it
                        raw = grandchildren[0]
                        text = raw.value
                        if no_span_start(text) is None:
                            child.children = [Element("text", text)] if text else []
                        else:
                            self.reset_env(src=Scanner(text), text_type="text")
                            self.parse_spans(raw)
                            child.children = list(raw.children)
                    else:
                        self.update_tree(child)
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
                if kind == "dt" or (kind == "header" and self.options.get("auto_id_stripping")):
                    self.update_raw_text(child)
                new_children.append(child)
        element.children = new_children

    def _update_tree_general(self, element: Element):
        """update_tree without its inlined case (the tests compare the two)."""
        last_blank = None
        new_children = []
        no_span_start = self._default_span_starts.anchor.search
        pure_raw_html = self._pure_raw_html
        for child in element.children:
            kind = child.type
            if kind == "raw_text":
                last_blank = None
                text = child.value
                if no_span_start(text) is None:
                    if text:
                        new_children.append(Element("text", text))
                    continue
                self.reset_env(src=Scanner(text), text_type="text")
                self.parse_spans(child)
                new_children.extend(child.children)
            elif kind == "eob":
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
            elif kind == "blank":
                if last_blank is not None:
                    last_blank.value += child.value
                else:
                    last_blank = child
                    new_children.append(child)
            else:
                last_blank = None
                if child.children and not (pure_raw_html and child in pure_raw_html):
                    self.update_tree(child)
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
                if kind == "dt" or (kind == "header" and self.options.get("auto_id_stripping")):
                    self.update_raw_text(child)
                new_children.append(child)
        element.children = new_children

    def update_raw_text(self, item: Element):
        parts: list[str] = []

        def append_text(child):
            if child.type == "text":
                parts.append(child.value)
            else:
                for c in child.children:
                    append_text(c)
        append_text(item)
        item.options["raw_text"] = "".join(parts)

    # abbreviations (abbreviation.rb)

    def correct_abbreviations_attributes(self):
        attrs = self.root.options["abbrev_attr"]
        for key in list(attrs):
            attrs[key] = attrs[key].attr

    def replace_abbreviations(self, el: Element, regexps=None):
        defs = self.root.options["abbrev_defs"]
        if not defs:
            return
        if regexps is None:
            names = sorted(defs, key=len, reverse=True)
            union = "|".join(re.escape(k) for k in names)
            regexps = (re.compile(union), rx(rf"(?=(?:\W|^)(?:{union})(?!\w))"), rx(r"\W|^"))
        first_re, boundary_re, lead_re = regexps
        new_children = []
        for child in el.children:
            if child.type == "text" and el.options.get("content_model") != "raw":
                if first_re.search(child.value):
                    new_children.extend(self._split_abbreviations(child.value, first_re, boundary_re, lead_re))
                else:
                    new_children.append(child)
            else:
                self.replace_abbreviations(child, regexps)
                new_children.append(child)
        el.children = new_children

    @staticmethod
    def _split_abbreviations(text, first_re, boundary_re, lead_re):
        result = []
        scanner = Scanner(text)
        while True:
            before = scanner.pos
            temp = scanner.scan_until(boundary_re)
            if temp is None:
                break
            abbr = scanner.scan(first_re)
            if abbr is None:
                temp += scanner.scan(lead_re) or ""
                abbr = scanner.scan(first_re) or ""
            result.append(Element("text", temp))
            result.append(Element("abbreviation", abbr))
            if scanner.pos == before:  # no progress: kramdown would loop forever here
                break
        result.append(Element("text", scanner.rest))
        return result
