"""Rouge 3.30 lexers/make.rb (tag make; makefile, mf, gnumake, bsdmake)."""

from __future__ import annotations

from .engine import RougeLexer
from .shell import ShellLexer

FUNCTIONS = """
    abspath addprefix addsuffix and basename call dir error eval file
    filter filter-out findstring firstword flavor foreach if join lastword
    notdir or origin patsubst realpath shell sort strip subst suffix value
    warning wildcard word wordlist words
""".split()

STOP = r"\$\(|\$\{|\(|\)|\}|\\|$"


def _shell(lexer, m):
    # delegate @shell: one Shell lexer continued across pieces until reset
    lexer.output.extend(lexer.shell.lex(m.group(0)))


def _assignment(lexer, m):
    lexer.token("nv", m.group(1))
    lexer.token("", m.group(2))
    lexer.token("o", m.group(3))
    lexer.push("shell_line")


def _export(lexer, m):
    lexer.groups("k", "")
    lexer.push("export")


def _block_header(lexer, m):
    lexer.groups("nl", "o", "")
    lexer.push("block_header")


def _header_end(lexer, m):
    lexer.token("")
    lexer.goto("block_body")


def _recipe(lexer, m):
    lexer.groups("", "p")
    lexer.push("shell_line")


def _body_end(lexer, m):
    lexer.shell = ShellLexer()
    lexer.pop()


def _function(lexer, m):
    lexer.groups("nf", "", "nb", "")
    lexer.push("shell_expr")


def _open(lexer, m):
    _shell(lexer, m)
    lexer.push()


class MakeLexer(RougeLexer):
    def __init__(self):
        super().__init__()
        self.shell = ShellLexer()

    STATES = {
        "root": [
            (r"\s+", "", None),
            (r"#.*?\n", "c", None),
            (r"([-s]?include)((?:[\t ]+[^\t\n #]+)+)", lambda lx, m: lx.groups("k", "sx"), None),
            (r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)", lambda lx, m: lx.groups("k", "", "nv"), None),
            (r"(?:else|endif)[\t ]*(?=[#\n])", "k", None),
            (r"(export)([\t ]+)(?=[\w\${}()\t -]+\n)", _export, None),
            (r"export[\t ]+", "k", None),
            (r"([\w${}().-]+)([\t ]*)([!?:+]?=)", _assignment, None, True),
            (r"\"(\\\\|\\.|[^\"\\])*\"", "s2", None),
            (r"'(\\\\|\\.|[^'\\])*'", "s1", None),
            (r"([^\n:]+)(:+)([ \t]*)", _block_header, None),
        ],
        "export": [
            (r"[\w\${}()-]", "nv", None),
            (r"\n", "", "#pop"),
            (r"[\t ]+", "", None),
        ],
        "block_header": [
            (r"[^,\\\n#]+", "nf", None),
            (r",", "p", None),
            (r"#.*?", "c", None),
            (r"\\\n", "", None),
            (r"\\.", "", None),
            (r"\n", _header_end, None),
        ],
        "block_body": [
            (r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)(#.*)?(\n)", lambda lx, m: lx.groups("k", "", "nv", "c", ""), None),
            (r"(else|endif)([\t ]*)(#.*)?(\n)", lambda lx, m: lx.groups("k", "", "c", ""), None),
            (r"(\t[\t ]*)([@-]?)", _recipe, None),
            (r"", _body_end, None),
        ],
        "shell": [
            (r"(?i)\$[({][\t ]*\w[\w:=%.]*[\t ]*[)}]", "nv", None),
            (rf"(\$[({{])([\t ]*)({'|'.join(FUNCTIONS)})([\t ]+)", _function, None, True),
            (r"\\.", _shell, None, True),
            (rf".+?(?={STOP})", _shell, None, True),
            (STOP, _shell, None),
        ],
        "shell_expr": [
            (r"[({]", _open, None),
            (r"[)}]", "nf", "#pop"),
            ("mixin", "shell"),
        ],
        "shell_line": [
            (r"\n", "", "#pop"),
            ("mixin", "shell"),
        ],
    }
