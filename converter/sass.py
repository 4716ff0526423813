"""SCSS/Sass pages through libsass, as jekyll-sass-converter 2.2 (sassc) compiles them.

Jekyll runs LibSass with style `compact` unless `sass: style:` says otherwise,
load paths `sass_dir` (default `_sass`) plus `load_paths`, and writes a source
map page next to the CSS (`sourcemap: always` by default).
"""

from __future__ import annotations

import glob
import json
import os

import sass as libsass

from converter.errors import BuildError

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
    basename = getattr(page, "basename", "stdin")
    source = str(site.source)
    map_wanted = sourcemap_wanted(site, options) and hasattr(page, "dir_")
    kwargs = dict(string=content, output_style=style(options),
                  include_paths=load_paths(site, options), precision=10,
                  indented=page.ext == ".sass")
    if map_wanted:
        kwargs.update(source_map_filename=os.path.join(source, basename + ".css.map"),
                      output_filename_hint=os.path.join(source, basename + ".css"),
                      source_map_contents=True)
    try:
        result = libsass.compile(**kwargs)
    except libsass.CompileError as exc:
        raise BuildError(f"Sass error: {sass_message(exc)}", page.relative_path) from exc
    css, source_map = result if map_wanted else (result, None)
    if source_map is not None:
        add_source_map_page(site, page, fix_sources(source_map, page))
    replacement = '@charset "UTF-8";' if options.get("add_charset") else ""
    return css.replace(BOM, replacement, 1) if css.startswith(BOM) else css


def sass_message(exc: Exception) -> str:
    text = str(exc)
    try:
        return json.loads(text).get("formatted", text)
    except (ValueError, AttributeError):
        return text.strip()


def fix_sources(source_map: str, page) -> str:
    """libsass calls string input 'stdin'; sassc names it after the page."""
    data = json.loads(source_map)
    data["sources"] = [page.name if s == "stdin" else s for s in data.get("sources", [])]
    return json.dumps(data, indent="\t", ensure_ascii=False)


def add_source_map_page(site, page, source_map: str) -> None:
    """jekyll-sass-converter's SourceMapPage: written beside the CSS, rendered as is."""
    from converter.model import Page

    class SourceMapPage(Page):
        render_with_liquid = False
        place_in_layout = False

    map_page = SourceMapPage(site, page.dir_, page.basename + ".css.map", page.data, source_map)
    map_page.url = page.dir.rstrip("/") + "/" + page.basename + ".css.map"
    site.pages.append(map_page)
