"""Rouge 3.30 lexers/scss.rb with sass/common.rb's shared states (tag scss)."""

from __future__ import annotations

from .css_words import CSS_ATTRIBUTES, CSS_BUILTINS, CSS_CONSTANTS
from .engine import RougeLexer

ID = r"[\w-]+"


def _groups_push(state, *tokens):
    def action(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return action


def _push(state):
    def action(lexer, m):
        lexer.push(state)
    return action


def _value_identifier(lexer, m):
    name = m.group(0)
    if name in CSS_BUILTINS:
        lexer.token("nb")
    elif name in CSS_CONSTANTS:
        lexer.token("no")
    else:
        lexer.token("n")


def _attr_identifier(lexer, m):
    lexer.token("nl" if m.group(0) in CSS_ATTRIBUTES else "na")


def _end_section(lexer, m):
    lexer.token("p")
    lexer.stack[:] = ["root"]  # reset_stack


COMMON = {
    "content_common": [
        (r"@for\b", "k", "for"),
        (r"@(debug|warn|if|each|while|else|return|media)", "k", "value"),
        (rf"(@mixin)(\s+)({ID})", _groups_push("value", "k", "", "nf"), None),
        (rf"(@function)(\s+)({ID})", _groups_push("value", "k", "", "nf"), None),
        (r"@extend\b", "k", "selector"),
        (rf"(@include)(\s+)({ID})", _groups_push("value", "k", "", "nd"), None),
        (rf"@{ID}", "k", "selector"),
        (r"&", "k", "selector"),
        (rf"([$]{ID})([ \t]*)(:)", _groups_push("value", "nv", "", "p"), None),
    ],
    "value": [
        ("mixin", "end_section"),
        (r"[ \t]+", "", None),
        (rf"[$]{ID}", "nv", None),
        (r"url[(]", "sx", "string_url"),
        (rf"{ID}(?=\s*[(])", "nf", None),
        (rf"%{ID}", "nd", None),
        (r"(true|false)\b", "bp", None),
        (r"(and|or|not)\b", "ow", None),
        (r"(?i:#[a-z0-9]{1,6})", "mh", None),
        (r"-?\d+(%|[a-z]+)?", "m", None),
        (r"-?\d*\.\d+(%|[a-z]+)?", "mi", None),
        ("mixin", "has_strings"),
        ("mixin", "has_interp"),
        (r"[~^*!&%<>\|+=@:,.\/?-]+", "o", None),
        (r"[\[\]()]+", "p", None),
        (r"/[*]", "cm", "inline_comment"),
        (r"//[^\n]*", "c1", None),
        (ID, _value_identifier, None),
    ],
    "has_interp": [
        (r"[#][{]", "si", "interpolation"),
    ],
    "has_strings": [
        (r"\"", "s2", "dq"),
        (r"'", "s1", "sq"),
    ],
    "interpolation": [
        (r"}", "si", "#pop"),
        ("mixin", "value"),
    ],
    "selector": [
        ("mixin", "end_section"),
        ("mixin", "has_strings"),
        ("mixin", "has_interp"),
        (r"[ \t]+", "", None),
        (r":", "nd", "pseudo_class"),
        (r"[.]", "nc", "class"),
        (r"#", "nn", "id"),
        (r"%", "nv", "placeholder"),
        (ID, "nt", None),
        (r"&", "k", None),
        (r"[~^*!&\[\]()<>\|+=@:;,.\/?-]", "o", None),
    ],
    "dq": [
        (r"\"", "s2", "#pop"),
        ("mixin", "has_interp"),
        (r"(\\.|#(?![{])|[^\n\"#])+", "s2", None),
    ],
    "sq": [
        (r"'", "s1", "#pop"),
        ("mixin", "has_interp"),
        (r"(\\.|#(?![{])|[^\n'#])+", "s1", None),
    ],
    "string_url": [
        (r"[)]", "sx", "#pop"),
        (r"(\\.|#(?![{])|[^\n)#])+", "sx", None),
        ("mixin", "has_interp"),
    ],
    "selector_piece": [
        ("mixin", "has_interp"),
        (r"", lambda lx, m: lx.pop(), None),
    ],
    "pseudo_class": [(ID, "nd", None), ("mixin", "selector_piece")],
    "class": [(ID, "nc", None), ("mixin", "selector_piece")],
    "id": [(ID, "nn", None), ("mixin", "selector_piece")],
    "placeholder": [(ID, "nv", None), ("mixin", "selector_piece")],
    "for": [
        (r"(from|to|through)", "ow", None),
        ("mixin", "value"),
    ],
    "attr_common": [
        ("mixin", "has_interp"),
        (ID, _attr_identifier, None),
    ],
    "attribute": [
        ("mixin", "attr_common"),
        (r"([ \t]*)(:)", _groups_push("value", "", "p"), None),
    ],
    "inline_comment": [
        (r"(\\#|#(?=[^\n{])|\*(?=[^\n\/])|[^\n#*])+", "cm", None),
        ("mixin", "has_interp"),
        (r"[*]/", "cm", "#pop"),
    ],
}


class ScssLexer(RougeLexer):
    STATES = {
        **COMMON,
        "root": [
            (r"\s+", "", None),
            (r"//.*?$", "c1", None),
            (r"/[*].*?[*]/", "cm", None, True),
            (r"@import\b", "k", "value"),
            ("mixin", "content_common"),
            (r"(?=[^;{}][;}])", _push("attribute"), None),
            (r"(?=[^;{}:\[]+:[^a-z])", _push("attribute"), None),
            (r"", _push("selector"), None),
        ],
        "end_section": [
            (r"\n", "", None),
            (r"[;{}]", _end_section, None),
        ],
    }
