"""Rouge 3.30 lexers/mathematica.rb (tag mathematica; wl)."""

from __future__ import annotations

from .engine import RougeLexer
from .mathematica_builtins import MATHEMATICA_BUILTINS

BASE = r"(?:\d+)"
NUMBER = r"(?:\.\d+|\d+\.\d*|\d+)"
NUMBER_BASE = r"(?:\.\w+|\w+\.\w*|\w+)"
PRECISION = rf"(?:`(`?{NUMBER})?)"
OPERATORS = r"[+\-*\/|,;.:@~=><&`'^?!_%]"
BRACES = r"[\[\](){}]"
STRING = r"(?:\"(\\\\|\\\"|[^\"])*\")"
IDENTIFIER = r"(?:[a-zA-Z$][$a-zA-Z0-9]*)"
NAMED_CHARACTER = rf"(?:\\\[{IDENTIFIER}\])"
SYMBOL = rf"(?:({IDENTIFIER}|{NAMED_CHARACTER})+)"
CONTEXT_SYMBOL = rf"`?{SYMBOL}(`{SYMBOL})*`?"
ASSOCIATION_SLOT = rf"(?:#({IDENTIFIER}|\"{IDENTIFIER}\"))"
SLOT = rf"{ASSOCIATION_SLOT}|#[0-9]*"
MESSAGE = rf"::({IDENTIFIER}|{STRING})"
IN_OUT = r"(In|Out)\[[0-9]+\]:?="
KEYWORDS = frozenset(("Module", "With", "Block"))


def _symbol(lexer, m):
    name = m.group(0)
    if name in KEYWORDS:
        lexer.token("bp")
    elif name in MATHEMATICA_BUILTINS:
        lexer.token("nb")
    else:
        lexer.token("nv")


class MathematicaLexer(RougeLexer):
    STATES = {
        "root": [
            (r"\s+", "w", None),
            (r"\(\*", "c", "comment"),
            (rf"{BASE}\^\^{NUMBER_BASE}{PRECISION}?(\*\^[+-]?\d+)?", "m", None),
            (rf"(?:{NUMBER}{PRECISION}?(?:\*\^[+-]?\d+)?)", "m", None),
            (MESSAGE, "nt", None),
            (IN_OUT, "gp", None),
            (CONTEXT_SYMBOL, _symbol, None, True),
            (SLOT, "nf", None),
            (OPERATORS, "o", None),
            (BRACES, "p", None),
            (STRING, "s", None),
        ],
        "comment": [
            (r"\(\*", "c", "comment"),
            (r"\*\)", "c", "#pop"),
            (rf"::{IDENTIFIER}::", "cp", None),
            (rf"[ ]:({IDENTIFIER}|[ \t\n\v\f\r])+:[ ]", "cp", None),
            (r".", "c", None),
        ],
    }
