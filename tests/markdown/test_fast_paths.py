"""The speed-ups that must not change a match: checked against the plain regexes."""

import random
import re

from converter.markdown import patterns as P
from converter.markdown.gfm import GFMParser
from converter.markdown.options import jekyll_options
from converter.markdown.parser import KramdownParser, SpanStarts
from converter.markdown.rx import possessive_line_tails, rx

ALPHABET = list("*_`<>[]!()\"' \t\n\\{}:$&#;-.|~^=+09azAZ") + ["  \n", "\\\n", "...", "--", "<<", ">>", "{:", "~~"]


def random_texts(count=3000, seed=7):
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_span_starts_find_is_the_leftmost_match():
    parser_sets = [tuple(KramdownParser(jekyll_options({}, None)).span_parsers),
                   tuple(GFMParser(jekyll_options({}, None)).span_parsers),
                   ("codespan",), ("codespan", "span_html"), ("span_html",),
                   tuple(P.SPAN_ANCHORS)]
    for names in parser_sets:
        starts = SpanStarts(GFMParser(jekyll_options({}, None)), names)
        regex = rx("|".join(P.SPAN_START[n] for n in names))
        for text in random_texts():
            for pos in range(0, len(text) + 1, 3):
                m = regex.search(text, pos)
                assert starts.find(text, pos) == (None if m is None else m.start()), (names, text, pos)


def test_possessive_line_tails_keep_matches():
    sources = [r"^.*?\n", r"^ {0,3}(?<contents>[^ \t].*)\n(?<level>[-=])[-=]*\n", r"[\t| ].*?\n",
               r"^(?:\t| {4}).*\S.*\n", r"(?:\||.*?[^\\\n]\|).*?\n", r"x.*\n\n"]
    for source in sources:
        fast = rx(source)
        plain = re.compile(rx.__wrapped__(source, True).pattern, re.M)  # translated, no rewrite
        assert fast.pattern != plain.pattern
        for text in random_texts(1500, seed=11):
            for pos in range(len(text) + 1):
                a, b = fast.match(text, pos), plain.match(text, pos)
                assert (a and a.group(0), a and a.groups()) == (b and b.group(0), b and b.groups()), (source, text)
    assert possessive_line_tails(r"\.*?\n[.*]\n.*?x") == r"\.*?\n[.*]\n.*?x"


def test_first_chars_never_rule_out_a_match():
    from converter.markdown.first_chars import first_chars
    from converter.markdown.rouge_lexers import LEXERS

    regexes = [rule[0] for tag in LEXERS if hasattr(LEXERS[tag], "compiled_states")
               for rules in LEXERS[tag].compiled_states().values() for rule in rules]
    regexes += [re.compile(r"(?i)[a-c]x|\d+|(?:ab)*c"), re.compile(r"\bfoo|(?=x)y|[^\W\d]z")]
    texts = random_texts(120, seed=3) + ["def f(x):\n    return x  # c\n", "<a href='x'>{{ y }}</a>", "SELECT * FROM t;"]
    checked = 0
    for regex in regexes:
        chars = first_chars(regex)
        if chars is None:
            continue
        for text in texts:
            for pos, ch in enumerate(text):
                if ch < "\x80" and ch not in chars:
                    checked += 1
                    assert regex.match(text, pos) is None, (regex.pattern, text, pos)
    assert checked > 1000
    assert first_chars(re.compile(r"(?i)k")) == frozenset("kK")
    assert first_chars(re.compile(r"a?")) is None  # can match empty


# --- whole-document checks: a fast path against the general code it replaces ---

