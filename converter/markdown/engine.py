"""The mistune 3 pipeline that runs kramdown's rules.

mistune's CommonMark block and inline rules cannot express kramdown (its
paragraphs end differently, HTML blocks are parsed as trees, lists and IALs
rewrite earlier blocks), so the mistune ``Markdown`` object is driven by a
block parser whose ``parse`` runs the kramdown parser (``parser``/``gfm``) over
``BlockState.src`` and leaves one token holding kramdown's element tree, and
by a renderer that writes that tree as kramdown's HTML converter does.
One ``mistune.Markdown`` is built per options set and reused.
"""

from __future__ import annotations

import contextlib
import gc
import html
import logging
import sys
from collections import OrderedDict

import mistune
from mistune.core import BlockState

from .fast_paths import PlainParagraph
from .gfm import GFMParser
from .html_converter import convert as convert_tree
from .options import jekyll_options, merge_options
from .parser import KramdownParser
from .smartypants import SmartyPantsParser

log = logging.getLogger(__name__)

# kramdown recurses per nesting level (HTML elements, lists, quotes) and Ruby's
# stack is deep; Python's default limit of 1000 frames fails at ~300 levels.
# The limit is raised only while converting (other stages rely on the default).
CONVERSION_RECURSION_LIMIT = 10000

PARSER_FOR_INPUT = {"gfm": GFMParser, "kramdown": KramdownParser, "smartypants": SmartyPantsParser}


@contextlib.contextmanager
def recursion_headroom():
    """Raise the recursion limit for the duration of one conversion."""
    limit = sys.getrecursionlimit()
    if limit >= CONVERSION_RECURSION_LIMIT:
        yield
        return
    sys.setrecursionlimit(CONVERSION_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


class KramdownBlockParser(mistune.BlockParser):
    """Block stage: kramdown's block + span parsing of the whole document."""

    def __init__(self, parser_class: type[KramdownParser], options: dict):
        super().__init__()
        self.parser_class = parser_class
        self.options = options

    def parse(self, state: BlockState, rules=None) -> None:
        root = self.parser_class(self.options).parse(state.src)
        state.tokens = [{"type": "kramdown_root", "root": root}]


class KramdownRenderer(mistune.BaseRenderer):
    NAME = "kramdown-html"

    def __init__(self, options: dict):
        super().__init__()
        self.options = options

    def kramdown_root(self, token: dict, state: BlockState) -> str:
        return convert_tree(token["root"], self.options)


def build_markdown(parser_class: type[KramdownParser], options: dict) -> mistune.Markdown:
    return mistune.Markdown(
        renderer=KramdownRenderer(options),
        block=KramdownBlockParser(parser_class, options),
    )


class KramdownConverter:
    """Markdown -> HTML exactly as Jekyll 4.3.1's kramdown converter.

    Like Jekyll's Markdown converter (which caches by content), results for
    short texts are memoised: excerpts and ``markdownify`` inputs repeat.
    ``cache_size=0`` turns that off (benchmarks).
    """

    CACHEABLE_LENGTH = 4096

    def __init__(self, options: dict | None = None, cache_size: int = 1024):
        site_options = dict(options or {})
        highlighter = site_options.pop("highlighter", None)
        self.options = jekyll_options(site_options, highlighter)
        input_name = str(self.options.get("input") or "kramdown").lower()
        parser_class = PARSER_FOR_INPUT.get(input_name, KramdownParser)
        self._markdown = build_markdown(parser_class, self.options)
        self._plain_paragraph = PlainParagraph.for_parser(parser_class, self.options)
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size

    def convert(self, text: str) -> str:
        """kramdown's HTML for ``text``; never raises."""
        text = text if isinstance(text, str) else str(text or "")
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        result = self._convert_uncached(text)
        if self._cache_size and len(text) <= self.CACHEABLE_LENGTH:
            self._cache[text] = result
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return result

    def _convert_uncached(self, text: str) -> str:
        if self._plain_paragraph is not None:  # a one-line plain paragraph (titles): same HTML, no parse
            html_text = self._plain_paragraph(text)
            if html_text is not None:
                return html_text
        # The conversion builds a tree of fresh objects and drops it: collections of the
        # young generation during it only walk that tree (~10% of a large document's time)
        gc_was_enabled = gc.isenabled()
        if gc_was_enabled:
            gc.disable()
        limit = sys.getrecursionlimit()  # recursion_headroom(), inlined
        if limit < CONVERSION_RECURSION_LIMIT:
            sys.setrecursionlimit(CONVERSION_RECURSION_LIMIT)
        try:
            return self._markdown(text)
        except Exception:  # noqa: BLE001 - a page must still build
            log.exception("kramdown conversion failed; emitting escaped text")
            return f"<p>{html.escape(text, quote=False)}</p>\n"
        finally:
            if limit < CONVERSION_RECURSION_LIMIT:
                sys.setrecursionlimit(limit)
            if gc_was_enabled:
                gc.enable()


_SMARTY_CACHE: dict = {}


def smartify(text: str, options: dict | None = None) -> str:
    """Jekyll's ``smartify`` filter: SmartyPants through kramdown, chomped."""
    key = repr(sorted((options or {}).items()))
    markdown = _SMARTY_CACHE.get(key)
    if markdown is None:
        merged = merge_options({k: v for k, v in (options or {}).items()})
        markdown = _SMARTY_CACHE[key] = build_markdown(SmartyPantsParser, merged)
    try:
        with recursion_headroom():
            output = markdown(text if isinstance(text, str) else str(text))
    except Exception:  # noqa: BLE001
        log.exception("smartify failed")
        return html.escape(str(text), quote=False)
    return output[:-1] if output.endswith("\n") else output
