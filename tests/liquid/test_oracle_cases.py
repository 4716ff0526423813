"""Each case of cases.py renders as the real Jekyll 4.3.1 rendered it (expected.json)."""

import json
from pathlib import Path

import pytest

from .cases import CASES
from .fakesite import make_site, page_data

EXPECTED = json.loads((Path(__file__).parent / "expected.json").read_text())["cases"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("site"), on_warning=lambda message: None)


@pytest.mark.parametrize("case,template", CASES, ids=[case for case, _ in CASES])
def test_case_renders_like_jekyll(site, case, template):
    rendered = site.liquid.from_string(template, name="cases.html").render(
        page=page_data(), site={"baseurl": "/base"})
    assert rendered == EXPECTED[case]
