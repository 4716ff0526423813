"""Rouge 3.30 lexers/haskell.rb (tag haskell; hs)."""

from __future__ import annotations

import re

from .engine import RougeLexer

RESERVED = frozenset("""
    _ case class data default deriving do else if in infix infixl infixr
    instance let newtype of then type where
""".split())
ASCII = """
    NUL SOH [SE]TX EOT ENQ ACK BEL BS HT LF VT FF CR S[OI] DLE
    DC[1-4] NAK SYN ETB CAN EM SUB ESC [FGRU]S SP DEL
""".split()
TYPE_NAME = re.compile(r"'?[A-Z]")
SYMBOL = r"[:!#\$\%&*+.\\/<=>?@^\|~-]"


def _word(lexer, m):
    word = m.group(0)
    if word == "import":
        lexer.token("kr")
        lexer.push("import")
    elif word == "module":
        lexer.token("kr")
        lexer.push("module")
    elif word in RESERVED:
        lexer.token("kr")
    elif TYPE_NAME.match(word):
        lexer.token("kt")
    else:
        lexer.token("n")


def _quasi(lexer, m):
    lexer.token("o", m.group(1))
    lexer.token("n", m.group(2))
    lexer.token("o", m.group(3))
    lexer.push("quasiquotation")


def _groups_then(groups, goto=None, pop=False, push=None):
    def action(lexer, m):
        lexer.groups(*groups)
        if pop:
            lexer.pop()
        if goto:
            lexer.goto(goto)
        if push:
            lexer.push(push)
    return action


def _char_escape(lexer, m):
    lexer.token("se")
    lexer.goto("character_end")
    lexer.push("escape")


def _char(lexer, m):
    lexer.token("sc")
    lexer.goto("character_end")


class HaskellLexer(RougeLexer):
    STATES = {
        "basic": [
            (r"\s+", "", None, True),
            (r"{-#", "cp", "comment_preproc"),
            (r"{-", "cm", "comment"),
            (r"^--\s+\|.*?$", "cd", None),
            (r"--(?![!#\$\%&*+.\/<=>?@\^\|_~]).*?$", "c1", None),
        ],
        "comment": [
            (r"-}", "cm", "#pop"),
            (r"{-", "cm", "comment"),
            (r"[^-{}]+", "cm", None),
            (r"[-{}]", "cm", None),
        ],
        "comment_preproc": [
            (r"-}", "cp", "#pop"),
            (r"{-", "cp", "comment"),
            (r"[^-{}]+", "cp", None),
            (r"[-{}]", "cp", None),
        ],
        "root": [
            ("mixin", "basic"),
            (r"'(?=(?:.|\\\S+)')", "sc", "character"),
            (r"\"", "s", "string"),
            (r"(?i:\d+e[+-]?\d+)", "mf", None),
            (r"(?i:\d+\.\d+(e[+-]?\d+)?)", "mf", None),
            (r"(?i:0o[0-7]+)", "mo", None),
            (r"(?i:0x[\da-f]+)", "mh", None),
            (r"\d+", "mi", None),
            (r"[\w']+", _word, None),
            (rf"\\(?!{SYMBOL}+)", "nf", None),
            (rf"(<-|::|->|=>|=)(?!{SYMBOL}+)", "o", None),
            (rf":{SYMBOL}*", "o", None),
            (rf"{SYMBOL}+", "o", None),
            (r"\[\s*\]", "kt", None),
            (r"\(\s*\)", "nb", None),
            (r"(\[)([_a-z][\w']*)(\|)", _quasi, None),
            (r"[\[\](),;`{}]", "p", None),
        ],
        "import": [
            (r"\s+", "", None),
            (r"\"", "s", "string"),
            (r"\bqualified\b", "k", None),
            (r"([A-Z][\w.]*)(\s+)(as)(\s+)([A-Z][a-zA-Z0-9_.]*)",
             _groups_then(("nn", "", "k", "", "n"), pop=True), None),
            (r"([A-Z][\w.]*)(\s+)(hiding)(\s+)(\()",
             _groups_then(("nn", "", "k", "", "p"), goto="funclist"), None),
            (r"([A-Z][\w.]*)(\s+)(\()", _groups_then(("nn", "", "p"), goto="funclist"), None),
            (r"[\w.]+", "nn", "#pop"),
        ],
        "module": [
            (r"\s+", "", None),
            (r"([A-Z][\w.]*)(\s+)(\()", _groups_then(("nn", "", "p"), push="funclist"), None),
            (r"\bwhere\b", "kr", "#pop"),
            (r"[A-Z][a-zA-Z0-9_.]*", "nn", "#pop"),
        ],
        "funclist": [
            ("mixin", "basic"),
            (r"[A-Z]\w*", "kt", None),
            (r"(_[\w\']+|[a-z][\w\']*)", "nf", None),
            (r",", "p", None),
            (r"[:!#\$\%&*+.\\\/<=>?@^\|~-]+", "o", None),
            (r"\(", "p", "funclist"),
            (r"\)", "p", "#pop"),
        ],
        "character": [
            (r"\\", _char_escape, None),
            (r".", _char, None),
        ],
        "character_end": [
            (r"'", "sc", "#pop"),
            (r".", "err", "#pop"),
        ],
        "quasiquotation": [
            (r"\|\]", "o", "#pop"),
            (r"[^\|]+", "", None, True),
            (r"\|", "", None),
        ],
        "string": [
            (r"\"", "s", "#pop"),
            (r"\\", "se", "escape"),
            (r"[^\\\"]+", "s", None),
        ],
        "escape": [
            (r"[abfnrtv\"'&\\]", "se", "#pop"),
            (r"\^[\]\[A-Z@\^_]", "se", "#pop"),
            ("|".join(ASCII), "se", "#pop"),
            (r"(?i:o[0-7]+)", "se", "#pop"),
            (r"(?i:x[\da-f]+)", "se", "#pop"),
            (r"\d+", "se", "#pop"),
            (r"\s+\\", "se", "#pop"),
        ],
    }
