"""Rouge 3.30 lexers/css.rb (tag css)."""

from __future__ import annotations

from .css_words import CSS_ATTRIBUTES, CSS_BUILTINS, CSS_CONSTANTS, CSS_VENDOR_PREFIXES
from .engine import PYTHON_REGEX, RougeLexer

_CF = "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
IDENTIFIER = rf"(?:[^\W\d_]|[_-])[\w{_CF}-]*"  # /[\p{L}_-][\p{Word}\p{Cf}-]*/
NUMBER = r"-?(?:[0-9]+(\.[0-9]+)?|\.[0-9]+)"
UNITS = "%|(?:em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm|dppx|deg|grad|rad|turn|s|ms|Hz|kHz)\\b"


def _py(source: str) -> str:
    return PYTHON_REGEX + source


def _value_word(lexer, m):
    word = m.group(0)
    lexer.token("no" if word in CSS_CONSTANTS else "nb" if word in CSS_BUILTINS else "n")


def _property(lexer, m):
    name = m.group(1)
    label = name in CSS_ATTRIBUTES or any(name.startswith(p) for p in CSS_VENDOR_PREFIXES)
    lexer.groups("nl" if label else "py", "", "p")
    lexer.push("stanza_value")


def _close_at_block(lexer, m):
    lexer.token("p")
    lexer.pop(2)


class CSSLexer(RougeLexer):
    STATES = {
        "root": [
            ("mixin", "basics"),
            (r"{", "p", "stanza"),
            (_py(rf":[:]?{IDENTIFIER}"), "nd", None),
            (_py(rf"\.{IDENTIFIER}"), "nc", None),
            (_py(rf"#{IDENTIFIER}"), "nf", None),
            (_py(rf"@{IDENTIFIER}"), "k", "at_rule"),
            (_py(IDENTIFIER), "nt", None),
            (r"[~^*!%&\[\]()<>|+=@:;,./?-]", "o", None),
            (r"\"(\\\\|\\\"|[^\"])*\"", "s1", None),
            (r"'(\\\\|\\'|[^'])*'", "s2", None),
        ],
        "value": [
            ("mixin", "basics"),
            (r"url\(.*?\)", "sx", None),
            (r"(?i:#[0-9a-f]{1,6})", "m", None),
            (_py(rf"{NUMBER}(?:{UNITS})?"), "m", None),
            (r"[\[\]():\/.,]", "p", None),
            (r"\"(\\\\|\\\"|[^\"])*\"", "s1", None),
            (r"'(\\\\|\\'|[^'])*'", "s2", None),
            (_py(IDENTIFIER), _value_word, None),
        ],
        "at_rule": [
            (_py(rf"{{(?=[ \t\n\v\f\r]*{IDENTIFIER}[ \t\n\v\f\r]*:)"), "p", "at_stanza", True),
            (r"{", "p", "at_body"),
            (r";", "p", "#pop"),
            ("mixin", "value"),
        ],
        "at_body": [("mixin", "at_content"), ("mixin", "root")],
        "at_stanza": [("mixin", "at_content"), ("mixin", "stanza")],
        "at_content": [(r"}", _close_at_block, None)],
        "basics": [
            (r"\s+", "", None, True),
            (r"/\*(?:.*?)\*/", "c", None, True),
        ],
        "stanza": [
            ("mixin", "basics"),
            (r"}", "p", "#pop"),
            (_py(rf"({IDENTIFIER})([ \t\n\v\f\r]*)(:)"), _property, None, True),
        ],
        "stanza_value": [
            (r";", "p", "#pop"),
            (r"(?=})", lambda lx, m: lx.pop(), None),
            (r"!\s*important\b", "cp", None),
            (r"^@.*?$", "cp", None),
            ("mixin", "value"),
        ],
    }
