"""The Liquid fast paths (converter/liquid/environment.py) against the general paths
they shortcut: same results on a matrix of values and templates."""

import itertools
import types

from liquid.builtin.expressions import logical
from liquid.undefined import Undefined

from converter.liquid import drops, environment as E

from .fakesite import render

VALUES = [None, False, True, 0, 1, 1.0, -2, 0.5, "", "a", "1", "true", [], [1], {}, {"a": 1},
          Undefined("x"), E.EMPTY, E.BLANK]


def test_truthiness_and_equality_match_python_liquid():
    for value in VALUES:
        assert E._fast_is_truthy(value) == E._is_truthy(value), value
    for left, right in itertools.product(VALUES, repeat=2):
        assert E._fast_eq(left, right) == E._eq(left, right), (left, right)


class Item:
    """Enough of a document for DocumentDrop."""

    def __init__(self, data):
        self.data = data
        self.id, self.url, self.relative_path = "/x", "/x.html", "_posts/x.md"
        self.basename, self.date, self.previous_doc, self.next_doc = "x.md", None, None, None
        self.collection = types.SimpleNamespace(label="posts")

    def visible_content(self):
        return "body"

    visible_output = visible_content


TEMPLATE = ("{{ d.title }}|{{ d.missing }}|{{ d.missing.deeper }}|{{ d.size }}|{{ d.first }}|"
            "{{ d.last }}|{{ d.tags.size }}|{{ d.tags.first }}|{{ d.collection }}|{{ d.url }}|"
            "{{ d.nested.k }}|{% if d.missing %}yes{% else %}no{% endif %}|"
            "{% if d.title == 'T' and d.tags contains 'b' %}both{% endif %}|{{ d[key] }}")


def test_drop_lookups_match_the_general_path(site):
    cases = [{"title": "T", "tags": ["a", "b"], "nested": {"k": "v"}},
             {"title": "T", "size": 7, "first": "f", "last": None},
             {}]
    general = drops.Drop.__getitem__
    for data in cases:
        drop = drops.DocumentDrop(Item(data))
        fast = render(site, TEMPLATE, d=drop, key="title")
        # a replaced Drop.__getitem__ (as the dev loop's tracker does) takes the general path
        drops.Drop.__getitem__ = lambda self, key: general(self, key)
        try:
            slow = render(site, TEMPLATE, d=drop, key="title")
        finally:
            drops.Drop.__getitem__ = general
        assert fast == slow, data


def test_conditions_on_missing_and_plain_values(site):
    template = ("{% if nothing %}a{% elsif 0 %}b{% endif %}{% unless nothing %}c{% endunless %}"
                "{% if nothing == nil %}d{% endif %}{% if 1 == 1.0 %}e{% endif %}"
                "{% if 'a' != 'b' %}f{% endif %}{% if true == 1 %}g{% endif %}")
    assert render(site, template) == "bcdef"
    assert logical._eq is E._fast_eq


def test_site_drop_lookups_match_the_general_path(site):
    fake = types.SimpleNamespace(
        config={"title": "S", "size": 3, "data_x": {"k": [1, 2]}, "talks": "config value"},
        collections={"talks": types.SimpleNamespace(docs=[])})
    template = ("{{ s.title }}|{{ s.size }}|{{ s.missing }}|{{ s.missing.x }}|"
                "{{ s.data_x.k.size }}|{{ s.data_x.k[1] }}|{{ s.talks.size }}|{{ s.talks }}")
    drop = drops.SiteDrop(fake)
    fast = render(site, template, s=drop)
    general_drop, general_site = drops.Drop.__getitem__, drops.SiteDrop.__getitem__
    drops.SiteDrop.__getitem__ = lambda self, key: general_site(self, key)
    try:
        slow = render(site, template, s=drop)
    finally:
        drops.SiteDrop.__getitem__ = general_site
    assert fast == slow == "S|3|||2|2|0|"
    assert drops.Drop.__getitem__ is general_drop
