"""Ports of Rouge 3.30 lexers (rouge/lexers/*.rb) for exact token output.

Pygments lexes most languages differently from Rouge; for the languages
academic sites use most, the Rouge state machines are transcribed here.
``LEXERS`` maps a Rouge lexer tag to its port, imported on first use (the
ports are large tables of words; a site highlights a few languages, if any).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

# Rouge lexer tag -> (module, class) of its port (aliases are resolved to tags by rouge_registry)
PORTS = {
    "batchfile": ("batchfile", "BatchfileLexer"),
    "bibtex": ("bibtex", "BibTeXLexer"),
    "c": ("c", "CLexer"),
    "conf": ("conf", "ConfLexer"),
    "console": ("console", "ConsoleLexer"),
    "cpp": ("cpp", "CppLexer"),
    "csharp": ("csharp", "CSharpLexer"),
    "css": ("css", "CSSLexer"),
    "cuda": ("cuda", "CudaLexer"),
    "diff": ("diff", "DiffLexer"),
    "docker": ("docker", "DockerLexer"),
    "fortran": ("fortran", "FortranLexer"),
    "go": ("go", "GoLexer"),
    "haskell": ("haskell", "HaskellLexer"),
    "html": ("html", "HTMLLexer"),
    "ini": ("ini", "IniLexer"),
    "java": ("java", "JavaLexer"),
    "javascript": ("javascript", "JavascriptLexer"),
    "json": ("json", "JSONLexer"),
    "julia": ("julia", "JuliaLexer"),
    "liquid": ("liquid", "LiquidLexer"),
    "lua": ("lua", "LuaLexer"),
    "make": ("make", "MakeLexer"),
    "markdown": ("markdown", "MarkdownLexer"),
    "mathematica": ("mathematica", "MathematicaLexer"),
    "matlab": ("matlab", "MatlabLexer"),
    "nginx": ("nginx", "NginxLexer"),
    "ocaml": ("ocaml", "OCamlLexer"),
    "perl": ("perl", "PerlLexer"),
    "powershell": ("powershell", "PowershellLexer"),
    "properties": ("conf", "PropertiesLexer"),
    "prolog": ("prolog", "PrologLexer"),
    "python": ("python", "PythonLexer"),
    "r": ("r", "RLexer"),
    "ruby": ("ruby", "RubyLexer"),
    "rust": ("rust", "RustLexer"),
    "scss": ("scss", "ScssLexer"),
    "shell": ("shell", "ShellLexer"),
    "sql": ("sql", "SQLLexer"),
    "stata": ("stata", "StataLexer"),
    "tex": ("tex", "TeXLexer"),
    "toml": ("toml", "TOMLLexer"),
    "typescript": ("typescript", "TypescriptLexer"),
    "xml": ("xml", "XMLLexer"),
    "yaml": ("yaml", "YAMLLexer"),
}


class LazyLexers(Mapping):
    """Rouge lexer tag -> port class, each module imported when its tag is first asked for."""

    def __init__(self, ports: dict[str, tuple[str, str]]):
        self.ports = ports
        self.loaded: dict[str, type] = {}

    def __getitem__(self, tag: str) -> type:
        lexer = self.loaded.get(tag)
        if lexer is None:
            module, name = self.ports[tag]
            lexer = getattr(importlib.import_module(f".{module}", __name__), name)
            self.loaded[tag] = lexer
        return lexer

    def get(self, tag: str, default=None):
        # Mapping.get would go through a KeyError for every tag without a port (plaintext)
        return self[tag] if tag in self.ports else default

    def __contains__(self, tag) -> bool:
        return tag in self.ports

    def __iter__(self):
        return iter(self.ports)

    def __len__(self) -> int:
        return len(self.ports)


LEXERS = LazyLexers(PORTS)
