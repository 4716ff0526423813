"""Rouge 3.30 lexers/markdown.rb (tag markdown; md, mkd).

Embedded languages (fenced code, HTML, YAML front matter) are delegated to
``converter.highlight.lex_tokens`` (a Rouge port when there is one)."""

from __future__ import annotations

import re

from .engine import RougeLexer

EDOT = r"(?:\\.|[^\\\n])"


def _fenced_code(lexer, m):
    from converter.highlight import find_lexer_tag
    name = m.group(3).strip()
    tag = find_lexer_tag(name) if name else "plaintext"  # Rouge guesses here; plain text is closest
    plain_token = "sb" if tag is None else ""
    lexer.token("", m.group(1))
    lexer.token("p", m.group(2))
    lexer.token("nl", m.group(3))
    if m.group(5):
        lexer.delegate(tag, m.group(5), plain_token)
    lexer.token("", m.group(6))
    if m.group(7):
        lexer.token("p", m.group(7))
        return
    fence = re.escape(m.group(2))

    def close(lx, mb):
        lx.pop()
        lx.token("", mb.group(1))
        lx.token("p", mb.group(2))

    def body_line(lx, mb):
        lx.delegate(tag, mb.group(1), plain_token)  # Rouge passes mb[1], which is nil here

    lexer.push_rules([
        (rf"^([ \t]*)({fence})", close, None),
        (r"^.*\n", body_line, None),
    ])


def _reference(lexer, m):
    lexer.groups("", "p", "ss", "p", "", "p")
    lexer.push("title")
    lexer.push("url")


def _link_text(lexer, m):
    lexer.groups("p", "nv", "p")
    lexer.push("link")


def _inline_link_open(lexer, m):
    lexer.token("p")
    lexer.push("inline_title")
    lexer.push("inline_url")


def _pop(lexer, m):
    lexer.pop()


class MarkdownLexer(RougeLexer):
    STATES = {
        "root": [
            (r"\A(---\s*\n.*?\n?)^(---\s*$\n?)", lambda lx, m: lx.delegate("yaml", m.group(0)), None, True),
            (r"\\.", "se", None),
            (r"^[\S ]+\n(?:---*)\n", "gh", None),
            (r"^[\S ]+\n(?:===*)\n", "gu", None),
            (r"^#(?=[^#]).*?$", "gh", None),
            (r"^##*.*?$", "gu", None),
            (r"^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?", _fenced_code, None, True),
            (r"\n\n((    |\t).*?\n|\n)+", "sb", None),
            (rf"(`+)(?:{EDOT}|\n)+?\1", "sb", None),
            (r"^(\s*[*]){3,}\s*$", "p", None),
            (r"^(\s*[-]){3,}\s*$", "p", None),
            (r"^\s*[*+-](?=\s)", "p", None),
            (r"^\s*\d+\.", "p", None),
            (r"^\s*>.*?$", "gt", None),
            (rf"^(\s*)(\[)({EDOT}+?)(\])(\s*)(:)", _reference, None),
            (rf"(!?\[)({EDOT}*?|[^\]]*?)(\])(?=[\[(])", _link_text, None),
            (rf"[*][*]{EDOT}*?[*][*]", "gs", None),
            (rf"__{EDOT}*?__", "gs", None),
            (rf"[*]{EDOT}*?[*]", "ge", None),
            (rf"_{EDOT}*?_", "ge", None),
            (r"<.*?@.+[.].+>", "nv", None),
            (rf"<(https?|mailto|ftp)://{EDOT}*?>", "nv", None),
            (r"[^\\`\[*\n&<]+", "", None),
            (r"&\S*;", lambda lx, m: lx.delegate("html", m.group(0)), None),
            (rf"<{EDOT}*?>", lambda lx, m: lx.delegate("html", m.group(0)), None),
            (r"[&<]", "", None),
            (r"\[", "", None),
            (r"\n", "", None),
        ],
        "link": [
            (rf"(\[)({EDOT}*?)(\])", lambda lx, m: (lx.groups("p", "ss", "p"), lx.pop()), None),
            (r"[(]", _inline_link_open, None),
            (r"[ \t]+", "", None),
            (r"", _pop, None),
        ],
        "url": [
            (r"[ \t]+", "", None),
            (rf"(<)({EDOT}*?)(>)", lambda lx, m: (lx.groups("nt", "sx", "nt"), lx.pop()), None),
            (r"\S+", "sx", "#pop"),
        ],
        "title": [
            (rf"\"{EDOT}*?\"", "nn", None),
            (rf"'{EDOT}*?'", "nn", None),
            (rf"[(]{EDOT}*?[)]", "nn", None),
            (r"\s*(?=[\"'()])", "", None),
            (r"", _pop, None),
        ],
        "inline_title": [
            (r"[)]", "p", "#pop"),
            ("mixin", "title"),
        ],
        "inline_url": [
            (r"[^<\s)]+", "sx", "#pop"),
            (r"\s+", "", None, True),
            ("mixin", "url"),
        ],
    }
