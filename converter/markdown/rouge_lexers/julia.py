"""Rouge 3.30 lexers/julia.rb (tag julia; jl)."""

from __future__ import annotations

import re

from .engine import PYTHON_REGEX, RougeLexer
from .julia_types import TYPES

BUILTINS = (r"\b(?:true|false|missing|nothing|Inf|Inf16|Inf32|Inf64|NaN|NaN16|NaN32|NaN64"
            r"|stdout|stderr|stdin|devnull|pi|π|ℯ|im|ARGS|C_NULL|ENV|ENDIAN_BOM"
            r"|VERSION|undef|(LOAD|DEPOT)_PATH)\b")

KEYWORDS = (r"\b(?:function|return|module|import|export|if|else|elseif|end|for"
            r"|in|isa|while|try|catch|const|local|global|using|struct"
            r"|mutable struct|abstract type|finally|begin|do|quote|macro|for outer"
            r"|where)\b")

TYPES_RE = r"\b(?:" + "|".join(TYPES) + r")\b"

# Rouge's OPERATORS (an /x regex), alternatives in Rouge's order
OPERATORS = "|".join([
    r"\+", "=", "-", r"\*", r"\/",
    r"\\", "&", r"\|", r"\$", "~",
    r"\^", "%", "!", ">>>", ">>",
    "<<", "&&", r"\|\|", r"\+=", "-=",
    r"\*=", r"\/=", r"\\=", "÷=", "%=",
    r"\^=", "&=", r"\|=", r"\$=", ">>>=",
    ">>=", "<<=", "==", "!=", "≠",
    "<=", "≤", ">=", "≥", r"\.",
    "::", "<:", "->", r"\?", r"\.\*",
    r"\.\^", r"\.\\", r"\.\/", r"\\", "<",
    ">", "÷", ">:", ":", "===",
    "!==", "=>",
])

# [\p{L}\p{Nl}\p{S}_][\p{Word}\p{S}\p{Po}!]* in Python terms: letters and '_',
# ASCII symbols ($+<=>^`|~) and punctuation (Po), common Unicode symbol blocks
_SYM = r"$+<=>^`|~\u00a2-\u00a9\u00ac\u00ae-\u00b1\u00b4\u00b8\u00d7\u00f7\u2100-\u214f\u2190-\u23ff\u25a0-\u27bf\u2900-\u2bff"
_PO = r"!\"#%&'*,./:;?@\\\u00a1\u00a7\u00b6\u00b7\u00bf\u2016\u2017\u2020-\u2027\u2030-\u2038"
_IDENT = rf"(?:[^\W\d]|[\u2160-\u2188{_SYM}])[\w{_SYM}{_PO}!]*"


def _func(lexer, m):
    lexer.groups("k", "nf")
    lexer.push("funcname")


def _type(lexer, m):
    lexer.groups("k", "nc")
    lexer.push("typename")


class JuliaLexer(RougeLexer):
    STATES = {
        "root": [
            (r"\n", "", None),
            (r"[^\S\n]+", "", None),
            (r"#=", "cm", "blockcomment"),
            (r"#.*$", "c", None),
            (OPERATORS, "o", None),
            (r"\\\n", "", None),
            (r"\\", "", None),
            (r"(function|macro)((?:\s|\\\s)+)", _func, None),
            (r"((?:mutable )?struct|(?:abstract|primitive) type)((?:\s|\\\s)+)", _type, None),
            (TYPES_RE, "kt", None),
            (r"(local|global|const)\b", "kd", None),
            (KEYWORDS, "k", None),
            (BUILTINS, "nb", None),
            (r"`.*?`", "sb", None),
            (r"'(\\.|\\[0-7]{1,3}|\\x[a-fA-F0-9]{1,3}|\\u[a-fA-F0-9]{1,4}|\\U[a-fA-F0-9]{1,6}|[^\\'\n])'", "sc", None),
            (r"(?<=[.\w)\]])'+", "o", None),
            (r'(?:[IL])"', "s", "string"),
            (r'[E]?"', "s", "string"),
            (r"@[\w.]+", "nd", None),
            (PYTHON_REGEX + r"(?:[a-zA-Z_\u00A1-\uffff]|[\u1000-\u10ff])(?:[a-zA-Z_0-9\u00A1-\uffff]|[\u1000-\u10ff])*!*", "n", None),
            (r"[\[\]{}\(\),;]", "x", None),
            (r"(\d+(_\d+)+\.\d*|\d*\.\d+(_\d+)+)([eEf][+-]?[0-9]+)?", "mf", None),
            (r"(\d+\.\d*|\d*\.\d+)([eEf][+-]?[0-9]+)?", "mf", None),
            (r"\d+(_\d+)+[eEf][+-]?[0-9]+", "mf", None),
            (r"\d+[eEf][+-]?[0-9]+", "mf", None),
            (r"0b[01]+(_[01]+)+", "mb", None),
            (r"0b[01]+", "mb", None),
            (r"0o[0-7]+(_[0-7]+)+", "mo", None),
            (r"0o[0-7]+", "mo", None),
            (r"0x[a-fA-F0-9]+(_[a-fA-F0-9]+)+", "mh", None),
            (r"0x[a-fA-F0-9]+", "mh", None),
            (r"\d+(_\d+)+", "mi", None),
            (r"\d+", "mi", None),
        ],
        "funcname": [
            (PYTHON_REGEX + _IDENT, "nf", "#pop"),
            (r"\([^\s\w{]{1,2}\)", "o", "#pop"),
            (r"[^\s\w{]{1,2}", "o", "#pop"),
        ],
        "typename": [
            (PYTHON_REGEX + _IDENT, "nc", "#pop"),
        ],
        "stringescape": [
            (r"\\([\\abfnrtv\"']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})", "se", None),
        ],
        "blockcomment": [
            (r"[^=#]", "cm", None),
            (r"#=", "cm", "blockcomment"),
            (r"\=#", "cm", "#pop"),
            (r"[=#]", "cm", None),
        ],
        "string": [
            ("mixin", "stringescape"),
            (r'"', "s", "#pop"),
            (r'\\\\|\\"|\\\n', "se", None),
            (r"\$(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?", "si", None),
            (r'[^\\"$]+', "s", None),
            (r'["\\]', "s", None),
            (r"\$", "s", None),
        ],
    }
