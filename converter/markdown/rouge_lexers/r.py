"""Rouge 3.30 lexers/r.rb (tag r; R, s, S)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = set("if else for while repeat in next break function".split())
KEYWORD_CONSTANTS = set("NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_ NA_character_".split())
BUILTIN_CONSTANTS = set("LETTERS letters month.abb month.name pi T F".split())
PRIMITIVE_FUNCTIONS = """
abs acos acosh all any anyNA Arg as.call as.character
as.complex as.double as.environment as.integer as.logical
as.null.default as.numeric as.raw asin asinh atan atanh attr
attributes baseenv browser c call ceiling class Conj cos cosh
cospi cummax cummin cumprod cumsum digamma dim dimnames
emptyenv exp expression floor forceAndCall gamma gc.time
globalenv Im interactive invisible is.array is.atomic is.call
is.character is.complex is.double is.environment is.expression
is.finite is.function is.infinite is.integer is.language
is.list is.logical is.matrix is.na is.name is.nan is.null
is.numeric is.object is.pairlist is.raw is.recursive is.single
is.symbol lazyLoadDBfetch length lgamma list log max min
missing Mod names nargs nzchar oldClass on.exit pos.to.env
proc.time prod quote range Re rep retracemem return round
seq_along seq_len seq.int sign signif sin sinh sinpi sqrt
standardGeneric substitute sum switch tan tanh tanpi tracemem
trigamma trunc unclass untracemem UseMethod xtfrm""".split()


def _identifier(lexer, m):
    name = m.group(0)
    if name in KEYWORDS:
        lexer.token("k")
    elif name in KEYWORD_CONSTANTS:
        lexer.token("kc")
    elif name in BUILTIN_CONSTANTS:
        lexer.token("nb")
    else:
        lexer.token("n")


class RLexer(RougeLexer):
    STATES = {
        "root": [
            (r"#'.*?$", "cd", None),
            (r"#.*?$", "c1", None),
            (r"\s+", "w", None, True),
            (r"`[^`]+?`", "n", None),
            (r"'(\\.|.)*?'", "s1", None, True),
            (r"\"(\\.|.)*?\"", "s2", None, True),
            (r"%[^%]*?%", "o", None),
            (r"0[xX][a-fA-F0-9]+([pP][0-9]+)?[Li]?", "mh", None),
            (r"[+-]?(\d+([.]\d+)?|[.]\d+)([eE][+-]?\d+)?[Li]?", "m", None),
            (rf"\b(?<!.)({'|'.join(PRIMITIVE_FUNCTIONS)})(?=\()", "nf", None),
            (r"(?:(?:[[:alpha:]]|[.][._[:alpha:]])[._[:alnum:]]*)|[.]", _identifier, None),
            (r"[\[\]{}();,]", "p", None),
            (r"[-<>?*+^/!=~$@:%&|]", "o", None),
        ],
    }
