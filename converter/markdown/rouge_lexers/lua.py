"""Rouge 3.30 lexers/lua.rb (tag lua) with its default options (function
highlighting on, no module disabled)."""

from __future__ import annotations

from .engine import RougeLexer
from .lua_builtins import LUA_BUILTINS


def _name(lexer, m):
    name = m.group(0)
    if name == "gsub":
        lexer.token("nb")
        lexer.push("gsub")
    elif name in LUA_BUILTINS:
        lexer.token("nb")
    elif "." in name:
        a, b = name.split(".", 1)
        lexer.token("n", a)
        lexer.token("p", ".")
        lexer.token("n", b)
    else:
        lexer.token("n")


def _function_name(lexer, m):
    lexer.groups("nc", "p", "nf")
    lexer.pop()


def _regex_close(lexer, m):
    lexer.token("sr")
    lexer.goto("regex_end")


class LuaLexer(RougeLexer):
    STATES = {
        "root": [
            (r"#!(.*?)$", "cp", None),
            (r"", "", "base"),
        ],
        "base": [
            (r"--\[(=*)\[.*?\]\1\]", "cm", None, True),
            (r"--.*$", "c1", None),
            (r"(?i)(\d*\.\d+|\d+\.\d*)(e[+-]?\d+)?'", "mf", None),
            (r"(?i)\d+e[+-]?\d+", "mf", None),
            (r"(?i)0x[0-9a-f]*", "mh", None),
            (r"\d+", "mi", None),
            (r"\n", "", None),
            (r"[^\S\n]", "", None),
            (r"\[(=*)\[.*?\]\1\]", "s", None, True),
            (r"(==|~=|<=|>=|\.\.\.|\.\.|[=+\-*/%^<>#])", "o", None),
            (r"[\[\]\{\}\(\)\.,:;]", "p", None),
            (r"(and|or|not)\b", "ow", None),
            (r"(break|do|else|elseif|end|for|if|in|repeat|return|then|until|while)\b", "k", None),
            (r"(local)\b", "kd", None),
            (r"(true|false|nil)\b", "kc", None),
            (r"(function)\b", "k", "function_name"),
            (r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?", _name, None),
            (r"'", "s1", "escape_sqs"),
            (r"\"", "s2", "escape_dqs"),
        ],
        "function_name": [
            (r"\s+", "", None),
            (r"(?:([A-Za-z_][A-Za-z0-9_]*)(\.))?([A-Za-z_][A-Za-z0-9_]*)", _function_name, None),
            (r"\(", "p", "#pop"),
        ],
        "gsub": [
            (r"\)", "p", "#pop"),
            (r"[(,]", "p", None),
            (r"\s+", "", None),
            (r"\"", "sr", "regex"),
        ],
        "regex": [
            (r"\"", _regex_close, None),
            (r"\[\^?", "se", "regex_group"),
            (r"\\.", "se", None),
            (r"[(][?][:=<!]", "se", None),
            (r"[{][\d,]+[}]", "se", None),
            (r"[()?]", "se", None),
            (r".", "sr", None),
        ],
        "regex_end": [
            (r"[$]+", "sr", "#pop"),
            (r"", lambda lx, m: lx.pop(), None),
        ],
        "regex_group": [
            (r"/", "se", None),
            (r"\]", "se", "#pop"),
            (r"(\\)(.)", lambda lx, m: lx.groups("se", "sr"), None),
            (r".", "sr", None),
        ],
        "escape_sqs": [("mixin", "string_escape"), ("mixin", "sqs")],
        "escape_dqs": [("mixin", "string_escape"), ("mixin", "dqs")],
        "string_escape": [
            (r"\\([abfnrtv\\\"']|\d{1,3})", "se", None),
        ],
        "sqs": [
            (r"'", "s1", "#pop"),
            (r"[^']+", "s1", None),
        ],
        "dqs": [
            (r"\"", "s2", "#pop"),
            (r"[^\"]+", "s2", None),
        ],
    }
