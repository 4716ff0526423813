"""Ruby semantics that Jekyll's Liquid output depends on.

Liquid templates see Ruby values: `to_s` decides what `{{ x }}` prints,
`inspect` what `{{ x | inspect }}` and hashes print, `strftime` what the
`date` filters print, and Liquid's number coercion what the math filters
return.  Everything here is pure and cheap; format strings are compiled once.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Callable

from liquid import Undefined

from converter.rubytypes import RubyDate, RubyTime, utc_offset

# --------------------------------------------------------------------------
# nil


# Never Undefined: answered without isinstance against Undefined, an ABC (a Mapping).
_PLAIN = frozenset((str, int, float, bool, list, dict, tuple))


def is_nil(value: object) -> bool:
    """True for Ruby's nil: None, or a variable Liquid could not resolve."""
    return value is None or (value.__class__ not in _PLAIN and isinstance(value, Undefined))


def truthy(value: object) -> bool:
    """Ruby truthiness: only nil and false are false."""
    return not (value is None or value is False or (
        value.__class__ not in _PLAIN and isinstance(value, Undefined)))


class MethodLiteral(str):
    """Liquid's `empty`/`blank` used as a value: prints '', and Jekyll's `where`
    treats it as "is empty" (nil, "" and [] all match)."""

    __slots__ = ()


EMPTY = MethodLiteral("")
BLANK = MethodLiteral("")


class BlankInCondition:
    """`blank` compared in a condition: Ruby asks the other side for `blank?`, which
    no Liquid value has without ActiveSupport, so `x == blank` is always false."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __str__(self) -> str:
        return ""


BLANK_IN_CONDITION = BlankInCondition()

# --------------------------------------------------------------------------
# to_s


def float_to_s(value: float) -> str:
    """Ruby's Float#to_s: shortest round-trip digits, `1.0`, `1.0e+16`."""
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text = "".join(map(str, digits))
    point = len(text) + exponent  # digits before the decimal point
    minus = "-" if sign else ""
    if 0 < point <= 15:
        whole, frac = text[:point].ljust(point, "0"), text[point:] or "0"
        return f"{minus}{whole}.{frac}"
    if -4 < point <= 0:
        return f"{minus}0.{'0' * -point}{text}"
    mantissa = text[0] + "." + (text[1:] or "0")
    return f"{minus}{mantissa}e{point - 1:+03d}"


def to_s(value: object) -> str:
    """What Liquid prints for a value (`{{ value }}`): Ruby's to_s, arrays joined."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, Undefined):
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_s(item) for item in value)
    if isinstance(value, dict):
        return inspect(value)
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, Decimal):
        return float_to_s(float(value))
    return str(value)


# --------------------------------------------------------------------------
# inspect

_INSPECT_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
    "\x1b": "\\e", "\x07": "\\a", "\x08": "\\b", "\x0c": "\\f", "\x0b": "\\v",
}
_INSPECT_SPECIAL = re.compile(r'["\\\n\t\r\x1b\x07\x08\x0c\x0b]|#(?=[{$@])|[\x00-\x1f\x7f]')


def _inspect_char(match: re.Match) -> str:
    char = match.group()
    if char in _INSPECT_ESCAPES:
        return _INSPECT_ESCAPES[char]
    if char == "#":
        return "\\#"
    if char == "\x7f":
        return "\\x7F"
    return f"\\x{ord(char):02X}" if ord(char) < 0x20 else char


def inspect_string(value: str) -> str:
    return '"' + _INSPECT_SPECIAL.sub(_inspect_char, value) + '"'


def inspect(value: object) -> str:
    """Ruby's #inspect (Ruby 3.1: `{"a"=>1}`, `[1, "b"]`, `nil`)."""
    if isinstance(value, str):
        return inspect_string(value)
    if value is None or isinstance(value, Undefined):
        return "nil"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, RubyTime) or isinstance(value, _dt.datetime):
        return time_inspect(value)
    if isinstance(value, _dt.date):
        return date_inspect(value)
    if isinstance(value, dict):
        items = (f"{inspect(k)}=>{inspect(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, Mapping):  # a Jekyll drop inspects as pretty JSON
        return to_json(value, pretty=True)
    return str(value)


def time_inspect(value: _dt.datetime) -> str:
    """Time#inspect: like to_s, with the fraction of a second when there is one."""
    frac = f".{value.microsecond:06d}".rstrip("0") if value.microsecond else ""
    zone = "UTC" if _is_utc(value) else utc_offset(value)
    return value.strftime("%Y-%m-%d %H:%M:%S") + frac + " " + zone


def date_inspect(value: _dt.date) -> str:
    jd = value.toordinal() + 1721425
    return f"#<Date: {value.isoformat()} (({jd}j,0s,0n),+0s,2299161j)>"


def _is_utc(value: _dt.datetime) -> bool:
    return value.tzinfo is _dt.timezone.utc or str(value.tzinfo) == "UTC"


# --------------------------------------------------------------------------
# JSON, as Ruby's json 2.6 generates it (JSON.generate / JSON.pretty_generate)

_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                 "\b": "\\b", "\f": "\\f"}
_JSON_SPECIAL = re.compile(r'["\\\x00-\x1f]')
# Jekyll's DocumentDrop#hash_for_json: nested documents drop these keys
_COLLAPSED_KEYS = frozenset(("content", "output", "excerpt", "next", "previous"))


