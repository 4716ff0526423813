"""Rouge 3.30 lexers/javascript.rb (tag javascript; js)."""

from __future__ import annotations

from .engine import PYTHON_REGEX, RougeLexer

KEYWORDS = set("""as async await break case catch continue debugger default delete
do else export finally from for if import in instanceof new of
return super switch this throw try typeof void while yield""".split())
DECLARATIONS = set("var let const with function class extends constructor get set static".split())
RESERVED = set("enum implements interface package private protected public".split())
CONSTANTS = set("true false null NaN Infinity undefined".split())
BUILTINS = set("""Array Boolean Date Error Function Math netscape
Number Object Packages RegExp String sun decodeURI
decodeURIComponent encodeURI encodeURIComponent
Error eval isFinite isNaN parseFloat parseInt
document window navigator self global
Promise Set Map WeakSet WeakMap Symbol Proxy Reflect
Int8Array Uint8Array Uint8ClampedArray
Int16Array Uint16Array Uint16ClampedArray
Int32Array Uint32Array Uint32ClampedArray
Float32Array Float64Array DataView ArrayBuffer""".split())

# /[\p{L}\p{Nl}$_][\p{Word}]*/i in Python syntax
ID = r"(?:[^\W\d_]|[$_\u16ee-\u16f0\u2160-\u2188\u3007\u3021-\u3029\u3038-\u303a])\w*"


def _py(source: str) -> str:
    return PYTHON_REGEX + source


def _token_goto(tok, state):
    def action(lexer, m):
        lexer.token(tok)
        lexer.goto(state)
    return action


def _token_push(tok, *states):
    def action(lexer, m):
        lexer.token(tok)
        for state in states:
            lexer.push(state)
    return action


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
    elif name in CONSTANTS:
        lexer.token("kc")
    elif name in BUILTINS:
        lexer.token("nb")
    else:
        lexer.token("nx")


def _regex_group_error(lexer, m):
    lexer.token("err")
    lexer.pop(2)


def _decorator(lexer, m):
    lexer.groups("p", "nd")
    lexer.push("expr_start")


def _object_key(lexer, m):
    lexer.groups("na", "", "p")
    lexer.push("expr_start")


class JavascriptLexer(RougeLexer):
    STATES = {
        "multiline_comment": [
            (r"[*]/", "cm", "#pop"),
            (r"[^*/]+", "cm", None),
            (r"[*/]", "cm", None),
        ],
        "comments_and_whitespace": [
            (r"\s+", "", None),
            (r"<!--", "c", None),
            (r"//.*?$", "c1", None),
            (r"/[*]", "cm", "multiline_comment"),
        ],
        "expr_start": [
            ("mixin", "comments_and_whitespace"),
            (r"/", _token_goto("sr", "regex"), None),
            (r"[{]", _token_goto("p", "object"), None),
            (r"", "", "#pop"),
        ],
        "regex": [
            (r"/", _token_goto("sr", "regex_end"), None),
            (r"[^/]\n", "err", "#pop"),
            (r"\n", "err", "#pop"),
            (r"\[\^", "se", "regex_group"),
            (r"\[", "se", "regex_group"),
            (r"\\.", "se", None),
            (r"[(][?][:=<!]", "se", None),
            (r"[{][\d,]+[}]", "se", None),
            (r"[()?]", "se", None),
            (r".", "sr", None),
        ],
        "regex_end": [
            (r"[gimuy]+", "sr", "#pop"),
            (r"", lambda lx, m: lx.pop(), None),
        ],
        "regex_group": [
            (r"/", "se", None),
            (r"[^/]\n", _regex_group_error, None),
            (r"\]", "se", "#pop"),
            (r"\\.", "se", None),
            (r".", "sr", None),
        ],
        "root": [
            (r"\A\s*#!.*?\n", "cp", "statement", True),
            (r"(?<=\n)(?=\s|/|<!--)", "", "expr_start"),
            ("mixin", "comments_and_whitespace"),
            (r"\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==", "o", "expr_start"),
            (r"[-<>+*%&|\^/!=]=?", "o", "expr_start"),
            (r"[(\[,]", "p", "expr_start"),
            (r";", "p", "statement"),
            (r"[)\].]", "p", None),
            (r"`", _token_push("s2", "template_string"), None),
            (r"[?][.]", "p", None),
            (r"[?]", _token_push("p", "ternary", "expr_start"), None),
            (r"(\@)(\w+)?", _decorator, None),
            (r"[{}]", "p", "statement"),
            (_py(ID), _identifier, None),
            (r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?", "mf", None),
            (r"(?i:0x[0-9a-fA-F]+)", "mh", None),
            (r"(?i:0o[0-7][0-7_]*)", "mo", None),
            (r"(?i:0b[01][01_]*)", "mb", None),
            (r"[0-9]+", "mi", None),
            (r"\"", "dl", "dq"),
            (r"'", "dl", "sq"),
            (r":", "p", None),
        ],
        "dq": [
            (r"\\[\\nrt\"]?", "se", None),
            (r"[^\\\"]+", "s2", None),
            (r"\"", "dl", "#pop"),
        ],
        "sq": [
            (r"\\[\\nrt']?", "se", None),
            (r"[^\\']+", "s1", None),
            (r"'", "dl", "#pop"),
        ],
        "statement": [
            (r"case\b", _token_goto("k", "expr_start"), None),
            (_py(rf"({ID})([ \t\n\v\f\r]*)(:)"), lambda lx, m: lx.groups("nl", "", "p"), None),
            ("mixin", "expr_start"),
        ],
        "object": [
            ("mixin", "comments_and_whitespace"),
            (r"[{]", _token_push("p", "object"), None),
            (r"[}]", _token_goto("p", "statement"), None),
            (_py(rf"({ID})([ \t\n\v\f\r]*)(:)"), _object_key, None),
            (r":", "p", None),
            ("mixin", "root"),
        ],
        "ternary": [
            (r":", _token_goto("p", "expr_start"), None),
            ("mixin", "root"),
        ],
        "template_string": [
            (r"[$]{", "p", "template_string_expr"),
            (r"`", "s2", "#pop"),
            (r"\\[$`]", "se", None),
            (r"[^$`\\]+", "s2", None),
            (r"[\\$]", "s2", None),
        ],
        "template_string_expr": [
            (r"}", "p", "#pop"),
            ("mixin", "root"),
        ],
    }
