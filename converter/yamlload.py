"""YAML as Jekyll reads it: Ruby's Psych (YAML 1.1) through ruamel.yaml.

Psych differs from both YAML 1.1 and 1.2 as Python libraries implement
them: booleans are yes/no/on/off/true/false in any case (but not y/n),
integers may hold `_` and `,`, timestamps become Ruby `Time` (local time
when no zone is given) and bare dates become `Date`.  Anchors and aliases
are allowed (academicpages writes `name: &name`), with a cap on alias
expansion so that a "billion laughs" document stops with an error.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver

from converter.errors import BuildError, YAMLLimitError, YAMLNestingError
from converter.rubytypes import RubyDate, RubyTime

MAX_EXPANDED_NODES = 1_000_000

try:
    import _ruamel_yaml  # noqa: F401  (the module ruamel.yaml.clib installs)
    HAS_CLIB = True
except ImportError:
    HAS_CLIB = False

BOOL_TRUE = {"yes", "true", "on"}
BOOL_FALSE = {"no", "false", "off"}

# Psych's ScalarScanner regexes (psych/scalar_scanner.rb).
INT_RE = re.compile(r"""^(?:[-+]?0b[0-1_,]+
    |[-+]?0[0-7_,]+
    |[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)
    |[-+]?0x[0-9a-fA-F_,]+)$""", re.X)
FLOAT_RE = re.compile(r"^(?:[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?"
                      r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
BASE60_INT_RE = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$")
DATE_RE = re.compile(r"^\d{4}-\d\d?-\d\d?$")
TIME_RE = re.compile(
    r"^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?"
    r"(?:\s*(?:Z|[-+]\d{1,2}(?::?\d\d)?))?$")


class PsychResolver(BaseResolver):
    """Decides the type of a plain scalar the way Psych does."""

    def __init__(self, version=None, loader=None, loadumper=None):
        super().__init__(loadumper=loader or loadumper)

    @property
    def processing_version(self):
        return (1, 1)


# Psych's implicit typing of plain scalars: (tag, pattern, first characters), in the
# order they are tried.  The resolver and the simple front matter reader share it.
PSYCH_IMPLICIT = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:yes|true|on|no|false|off)$", re.I),
     list("yYnNtTfFoO")),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", TIME_RE, list("-0123456789")),
    ("tag:yaml.org,2002:timestamp", DATE_RE, list("0123456789")),
    ("tag:yaml.org,2002:int", INT_RE, list("-+0123456789")),
    ("tag:yaml.org,2002:int", BASE60_INT_RE, list("-+0123456789")),
    ("tag:yaml.org,2002:float", FLOAT_RE, list("-+0123456789.")),
    ("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"]),
]
for _tag, _pattern, _first in PSYCH_IMPLICIT:
    PsychResolver.add_implicit_resolver(_tag, _pattern, _first)


def psych_bool(text: str) -> bool:
    return text.lower() in BOOL_TRUE


def psych_int(text: str) -> int:
    text = text.replace("_", "").replace(",", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if ":" in text:
        value = 0
        for part in text.split(":"):
            value = value * 60 + int(part)
        return sign * value
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if len(text) > 1 and text.startswith("0"):
        return sign * int(text, 8)
    return sign * int(text)


def psych_float(text: str) -> float:
    text = text.replace("_", "").replace(",", "").lower()
    if text.endswith("inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text.endswith("nan"):
        return float("nan")
    return float(text)


class PsychConstructor(SafeConstructor):
    """Builds Python values with Psych's conversions."""

    def check_mapping_key(self, node, key_node, mapping, key, value) -> bool:
        return True  # a repeated key: Psych keeps the last value (ruamel the first)

    def flatten_mapping(self, node) -> None:
        """Merge keys (`<<`) as Psych reads them: the merged pairs take the merge key's
        place, so keys after it override them and keys before it are overridden."""
        pairs = []
        for key_node, value_node in node.value:
            if key_node.tag != "tag:yaml.org,2002:merge":
                pairs.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            if not all(isinstance(source, MappingNode) for source in sources):
                return super().flatten_mapping(node)  # ruamel's error message
            for source in reversed(sources):  # earlier mappings of a list win
                self.flatten_mapping(source)
                pairs.extend(source.value)
        node.value = pairs

    def construct_yaml_bool(self, node):
        return psych_bool(self.construct_scalar(node))

    def construct_yaml_int(self, node):
        return psych_int(self.construct_scalar(node))

    def construct_yaml_float(self, node):
        return psych_float(self.construct_scalar(node))

    def construct_yaml_timestamp(self, node, values=None):
        return parse_timestamp(self.construct_scalar(node))


