"""kramdown's HTML converter (kramdown/converter/html.rb, converter/base.rb,
utils/html.rb, math_engine/mathjax.rb, syntax_highlighter/rouge.rb).

Block elements are written with kramdown's 2-space indentation and blank
lines; raw HTML is re-serialised from the parsed elements.
"""

from __future__ import annotations

import copy
import re

from .. import highlight
from .element import Element
from .entities import entity
from .html_parser import HTML_ELEMENTS_WITHOUT_BODY
from .rouge_lexers import LEXERS as ROUGE_PORTS
from .rx import rx

ESCAPE_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_REFERENCE = r"&(?:[\w:][\-\w\.:]*;|#\d+;|#x[0-9a-fA-F]+;)"
ESCAPE_RE = {
    "all": rx(r"<|>|&"),
    "text": rx(rf"{_REFERENCE}|<|>|&"),
    "attribute": rx(rf"{_REFERENCE}|<|>|&|\""),
}
_ATTRIBUTE_ESCAPE_SUB = ESCAPE_RE["attribute"].sub
_TEXT_ESCAPE_SUB = ESCAPE_RE["text"].sub
ENTITY_NBSP = entity("nbsp")
TYPOGRAPHIC_SYMS = {
    "mdash": ["mdash"], "ndash": ["ndash"], "hellip": ["hellip"],
    "laquo_space": ["laquo", "nbsp"], "raquo_space": ["nbsp", "raquo"],
    "laquo": ["laquo"], "raquo": ["raquo"],
}
SMART_QUOTE_INDICES = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}
FOOTNOTE_BACKLINK_FMT = '{}<a href="#fnref:{}" class="reversefootnote" role="doc-backlink">{}</a>'
TOC_PLACEHOLDER = "\ue010kramdown-toc\ue011"
FOOTNOTES_PLACEHOLDER = "\ue010kramdown-footnotes\ue011"
CJK_LINE_BREAK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)\n"
                            r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")


_SHOW_WHITESPACES_CLASS = re.compile(r"\bshow-whitespaces\b")
_AUTO_IDS_REF = re.compile(r"auto_ids(?:-([\w-]+))?", re.A)
_NO_TOC_CLASS = re.compile(r"\bno_toc\b")
_LEADING_NON_LETTERS = re.compile(r"^[^a-zA-Z]+", re.M)
_NON_ID_CHARS = re.compile(r"[^a-zA-Z0-9 -]")
_LANGUAGE_CLASS = re.compile(r"\blanguage-([^ \t\n\v\f\r]+)")
_LANGUAGE_CLASS_OR_START = re.compile(r"\blanguage-[^ \t\n\v\f\r]+|(^)")
_LANGUAGE_CLASS_AT_START = re.compile(r"\blanguage-[^ \t\n\v\f\r]+").match
# highlight.render_tokens(text, "plaintext") is escape_code(text): Rouge's PlainText
# has no port here and no Pygments lexer (checked by the tests on random texts)
_PLAINTEXT_IS_ESCAPED = "plaintext" not in ROUGE_PORTS


def _escape_sub(m: re.Match) -> str:
    text = m.group(0)
    return ESCAPE_MAP.get(text, text)


def escape_html(text: str, kind: str = "all") -> str:
    # most texts have nothing to escape: skip the regex and its callbacks
    if "&" not in text and "<" not in text and ">" not in text and (kind != "attribute" or '"' not in text):
        return text
    return ESCAPE_RE[kind].sub(_escape_sub, text)


def html_attributes(attr: dict) -> str:
    if not attr:
        return ""
    parts = []
    for key, value in attr.items():
        if value.__class__ is str:  # the usual case, inlined: same checks and escaping as below
            if key == "id" and not value.strip():
                continue
            if "&" in value or "<" in value or ">" in value or '"' in value:
                value = _ATTRIBUTE_ESCAPE_SUB(_escape_sub, value)
            parts.append(f' {key}="{value}"')
            continue
        if value is None or (key == "id" and not str(value).strip()):
            continue
        parts.append(f' {key}="{escape_html(_to_s(value), "attribute")}"')
    return "".join(parts)


