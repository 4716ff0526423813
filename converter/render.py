"""Rendering one item: Liquid, then conversion, then the layout chain (lib/jekyll/renderer.rb)."""

from __future__ import annotations

import html
import time
from collections import defaultdict

from converter import JEKYLL_VERSION
from converter.cache import key_of
from converter.config import deep_merge
from converter.errors import BuildError, check_markdown_nesting
from converter.liquid.drops import PageDrop, SiteDrop
from converter.model import Page


def is_fallback_output(text: str, output: str) -> bool:
    """The escaped text the Markdown stage gives (and logs) when its conversion
    fails: never cached, so that the next build reports the failure again."""
    return output.startswith("<p>") and len(output) >= len(text) + 8 and \
        output == f"<p>{html.escape(text, quote=False)}</p>\n"


def highlighter_options(item) -> dict:
    """Renderer#assign_highlighter_options!: the first converter's prefix and suffix
    around {% highlight %} output: "\n" for Markdown, nil (empty) otherwise."""
    wrap = "\n" if item.is_markdown else ""
    return {"highlighter_prefix": wrap, "highlighter_suffix": wrap}


class Renderer:
    """Renders the items of one site; templates are parsed once per build."""

    def __init__(self, site, environment: str = "development"):
        self.site = site
        self.env = site.liquid
        self.site_drop = SiteDrop(site)
        self.jekyll = {"version": JEKYLL_VERSION, "environment": environment}
        self.layout_templates: dict[str, object] = {}
        self.profile: dict[str, list[float]] | None = None
        self.post_render_hooks = []

    def enable_profile(self) -> None:
        self.profile = defaultdict(lambda: [0, 0.0, 0])  # count, seconds, bytes

    # --- one item ---------------------------------------------------------------------
    def render_item(self, item) -> None:
        self.site_drop.current_document = item
        payload = self.payload_for(item)
        output = item.content
        if item.render_with_liquid:
            output = self.render_liquid(output, payload, item.relative_path)
        output = self.convert(item, output)
        item.content = output
        if item.place_in_layout:
            output = self.place_in_layouts(item, output, payload)
        item.output = output
        for hook in self.post_render_hooks:
            hook(self.site, item)

    def render_excerpt(self, excerpt) -> str:
        payload = {"site": self.site_drop, "jekyll": self.jekyll, "page": excerpt.to_liquid(),
                   "paginator": None, "layout": None, "content": None,
                   **highlighter_options(excerpt)}
        output = excerpt.content
        if excerpt.render_with_liquid:
            output = self.render_liquid(output, payload, excerpt.relative_path)
        return self.convert(excerpt, output)

    def payload_for(self, item) -> dict:
        if isinstance(item, Page):
            page = PageDrop(item, frozen_content=item.content)
            paginator = item.pager
        else:
            page = item.to_liquid()
            paginator = None
        layout = self.site.layouts.get(str(item.data.get("layout")))
        return {"site": self.site_drop, "jekyll": self.jekyll, "page": page,
                "paginator": paginator, "layout": dict(layout.data) if layout else None,
                "content": None, **highlighter_options(item)}

    # --- stages -------------------------------------------------------------------------
    def render_liquid(self, source: str, payload: dict, name: str, template=None) -> str:
        started = time.perf_counter() if self.profile is not None else 0.0
        try:
            if template is not None:
                output = template.render(**payload)
            elif "{{" in source or "{%" in source:
                output = self.env.from_string(source, name=name).render(**payload)
            else:
                output = source  # no Liquid markup: text renders as itself (most post bodies)
        except BuildError:
            raise
        except RecursionError as exc:
            raise BuildError("Liquid Exception: nesting too deep (an include or layout "
                             "that includes itself, or deeply nested brackets?)", name) from exc
        except Exception as exc:  # python-liquid errors and errors in filters
            raise liquid_error(exc, name, self.site) from exc
        if self.profile is not None:
            stats = self.profile[name]
            stats[0] += 1
            stats[1] += time.perf_counter() - started
            stats[2] += len(output)
        return output

    def convert(self, item, content: str) -> str:
        if item.is_markdown:
            check_markdown_nesting(content, item.relative_path)
            cache = self.site.markdown_cache
            if cache is None:
                return self.convert_markdown(item, content)
            key = key_of(content)
            output = cache.get(key)
            if output is None:
                output = self.convert_markdown(item, content)
                if not is_fallback_output(content, output):
                    cache.put(key, output)
            return output
        if item.is_sass:
            from converter.sass import compile_sass
            return compile_sass(self.site, content, item)
        return content

    def convert_markdown(self, item, content: str) -> str:
        try:
            return self.site.markdown.convert(content)
        except Exception as exc:
            raise BuildError(f"Conversion error: Markdown could not convert: {exc}",
                             item.relative_path) from exc

    def place_in_layouts(self, item, output: str, payload: dict) -> str:
        wanted = item.data.get("layout")
        layout = self.site.layouts.get("" if wanted is None else str(wanted))
        if layout is None and wanted is not None:
            self.site.log.warn("Build Warning:", f"Layout '{wanted}' requested in "
                               f"{item.relative_path} does not exist.")
        used = set()
        layout_data: dict = {}
        while layout is not None:
            used.add(layout.name)
            layout_data = deep_merge(layout.data, layout_data)
            payload["content"] = output
            payload["layout"] = layout_data
            output = self.render_liquid(layout.content, payload, layout.relative_path,
                                        self.layout_template(layout))
            parent = layout.data.get("layout")
            layout = self.site.layouts.get(parent) if isinstance(parent, str) else None
            if layout is not None and layout.name in used:
                break
        return output

    def layout_template(self, layout):
        template = self.layout_templates.get(layout.name)
        if template is None:
            try:
                template = self.env.from_string(layout.content, name=layout.relative_path)
            except Exception as exc:
                raise liquid_error(exc, layout.relative_path, self.site) from exc
            self.layout_templates[layout.name] = template
        return template

    def profile_table(self, limit: int = 50) -> str:
        rows = sorted(self.profile.items(), key=lambda kv: kv[1][1], reverse=True)[:limit]
        width = max([len("Filename")] + [len(name) for name, _ in rows])
        lines = [f"{'Filename':<{width}} | Count |    Bytes |  Time",
                 f"{'-' * width}-+-------+----------+------"]
        for name, (count, seconds, size) in rows:
            lines.append(f"{name:<{width}} | {count:>5} | {size / 1024:>7.2f}K | {seconds:.3f}")
        return "\n".join(lines)


def liquid_error(exc: Exception, name: str, site=None) -> BuildError:
    """A Liquid failure as Jekyll reports it: 'Liquid Exception: ...', with file and line."""
    from converter.errors import liquid_failure
    return liquid_failure(exc, name, site)