HTML_PIECES = ["<div>", "</div>", "<DIV class='a'>", "<span>", "</span>", "<p>", "</p>", "<pre>", "</pre>",
               "<!-- c -->", "<!--", "-->", "<?pi x?>", "<?", "<br>", "<br/>", "<img src=x>", "</ br>",
               "<a href=\"u\" markdown=\"1\">", "</a>", "<script>", "</script>", "<x:y z=1>", "</x:y>",
               "<div markdown=\"block\">", "<div markdown=\"span\">", "<td>", "</td>", "< div>", "<1>",
               "<_u a>", "</_u>", "<", ">", "&amp;", "&", "*em*", "`c`", "\n", "\n\n", "  ", "text", "é",
               "<Foo b>", "</Foo>", "</foo>", "<SPAN>", "</Span>",
               "{: .c}\n", "<article itemscope itemtype=\"http://s\">", "</article>", "</P>", "<p/>"]


def html_documents(count=600, seed=5):
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        body = "".join(rng.choice(HTML_PIECES) for _ in range(rng.randint(1, 30)))
        docs.append(rng.choice(["", "<div>", "<div>\n", "para\n\n<div class=\"x\">\n", "<p>"]) + body)
    return docs


def tree_dump(el, depth=0):
    out = [f"{'  ' * depth}{el.type} {el.value!r} {el.attr} {sorted((k, repr(v)) for k, v in el.options.items())}"]
    for child in el.children:
        out.extend(tree_dump(child, depth + 1))
    return out


def convert_both(monkeypatch, cls, attribute, general, documents, options=None):
    """(fast, general) results of parsing + converting each document."""
    from converter.markdown.html_converter import convert

    opts = jekyll_options(options or {}, None)

    def run():
        results = []
        for doc in documents:
            root = GFMParser(opts).parse(doc)
            results.append(("\n".join(tree_dump(root)), convert(root, opts)))
        return results

    fast = run()
    with monkeypatch.context() as patch:
        patch.setattr(cls, attribute, general)
        slow = run()
    return fast, slow


def test_raw_html_body_fast_path_matches_general(monkeypatch):
    from converter.markdown import html_parser

    assert html_parser.RAW_HTML_IN_PLACE  # else the fast path is never taken
    cls = html_parser.HtmlParserMixin
    docs = html_documents()
    for options in ({}, {"parse_block_html": True}, {"parse_span_html": False}):
        fast, slow = convert_both(monkeypatch, cls, "_parse_raw_html_body", cls._parse_raw_html_body_general,
                                  docs, options)
        for doc, a, b in zip(docs, fast, slow):
            assert a == b, (options, doc)


LINE_ALPHABET = (list("abcXYZ019 :,;.!?()-'\"*_`<>[]{}|&#$%^~=+/\\@\t\x00\x0b\x0c\r\n")
                 + ["é", "串", "\u00a0", "\u2028", "--", "...", "<<", ">>", "{:", "~~", "&amp;", "  ", "1. ", "- ",
                    "# ", "> ", "    ", "Post 12: a study", " - Welcome!", "\n===", "\n---", "[^1]", "*[", "{::"])


