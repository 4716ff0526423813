"""Bad input on which Jekyll goes on: the site we build is byte for byte the one Jekyll
4.3.1 built (oracle/<case>/expected made by ../shared/tools/jekyll-oracle from
oracle/<case>/src, SOURCE_DATE_EPOCH=1767225600)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import run_build, tree

ORACLE = Path(__file__).resolve().parent / "oracle"
CASES = sorted(p.name for p in ORACLE.iterdir() if p.is_dir()) if ORACLE.is_dir() else []


@pytest.mark.parametrize("case", CASES)
def test_site_matches_jekyll(tmp_path, case):
    source = tmp_path / "src"
    shutil.copytree(ORACLE / case / "src", source, symlinks=True)
    dest = tmp_path / "out"
    outcome = run_build(source, dest)
    assert outcome.code == 0, outcome.text
    assert "Traceback" not in outcome.text
    expected, produced = tree(ORACLE / case / "expected"), tree(dest)
    assert sorted(produced) == sorted(expected)
    assert [p for p in expected if expected[p] != produced[p]] == []
