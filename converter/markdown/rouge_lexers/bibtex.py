"""Rouge 3.30 lexers/bibtex.rb (tag bibtex; bib)."""

from __future__ import annotations

from .engine import RougeLexer

PUNCT = r"@!$&.\\:;<>?\[\]\^`|~*/+\-"
VALID_NAME = rf"(?i:[a-z_{PUNCT}][\w{PUNCT}]*)"


def _entry(lexer, m):
    kind = m.group(1).lower()
    if kind == "comment":
        lexer.token("c")
        return
    lexer.token("nc")
    lexer.push("closing_brace")
    lexer.push({"preamble": "value", "string": "field"}.get(kind, "command_body"))
    lexer.push("opening_brace")


def _citation_key(lexer, m):
    lexer.token("nl")
    lexer.pop()
    lexer.push("fields")


def _field_name(lexer, m):
    lexer.token("na")
    lexer.push("value")
    lexer.push("equal_sign")


def _pop(lexer, m):
    lexer.pop()


class BibTeXLexer(RougeLexer):
    STATES = {
        "root": [
            ("mixin", "whitespace"),
            (rf"@({VALID_NAME})", _entry, None),
            (r".+", "c", None),
        ],
        "opening_brace": [("mixin", "whitespace"), (r"[{(]", "p", "#pop")],
        "closing_brace": [("mixin", "whitespace"), (r"[})]", "p", "#pop")],
        "command_body": [("mixin", "whitespace"), (r"[^\s\,\}]+", _citation_key, None)],
        "fields": [("mixin", "whitespace"), (r",", "p", "field"), (r"", _pop, None)],
        "field": [("mixin", "whitespace"), (VALID_NAME, _field_name, None), (r"", _pop, None)],
        "equal_sign": [("mixin", "whitespace"), (r"=", "p", "#pop")],
        "value": [
            ("mixin", "whitespace"),
            (VALID_NAME, "nv", None),
            (r"\"", "s", "quoted_string"),
            (r"\{", "s", "braced_string"),
            (r"\d+", "m", None),
            (r"#", "p", None),
            (r"", _pop, None),
        ],
        "quoted_string": [
            (r"\{", "s", "braced_string"),
            (r"\"", "s", "#pop"),
            (r"[^\{\"]+", "s", None),
        ],
        "braced_string": [
            (r"\{", "s", "braced_string"),
            (r"\}", "s", "#pop"),
            (r"[^\{\}]+", "s", None),
        ],
        "whitespace": [(r"\s+", "", None)],
    }
