"""Corpus cases where our output differs from kramdown, and why (xfail in test_corpus)."""

_PYGMENTS = (
    "highlighting of {langs} goes through Pygments (no port of the Rouge lexer yet), whose "
    "token boundaries and classes differ from Rouge's; the Markdown conversion itself matches"
)

KNOWN_DEVIATIONS: dict[str, str] = {
    "cases/code_unknown_and_case": _PYGMENTS.format(langs="js and console code blocks"),
}
