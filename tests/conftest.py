"""Shared fixtures: building small sites with converter, locating ../shared."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EPOCH = "1767225600"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n") if isinstance(text, str) else text)
    return root


def run_converter(*args: str, cwd: Path | None = None, env: dict | None = None):
    environment = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, TZ="UTC")
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "converter", *args], cwd=cwd,
                          capture_output=True, text=True, env=environment, timeout=300)


@pytest.fixture
def make_site(tmp_path):
    """make_site({"path": "text"}) -> (source, build) where build() returns (result, dest)."""

    def make(files: dict[str, str], config: str = "") -> tuple[Path, callable]:
        source = write_tree(tmp_path / "src", files)
        if config or "_config.yml" not in files:
            (source / "_config.yml").write_text(textwrap.dedent(config))
        dest = tmp_path / "out"

        def build(*extra: str):
            result = run_converter("build", "-s", str(source), "-d", str(dest), *extra)
            return result, dest

        return source, build

    return make


GENERATOR_META = re.compile(r'<meta\s+name="generator"\s+content="[^"]*"\s*/?>', re.I)
GENERATOR_TAG = re.compile(r"<generator\b[^>]*>.*?</generator>", re.I | re.S)


def normalise(text: str) -> str:
    """site-diff's normalisation: generator tags dropped, whitespace collapsed."""
    text = GENERATOR_TAG.sub("", GENERATOR_META.sub("", text.replace("\r\n", "\n")))
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", text)).strip()


def tree_files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def compare_trees(expected: Path, actual: Path) -> list[str]:
    """Differences between two built sites: missing, extra and differing files."""
    want, got = tree_files(expected), tree_files(actual)
    problems = [f"missing {p}" for p in want if p not in got]
    problems += [f"extra {p}" for p in got if p not in want]
    for path in want.keys() & got.keys():
        a, b = want[path].read_bytes(), got[path].read_bytes()
        if a != b and normalise(a.decode("utf-8", "replace")) != normalise(b.decode("utf-8", "replace")):
            problems.append(f"differs {path}")
    return sorted(problems)


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
