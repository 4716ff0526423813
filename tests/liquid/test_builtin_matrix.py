"""Liquid's own tags and filters (for, tablerow, cycle, increment, case, math with
Ruby's Integer/BigDecimal rules...) as liquid 5.4.0 renders them
(builtin_matrix.json: [template, output] printed by Ruby with the data below)."""

import json
import types
from pathlib import Path

from converter.liquid import make_environment

ROWS = json.loads((Path(__file__).parent / "builtin_matrix.json").read_text())["rows"]
DATA = {"s": "abc", "n": "2", "arr": ["a", "b", "c"], "sarr": ["2", "3"],
        "h": {"k": "val", "j": "x"}}


def test_builtins_like_ruby_liquid():
    env = make_environment(types.SimpleNamespace(config={}, source="/tmp"),
                           on_warning=lambda message: None)
    wrong = [(template, env.from_string(template).render(**DATA), expected)
             for template, expected in ROWS
             if env.from_string(template).render(**DATA) != expected]
    assert wrong == []
