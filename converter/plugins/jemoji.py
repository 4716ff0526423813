"""jemoji: `:shortcode:` in HTML text becomes GitHub's emoji <img> (as html-pipeline's EmojiFilter).

Only text outside <pre>, <code> and <tt> is touched, and only after the <body> tag
when the output has one. The names are GitHub's (the `emoji` package's CLDR names
and GitHub aliases); the image is GitHub's Unicode emoji PNG.
"""

from __future__ import annotations

import re
from functools import lru_cache

NAMES = ("jemoji",)

ASSET_ROOT = "https://github.githubassets.com/images/icons/emoji"
BODY_TAG = re.compile(r"<body[^>]*>")
HTML_TAG = re.compile(r"(<[^>]*>)")
# Ruby's \s and \w are ASCII-only.
OPENS_PLAIN_TEXT = re.compile(r"<(pre|code|tt)[ \t\r\n\f\v>]", re.I)
CLOSES_PLAIN_TEXT = re.compile(r"</(pre|code|tt)>", re.I)
SHORTCODE = re.compile(r":([A-Za-z0-9_+-]+):")
VARIATION_SELECTOR_16 = "\ufe0f"


def post_render(site, item) -> None:
    if item.output and emojiable(item):
        item.output = emojify(item.output)


def emojiable(item) -> bool:
    """Pages and written documents whose output is HTML (or whose permalink is a folder)."""
    from converter.model import Page

    if not (isinstance(item, Page) or item.write_wanted()):
        return False
    permalink = item.data.get("permalink")
    return item.output_ext == ".html" or (isinstance(permalink, str) and permalink.endswith("/"))


def emojify(html: str) -> str:
    codes = emoji_codes()
    if not any(match.group(1) in codes for match in SHORTCODE.finditer(html)):
        return html  # nothing to replace: skip the walk through the tags
    body_tags = list(BODY_TAG.finditer(html))
    if not body_tags:
        return emojify_fragment(html)
    start = body_tags[-1].end()
    return html[:start] + emojify_fragment(html[start:])


def emojify_fragment(html: str) -> str:
    out = []
    plain_text_depth = 0  # inside <pre>, <code> or <tt>
    for part in HTML_TAG.split(html):
        if part.startswith("<"):
            if OPENS_PLAIN_TEXT.match(part):
                plain_text_depth += 1
            elif CLOSES_PLAIN_TEXT.match(part) and plain_text_depth > 0:
                plain_text_depth -= 1
            out.append(part)
        elif plain_text_depth == 0:
            out.append(SHORTCODE.sub(_replace_shortcode, part))
        else:
            out.append(part)
    return "".join(out)


def _replace_shortcode(match: re.Match) -> str:
    return emoji_img(match.group(1)) or match.group(0)


def emoji_img(name: str) -> str | None:
    code = emoji_codes().get(name)
    if code is None:
        return None
    return (f'<img class="emoji" title=":{name}:" alt=":{name}:" '
            f'src="{ASSET_ROOT}/unicode/{code}.png" height="20" width="20">')


@lru_cache(maxsize=1)
def emoji_codes() -> dict[str, str]:
    """{shortcode name: image code}: "1f44d" for :+1:, code points joined by "-", no FE0F."""
    import emoji

    codes: dict[str, str] = {}
    for character, info in emoji.EMOJI_DATA.items():
        code = "-".join(f"{ord(c):x}" for c in character if c != VARIATION_SELECTOR_16)
        for name in [info["en"], *info.get("alias", [])]:
            codes.setdefault(name.strip(":"), code)
    return codes
