"""kramdown's HTML handling inside Markdown (parser/html.rb + parser/kramdown/html.rb).

kramdown does not pass HTML through: it parses tags into ``html_element``s
(attributes re-serialised later) and decides per element whether the body is
raw HTML, span-level or block-level Markdown (``markdown="..."`` and the
``parse_block_html``/``parse_span_html`` options).
"""

from __future__ import annotations

import re

from . import patterns as P
from .element import Element
from .rx import escape, rx, translate
from .scanner import in_place_safe

HTML_CONTENT_MODEL_BLOCK = (
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption "
    "footer form header hgroup iframe li main map menu nav noscript object section summary td"
).split()
HTML_CONTENT_MODEL_SPAN = (
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt"
).split()
HTML_CONTENT_MODEL_RAW = "script style math option textarea pre code kbd samp var".split()
HTML_CONTENT_MODEL: dict[str, str] = {}
HTML_CONTENT_MODEL.update((t, "block") for t in HTML_CONTENT_MODEL_BLOCK)
HTML_CONTENT_MODEL.update((t, "span") for t in HTML_CONTENT_MODEL_SPAN)
HTML_CONTENT_MODEL.update((t, "raw") for t in HTML_CONTENT_MODEL_RAW)

HTML_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split()
)
HTML_ELEMENTS_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)
HTML_ELEMENT = frozenset(P.HTML_SPAN_ELEMENTS | HTML_BLOCK_ELEMENTS | HTML_ELEMENTS_WITHOUT_BODY
                         | set(HTML_CONTENT_MODEL))
HTML_MARKDOWN_ATTR_MAP = {"0": "raw", "1": "default", "span": "span", "block": "block"}


