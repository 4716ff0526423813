"""kramdown 2.4 / kramdown-parser-gfm 1.1 regexes (Ruby sources, compiled by rx)."""

from __future__ import annotations

from .rx import rx

OPT_SPACE = r" {0,3}"
INDENT_SRC = r"^(?:\t| {4})"
INDENT = rx(INDENT_SRC)
BLANK_LINE_SRC = r"(?:(?>^\s*\n)+)"
BLANK_LINE = rx(BLANK_LINE_SRC)
EOB_MARKER_SRC = r"(?:^\^\s*?\n)"
EOB_MARKER = rx(EOB_MARKER_SRC)

# attribute lists and extensions (parser/kramdown/extensions.rb)
ALD_ANY_CHARS = r"\\\}|[^\}]"
ALD_ID_NAME = r"\w[\w-]*"
ALD_TYPE_KEY_VALUE_PAIR = rf"({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^\}}\x02])*?)\2"
ALD_TYPE_ID_NAME = r"#([A-Za-z][\w:-]*)"
ALD_TYPE_CLASS_NAME = r"\.([^\s\.#]+)"
ALD_TYPE_ID_OR_CLASS = rx(rf"{ALD_TYPE_ID_NAME}|{ALD_TYPE_CLASS_NAME}")
ALD_TYPE_ID_OR_CLASS_MULTI = rf"((?:{ALD_TYPE_ID_NAME}|{ALD_TYPE_CLASS_NAME})+)"
ALD_TYPE_REF = rf"({ALD_ID_NAME})"
ALD_TYPE_ANY = rx(
    rf"(?:\A|\s)(?:{ALD_TYPE_KEY_VALUE_PAIR}|{ALD_TYPE_REF}|{ALD_TYPE_ID_OR_CLASS_MULTI})(?=\s|\Z)"
)
ALD_START = rx(rf"^{OPT_SPACE}\{{:({ALD_ID_NAME}):((?:{ALD_ANY_CHARS})+)\}}\s*?\n")
EXT_STOP_STR = r"\{:/(%s)?\}"
EXT_START_STR = rf"\{{::(\w+)(?:\s((?:{ALD_ANY_CHARS})*?)|)(\/)?\}}"
EXT_BLOCK_START = rx(rf"^{OPT_SPACE}(?:{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME})\s*?\n")
IAL_BLOCK = rf"(?:\{{:(?!:|\/)((?:{ALD_ANY_CHARS})+)\}}\s*?\n)"
IAL_BLOCK_START_SRC = rf"(?:^{OPT_SPACE}{IAL_BLOCK})"
IAL_BLOCK_START = rx(IAL_BLOCK_START_SRC)
BLOCK_EXTENSIONS_START = rx(rf"^{OPT_SPACE}\{{:")
EXT_SPAN_START = rx(rf"{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}")
IAL_SPAN_START = rx(rf"\{{:((?:{ALD_ANY_CHARS})+)\}}")
SPAN_EXTENSIONS_START = rx(r"\{:")


def ext_block_stop(name: str):
    return rx(rf"^{OPT_SPACE}{EXT_STOP_STR % name}\s*?\n")


def ext_span_stop(name: str):
    return rx(EXT_STOP_STR % name)


# HTML (parser/html.rb)
UNAME = r"(?:[[:alpha:]_][-[:alnum:]._]*:)?[[:alpha:]_][-[:alnum:]._]*"
HTML_COMMENT_RE = rx(r"<!--(.*?)-->", dotall=True)
HTML_INSTRUCTION_RE = rx(r"<\?(.*?)\?>", dotall=True)
HTML_ATTRIBUTE_RE = rx(rf"\s*({UNAME})(?:\s*=\s*(?:(\p{{Word}}+)|(\"|')(.*?)\3))?", dotall=True)
HTML_TAG_RE_SRC = rf"<((?>{UNAME}))\s*((?>\s+{UNAME}(?:\s*=\s*(?:\p{{Word}}+|(\"|').*?\3))?)*)\s*(/)?>"
HTML_TAG_RE = rx(HTML_TAG_RE_SRC, dotall=True)
HTML_TAG_CLOSE_RE_SRC = rf"</({UNAME})\s*>"
HTML_TAG_CLOSE_RE = rx(HTML_TAG_CLOSE_RE_SRC, dotall=True)
HTML_ENTITY_RE_SRC = r"&([\w:][\-\w\.:]*);|&#(\d+);|&\#x([0-9a-fA-F]+);"
HTML_ENTITY_RE = rx(HTML_ENTITY_RE_SRC)
HTML_RAW_START = rx(rf"(?=<({UNAME}|\/|!--|\?))")
BLOCK_HTML_TAG = rx(rf"^{OPT_SPACE}{HTML_TAG_RE_SRC}", dotall=True)
BLOCK_HTML_TAG_CLOSE = rx(rf"^{OPT_SPACE}{HTML_TAG_CLOSE_RE_SRC}", dotall=True)
HTML_BLOCK_START = rx(rf"^{OPT_SPACE}<({UNAME}|!--|/)")
HTML_SPAN_START = rx(rf"<({UNAME}|!--|/)")
TRAILING_WHITESPACE = rx(r"[ \t]*\n")

