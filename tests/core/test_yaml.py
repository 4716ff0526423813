"""YAML typed as Ruby's Psych types it (Jekyll reads every YAML file this way)."""

import datetime as dt

import pytest

from converter.errors import BuildError
from converter.rubytypes import RubyDate, RubyTime
from converter.yamlload import load_yaml


def test_booleans_follow_psych_not_yaml_1_1():
    data = load_yaml("a: yes\nb: No\nc: ON\nd: off\ne: y\nf: n\ng: TrUe\n")
    assert data == {"a": True, "b": False, "c": True, "d": False, "e": "y", "f": "n", "g": True}


def test_dates_and_times():
    data = load_yaml("d: 2020-01-02\nt: 2020-01-02 10:00:00 +02:00\nz: 2020-01-02T10:00:00Z\n"
                     "bad: 2020-13-45\n")
    assert isinstance(data["d"], RubyDate) and str(data["d"]) == "2020-01-02"
    assert isinstance(data["t"], RubyTime) and str(data["t"]) == "2020-01-02 10:00:00 +0200"
    assert str(data["z"]) == "2020-01-02 10:00:00 +0000"
    assert data["bad"] == "2020-13-45"


def test_numbers_like_psych():
    data = load_yaml("a: 1,000\nb: 010\nc: 0x1f\nd: 1_000\ne: 1.5\nf: 1:20\ng: .inf\n")
    assert data == {"a": 1000, "b": 8, "c": 31, "d": 1000, "e": 1.5, "f": 80, "g": float("inf")}


def test_anchors_and_aliases_as_academicpages_uses_them():
    data = load_yaml('name: &name "Jane Doe"\nauthor:\n  name: *name\n')
    assert data["author"]["name"] == "Jane Doe"


def test_alias_bomb_stops_with_an_error():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(BuildError, match="alias"):
        load_yaml("\n".join(lines))


def test_syntax_error_names_file_and_line():
    with pytest.raises(BuildError) as info:
        load_yaml("title: ok\nbad: [unclosed\nnext: 1\n", "_posts/x.md")
    assert info.value.path == "_posts/x.md"
    assert info.value.line is not None and info.value.line >= 2


def test_repeated_and_merge_keys_as_psych_reads_them():
    # Expected values printed by Ruby's Psych (ruby -ryaml, as Jekyll 4.3.1 runs it).
    text = ("base: &b\n  x: 1\n  y: 2\nother: &o\n  y: 3\n  z: 4\n"
            "m1:\n  <<: *b\n  x: 9\nm2:\n  <<: [*b, *o]\nm3:\n  x: 0\n  <<: *b\n"
            "k: a\nk: b\nm4:\n  <<: *b\n  <<: *o\nm5:\n  a: 1\n  <<: [*o, *b]\n  z: 5\n")
    data = load_yaml(text)
    assert data["m1"] == {"x": 9, "y": 2}
    assert list(data["m2"].items()) == [("y", 2), ("z", 4), ("x", 1)]
    assert data["m3"] == {"x": 1, "y": 2}
    assert data["k"] == "b"
    assert list(data["m4"].items()) == [("x", 1), ("y", 3), ("z", 4)]
    assert list(data["m5"].items()) == [("a", 1), ("x", 1), ("y", 3), ("z", 5)]
