"""Every filter on every kind of input, as Jekyll 4.3.1 renders `{{ v | filter }}`.

filter_matrix.json was made with the real Jekyll (TZ=UTC) by rendering, for each
input and filter, `Liquid::Template.parse("{{ v | <filter> }}").render!({"v" => input},
registers: {site: site})` and keeping the cases that render without an error.
"""

import json
import types
from pathlib import Path

import pytest

from converter.liquid import make_environment

MATRIX = json.loads((Path(__file__).parent / "filter_matrix.json").read_text())["rows"]
BY_FILTER: dict[str, list] = {}
for value, markup, expected in MATRIX:
    BY_FILTER.setdefault(markup, []).append((value, expected))


@pytest.fixture(scope="module")
def env():
    site = types.SimpleNamespace(config={"url": "https://x.org", "baseurl": "/b",
                                         "timezone": "UTC"},
                                 source="/tmp", time=None, safe=False)
    return make_environment(site, on_warning=lambda message: None)


@pytest.mark.parametrize("filter_markup", sorted(BY_FILTER))
def test_filter_renders_like_jekyll(env, filter_markup):
    template = env.from_string("{{ v | %s }}" % filter_markup)
    wrong = [(value, template.render(v=value), expected)
             for value, expected in BY_FILTER[filter_markup]
             if template.render(v=value) != expected]
    assert wrong == []
