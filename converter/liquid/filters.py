"""Every filter Jekyll 4.3.1 templates can call, with Ruby's semantics.

Sources: liquid-5.4.0 lib/liquid/standardfilters.rb (the standard filters,
whose Ruby behaviour differs from python-liquid's in many corners: Ruby's
`to_s`, `split`, integer/BigDecimal arithmetic, `strftime`), and jekyll-4.3.1
lib/jekyll/filters.rb, filters/{date,grouping,url}_filters.rb.
`register(env)` replaces python-liquid's filter set with exactly these, so a
filter Liquid 5.4 lacks (`sum`, `reject`...) is unknown, as in Jekyll.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import random
import re
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from decimal import InvalidOperation
from functools import cmp_to_key, lru_cache
from typing import Any, Callable, Iterable
from urllib.parse import quote, quote_plus, unquote_plus, unquote_to_bytes

from liquid import RenderContext
from liquid.builtin.expressions import BooleanExpression, FilteredExpression
from liquid.builtin.expressions import tokenize
from liquid.builtin.expressions.primitive import Blank, Empty
from liquid.exceptions import LiquidError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token

from converter.urls import slugify_text

from . import ruby
from .environment import jekyll_expression_condition
from .ruby import LiquidArgumentError, MethodLiteral, from_decimal, is_nil, to_integer, to_number

# --------------------------------------------------------------------------
# shared helpers


class FilterError(LiquidError):
    """A filter failed the way the Ruby filter raises (Jekyll stops the build).
    `plain`: Ruby raised a non-Liquid error, which Jekyll prints without the
    "Liquid error (line N):" prefix."""

    def __init__(self, *args: object, token=None, plain: bool = False):
        super().__init__(*args, token=token)
        self.plain = plain


def rto_s(value: object) -> str:
    """Ruby's Object#to_s: arrays and hashes inspect, nil is ''."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict)):
        return ruby.inspect(value)
    return ruby.to_s(value)


def _arg(value: object) -> object:
    """Liquid 5.4 reads the literals `empty` and `blank` as ''."""
    if value.__class__ in ruby._PLAIN:  # no isinstance against the Expression ABC
        return value
    return "" if isinstance(value, (Empty, Blank)) else value


def input_iterator(value: object) -> list:
    """Liquid's InputIterator: arrays flattened, a hash is one item, nil is empty."""
    if is_nil(value):
        return []
    if isinstance(value, (list, tuple)):
        return _flatten(value)
    if isinstance(value, (str, Mapping)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def _flatten(items: Iterable) -> list:
    out: list = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _as_list(value: object) -> list | None:
    """What Jekyll's `input.respond_to?(:select)` filters iterate (hash -> values)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping) and not is_nil(value):
        return list(value.values())
    return None


def ruby_compare(a: object, b: object) -> int | None:
    """Ruby's `a <=> b`; None when the values are not comparable."""
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a is b else None
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):  # code point order is UTF-8 byte order
        return (a > b) - (a < b)
    if is_nil(a) and is_nil(b):
        return 0
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b):
            result = ruby_compare(x, y)
            if result != 0:
                return result
        return (len(a) > len(b)) - (len(a) < len(b))
    if isinstance(a, _dt.date) and isinstance(b, _dt.date):
        try:
            return (a > b) - (a < b)
        except TypeError:
            return None
    return None


def _class_name(value: object) -> str:
    if is_nil(value):
        return "NilClass"
    return {bool: "TrueClass" if value else "FalseClass", int: "Integer", float: "Float",
            str: "String", list: "Array", dict: "Hash"}.get(type(value), "Object")


def _cmp_or_raise(a: object, b: object) -> int:
    result = ruby_compare(a, b)
    if result is None:
        # Ruby names the right operand by its value when it is nil, a boolean or a number
        special = is_nil(b) or isinstance(b, (bool, int, float))
        right = ruby.inspect(b) if special else _class_name(b)
        raise FilterError(f"comparison of {_class_name(a)} with {right} failed", token=None)
    return result


def _sorted(items: list, compare: Callable[[Any, Any], int]) -> list:
    """A stable sort, as Ruby's (glibc's merge sort) is for these sizes."""
    return sorted(items, key=cmp_to_key(compare))


def _site(context: RenderContext) -> Any:
    return context.env.site


def _config(context: RenderContext) -> Mapping:
    return getattr(_site(context), "config", None) or {}


# --------------------------------------------------------------------------
# Liquid 5.4 string filters