def random_lines(count=6000, seed=13):
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        line = "".join(rng.choice(LINE_ALPHABET) if rng.random() < 0.3 else rng.choice("abcXYZ019 ")
                       for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.6:  # mostly clean lines, so that the shortcut is taken often
            line = line.replace("\n", " ").replace("\r", " ")
        lines.append(line + rng.choice(["", "", "\n", "\n\n", " ", "\t\n"]))
    return lines


def test_plain_paragraph_shortcut_matches_the_pipeline():
    from converter.markdown import KramdownConverter

    lines = random_lines() + ["Post 481: sharpness and retrieval", "\x00a", "\x00", "a\x00", "é", "a|b", "a -- b",
                              "1 apple", "1. apple", "+ x", "A - Welcome to my site!", "x\n", "x\n\n", "a < b > c"]
    for options in ({}, {"hard_wrap": True}, {"input": "kramdown"}, {"gfm_quirks": ["no_auto_typographic"]},
                    {"smart_quotes": "lsaquo,rsaquo,laquo,raquo"}, {"auto_ids": False},
                    {"remove_line_breaks_for_cjk": True}):
        converter = KramdownConverter(options, cache_size=0)
        assert converter._plain_paragraph is not None
        general = KramdownConverter(options, cache_size=0)
        general._plain_paragraph = None
        taken = 0
        for line in lines:
            shortcut = converter._plain_paragraph(line)
            if shortcut is not None:
                taken += 1
                assert shortcut == general.convert(line), (options, line)
            assert converter.convert(line) == general.convert(line), (options, line)
        assert taken > 1000, taken
    assert KramdownConverter({"input": "SmartyPants"})._plain_paragraph is None


CODE_SNIPPETS = [
    "def f(x):\n    return x * 0  # comment\n", "class A(B):\n    '''doc'''\n    @dec\n    def g(self, *a, **k): pass\n",
    "x = f'{a!r:>10}' + b\"\\x00\" + r'\\d' + 0x1F + 1e-3j\n", "#include <stdio.h>\nint main() { printf(\"%d\\n\", 1); }\n",
    "echo \"$HOME\" | grep -v '^#' && ls -la ${X:-y} <<EOF\nhi\nEOF\n", "SELECT a, b FROM t WHERE x = 'y'; -- c\n",
    "{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\"}}\n", "key: value\nlist:\n  - a\n  - b: |\n      text\n",
    "<div class=\"a\"><script>var x = 1 < 2;</script><style>a { color: red; }</style></div>\n",
    "function f(a) { return `t ${a}` + /re+/g.test(a); }\n", "fn main() { let x: Vec<u8> = vec![1]; println!(\"{}\", x); }\n",
    "\\begin{document} $x^2$ \\end{document}\n", "a = [1 2; 3 4]';\n% comment\n", "", "\n", "\t \n",
]


def test_rouge_lexer_loop_matches_the_step_loop():
    from converter.markdown.rouge_lexers import LEXERS
    from converter.markdown.rouge_lexers.engine import RougeLexer

    rng = random.Random(17)
    pieces = list("abzAZ09_ \t\n#/*'\"`$@%&|<>{}[]()=+-.,:;!?\\^~") + ["def ", "class ", "return", "if ", "--", "/*", "*/",
                                                                           "<!--", "-->", "\"\"\"", "'''", "0x1", "1.5e3"]
    texts = CODE_SNIPPETS + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(150)]
    checked = 0
    for tag in LEXERS:
        lexer_class = LEXERS[tag]
        if lexer_class.lex is not RougeLexer.lex:
            continue
        for text in texts:
            assert lexer_class().lex(text) == lexer_class()._lex_general(text), (tag, text)
            checked += 1
    assert checked > 5000


def test_code_class_and_plain_text_shortcuts():
    from converter import highlight
    from converter.markdown import html_converter as H

    assert H._PLAINTEXT_IS_ESCAPED
    for text in random_texts(2000, seed=19) + ["", "a & b < c > d", "\n"]:
        assert highlight.render_tokens(text, "plaintext") == highlight.escape_code(text), text
    converter = H.HtmlConverter(None, {"syntax_highlighter": "rouge"})
    rng = random.Random(23)
    words = ["language-x", "language-", "language-py", "xlanguage-y", "a", "", " ", "\t", "-", "languages", "é",
             "highlighter-rouge", "language-a language-b"]
    for _ in range(3000):
        cls = "".join(rng.choice(words) + rng.choice(["", " ", "\t"]) for _ in range(rng.randint(0, 4)))
        lang = rng.choice(["python", "c", "x y", "", None])
        attr = {"class": cls} if rng.random() < 0.8 else {}
        fast = dict(attr)
        converter.add_syntax_highlighter_to_class_attr(fast, lang)
        expected = ((attr.get("class") or "") + converter.highlighter_class).lstrip()
        if lang:
            expected = H.HtmlConverter._add_language_class_general(expected, lang)
        assert fast["class"] == expected, (cls, lang)


