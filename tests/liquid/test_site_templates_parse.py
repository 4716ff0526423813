"""Every layout, include and page of the shared academic sites parses with our
environment (python-liquid alone rejects many that Jekyll accepts)."""

from pathlib import Path

import pytest

from converter.liquid import make_environment
from tests.conftest import SHARED

SITES = sorted((SHARED / "sites").glob("*")) if (SHARED / "sites").is_dir() else []
FOLDERS = ("_layouts", "_includes", "_pages")


def templates(site: Path):
    for folder in FOLDERS:
        for path in sorted((site / folder).rglob("*")):
            if path.is_file():
                try:
                    yield path, path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue


@pytest.mark.skipif(not SITES, reason="../shared/sites is not available")
@pytest.mark.parametrize("site", SITES, ids=[s.name for s in SITES])
def test_every_template_parses(site):
    class FakeSite:
        source, config = site, {}

    warnings: list[str] = []
    env = make_environment(FakeSite(), on_warning=warnings.append)
    failures = []
    for path, text in templates(site):
        try:
            env.from_string(text, name=str(path.relative_to(site)))
        except Exception as exc:  # noqa: BLE001 - report every template at once
            failures.append(f"{path.relative_to(site)}: {exc}")
    assert failures == []
