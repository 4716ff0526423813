"""Rouge 3.30 lexers/tex.rb (tag tex; TeX, LaTeX, latex)."""

from __future__ import annotations

from .engine import RougeLexer

COMMAND = r"(?i:\\([a-z]+|\s+|.))"


class TeXLexer(RougeLexer):
    STATES = {
        "general": [
            (r"%.*$", "c", None),
            (r"[{}&_^]", "p", None),
        ],
        "root": [
            (r"\\\[", "p", "displaymath"),
            (r"\\\(", "p", "inlinemath"),
            (r"\$\$", "p", "displaymath"),
            (r"\$", "p", "inlinemath"),
            (r"\\(begin|end)\{.*?\}", "nt", None),
            (r"(\\verb)\b(\S)(.*?)(\2)", lambda lx, m: lx.groups("nb", "kp", "sx", "kp"), None),
            (COMMAND, "k", "command"),
            ("mixin", "general"),
            (r"[^\\$%&_^{}]+", "", None),
        ],
        "math": [
            (COMMAND, "nv", None),
            ("mixin", "general"),
            (r"[0-9]+", "m", None),
            (r"[-=!+*\/()\[\]]", "o", None),
            (r"[^=!+*\/()\[\]\\$%&_^{}0-9-]+", "nb", None),
        ],
        "inlinemath": [
            (r"\\\)", "p", "#pop"),
            (r"\$", "p", "#pop"),
            ("mixin", "math"),
        ],
        "displaymath": [
            (r"\\\]", "p", "#pop"),
            (r"\$\$", "p", "#pop"),
            (r"\$", "nb", None),
            ("mixin", "math"),
        ],
        "command": [
            (r"\[.*?\]", "na", None),
            (r"\*", "k", None),
            (r"", lambda lx, m: lx.pop(), None),
        ],
    }
