"""`converter new PATH`: create a site from the bundled academic theme.

The theme's single source is the demo site at the repository root. A checkout
(or an editable install) reads it there; a built wheel carries a copy in
converter/theme/, made at build time by setup.py with `sync_theme`.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

PACKAGE_THEME = Path(__file__).resolve().parent / "theme"
REPO_ROOT = Path(__file__).resolve().parent.parent

# What of the repository root makes up the theme and its sample content.
THEME_ENTRIES = (
    "_config.yml", "_data", "_includes", "_layouts", "_sass", "assets", "images",
    "files", "_pages", "_posts", "_publications", "_talks", "_teaching",
)
# What a --blank site gets: the theme machinery, no sample content.
BLANK_ENTRIES = ("_config.yml", "_includes", "_layouts", "_sass", "assets", "images")
BLANK_IMAGES = ("favicon.svg", "profile.svg")

# The repo-root _config.yml excludes the converter's own files; a new site has none.
REPO_EXCLUDES_START = "  # Files of the converter repository"
REPO_EXCLUDES_END = "  # Usual Jekyll exclusions."

SITE_GITIGNORE = "_site/\n.jekyll-cache/\n.sass-cache/\n.jekyll-metadata\n"

BLANK_NAVIGATION = """\
# Top menu, in order: add entries such as
#   - title: "Publications"
#     url: /publications/
main: []
"""

BLANK_ABOUT = """\
---
permalink: /
title: "About me"
author_profile: true
redirect_from:
  - /about/
  - /about.html
---

Write about yourself here. Edit `_config.yml` for your name, photo and links.
"""

BLANK_404 = """\
---
title: "Page not found"
permalink: /404.html
sitemap: false
author_profile: false
---

Sorry, there is nothing at this address.
"""


class NewSiteError(Exception):
    """The target folder cannot take a new site."""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "new", help="create a new site from the bundled academic theme",
        description="Create a new site from the bundled academic theme, ready for `converter serve`.")
    parser.add_argument("path", help="folder to create the site in")
    parser.add_argument("--force", action="store_true", help="use the folder even if it is not empty")
    parser.add_argument("--blank", action="store_true",
                        help="the theme and one home page, without the sample content")
    parser.set_defaults(func=run)
    return parser


def run(args) -> int:
    target = Path(args.path)
    try:
        create_site(target, force=args.force, blank=args.blank)
    except NewSiteError as error:
        print(f"Conflict: {error}", file=sys.stderr)
        return 1
    print(f"New site installed in {target.resolve()}.")
    print(f"  cd {args.path} && converter serve")
    return 0


def theme_source() -> Path:
    """The bundled theme: package data, or the repository root in a checkout that lacks it."""
    if (PACKAGE_THEME / "_layouts").is_dir():
        return PACKAGE_THEME
    return REPO_ROOT


def create_site(target: Path, *, force: bool = False, blank: bool = False) -> None:
    if target.exists() and not target.is_dir():
        raise NewSiteError(f"{target} exists and is not a folder.")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise NewSiteError(f"{target} exists and is not empty. Use --force to install there anyway.")
    target.mkdir(parents=True, exist_ok=True)
    source = theme_source()
    for entry in BLANK_ENTRIES if blank else THEME_ENTRIES:
        copy_entry(source / entry, target / entry)
    config = target / "_config.yml"
    config.write_text(site_config(config.read_text(encoding="utf-8")), encoding="utf-8")
    if blank:
        write_blank_content(target)
    (target / ".gitignore").write_text(SITE_GITIGNORE, encoding="utf-8")


def copy_entry(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".DS_Store"))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def site_config(text: str) -> str:
    """The demo _config.yml without the excludes that only the converter repository needs."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith(REPO_EXCLUDES_START))
        end = next(i for i, line in enumerate(lines) if line.startswith(REPO_EXCLUDES_END))
    except StopIteration:
        return text
    return "".join(lines[:start] + lines[end:])


def write_blank_content(target: Path) -> None:
    images = target / "images"
    for image in images.iterdir():
        if image.name not in BLANK_IMAGES:
            image.unlink()
    (target / "_data").mkdir(exist_ok=True)
    (target / "_data" / "navigation.yml").write_text(BLANK_NAVIGATION, encoding="utf-8")
    pages = target / "_pages"
    pages.mkdir(exist_ok=True)
    (pages / "about.md").write_text(BLANK_ABOUT, encoding="utf-8")
    (pages / "404.md").write_text(BLANK_404, encoding="utf-8")
    for folder in ("_posts", "_publications", "_talks", "_teaching"):
        (target / folder).mkdir(exist_ok=True)


def theme_files(root: Path) -> dict[str, bytes]:
    """Every theme file under root, by posix path relative to root."""
    files: dict[str, bytes] = {}
    for entry in THEME_ENTRIES:
        path = root / entry
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in candidates:
            if "__pycache__" not in file.parts:
                files[file.relative_to(root).as_posix()] = file.read_bytes()
    return files


def sync_theme(repo_root: Path = REPO_ROOT, package_theme: Path = PACKAGE_THEME) -> int:
    """Make converter/theme/ an exact copy of the repository's demo site. Returns files written."""
    if package_theme.exists():
        shutil.rmtree(package_theme)
    written = 0
    for relative, content in theme_files(repo_root).items():
        destination = package_theme / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
        written += 1
    return written

