"""Rouge 3.30 lexers/diff.rb (tag diff; patch, udiff)."""

from __future__ import annotations

from .engine import RougeLexer


class DiffLexer(RougeLexer):
    STATES = {
        "root": [
            (r"^ .*$\n?", "", None),
            (r"^---$\n?", "p", None),
            (r"^[+>]+.*$\n?", "gi", None),
            (r"^\+.*$\n?", "gi", None),
            (r"^[-<]+.*$\n?", "gd", None),
            (r"^!.*$\n?", "gs", None),
            (r"^([Ii]ndex|diff).*$\n?", "gh", None),
            (r"^(@@[^@]*@@)([^\n]*\n)", lambda lx, m: lx.groups("p", ""), None),
            (r"^\w.*$\n?", "p", None),
            (r"^=.*$\n?", "gh", None),
            (r"\s.*$\n?", "", None),
        ],
    }
