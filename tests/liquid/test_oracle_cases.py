"""Each case of cases.py renders as the real Jekyll 4.3.1 rendered it (expected.json)."""

import json
import re
from pathlib import Path

import pytest

from .cases import CASES, TZ_CASES, TZ_CONFIG
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


def test_parse_warnings_are_jekylls(site):
    """The page of all cases warns exactly as Jekyll warned (same lines, same messages)."""
    seen = []
    site.liquid.on_warning = seen.append
    body = "".join(f"<<<{case}>>>{template}<<</{case}>>>\n" for case, template in CASES)
    site.liquid.from_string(body, name="cases.html")
    expected = json.loads((Path(__file__).parent / "expected.json").read_text())["warnings"]
    expected = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip().removeprefix("Liquid Warning: ")
                for line in expected]
    assert seen == expected


TZ_EXPECTED = json.loads((Path(__file__).parent / "expected.json").read_text())["tz_cases"]


@pytest.fixture(scope="module")
def tz_site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("tz"), {"timezone": TZ_CONFIG["timezone"]},
                     on_warning=lambda message: None)


@pytest.mark.parametrize("case,template", TZ_CASES, ids=[case for case, _ in TZ_CASES])
def test_case_in_a_site_timezone(tz_site, case, template):
    rendered = tz_site.liquid.from_string(template, name="cases.html").render(page=page_data())
    assert rendered == TZ_EXPECTED[case]
