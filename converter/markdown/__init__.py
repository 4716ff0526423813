"""kramdown 2.4 (+ kramdown-parser-gfm 1.1) as Jekyll 4.3.1 runs it.

    KramdownConverter(options).convert(text) -> html
    smartify(text) -> html      # Jekyll's `smartify` filter

``options`` is the site's ``config["kramdown"]``; missing keys take Jekyll's
defaults (see ``options.jekyll_options``). ``options["highlighter"]`` may
carry the top-level ``highlighter:`` setting.

Module map: ``patterns`` (kramdown's regexes), ``parser`` (block and span
rules), ``gfm`` (the GFM parser), ``html_parser`` (raw HTML model),
``html_converter`` (HTML output), ``smartypants`` (smartify),
``engine`` (the mistune 3 pipeline that drives them).
"""

from __future__ import annotations

from .engine import KramdownConverter, smartify

__all__ = ["KramdownConverter", "smartify"]