def json_string(text: str) -> str:
    return '"' + _JSON_SPECIAL.sub(
        lambda m: _JSON_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + '"'


def to_json(value: object, depth: int = 0, pretty: bool = False) -> str:
    """`value.to_json` (pretty: JSON.pretty_generate); drops as their hashes."""
    if isinstance(value, str):
        return json_string(value)
    if value is None or isinstance(value, Undefined):
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise LiquidArgumentError(f"{float_to_s(value)} not allowed in JSON")
        return float_to_s(value)
    if isinstance(value, (list, tuple)):
        return _json_container("[", "]", [to_json(v, depth + 1, pretty) for v in value],
                               depth, pretty)
    if isinstance(value, Mapping):
        members = [(json_string(to_s(k) if not isinstance(k, str) else k),
                    to_json(v, depth + 1, pretty)) for k, v in _json_items(value, depth)]
        separator = ": " if pretty else ":"
        return _json_container("{", "}", [k + separator + v for k, v in members],
                               depth, pretty)
    return json_string(to_s(value))


def _json_items(value: Mapping, depth: int):
    """A hash's items; a document drop nested twice collapses its neighbours."""
    if isinstance(value, dict):
        return value.items()
    items = [(key, value[key]) for key in value.keys()]
    if depth < 2:
        return items
    return [(key, _collapse(item) if key in ("previous", "next") and isinstance(item, Mapping)
             else item) for key, item in items]


def _collapse(document: Mapping) -> dict:
    return {key: document[key] for key in document.keys() if key not in _COLLAPSED_KEYS}


def _json_container(opening: str, closing: str, parts: list[str], depth: int,
                    pretty: bool) -> str:
    if not pretty:
        return opening + ",".join(parts) + closing
    outer, inner = "  " * depth, "  " * (depth + 1)
    if not parts:  # json 2.6 keeps the newlines of an empty container
        return f"{opening}\n{'' if opening == '{' else chr(10)}{outer}{closing}"
    return f"{opening}\n" + ",\n".join(inner + part for part in parts) + f"\n{outer}{closing}"


# --------------------------------------------------------------------------
# numbers

# Ruby reads only ASCII digits and spaces
_TO_I = re.compile(r"\s*([-+]?\d+(?:_\d+)*)", re.ASCII)
_TO_F = re.compile(r"\s*([-+]?\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?(?:[eE][-+]?\d+)?)", re.ASCII)
_LIQUID_DECIMAL = re.compile(r"-?\d+\.\d+", re.ASCII)
_STRICT_INTEGER = re.compile(
    r"\s*[-+]?(?:0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|\d+(?:_\d+)*)\s*", re.ASCII)


def string_to_i(text: str) -> int:
    """Ruby's String#to_i: the leading integer, 0 when there is none."""
    match = _TO_I.match(text)
    return int(match.group(1).replace("_", "")) if match else 0


def string_to_f(text: str) -> float:
    """Ruby's String#to_f: the leading float, 0.0 when there is none."""
    match = _TO_F.match(text)
    return float(match.group(1).replace("_", "")) if match else 0.0


def to_i(value: object) -> int:
    """Ruby's #to_i on the values Liquid holds (nil.to_i == 0)."""
    if isinstance(value, bool):
        raise TypeError(f"undefined method `to_i' for {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        return int(value)
    if is_nil(value):
        return 0
    return string_to_i(str(value))


def to_number(value: object) -> int | Decimal:
    """Liquid::Utils.to_number: ints stay ints, floats become exact decimals."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        stripped = value.strip(" \t\n\v\f\r\0")  # Ruby's String#strip
        if _LIQUID_DECIMAL.fullmatch(stripped):
            return Decimal(stripped)
        return string_to_i(value)
    return 0


def to_integer(value: object) -> int:
    """Liquid::Utils.to_integer: Ruby's Integer(value.to_s), else 'invalid integer'."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_s(value) if not isinstance(value, float) else float_to_s(value)
    if _STRICT_INTEGER.fullmatch(text):
        return int(text.replace("_", ""), 0) if "x" in text.lower() else int(text.replace("_", ""))
    raise LiquidArgumentError("invalid integer")


def from_decimal(value: int | Decimal) -> int | float:
    """Liquid turns BigDecimal results back into Floats."""
    return float(value) if isinstance(value, Decimal) else value


class LiquidArgumentError(Exception):
    """Liquid::ArgumentError: Jekyll prints it as 'Liquid error: <message>'."""


# --------------------------------------------------------------------------
# time zones and dates


@lru_cache(maxsize=8)
def zone_named(name: str | None) -> _dt.tzinfo:
    """The zone for a TZ name (Jekyll sets ENV['TZ'] from `timezone:`)."""
    if name:
        try:
            from zoneinfo import ZoneInfo
            return ZoneInfo(name)
        except Exception:  # unknown zone: Ruby falls back to UTC
            return _dt.timezone.utc
    return _dt.datetime.now().astimezone().tzinfo or _dt.timezone.utc


def local_zone(config: Mapping | None = None) -> _dt.tzinfo:
    """The process-local zone Ruby's Time#localtime uses."""
    name = (config or {}).get("timezone") if config is not None else None
    return zone_named(name or os.environ.get("TZ") or None)


def to_time(value: object, zone: _dt.tzinfo, now: _dt.datetime | None = None
            ) -> _dt.datetime | None:
    """Liquid::Utils.to_date: Time/Date stay; 'now', epoch seconds and strings parse.
    `now` is the build's clock (site.time: SOURCE_DATE_EPOCH for reproducible builds)."""
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, Undefined):
        return None
    if isinstance(value, int):
        return _dt.datetime.fromtimestamp(value, zone)
    if not isinstance(value, str) or not value:
        return None
    text = value.lower()
    if text in ("now", "today"):
        return now.astimezone(zone) if now is not None else _dt.datetime.now(zone)
    if text.isdigit():
        return _dt.datetime.fromtimestamp(int(text), zone)
    return parse_time(value, zone)


_MONTHS = {name: i for i, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_ZONE = r"(?:\s*(?P<zone>z|utc|gmt|[-+]\d{2}:?\d{2}|[-+]\d{2}))?"
_CLOCK = (r"(?:[t\s]+(?P<H>\d{1,2})(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<frac>\d+))?)?"
          r"\s*(?P<ampm>[ap]\.?m\.?)?|\s*(?P<ampm2>[ap]\.?m\.?)))?")
_ISO_DATE = re.compile(r"\s*(?P<y>-?\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _CLOCK + _ZONE, re.I)
_SLASH_DATE = re.compile(r"\s*(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _CLOCK + _ZONE, re.I)
_DMY_DATE = re.compile(r"\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{2,4})" + _CLOCK + _ZONE, re.I)
_MONTH_YEAR = re.compile(r"\s*(?P<mon1>[a-z]{3})[a-z]*\.?,?\s+(?P<y>\d{4})" + _CLOCK + _ZONE, re.I)
_WORDY_DATE = re.compile(
    r"\s*(?:[a-z]+,?\s+)??(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon1>[a-z]{3})[a-z]*\.?,?"
    r"|(?P<mon2>[a-z]{3})[a-z]*\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?)\s+(?P<y>\d{4})"
    + _CLOCK + _ZONE, re.I)


def parse_time(text: str, zone: _dt.tzinfo) -> _dt.datetime | None:
    """The date formats Ruby's Time.parse meets in sites; None when unparseable."""
    for pattern in (_ISO_DATE, _SLASH_DATE, _WORDY_DATE, _MONTH_YEAR, _DMY_DATE):
        match = pattern.match(text)
        if match:
            try:
                return _time_from_match(match, zone)
            except ValueError:  # "2020-13-45": Ruby raises ArgumentError
                return None
    return None


def _time_from_match(match: re.Match, zone: _dt.tzinfo) -> _dt.datetime:
    parts = match.groupdict()
    month = parts.get("m") or _MONTHS.get((parts.get("mon1") or parts.get("mon2") or "").lower())
    day = parts.get("d") or parts.get("d1") or parts.get("d2") or 1
    if not month:
        raise ValueError("no month")
    year = int(parts["y"])
    if len(parts["y"]) == 2:
        year += 2000 if year < 69 else 1900
    hour = int(parts["H"] or 0)
    meridian = parts["ampm"] or parts["ampm2"]
    if meridian:
        hour = hour % 12 + (12 if meridian[0].lower() == "p" else 0)
    micro = int((parts["frac"] or "0")[:6].ljust(6, "0"))
    naive = _dt.datetime(year, int(month), int(day), hour, int(parts["M"] or 0),
                         int(parts["S"] or 0), micro)
    tz = _zone_from_text(parts["zone"])
    if tz is None:  # local time; a time skipped by a DST change moves forward, as in Ruby
        return naive.replace(tzinfo=zone).astimezone(_dt.timezone.utc).astimezone(zone)
    return naive.replace(tzinfo=tz)


def _zone_from_text(text: str | None) -> _dt.tzinfo | None:
    if not text:
        return None
    if text.lower() in ("z", "utc", "gmt"):
        return _dt.timezone.utc
    digits = text[1:].replace(":", "").ljust(4, "0")
    minutes = int(digits[:2]) * 60 + int(digits[2:4])
    return _dt.timezone(_dt.timedelta(minutes=-minutes if text[0] == "-" else minutes))


def as_local_time(value: _dt.date, zone: _dt.tzinfo) -> _dt.datetime:
    """Jekyll's `time(input)`: `to_time.localtime` (a Date is midnight local)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)
    return _dt.datetime(value.year, value.month, value.day, tzinfo=zone)


# --------------------------------------------------------------------------
# strftime

_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"]
_DIRECTIVE = re.compile(r"%([-_0^#]*)(\d*)(:{0,2})([EO]?)([a-zA-Z%+])")
# conversions the E and O modifiers may precede (strftime.c); otherwise printed as is
_E_MODIFIABLE = frozenset("cCxXyY")
_O_MODIFIABLE = frozenset("deHkIlmMSuUVwWy")


def _zone_name(t: _dt.date) -> str:
    if not isinstance(t, _dt.datetime):
        return "+00:00"  # Date#strftime('%Z')
    if t.tzinfo is None:
        return "UTC"
    if _is_utc(t):
        return "UTC"
    if isinstance(t.tzinfo, _dt.timezone):
        return ""  # a fixed offset has no name in Ruby
    return t.tzname() or ""


def _epoch(t: _dt.date) -> int:
    if isinstance(t, _dt.datetime):
        aware = t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)
        return int(aware.timestamp())
    return int(_dt.datetime(t.year, t.month, t.day, tzinfo=_dt.timezone.utc).timestamp())


# name -> (value function, default padding char, default width); text values have width 0
_NUMERIC: dict[str, tuple[Callable[[_dt.date], int], str, int]] = {
    "Y": (lambda t: t.year, "0", 0),
    "C": (lambda t: t.year // 100, "0", 2),
    "y": (lambda t: t.year % 100, "0", 2),
    "m": (lambda t: t.month, "0", 2),
    "d": (lambda t: t.day, "0", 2),
    "e": (lambda t: t.day, " ", 2),
    "j": (lambda t: t.timetuple().tm_yday, "0", 3),
    "H": (lambda t: getattr(t, "hour", 0), "0", 2),
    "k": (lambda t: getattr(t, "hour", 0), " ", 2),
    "I": (lambda t: (getattr(t, "hour", 0) % 12) or 12, "0", 2),
    "l": (lambda t: (getattr(t, "hour", 0) % 12) or 12, " ", 2),
    "M": (lambda t: getattr(t, "minute", 0), "0", 2),
    "S": (lambda t: getattr(t, "second", 0), "0", 2),
    "L": (lambda t: getattr(t, "microsecond", 0) // 1000, "0", 3),
    "u": (lambda t: t.isoweekday(), "0", 1),
    "w": (lambda t: t.isoweekday() % 7, "0", 1),
    "U": (lambda t: int(t.strftime("%U")), "0", 2),
    "W": (lambda t: int(t.strftime("%W")), "0", 2),
    "G": (lambda t: t.isocalendar()[0], "0", 0),
    "g": (lambda t: t.isocalendar()[0] % 100, "0", 2),
    "V": (lambda t: t.isocalendar()[1], "0", 2),
    "s": (_epoch, "0", 0),
}

_TEXT: dict[str, Callable[[_dt.date], str]] = {
    "A": lambda t: _DAYS[t.weekday()],
    "a": lambda t: _DAYS[t.weekday()][:3],
    "B": lambda t: _MONTH_NAMES[t.month - 1],
    "b": lambda t: _MONTH_NAMES[t.month - 1][:3],
    "h": lambda t: _MONTH_NAMES[t.month - 1][:3],
    "p": lambda t: "PM" if getattr(t, "hour", 0) >= 12 else "AM",
    "P": lambda t: "pm" if getattr(t, "hour", 0) >= 12 else "am",
    "Z": _zone_name,
    "n": lambda t: "\n",
    "t": lambda t: "\t",
    "%": lambda t: "%",
}

# composite directives expand to other formats
_COMPOSITE = {
    "c": "%a %b %e %H:%M:%S %Y", "D": "%m/%d/%y", "x": "%m/%d/%y", "F": "%Y-%m-%d",
    "T": "%H:%M:%S", "X": "%H:%M:%S", "R": "%H:%M", "r": "%I:%M:%S %p",
    "v": "%e-%^b-%Y",
}


def _pad(text: str, flags: str, width: int, pad: str) -> str:
    if "-" in flags:
        return text
    if "_" in flags:
        pad = " "
    elif "0" in flags:
        pad = "0"
    if len(text) >= width:
        return text
    if text.startswith("-") and pad == "0":
        return "-" + text[1:].rjust(width - 1, "0")
    return text.rjust(width, pad)


def _render_number(t, conv, flags, width):
    func, pad, default_width = _NUMERIC[conv]
    value = func(t)
    return _pad(str(value), flags, int(width) if width else default_width, pad)


def _render_text(t, conv, flags, width):
    text = _TEXT[conv](t)
    if "^" in flags:
        text = text.upper()
    elif "#" in flags:  # "change case": %p and %Z go down, names go up
        text = text.lower() if conv in ("p", "Z") else text.upper()
    return _pad(text, flags, int(width), " ") if width else text


def _render_offset(t, colons):
    offset = utc_offset(t, colon=bool(colons)) if isinstance(t, _dt.datetime) else (
        "+00:00" if colons else "+0000")
    return offset + ":00" if colons == "::" else offset


def _render_nanos(t, width):
    digits = int(width) if width else 9
    nanos = f"{getattr(t, 'microsecond', 0):06d}000"
    return nanos[:digits].ljust(digits, "0")


def _compile_piece(match: re.Match) -> Callable[[_dt.date], str]:
    flags, width, colons, modifier, conv = match.groups()
    literal = match.group(0)
    if modifier and conv not in (_E_MODIFIABLE if modifier == "E" else _O_MODIFIABLE):
        return lambda t: literal
    if conv == "+":  # Date#strftime knows %+, Time#strftime prints it as is
        inner = compile_strftime("%a %b %e %H:%M:%S %Z %Y")
        return lambda t: literal if isinstance(t, _dt.datetime) else inner(t)
    if conv in _COMPOSITE:
        inner = compile_strftime(_COMPOSITE[conv])
        return lambda t: _pad(inner(t), flags, int(width) if width else 0, " ")
    if conv == "N":
        return lambda t: _render_nanos(t, width)
    if conv == "z":
        return lambda t: _render_offset(t, colons)
    if conv in _NUMERIC:
        return lambda t: _render_number(t, conv, flags, width)
    if conv in _TEXT:
        return lambda t: _render_text(t, conv, flags, width)
    return lambda t: literal


@lru_cache(maxsize=256)
def compile_strftime(fmt: str) -> Callable[[_dt.date], str]:
    """Compile a Ruby strftime format into a function of a date/time."""
    pieces: list[Callable[[_dt.date], str] | str] = []
    pos = 0
    for match in _DIRECTIVE.finditer(fmt):
        if match.start() > pos:
            pieces.append(fmt[pos:match.start()])
        pieces.append(_compile_piece(match))
        pos = match.end()
    if pos < len(fmt):
        pieces.append(fmt[pos:])
    return lambda t: "".join(p if isinstance(p, str) else p(t) for p in pieces)


def strftime(value: _dt.date, fmt: str) -> str:
    """Ruby's Time#strftime / Date#strftime."""
    return compile_strftime(fmt)(value)


def xmlschema(value: _dt.datetime) -> str:
    """Time#xmlschema of a local time (Jekyll calls `localtime` first, so never Z)."""
    return value.strftime("%Y-%m-%dT%H:%M:%S") + utc_offset(value, colon=True)


def rfc822(value: _dt.datetime) -> str:
    """Time#rfc822 of a local time: Wed, 01 Jan 2020 00:00:00 +0000."""
    return strftime(value, "%a, %d %b %Y %H:%M:%S ") + utc_offset(value)


__all__ = [
    "RubyDate", "RubyTime", "is_nil", "truthy", "to_s", "inspect", "float_to_s",
    "to_i", "to_number", "to_integer", "from_decimal", "string_to_i", "string_to_f",
    "strftime", "to_time", "local_zone", "as_local_time", "xmlschema", "rfc822",
    "LiquidArgumentError",
]
