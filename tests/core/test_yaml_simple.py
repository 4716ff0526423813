"""The simple front matter reader gives exactly what the YAML parser gives, or declines."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from converter.frontmatter import split_front_matter
from converter.yamlload import _make_yaml, load_simple

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def parsed(text: str):
    try:
        return ("ok", _make_yaml(pure=True).load(text))
    except Exception as exc:  # noqa: BLE001 - any parser error: the reader must decline
        return ("error", type(exc).__name__)


def same(a, b) -> bool:
    """Equal values of the very same types (True is not 1, Date is not Time)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b and repr(a) == repr(b)


def front_matters():
    roots = [ROOT / name for name in ("_posts", "_pages", "_publications", "_talks", "_teaching")]
    roots += [SHARED / "sites", SHARED / "seeds"]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix in (".md", ".markdown", ".html") and path.is_file():
                yaml_text, _ = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
                if yaml_text is not None:
                    yield str(path), yaml_text


def test_real_front_matter_reads_as_the_parser_reads_it():
    accepted = total = 0
    for name, text in front_matters():
        total += 1
        fast = load_simple(text)
        if fast is not None:
            accepted += 1
            status, value = parsed(text)
            assert status == "ok" and same(fast, value), name
    assert total > 100
    assert accepted * 2 > total  # the fast path really serves most files


SCALARS = [
    "plain", "two words", "Post 0: metric", "a: b", "a #b", "a#b", "a:b", "http://x.org/a?b=c#d",
    "'single'", "'it''s'", "'a'b'", "''", "'''", '"double"', '"with \\" escape"', '"a\\nb"', '""',
    '"a # b"', "'a # b'", "yes", "No", "ON", "off", "y", "n", "true", "False", "~", "null", "Null",
    "NULL", "nil", "0", "-5", "+5", "007", "0x1F", "0b101", "1_000", "1,000", "12:30", "1:20:30",
    "1.5", "-.5", ".5", "1e3", "1.5e+3", ".inf", "-.Inf", ".NaN", "2020-01-01", "2020-1-1",
    "2020-02-30", "2020-01-01 10:00:00", "2020-01-01T10:00:00Z", "2020-01-01 10:00:00 +0100",
    "2020-01-01 10:00:00.5 -05:00", "<<", "[a, b]", "{a: b}", "&anchor x", "*alias", "!tag x",
    "|", ">", "%x", "@x", "`x`", "- x", "-x", "-", "?", "? x", ":x", ",x", "# comment", "x:",
    "a, b", "a[0]", "éàü", "日本語", "x   ", "(paren)", "=", "$x", "^x", "a\\b", "trailing '",
    # characters YAML refuses or reads as line breaks
    "x\x00y", "x\x07y", "'x\x01'", "x\x7fy", "x\x85y", "x\u2028y", "x\ufeffy", "x\U0001F600",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_read_as_the_parser_reads_them(scalar):
    for text in (f"key: {scalar}\n", f"tags:\n  - {scalar}\n  - b\n", f"tags:\n- {scalar}\n",
                 f"a: 1\n{scalar}: 2\n", f"k: {scalar}\nk: again\n"):
        fast = load_simple(text)
        if fast is not None:
            status, value = parsed(text)
            assert status == "ok" and same(fast, value), text


SHAPES = ["a: 1\n  b: 2\n", "a:\n  b: 2\n", "a:\n  - 1\n   - 2\n", "a:\n  - 1\nb:\n", "a: x\n  y\n",
          "a:\n\n  - 1\n", "a: # c\n  - 1\n", "# c\na: 1\n", "a: 1 # c\n", "a:\tb\n", "a: b\r\n",
          "- a\n", "a:\n- 1\n- 2\nb: 3\n", "yes: 1\n", "null: 1\n", "on: x\n", "1: x\n", "a: 1\n---\n",
          "", "# only\n", "a: |\n  x\n", "a: >\n  x\n", "a: &x 1\nb: *x\n", "a:\n  -\n", "a:\n  - - 1\n",
          "a:\n  - b: 1\n", "a:   \n", "ui-text: x\n", "_x: y\n", "a-b_c: 'x'\n",
          "---\na: 1\n", "---  \na: 1\n", "--- a\n", "---\n---\na: 1\n", "a: 1\n...\n"]


@pytest.mark.parametrize("text", SHAPES)
def test_shapes_read_as_the_parser_reads_them(text):
    fast = load_simple(text)
    if fast is not None:
        status, value = parsed(text)
        assert status == "ok" and same(fast, value), text


def test_declines_what_it_does_not_handle():
    for text in ("a: [1, 2]\n", "a: &x 1\n", "a: |\n  x\n", "a: 'x' # c\n", 'a: "x\\ty"\n',
                 "author:\n  name: x\n", "a: b\n  c\n", "yes: 1\n", "a:\tb\n"):
        assert load_simple(text) is None, text


def test_pairs_of_lines_read_as_the_parser_reads_them():
    lines = ["a: 1", "a: x", "b:", "  - 1", "- 2", "  - 'q'", "c: ~", "  d: 2", "# c", ""]
    for combo in itertools.product(lines, repeat=3):
        text = "\n".join(combo) + "\n"
        fast = load_simple(text)
        if fast is not None:
            status, value = parsed(text)
            assert status == "ok" and same(fast, value), text
