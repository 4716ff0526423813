"""slugify in every mode, as Jekyll::Utils.slugify (4.3.1) slugs tricky strings
(slugify_matrix.json: [string, mode, slug] printed by Ruby)."""

import json
from pathlib import Path

from converter.liquid.filters import slugify_text

ROWS = json.loads((Path(__file__).parent / "slugify_matrix.json").read_text())["rows"]


def test_slugs_like_jekyll():
    wrong = [(text, mode, slugify_text(text, mode), slug) for text, mode, slug in ROWS
             if slugify_text(text, mode) != slug]
    assert wrong == []
