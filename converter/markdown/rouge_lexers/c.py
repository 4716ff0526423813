"""Rouge 3.30 lexers/c.rb (tag c)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = set("""
auto break case const continue default do else enum extern
for goto if register restricted return sizeof static struct
switch typedef union volatile virtual while
_Alignas _Alignof _Atomic _Generic _Imaginary
_Noreturn _Static_assert _Thread_local""".split())
KEYWORDS_TYPE = set("""
int long float short double char unsigned signed void
jmp_buf FILE DIR div_t ldiv_t mbstate_t sig_atomic_t fpos_t
clock_t time_t va_list size_t ssize_t off_t wchar_t ptrdiff_t
wctrans_t wint_t wctype_t
_Bool _Complex int8_t int16_t int32_t int64_t
uint8_t uint16_t uint32_t uint64_t int_least8_t
int_least16_t int_least32_t int_least64_t
uint_least8_t uint_least16_t uint_least32_t
uint_least64_t int_fast8_t int_fast16_t int_fast32_t
int_fast64_t uint_fast8_t uint_fast16_t uint_fast32_t
uint_fast64_t intptr_t uintptr_t intmax_t
uintmax_t
char16_t char32_t""".split())
RESERVED = set("""
__asm __int8 __based __except __int16 __stdcall __cdecl
__fastcall __int32 __declspec __finally __int61 __try __leave
inline _inline __inline naked _naked __naked restrict _restrict
__restrict thread _thread __thread typename _typename __typename""".split())

WS = r"(?:(?:\s|//.*?\n|/[*].*?[*]/)+)"
ID = r"[a-zA-Z_][a-zA-Z0-9_]*"


def _identifier(lexer, m):
    name = m.group(0)
    if name in lexer.KEYWORDS:
        lexer.token("k")
    elif name in lexer.KEYWORDS_TYPE:
        lexer.token("kt")
    elif name in lexer.RESERVED:
        lexer.token("kr")
    else:
        lexer.token("n")


def _function(lexer, m):
    lexer.recurse(m.group(1))
    lexer.token("nf", m.group(2))
    lexer.recurse(m.group(3))
    lexer.recurse(m.group(4))
    lexer.token("p", m.group(5))
    if m.group(5) == "{":
        lexer.push("function")


class CLexer(RougeLexer):
    KEYWORDS = KEYWORDS
    KEYWORDS_TYPE = KEYWORDS_TYPE
    RESERVED = RESERVED
    START = ["root", "bol"]
    STATES = {
        "expr_bol": [
            ("mixin", "inline_whitespace"),
            (r"#if\s0", "c", "if_0"),
            (r"#", "cp", "macro"),
            (r"", lambda lx, m: lx.pop(), None),
        ],
        "bol": [
            (rf"{ID}:(?!:)", "nl", None),
            ("mixin", "expr_bol"),
        ],
        "inline_whitespace": [
            (r"[ \t\r]+", "", None),
            (r"\\\n", "", None),
            (r"/(\\\n)?[*].*?[*](\\\n)?/", "cm", None, True),
        ],
        "whitespace": [
            (r"\n+", "", "bol", True),
            (r"//(\\.|.)*?$", "c1", "bol"),
            ("mixin", "inline_whitespace"),
        ],
        "expr_whitespace": [
            (r"\n+", "", "expr_bol", True),
            ("mixin", "whitespace"),
        ],
        "statements": [
            ("mixin", "whitespace"),
            (r"(u8|u|U|L)?\"", "s", "string"),
            (r"(?i:(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])')", "sc", None),
            (r"(?i:(\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*)", "mf", None),
            (r"(?i:\d+e[+-]?\d+[lu]*)", "mf", None),
            (r"(?i:0x[0-9a-f]+[lu]*)", "mh", None),
            (r"(?i:0[0-7]+[lu]*)", "mo", None),
            (r"(?i:\d+[lu]*)", "mi", None),
            (r"\*/", "err", None),
            (r"[~!%^&*+=\|?:<>/-]", "o", None),
            (r"[()\[\],.;]", "p", None),
            (r"\bcase\b", "k", "case"),
            (r"(?:true|false|NULL)\b", "nb", None),
            (ID, _identifier, None),
        ],
        "case": [
            (r":", "p", "#pop"),
            ("mixin", "statements"),
        ],
        "root": [
            ("mixin", "expr_whitespace"),
            (rf"([\w*\s]+?[\s*])({ID})(\s*\([^;]*?\))({WS}?)({{|;)", _function, None, True),
            (r"\{", "p", "function"),
            ("mixin", "statements"),
        ],
        "function": [
            ("mixin", "whitespace"),
            ("mixin", "statements"),
            (r";", "p", None),
            (r"{", "p", "function"),
            (r"}", "p", "#pop"),
        ],
        "string": [
            (r"\"", "s", "#pop"),
            (r"\\([\\abfnrtv\"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})", "se", None),
            (r"[^\\\"\n]+", "s", None),
            (r"\\\n", "s", None),
            (r"\\", "s", None),
        ],
        "macro": [
            ("mixin", "include"),
            (r"[^/\n\\]+", "cp", None),
            (r"\\.", "cp", None, True),
            ("mixin", "inline_whitespace"),
            (r"/", "cp", None),
            (r"\n", "cp", "#pop"),
        ],
        "include": [
            (r"(include)(\s*)(<[^>]+>)([^\n]*)", lambda lx, m: lx.groups("cp", "", "cpf", "c1"), None),
            (r"(include)(\s*)(\"[^\"]+\")([^\n]*)", lambda lx, m: lx.groups("cp", "", "cpf", "c1"), None),
        ],
        "if_0": [
            (r"^\s*#if", "c", "if_0"),
            (r"^\s*#\s*el(?:se|if)", "c", "#pop"),
            (r"^\s*#\s*endif\b.*?(?<!\\)\n", "c", "#pop", True),
            (r".*?\n", "c", None),
        ],
    }
