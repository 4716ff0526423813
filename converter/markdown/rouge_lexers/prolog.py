"""Rouge 3.30 lexers/prolog.rb (tag prolog)."""

from __future__ import annotations

from .engine import PYTHON_REGEX as PY, RougeLexer

# [[:lower:]] ([[:word:]])* : Unicode lowercase letter, then word characters
LOWER = r"[a-z\u00b5\u00df-\u00f6\u00f8-\u00ff\u0101-\u017f\u03ac-\u03ce\u0430-\u045f]"


class PrologLexer(RougeLexer):
    STATES = {
        "basic": [
            (r"\s+", "", None),
            (r"%.*", "c1", None),
            (r"\/\*", "cm", "nested_comment"),
            (r"[\[\](){}|.,;!]", "p", None),
            (r":-|-->", "p", None),
            (r"\"[^\"]*\"", "s2", None),
            (r"\d+\.\d+", "mf", None),
            (r"\d+", "m", None),
        ],
        "atoms": [
            (PY + rf"{LOWER}(\w)*", "ss", None),
            (r"'[^']*'", "ss", None),
        ],
        "operators": [
            (r"(<|>|=<|>=|==|=:=|=|\/|\/\/|\*|\+|-)(?=\s|[a-zA-Z0-9\[])", "o", None),
            (r"is", "o", None),
            (r"(mod|div|not)", "o", None),
            (r"[#&*+-.\/:<=>?@^~]+", "o", None),
        ],
        "variables": [
            (r"[A-Z]+\w*", "nv", None),
            (PY + r"_\w*", "nv", None),
        ],
        "root": [
            ("mixin", "basic"),
            ("mixin", "atoms"),
            ("mixin", "variables"),
            ("mixin", "operators"),
        ],
        "nested_comment": [
            (r"/\*", "cm", "#push"),
            (r"\s*\*[^*\/]+", "cm", None),
            (r"\*/", "cm", "#pop"),
        ],
    }