def test_raw_html_construct_regex_matches_like_kramdowns():
    from converter.markdown import html_parser

    rng = random.Random(29)
    pieces = ["<", ">", "/", "/>", "</", "<!--", "-->", "<!-", "<!", "<?", "?", "!", "a", "Ab", "x:y", ":", "_", "-", ".", "1", "é",
              " ", "\t", "\n", "=", "\"", "'", "v", "class=\"a b\"", "t='x\"y'", "k=1", "=\"", "\"'", "div", "é:z"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(2000)]
    names, values = ["a", "div", "x:y", "_u", "é", "1", ""], ["1", "\"v w\"", "'v\"w'", "\"", "'a", "\"\n\"", "", "=x"]
    for _ in range(2000):  # tag-like texts with random damage
        attrs = "".join(rng.choice([" ", "\t", "\n", "  "]) + rng.choice(names)
                        + (rng.choice(["=", " = ", "="]) + rng.choice(values) if rng.random() < 0.7 else "")
                        for _ in range(rng.randint(0, 4)))
        tag = f"<{rng.choice(names)}{attrs}{rng.choice(['', ' ', '/', ' /'])}>"
        if rng.random() < 0.3:
            cut = rng.randrange(len(tag))
            tag = tag[:cut] + rng.choice(pieces) + tag[cut + 1:]
        texts.append(tag + rng.choice(["", "x", ">"]))
    texts += ['<article class="archive__item" itemscope itemtype="http://schema.org/CreativeWork">',
              "<a href='u\"v' title=\"x'y\">", "<x:y z:w=\"1\"/>", "<b a=\"1\" b='2\" c=3>", "<p a=\"\n\">"]
    construct = html_parser.HTML_RAW_CONSTRUCT
    matched = 0
    for text in texts:
        first = None  # the leftmost position from which the general loop's scans succeed
        for pos in range(len(text), -1, -1):
            tag = P.HTML_TAG_RE.match(text, pos)
            close = P.HTML_TAG_CLOSE_RE.match(text, pos)
            other = P.HTML_COMMENT_RE.match(text, pos) or P.HTML_INSTRUCTION_RE.match(text, pos)
            assert sum(m is not None for m in (tag, close, other)) <= 1
            expected = tag or close or other
            got = construct.match(text, pos)
            assert (expected and expected.span()) == (got and got.span()), (text, pos)
            if tag is not None:
                matched += 1
                assert got.lastgroup == "tag"
                assert (got.group("name"), got.group("attrs"), got.group("slash")) == tag.group(1, 2, 4)
            elif close is not None:
                assert got.lastgroup == "close" and got.group("cname") == close.group(1)
            elif other is not None:
                assert got.lastgroup == ("comment" if text[pos + 1] == "!" else "pi")
            if expected is not None and P.HTML_RAW_START.match(text, pos):
                first = pos
            found = construct.search(text, pos)
            assert (found and found.start()) == first, (text, pos)
    assert matched > 400
    parser = GFMParser(jekyll_options({}, None))
    for text in texts[:500] * 2:  # remembered attribute lists: equal, and a fresh dict each time
        for in_tag in (True, False):
            attrs = parser.parse_html_attributes(text, in_tag)
            assert attrs == html_parser._parse_html_attributes(text, in_tag)
            attrs["markdown"] = "changed"


def test_conversion_leaves_the_collector_as_it_found_it(monkeypatch):
    import gc
    import sys

    from converter.markdown import KramdownConverter

    converter = KramdownConverter(cache_size=0)
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            limit = sys.getrecursionlimit()
            assert converter.convert("*a*\n\n<div>x</div>") == "<p><em>a</em></p>\n\n<div>x</div>\n"
            assert converter.convert("> " * 400 + "deep").count("<blockquote>") == 400  # the headroom
            assert gc.isenabled() is enabled and sys.getrecursionlimit() == limit
            with monkeypatch.context() as patch:  # a failing conversion too
                patch.setattr(converter, "_markdown", lambda text: 1 / 0)
                assert converter.convert("a\nb") == "<p>a\nb</p>\n"
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_raw_html_element_children_written_like_inner(monkeypatch):
    from converter.markdown import html_converter

    docs = html_documents(800, seed=31)
    for options in ({}, {"parse_block_html": True}, {"remove_line_breaks_for_cjk": True}):
        fast, slow = convert_both(monkeypatch, html_converter.HtmlConverter, "_inner_of_raw",
                                  lambda self, el, indent: self.inner(el, indent), docs, options)
        assert any("<div" in html for _, html in fast)
        for doc, a, b in zip(docs, fast, slow):
            assert a == b, (options, doc)