HTML_SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split()
)
LAZY_END_HTML_SPAN_ELEMENTS = (
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var script".split()
)
_LAZY_SPAN_ALT = "|".join(LAZY_END_HTML_SPAN_ELEMENTS)
LAZY_END_HTML_START = rf"(?:<(?>(?!(?:{_LAZY_SPAN_ALT})\b){UNAME}))"
LAZY_END_HTML_STOP = rf"(?:<\/(?!(?:{_LAZY_SPAN_ALT})\b){UNAME}\s*>)"
LAZY_END_SRC = (
    rf"{BLANK_LINE_SRC}|{IAL_BLOCK_START_SRC}|{EOB_MARKER_SRC}|^{OPT_SPACE}{LAZY_END_HTML_STOP}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_START}|\Z"
)
LAZY_END = rx(LAZY_END_SRC)

# paragraphs, lists, definition lists
PATTERN_TAIL = r"[\t| ].*?\n"
LIST_START_UL_SRC = rf"^({OPT_SPACE}[+*-])({PATTERN_TAIL})"
LIST_START_OL_SRC = rf"^({OPT_SPACE}\d+\.)({PATTERN_TAIL})"
LIST_START_UL = rx(LIST_START_UL_SRC)
LIST_START_OL = rx(LIST_START_OL_SRC)
LIST_START_SRC = rf"{LIST_START_UL_SRC}|{LIST_START_OL_SRC}"
LIST_START = rx(LIST_START_SRC)
DEFINITION_LIST_START_SRC = rf"^({OPT_SPACE}:)({PATTERN_TAIL})"
DEFINITION_LIST_START = rx(DEFINITION_LIST_START_SRC)
LIST_ITEM_IAL_SRC = rf"^\s*(?:\{{:(?!(?:{ALD_ID_NAME})?:|\/)((?:{ALD_ANY_CHARS})+)\}})\s*"
LIST_ITEM_IAL = rx(LIST_ITEM_IAL_SRC)
LIST_ITEM_IAL_CHECK = rx(rf"^(?:{LIST_ITEM_IAL_SRC})?\s*\n")
PARAGRAPH_START = rx(rf"^{OPT_SPACE}[^ \t].*?\n")
PARAGRAPH_MATCH = rx(r"^.*?\n")
PARAGRAPH_END_SRC = rf"{LAZY_END_SRC}|{DEFINITION_LIST_START_SRC}"
PARAGRAPH_END = rx(PARAGRAPH_END_SRC)

# headers
SETEXT_HEADER_START = rx(rf"^{OPT_SPACE}(?<contents>[^ \t].*)\n(?<level>[-=])[-=]*[ \t\r\f\v]*\n")
ATX_HEADER_START = rx(r"^(?<level>\#{1,6})[\t ]*(?<contents>[^ \t].*)\n")
GFM_ATX_HEADER_START_SRC = r"^(?<level>\#{1,6})[\t ]+(?<contents>.*)\n"
GFM_ATX_HEADER_START = rx(GFM_ATX_HEADER_START_SRC)
_NAME_START_CHAR = (
    ":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
)
_NAME_CHAR = _NAME_START_CHAR + r"\-\.0-9\u00B7\u0300-\u036F\u203F-\u2040"
HEADER_ID = rx(rf"[\t ]{{#(?<id>[{_NAME_START_CHAR}][{_NAME_CHAR}]*)}}\z")

