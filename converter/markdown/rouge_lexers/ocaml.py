"""Rouge 3.30 lexers/ocaml.rb with ocaml/common.rb (tag ocaml)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = frozenset("""
    as assert begin class constraint do done downto else end
    exception external false for fun function functor if in
    include inherit initializer lazy let module mutable new
    nonrec object of open rec sig struct then to true try type
    val virtual when while with match raise
""".split())
WORD_OPERATORS = frozenset("and asr land lor lsl lxor mod or".split())
PRIMITIVES = frozenset("unit int float bool string char list array".split())

OPERATOR = r"[;,_!$%&*+./:<=>?@^|~#-]+"
ID = r"(?i:[a-z_][\w']*)"
UPPER_ID = r"[A-Z][\w']*"


def _identifier(lexer, m):
    name = m.group(0)
    if name in KEYWORDS:
        lexer.token("k")
    elif name in WORD_OPERATORS:
        lexer.token("ow")
    elif name in PRIMITIVES:
        lexer.token("kt")
    else:
        lexer.token("n")


def _nest(lexer, m):
    lexer.token("c")
    lexer.push()


class OCamlLexer(RougeLexer):
    STATES = {
        "string": [
            (r"[^\\\"]+", "s2", None),
            ("mixin", "escape_sequence"),
            (r"\\\n", "s2", None),
            (r"\"", "s2", "#pop"),
        ],
        "escape_sequence": [
            (r"\\[\\\"'ntbr]", "se", None),
            (r"\\\d{3}", "se", None),
            (r"\\x\h{2}", "se", None),
        ],
        "dotted": [
            (r"\s+", "", None, True),
            (r"[.]", "p", None),
            (rf"{UPPER_ID}(?=\s*[.])", "nn", None),
            (UPPER_ID, "nc", "#pop"),
            (ID, "n", "#pop"),
            (r"[({\[]", "p", "#pop"),
        ],
        "root": [
            (r"\s+", "", None, True),
            (r"false|true|[(][)]|\[\]", "bp", None),
            (rf"{UPPER_ID}(?=\s*[.])", "nn", "dotted"),
            (rf"`{ID}", "nt", None),
            (UPPER_ID, "nc", None),
            (r"[(][*](?![)])", "c", "comment"),
            (ID, _identifier, None),
            (r"[(){}\[\];]+", "p", None),
            (OPERATOR, "o", None),
            (r"(?i:-?\d[\d_]*(.[\d_]*)?(e[+-]?\d[\d_]*))", "mf", None),
            (r"(?i:0x\h[\h_]*)", "mh", None),
            (r"(?i:0o[0-7][0-7_]*)", "mo", None),
            (r"(?i:0b[01][01_]*)", "mb", None),
            (r"\d[\d_]*", "mi", None),
            (r"'(?:(\\[\\\"'ntbr ])|(\\[0-9]{3})|(\\x\h{2}))'", "sc", None),
            (r"'[.]'", "sc", None),
            (r"'", "k", None),
            (r"\"", "s2", "string"),
            (rf"[~?]{ID}", "nv", None),
        ],
        "comment": [
            (r"[^(*)]+", "c", None),
            (r"[(][*]", _nest, None),
            (r"[*][)]", "c", "#pop"),
            (r"[(*)]", "c", None),
        ],
    }
