"""Rouge 3.30 lexers/toml.rb (tag toml)."""

from __future__ import annotations

from .engine import RougeLexer

IDENTIFIER = r"""(?:\S+|"[^"]+"|'[^']+')"""


def _inline_table(lexer, m):
    lexer.groups("nn", "", "o", "", "p")
    lexer.push("inline")


def _property_value(lexer, m):
    lexer.groups("py", "", "p")
    lexer.push("value")


class TOMLLexer(RougeLexer):
    STATES = {
        "basic": [
            (r"\s+", "", None),
            (r"#.*?$", "c", None),
            (r"(true|false)", "kc", None),
            (rf"({IDENTIFIER})(\s*)(=)(\s*)(\{{)", _inline_table, None),
            (r"(?<!=)\s*\[[\S]+\]", "nn", None),
            (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", "ld", None),
            (r"[+-]?\d+(?:_\d+)*\.\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?", "mf", None),
            (r"[+-]?\d+(?:_\d+)*[eE][+-]?\d+(?:_\d+)*", "mf", None),
            (r"[+-]?(?:nan|inf)", "mf", None),
            (r"0x\h+(?:_\h+)*", "mh", None),
            (r"0o[0-7]+(?:_[0-7]+)*", "mo", None),
            (r"0b[01]+(?:_[01]+)*", "mb", None),
            (r"[+-]?\d+(?:_\d+)*", "mi", None),
        ],
        "root": [
            ("mixin", "basic"),
            (rf"({IDENTIFIER})(\s*)(=)", _property_value, None),
        ],
        "value": [
            (r"\n", "", "#pop"),
            ("mixin", "content"),
        ],
        "content": [
            ("mixin", "basic"),
            (rf"({IDENTIFIER})(\s*)(=)", lambda lx, m: lx.groups("py", "", "p"), None),
            (r'"""', "s", "mdq"),
            (r'"', "s", "dq"),
            (r"'''", "s", "msq"),
            (r"'", "s", "sq"),
            ("mixin", "esc_str"),
            (r"\,", "p", None),
            (r"\[", "p", "array"),
        ],
        "dq": [
            (r'"', "s", "#pop"),
            (r"\n", "err", "#pop"),
            ("mixin", "esc_str"),
            (r'[^\\"\n]+', "s", None),
        ],
        "mdq": [
            (r'"""', "s", "#pop"),
            ("mixin", "esc_str"),
            (r'[^\\"]+', "s", None),
            (r'"+', "s", None),
        ],
        "sq": [
            (r"'", "s", "#pop"),
            (r"\n", "err", "#pop"),
            (r"[^'\n]+", "s", None),
        ],
        "msq": [
            (r"'''", "s", "#pop"),
            (r"[^']+", "s", None),
            (r"'+", "s", None),
        ],
        "esc_str": [
            (r'\\[0t\tn\n "\\r]', "se", None),
        ],
        "array": [
            ("mixin", "content"),
            (r"\]", "p", "#pop"),
        ],
        "inline": [
            ("mixin", "content"),
            (r"\}", "p", "#pop"),
        ],
    }
