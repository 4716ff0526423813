"""Rouge 3.30 lexers/conf.rb (tag conf; config, configuration) and
lexers/properties.rb (tag properties)."""

from __future__ import annotations

from .engine import RougeLexer


class ConfLexer(RougeLexer):
    STATES = {
        "root": [
            (r"#.*?\n", "c", None),
            (r"\".*?\"", "s2", None),
            (r"'.*?'", "s1", None),
            (r"(?i:[a-z]\w*)", "n", None),
            (r"\d+", "m", None),
            (r"[^\w#\"']+", "", None),
        ],
    }


def _property(lexer, m):
    lexer.groups("py", "", "p")
    lexer.push("value")


class PropertiesLexer(RougeLexer):
    STATES = {
        "basic": [
            (r"[!#].*?\n", "c", None),
            (r"\s+", "", None),
            (r"\\\n", "se", None),
        ],
        "root": [
            ("mixin", "basic"),
            (r"([\w.-]+)(\s*)([=:])", _property, None),
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
            (r"\\u[0-9]{4}", "se", None),
            (r"\\.", "se", None, True),
        ],
    }