_WHITESPACE = " \t\n\v\f\r\0"
_AWK_SPLIT = re.compile(r"[ \t\n\v\f\r]+")
_NEWLINE = re.compile(r"\r?\n")
_STRIP_HTML_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_HTML_TAGS = re.compile(r"<[^>]*>")  # = Ruby's /<.*?>/m (the lazy match stops at the first >)
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!([a-zA-Z]+|(#\d+));)")
_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}


def size(value: object) -> int:
    if isinstance(value, (str, list, tuple, Mapping)) and not is_nil(value):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return 8  # Integer#size: bytes in a machine word
    return 0


def downcase(value: object) -> str:
    return rto_s(value).lower()


def upcase(value: object) -> str:
    return rto_s(value).upper()


def capitalize(value: object) -> str:
    return rto_s(value).capitalize()


def escape(value: object) -> str | None:
    if is_nil(value):
        return None
    return html.escape(rto_s(value)).replace("&#x27;", "&#39;")


def escape_once(value: object) -> str:
    return _ESCAPE_ONCE.sub(lambda m: _HTML_ESCAPE.get(m.group(), "&amp;"), rto_s(value))


def cgi_escape_text(text: str) -> str:
    """Ruby's CGI.escape: everything but [a-zA-Z0-9_.-~] encoded, space as +."""
    return quote_plus(text, safe="~")


def url_encode(value: object) -> str | None:
    return None if is_nil(value) else cgi_escape_text(rto_s(value))


def url_decode(value: object) -> str | None:
    return None if is_nil(value) else unquote_plus(rto_s(value))


def base64_encode(value: object) -> str:
    return base64.b64encode(rto_s(value).encode()).decode()


def base64_decode(value: object) -> str:
    try:
        return base64.b64decode(rto_s(value), validate=True).decode("utf-8", "replace")
    except ValueError:
        raise FilterError("invalid base64 provided to base64_decode", token=None) from None


def base64_url_safe_encode(value: object) -> str:
    return base64.urlsafe_b64encode(rto_s(value).encode()).decode()


def base64_url_safe_decode(value: object) -> str:
    try:
        text = rto_s(value)
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8", "replace")
    except ValueError:
        raise FilterError("invalid base64 provided to base64_url_safe_decode", token=None) from None


def ruby_slice(seq, start: int, length: int):
    """Ruby's `seq.slice(start, length)`; None when out of range."""
    count = len(seq)
    if length < 0:
        return None
    if start < 0:
        start += count
        if start < 0:
            return None
    if start > count:
        return None
    return seq[start:start + length]


def slice_(value: object, offset: object, length: object = None) -> object:
    start = _to_integer(offset)
    count = _to_integer(length) if length is not None else 1
    if isinstance(value, (list, tuple)):
        return ruby_slice(list(value), start, count) or []
    return ruby_slice(rto_s(value), start, count) or ""


def _to_integer(value: object) -> int:
    try:
        return to_integer(value)
    except LiquidArgumentError as err:
        raise FilterError(str(err), token=None) from None


def truncate(value: object, length: object = 50, ellipsis: object = "...") -> str | None:
    if is_nil(value):
        return None
    text = rto_s(value)
    length = _to_integer(length)
    ellipsis = rto_s(ellipsis)
    keep = max(length - len(ellipsis), 0)
    return text[:keep] + ellipsis if len(text) > length else text


def awk_split(text: str, limit: int = 0) -> list[str]:
    """Ruby's `text.split(" ", limit)`: runs of ASCII whitespace, leading ignored."""
    text = text.lstrip(" \t\n\v\f\r")
    if not text:
        return []
    if limit <= 0:
        return [word for word in _AWK_SPLIT.split(text) if word]
    return _AWK_SPLIT.split(text, maxsplit=limit - 1)


def truncatewords(value: object, words: object = 15, ellipsis: object = "...") -> str | None:
    if is_nil(value):
        return None
    text = rto_s(value)
    count = max(_to_integer(words), 1)
    wordlist = awk_split(text, count + 1)
    if len(wordlist) <= count:
        return text
    return " ".join(wordlist[:count]) + rto_s(ellipsis)


def ruby_split(text: str, separator: str) -> list[str]:
    """Ruby's String#split(string): ' ' splits on whitespace, '' into characters,
    trailing empty strings dropped."""
    if separator == " ":
        return awk_split(text)
    parts = list(text) if separator == "" else text.split(separator)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def split(value: object, separator: object) -> list[str]:
    return ruby_split(rto_s(value), rto_s(_arg(separator)))


def strip(value: object) -> str:
    return rto_s(value).strip(_WHITESPACE)


def lstrip(value: object) -> str:
    return rto_s(value).lstrip(_WHITESPACE)


def rstrip(value: object) -> str:
    return rto_s(value).rstrip(_WHITESPACE)


def strip_html(value: object) -> str:
    text = rto_s(value)
    return _strip_html_long(text) if len(text) >= 256 else _strip_html(text)


def _strip_html(text: str) -> str:
    return _STRIP_HTML_TAGS.sub("", _STRIP_HTML_BLOCKS.sub("", text))


# Listing pages run `post.content | strip_html` (read-time) for every post again and
# again, on the very same strings (whose hash Python keeps).
_strip_html_long = lru_cache(maxsize=2048)(_strip_html)  # more than a listing of 1,000 posts


def strip_newlines(value: object) -> str:
    return _NEWLINE.sub("", rto_s(value))


def newline_to_br(value: object) -> str:
    return _NEWLINE.sub("<br />\n", rto_s(value))


_BACKREFERENCE = re.compile(r"\\(\\|&|0|[1-9]|`|'|k<\w+>)", re.ASCII)


def _ruby_replacement(replacement: str) -> Callable[[re.Match], str]:
    """Ruby's gsub replacement string with backslashes: `\\0`/`\\&` is the match,
    `\\\\` a backslash, `\\1`..`\\9` (no groups here) nothing."""

    def expand(match: re.Match) -> str:
        def one(ref: re.Match) -> str:
            code = ref.group(1)
            if code == "\\":
                return "\\"
            if code in ("&", "0"):
                return match.group()
            if code == "`":
                return match.string[:match.start()]
            if code == "'":
                return match.string[match.end():]
            return ""
        return _BACKREFERENCE.sub(one, replacement)
    return expand


def replace(value: object, search: object, replacement: object = "") -> str:
    text, search = rto_s(value), rto_s(_arg(search))
    replacement = rto_s(_arg(replacement))
    if "\\" not in replacement:
        if search == "":  # Ruby matches the empty string between every character
            return replacement + replacement.join(text) + replacement if text else replacement
        return text.replace(search, replacement)
    return re.sub(re.escape(search), _ruby_replacement(replacement), text)


def replace_first(value: object, search: object, replacement: object = "") -> str:
    text, search = rto_s(value), rto_s(_arg(search))
    replacement = rto_s(_arg(replacement))
    if "\\" not in replacement:
        return text.replace(search, replacement, 1)
    return re.sub(re.escape(search), _ruby_replacement(replacement), text, count=1)


def replace_last(value: object, search: object, replacement: object = "") -> str:
    text, search, replacement = rto_s(value), rto_s(_arg(search)), rto_s(_arg(replacement))
    index = text.rfind(search)
    if index < 0:
        return text
    return text[:index] + replacement + text[index + len(search):]


def remove(value: object, search: object) -> str:
    return replace(value, search, "")


def remove_first(value: object, search: object) -> str:
    return replace_first(value, search, "")


def remove_last(value: object, search: object) -> str:
    return replace_last(value, search, "")


def append(value: object, suffix: object) -> str:
    return rto_s(value) + rto_s(_arg(suffix))


def prepend(value: object, prefix: object) -> str:
    return rto_s(_arg(prefix)) + rto_s(value)


# --------------------------------------------------------------------------
# Liquid 5.4 array filters


def join(value: object, glue: object = " ") -> str:
    return rto_s(_arg(glue)).join(rto_s(item) for item in input_iterator(value))


def first(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    if isinstance(value, Mapping) and not is_nil(value):
        return next(([k, v] for k, v in value.items()), None)
    return None


def last(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return value[-1] if value else None
    return None


def concat(value: object, other: object) -> list:
    if not isinstance(other, (list, tuple)):
        raise FilterError("concat filter requires an array argument", token=None)
    return input_iterator(value) + list(other)


def _property_of(item: object, prop: object) -> object:
    """Ruby's `item[property]`: hashes look up, strings find a substring, arrays and
    integers refuse a string key, values without `[]` give nil."""
    if isinstance(item, Mapping):
        return None if is_nil(item) else item.get(prop)
    if isinstance(item, str):
        return prop if isinstance(prop, str) and prop in item else None
    if isinstance(item, (list, tuple)) or (isinstance(item, int) and not isinstance(item, bool)):
        raise FilterError(f"cannot select the property '{rto_s(prop)}'", token=None)
    return None


def map_(value: object, prop: object) -> list:
    items = input_iterator(value)
    if prop == "to_liquid":
        return items
    return [_property_of(item, prop) for item in items]


def compact(value: object, prop: object = None) -> list:
    items = input_iterator(value)
    if prop is None:
        return [item for item in items if not is_nil(item)]
    return [item for item in items if not is_nil(_property_of(item, prop))]


def _uniq_key(value: object) -> object:
    """Ruby's eql?: 1 and 1.0 differ; unhashable values compare by their inspect."""
    try:
        hash(value)
        return (type(value), value)
    except TypeError:
        return (type(value), ruby.inspect(value))


def uniq(value: object, prop: object = None) -> list:
    items = input_iterator(value)
    if len(items) <= 1:
        return items  # Ruby's uniq never looks at a lone item
    seen: set = set()
    out = []
    for item in items:
        key = _uniq_key(item if prop is None else _property_of(item, prop))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def reverse(value: object) -> list:
    return input_iterator(value)[::-1]


def _nil_safe_compare(a: object, b: object) -> int:
    result = ruby_compare(a, b)
    if result is not None:
        return result
    if is_nil(a):
        return 1
    if is_nil(b):
        return -1
    raise FilterError("cannot sort values of incompatible types", token=None)


def _nil_safe_casecmp(a: object, b: object) -> int:
    if not is_nil(a) and not is_nil(b):
        x, y = _ascii_fold(rto_s(a)), _ascii_fold(rto_s(b))
        return (x > y) - (x < y)
    return 1 if is_nil(a) else -1


def _indexable(value: object) -> bool:
    """Ruby's `respond_to?(:[])` for Liquid values."""
    return isinstance(value, (Mapping, str, list, tuple)) and not is_nil(value) or (
        isinstance(value, int) and not isinstance(value, bool))


def _ascii_fold(text: str) -> bytes:
    return text.encode("utf-8").lower()  # casecmp folds A-Z only


def sort_natural(value: object, prop: object = None) -> list | None:
    items = input_iterator(value)
    if not items:
        return []
    if prop is None:
        return _sorted(items, _nil_safe_casecmp)
    if not all(_indexable(item) for item in items):
        return None
    if len(items) == 1:
        return items
    return _sorted(items, lambda a, b: _nil_safe_casecmp(_property_of(a, prop),
                                                          _property_of(b, prop)))


# --------------------------------------------------------------------------
# Liquid 5.4 math filters (Integer stays Integer, Float goes through BigDecimal)


def _number(value: object) -> int | Decimal:
    return to_number(_arg(value))


def _operate(left: object, right: object, operation: Callable) -> int | float:
    return from_decimal(operation(_number(left), _number(right)))


def plus(value: object, operand: object) -> int | float:
    return _operate(value, operand, lambda a, b: a + b)


def minus(value: object, operand: object) -> int | float:
    return _operate(value, operand, lambda a, b: a - b)


def times(value: object, operand: object) -> int | float:
    return _operate(value, operand, lambda a, b: a * b)


def _divide(a: int | Decimal, b: int | Decimal) -> int | Decimal:
    if b == 0:
        raise FilterError("divided by 0", token=None)
    if isinstance(a, int) and isinstance(b, int):
        return a // b
    return Decimal(a) / Decimal(b)


def _modulo(a: int | Decimal, b: int | Decimal) -> int | Decimal:
    if b == 0:
        raise FilterError("divided by 0", token=None)
    if isinstance(a, int) and isinstance(b, int):
        return a % b
    a, b = Decimal(a), Decimal(b)
    return a - b * (a / b).to_integral_value(rounding=ROUND_FLOOR)


def divided_by(value: object, operand: object) -> int | float:
    return _operate(value, operand, _divide)


def modulo(value: object, operand: object) -> int | float:
    return _operate(value, operand, _modulo)


def abs_(value: object) -> int | float:
    return from_decimal(abs(_number(value)))


def round_(value: object, digits: object = 0) -> int | float:
    number, places = _number(value), _number(digits)
    places = int(places)
    if isinstance(number, int):
        result: int | Decimal = number if places >= 0 else int(
            Decimal(number).quantize(Decimal(f"1E{-places}"), rounding=ROUND_HALF_UP))
    else:
        try:
            result = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            result = number
    result = from_decimal(result)
    return int(result) if digits == 0 else result


def ceil(value: object) -> int:
    number = _number(value)
    return int(number.to_integral_value(rounding=ROUND_CEILING)) if isinstance(
        number, Decimal) else number


def floor(value: object) -> int:
    number = _number(value)
    return int(number.to_integral_value(rounding=ROUND_FLOOR)) if isinstance(
        number, Decimal) else number


def at_least(value: object, minimum: object) -> int | float:
    number, bound = _number(value), _number(minimum)
    return from_decimal(bound if bound > number else number)


def at_most(value: object, maximum: object) -> int | float:
    number, bound = _number(value), _number(maximum)
    return from_decimal(bound if bound < number else number)


def default(value: object, fallback: object = "", *args: object, **options: object) -> object:
    if ruby.truthy(options.get("allow_false")):
        missing = is_nil(value)
    else:
        missing = is_nil(value) or value is False
    if missing or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0):
        return fallback
    return value


# --------------------------------------------------------------------------
# date (Liquid's, no localtime) and Jekyll's date filters (localtime first)


def _zone(context: RenderContext):
    return ruby.local_zone(_config(context))


@with_context
def date(value: object, fmt: object, *, context: RenderContext) -> object:
    fmt_text = rto_s(fmt)
    if not fmt_text:
        return value
    moment = ruby.to_time(value, _zone(context), _site_time(context))
    if moment is None:
        return value
    return ruby.strftime(moment, fmt_text)


def _site_time(context: RenderContext) -> _dt.datetime | None:
    moment = getattr(_site(context), "time", None)
    return moment if isinstance(moment, _dt.datetime) else None


def _jekyll_time(value: object, context: RenderContext) -> _dt.datetime:
    zone = _zone(context)
    moment = ruby.to_time(value, zone, _site_time(context))
    if moment is None:
        raise FilterError(f"Invalid Date: '{ruby.inspect(value)}' is not a valid datetime.",
                          plain=True)
    return ruby.as_local_time(moment, zone)


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _empty_input(value: object) -> bool:
    """Jekyll's date filters return `input` unchanged when it is nil or to_s is empty
    (a Time or Date never prints empty: no need to format it for that)."""
    return not isinstance(value, _dt.date) and rto_s(value) == ""


def _stringify_date(value, month, kind, style, context) -> object:
    if _empty_input(value):
        return value
    moment = _jekyll_time(value, context)
    if kind == "ordinal":
        day = f"{moment.day}{_ordinal(moment.day)}"
        if style == "US":
            return ruby.strftime(moment, f"{month} {day}, %Y")
        return ruby.strftime(moment, f"{day} {month} %Y")
    return ruby.strftime(moment, f"%d {month} %Y")


@with_context
def date_to_string(value: object, kind: object = None, style: object = None, *,
                   context: RenderContext) -> object:
    return _stringify_date(value, "%b", kind, style, context)


@with_context
def date_to_long_string(value: object, kind: object = None, style: object = None, *,
                        context: RenderContext) -> object:
    return _stringify_date(value, "%B", kind, style, context)


@with_context
def date_to_xmlschema(value: object, *, context: RenderContext) -> object:
    if _empty_input(value):
        return value
    return ruby.xmlschema(_jekyll_time(value, context))


@with_context
def date_to_rfc822(value: object, *, context: RenderContext) -> object:
    if _empty_input(value):
        return value
    return ruby.rfc822(_jekyll_time(value, context))


# --------------------------------------------------------------------------
# URLs: Addressable::URI.parse(url).normalize.to_s


_URI = re.compile(r"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", re.S)
_UNRESERVED = "A-Za-z0-9\\-._~"
_SUB_DELIMS = "!$&'()*+,;="
_PCHAR_SAFE = "-._~" + _SUB_DELIMS + ":@"
_FRAGMENT_SAFE = _PCHAR_SAFE + "/?"
_QUERY_SAFE = "-._~!$'()*+,=:@/?"
_URI_ESCAPE_SAFE = ":/?#[]@" + _SUB_DELIMS + "-._~"
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "tftp": "69", "ssh": "22"}


_PERCENT_SPLIT = re.compile(r"(%[0-9a-fA-F]{2})")
_HOST_PORT = re.compile(r"(.*?)(?::(\d*))?")
_TRAILING_DOT = re.compile(r"[^.]\.$")
def normalize_component(text: str, safe: str, leave_encoded: str = "") -> str:
    """Addressable::URI.normalize_component: decode, NFKC, re-encode what `safe` lacks."""
    if "%" not in text and text.isascii():
        return quote(text, safe=safe)
    if leave_encoded:
        keep = {f"%{ord(char):02X}" for char in leave_encoded}
        pieces = _PERCENT_SPLIT.split(text)
        out = []
        for piece in pieces:
            if piece.upper() in keep:
                out.append(piece.upper())
            elif piece:
                out.append(normalize_component(piece, safe))
        return "".join(out)
    raw = unquote_to_bytes(text)
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:  # Addressable falls back to encoding the raw bytes
        return quote(raw, safe=_URI_ESCAPE_SAFE)
    return quote(unicodedata.normalize("NFKC", decoded), safe=safe)


_SELF_REF = re.compile(r"/\./|/\.$")
_PARENT_PAIR = re.compile(r"/([^/]*)/\.\./|/([^/]*)/\.\.$")
_LEADING_DOTS = re.compile(r"^\.\.?/?")
_PREFIXED_PARENT = re.compile(r"^/\.\.?/|^(/\.\.?)+/?$")


def normalize_path_dots(path: str) -> str:
    """Addressable::URI.normalize_path: remove `.` and `..` segments."""
    if "." not in path:
        return path
    while True:
        new = _SELF_REF.sub("/", path)
        if new == path:
            pair = _PARENT_PAIR.search(path)
            if pair and (pair[1] not in (".", "..") or pair[2] not in (".", "..")):
                pattern = (f"/{re.escape(pair[1] or '')}/\\.\\./|"
                           f"(/{re.escape(pair[2] or '')}/\\.\\.$)")
                new = re.sub(pattern, "/", path)
        if new == path:
            new = _LEADING_DOTS.sub("", path, count=1)
        if new == path:
            new = _PREFIXED_PARENT.sub("/", path)
        if new == path:
            return path
        path = new


def normalize_uri(text: str) -> str:
    """Addressable::URI.parse(text).normalize.to_s."""
    match = _URI.match(text)
    if not match:
        return text
    scheme, authority, path, query, fragment = match[2], match[4], match[5], match[7], match[9]
    out = []
    if scheme is not None:
        scheme = scheme.strip().lower()
        out.append(scheme + ":")
    if authority is not None:
        out.append("//" + _normalize_authority(authority, scheme))
    path = "/".join(normalize_component(segment, _PCHAR_SAFE)
                    for segment in path.strip().split("/"))
    path = normalize_path_dots(path)
    if not path and scheme in ("http", "https", "ftp", "tftp"):
        path = "/"
    out.append(path)
    if query is not None:
        query = "&".join(normalize_component(pair, _QUERY_SAFE, "+")
                         for pair in query.split("&"))
        if query:
            out.append("?" + query)
    if fragment:
        out.append("#" + normalize_component(fragment, _FRAGMENT_SAFE))
    return "".join(out)


def _normalize_authority(authority: str, scheme: str | None) -> str:
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport, "", ""
    port_match = _HOST_PORT.fullmatch(hostport)
    if port_match and not hostport.endswith("]"):
        host, port = port_match[1], port_match[2] or ""
        colon = ":" if port_match[2] is not None else ""
    host = host.strip().lower()
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    if _TRAILING_DOT.search(host):
        host = host[:-1]
    if port == "" or _DEFAULT_PORTS.get(scheme or "") == port:
        colon, port = "", ""
    return f"{userinfo}{at}{host}{colon}{port}"


def is_absolute_url(text: str) -> bool:
    match = _URI.match(text)
    return bool(match and match[2])


def _url_of(value: object) -> object:
    """Jekyll's `input = input.url if input.respond_to?(:url)` (drops, not hashes)."""
    if isinstance(value, (str, dict)) or is_nil(value):
        return value
    if isinstance(value, Mapping):
        return value["url"] if "url" in value else value
    url = getattr(value, "url", None)
    return url if url is not None and not callable(url) else value


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def _sanitized_baseurl(site: Any) -> str:
    baseurl = (getattr(site, "config", None) or {}).get("baseurl")
    return "" if is_nil(baseurl) else rto_s(baseurl).removesuffix("/")


def relative_url_for(site: Any, value: object) -> str:
    """Jekyll's relative_url without the template context (also used by tags)."""
    value = _url_of(value)
    text = rto_s(value)
    if is_absolute_url(text):
        return text
    return normalize_uri(_ensure_leading_slash(_sanitized_baseurl(site))
                         + _ensure_leading_slash(text))


def absolute_url_for(site: Any, value: object) -> str:
    value = _url_of(value)
    text = rto_s(value)
    if is_absolute_url(text):
        return text
    site_url = (getattr(site, "config", None) or {}).get("url")
    if is_nil(site_url) or site_url == "":
        return relative_url_for(site, text)
    return normalize_uri(rto_s(site_url) + relative_url_for(site, text))


def _cached_url(context: RenderContext, value: object, make_url) -> str | None:
    """A URL filter's result, computed once per build for each string."""
    if is_nil(value):
        return None
    site = _site(context)
    if not isinstance(value, str):
        return make_url(site, value)
    caches = context.env.__dict__.setdefault("url_filter_cache", {})
    cache = caches.setdefault(make_url, {})
    result = cache.get(value)
    if result is None:
        result = cache[value] = make_url(site, value)
    return result


@with_context
def relative_url(value: object, *, context: RenderContext) -> str | None:
    return _cached_url(context, value, relative_url_for)


@with_context
def absolute_url(value: object, *, context: RenderContext) -> str | None:
    return _cached_url(context, value, absolute_url_for)


_INDEX_HTML = re.compile(r"/index\.html?$", re.M)


def strip_index(value: object) -> str | None:
    if is_nil(value) or rto_s(value) == "":
        return None
    return _INDEX_HTML.sub("/", rto_s(value), count=1)


# --------------------------------------------------------------------------
# Jekyll string filters


def xml_escape_text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def xml_escape(value: object) -> str:
    return xml_escape_text(rto_s(value))


def cgi_escape(value: object) -> str:
    return cgi_escape_text(rto_s(value))


def uri_escape(value: object) -> str:
    return normalize_component(rto_s(value), _URI_ESCAPE_SAFE)


_RUBY_SPACE = re.compile(r"[ \t\n\v\f\r]+")


def normalize_whitespace(value: object) -> str:
    return _RUBY_SPACE.sub(" ", rto_s(value)).strip(_WHITESPACE)


_CJK = ("\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029"
        "\u302e\u302f\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
        "\u3131-\u318e\u31f0-\u31ff\u3200-\u321e\u3260-\u327e\u32d0-\u32fe\u3300-\u3357"
        "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
        "\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffbe\uffc2-\uffdc"
        "\U0001b000-\U0001b122\U00020000-\U0003134a")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_NON_CJK_WORD = re.compile(f"[^{_CJK} \\t\\n\\v\\f\\r]+")


# Characters Python's str.split() takes for whitespace but Ruby's awk-style split does not.
_NON_RUBY_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


@lru_cache(maxsize=4096)  # the same page text is counted by several includes
def _word_count(text: str) -> int:
    """`text.split.length` (Ruby splits on ASCII whitespace only)."""
    if not _NON_RUBY_SPACE.search(text):
        return len(text.split())  # the same words, split in C
    stripped = text.strip(" \t\n\v\f\r")
    return len(_AWK_SPLIT.split(stripped)) if stripped else 0


def number_of_words(value: object, mode: object = None) -> int:
    text = rto_s(value)
    if mode == "cjk":
        return len(_CJK_CHAR.findall(text)) + len(_NON_CJK_WORD.findall(text))
    if mode == "auto":
        cjk = len(_CJK_CHAR.findall(text))
        return _word_count(text) if cjk == 0 else cjk + len(_NON_CJK_WORD.findall(text))
    return _word_count(text)


def array_to_sentence_string(value: object, connector: object = "and") -> str:
    connector = rto_s(connector)
    if isinstance(value, Mapping) and not is_nil(value):
        value = [value.get(0), value.get(1)][:len(value)]  # Ruby indexes the hash: nil
    if not isinstance(value, (list, tuple, str)):
        raise FilterError(f"undefined method `length' for {ruby.inspect(value)}", plain=True)
    items = list(value)
    if not items:
        return ""
    if len(items) == 1:
        return rto_s(items[0])
    if len(items) == 2:
        return f"{rto_s(items[0])} {connector} {rto_s(items[1])}"
    if isinstance(value, str):
        raise FilterError("undefined method `join' for String", plain=True)
    return f"{', '.join(rto_s(i) for i in items[:-1])}, {connector} {rto_s(items[-1])}"


@with_context
def markdownify(value: object, *, context: RenderContext) -> str:
    return _site(context).markdown.convert(rto_s(value))


@with_context
def smartify(value: object, *, context: RenderContext) -> str:
    """Jekyll's smartify: SmartyPants with the site's kramdown options (smart_quotes...)."""
    from converter.markdown import smartify as _smartify
    config = getattr(_site(context), "config", None) or {}
    return _smartify(rto_s(value), config.get("kramdown") or {})


def _sass(context: RenderContext, value: object, indented: bool) -> str:
    """Jekyll's Sass/Scss converter on a string: the site's sass settings, no source map."""
    from types import SimpleNamespace

    from converter.sass import compile_sass

    origin = SimpleNamespace(ext=".sass" if indented else ".scss",
                             relative_path="sassify" if indented else "scssify")
    return compile_sass(_site(context), rto_s(value), origin)


@with_context
def sassify(value: object, *, context: RenderContext) -> str:
    return _sass(context, value, indented=True)


@with_context
def scssify(value: object, *, context: RenderContext) -> str:
    return _sass(context, value, indented=False)


# ---- slugify (Jekyll::Utils.slugify)

@with_context
def slugify(value: object, mode: object = None, *, context: RenderContext) -> str | None:
    if is_nil(value):
        return None
    log = getattr(_site(context), "log", None)
    warn = (lambda message: log.warn("Warning:", message)) if log is not None else None
    return slugify_text(rto_s(value), None if is_nil(mode) else rto_s(mode), warn=warn)


# ---- jsonify (as_liquid(input).to_json) and inspect


def jsonify(value: object) -> str:
    try:
        return ruby.to_json(value)
    except LiquidArgumentError as err:
        raise FilterError(str(err), token=None) from None


def inspect(value: object) -> str:
    return xml_escape_text(ruby.inspect(value))


# --------------------------------------------------------------------------
# Jekyll array filters: where, find, sort, group_by, *_exp, push/pop...

_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z", re.ASCII)
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z", re.ASCII)


def _parse_sort_input(value: object) -> object:
    """Jekyll compares numeric-looking properties as numbers.  Only strings can
    change: other values' to_s either is not numeric or reads back as themselves."""
    if not isinstance(value, str):
        return value
    if _INTEGER_LIKE.match(value):
        return ruby.string_to_i(value)
    if _FLOAT_LIKE.match(value):
        return ruby.string_to_f(value)
    return value


def _index_error(item: object) -> FilterError:
    """What Ruby raises for `item["prop"]` when item is not a hash or string."""
    if isinstance(item, (list, tuple)) or (isinstance(item, int) and not isinstance(item, bool)):
        return FilterError("no implicit conversion of String into Integer", plain=True)
    shown = "nil" if is_nil(item) else ruby.inspect(item)
    return FilterError(f"undefined method `[]' for {shown}:{_class_name(item)}", plain=True)


def _read_attribute(item: object, prop: str) -> object:
    """Jekyll's read_liquid_attribute: `item[prop]`, or a dotted path."""
    if not isinstance(item, (Mapping, str)) or is_nil(item):
        if "." not in prop or isinstance(item, (list, tuple, int)) and not isinstance(item, bool):
            raise _index_error(item)
        return False
    if "." not in prop:
        return _property_of(item, prop)
    data = item
    for key in prop.split("."):
        if not isinstance(data, (Mapping, str)) or data is False or is_nil(data):
            return False if data is False or is_nil(data) else None
        data = _property_of(data, key)
    return data


def item_property(item: object, prop: object) -> object:
    return _parse_sort_input(_read_attribute(item, rto_s(prop)))


def _matches(prop: object, target: object) -> bool:
    """Jekyll's compare_property_vs_target."""
    if is_nil(target):
        return is_nil(prop)
    if isinstance(target, (MethodLiteral, Empty, Blank)):  # `empty`/`blank`
        return prop == "" or _array_join(prop) == ""
    target = rto_s(target)
    if isinstance(prop, str):
        return prop == target
    if is_nil(prop):
        return False
    values = prop if isinstance(prop, (list, tuple)) else (
        [[k, v] for k, v in prop.items()] if isinstance(prop, Mapping) else [prop])
    return any(rto_s(value) == target for value in values)


def _array_join(value: object) -> str:
    """Ruby's `Array(value).join`."""
    if is_nil(value):
        return ""
    if isinstance(value, (list, tuple)):
        return "".join(rto_s(item) for item in _flatten(value))
    if isinstance(value, Mapping):
        return "".join(rto_s(k) + rto_s(v) for k, v in value.items())
    return rto_s(value)


def where(value: object, prop: object, target: object) -> object:
    if is_nil(prop) or prop is False or isinstance(target, (list, tuple, Mapping)) and \
            not is_nil(target):
        return value
    items = _as_list(value)
    if items is None:
        return value
    return [item for item in items if _matches(item_property(item, prop), target)]


def find(value: object, prop: object, target: object) -> object:
    if is_nil(prop) or prop is False or isinstance(target, (list, tuple, Mapping)) and \
            not is_nil(target):
        return value
    items = _as_list(value)
    if items is None:
        return value
    return next((item for item in items if _matches(item_property(item, prop), target)), None)


@lru_cache(maxsize=512)
def _parse_condition(env: Any, expression: str) -> BooleanExpression:
    expression = jekyll_expression_condition(expression)
    token = Token(TOKEN_EXPRESSION, expression, 0, expression)
    return BooleanExpression.parse(env, TokenStream(tokenize(expression, token)))


@lru_cache(maxsize=512)
def _parse_variable(env: Any, expression: str) -> FilteredExpression:
    token = Token(TOKEN_EXPRESSION, expression, 0, expression)
    return FilteredExpression.parse(env, TokenStream(tokenize(expression, token)))


def _select_exp(value, variable, expression, context):
    items = _as_list(value)
    if items is None:
        return None
    condition = _parse_condition(context.env, rto_s(expression))
    name = rto_s(variable)
    for item in items:
        with context.extend({name: item}):
            if condition.evaluate(context):
                yield item


@with_context
def where_exp(value: object, variable: object, expression: object, *,
              context: RenderContext) -> object:
    if _as_list(value) is None:
        return value
    return list(_select_exp(value, variable, expression, context))


@with_context
def find_exp(value: object, variable: object, expression: object, *,
             context: RenderContext) -> object:
    if _as_list(value) is None:
        return value
    return next(_select_exp(value, variable, expression, context), None)


def _grouped(pairs: Iterable[tuple[object, object]]) -> list[dict]:
    groups: dict = {}
    names: list = []
    for key, item in pairs:
        marker = _uniq_key(key)
        if marker not in groups:
            groups[marker] = (key, [])
            names.append(marker)
        groups[marker][1].append(item)
    return [{"name": groups[m][0], "items": groups[m][1], "size": len(groups[m][1])}
            for m in names]


def _groupable(value: object) -> list | None:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping) and not is_nil(value):
        return [[k, v] for k, v in value.items()]
    return None


