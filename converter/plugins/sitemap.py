"""jekyll-sitemap 1.4.0: /sitemap.xml and /robots.txt.

Both are pages rendered from the plugin's own templates (templates/sitemap.xml,
templates/robots.txt), so what is listed is decided in Liquid exactly as the gem
decides it: written collection documents and HTML pages whose `sitemap` is not
false (redirect stubs set it false), static .htm/.html/.xhtml/.pdf files, never
404.html; `lastmod` from `last_modified_at` or the document date.
"""

from __future__ import annotations

import re

from converter.plugins._support import minified, template_text, virtual_page

NAMES = ("jekyll-sitemap",)
PRIORITY = -100  # :lowest

# Whitespace after "<...>\n" or after "}" (the end of a Liquid tag) is stripped.
MINIFY_REGEX = re.compile(r"(?:(?<=>\n)|(?<=\}))\s+")
INCLUDED_EXTENSIONS = (".htm", ".html", ".xhtml", ".pdf")


def generate(site) -> None:
    existing_urls = {item.url for item in [*site.pages, *site.static_files]}
    if "/sitemap.xml" not in existing_urls:
        site.pages.append(sitemap_page(site, existing_urls))
    if "/robots.txt" not in existing_urls:
        site.pages.append(virtual_page(site, "robots.txt", template_text("robots.txt"),
                                       {"layout": None}))


def sitemap_page(site, existing_urls: set):
    static_files = [f.to_liquid() for f in site.static_files
                    if f.extname in INCLUDED_EXTENSIONS]
    data = {"layout": None, "static_files": static_files,
            "xsl": "/sitemap.xsl" in existing_urls}
    return virtual_page(site, "sitemap.xml", minified("sitemap.xml", MINIFY_REGEX), data)
