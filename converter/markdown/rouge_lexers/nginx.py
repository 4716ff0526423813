"""Rouge 3.30 lexers/nginx.rb (tag nginx)."""

from __future__ import annotations

from .engine import RougeLexer

ID = r"[^\s$;{}()#]+"


def _open_block(lexer, m):
    lexer.token("p")
    lexer.pop()
    lexer.push("block")


class NginxLexer(RougeLexer):
    STATES = {
        "root": [
            (r"(include)(\s+)([^\s;]+)", lambda lx, m: lx.groups("k", "", "n"), None),
            (ID, "k", "statement"),
            ("mixin", "base"),
        ],
        "block": [
            (r"}", "p", "#pop"),
            (ID, "kn", "statement"),
            ("mixin", "base"),
        ],
        "statement": [
            (r"{", _open_block, None),
            (r";", "p", "#pop"),
            ("mixin", "base"),
        ],
        "base": [
            (r"\s+", "", None),
            (r"#.*", "c1", None),
            (r"(?:on|off)\b", "no", None),
            (r"[$][\w-]+", "nv", None),
            (r"(?i:([a-z0-9.-]+)(:)([0-9]+))", lambda lx, m: lx.groups("nf", "p", "mi"), None),
            (r"(?i:[a-z-]+/[a-z-]+)", "nc", None),
            (r"(?i:[0-9]+[kmg]?\b)", "mi", None),
            (r"(~)(\s*)([^\s{]+)", lambda lx, m: lx.groups("p", "", "sr"), None),
            (r"[:=~]", "p", None),
            (rf"/(?:{ID})?", "n", None),
            (r"[^#\s;{}$\\]+", "s", None),
            (r"[$;]", "", None),
        ],
    }