# block boundaries, rules, code, quotes, math, tables
BLOCK_BOUNDARY = rx(rf"{BLANK_LINE_SRC}|{EOB_MARKER_SRC}|{IAL_BLOCK_START_SRC}|\Z")
HR_START = rx(rf"^{OPT_SPACE}(\*|-|_)[ \t]*\1[ \t]*\1(\1|[ \t])*\n")
CODEBLOCK_MATCH_SRC = (
    rf"(?:{BLANK_LINE_SRC}?(?:{INDENT_SRC}[ \t]*\S.*\n)+(?:(?!{IAL_BLOCK_START_SRC}|{EOB_MARKER_SRC}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_STOP}|^{OPT_SPACE}{LAZY_END_HTML_START})^[ \t]*\S.*\n)*)*"
)
CODEBLOCK_MATCH = rx(CODEBLOCK_MATCH_SRC)
FENCED_CODEBLOCK_START = rx(r"^~{3,}")
FENCED_CODEBLOCK_MATCH = rx(r"^((~){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^\1\2*\s*?\n", dotall=True)
GFM_FENCED_CODEBLOCK_START_SRC = r"^[ ]{0,3}[~`]{3,}"
GFM_FENCED_CODEBLOCK_START = rx(GFM_FENCED_CODEBLOCK_START_SRC)
GFM_FENCED_CODEBLOCK_MATCH = rx(
    r"^[ ]{0,3}(([~`]){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^[ ]{0,3}\1\2*\s*?\n", dotall=True
)
BLOCKQUOTE_START_SRC = rf"^{OPT_SPACE}> ?"
BLOCKQUOTE_START = rx(BLOCKQUOTE_START_SRC)
BLOCK_MATH_START = rx(rf"^{OPT_SPACE}(\\)?\$\$(.*?)\$\$(\s*?\n)?", dotall=True)
BLOCK_MATH_BACKSLASH = rx(rf"^{OPT_SPACE}\\")
INLINE_MATH_START = rx(r"\$\$(.*?)\$\$", dotall=True)
TABLE_SEP_LINE = rx(r"^([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n")
TABLE_HSEP_ALIGN = rx(r"[ \t]?(:?)-+(:?)[ \t]?")
TABLE_FSEP_LINE = rx(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*\n")
TABLE_ROW_LINE = rx(r"^(.*?)[ \t]*\n")
# (?=.*\|): the pipe must be on this line; failing fast on lines without one
# spares sre's character-by-character lazy scan (same matches)
TABLE_PIPE_CHECK_SRC = r"(?=.*\|)(?:\||.*?[^\\\n]\|)"
TABLE_PIPE_CHECK = rx(rf"^{TABLE_PIPE_CHECK_SRC}")
TABLE_LINE_SRC = rf"{TABLE_PIPE_CHECK_SRC}.*?\n"
TABLE_LINE = rx(TABLE_LINE_SRC)
TABLE_START = rx(rf"^{OPT_SPACE}(?=\S){TABLE_LINE_SRC}")
FOOTNOTE_DEFINITION_START = rx(
    rf"^{OPT_SPACE}\[\^({ALD_ID_NAME})\]:\s*?(.*?\n{CODEBLOCK_MATCH_SRC})"
)
FOOTNOTE_MARKER_START = rx(rf"\[\^({ALD_ID_NAME})\]")
LINK_DEFINITION_START = rx(
    rf"^{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n"
)
ABBREV_DEFINITION_START = rx(rf"^{OPT_SPACE}\*\[(.+?)\]:(.*?)\n")

# GFM paragraph end: lists, headers, fences and quotes may interrupt a paragraph
GFM_PARAGRAPH_END = rx(
    rf"{LAZY_END_SRC}|{LIST_START_SRC}|{GFM_ATX_HEADER_START_SRC}|{DEFINITION_LIST_START_SRC}"
    rf"|{BLOCKQUOTE_START_SRC}|{GFM_FENCED_CODEBLOCK_START_SRC}"
)

# span level
EMPHASIS_START = rx(r"(?:\*\*?|__?)")
CODESPAN_DELIMITER = rx(r"`+")
AUTOLINK_START = rx(r"<((mailto|https?|ftps?):.+?|[[:alnum:]-_.]+?@[[:alnum:]-_.]+?)>")
LINK_BRACKET_STOP_RE = rx(r"(\])|!?\[")
LINK_PAREN_STOP_RE = rx(r"(\()|(\))|\s(?=['\"])")
LINK_INLINE_ID_RE = rx(r"\s*?\[([^\]]+)?\]")
LINK_INLINE_TITLE_RE = rx(r"\s*?([\"'])(.+?)\1\s*?\)", dotall=True)
LINK_START = rx(r"!?\[(?=[^^])")
ESCAPED_CHARS_SRC = r"\\([\\.*_+`<>()\[\]{}#!:|\"'\$=-])"
ESCAPED_CHARS = rx(ESCAPED_CHARS_SRC)
GFM_ESCAPED_CHARS = rx(r"\\([\\.*_+`<>()\[\]{}#!:\|\"'\$=\-~])")
LINE_BREAK = rx(r"(  |\\\\)(?=\n)")
TYPOGRAPHIC_SYMS = [
    ("---", "mdash"), ("--", "ndash"), ("...", "hellip"), ("\\<<", "&lt;&lt;"),
    ("\\>>", "&gt;&gt;"), ("<< ", "laquo_space"), (" >>", "raquo_space"),
    ("<<", "laquo"), (">>", "raquo"),
]
TYPOGRAPHIC_SYMS_SUBST = dict(TYPOGRAPHIC_SYMS)
TYPOGRAPHIC_SYMS_RE = rx("|".join(__import__("re").escape(k) for k, _ in TYPOGRAPHIC_SYMS))
SMART_QUOTES_RE = rx(r"[^\\]?[\"']")
SQ_PUNCT = r"[!\"#\$\%'()*+,\-.\/:;<=>?\@\[\\\]\^_`{|}~]"
SQ_CLOSE = r"[^\ \\\t\r\n\[{(-]"
SQ_RULES = [
    (rx(r"(\"|')(?=[_*]{1,2}\S)"), ["lquote1"]),
    (rx(rf"(\"|')(?={SQ_PUNCT}(?!\.\.)\B)"), ["rquote1"]),
    (rx(r"(\s?)\"'(?=\w)"), [1, "ldquo", "lsquo"]),
    (rx(r"(\s?)'\"(?=\w)"), [1, "lsquo", "ldquo"]),
    (rx(r"(\s?)'(?=\d\ds)"), [1, "rsquo"]),
    (rx(r"(\s)('|\")(?=\w)"), [1, "lquote2"]),
    (rx(rf"({SQ_CLOSE})('|\")"), [1, "rquote2"]),
    (rx(r"(\"|')(?=\s|s\b|$)"), ["rquote1"]),
    (rx(r"(.?)'", dotall=True), [1, "lsquo"]),
    (rx(r"(.?)\"", dotall=True), [1, "ldquo"]),
]
SQ_SUBSTS = {
    ("rquote1", '"'): "rdquo", ("rquote1", "'"): "rsquo",
    ("rquote2", '"'): "rdquo", ("rquote2", "'"): "rsquo",
    ("lquote1", '"'): "ldquo", ("lquote1", "'"): "lsquo",
    ("lquote2", '"'): "ldquo", ("lquote2", "'"): "lsquo",
}
STRIKETHROUGH_MATCH = rx(r"~~(?!\s|~).*?[^\s~]~~", dotall=True)

# span_start fragments (the third argument of define_parser)
SPAN_START = {
    "emphasis": r"\*|_",
    "codespan": "`",
    "autolink": "<",
    "span_html": "<",
    "footnote_marker": r"\[",
    "link": r"!?\[",
    "smart_quotes": r"[^\\]?[\"']",
    "inline_math": r"\$",
    "span_extensions": r"\{:",
    "html_entity": "&",
    "typographic_syms": r"--|\.\.\.|(?:\\| )?(?:<<|>>)",
    "line_break": r"(  |\\)(?=\n)",
    "escaped_chars": r"\\",
    "escaped_chars_gfm": r"\\",
    "strikethrough_gfm": "~~",
}

# Anchors of the span_start fragments, for a fast search of their union (see
# parser.SpanStarts): (anchors, back). An anchor is a literal string, or
# (literal, index of the character searched for, 0 by default). Every match of
# the fragment starting at p contains one of its anchors starting in [p, p + back].
SPAN_ANCHORS = {
    "emphasis": (("*", "_"), 0),
    "codespan": (("`",), 0),
    "autolink": (("<",), 0),
    "span_html": (("<",), 0),
    "footnote_marker": (("[",), 0),
    "link": (("[",), 1),  # "![": the bracket is 1 after the start
    "smart_quotes": (('"', "'"), 1),  # [^\\]?["']: the quote is 0 or 1 after the start
    "inline_math": (("$",), 0),
    "span_extensions": (("{:",), 0),
    "html_entity": (("&",), 0),
    "typographic_syms": (("--", "...", "<<", ">>"), 1),  # "\\<<", " >>": 1 before the angles
    "line_break": ((("  \n", 2), ("\\\n", 1)), 0),  # searched for at the newline
    "escaped_chars": (("\\",), 0),
    "escaped_chars_gfm": (("\\",), 0),
    "strikethrough_gfm": (("~~",), 0),
}
