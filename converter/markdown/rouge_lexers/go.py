"""Rouge 3.30 lexers/go.rb (tag go; golang).

Rouge builds its rules from interpolated Regexp constants; they are spelled
out here in Python syntax (``[[:alpha:]]`` and ``[[:digit:]]`` are Unicode)."""

from __future__ import annotations

from .engine import PYTHON_REGEX as PY, RougeLexer

LETTER = r"(?:[^\W\d_]|_)"
UNICODE_DIGIT = r"\d"
HEX_DIGIT = "[0-9A-Fa-f]"

LINE_COMMENT = r"//(?:(?!\n).)*"
GENERAL_COMMENT = r"/\*(?s:(?:(?!\*/).)*)\*/"
COMMENT = rf"{LINE_COMMENT}|{GENERAL_COMMENT}"

KEYWORD = (r"\b(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else"
           r"|goto|package|switch|const|fallthrough|if|range|type|continue|for|import|return"
           r"|var)\b")
IDENTIFIER = rf"(?!{KEYWORD}){LETTER}(?:{LETTER}|{UNICODE_DIGIT})*"

OPERATOR = "|".join([
    r"\+=", r"\+\+", r"\+", r"&\^=", r"&\^",
    "&=", "&&", "&", "==", "=",
    r"\!=", r"\!", "-=", "--", "-",
    r"\|=", r"\|\|", r"\|", "<=", "<-",
    "<<=", "<<", "<", r"\*=", r"\*",
    r"\^=", r"\^", ">>=", ">>", ">=",
    ">", r"\/", r"\/=", ":=", "%",
    "%=", r"\.\.\.", r"\.", ":",
])
SEPARATOR = r"\(|\)|\[|\]|\{|\}|,|;"

DECIMAL_LIT = "[0-9][0-9]*"
OCTAL_LIT = "0[0-7]*"
HEX_LIT = f"0[xX]{HEX_DIGIT}+"
INT_LIT = f"{HEX_LIT}|{DECIMAL_LIT}|{OCTAL_LIT}"

DECIMALS = "[0-9]+"
EXPONENT = rf"[eE][+\-]?{DECIMALS}"
FLOAT_LIT = (rf"(?:{DECIMALS})\.(?:{DECIMALS})?(?:{EXPONENT})?"
             rf"|(?:{DECIMALS})(?:{EXPONENT})"
             rf"|\.(?:{DECIMALS})(?:{EXPONENT})?")
IMAGINARY_LIT = rf"(?:(?:{DECIMALS})|(?:{FLOAT_LIT}))i"

ESCAPED_CHAR = r"\\[abfnrtv\\'\"]"
LITTLE_U_VALUE = rf"\\u{HEX_DIGIT}{{4}}"
BIG_U_VALUE = rf"\\U{HEX_DIGIT}{{8}}"
UNICODE_VALUE = rf"[^\n]|{LITTLE_U_VALUE}|{BIG_U_VALUE}|{ESCAPED_CHAR}"
OCTAL_BYTE_VALUE = r"\\[0-7]{3}"
HEX_BYTE_VALUE = rf"\\x{HEX_DIGIT}{{2}}"
BYTE_VALUE = f"{OCTAL_BYTE_VALUE}|{HEX_BYTE_VALUE}"
CHAR_LIT = f"'(?:(?:{UNICODE_VALUE})|(?:{BYTE_VALUE}))'"
ESCAPE_SEQUENCE = f"{ESCAPED_CHAR}|{LITTLE_U_VALUE}|{BIG_U_VALUE}|{HEX_BYTE_VALUE}"

PREDECLARED_TYPES = (r"\b(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16"
                     r"|int32|int64|int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b")
PREDECLARED_CONSTANTS = r"\b(?:true|false|iota|nil)\b"
PREDECLARED_FUNCTIONS = (r"\b(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic"
                         r"|print|println|real|recover)\b")


class GoLexer(RougeLexer):
    STATES = {
        "simple_tokens": [
            (PY + COMMENT, "c", None),
            (PY + KEYWORD, "k", None),
            (PY + PREDECLARED_TYPES, "kt", None),
            (PY + PREDECLARED_FUNCTIONS, "nb", None),
            (PY + PREDECLARED_CONSTANTS, "no", None),
            (PY + IMAGINARY_LIT, "m", None),
            (PY + FLOAT_LIT, "m", None),
            (PY + INT_LIT, "m", None),
            (PY + CHAR_LIT, "sc", None),
            (PY + OPERATOR, "o", None),
            (PY + SEPARATOR, "p", None),
            (PY + IDENTIFIER, "n", None),
            (PY + r"[ \t\n\v\f\r]+", "", None),
        ],
        "root": [
            ("mixin", "simple_tokens"),
            (r"`", "s", "raw_string"),
            (r"\"", "s", "interpreted_string"),
        ],
        "interpreted_string": [
            (PY + ESCAPE_SEQUENCE, "se", None),
            (r"\\.", "err", None),
            (r"\"", "s", "#pop"),
            (r"[^\"\\]+", "s", None),
        ],
        "raw_string": [
            (r"`", "s", "#pop"),
            (r"[^`]+", "s", None, True),
        ],
    }
