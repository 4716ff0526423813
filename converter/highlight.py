"""Rouge-compatible syntax highlighting (Rouge lexer ports, Pygments for the rest).

Jekyll highlights with Rouge 3.30 (kramdown code blocks and spans, and the
``{% highlight %}`` tag). Tokens come from ports of Rouge's lexers where
there is one, otherwise from Pygments, and are written with Rouge's HTML
formatter conventions: each token becomes
``<span class="SHORTNAME">text</span>`` with Rouge's short class names (the
same scheme as Pygments' STANDARD_TYPES), plain text tokens are written bare,
only ``& < >`` are escaped, and adjacent tokens of one class are merged
(Rouge's Lexer#lex consolidates them).

Public API (used by ``converter.markdown`` and ``converter.liquid.tags``):

``find_lexer_tag(lang: str | None) -> str | None``
    Rouge's ``Lexer.find_fancy`` name lookup: the Rouge lexer tag for a
    language name or alias (case-sensitive, ``"lang?opts"`` allowed), or
    None when Rouge has no such lexer.

``render_tokens(code: str, lang: str | None) -> str``
    The inner HTML of ``<code>`` for ``code`` highlighted as ``lang``
    (a Rouge name/alias/tag); unknown languages are rendered as plain text,
    as the highlight tag does (``find_fancy(lang) || PlainText``).

``lex_tokens(code: str, tag: str | None, plain_token: str = "") -> list[tuple[str, str]]``
    (Rouge class, text) pairs for a Rouge lexer tag (lexers delegate through it).

Exactness: plain text is exact; languages with a port of the Rouge lexer
(``LEXERS`` in ``converter.markdown.rouge_lexers``, reached through their
Rouge aliases too) give Rouge's tokens; other languages go through Pygments'
lexer for the language, whose token boundaries and classes can differ.
"""

from __future__ import annotations

import functools

from pygments.token import STANDARD_TYPES, Token
from pygments.util import ClassNotFound

from converter.markdown.rouge_lexers import LEXERS as ROUGE_PORTS
from converter.markdown.rouge_registry import ROUGE_LEXER_TAGS

__all__ = ["find_lexer_tag", "render_tokens", "lex_tokens", "render_line_table", "escape_code"]

# Rouge tags whose Pygments lexer has another name
PYGMENTS_NAME_FOR_TAG = {
    "shell": "bash",
    "console": "console",
    "plaintext": None,
    "viml": "vim",
    "make": "make",
    "jsx": "jsx",
    "tex": "tex",
    "matlab": "matlab",
    "objective_c": "objective-c",
    "cpp": "cpp",
    "csharp": "csharp",
    "fsharp": "fsharp",
    "vb": "vbnet",
    "literate_haskell": "lhs",
    "docker": "docker",
    "erb": "erb",
    "html": "html",
    "xml": "xml",
    "liquid": "liquid",
    "markdown": "markdown",
    "r": "r",
    "ini": "ini",
}

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_code(text: str) -> str:
    """Rouge's escape_special_html_chars: only & < > are escaped."""
    return text.translate(_ESCAPES)


def find_lexer_tag(lang: str | None) -> str | None:
    """The Rouge lexer tag kramdown/Jekyll would find for ``lang``."""
    if lang is None:
        return "plaintext"
    name = lang.split("?", 1)[0]
    if name == "guess":
        return "plaintext"
    return ROUGE_LEXER_TAGS.get(name)


@functools.lru_cache(maxsize=None)
def _pygments_lexer(tag: str):
    name = PYGMENTS_NAME_FOR_TAG.get(tag, tag)
    if name is None:
        return None
    from pygments.lexers import get_lexer_by_name  # imports many modules: only when needed
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


def _rouge_class(token_type) -> str:
    """Rouge's short name for a token ('' for plain text)."""
    while token_type not in STANDARD_TYPES and token_type.parent is not None:
        token_type = token_type.parent
    if token_type is Token.Text or token_type in Token.Text:
        return ""
    return STANDARD_TYPES.get(token_type, "")


def lex_tokens(code: str, tag: str | None, plain_token: str = "") -> list[tuple[str, str]]:
    """(Rouge class, text) tokens for ``code`` lexed as the Rouge lexer ``tag``;
    without a lexer the whole text is one ``plain_token`` token (PlainText)."""
    port = ROUGE_PORTS.get(tag) if tag else None
    if port is not None:
        return port().lex(code)
    lexer = _pygments_lexer(tag) if tag else None
    if lexer is None:
        return [(plain_token, code)] if code else []
    tokens: list[tuple[str, str]] = []
    for token_type, value in lexer.get_tokens(code):
        if not value:
            continue
        cls = _rouge_class(token_type)
        if tokens and tokens[-1][0] == cls:
            tokens[-1] = (cls, tokens[-1][1] + value)
        else:
            tokens.append((cls, value))
    return tokens


def render_tokens(code: str, lang: str | None) -> str:
    """Highlighted inner HTML of <code> (see module docstring)."""
    tag = find_lexer_tag(lang) if lang is not None else "plaintext"
    return "".join(_span(cls, text) for cls, text in lex_tokens(code, tag or "plaintext"))


def render_line_table(code: str, inner_html: str, start_line: int = 1, table_class: str = "rouge-table",
                      gutter_class: str = "rouge-gutter", code_class: str = "rouge-code") -> str:
    """Rouge's HTMLTable formatter (line numbers) around already rendered tokens."""
    lines = code.count("\n")
    if not code.endswith("\n"):
        lines += 1
        inner_html += "\n"
    numbers = "\n".join(str(n) for n in range(start_line, start_line + lines)) + "\n"
    return (f'<table class="{table_class}"><tbody><tr><td class="{gutter_class} gl">'
            f'<pre class="lineno">{numbers}</pre></td><td class="{code_class}"><pre>{inner_html}'
            "</pre></td></tr></tbody></table>")


def _span(cls: str, text: str) -> str:
    escaped = escape_code(text)
    return f'<span class="{cls}">{escaped}</span>' if cls else escaped