MARKDOWN_LINES = ["", "para *em* text", "| a | b |", "| | x |", "|---|--:|", "| c | `d` |", "- item", "  - nested", "1. one",
                  "> quote", "# Head {#id}", "Term", ": def", "<div>x</div>", "{: .c}", "*[HTML]: H", "HTML here",
                  "[^1]: note", "text[^1]", "    code", "```", "~~~", "plain line", "a  ", "b\\", "it's \"q\"",
                  "&amp; &x;", "<b>b</b>", "* * *", "^", "$$x$$", "[l]: /u", "[l] and ![i](p)", "\t- tab"]


def markdown_documents(count=800, seed=37):
    rng = random.Random(seed)
    return ["\n".join(rng.choice(MARKDOWN_LINES) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_update_tree_inlined_case_matches_general(monkeypatch):
    docs = markdown_documents()
    for options in ({}, {"input": "kramdown"}, {"hard_wrap": True, "parse_block_html": True}):
        fast, slow = convert_both(monkeypatch, KramdownParser, "update_tree", KramdownParser._update_tree_general,
                                  docs, options)
        for doc, a, b in zip(docs, fast, slow):
            assert a == b, (options, doc)


def test_gfm_update_elements_skip_matches_general(monkeypatch):
    docs = markdown_documents(800, seed=41) + ["a\\\nb", "| a\\\nb |\n|---|\n| c |", "- x\\\n  y", "*a\\\nb*"]
    for options in ({}, {"hard_wrap": True}):
        fast, slow = convert_both(monkeypatch, GFMParser, "update_elements", GFMParser._update_elements_general,
                                  docs, options)
        for doc, a, b in zip(docs, fast, slow):
            assert a == b, (options, doc)


def test_inner_single_text_child_is_convert_text():
    from converter.markdown.element import Element
    from converter.markdown.html_converter import HtmlConverter

    for options in ({}, {"remove_line_breaks_for_cjk": True}):
        converter = HtmlConverter(Element("root"), options)
        for text in random_texts(2000, seed=43) + ["&amp; & &#1; &x; < >", "漢\n字", ""]:
            para = Element("p")
            para.children.append(Element("text", text))
            assert converter.inner(para, 0) == converter.convert_text(para.children[0], 2), (options, text)


def test_shared_rouge_options_follow_their_source():
    from converter.markdown.element import Element
    from converter.markdown.html_converter import HtmlConverter

    def made(options, kind):
        return HtmlConverter(Element("root"), options)._make_rouge_options(kind)

    def shared(options, kind):
        return HtmlConverter(Element("root"), options).rouge_options(kind)

    source = {"default_lang": "plaintext", "span": {"line_numbers": False}, "block": {"line_numbers": True}}
    options = {"syntax_highlighter": "rouge", "syntax_highlighter_opts": source}
    for kind in ("span", "block"):
        assert shared(options, kind) == made(options, kind)
        assert shared(options, kind) == made(options, kind)  # (from the cache)
    source["block"]["line_numbers"] = False  # changed in place: not the remembered options
    source["css_class"] = "x"
    for kind in ("span", "block"):
        assert shared(options, kind) == made(options, kind)
    other = {"syntax_highlighter": "rouge", "syntax_highlighter_opts": {"block": {"start_line": 3}}}
    assert shared(other, "block") == made(other, "block") != shared(options, "block")
    none = {"syntax_highlighter": "rouge"}
    assert shared(none, "span") == made(none, "span")
