"""Rouge 3.30 lexers/python.rb (tag python; py)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = set("""
assert break continue del elif else except exec
finally for global if lambda pass print raise
return try while yield as with from import yield
async await nonlocal""".split())
BUILTINS = set("""
__import__ abs all any apply ascii basestring bin bool buffer
bytearray bytes callable chr classmethod cmp coerce compile
complex delattr dict dir divmod enumerate eval execfile exit
file filter float format frozenset getattr globals hasattr hash hex id
input int intern isinstance issubclass iter len list locals
long map max memoryview min next object oct open ord pow property range
raw_input reduce reload repr reversed round set setattr slice
sorted staticmethod str sum super tuple type unichr unicode
vars xrange zip""".split())
BUILTINS_PSEUDO = set("self None Ellipsis NotImplemented False True".split())
EXCEPTIONS = set("""
ArithmeticError AssertionError AttributeError
BaseException BlockingIOError BrokenPipeError BufferError
BytesWarning ChildProcessError ConnectionAbortedError
ConnectionError ConnectionRefusedError ConnectionResetError
DeprecationWarning EOFError EnvironmentError
Exception FileExistsError FileNotFoundError
FloatingPointError FutureWarning GeneratorExit IOError
ImportError ImportWarning IndentationError IndexError
InterruptedError IsADirectoryError KeyError KeyboardInterrupt
LookupError MemoryError ModuleNotFoundError NameError
NotADirectoryError NotImplemented NotImplementedError OSError
OverflowError OverflowWarning PendingDeprecationWarning
ProcessLookupError RecursionError ReferenceError ResourceWarning
RuntimeError RuntimeWarning StandardError StopAsyncIteration
StopIteration SyntaxError SyntaxWarning SystemError SystemExit
TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError
UnicodeEncodeError UnicodeError UnicodeTranslateError
UnicodeWarning UserWarning ValueError VMSError Warning
WindowsError ZeroDivisionError""".split())

IDENTIFIER = r"[[:alpha:]_][[:alnum:]_]*"
DOTTED_IDENTIFIER = r"[[:alpha:]_.][[:alnum:]_.]*"
DIGITS = r"(?:[0-9](_?[0-9])*)"
DECIMAL = rf"(?:(({DIGITS})?\.{DIGITS}|{DIGITS}\.))"
EXPONENT = rf"(?:[eE][+-]?{DIGITS})"


def _identifier(lexer, m):
    name = m.group(0)
    if name in KEYWORDS:
        lexer.token("k")
    elif name in EXCEPTIONS or name in BUILTINS:
        lexer.token("nb")
    elif name in BUILTINS_PSEUDO:
        lexer.token("bp")
    else:
        lexer.token("n")


def _string_start(lexer, m):
    lexer.groups("sa", "s")
    lexer.strings.append((m.group(1).lower(), m.group(2)))
    lexer.push("generic_string")


def _string_quote(lexer, m):
    lexer.token("s")
    if lexer.strings and lexer.strings[-1][1] == m.group(0):
        lexer.strings.pop()
        lexer.pop()


def _string_brace(lexer, m):
    if lexer.strings and "f" in lexer.strings[-1][0]:
        lexer.token("si")
        lexer.push("generic_interpol")
    else:
        lexer.token("s")


def _escape(lexer, m):
    lexer.token("s" if lexer.strings and "r" in lexer.strings[-1][0] else "se")
    lexer.pop()


def _push_after(state, *tokens):
    def action(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return action


class PythonLexer(RougeLexer):
    def __init__(self):
        super().__init__()
        self.strings: list[tuple[str, str]] = []

    STATES = {
        "root": [
            (r"\n+", "", None, True),
            (r"^(:)(\s*)((?i:[ru]{,2})\"\"\".*?\"\"\")", lambda lx, m: lx.groups("p", "", "sd"), None, True),
            (r"[^\S\n]+", "", None),
            (r"#(.*)?\n?", "c1", None),
            (r"[\[\]{}:(),;.]", "p", None),
            (r"\\\n", "", None),
            (r"\\", "", None),
            (r"(in|is|and|or|not)\b", "ow", None),
            (r"(<<|>>|\/\/|\*\*)=?", "o", None),
            (r"[-~+\/*%=<>&^|@]=?|!=", "o", None),
            (rf"(from)((?:\\\s|\s)+)({DOTTED_IDENTIFIER})((?:\\\s|\s)+)(import)",
             lambda lx, m: lx.groups("kn", "", "nn", "", "kn"), None),
            (rf"(import)(\s+)({DOTTED_IDENTIFIER})", lambda lx, m: lx.groups("kn", "", "nn"), None),
            (r"(def)((?:\s|\\\s)+)", _push_after("funcname", "k", ""), None),
            (r"(class)((?:\s|\\\s)+)", _push_after("classname", "k", ""), None),
            (r"`.*?`", "sb", None),
            (r"(?i:([rfbu]{0,2})('''|\"\"\"|['\"]))", _string_start, None),
            (rf"(?i:@{DOTTED_IDENTIFIER})", "nd", None),
            (rf"(?<!\.){IDENTIFIER}", _identifier, None),
            (IDENTIFIER, "n", None),
            (rf"(?i:{DECIMAL}({EXPONENT})?j?)", "mf", None),
            (rf"(?i:{DIGITS}{EXPONENT}j?)", "mf", None),
            (rf"(?i:{DIGITS}j)", "mf", None),
            (r"(?i:0b(_?[0-1])+)", "mb", None),
            (r"(?i:0o(_?[0-7])+)", "mo", None),
            (r"(?i:0x(_?[a-f0-9])+)", "mh", None),
            (r"\d+L", "il", None),
            (r"([1-9](_?[0-9])*|0(_?0)*)", "mi", None),
        ],
        "funcname": [(IDENTIFIER, "nf", "#pop")],
        "classname": [(IDENTIFIER, "nc", "#pop")],
        "generic_string": [
            (r"[^'\"\\{]+", "s", None),
            (r"{{", "s", None),
            (r"'''|\"\"\"|['\"]", _string_quote, None),
            (r"(?=\\)", "s", "generic_escape"),
            (r"{", _string_brace, None),
        ],
        "generic_escape": [
            (r"\\([\\abfnrtv\"']|\n|newline|N{[a-zA-Z][a-zA-Z ]+[a-zA-Z]}|u[a-fA-F0-9]{4}"
             r"|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})", _escape, None),
            (r"\\.", "s", "#pop"),
        ],
        "generic_interpol": [
            (r"[^{}!:]+", lambda lx, m: lx.recurse(m.group(0)), None),
            (r"![asr]", "si", None),
            (r":", "si", None),
            (r"{", "si", "generic_interpol"),
            (r"}", "si", "#pop"),
        ],
    }
