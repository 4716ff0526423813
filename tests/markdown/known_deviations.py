"""Corpus cases where our output differs from kramdown, and why (xfail in test_corpus)."""

KNOWN_DEVIATIONS: dict[str, str] = {}
