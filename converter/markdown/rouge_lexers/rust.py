"""Rouge 3.30 lexers/rust.rb (tag rust; rs)."""

from __future__ import annotations

from .engine import PYTHON_REGEX as PY, RougeLexer

KEYWORDS = """
    as async await break const continue crate dyn else enum extern false
    fn for if impl in let log loop match mod move mut pub ref return self
    Self static struct super trait true type unsafe use where while
    abstract become box do final macro
    override priv typeof unsized virtual
    yield try
    union
""".split()

BUILTINS = frozenset("""
    Add BitAnd BitOr BitXor bool c_char c_double c_float char
    c_int clock_t c_long c_longlong Cons Const Copy c_schar c_short
    c_uchar c_uint c_ulong c_ulonglong c_ushort c_void dev_t DIR
    dirent Div Either Eq Err f32 f64 Failure FILE float fpos_t
    i16 i32 i64 i8 isize Index ino_t int intptr_t Left mode_t Modulo Mul
    Neg Nil None Num off_t Ok Option Ord Owned pid_t Ptr ptrdiff_t
    Right Send Shl Shr size_t Some ssize_t str Sub Success time_t
    u16 u32 u64 u8 usize uint uintptr_t
    Box Vec String Gc Rc Arc
    u128 i128 Result Sync Pin Unpin Sized Drop drop Fn FnMut FnOnce
    Clone PartialEq PartialOrd AsMut AsRef From Into Default
    DoubleEndedIterator ExactSizeIterator Extend IntoIterator Iterator
""".split())

DELIMS = {"[": "]", "(": ")", "{": "}"}

WS = r"[ \t\n\v\f\r]"
ID = r"(?:[^\W\d]|_)\w*"  # [\p{XID_Start}_]\p{XID_Continue}*
HEX = r"(?i:[0-9a-f])"
ESCAPES = rf"\\([nrt'\"\\0]|x{HEX}{{2}}|u\{{({HEX}_*){{1,6}}\}})"
SIZE = r"(?:8|16|32|64|128|size)"
DOT = r"[.][0-9][0-9_]*"
EXP = r"[eE][-+]?[0-9_]+"
FLT = r"f32|f64"
FLOAT = (rf"[0-9][0-9_]*((?:{DOT})(?:{EXP})?(?:{FLT})?|(?:{DOT})?(?:{EXP})(?:{FLT})?"
         rf"|(?:{DOT})?(?:{EXP})?(?:{FLT})|[.](?![._]|[^\W\d]))")
INTEGER = rf"(0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)(u{SIZE}?|i{SIZE})?"


def _identifier(lexer, m):
    lexer.token("nb" if m.group(0) in BUILTINS else "n")


def _open(lexer, m):
    lexer.macro_delims[DELIMS[m.group(0)]] += 1
    lexer.token("p")


def _close(lexer, m):
    lexer.macro_delims[m.group(0)] -= 1
    if all(v == 0 for v in lexer.macro_delims.values()):
        lexer.pop()
    lexer.token("p")


def _nested(state, tok):
    return [
        (r"\*/", tok, "#pop"),
        (r"/\*", tok, state),
        (r"[^*/]+|[*/]", tok, None),
    ]


class RustLexer(RougeLexer):
    START = ["root", "bol"]

    def __init__(self):
        super().__init__()
        self.macro_delims = {"]": 0, ")": 0, "}": 0}

    STATES = {
        "bol": [
            ("mixin", "whitespace"),
            (r"#\s[^\n]*", "cs", None),
            (r"", lambda lx, m: lx.pop(), None),
        ],
        "attribute": [
            ("mixin", "whitespace"),
            ("mixin", "has_literals"),
            (r"[(,)=:]", "nd", None),
            (r"\]", "nd", "#pop"),
            (PY + ID, "nd", None),
        ],
        "whitespace": [
            (r"\s+", "", None),
            ("mixin", "comments"),
        ],
        "comments": [
            (r"////+[^\n]*", "c1", None),
            (r"//[/!][^\n]*", "cd", None),
            (r"//[^\n]*", "c1", None),
            (r"/\*\*\*?/", "cm", None),
            (r"/\*\*\*+", "cm", "nested_plain_block"),
            (r"/[*][*!]", "cd", "nested_doc_block"),
            (r"/[*]", "cm", "nested_plain_block"),
        ],
        "nested_plain_block": _nested("nested_plain_block", "cm"),
        "nested_doc_block": _nested("nested_doc_block", "cd"),
        "root": [
            (r"\n", "", "bol"),
            ("mixin", "whitespace"),
            (r"#!?\[", "nd", "attribute"),
            (rf"\b(?:{'|'.join(KEYWORDS)})\b", "k", None),
            ("mixin", "has_literals"),
            (r"[=-]>", "k", None),
            (r"<->", "k", None),
            (r"[()\[\]{}|,:;]", "p", None),
            (r"[*\/!@~&+%^<>=\?-]|\.{2,3}", "o", None),
            (PY + rf"([.]{WS}*)?{ID}(?={WS}*[(])", "nf", None, True),
            (r"[.]\s*await\b", "k", None),
            (PY + rf"[.]{WS}*{ID}", "py", None),
            (r"[.]\s*\d+", "na", None),
            (PY + rf"({ID})(::)", lambda lx, m: lx.groups("nn", "p"), None, True),
            (r"\bmacro_rules!", "nd", "macro_rules"),
            (PY + rf"{ID}!", "nd", "macro"),
            (r"'static\b", "k", None),
            (PY + rf"'{ID}", "nv", None),
            (PY + ID, _identifier, None),
        ],
        "macro": [
            ("mixin", "has_literals"),
            (r"[\[{(]", _open, None),
            (r"[\]})]", _close, None),
            (PY + rf"{ID}!", "nd", None),
            ("mixin", "root"),
            (r".", "", None),
        ],
        "macro_rules": [
            (PY + rf"[$]{ID}(:{ID})?", "nv", None),
            (r"[$]", "nv", None),
            ("mixin", "macro"),
        ],
        "has_literals": [
            (r"\b(?:true|false)\b", "kc", None),
            (PY + rf"b?'(?:{ESCAPES}|[^\\])'", "sc", None),
            (r"b?\"", "s", "string"),
            (r"b?r(#*)\".*?\"\1", "s", None, True),
            (PY + FLOAT, "mf", None),
            (INTEGER, "mi", None),
        ],
        "string": [
            (r"\"", "s", "#pop"),
            (PY + ESCAPES, "se", None),
            (r"[^\"\\]+", "s", None, True),
        ],
    }
