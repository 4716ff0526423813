"""Rouge 3.30 lexers/cpp.rb (tag cpp; c++): the C lexer with C++ keywords and rules."""

from __future__ import annotations

from . import c
from .c import ID, CLexer

DQ = r"(?:\d('?\d)*)"


def _prepend(rules: list, extra: list) -> list:
    return extra + rules


class CppLexer(CLexer):
    KEYWORDS = c.KEYWORDS | set("""
asm auto catch char8_t concept
consteval constexpr constinit const_cast co_await co_return co_yield
delete dynamic_cast explicit export friend
mutable namespace new operator private protected public
reinterpret_cast requires restrict size_of static_cast this throw throws
typeid typename using virtual final override
alignas alignof decltype noexcept static_assert
thread_local try""".split())
    KEYWORDS_TYPE = c.KEYWORDS_TYPE | {"bool"}
    RESERVED = c.RESERVED | set("""
__virtual_inheritance __uuidof __super __single_inheritance
__multiple_inheritance __interface __event""".split())
    STATES = {
        **CLexer.STATES,
        "root": _prepend(CLexer.STATES["root"], [
            (r"(?:__offload|__blockingoffload|__outer)\b", "kp", None),
        ]),
        "statements": _prepend(CLexer.STATES["statements"], [
            (r"(class|struct)\b", "k", "classname"),
            (r"template\b", "k", "template"),
            (rf"{DQ}(\.{DQ})?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\b", "mx", None),
            (rf"(?i:({DQ}[.]{DQ}?|[.]{DQ})(e[+-]?{DQ}[lu]*)?)", "mf", None),
            (rf"(?i:{DQ}e[+-]?{DQ}[lu]*)", "mf", None),
            (r"(?i:0x\h('?\h)*[lu]*)", "mh", None),
            (r"0b[01]+('[01]+)*", "mb", None),
            (r"(?i:0[0-7]('?[0-7])*[lu]*)", "mo", None),
            (rf"(?i:{DQ}[lu]*)", "mi", None),
            (r"\bnullptr\b", "nb", None),
            (r"(?:u8|u|U|L)?R\"([a-zA-Z0-9_{}\[\]#<>%:;.?*\+\-\/\^&|~!=,\"']{,16})\(.*?\)\1\"", "s", None, True),
            (r"(::|<=>)", "o", None),
            (r"[{}]", "p", None),
        ]),
        "classname": [
            (ID, "nc", "#pop"),
            ("mixin", "whitespace"),
            (r"[.]{3}", "o", None),
            (r",", "p", "#pop"),
            (r"", lambda lx, m: lx.pop(), None),
        ],
        "template": [
            (r"[>;]", "p", "#pop"),
            (r"typename\b", "k", "classname"),
            ("mixin", "statements"),
        ],
        "case": [
            (r":(?!:)", "p", "#pop"),
            ("mixin", "statements"),
        ],
    }