def group_by(value: object, prop: object) -> object:
    items = _groupable(value)
    if items is None:
        return value
    return _grouped((rto_s(item_property(item, prop)), item) for item in items)


@with_context
def group_by_exp(value: object, variable: object, expression: object, *,
                 context: RenderContext) -> object:
    items = _groupable(value)
    if items is None:
        return value
    parsed = _parse_variable(context.env, rto_s(expression))
    name = rto_s(variable)

    def keyed():
        for item in items:
            with context.extend({name: item}):
                yield parsed.evaluate(context), item
    return _grouped(keyed())


def sort(value: object, prop: object = None, nils: object = "first") -> list:
    if is_nil(value):
        raise FilterError("Cannot sort a null object.", token=None)
    items = _groupable(value)
    if items is None:
        raise FilterError(f"undefined method `sort' for {ruby.inspect(value)}", plain=True)
    if is_nil(prop):
        return _sorted(items, _cmp_or_raise)
    if nils not in ("first", "last"):
        raise FilterError(f"Invalid nils order: '{rto_s(nils)}' is not a valid nils order. "
                          "It must be 'first' or 'last'.", token=None)
    order = -1 if nils == "first" else 1
    keyed = [(item_property(item, prop), item) for item in items]

    def compare(a, b) -> int:
        x, y = a[0], b[0]
        if not is_nil(x) and is_nil(y):
            return -order
        if is_nil(x) and not is_nil(y):
            return order
        result = ruby_compare(x, y)
        if result is None:
            sx, sy = rto_s(x), rto_s(y)
            result = (sx > sy) - (sx < sy)
        return result
    return [item for _, item in _sorted(keyed, compare)]


