"""Jekyll's permalink engine (lib/jekyll/url.rb, utils.rb, drops/url_drop.rb)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable
from urllib.parse import quote, unquote

from converter.errors import BuildError

SAFE_PATH_RE = re.compile(r"^[a-zA-Z0-9./-]+$")
PLACEHOLDER_RE = re.compile(r":([a-z_]+)")
# Characters Addressable::URI.encode leaves alone in a path.
ADDRESSABLE_SAFE = "/!$&'()*+,;=:@-._~?#[]"


def escape_path(path: str) -> str:
    if not path or SAFE_PATH_RE.match(path):
        return path
    return quote(path, safe=ADDRESSABLE_SAFE).replace("#", "%23", 1)


def unescape_path(path: str) -> str:
    return unquote(path) if "%" in path else path


def sanitize_url(url: str) -> str:
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub("/+", "/", url)


def url_from_hash(template: str, placeholders: list[tuple[str, str | None]]) -> str:
    """URL#generate_url_from_hash: pages and static files."""
    result = template
    for key, value in placeholders:
        if ":" not in result:
            break
        if value is None:
            result = result.replace("/:" + key, "")
        else:
            result = result.replace(":" + key, escape_path(value))
    return sanitize_url(result)


def url_from_drop(template: str, lookup: Callable[[str], str | None],
                  has_key: Callable[[str], bool], where: str = "") -> str:
    """URL#generate_url_from_drop: documents (placeholders from the URL drop)."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        winner = next((key for key in pool if has_key(key)), None)
        if winner is None:
            raise BuildError(f"The URL template doesn't have {' or '.join(pool)} keys. "
                             "Check your permalink template!", where)
        value = lookup(winner)
        replacement = escape_path("" if value is None else str(value))
        return match.group(0).replace(":" + winner, replacement, 1)

    return sanitize_url(PLACEHOLDER_RE.sub(replace, template))


def add_permalink_suffix(template: str, permalink_style: str) -> str:
    style = str(permalink_style)
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


# --- slugify (Jekyll::Utils.slugify) -------------------------------------------

_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = set("._~!$&'()+,;=@")
_ASCII_RUNS = re.compile(r"[^A-Za-z0-9]+")
_RAW_RUNS = re.compile(r"[ \t\n\v\f\r]+")  # Ruby's \s is ASCII
_EDGE_HYPHENS = re.compile(r"^-|-$", re.M)
_APPROXIMATIONS = dict(zip(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎď"
    "ĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢ"
    "ţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž",
    ("A A A A A A AE C E E E E I I I I D N O O O O O x O U U U U Y Th ss a a a a a a ae c e e "
     "e e i i i i d n o o o o o o u u u u y th y A a A a A a C c C c C c C c D d D d E e E e "
     "E e E e E e G g G g G g G g H h H h I i I i I i I i I i IJ ij J j K k k L l L l L l L "
     "l L l N n N n N n 'n NG ng O o O o O o OE oe R r R r R r S s S s S s S s T t T t T t U "
     "u U u U u U u U u U u W w Y y Y Z z Z z Z z").split(" ")))


@lru_cache(maxsize=4096)
def _is_slug_char(char: str) -> bool:
    """\\p{M}, \\p{L} or \\p{Nd}: what Jekyll's default slug keeps."""
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _replace_runs(text: str, keep: Callable[[str], bool]) -> str:
    out: list[str] = []
    in_run = False
    for char in text:
        if keep(char):
            out.append(char)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def transliterate(text: str) -> str:
    """I18n.transliterate with its default approximations ('?' for the rest)."""
    return "".join(char if char.isascii() else _APPROXIMATIONS.get(char, "?") for char in text)


def slugify_text(text: str, mode: str | None = None, cased: bool = False,
                 warn: Callable[[str], None] | None = None) -> str:
    """Jekyll::Utils.slugify; `warn` hears Jekyll's "Empty `slug` generated" warning."""
    mode = mode or "default"
    if mode not in _SLUG_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = transliterate(text)
    if mode == "raw":
        slug = _RAW_RUNS.sub("-", text)
    elif mode == "ascii":
        slug = _ASCII_RUNS.sub("-", text)
    elif mode == "pretty":
        slug = _replace_runs(text, lambda c: c in _PRETTY_KEEP or _is_slug_char(c))
    else:
        slug = _replace_runs(text, _is_slug_char)
    slug = _EDGE_HYPHENS.sub("", slug)
    if not slug and warn is not None:
        warn(f"Empty `slug` generated for '{text}'.")
    return slug if cased else slug.lower()


def slugify(string, mode: str | None = None, cased: bool = False):
    """Jekyll::Utils.slugify (nil stays nil)."""
    return None if string is None else slugify_text(str(string), mode, cased)


def titleize_slug(slug: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-"))
