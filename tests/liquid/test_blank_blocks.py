"""Whitespace of blank blocks as liquid 5.4.0 renders it: if/unless/case/for drop
a body holding only whitespace and assigns, capture/tablerow/highlight keep theirs,
and a loop holding `break` is not blank (blank_blocks.json, oracle/blank_blocks.rb)."""

import json
import types
from pathlib import Path

from converter.liquid import make_environment

ROWS = json.loads((Path(__file__).parent / "blank_blocks.json").read_text())["rows"]


def test_blank_blocks_like_ruby():
    env = make_environment(types.SimpleNamespace(config={}, source="/tmp"))
    wrong = [(template, env.from_string(template).render(s="S"), expected)
             for template, expected in ROWS
             if env.from_string(template).render(s="S") != expected]
    assert wrong == []
