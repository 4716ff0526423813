"""Jekyll's permalink engine (lib/jekyll/url.rb, utils.rb, drops/url_drop.rb)."""

from __future__ import annotations

import re
import unicodedata
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

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
_RAW_RE = re.compile(r"\s+")


def _is_slug_char(ch: str, extra: str = "") -> bool:
    if ch in extra:
        return True
    category = unicodedata.category(ch)
    return category[0] in ("L", "M") or category == "Nd"


def _replace_runs(text: str, keep: Callable[[str], bool]) -> str:
    out: list[str] = []
    in_run = False
    for ch in text:
        if keep(ch):
            out.append(ch)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


PRETTY_EXTRA = "._~!$&'()+,;=@"


def slugify(string, mode: str | None = None, cased: bool = False):
    mode = mode or "default"
    if string is None:
        return None
    string = str(string)
    if mode not in SLUGIFY_MODES:
        return string if cased else string.lower()
    if mode == "latin":
        string = unicodedata.normalize("NFKD", string).encode("ascii", "ignore").decode()
    if mode == "raw":
        slug = _RAW_RE.sub("-", string)
    elif mode in ("default", "latin"):  # latin: transliterated above, then default
        slug = _replace_runs(string, _is_slug_char)
    elif mode == "pretty":
        slug = _replace_runs(string, lambda c: _is_slug_char(c, PRETTY_EXTRA))
    else:  # ascii
        slug = _replace_runs(string, lambda c: c.isascii() and c.isalnum())
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def titleize_slug(slug: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in slug.split("-"))
