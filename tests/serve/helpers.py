"""Shared helpers for the serve tests: site copies, clean builds, tree comparison."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
ACADEMICPAGES = SHARED / "sites" / "academicpages-2025"
EPOCH = "1767225600"


def copy_site(tmp_path: Path, name: str = "site") -> Path:
    """A private copy of academicpages-2025 (made at test time, never in the repo)."""
    if not ACADEMICPAGES.is_dir():
        import pytest
        pytest.skip("../shared/sites/academicpages-2025 is not available")
    target = tmp_path / name
    shutil.copytree(ACADEMICPAGES, target, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "_site", ".jekyll-cache"))
    return target


def clean_build(source: Path, dest: Path) -> Path:
    from converter.build import BuildOptions, build_site
    if dest.exists():
        shutil.rmtree(dest)
    build_site(BuildOptions(source=source, destination=dest, quiet=True))
    return dest


def tree_differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on a side, or other bytes)."""
    def files(root: Path) -> set[str]:
        return {os.path.relpath(os.path.join(d, f), root)
                for d, _, names in os.walk(root) for f in names}
    a, b = files(left), files(right)
    different = sorted((a ^ b))
    for rel in sorted(a & b):
        if not filecmp.cmp(left / rel, right / rel, shallow=False):
            different.append(rel)
    return different


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