def _to_s(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class _Dispatch(dict):
    """Element type -> the converter class's convert_<type> function (one per class)."""

    def __init__(self, cls):
        super().__init__()
        self.cls = cls

    def __missing__(self, el_type: str):
        function = self[el_type] = getattr(self.cls, f"convert_{el_type}")
        return function


_DISPATCH: dict[type, _Dispatch] = {}
# (kind, id(syntax_highlighter_opts)) -> (that object, a deep copy of it, the Rouge options)
_ROUGE_OPTIONS: dict = {}


class HtmlConverter:
    INDENT = 2

    def __init__(self, root: Element, options: dict):
        self.root = root
        self.options = options
        self.footnote_counter = self.footnote_start = options.get("footnote_nr", 1)
        self.footnotes: list[list] = []
        self.footnotes_by_name: dict = {}
        self.footnote_location = None
        self.toc: list = []
        self.toc_code = None
        self.stack: list[Element] = []
        self.used_ids: dict = {}
        self.highlighter_class = f" highlighter-{options.get('syntax_highlighter')}"
        cls = type(self)
        dispatch = _DISPATCH.get(cls)
        if dispatch is None:
            dispatch = _DISPATCH[cls] = _Dispatch(cls)
        self._dispatch = dispatch
        self._remove_cjk_breaks = options.get("remove_line_breaks_for_cjk")
        self._rouge_options: dict = {}

    def convert(self, el: Element, indent: int = -INDENT) -> str:
        return self._dispatch[el.type](self, el, indent)

    def inner(self, el: Element, indent: int) -> str:
        indent += self.INDENT
        stack = self.stack
        stack.append(el)
        dispatch = self._dispatch
        # (no try/finally: a converter that raises is not used again)
        children = el.children
        if len(children) == 1:  # (the usual case: no list to join)
            child = children[0]
            if child.type == "text" and not self._remove_cjk_breaks:  # convert_text, inlined
                result = child.value
                if "&" in result or "<" in result or ">" in result:
                    result = _TEXT_ESCAPE_SUB(_escape_sub, result)
            else:
                result = dispatch[child.type](self, child, indent)
        else:
            result = "".join([dispatch[c.type](self, c, indent) for c in children])
        stack.pop()
        return result

    # entities and symbols

    def entity_to_str(self, e, original=None) -> str:
        output = self.options.get("entity_output")
        char = e.char
        if output == "as_char" and char is not None and (char == '"' or char not in ESCAPE_MAP):
            return char
        if output in ("as_input", "as_char") and original:
            return original
        if (output == "symbolic" or char in ESCAPE_MAP) and e.name is not None:
            return f"&{e.name};"
        return f"&#{e.code_point};"

    # block elements

    def convert_blank(self, el, indent):
        return "\n"

    def convert_text(self, el, indent):
        escaped = el.value
        if "&" in escaped or "<" in escaped or ">" in escaped:  # escape_html(el.value, "text")
            escaped = ESCAPE_RE["text"].sub(_escape_sub, escaped)
        if self._remove_cjk_breaks:
            while True:
                fixed = CJK_LINE_BREAK.sub(r"\1\2", escaped)
                if fixed == escaped:
                    break
                escaped = fixed
        return escaped

    def convert_p(self, el, indent):
        if el.options.get("transparent"):
            return self.inner(el, indent)
        if (len(el.children) == 1 and el.children[0].type == "img"
                and "standalone" in ((el.children[0].options.get("ial") or {}).get("refs") or [])):
            return self.convert_standalone_image(el, indent)
        body = self.inner(el, indent)  # (format_as_block_html, inlined)
        attr = el.attr
        return f"{' ' * indent}<p{html_attributes(attr) if attr else ''}>{body}</p>\n"

    def convert_standalone_image(self, el, indent):
        figure_attr = dict(el.attr)
        image_attr = dict(el.children[0].attr)
        for key in ("class", "id"):
            if key in image_attr and key not in figure_attr:
                figure_attr[key] = image_attr.pop(key)
        pad = " " * (indent + self.INDENT)
        body = (f"{pad}<img{html_attributes(image_attr)} />\n"
                f"{pad}<figcaption>{image_attr.get('alt')}</figcaption>\n")
        return self.format_as_indented_block_html("figure", figure_attr, body, indent)

    def convert_codeblock(self, el, indent):
        attr = dict(el.attr)
        lang = self.extract_code_language(attr, remove=True)
        highlighted, default_lang = self.highlight_code(el.value, el.options.get("lang") or lang, "block")
        if highlighted is not None:
            self.add_syntax_highlighter_to_class_attr(attr, lang or default_lang)
            pad = " " * indent
            return f"{pad}<div{html_attributes(attr)}>{highlighted}{pad}</div>\n"
        result = escape_html(el.value)
        if result.endswith("\n"):
            result = result[:-1]
        if _SHOW_WHITESPACES_CLASS.search(str(el.attr.get("class", ""))):
            result = self._show_whitespaces(result)
        code_attr = {"class": f"language-{lang}"} if lang else {}
        return f"{' ' * indent}<pre{html_attributes(attr)}><code{html_attributes(code_attr)}>{result}\n</code></pre>\n"

    @staticmethod
    def _show_whitespaces(text: str) -> str:
        def repl(m):
            suffix = "-l" if m.group(1) else ("-r" if m.group(2) else "")
            return "".join(
                f'<span class="ws-tab{suffix}">\t</span>' if c == "\t"
                else f'<span class="ws-space{suffix}">&#8901;</span>'
                for c in m.group(0)
            )
        return re.sub(r"(?:(^[ \t]+)|([ \t]+$)|([ \t]+))", repl, text, flags=re.M)

    def convert_blockquote(self, el, indent):
        body = self.inner(el, indent)  # (format_as_indented_block_html, inlined)
        attr = el.attr
        pad = " " * indent
        return f"{pad}<blockquote{html_attributes(attr) if attr else ''}>\n{body}{pad}</blockquote>\n"

    def convert_header(self, el, indent):
        attr = dict(el.attr)
        if self.options.get("auto_ids") and attr.get("id") is None:
            attr["id"] = self.generate_id(el.options.get("raw_text") or "")
        if attr.get("id") is not None and self.in_toc(el):
            self.toc.append((el.options["level"], attr["id"], el.children))
        level = max(min(el.options["level"] + self.options.get("header_offset", 0), 6), 1)
        return self.format_as_block_html(f"h{level}", attr, self.inner(el, indent), indent)

    def convert_hr(self, el, indent):
        return f"{' ' * indent}<hr{html_attributes(el.attr)} />\n"

    def convert_ul(self, el, indent):
        refs = (el.options.get("ial") or {}).get("refs") or []
        if self.toc_code is None and "toc" in refs:
            self.toc_code = (el.type, el.attr)
            return TOC_PLACEHOLDER
        if self.footnote_location is None and "footnotes" in refs:
            self.footnote_location = FOOTNOTES_PLACEHOLDER
            return FOOTNOTES_PLACEHOLDER
        body = self.inner(el, indent)  # (format_as_indented_block_html, inlined)
        attr = el.attr
        pad = " " * indent
        return f"{pad}<{el.type}{html_attributes(attr) if attr else ''}>\n{body}{pad}</{el.type}>\n"

    convert_ol = convert_ul

    def convert_dl(self, el, indent):
        return self.format_as_indented_block_html("dl", el.attr, self.inner(el, indent), indent)

    def convert_li(self, el, indent):
        output = f"{' ' * indent}<{el.type}{html_attributes(el.attr) if el.attr else ''}>"
        res = self.inner(el, indent)
        if not el.children or (el.children[0].type == "p" and el.children[0].options.get("transparent")):
            output += res + (" " * indent if res.endswith("\n") else "")
        else:
            output += "\n" + res + " " * indent
        return output + f"</{el.type}>\n"

    convert_dd = convert_li

    def convert_dt(self, el, indent):
        attr = dict(el.attr)
        parent_ial = self.stack[-1].options.get("ial") if self.stack else None
        if attr.get("id") is None and parent_ial and parent_ial.get("refs"):
            for ref in parent_ial["refs"]:
                m = _AUTO_IDS_REF.match(ref)
                if m:
                    attr["id"] = f"{m.group(1) or ''}{self.basic_generate_id(el.options.get('raw_text') or '')}".lstrip()
                    break
        return self.format_as_block_html("dt", attr, self.inner(el, indent), indent)

    def convert_html_element(self, el, indent, in_raw_parent=None):
        options = el.options
        if options.get("content_model") == "raw" and not self._remove_cjk_breaks:
            res = self._inner_of_raw(el, indent)
        else:
            res = self.inner(el, indent)
        if options.get("category") == "span":
            if not res and el.value in HTML_ELEMENTS_WITHOUT_BODY:
                return f"<{el.value}{html_attributes(el.attr)} />"
            return f"<{el.value}{html_attributes(el.attr)}>{res}</{el.value}>"
        if in_raw_parent is None:
            parent = self.stack[-1]
            in_raw_parent = parent.type == "html_element" and parent.options.get("content_model") == "raw"
        output = "" if in_raw_parent else " " * indent
        output += f"<{el.value}{html_attributes(el.attr)}"
        model = el.options.get("content_model")
        if el.options.get("is_closed") and model == "raw":
            output += " />"
        elif res and model != "block":
            output += f">{res}</{el.value}>"
        elif res:
            output += f">\n{res.removesuffix(chr(10))}\n{' ' * indent}</{el.value}>"
        elif el.value in HTML_ELEMENTS_WITHOUT_BODY:
            output += " />"
        else:
            output += f"></{el.value}>"
        if not in_raw_parent:
            output += "\n"
        return output

    def _inner_of_raw(self, el, indent):
        """inner(el) for a raw HTML element, its usual children converted in place: each
        child sees this raw parent, so a comment or instruction is its value, an element is
        written with in_raw_parent, a text is escaped (convert_text without the CJK option)."""
        indent += self.INDENT
        stack = self.stack
        stack.append(el)
        dispatch = self._dispatch
        parts = []
        for c in el.children:
            kind = c.type
            if kind == "text":
                value = c.value
                if "&" in value or "<" in value or ">" in value:
                    value = _TEXT_ESCAPE_SUB(_escape_sub, value)
                parts.append(value)
            elif kind == "html_element":
                parts.append(self.convert_html_element(c, indent, True))
            elif kind == "xml_comment" or kind == "xml_pi":
                parts.append(c.value)
            else:
                parts.append(dispatch[kind](self, c, indent))
        stack.pop()
        return "".join(parts)

    def convert_xml_comment(self, el, indent):
        parent = self.stack[-1]
        if el.options.get("category") == "block" and not (
            parent.type == "html_element" and parent.options.get("content_model") == "raw"
        ):
            return " " * indent + el.value + "\n"
        return el.value

    convert_xml_pi = convert_xml_comment

    def convert_table(self, el, indent):
        body = self.inner(el, indent)  # (format_as_indented_block_html, inlined)
        attr = el.attr
        pad = " " * indent
        return f"{pad}<{el.type}{html_attributes(attr) if attr else ''}>\n{body}{pad}</{el.type}>\n"

    convert_thead = convert_tbody = convert_tfoot = convert_tr = convert_table

    def convert_td(self, el, indent):
        res = self.inner(el, indent)
        kind = "th" if self.stack[-2].type == "thead" else "td"
        attr = el.attr
        alignment = self.stack[-3].options["alignment"][self.stack[-1].children.index(el)]
        if alignment != "default":
            attr = dict(el.attr)
            attr["style"] = (f"{attr['style']}; " if "style" in attr else "") + f"text-align: {alignment}"
        body = res or self.entity_to_str(ENTITY_NBSP)  # (format_as_block_html, inlined)
        return f"{' ' * indent}<{kind}{html_attributes(attr) if attr else ''}>{body}</{kind}>\n"

    def convert_comment(self, el, indent):
        if el.options.get("category") == "block":
            return f"{' ' * indent}<!-- {el.value} -->\n"
        return f"<!-- {el.value} -->"

    def convert_raw(self, el, indent):
        types = el.options.get("type")
        if not types or "html" in types:
            return el.value + ("\n" if el.options.get("category") == "block" else "")
        return ""

    def convert_math(self, el, indent):
        engine = self.options.get("math_engine")
        if engine == "mathjax":
            return self.format_mathjax(el, indent)
        attr = dict(el.attr)
        attr["class"] = f"{attr.get('class') or ''} kdmath".lstrip()
        if el.options.get("category") == "block":
            return self.format_as_block_html("div", attr, f"$$\n{el.value}\n$$", indent)
        return self.format_as_span_html("span", attr, f"${el.value}$")

    def format_mathjax(self, el, indent):
        value = escape_html(el.value)
        is_block = el.options.get("category") == "block"
        result = f"\\[{value}\\]\n" if is_block else f"\\({value}\\)"
        if not el.attr:
            return result
        if is_block:
            return self.format_as_block_html("div", el.attr, result, indent)
        return self.format_as_span_html("span", el.attr, f"${el.value}$")

    # span elements

    def convert_br(self, el, indent):
        return "<br />"

    def convert_a(self, el, indent):
        body = self.inner(el, indent)  # (format_as_span_html, inlined)
        attr = el.attr
        return f"<a{html_attributes(attr) if attr else ''}>{body}</a>"

    def convert_img(self, el, indent):
        return f"<img{html_attributes(el.attr)} />"

    def convert_codespan(self, el, indent):
        attr = dict(el.attr)
        lang = self.extract_code_language(attr)
        result, default_lang = self.highlight_code(el.value, lang, "span")
        if result is not None:
            self.add_syntax_highlighter_to_class_attr(attr, lang or default_lang)
        else:
            result = escape_html(el.value)
        return f"<code{html_attributes(attr) if attr else ''}>{result}</code>"  # (format_as_span_html, inlined)

    def convert_footnote(self, el, indent):
        repeat = ""
        name = self.options.get("footnote_prefix", "") + el.options["name"]
        footnote = self.footnotes_by_name.get(name)
        if footnote is not None:
            number = footnote[2]
            footnote[3] += 1
            repeat = f":{footnote[3]}"
        else:
            number = self.footnote_counter
            self.footnote_counter += 1
            footnote = [name, el.value, number, 0]
            self.footnotes.append(footnote)
            self.footnotes_by_name[name] = footnote
        return (f'<sup id="fnref:{name}{repeat}" role="doc-noteref">'
                f'<a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>')

    def convert_em(self, el, indent):
        body = self.inner(el, indent)  # (format_as_span_html, inlined)
        attr = el.attr
        return f"<{el.type}{html_attributes(attr) if attr else ''}>{body}</{el.type}>"

    convert_strong = convert_em

    def convert_entity(self, el, indent):
        return self.entity_to_str(el.value, el.options.get("original"))

    def convert_typographic_sym(self, el, indent):
        custom = (self.options.get("typographic_symbols") or {}).get(el.value)
        if custom is not None:
            return escape_html(custom, "text")
        return "".join(self.entity_to_str(entity(name)) for name in TYPOGRAPHIC_SYMS[el.value])

    def convert_smart_quote(self, el, indent):
        return self.entity_to_str(self.smart_quote_entity(el))

    def smart_quote_entity(self, el):
        quotes = self.options.get("smart_quotes") or ["lsquo", "rsquo", "ldquo", "rdquo"]
        return entity(quotes[SMART_QUOTE_INDICES[el.value]])

    def convert_abbreviation(self, el, indent):
        title = self.root.options["abbrev_defs"].get(el.value, "")
        attr = dict(self.root.options["abbrev_attr"].get(el.value) or {})
        if title:
            attr["title"] = title
        return self.format_as_span_html("abbr", attr, el.value)

    def convert_root(self, el, indent):
        result = self.inner(el, indent)
        if self.footnote_location:
            result = result.replace(self.footnote_location, self.footnote_content(), 1)
        else:
            result += self.footnote_content()
        if self.toc_code is not None:
            toc_tree = self.generate_toc_tree(self.toc, self.toc_code[0], self.toc_code[1] or {})
            text = self.convert(toc_tree, 0) if toc_tree.children else ""
            result = result.replace(TOC_PLACEHOLDER, text, 1)
        return result

    # formatting helpers

    @staticmethod
    def format_as_span_html(name, attr, body):
        return f"<{name}{html_attributes(attr) if attr else ''}>{body}</{name}>"

    @staticmethod
    def format_as_block_html(name, attr, body, indent):
        return f"{' ' * indent}<{name}{html_attributes(attr) if attr else ''}>{body}</{name}>\n"

    @staticmethod
    def format_as_indented_block_html(name, attr, body, indent):
        pad = " " * indent
        return f"{pad}<{name}{html_attributes(attr) if attr else ''}>\n{body}{pad}</{name}>\n"

    # ids and TOC (converter/base.rb)

    def in_toc(self, el) -> bool:
        return (el.options["level"] in (self.options.get("toc_levels") or [])
                and not _NO_TOC_CLASS.search(el.attr.get("class") or ""))

    def generate_id(self, text: str) -> str:
        gen_id = self.basic_generate_id(text) or "section"
        if gen_id in self.used_ids:
            self.used_ids[gen_id] += 1
            gen_id += f"-{self.used_ids[gen_id]}"
        else:
            self.used_ids[gen_id] = 0
        return self.options.get("auto_id_prefix", "") + gen_id

    @staticmethod
    def basic_generate_id(text: str) -> str:
        gen_id = _LEADING_NON_LETTERS.sub("", text)
        gen_id = _NON_ID_CHARS.sub("", gen_id)
        return gen_id.replace(" ", "-").lower()

    def generate_toc_tree(self, toc, list_type, attr):
        sections = Element(list_type, None, dict(attr))
        sections.attr.setdefault("id", "markdown-toc")
        if sections.attr["id"] is None:
            sections.attr["id"] = "markdown-toc"
        stack: list[Element] = []
        for level, header_id, children in toc:
            li = Element("li", None, None, {"level": level})
            para = Element("p", None, None, {"transparent": True})
            link = Element("a", None, {"href": f"#{header_id}", "id": f"{sections.attr['id']}-{header_id}"})
            link.children = self.fix_for_toc_entry([c.deep_copy() for c in children])
            para.children.append(link)
            li.children.append(para)
            li.children.append(Element(list_type))
            while True:
                if not stack:
                    sections.children.append(li)
                    stack.append(li)
                    break
                if stack[-1].options["level"] < li.options["level"]:
                    stack[-1].children[-1].children.append(li)
                    stack.append(li)
                    break
                item = stack.pop()
                if not item.children[-1].children:
                    item.children.pop()
        while stack:
            item = stack.pop()
            if not item.children[-1].children:
                item.children.pop()
        return sections

    def fix_for_toc_entry(self, elements):
        return self._unwrap_links(self._remove_footnotes(elements))

    def _remove_footnotes(self, elements):
        kept = []
        for c in elements:
            c.children = self._remove_footnotes(c.children)
            if c.type != "footnote":
                kept.append(c)
        return kept

    def _unwrap_links(self, elements):
        result = []
        for c in elements:
            c.children = self._unwrap_links(c.children)
            result.extend(c.children if c.type == "a" else [c])
        return result

    # footnotes

    def footnote_content(self) -> str:
        if not self.footnotes:  # (what the loop below leaves: an empty list, no output)
            return ""
        ol = Element("ol")
        if self.footnote_start != 1:
            ol.attr["start"] = self.footnote_start
        backlink = self.options.get("footnote_backlink", "&#8617;")
        backlink_text = escape_html(backlink, "text")
        i = 0
        while i < len(self.footnotes):  # converting a note may add footnotes
            name, data, _, repeat = self.footnotes[i]
            li = Element("li", None, {"id": f"fn:{name}", "role": "doc-endnote"})
            li.children = [c.deep_copy() for c in data.children]
            para = None
            insert_space = False
            if (li.children and li.children[-1].type == "p") or self.options.get("footnote_backlink_inline"):
                parent = li
                while parent.children and parent.children[-1].type not in ("p", "header"):
                    parent = parent.children[-1]
                para = parent.children[-1] if parent.children else None
                insert_space = True
            if para is None:
                para = Element("p")
                li.children.append(para)
                insert_space = False
            if backlink:
                nbsp = self.entity_to_str(ENTITY_NBSP)
                para.children.append(Element("raw", FOOTNOTE_BACKLINK_FMT.format(
                    nbsp if insert_space else "", name, backlink_text)))
                for index in range(1, repeat + 1):
                    para.children.append(Element("raw", FOOTNOTE_BACKLINK_FMT.format(
                        nbsp, f"{name}:{index}", f"{backlink_text}<sup>{index + 1}</sup>")))
            ol.children.append(Element("raw", self.convert(li, 4)))
            i += 1
        if not ol.children:
            return ""
        return self.format_as_indented_block_html(
            "div", {"class": "footnotes", "role": "doc-endnotes"}, self.convert(ol, 2), 0)

    # code highlighting (converter/base.rb + syntax_highlighter/rouge.rb)

    @staticmethod
    def extract_code_language(attr: dict, remove: bool = False):
        cls = attr.get("class")
        if not cls:
            return None
        m = _LANGUAGE_CLASS.search(cls)
        if not m:
            return None
        if remove:
            cls = _LANGUAGE_CLASS.sub("", cls, count=1).strip()
            if cls:
                attr["class"] = cls
            else:
                del attr["class"]
        return m.group(1)

    def rouge_options(self, kind: str) -> dict:
        """The Rouge options for a code block or span (computed once per kind; not to be modified)."""
        opts = self._rouge_options.get(kind)
        if opts is None:
            # shared by the converters of documents with the same syntax_highlighter_opts
            # (the same object, unchanged: compared with a deep copy taken with the result)
            source = self.options.get("syntax_highlighter_opts")
            key = (kind, id(source))
            entry = _ROUGE_OPTIONS.get(key)
            if entry is not None and entry[0] is source and entry[1] == source:
                opts = entry[2]
            else:
                opts = self._make_rouge_options(kind)
                if len(_ROUGE_OPTIONS) >= 64:
                    _ROUGE_OPTIONS.clear()
                try:
                    _ROUGE_OPTIONS[key] = (source, copy.deepcopy(source), opts)
                except Exception:  # noqa: BLE001 - (an object that cannot be copied: not shared)
                    pass
            self._rouge_options[kind] = opts
        return opts

    def _make_rouge_options(self, kind: str) -> dict:
        opts = {str(k): v for k, v in (self.options.get("syntax_highlighter_opts") or {}).items()}
        span_opts = dict(opts.pop("span", None) or {})
        block_opts = dict(opts.pop("block", None) or {})
        if kind == "span":
            opts.update({str(k): v for k, v in span_opts.items()})
            opts["wrap"] = False
        else:
            opts.update({str(k): v for k, v in block_opts.items()})
        return opts

    def highlight_code(self, text: str, lang, kind: str):
        """(HTML, default_lang); HTML is None when kramdown would not highlight."""
        if self.options.get("syntax_highlighter") != "rouge":
            return None, None
        opts = self.rouge_options(kind)
        default_lang = opts.get("default_lang")
        if not (lang or default_lang or opts.get("guess_lang")):
            return None, default_lang
        tag = highlight.find_lexer_tag(lang or default_lang)
        if opts.get("disable") or tag is None or (tag == "plaintext" and not opts.get("guess_lang")):
            return None, default_lang
        if tag == "plaintext" and _PLAINTEXT_IS_ESCAPED:  # render_tokens' plain-text case: one escaped token
            html = highlight.escape_code(text)
        else:
            html = highlight.render_tokens(text, tag)
        if opts.get("line_numbers"):
            html = highlight.render_line_table(
                text, html, int(opts.get("start_line") or 1),
                opts.get("table_class") or "rouge-table", opts.get("gutter_class") or "rouge-gutter",
                opts.get("code_class") or "rouge-code")
        if opts.get("wrap", True) is not False:
            css_class = opts.get("css_class") or "highlight"
            html = f'<div class="highlight"><pre class="{css_class}"><code>{html}</code></pre></div>'
        return html, default_lang

    def add_syntax_highlighter_to_class_attr(self, attr: dict, lang=None):
        attr["class"] = ((attr.get("class") or "") + self.highlighter_class).lstrip()
        if lang:
            # _LANGUAGE_CLASS_OR_START.sub(..., count=1) (kept below): its first match is always at
            # 0, "language-..." there or else the empty start, so the class is replaced or prefixed
            cls = attr["class"]
            m = _LANGUAGE_CLASS_AT_START(cls)
            attr["class"] = f"language-{lang}{cls[m.end():]}" if m is not None else f"language-{lang} {cls}"

    @staticmethod
    def _add_language_class_general(cls: str, lang: str) -> str:
        return _LANGUAGE_CLASS_OR_START.sub(
            lambda m: f"language-{lang}" + (" " if m.group(1) is not None else ""), cls, count=1)


def convert(root: Element, options: dict) -> str:
    merged = dict(options)
    merged.update(root.options.get("options") or {})
    return HtmlConverter(root, merged).convert(root)
