"""Rouge 3.30 lexers/ini.rb (tag ini)."""

from __future__ import annotations

from .engine import RougeLexer

IDENTIFIER = r"[\w\-.]+"


def _property(lexer, m):
    lexer.groups("py", "", "p")
    lexer.push("value")


class IniLexer(RougeLexer):
    STATES = {
        "basic": [
            (r"[;#].*?\n", "c", None),
            (r"\s+", "", None),
            (r"\\\n", "se", None),
        ],
        "root": [
            ("mixin", "basic"),
            (rf"({IDENTIFIER})(\s*)(=)", _property, None),
            (r"\[.*?\]", "nn", None),
        ],
        "value": [
            (r"\n", "", "#pop"),
            ("mixin", "basic"),
            (r"\"", "s", "dq"),
            (r"'.*?'", "s", None),
            ("mixin", "esc_str"),
            (r"[^\\\n]+", "s", None),
        ],
        "dq": [
            (r"\"", "s", "#pop"),
            ("mixin", "esc_str"),
            (r"[^\\\"]+", "s", None, True),
        ],
        "esc_str": [
            (r"\\.", "se", None, True),
        ],
    }
