"""Corpus cases where our output differs from kramdown, and why (xfail in test_corpus).

Empty: every corpus case matches. The known limit the corpus does not
exercise: code in languages without a port of the Rouge lexer
(converter/markdown/rouge_lexers) is tokenised by Pygments, whose token
boundaries and classes can differ from Rouge's.
"""

KNOWN_DEVIATIONS: dict[str, str] = {}
