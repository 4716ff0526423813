"""Ruby (Onigmo) regular expressions, transcribed for Python's ``re``.

kramdown's rules are regexes; porting them verbatim keeps the rules
recognisable. ``rx()`` rewrites the few spots where Ruby and Python differ:

- ``\\s \\S \\w \\W \\d`` are ASCII-only in Ruby (Python's are Unicode);
- Ruby's ``\\Z`` allows a final newline (Python ``(?=\\n?\\Z)``), Ruby ``\\z`` is Python ``\\Z``;
- ``(?<name>..)`` is ``(?P<name>..)``;
- ``\\p{Word}``, ``[[:alpha:]]``, ``[[:alnum:]]`` are Unicode classes;
- ``^``/``$`` always match at line boundaries (``re.M``); Ruby's ``/m`` is ``re.S``.
"""

from __future__ import annotations

import functools
import re

_SPACE = " \\t\\n\\v\\f\\r"
_IN_CLASS = {"s": _SPACE, "w": "a-zA-Z0-9_", "d": "0-9", "h": "0-9a-fA-F"}
_OUTSIDE = {
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "w": "[a-zA-Z0-9_]",
    "W": "[^a-zA-Z0-9_]",
    "d": "[0-9]",
    "D": "[^0-9]",
    "h": "[0-9a-fA-F]",
    "Z": "(?=\\n?\\Z)",
    "z": "\\Z",
}
# Unicode classes, substituted after the ASCII rewrite (markers survive it)
_UNICODE = {
    "\\p{Word}": "\\w",
    "[._[:alpha:]]": "(?:[^\\W\\d]|\\.)",
    "[._[:alnum:]]": "[\\w.]",
    "[[:alpha:]_.]": "(?:[^\\W\\d]|\\.)",
    "[[:alnum:]_.]": "[\\w.]",
    "[[:alnum:]_]": "\\w",
    "[[:alpha:]_]": "[^\\W\\d]",
    "[-[:alnum:]._]": "[\\w.-]",
    "[[:alnum:]-_.]": "[\\w.-]",
    "[[:alpha:]]": "[^\\W\\d_]",
    "[[:alnum:]]": "[^\\W_]",
}
_MARKERS = {key: f"\ue000{i}\ue001" for i, key in enumerate(_UNICODE)}


def translate(source: str) -> str:
    """Rewrite a Ruby regex source into an equivalent Python one."""
    for key, marker in _MARKERS.items():
        source = source.replace(key, marker)
    out = []
    in_class = False
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            nxt = source[i + 1]
            if in_class and nxt in _IN_CLASS:
                out.append(_IN_CLASS[nxt])
            elif not in_class and nxt in _OUTSIDE:
                out.append(_OUTSIDE[nxt])
            else:
                out.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            # a ']' or '^]' right after '[' is literal
            if source.startswith("^", i):
                out.append("^")
                i += 1
            if source.startswith("]", i):
                out.append("\\]")
                i += 1
            continue
        elif source.startswith("(?<", i) and i + 3 < len(source) and source[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        out.append(ch)
        i += 1
    result = "".join(out)
    for key, marker in _MARKERS.items():
        result = result.replace(marker, _UNICODE[key])
    return result


def possessive_line_tails(source: str) -> str:
    """Make ``.*?\\n``, ``.*\\n`` and ``.*)\\n`` possessive (``.*+``) in a Python regex
    source without re.S.

    ``.`` cannot match a newline, so a ``.*`` right before ``\\n`` can only end
    at the line's end: lazy, greedy and possessive give the same matches, but
    sre runs lazy ``.*?`` a character at a time (~10x slower on long lines) and
    retries greedy ``.*`` at every shorter length when the rest fails."""
    out = []
    in_class = False
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            out.append(source[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            if source.startswith("^", i):
                out.append("^")
                i += 1
            if source.startswith("]", i):
                out.append("]")
                i += 1
            continue
        elif ch == "." and source.startswith("*", i + 1):
            after = i + 2 + (source.startswith("?", i + 2) or source.startswith("+", i + 2))
            tail = source[after:]
            if tail.startswith("\\n") or tail.startswith(")\\n"):
                out.append(".*+")
                i = after
                continue
        out.append(ch)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def rx(source: str, dotall: bool = False) -> re.Pattern:
    """Compile a Ruby regex source (``dotall`` is Ruby's ``/m``)."""
    flags = re.M | (re.S if dotall else 0)
    python_source = translate(source)
    if not dotall:
        python_source = possessive_line_tails(python_source)
    return re.compile(python_source, flags)


def escape(text: str) -> str:
    """Regexp.escape: the text as a literal pattern."""
    return re.escape(text)