def push(value: object, item: object) -> object:
    return value + [item] if isinstance(value, list) else value


def pop(value: object, count: object = 1) -> object:
    if not isinstance(value, list):
        return value
    count = _to_integer(count)
    return value[:-count] if count > 0 else list(value)


def shift(value: object, count: object = 1) -> object:
    if not isinstance(value, list):
        return value
    count = _to_integer(count)
    return value[count:] if count > 0 else list(value)


def unshift(value: object, item: object) -> object:
    return [item] + value if isinstance(value, list) else value


def sample(value: object, count: object = 1) -> object:
    if not isinstance(value, list):
        return value
    try:
        count = to_integer(count)
    except LiquidArgumentError:
        count = 1
    if count == 1:
        return random.choice(value) if value else None
    return random.sample(value, min(max(count, 0), len(value)))


def to_integer_filter(value: object) -> int:
    if value is True:
        return 1
    if value is False:
        return 0
    return ruby.to_i(value)


# --------------------------------------------------------------------------

FILTERS: dict[str, Callable] = {
    # Liquid 5.4 standard filters
    "size": size, "downcase": downcase, "upcase": upcase, "capitalize": capitalize,
    "escape": escape, "h": escape, "escape_once": escape_once, "url_encode": url_encode,
    "url_decode": url_decode, "base64_encode": base64_encode,
    "base64_decode": base64_decode, "base64_url_safe_encode": base64_url_safe_encode,
    "base64_url_safe_decode": base64_url_safe_decode, "slice": slice_,
    "truncate": truncate, "truncatewords": truncatewords, "split": split, "strip": strip,
    "lstrip": lstrip, "rstrip": rstrip, "strip_html": strip_html,
    "strip_newlines": strip_newlines, "join": join, "sort_natural": sort_natural,
    "uniq": uniq, "reverse": reverse, "map": map_, "compact": compact, "replace": replace,
    "replace_first": replace_first, "replace_last": replace_last, "remove": remove,
    "remove_first": remove_first, "remove_last": remove_last, "append": append,
    "concat": concat, "prepend": prepend, "newline_to_br": newline_to_br, "date": date,
    "first": first, "last": last, "abs": abs_, "plus": plus, "minus": minus,
    "times": times, "divided_by": divided_by, "modulo": modulo, "round": round_,
    "ceil": ceil, "floor": floor, "at_least": at_least, "at_most": at_most,
    "default": default,
    # Jekyll
    "markdownify": markdownify, "smartify": smartify, "sassify": sassify,
    "scssify": scssify, "slugify": slugify, "xml_escape": xml_escape,
    "cgi_escape": cgi_escape, "uri_escape": uri_escape,
    "normalize_whitespace": normalize_whitespace, "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string, "jsonify": jsonify,
    "where": where, "where_exp": where_exp, "find": find, "find_exp": find_exp,
    "to_integer": to_integer_filter, "sort": sort, "pop": pop, "push": push,
    "shift": shift, "unshift": unshift, "sample": sample, "inspect": inspect,
    "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
    "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
    "group_by": group_by, "group_by_exp": group_by_exp, "absolute_url": absolute_url,
    "relative_url": relative_url, "strip_index": strip_index,
}


def register(env: Any) -> None:
    """Give the environment exactly Jekyll's filters (python-liquid's extras removed)."""
    env.filters.clear()
    for name, func in FILTERS.items():
        env.add_filter(name, func)
