"""Rouge 3.30 lexers/csharp.rb (tag csharp; c#, cs)."""

from __future__ import annotations

from .engine import RougeLexer

ID = r"(?i:@?[_a-z]\w*)"

KEYWORDS = """
    abstract as base break case catch checked const continue
    default delegate do else enum event explicit extern false
    finally fixed for foreach goto if implicit in interface
    internal is lock new null operator out override params private
    protected public readonly ref return sealed sizeof stackalloc
    static switch this throw true try typeof unchecked unsafe
    virtual void volatile while
    add alias async await get global partial remove set value where
    yield nameof
    ascending by descending equals from group in into join let on
    orderby select
""".split()

KEYWORDS_TYPE = """
    bool byte char decimal double dynamic float int long object
    sbyte short string uint ulong ushort var
""".split()

CPP_KEYWORDS = """
    if endif else elif define undef line error warning region
    endregion pragma
""".split()


class CSharpLexer(RougeLexer):
    STATES = {
        "whitespace": [
            (r"\s+", "", None, True),
            (r"//.*?$", "c1", None),
            (r"/[*].*?[*]/", "cm", None, True),
        ],
        "nest": [
            (r"{", "p", "nest"),
            (r"}", "p", "#pop"),
            ("mixin", "root"),
        ],
        "splice_string": [
            (r"\\.", "s", None),
            (r"{", "p", "nest"),
            (r"\"|\n", "s", "#pop"),
            (r".", "s", None),
        ],
        "splice_literal": [
            (r"\"\"", "s", None),
            (r"{", "p", "nest"),
            (r"\"", "s", "#pop"),
            (r".", "s", None),
        ],
        "root": [
            ("mixin", "whitespace"),
            (r"[$]\s*\"", "s", "splice_string"),
            (r"[$]@\s*\"", "s", "splice_literal"),
            (rf"(<\[)\s*({ID}:)?", "k", None),
            (r"\]>", "k", None),
            (r"[~!%^&*()+=|\[\]{}:;,.<>\/?-]", "p", None),
            (r"@\"(\"\"|[^\"])*\"", "s", None, True),
            (r"\"(\\.|.)*?[\"\n]", "s", None),
            (r"'(\\.|.)'", "sc", None),
            (r"(?i:0x[0-9a-f]+[lu]?)", "m", None),
            (r"(?i:[0-9]([.][0-9]*)?(e[+-][0-9]+)?[fldu]?)", "m", None),
            (r"\b(?:class|struct|interface)\b", "k", "class"),
            (r"\b(?:namespace|using)\b", "k", "namespace"),
            (rf"^#[ \t]*({'|'.join(CPP_KEYWORDS)})\b.*?\n", "cp", None),
            (rf"\b({'|'.join(KEYWORDS)})\b", "k", None),
            (rf"\b({'|'.join(KEYWORDS_TYPE)})\b", "kt", None),
            (rf"{ID}(?=\s*[(])", "nf", None),
            (ID, "n", None),
        ],
        "class": [
            ("mixin", "whitespace"),
            (ID, "nc", "#pop"),
        ],
        "namespace": [
            ("mixin", "whitespace"),
            (r"(?=[(])", "", "#pop"),
            (rf"({ID}|[.])+", "nn", "#pop"),
        ],
    }