for _tag, _method in (("bool", PsychConstructor.construct_yaml_bool),
                      ("int", PsychConstructor.construct_yaml_int),
                      ("float", PsychConstructor.construct_yaml_float),
                      ("timestamp", PsychConstructor.construct_yaml_timestamp)):
    PsychConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _method)


def parse_timestamp(text: str):
    """A YAML timestamp as Psych returns it: Date, or Time (UTC/offset/local)."""
    text = text.strip()
    if DATE_RE.match(text):
        year, month, day = (int(p) for p in text.split("-"))
        try:
            return RubyDate(year, month, day)
        except ValueError:
            return text  # Psych leaves impossible dates as strings
    match = re.match(r"^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)"
                     r"(?:\.(\d*))?\s*(Z|[-+]\d{1,2}(?::?\d\d)?)?$", text)
    if not match:
        return text
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    micro = int((match.group(7) or "0")[:6].ljust(6, "0"))
    zone = match.group(8)
    if zone is None:
        # Psych: Time.at(utc seconds) -> the process's local zone.
        utc = dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=dt.timezone.utc)
        return RubyTime.wrap(utc.astimezone())
    if zone == "Z":
        tz = dt.timezone.utc
    else:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        hours = int(digits[:-2] if len(digits) > 2 else digits)
        minutes = int(digits[-2:]) if len(digits) > 2 else 0
        tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    return RubyTime(year, month, day, hour, minute, second, micro, tzinfo=tz)


class AliasBombError(YAMLError):
    """Aliases that expand past MAX_EXPANDED_NODES."""


class _BoundedConstructor(PsychConstructor):
    """Refuses documents whose aliases expand to an enormous tree ("billion laughs").

    Python shares aliased objects, so loading is cheap, but every later walk
    (merging defaults, jsonify, inspect) would expand them.
    """

    def construct_document(self, node):
        if expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise AliasBombError("too many alias expansions (possible YAML bomb)")
        return super().construct_document(node)


MAX_DEPTH = 400  # deeper YAML is not data a site needs; stop before the stack does


def expanded_size(node, memo: dict, depth: int = 0) -> int:
    if depth > MAX_DEPTH:
        raise RecursionError("YAML nested too deeply")
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # guards recursive aliases
    value = node.value
    if isinstance(value, list):
        total = 1
        for child in value:
            if isinstance(child, tuple):
                total += expanded_size(child[0], memo, depth + 1) + \
                    expanded_size(child[1], memo, depth + 1)
            else:
                total += expanded_size(child, memo, depth + 1)
            if total > MAX_EXPANDED_NODES:
                break
    else:
        total = 1
    memo[key] = total
    return total


_LOADERS = threading.local()


def _make_yaml(pure: bool = not HAS_CLIB) -> YAML:
    """A loader for this thread, made once (making one looks for plug-ins on disk)."""
    yaml = getattr(_LOADERS, "pure" if pure else "fast", None)
    if yaml is None:
        yaml = _new_yaml(pure)
        setattr(_LOADERS, "pure" if pure else "fast", yaml)
    return yaml


def _new_yaml(pure: bool) -> YAML:
    # ruamel.yaml.clib's C scanner when installed (about 3x faster on front matter);
    # typing stays in PsychResolver/PsychConstructor either way.
    yaml = YAML(typ="safe", pure=pure)
    yaml.Resolver = PsychResolver
    yaml.Constructor = _BoundedConstructor
    yaml.allow_duplicate_keys = True  # Psych keeps the last value
    return yaml


YAML_HINT = ("Check the indentation and quoting near there: a value holding ': ', ' #' "
             "or starting with [ { * & ! | > % @ needs quotes.")


# --- simple front matter ------------------------------------------------------------
# Nearly all front matter is `key: scalar` lines and `key:` lists of `- scalar`.  Those
# are read here with the same typing (PSYCH_IMPLICIT and the psych_* conversions), many
# times faster than the YAML machinery; anything else, even slightly unusual (flow
# collections, anchors, block scalars, escapes, continuation lines, comments after a
# value, tabs), returns None and goes to ruamel.

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"( *)- +(.+)")
_PLAIN_FIRST = re.compile(r"""[^-?:,\[\]{}#&*!|>'"%@`\s]|-[0-9]""")  # no indicator, no "- "
_IMPLICIT_BY_FIRST: dict[str, list] = {}
for _tag, _pattern, _first in PSYCH_IMPLICIT:
    for _char in _first:
        _IMPLICIT_BY_FIRST.setdefault(_char, []).append((_tag, _pattern))
