"""Rouge 3.30 lexers/xml.rb (tag xml)."""

from __future__ import annotations

from .engine import PYTHON_REGEX, RougeLexer

# Onigmo's \p{L} and [\p{Word}\p{Cf}:.·-] in Python terms (\p{Cf}: format characters)
_CF = "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
NAME_START = r"[^\W\d]"  # \p{L} and '_' (Python's letters); ':' is added below
NAME_CHAR = rf"[\w{_CF}:.·\-]"
NAME = rf"(?:{NAME_START}|:){NAME_CHAR}*"
WS = r"[ \t\n\v\f\r]"  # Ruby's ASCII \s


class XMLLexer(RougeLexer):
    STATES = {
        "root": [
            (r"[^<&]+", "", None),
            (r"&\S*?;", "ni", None),
            (r"<!\[CDATA\[.*?\]\]\>", "cp", None),
            (r"<!--", "c", "comment"),
            (r"<\?.*?\?>", "cp", None),
            (r"<![^>]*>", "cp", None),
            (PYTHON_REGEX + rf"<{WS}*{NAME}", "nt", "tag"),
            (PYTHON_REGEX + rf"<{WS}*/{WS}*{NAME}{WS}*>", "nt", None),
        ],
        "comment": [
            (r"[^-]+", "c", None, True),
            (r"-->", "c", "#pop"),
            (r"-", "c", None),
        ],
        "tag": [
            (r"\s+", "", None, True),
            (PYTHON_REGEX + rf"{NAME}{WS}*=", "na", "attr"),
            (r"/?\s*>", "nt", "#pop"),
        ],
        "attr": [
            (r"\s+", "", None, True),
            (r"\".*?\"|'.*?'|[^\s>]+", "s", "#pop", True),
        ],
    }
