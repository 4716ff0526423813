"""SCSS/Sass pages through libsass, as jekyll-sass-converter 2.2 (sassc) compiles them.

Jekyll runs LibSass with style `compact` unless `sass: style:` says otherwise,
load paths `sass_dir` (default `_sass`) plus `load_paths`, and writes a source
map page next to the CSS (`sourcemap: always` by default).
"""

from __future__ import annotations

import glob
import json
import os
import re

import tempfile

import sass as libsass

from converter.errors import BuildError
from converter.model import Page

STYLES = ("nested", "expanded", "compact", "compressed")
BOM = "\ufeff"


def sass_options(site) -> dict:
    options = site.config.get("sass") or {}
    return options if isinstance(options, dict) else {}


def style(options: dict) -> str:
    value = str(options.get("style", "compact")).lstrip(":")
    return value if value in STYLES else "compact"


def load_paths(site, options: dict) -> list[str]:
    sass_dir = str(options.get("sass_dir") or "_sass")
    user = options.get("load_paths") or []
    user = user if isinstance(user, list) else [user]
    paths: list[str] = []
    for path in [*map(str, user), sass_dir]:
        if site.safe and (os.path.isabs(path) or ".." in path.split("/")):
            continue
        for match in sorted(glob.glob(os.path.join(str(site.source), path))):
            full = os.path.abspath(match)
            if os.path.isdir(full) and full not in paths:
                paths.append(full)
    theme = getattr(site, "theme", None)
    if theme is not None and theme.sass_path is not None:  # after the site's, as in Jekyll
        paths.append(str(theme.sass_path))
    return paths


def sourcemap_wanted(site, options: dict) -> bool:
    mode = str(options.get("sourcemap", "always")).lstrip(":")
    if mode == "never":
        return False
    if mode == "development":
        return site.environment == "development"
    return True


def compile_sass(site, content: str, page) -> str:
    options = sass_options(site)
    kwargs = dict(output_style=style(options), include_paths=load_paths(site, options),
                  precision=10)
    try:
        if sourcemap_wanted(site, options) and isinstance(page, Page):
            css = compile_with_source_map(site, content, page, kwargs)
        else:
            css = libsass.compile(string=content, indented=page.ext == ".sass", **kwargs)
    except libsass.CompileError as exc:
        raise sass_error(site, page, sass_message(exc)) from exc
    replacement = '@charset "UTF-8";' if options.get("add_charset") else ""
    return css.replace(BOM, replacement, 1) if css.startswith(BOM) else css


def compile_with_source_map(site, content: str, page, kwargs: dict) -> str:
    """libsass writes source maps only for file input: compile a private copy of the
    page body (front matter removed) and point the map's sources back at the site."""
    with tempfile.TemporaryDirectory(prefix="converter-sass-") as tmp:
        entry = os.path.join(tmp, page.name)
        with open(entry, "w", encoding="utf-8") as handle:
            handle.write(content)
        css, source_map = libsass.compile(
            filename=entry, source_map_filename=os.path.join(tmp, page.basename + ".css.map"),
            output_filename_hint=os.path.join(tmp, page.basename + ".css"),
            source_map_contents=True, **kwargs)
        add_source_map_page(site, page, rebase_sources(source_map, tmp, entry, site, page))
    return css


def sass_message(exc: Exception) -> str:
    text = str(exc)
    try:
        return json.loads(text).get("formatted", text)
    except (ValueError, AttributeError):
        return text.strip()


SASS_LOCATION = re.compile(r"on line (\d+):(\d+) of (.+)")


def sass_error(site, page, message: str) -> BuildError:
    """The error at the SCSS file and line people edit (not our private copy of it)."""
    first = message.splitlines()[0] if message else "Sass error"
    match = SASS_LOCATION.search(message)
    if not match:
        return BuildError(f"Sass error: {first}", page.relative_path)
    line, column, file = int(match[1]), int(match[2]), match[3].strip()
    path = os.path.abspath(file)
    if file == "stdin" or os.path.basename(path) == page.name and \
            not path.startswith(str(site.source)):
        where = page.relative_path
        line += page_body_offset(page)
    else:
        where = os.path.relpath(path, str(site.source)).replace(os.sep, "/")
    detail = "" if where == page.relative_path else f" (imported by {page.relative_path})"
    hint = ("Check the name, and that the file is in _sass/ (or a `sass: load_paths` folder)."
            if "to import not found" in first else
            "Fix the SCSS there: a missing `;` or `}` is the usual cause.")
    return BuildError(f"Sass error: {first.removeprefix('Error: ')}{detail}", where, line,
                      column=column, hint=hint)


def page_body_offset(page) -> int:
    from converter.frontmatter import front_matter_lines
    try:
        return front_matter_lines(page.path.read_text(encoding="utf-8-sig")) if page.path else 0
    except (OSError, UnicodeDecodeError):
        return 0


def rebase_sources(source_map: str, tmp: str, entry: str, site, page) -> str:
    """Sources relative to the site's source, as sassc (run from there) names them."""
    data = json.loads(source_map)
    sources = []
    for source in data.get("sources", []):
        full = os.path.normpath(os.path.join(tmp, source))
        sources.append(page.name if full == entry else
                       os.path.relpath(full, str(site.source)).replace(os.sep, "/"))
    data["sources"] = sources
    return json.dumps(data, indent="\t", ensure_ascii=False)


class SourceMapPage(Page):
    """jekyll-sass-converter's SourceMapPage: written beside the CSS, as is."""

    render_with_liquid = False
    place_in_layout = False


def add_source_map_page(site, page, source_map: str) -> None:
    """jekyll-sass-converter's SourceMapPage: written beside the CSS, rendered as is."""
    map_page = SourceMapPage(site, page.dir_, page.basename + ".css.map", page.data, source_map)
    map_page.url = page.dir.rstrip("/") + "/" + page.basename + ".css.map"
    map_page.created_by = page
    site.pages.append(map_page)