_CONVERT = {"tag:yaml.org,2002:null": lambda text: None,
            "tag:yaml.org,2002:bool": psych_bool,
            "tag:yaml.org,2002:int": psych_int,
            "tag:yaml.org,2002:float": psych_float,
            "tag:yaml.org,2002:timestamp": parse_timestamp}
_DECLINE = object()
# Characters YAML refuses (controls, surrogates) or reads as line breaks (NEL, LS, PS),
# and the byte order mark: text holding any goes to the parser.
_NOT_PLAIN_TEXT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                             "\U00010000-\U0010ffff]")


def simple_scalar(text: str):
    """The value of a one-line scalar, or _DECLINE when it needs the full parser."""
    text = text.rstrip(" ")
    if not text or text[0] == "#":  # `key:` or `key: # comment`
        return None
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            return _DECLINE
        return inner.replace("''", "'")
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            return _DECLINE
        return inner
    if not _PLAIN_FIRST.match(text) or ": " in text or " #" in text or text[-1] == ":":
        return _DECLINE
    for tag, pattern in _IMPLICIT_BY_FIRST.get(first, ()):
        if pattern.match(text):
            convert = _CONVERT.get(tag)
            return _DECLINE if convert is None else convert(text)
    return text


def load_simple(text: str):
    """A mapping of simple front matter (see above), or None to use the YAML parser."""
    if "\t" in text or "\r" in text or _NOT_PLAIN_TEXT.search(text):
        return None
    lines = text.split("\n")
    if lines[0].rstrip(" ") == "---":  # front matter comes with its document start
        del lines[0]
    data: dict = {}
    items: list | None = None  # the list the current `key:` collects
    item_indent = None
    for line in lines:
        if not line.strip(" ") or line.startswith("#"):
            continue
        match = _ITEM_LINE.fullmatch(line)
        if match and items is not None:
            indent = len(match.group(1))
            if item_indent is None:
                item_indent = indent
            value = simple_scalar(match.group(2))
            if indent != item_indent or value is _DECLINE:
                return None
            items.append(value)
            continue
        match = _KEY_LINE.fullmatch(line)
        if not match:
            return None
        key, rest = match.groups()
        if simple_scalar(key) != key:  # a key Psych types (yes, null, 1e3...)
            return None
        if items:
            items = None
        value = simple_scalar(rest or "")
        if value is _DECLINE:
            return None
        if value is None and not (rest or "").strip(" "):
            items, item_indent = [], None  # maybe a list follows
            data[key] = items
        else:
            items = None
            data[key] = value
    if not data:
        return None
    for key, value in data.items():
        if value.__class__ is list and not value:
            data[key] = None  # `key:` with no items is null
    return data


def load_yaml(text: str, path: str | None = None, line_offset: int = 0) -> Any:
    """Parse YAML text; errors become BuildError naming the file, line and column."""
    simple = load_simple(text)
    if simple is not None:
        return simple
    try:
        try:
            return _make_yaml().load(text)
        except YAMLError:
            if not HAS_CLIB:
                raise
            # Bad YAML is rare: read it again in pure Python, whose marks point at
            # the problem more precisely than the C scanner's.
            return _make_yaml(pure=True).load(text)
    except MarkedYAMLError as exc:
        raise marked_error(exc, path, line_offset) from exc
    except AliasBombError as exc:
        raise YAMLLimitError(f"YAML error: {exc}", path,
                             hint=f"Aliases (*name) may expand to at most {MAX_EXPANDED_NODES:,} "
                                  "values; write the data out instead.") from exc
    except RecursionError as exc:
        raise YAMLNestingError("YAML error: nested too deeply to read", path,
                               hint="Flatten the nested lists or mappings.") from exc
    except YAMLError as exc:
        raise BuildError(f"YAML error: {exc}", path) from exc


def marked_error(exc: MarkedYAMLError, path: str | None, line_offset: int) -> BuildError:
    """Point at the problem, or, when the text ended too early, at what was left open."""
    problem = str(exc.problem or "").replace("'<stream end>'", "the end of the text")
    mark, context = exc.problem_mark, exc.context
    ended_early = "end of the text" in problem or "end of stream" in problem
    if exc.context_mark is not None and (mark is None or ended_early):
        mark = exc.context_mark
    elif exc.context_mark is not None and context:
        opened = exc.context_mark
        context += f" (started at line {opened.line + 1 + line_offset}, column {opened.column + 1})"
    cause = "; ".join(part for part in (context, problem) if part) or str(exc)
    line = mark.line + 1 + line_offset if mark else None
    column = mark.column + 1 if mark else None
    return BuildError(f"YAML error: {cause}", path, line, column=column, hint=YAML_HINT)
