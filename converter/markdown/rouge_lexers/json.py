"""Rouge 3.30 lexers/json.rb (tag json)."""

from __future__ import annotations

from .engine import RougeLexer


class JSONLexer(RougeLexer):
    STATES = {
        "whitespace": [(r"\s+", "w", None)],
        "root": [
            ("mixin", "whitespace"),
            (r"{", "p", "object"),
            (r"\[", "p", "array"),
            ("mixin", "name"),
            ("mixin", "value"),
            (r"[\]}]", "p", None),
        ],
        "object": [
            ("mixin", "whitespace"),
            ("mixin", "name"),
            ("mixin", "value"),
            (r"}", "p", "#pop"),
            (r",", "p", None),
        ],
        "name": [
            (r"(\"(?:\\.|[^\"\\\n])*?\")(\s*)(:)", lambda lx, m: lx.groups("nl", "w", "p"), None),
        ],
        "value": [
            ("mixin", "whitespace"),
            ("mixin", "constants"),
            (r"\"", "s2", "string"),
            (r"\[", "p", "array"),
            (r"{", "p", "object"),
        ],
        "string": [
            (r"[^\\\"]+", "s2", None),
            (r"\\.", "se", None),
            (r"\"", "s2", "#pop"),
        ],
        "array": [
            ("mixin", "value"),
            (r"\]", "p", "#pop"),
            (r",", "p", None),
        ],
        "constants": [
            (r"(?:true|false|null)", "kc", None),
            (r"(?i:-?(?:0|[1-9]\d*)\.\d+(?:e[+-]?\d+)?)", "mf", None),
            (r"(?i:-?(?:0|[1-9]\d*)(?:e[+-]?\d+)?)", "mi", None),
        ],
    }
