"""Rouge 3.30 lexers/typescript.rb + typescript/common.rb (tag typescript; ts):
the JavaScript lexer with TypeScript's extra words and rules prepended to
:root and :statement."""

from __future__ import annotations

from . import javascript as js
from .engine import RougeLexer

KEYWORDS = js.KEYWORDS | set("is namespace static private protected public implements readonly".split())
DECLARATIONS = js.DECLARATIONS | {"type", "abstract"}
RESERVED = js.RESERVED | set("string any void number namespace module declare default interface keyof".split())
BUILTINS = js.BUILTINS | {"Pick", "Partial", "Readonly", "Record"}


def _identifier(lexer, m):
    name = m.group(0)
    if name in KEYWORDS:
        lexer.token("k")
        lexer.push("expr_start")
    elif name in DECLARATIONS:
        lexer.token("kd")
        lexer.push("expr_start")
    elif name in RESERVED:
        lexer.token("kr")
    elif name in js.CONSTANTS:
        lexer.token("kc")
    elif name in BUILTINS:
        lexer.token("nb")
    else:
        lexer.token("nx")


def _label(lexer, m):
    lexer.groups("nl", "p", "", "p")
    lexer.push("expr_start")


def _states() -> dict:
    states = {name: [(rule[0], _identifier, *rule[2:]) if rule[1] is js._identifier else rule
                     for rule in rules]
              for name, rules in js.JavascriptLexer.STATES.items()}
    states["root"] = [(r"[?][.]", "p", None), (r"[?]{2}", "o", None)] + states["root"]
    states["statement"] = [(js._py(rf"({js.ID})(\??)([ \t\n\v\f\r]*)(:)"), _label, None)] + \
        states["statement"]
    return states


class TypescriptLexer(RougeLexer):
    STATES = _states()
