"""The demo site built by `converter build` is byte-identical to Jekyll 4.3.1's build.

tests/theme/reference/demo/ is Jekyll's output, made after each theme change with
    ../shared/tools/jekyll-oracle . tests/theme/reference/demo
(the oracle freezes the clock at SOURCE_DATE_EPOCH=1767225600, as the build here does)."""
from __future__ import annotations

from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference" / "demo"


def files_under(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def test_demo_site_output_is_identical_to_jekyll(demo_site):
    expected, produced = files_under(REFERENCE), files_under(demo_site)
    assert sorted(produced) == sorted(expected)
    differing = [path for path in expected if expected[path].read_bytes() != produced[path].read_bytes()]
    assert differing == [], "differs from Jekyll (see ../shared/tools/site-diff)"
