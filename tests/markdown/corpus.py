"""The differential corpus: which Markdown inputs are compared with kramdown.

Three sources, each case a (name, markdown text, options) triple:
- our own rule cases: ``cases/NAME.md`` (+ optional ``NAME.options.json``);
- every Markdown file of ``../shared/sites/*`` (read at test time, never copied):
  the body after front matter, minus the blank-line-separated chunks that
  contain Liquid (Jekyll renders Liquid before Markdown);
- the seed documents in ``../shared/seeds``.
Expected HTML made by real kramdown lives in ``expected/`` (see make_expected.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared"
CASES_DIR = HERE / "cases"
EXPECTED_DIR = HERE / "expected"
MARKDOWN_EXTS = {".md", ".markdown", ".mkdown", ".mkd", ".mkdn"}
FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)
LIQUID = re.compile(r"\{%|\{\{")


@dataclass
class Case:
    name: str
    text: str
    options: dict = field(default_factory=dict)

    @property
    def expected_path(self) -> Path:
        return EXPECTED_DIR / f"{self.name}.html"

    def expected(self) -> str | None:
        path = self.expected_path
        return path.read_text(encoding="utf-8") if path.exists() else None


def strip_front_matter(text: str) -> str:
    m = FRONT_MATTER.match(text)
    return text[m.end():] if m else text


def without_liquid(text: str) -> str:
    """Drop the paragraphs (blank-line separated chunks) that contain Liquid."""
    chunks = re.split(r"(\n[ \t]*\n)", text)
    kept = []
    for i in range(0, len(chunks), 2):
        if not LIQUID.search(chunks[i]):
            kept.append(chunks[i])
            if i + 1 < len(chunks):
                kept.append(chunks[i + 1])
    return "".join(kept)


def own_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.md")):
        options_path = path.with_suffix(".options.json")
        options = json.loads(options_path.read_text()) if options_path.exists() else {}
        cases.append(Case(f"cases/{path.stem}", path.read_text(encoding="utf-8"), options))
    return cases


def site_cases() -> list[Case]:
    sites = SHARED / "sites"
    if not sites.is_dir():
        return []
    cases = []
    for path in sorted(sites.rglob("*")):
        rel = path.relative_to(sites)
        if path.suffix.lower() not in MARKDOWN_EXTS or not path.is_file():
            continue
        if any(part.startswith("_site") or part in ("node_modules", "vendor") for part in rel.parts):
            continue
        text = without_liquid(strip_front_matter(path.read_text(encoding="utf-8", errors="replace")))
        cases.append(Case(f"sites/{rel.as_posix()}", text))
    return cases


def seed_cases() -> list[Case]:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        return []
    return [
        Case(f"seeds/{p.stem}", without_liquid(strip_front_matter(p.read_text(encoding="utf-8"))))
        for p in sorted(seeds.iterdir()) if p.is_file()
    ]


def all_cases() -> list[Case]:
    return own_cases() + site_cases() + seed_cases()


def normalize(html: str) -> str:
    """Whitespace-insensitive form for comparison."""
    return re.sub(r"\s+", " ", html).strip()
