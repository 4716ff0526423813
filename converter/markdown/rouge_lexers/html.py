"""Rouge 3.30 lexers/html.rb (tag html). Script and style bodies are delegated
to the javascript and css lexers; as Rouge's @javascript and @css, one lexer is
continued across a body's chunks and reset at each <script>/<style>."""

from __future__ import annotations

from .engine import PYTHON_REGEX, RougeLexer

# Onigmo's \p{L} and [\p{Word}\p{Cf}...] classes, in Python syntax
_CF = "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
NAME = rf"(?:[^\W\d_]|[:_-])[\w{_CF}:.·-]*"
ATTR_NAME = rf"(?:[^\W\d_]|[:_\[\]()*.-])[\w{_CF}:.·\[\]()*-]*"
BARE_ATTR = rf"(?:[^\W\d_]|[:_*#-])[\w{_CF}:.·*#-]*"
WS = r"[ \t\n\v\f\r]"


def _py(source: str) -> str:
    return PYTHON_REGEX + source


def _script_open(lexer, m):
    from .javascript import JavascriptLexer
    lexer.token("nt")
    lexer.javascript = JavascriptLexer()  # @javascript.reset!
    lexer.push("script_content")
    lexer.push("tag")


def _style_open(lexer, m):
    from .css import CSSLexer
    lexer.token("nt")
    lexer.css = CSSLexer()  # @css.reset!
    lexer.push("style_content")
    lexer.push("tag")


def _delegate_script(lexer, m):
    lexer.output.extend(lexer.javascript.lex(m.group(0)))


def _delegate_style(lexer, m):
    lexer.output.extend(lexer.css.lex(m.group(0)))


def _tag_name_then(state):
    def action(lexer, m):
        lexer.token("nt")
        lexer.goto(state)
    return action


def _string_then(state):
    def action(lexer, m):
        lexer.token("s")
        lexer.goto(state)
    return action


class HTMLLexer(RougeLexer):
    STATES = {
        "root": [
            (r"[^<&]+", "", None, True),
            (r"&\S*?;", "ni", None),
            (r"(?i:<!DOCTYPE .*?>)", "cp", None, True),
            (r"<!\[CDATA\[.*?\]\]>", "cp", None, True),
            (r"<!--", "c", "comment"),
            (r"<\?.*?\?>", "cp", None, True),
            (r"<\s*script\s*", _script_open, None),
            (r"<\s*style\s*", _style_open, None),
            (r"</", "nt", "tag_end"),
            (r"<", "nt", "tag_start"),
            (_py(rf"<{WS}*{NAME}"), "nt", "tag"),
            (_py(rf"<{WS}*/{WS}*{NAME}{WS}*>"), "nt", None),
        ],
        "tag_end": [
            ("mixin", "tag_end_end"),
            (_py(NAME), _tag_name_then("tag_end_end"), None),
        ],
        "tag_end_end": [
            (r"\s+", "", None),
            (r">", "nt", "#pop"),
        ],
        "tag_start": [
            (r"\s+", "", None),
            (_py(NAME), _tag_name_then("tag"), None),
            (r"", lambda lx, m: lx.goto("tag"), None),
        ],
        "comment": [
            (r"[^-]+", "c", None),
            (r"-->", "c", "#pop"),
            (r"-", "c", None),
        ],
        "tag": [
            (r"\s+", "", None, True),
            (_py(rf"{ATTR_NAME}{WS}*={WS}*"), "na", "attr", True),
            (_py(BARE_ATTR), "na", None),
            (r"/?\s*>", "nt", "#pop", True),
        ],
        "attr": [
            (r"\"", _string_then("dq"), None),
            (r"'", _string_then("sq"), None),
            (r"[^\s>]+", "s", "#pop"),
        ],
        "dq": [
            (r"\"", "s", "#pop"),
            (r"[^\"]+", "s", None),
        ],
        "sq": [
            (r"'", "s", "#pop"),
            (r"[^']+", "s", None),
        ],
        "script_content": [
            (r"[^<]+", _delegate_script, None),
            (r"<\s*/\s*script\s*>", "nt", "#pop", True),
            (r"<", _delegate_script, None),
        ],
        "style_content": [
            (r"[^<]+", _delegate_style, None),
            (r"<\s*/\s*style\s*>", "nt", "#pop", True),
            (r"<", _delegate_style, None),
        ],
    }
