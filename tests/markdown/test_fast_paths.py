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
