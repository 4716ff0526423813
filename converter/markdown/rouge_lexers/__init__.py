"""Ports of Rouge 3.30 lexers (rouge/lexers/*.rb) for exact token output.

Pygments lexes most languages differently from Rouge; for the languages
academic sites use most, the Rouge state machines are transcribed here.
``LEXERS`` maps a Rouge lexer tag to its port.
"""

from __future__ import annotations

from .bibtex import BibTeXLexer
from .c import CLexer
from .console import ConsoleLexer
from .cpp import CppLexer
from .css import CSSLexer
from .html import HTMLLexer
from .ini import IniLexer
from .java import JavaLexer
from .javascript import JavascriptLexer
from .json import JSONLexer
from .markdown import MarkdownLexer
from .matlab import MatlabLexer
from .python import PythonLexer
from .r import RLexer
from .shell import ShellLexer
from .tex import TeXLexer
from .yaml import YAMLLexer

LEXERS = {"shell": ShellLexer, "c": CLexer, "python": PythonLexer, "ini": IniLexer, "matlab": MatlabLexer,
          "markdown": MarkdownLexer, "r": RLexer,
          "cpp": CppLexer, "json": JSONLexer, "tex": TeXLexer,
          "html": HTMLLexer, "bibtex": BibTeXLexer,
          "javascript": JavascriptLexer, "console": ConsoleLexer,
          "yaml": YAMLLexer, "css": CSSLexer, "java": JavaLexer}
