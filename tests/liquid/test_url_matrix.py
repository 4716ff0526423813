"""relative_url, absolute_url and uri_escape as Jekyll 4.3.1 computes them with
Addressable 2.8.1 (url_matrix.json: rendered by the real Jekyll for tricky inputs:
spaces, non-ASCII, percent escapes valid and not, dot segments, queries, fragments)."""

import json
import types
from pathlib import Path

from converter.liquid import make_environment

ROWS = json.loads((Path(__file__).parent / "url_matrix.json").read_text())["rows"]


def test_urls_like_jekyll():
    wrong = []
    environments = {}
    for url, baseurl, value, filter_name, expected in ROWS:
        env = environments.get((url, baseurl))
        if env is None:
            site = types.SimpleNamespace(config={"url": url, "baseurl": baseurl}, source="/tmp")
            env = environments[(url, baseurl)] = make_environment(site)
        rendered = env.from_string("{{ v | %s }}" % filter_name).render(v=value)
        if rendered != expected:
            wrong.append((url, baseurl, value, filter_name, rendered, expected))
    assert wrong == []
