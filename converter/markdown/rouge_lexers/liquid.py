"""Rouge 3.30 lexers/liquid.rb (tag liquid)."""

from __future__ import annotations

import re

from .engine import RougeLexer

_SINGLE = re.compile(r"'[^']*'")
_DOUBLE = re.compile(r'"[^"]*"')


def _string_class(value, otherwise: str) -> str:
    if value is not None and _SINGLE.search(value):
        return "s1"
    if value is not None and _DOUBLE.search(value):
        return "s2"
    return otherwise


def _reset_stack(lexer):
    lexer.stack[:] = ["root"]


def _groups_push(state, *tokens):
    def action(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return action


def _groups_pop(*tokens):
    def action(lexer, m):
        lexer.groups(*tokens)
        lexer.pop()
    return action


def _groups_reset(*tokens):
    def action(lexer, m):
        lexer.groups(*tokens)
        _reset_stack(lexer)
    return action


def _token_reset(lexer, m):
    lexer.token("p")
    _reset_stack(lexer)


def _cycle(lexer, m):
    lexer.groups("nt", "w", _string_class(m.group(3), "na"), "w", "p", "w")
    lexer.push("variable_tag_markup")


def _for(lexer, m):
    lexer.groups("nt", "w", "nv", "w", "nt", "w")
    lexer.token(_string_class(m.group(7), "nv"), m.group(7))
    lexer.token("w", m.group(8))
    lexer.push("tag_markup")


class LiquidLexer(RougeLexer):
    STATES = {
        "root": [
            (r"[^\{]+", "", None),
            (r"(\{%-?)(\s*)", _groups_push("tag_or_block", "p", "w"), None),
            (r"(\{\{-?)(\s*)", _groups_push("output", "p", "w"), None),
            (r"\{", "", None),
        ],
        "tag_or_block": [
            (r"(if|elsif|unless|case)\b", "kr", "condition"),
            (r"(when)\b", "kr", "when"),
            (r"(else)(\s*)(-?%\})", _groups_pop("kr", "w", "p"), None),
            (r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})", _groups_pop("nt", "w", "nv", "w", "p"), None),
            (r"(comment)(\s*)(-?%\})", _groups_push("comment", "nt", "w", "p"), None),
            (r"(raw)(\s*)(-?%\})", _groups_push("raw", "nt", "w", "p"), None),
            (r"(end(?:if|unless|case))(\s*)(-?%\})", _groups_pop("kr", "w", "p"), None),
            (r"(end(?:[^\s%]+))(\s*)(-?%\})", _groups_pop("nt", "w", "p"), None),
            (r"(assign|echo)\b", "nt", "assign"),
            (r"(include|render)\b", "nt", "include"),
            (r"(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)", _cycle, None),
            (r"(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)((?:[^\s%,\|'\"]|(?:\"[^\"]*\"|'[^']*'))+)(\s*)", _for, None),
            (r"([^\s%]+)(\s*)", _groups_push("tag_markup", "nt", "w"), None),
        ],
        "output": [
            (r"(\|)(\s*)([a-zA-Z_][^\s}\|:]*)", _groups_push("filters", "p", "w", "nf"), None),
            ("mixin", "end_of_tag"),
            ("mixin", "generic"),
        ],
        "filters": [
            (r"(\|)(\s*)([a-zA-Z_][^\s%}\|:]*)", lambda lx, m: lx.groups("p", "w", "nf"), None),
            ("mixin", "end_of_tag"),
            ("mixin", "end_of_block"),
            ("mixin", "variable_param_markup"),
        ],
        "condition": [
            (r"([=!]=|[<>]=?)", "o", None),
            (r"(and|or|contains)\b", "ow", None),
            ("mixin", "end_of_block"),
            ("mixin", "generic"),
        ],
        "when": [
            ("mixin", "end_of_block"),
            ("mixin", "generic"),
        ],
        "end_of_tag": [
            (r"-?\}\}", _token_reset, None),
        ],
        "end_of_block": [
            (r"-?%\}", _token_reset, None),
        ],
        "param_markup": [
            ("mixin", "whitespace"),
            ("mixin", "keyword"),
            ("mixin", "string"),
            ("mixin", "number"),
            (r"([^\s=:]+)(\s*)(=|:)", lambda lx, m: lx.groups("na", "w", "o"), None),
            (r"[,:]", "p", None),
        ],
        "default_param_markup": [
            ("mixin", "param_markup"),
            (r"\S+", "", None),
        ],
        "variable_param_markup": [
            ("mixin", "param_markup"),
            ("mixin", "variable"),
            (r"\S+", "", None),
        ],
        "tag_markup": [
            (r"(reversed)\b", "na", None),
            ("mixin", "end_of_block"),
            ("mixin", "default_param_markup"),
        ],
        "variable_tag_markup": [
            ("mixin", "end_of_block"),
            ("mixin", "variable_param_markup"),
        ],
        "keyword": [
            (r"(false|true|nil)\b", "kc", None),
        ],
        "variable": [
            (r"(empty|blank|forloop\.[^\s%}\|:]+)\b", "nb", None),
            (r"\.(?=\w)|\[|\]", "p", None),
            (r"(first|last|size)\b", "nf", None),
            (r"[a-zA-Z_][\w-]*\??", "nv", None),
        ],
        "string": [
            (r"'[^']*'", "s1", None),
            (r"\"[^\"]*\"", "s2", None),
        ],
        "number": [
            (r"-", "o", None),
            (r"\d+\.\d+", "mf", None),
            (r"\d+", "mi", None),
        ],
        "generic": [
            ("mixin", "whitespace"),
            ("mixin", "keyword"),
            ("mixin", "string"),
            ("mixin", "number"),
            ("mixin", "variable"),
        ],
        "whitespace": [
            (r"[ \t]+", "w", None),
        ],
        "comment": [
            (r"[^\{]+", "c", None),
            (r"(\{%-?)(\s*)(endcomment)(\s*)(-?%\})", _groups_reset("p", "w", "nt", "w", "p"), None),
            (r"\{", "c", None),
        ],
        "raw": [
            (r"[^\{]+", "", None),
            (r"(\{%-?)(\s*)(endraw)(\s*)(-?%\})", _groups_reset("p", "w", "nt", "w", "p"), None),
            (r"\{", "", None),
        ],
        "assign": [
            (r"=", "o", None),
            (r"(\|)(\s*)([a-zA-Z_][^\s%\|:]*)", _groups_push("filters", "p", "w", "nf"), None),
            ("mixin", "end_of_block"),
            ("mixin", "generic"),
        ],
        "include": [
            (r"(\{\{-?)(\s*)", _groups_push("output_embed", "p", "w"), None),
            (r"(with|for)\b", "nt", None),
            (r"[\/\w-]+(\.[\w-]+)+\b", "", None),
            ("mixin", "variable_tag_markup"),
        ],
        "output_embed": [
            (r"(\|)(\s*)([a-zA-Z_][^\s}\|:]*)", lambda lx, m: lx.groups("p", "w", "nf"), None),
            (r"-?\}\}", "p", "#pop"),
            ("mixin", "variable_param_markup"),
        ],
    }
