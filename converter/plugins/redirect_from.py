"""jekyll-redirect-from 0.16.0: redirect pages for `redirect_from`, `redirect_to`, redirects.json.

- `redirect_from: /old/` (a string or a list) on a page or written document adds a
  page at each old URL whose layout sends the browser to the item's absolute URL.
- `redirect_to: URL` (the first non-nil entry when a list) turns the item itself into
  such a redirect.
- Every redirect is listed in `/redirects.json` (unless `redirect_from: {json: false}`
  or the source has its own redirects.json).
- The markup comes from the `redirect` layout: the site's own `_layouts/redirect.html`
  when it has one, else the plugin's template (templates/redirect.html).
"""

from __future__ import annotations

import json
import re

from converter.plugins._support import (apply_filter, ensure_leading_slash,
                                        file_exists_in_source, template_text, truthy,
                                        virtual_page)

NAMES = ("jekyll-redirect-from",)
PRIORITY = 0  # the gem's generator does not set one: :normal

ABSOLUTE_HTTP_URL = re.compile(r"^https?://")
REDIRECT_PAGE_DEFAULTS = {"sitemap": False, "layout": "redirect"}


def generate(site) -> None:
    if "redirect" not in site.layouts:
        site.layouts["redirect"] = default_layout(site)
    redirects: dict[str, str] = {}
    # Jekyll iterates a copy: the redirect pages added below are not themselves visited.
    items = [doc for doc in site.documents if doc.write_wanted()] + list(site.pages)
    for item in items:
        for old_path in redirect_from_paths(item):
            page = redirect_page(site, old_path, item.url)
            site.pages.append(page)
            redirects[page.data["redirect"]["from"]] = page.data["redirect"]["to"]
        target = redirect_to_target(item)
        if truthy(target):
            turn_into_redirect(site, item, target)
            redirects[item.data["redirect"]["from"]] = item.data["redirect"]["to"]
    if redirects_json_wanted(site):
        site.pages.append(virtual_page(site, "redirects.json", ruby_json(redirects),
                                       {"layout": None}))


def default_layout(site):
    """JekyllRedirectFrom::Layout: the plugin's template, known as _layouts/redirect.html."""
    from converter.model import Layout
    from converter.plugins._support import TEMPLATES

    layout = Layout(site, "redirect.html", TEMPLATES / "redirect.html", {},
                    template_text("redirect.html"))
    layout.relative_path = "_layouts/redirect.html"
    return layout


def redirect_from_paths(item) -> list:
    value = item.data.get("redirect_from")
    values = value if isinstance(value, list) else [value]
    return [v for v in values if v is not None]


def redirect_to_target(item):
    value = item.data.get("redirect_to")
    if isinstance(value, list):
        return next((v for v in value if v is not None), None)
    return value


def redirect_data(site, from_path, to) -> dict:
    """RedirectPage#set_paths: the permalink and the `redirect` hash the layout reads."""
    from_path = ensure_leading_slash(str(from_path))
    to = str(to)
    if not ABSOLUTE_HTTP_URL.match(to):
        to = apply_filter(site, "absolute_url", to)
    return {"permalink": from_path, "redirect": {"from": from_path, "to": to}}


def redirect_page(site, from_path, to):
    """A page at `from_path` (a URL path, relative to the site root) redirecting to `to`."""
    data = dict(REDIRECT_PAGE_DEFAULTS)
    data.update(redirect_data(site, from_path, to))
    return virtual_page(site, "redirect.html", "", data)


def turn_into_redirect(site, item, target) -> None:
    """generate_redirect_to: the item keeps its URL but renders as a redirect to `target`."""
    item.data.update(REDIRECT_PAGE_DEFAULTS)
    item.data.update(redirect_data(site, item.url, target))
    item.content = ""
    item.output = ""


def redirects_json_wanted(site) -> bool:
    options = site.config.get("redirect_from")
    if isinstance(options, dict) and options.get("json") is False:
        return False
    return not file_exists_in_source(site, "redirects.json")


def ruby_json(value) -> str:
    """Hash#to_json: compact, non-ASCII characters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
