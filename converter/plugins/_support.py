"""What the plugin modules share: their template resources, virtual pages, Jekyll's URL filters.

Not a plugin itself (no NAMES): the registry skips it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=None)
def template_text(name: str) -> str:
    """A template kept under converter/plugins/templates/ (the Ruby plugins' own files)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def minified(name: str, minify_regex: re.Pattern) -> str:
    """The template with the whitespace the plugin strips before rendering removed."""
    return minify_regex.sub("", template_text(name))


def ensure_leading_slash(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def virtual_page(site, path: str, content: str, data: dict):
    """PageWithoutAFile.new(site, base, "", path): a generated page at a source-relative path."""
    from converter.model import Page

    path = ensure_leading_slash(path)
    directory, _, name = path.rpartition("/")
    return Page.virtual(site, directory, name, content, data)


def file_exists_in_source(site, path: str) -> bool:
    """File.exist?(site.in_source_dir(path))."""
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    return bool(parts) and site.source.joinpath(*parts).exists()


def apply_filter(site, name: str, value: Any, *args: Any, context=None) -> Any:
    """`value | name: args` with the site's Liquid filter of that name.

    The Ruby plugins call Jekyll's filters (absolute_url, markdownify...) directly;
    going through the environment keeps one implementation of each filter.
    `context` is the render context when called from a tag.
    """
    if context is None:
        context = _bare_context(site.liquid)
    return context.filter(name, None)(value, *args)


def _bare_context(env):
    """A render context with no variables, for filters called outside a template."""
    from liquid import RenderContext

    context = getattr(env, "_plugin_bare_context", None)
    if context is None:
        context = RenderContext(env.from_string("", name="(plugins)"))
        env._plugin_bare_context = context
    return context


def ruby_or(*values: Any) -> Any:
    """Ruby's `a || b || c`: the first value that is neither nil nor false ("" and 0 count)."""
    for value in values:
        if value is not None and value is not False:
            return value
    return values[-1] if values else None


def truthy(value: Any) -> bool:
    """Ruby truthiness: everything but nil and false."""
    return value is not None and value is not False
