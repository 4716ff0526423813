"""Rouge 3.30 lexers/matlab.rb (tag matlab)."""

from __future__ import annotations

from .engine import RougeLexer
from .matlab_builtins import MATLAB_BUILTINS
from .shell import ShellLexer

KEYWORDS = set("""
arguments break case catch classdef continue else elseif end for
function global if import methods otherwise parfor persistent
properties return spmd switch try while""".split())


def _identifier(lexer, m):
    name = m.group(0)
    if name in KEYWORDS:
        lexer.token("k")
    elif name in MATLAB_BUILTINS:
        lexer.token("nb")
    else:
        lexer.token("n")


def _shell_escape(lexer, m):
    lexer.token("k", m.group(1))
    lexer.output.extend(ShellLexer().lex(m.group(2)))


class MatlabLexer(RougeLexer):
    STATES = {
        "root": [
            (r"\s+", "", None, True),
            (r"[{]%.*?%[}]", "cm", None, True),
            (r"%.*$", "c1", None),
            (r"([.][.][.])(.*?)$", lambda lx, m: lx.groups("k", "c"), None),
            (r"^(!)(.*?)(?=%|$)", _shell_escape, None),
            (r"[a-zA-Z][_a-zA-Z0-9]*", _identifier, None, True),
            (r"[(){};:,\/\\\]\[]", "p", None),
            (r"~=|==|<<|>>|[-~+\/*%=<>&^|.@]", "o", None),
            (r"(?i:(\d+\.\d*|\d*\.\d+)(e[+-]?[0-9]+)?)", "mf", None),
            (r"(?i:\d+e[+-]?[0-9]+)", "mf", None),
            (r"\d+L", "il", None),
            (r"\d+", "mi", None),
            (r"'(?=(.*'))", "s1", "chararray"),
            (r"\"(?=(.*\"))", "s2", "string"),
            (r"'", "o", None),
        ],
        "chararray": [
            (r"[^']+", "s1", None),
            (r"''", "se", None),
            (r"'", "s1", "#pop"),
        ],
        "string": [
            (r"[^\"]+", "s2", None),
            (r"\"\"", "se", None),
            (r"\"", "s2", "#pop"),
        ],
    }
