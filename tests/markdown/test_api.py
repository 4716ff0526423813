"""The public API other modules rely on."""

from __future__ import annotations

from converter import highlight
from converter.markdown import KramdownConverter, smartify
from converter.markdown.options import jekyll_options


def test_jekyll_defaults():
    options = jekyll_options({})
    assert options["input"] == "GFM"
    assert options["hard_wrap"] is False
    assert options["toc_levels"] == [1, 2, 3, 4, 5, 6]
    assert options["smart_quotes"] == ["lsquo", "rsquo", "ldquo", "rdquo"]
    assert options["syntax_highlighter"] == "rouge"
    assert options["syntax_highlighter_opts"] == {"default_lang": "plaintext", "guess_lang": True}


def test_option_forms():
    assert jekyll_options({"toc_levels": "2..3"})["toc_levels"] == [2, 3]
    assert jekyll_options({"toc_levels": range(1, 3)})["toc_levels"] == [1, 2]
    assert jekyll_options({"toc_levels": [1, 2]})["toc_levels"] == [1, 2]
    assert jekyll_options({"auto_ids": "false"})["auto_ids"] is False


def test_converter_is_reusable():
    conv = KramdownConverter()
    assert conv.convert("# A\n") == conv.convert("# A\n") == '<h1 id="a">A</h1>\n'


def test_not_a_string_input():
    conv = KramdownConverter()
    assert conv.convert(None) == conv.convert("") == "\n"


def test_smartify():
    assert smartify('"Hello" -- it\'s <b>me</b>...') == "“Hello” – it’s <b>me</b>…"
    assert smartify("a & b") == "a &amp; b"


def test_highlight_plaintext_and_unknown():
    assert highlight.render_tokens("a < b\n", "plaintext") == "a &lt; b\n"
    assert highlight.render_tokens("x\n", "no-such-language") == "x\n"
    assert highlight.find_lexer_tag("no-such-language") is None
    assert highlight.find_lexer_tag("py") == "python"
    assert highlight.find_lexer_tag("C") is None  # Rouge lookups are case-sensitive
