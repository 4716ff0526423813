"""No input makes the converter raise or hang: random Markdown-ish text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.markdown import KramdownConverter, smartify

CONVERTER = KramdownConverter()
KRAMDOWN_INPUT = KramdownConverter({"input": "kramdown", "parse_block_html": True})

# fragments that exercise kramdown's syntax, glued together at random
TOKENS = [
    "\n", "\n\n", " ", "  \n", "\\\\\n", "\t", "    ", "*", "**", "_", "__", "`", "```", "~~~", "~~",
    "#", "## ", "> ", "- ", "* ", "1. ", ": ", "|", "---", "===", "[", "]", "(", ")", "![", "[^1]",
    "[^1]: ", "{: .c}", "{:toc}", "{::comment}", "{:/}", "{::options auto_ids=\"false\" /}",
    "{:ref: #x}", "*[HTML]: ", "$$", "$", "<div>", "</div>", "<div markdown=\"1\">", "<span>",
    "</span>", "<br>", "<!--", "-->", "<script>", "</script>", "&amp;", "&#169;", "&bogus;", "\"",
    "'", "--", "...", "<<", ">>", "\\", "^", "http://x.org", "<http://y.org>", "word", "é", "中",
    "[x]: http://z ", "\r\n", "\x00", "\u00a0",
]
markdownish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_convert_returns_a_string(text):
    assert isinstance(CONVERTER.convert(text), str)
    assert isinstance(KRAMDOWN_INPUT.convert(text), str)


@settings(max_examples=100, deadline=2000)
@given(st.text(max_size=200))
def test_convert_any_unicode(text):
    assert isinstance(CONVERTER.convert(text), str)


@settings(max_examples=100, deadline=2000)
@given(markdownish)
def test_smartify_returns_a_string(text):
    assert isinstance(smartify(text), str)


def test_deep_nesting_converts_like_kramdown():
    """kramdown handles hundreds of nested HTML elements, lists and quotes."""
    divs = "<div>" * 500 + "x" + "</div>" * 500 + "\n"
    assert CONVERTER.convert(divs).startswith("<div><div><div>")
    quotes = "".join(">" * i + " x\n" for i in range(1, 200))
    assert CONVERTER.convert(quotes).count("<blockquote>") == 199
    lists = "".join("  " * i + "- x\n" for i in range(150))
    assert "<li>" in CONVERTER.convert(lists)