class StopBlockParsing(Exception):
    """Ruby's throw :stop_block_parsing: the end tag of the HTML element whose
    body is being parsed as blocks was found."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def content_model(name: str) -> str:
    return HTML_CONTENT_MODEL.get(name, "raw")


class HtmlParserMixin:
    def parse_html_attributes(self, text: str, in_html_tag: bool = True) -> dict:
        if not text:  # (an attribute needs a name)
            return {}
        # a pure function of its arguments, and generated HTML repeats attribute lists:
        # remembered (a fresh copy each time, as callers change the dict)
        key = (text, in_html_tag)
        attrs = _ATTRIBUTES_CACHE.get(key)
        if attrs is None:
            attrs = _parse_html_attributes(text, in_html_tag)
            if len(_ATTRIBUTES_CACHE) >= _ATTRIBUTES_CACHE_SIZE:
                _ATTRIBUTES_CACHE.clear()
            _ATTRIBUTES_CACHE[key] = attrs
        return dict(attrs)

    def handle_html_start_tag(self, handler):
        """The start tag was just matched by self.src; build the element and let
        ``handler(el, closed, handle_body)`` process its body."""
        src = self.src
        m = src.last  # (the HTML_TAG_RE match: groups 1, 2 and 4 exist)
        name = m.group(1)
        lower = name.lower()
        known = lower in HTML_ELEMENT
        if known:
            name = lower
        closed = m.group(4) is not None
        attrs = self.parse_html_attributes(m.group(2), known)
        el = Element("html_element", name, attrs, {"category": "block"})
        self.tree.children.append(el)
        if not closed and name in HTML_ELEMENTS_WITHOUT_BODY:
            closed = True
        if name in ("script", "style"):
            self.handle_raw_html_tag(name)
            handler(el, False, False)
        else:
            handler(el, closed, True)

    def handle_raw_html_tag(self, name: str):
        src = self.src
        curpos = src.pos
        if src.scan_until(_close_lookahead(name)) is not None:
            self.add_text(src.string[curpos:src.pos], self.tree.children[-1], "raw")
            src.scan(P.HTML_TAG_CLOSE_RE)
        else:
            self.add_text(src.rest, self.tree.children[-1], "raw")
            src.terminate()

    def parse_raw_html(self, el: Element, handler):
        self.stack.append(self.tree)
        self.tree = el
        try:
            return self._parse_raw_html_body(handler)
        finally:
            self.tree = self.stack.pop()

    def _parse_raw_html_body(self, handler):
        """The body loop of parse_raw_html (parser/html.rb parse_raw_html), fast form.

        Equivalent to ``_parse_raw_html_body_general``: its regexes can be
        matched in place (``RAW_HTML_IN_PLACE``: none depends on the scan
        position), and the next comment, instruction, close or start tag is
        found by one search (``HTML_RAW_CONSTRUCT``); a "<" where none of them
        matches is text, as the general loop's getch makes it. The elements,
        texts and position are the same (``src.last`` is only meant for
        handle_html_start_tag, which is given an HTML_TAG_RE match).

        Returns True when the body holds only text, comments, instructions and
        elements built inline here whose bodies did too ("pure"; those elements
        are added to ``_pure_raw_html``): update_tree has nothing to do in them.
        """
        if not RAW_HTML_IN_PLACE:
            return self._parse_raw_html_body_general(handler)
        src = self.src
        string = src.string
        end = len(string)
        tree = self.tree  # (handlers restore self.tree before returning)
        children = tree.children
        in_html = tree.value in HTML_ELEMENT
        construct = _RAW_CONSTRUCT_SEARCH
        # start tags handled by kramdown's handler inside a raw element: see below
        inline_tags = (getattr(handler, "__func__", None) is HtmlParserMixin.handle_kramdown_html_tag
                       and getattr(handler, "__self__", None) is self
                       and tree.type == "html_element" and tree.options.get("content_model") == "raw")
        pure = True
        while src.pos < end:
            pos = src.pos
            # The next "<" that starts a comment, an instruction, a close or a start tag (the
            # general loop reaches it too: a "<" where none matches is added as text there)
            m = construct(string, pos)
            if m is None:  # add_text(src.rest); terminate
                src.last = None
                if children and children[-1].type == "text":
                    children[-1].value += string[pos:]
                elif pos < end:
                    children.append(Element("text", string[pos:]))
                src.pos = end
                break
            start = m.start()
            if start > pos:  # add_text(text before the "<")
                if children and children[-1].type == "text":
                    children[-1].value += string[pos:start]
                else:
                    children.append(Element("text", string[pos:start]))
            src.pos = m.end()
            src.last = m
            src.last_start = start
            src.last_offset = 0
            kind = m.lastgroup
            if kind == "tag":
                if inline_tags and self.block_ial is None:
                    # handle_html_start_tag + handle_kramdown_html_tag inlined for their usual
                    # case in a raw body: no IAL, no markdown attribute, not script/style ->
                    # a raw element, its body parsed as raw HTML
                    name = m.group("name")
                    lower = name.lower()
                    known = lower in HTML_ELEMENT
                    if known:
                        name = lower
                    if name != "script" and name != "style":
                        attrs = self.parse_html_attributes(m.group("attrs"), known)
                        if "markdown" not in attrs:
                            closed = m.group("slash") is not None or name in HTML_ELEMENTS_WITHOUT_BODY
                            el = Element("html_element", name, attrs,
                                         {"category": "block", "content_model": "raw", "is_closed": closed})
                            children.append(el)
                            if not closed:
                                if self.parse_raw_html(el, handler):
                                    self._pure_raw_html.add(el)
                                else:
                                    pure = False
                            continue
                pure = False
                src.last = _TAG_MATCH(string, start)  # (the groups handle_html_start_tag reads)
                self.handle_html_start_tag(handler)
            elif kind == "close":
                name = m.group("cname").lower() if in_html else m.group("cname")
                if tree.value == name:
                    break
                if children and children[-1].type == "text":
                    children[-1].value += m.group(0)
                else:
                    children.append(Element("text", m.group(0)))
            else:
                children.append(Element("xml_comment" if kind == "comment" else "xml_pi", m.group(0), None,
                                        {"category": "block"}))
        return pure

    def _parse_raw_html_body_general(self, handler):
        src = self.src
        done = False
        while not src.eos and not done:
            result = src.scan_until(P.HTML_RAW_START)
            if result is None:
                self.add_text(src.rest, self.tree, "text")
                src.terminate()
                break
            self.add_text(result, self.tree, "text")
            comment = src.scan(P.HTML_COMMENT_RE)
            if comment is not None:
                self.tree.children.append(Element("xml_comment", comment, None, {"category": "block"}))
                continue
            instruction = src.scan(P.HTML_INSTRUCTION_RE)
            if instruction is not None:
                self.tree.children.append(Element("xml_pi", instruction, None, {"category": "block"}))
                continue
            if src.scan(P.HTML_TAG_RE) is not None:
                self.handle_html_start_tag(handler)
                continue
            if src.scan(P.HTML_TAG_CLOSE_RE) is not None:
                name = src[1].lower() if self.tree.value in HTML_ELEMENT else src[1]
                if self.tree.value == name:
                    done = True
                else:
                    self.add_text(src.matched, self.tree, "text")
                continue
            self.add_text(src.getch(), self.tree, "text")

    # kramdown's use of it (parser/kramdown/html.rb)

    def handle_kramdown_html_tag(self, el: Element, closed: bool, handle_body: bool):
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        in_raw = self.tree.type == "html_element" and self.tree.options.get("content_model") == "raw"
        if not in_raw:
            model = content_model(el.value) if self.options.get("parse_block_html") else "raw"
        else:
            model = "raw"
        markdown = HTML_MARKDOWN_ATTR_MAP.get(el.attr.pop("markdown", None))
        if markdown is not None:
            model = content_model(el.value) if markdown == "default" else markdown
        src = self.src
        if model == "block":
            src.scan(P.TRAILING_WHITESPACE)
        el.options["content_model"] = model
        el.options["is_closed"] = closed
        if closed or not handle_body:
            return
        if model == "block":
            self.parse_blocks(el)
        elif model == "span":
            curpos = src.pos
            if src.scan_until(_close_lookahead(el.value)) is not None:
                self.add_text(src.string[curpos:src.pos], el)
                src.scan(P.HTML_TAG_CLOSE_RE)
            else:
                self.add_text(src.rest, el)
                src.terminate()
        elif self.parse_raw_html(el, self.handle_kramdown_html_tag):
            self._pure_raw_html.add(el)
        if not (self.tree.type == "html_element" and self.tree.options.get("content_model") == "raw"):
            src.scan(P.TRAILING_WHITESPACE)

    def parse_block_html(self):
        src = self.src
        comment = src.scan(P.HTML_COMMENT_RE)
        if comment is not None:
            self.tree.children.append(Element("xml_comment", comment, None, {"category": "block"}))
            src.scan(P.TRAILING_WHITESPACE)
            return True
        if src.check(P.BLOCK_HTML_TAG) and src[1].lower() not in P.HTML_SPAN_ELEMENTS:
            src.pos += src.matched_size
            self.handle_html_start_tag(self.handle_kramdown_html_tag)
            return True
        if src.check(P.BLOCK_HTML_TAG_CLOSE) and src[1].lower() not in P.HTML_SPAN_ELEMENTS:
            name = src[1].lower()
            if self.tree.type == "html_element" and self.tree.value == name:
                src.pos += src.matched_size
                raise StopBlockParsing("found")
        return False

    def parse_span_html(self):
        src = self.src
        comment = src.scan(P.HTML_COMMENT_RE)
        if comment is not None:
            self.tree.children.append(Element("xml_comment", comment, None, {"category": "span"}))
            return
        close = src.scan(P.HTML_TAG_CLOSE_RE)
        if close is not None:
            self.add_text(close)
            return
        tag = src.scan(P.HTML_TAG_RE)
        if tag is None:
            self.add_text(src.getch())
            return
        tag_name = src[1]
        if tag_name.lower() in HTML_ELEMENT:
            tag_name = tag_name.lower()
        if tag_name in HTML_BLOCK_ELEMENTS:
            self.add_text(tag)
            return
        self_closed = src[4] is not None
        attrs = self.parse_html_attributes(src[2], tag_name in HTML_ELEMENT)
        for key, value in attrs.items():
            if value:
                attrs[key] = rx(r"\n+").sub(" ", value)
        do_parsing = (False if content_model(tag_name) == "raw" or self.tree.options.get("content_model") == "raw"
                      else self.options.get("parse_span_html"))
        markdown = HTML_MARKDOWN_ATTR_MAP.get(attrs.pop("markdown", None))
        if markdown == "span":
            do_parsing = True
        elif markdown == "default":
            do_parsing = content_model(tag_name) != "raw"
        elif markdown == "raw":
            do_parsing = False
        el = Element("html_element", tag_name, attrs,
                     {"category": "span", "content_model": "span" if do_parsing else "raw",
                      "is_closed": self_closed})
        self.tree.children.append(el)
        if self_closed or tag_name in HTML_ELEMENTS_WITHOUT_BODY:
            return
        stop_re = _close_tag(tag_name, ignore_case=tag_name in HTML_ELEMENT)
        if self.parse_spans(el, stop_re, None if do_parsing else ["span_html"]):
            src.scan(stop_re)
        else:
            self.add_text(src.rest, el)
            src.terminate()


RAW_HTML_IN_PLACE = all(in_place_safe(regex)[1] for regex in (
    P.HTML_RAW_START, P.HTML_COMMENT_RE, P.HTML_INSTRUCTION_RE, P.HTML_TAG_RE, P.HTML_TAG_CLOSE_RE))
# The four constructs the fast loop looks for, in one regex searched from the position:
# each alternative is the construct's regex after its "<" (comment, instruction, close
# tag, start tag); they exclude each other by the character after the "<", so the first
# match is where the general loop's scans would first succeed (tests compare them at
# every position of random texts). In the start tag, a name's character run cannot end
# in ":" or before "\s*>" when shortened, so it is possessive, and a quoted value inside
# the atomic attribute group ends at the first closing quote, which [^"]*+" finds
# without sre's lazy character-by-character scan.
_WS = r"[ \t\n\v\f\r]"
_UNAME = r"(?:[^\W\d][\w.-]*:)?[^\W\d][\w.-]*"
_UNAME_FAST = r"(?:[^\W\d][\w.-]*+:)?[^\W\d][\w.-]*+"
HTML_RAW_CONSTRUCT = re.compile(
    rf"<(?:(?P<comment>!--.*?-->)|(?P<pi>\?.*?\?>)|(?P<close>/(?P<cname>{_UNAME}){_WS}*>)"
    rf"|(?P<tag>(?P<name>(?>{_UNAME_FAST})){_WS}*(?P<attrs>(?>{_WS}+{_UNAME_FAST}(?:{_WS}*={_WS}*(?:\w+|(\"|')"
    rf"(?:(?<=\")[^\"]*+\"|(?<=')[^']*+')))?)*){_WS}*(?P<slash>/)?>))", re.M | re.S)
_RAW_CONSTRUCT_SEARCH = HTML_RAW_CONSTRUCT.search
_TAG_MATCH = P.HTML_TAG_RE.match


def _parse_html_attributes(text: str, in_html_tag: bool) -> dict:
    attrs: dict[str, str] = {}
    for m in P.HTML_ATTRIBUTE_RE.finditer(text):
        name, value, _, quoted = m.groups()
        if in_html_tag:
            name = name.lower()
        attrs[name] = value if value is not None else (quoted if quoted is not None else "")
    return attrs


_ATTRIBUTES_CACHE: dict = {}
_ATTRIBUTES_CACHE_SIZE = 4096


def _close_lookahead(name: str):
    """/(?=<\\/name\\s*>)/mi"""
    return _compile_ci(rf"(?=</{escape(name)}\s*>)")


def _close_tag(name: str, ignore_case: bool):
    return _compile_ci(rf"</{escape(name)}\s*>") if ignore_case else rx(rf"</{escape(name)}\s*>")


_CI_CACHE: dict = {}


def _compile_ci(source: str):
    compiled = _CI_CACHE.get(source)
    if compiled is None:
        compiled = _CI_CACHE[source] = re.compile(translate(source), re.M | re.S | re.I)
    return compiled
