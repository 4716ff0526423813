"""Ports of Rouge 3.30 lexers (rouge/lexers/*.rb) for exact token output.

Pygments lexes most languages differently from Rouge; for the languages
academic sites use most, the Rouge state machines are transcribed here.
``LEXERS`` maps a Rouge lexer tag to its port.
"""

from __future__ import annotations

from .batchfile import BatchfileLexer
from .bibtex import BibTeXLexer
from .c import CLexer
from .conf import ConfLexer, PropertiesLexer
from .console import ConsoleLexer
from .cpp import CppLexer
from .csharp import CSharpLexer
from .css import CSSLexer
from .cuda import CudaLexer
from .diff import DiffLexer
from .docker import DockerLexer
from .fortran import FortranLexer
from .go import GoLexer
from .haskell import HaskellLexer
from .html import HTMLLexer
from .ini import IniLexer
from .java import JavaLexer
from .javascript import JavascriptLexer
from .json import JSONLexer
from .julia import JuliaLexer
from .liquid import LiquidLexer
from .lua import LuaLexer
from .make import MakeLexer
from .markdown import MarkdownLexer
from .mathematica import MathematicaLexer
from .matlab import MatlabLexer
from .nginx import NginxLexer
from .ocaml import OCamlLexer
from .perl import PerlLexer
from .powershell import PowershellLexer
from .prolog import PrologLexer
from .python import PythonLexer
from .r import RLexer
from .ruby import RubyLexer
from .rust import RustLexer
from .scss import ScssLexer
from .shell import ShellLexer
from .sql import SQLLexer
from .stata import StataLexer
from .tex import TeXLexer
from .toml import TOMLLexer
from .typescript import TypescriptLexer
from .xml import XMLLexer
from .yaml import YAMLLexer

# Rouge lexer tag -> port (aliases are resolved to tags by rouge_registry)
LEXERS = {
    "batchfile": BatchfileLexer, "bibtex": BibTeXLexer, "c": CLexer, "conf": ConfLexer, "console": ConsoleLexer, "cpp": CppLexer,
    "csharp": CSharpLexer, "css": CSSLexer, "cuda": CudaLexer, "diff": DiffLexer, "docker": DockerLexer, "fortran": FortranLexer, "go": GoLexer, "haskell": HaskellLexer, "html": HTMLLexer, "ini": IniLexer, "java": JavaLexer,
    "javascript": JavascriptLexer, "json": JSONLexer, "julia": JuliaLexer, "liquid": LiquidLexer, "lua": LuaLexer, "make": MakeLexer, "markdown": MarkdownLexer,
    "mathematica": MathematicaLexer, "matlab": MatlabLexer, "nginx": NginxLexer, "ocaml": OCamlLexer, "perl": PerlLexer, "powershell": PowershellLexer, "properties": PropertiesLexer, "prolog": PrologLexer, "python": PythonLexer, "r": RLexer, "ruby": RubyLexer, "rust": RustLexer, "scss": ScssLexer, "shell": ShellLexer, "sql": SQLLexer, "stata": StataLexer,
    "tex": TeXLexer, "toml": TOMLLexer, "typescript": TypescriptLexer, "xml": XMLLexer, "yaml": YAMLLexer,
}
