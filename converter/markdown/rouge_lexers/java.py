"""Rouge 3.30 lexers/java.rb (tag java)."""

from __future__ import annotations

from .engine import PYTHON_REGEX, RougeLexer

KEYWORDS = """assert break case catch continue default do else finally for
if goto instanceof new return switch this throw try while""".split()
DECLARATIONS = """abstract const enum extends final implements native private protected
public static strictfp super synchronized throws transient volatile""".split()
TYPES = "boolean byte char double float int long short var void".split()

ID = r"[^\W\d]\w*"  # /[[:alpha:]_][[:word:]]*/
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # [[:upper:]] for the scripts Java code uses
CONST_NAME = rf"[{UPPER}][{UPPER}0-9_]*\b"
CLASS_NAME = rf"[{UPPER}][^\W_]*\b"
DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"
BIN_DIGIT = r"(?:[01]_+[01]|[01])"
OCT_DIGIT = r"(?:[0-7]_+[0-7]|[0-7])"
HEX_DIGIT = r"(?i:[0-9a-f]_+[0-9a-f]|[0-9a-f])"


def _py(source: str) -> str:
    return PYTHON_REGEX + source


def _method(lexer, m):
    lexer.recurse(m.group(1))
    lexer.token("nf", m.group(2))
    lexer.token("", m.group(3))
    lexer.token("o", m.group(4))


class JavaLexer(RougeLexer):
    STATES = {
        "root": [
            (r"[^\S\n]+", "", None),
            (r"//.*?$", "c1", None),
            (r"/\*.*?\*/", "cm", None, True),
            (rf"(?:{'|'.join(KEYWORDS)})\b", "k", None),
            (r"(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()", _method, None, True),
            (_py(rf"@{ID}"), "nd", None),
            (rf"(?:{'|'.join(DECLARATIONS)})\b", "kd", None),
            (rf"(?:{'|'.join(TYPES)})\b", "kt", None),
            (r"(?:true|false|null)\b", "kc", None),
            (r"(?:class|interface)\b", "kd", "class"),
            (r"(?:import|package)\b", "kn", "import"),
            (r"\"(\\\\|\\\"|[^\"])*\"", "s", None),
            (r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", "sc", None),
            (_py(rf"(\.)({ID})"), lambda lx, m: lx.groups("o", "na"), None),
            (_py(rf"{ID}:"), "nl", None),
            (_py(CONST_NAME), "no", None),
            (_py(CLASS_NAME), "nc", None),
            (_py(rf"\$?{ID}"), "n", None),
            (r"[~^*!%&\[\](){}<>\|+=:;,.\/?-]", "o", None),
            (_py(rf"{DIGIT}+\.{DIGIT}+([eE]{DIGIT}+)?[fd]?"), "mf", None),
            (_py(rf"(?i:0b){BIN_DIGIT}+"), "mb", None),
            (_py(rf"(?i:0x){HEX_DIGIT}+"), "mh", None),
            (_py(rf"0{OCT_DIGIT}+"), "mo", None),
            (_py(rf"{DIGIT}+L?"), "mi", None),
            (r"\n", "", None),
        ],
        "class": [
            (r"\s+", "", None, True),
            (_py(ID), "nc", "#pop"),
        ],
        "import": [
            (r"\s+", "", None, True),
            (r"(?i:[a-z0-9_.]+\*?)", "nn", "#pop"),
        ],
    }
