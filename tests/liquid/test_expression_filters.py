"""where_exp, find_exp and group_by_exp as Jekyll 4.3.1 evaluates them, including
its quirk that `empty`/`blank` in those expressions equal nothing
(expression_filters.json, printed by oracle/expression_filters.rb)."""

import json
import types
from pathlib import Path

from converter.liquid import make_environment

DATA = json.loads((Path(__file__).parent / "expression_filters.json").read_text())


def test_expression_filters_like_jekyll():
    env = make_environment(types.SimpleNamespace(config={}, source="/tmp"))
    items = DATA["items"]
    wrong = [(template, env.from_string(template).render(items=items), expected)
             for template, expected in DATA["rows"]
             if env.from_string(template).render(items=items) != expected]
    assert wrong == []
