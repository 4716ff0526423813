"""jekyll-paginate 1.1.0: `paginate: N` splits site.posts over the template page and copies of it.

The template is the `index.html` page closest to `paginate_path` (default
`/page:num`); page 1 is the template itself, page N a copy of it at
`paginate_path` with `:num` = N. Each gets a `paginator` (Pager#to_liquid).
"""

from __future__ import annotations

import copy
import math
import posixpath

from converter.plugins._support import truthy

NAMES = ("jekyll-paginate",)
PRIORITY = -100  # :lowest

DEFAULT_PAGINATE_PATH = "/page:num"


def generate(site) -> None:
    if site.config.get("paginate") is None or not site.pages:
        return
    template = template_page(site)
    if template is None:
        site.log.warn("Pagination:", "Pagination is enabled, but I couldn't find an index.html "
                      "page to use as the pagination template. Skipping pagination.")
        return
    paginate(site, template)


def paginate(site, template) -> None:
    per_page = ruby_to_i(site.config["paginate"])
    if per_page <= 0:
        return  # Ruby divides by zero here; nothing sensible to paginate
    posts = [post for post in newest_first(site.posts) if not truthy(post.data.get("hidden"))]
    total_pages = math.ceil(len(posts) / per_page)
    first_url = template.url
    for number in range(1, total_pages + 1):
        pager = make_pager(site, number, posts, per_page, total_pages, first_url)
        if number == 1:
            template.pager = pager
        else:
            site.pages.append(paginated_copy(site, template, paginate_path(site, number, first_url),
                                             pager))


def newest_first(posts) -> list:
    """site.posts as Liquid sees it (SiteDrop#posts: newest first)."""
    return sorted(posts, key=lambda doc: doc.sort_key(), reverse=True)


def make_pager(site, number: int, posts: list, per_page: int, total_pages: int,
               first_url: str) -> dict:
    """Pager#to_liquid."""
    start = (number - 1) * per_page
    previous_page = number - 1 if number != 1 else None
    next_page = number + 1 if number != total_pages else None
    return {
        "page": number,
        "per_page": per_page,
        "posts": [post.to_liquid() for post in posts[start:start + per_page]],
        "total_posts": len(posts),
        "total_pages": total_pages,
        "previous_page": previous_page,
        "previous_page_path": paginate_path(site, previous_page, first_url),
        "next_page": next_page,
        "next_page_path": paginate_path(site, next_page, first_url),
    }


def paginate_path(site, number, first_url: str):
    """Pager.paginate_path: page 1 is the template's URL, page N the configured path."""
    if number is None:
        return None
    if number <= 1:
        return first_url
    path = str(site.config.get("paginate_path") or DEFAULT_PAGINATE_PATH)
    path = path.replace(":num", str(number), 1)
    return path if path.startswith("/") else "/" + path


def paginated_copy(site, template, directory: str, pager: dict):
    """Page.new(site, source, template.dir, template.name) moved to `directory`."""
    from converter.model import Page

    page = Page(site, directory, template.name, copy.deepcopy(template.data),
                template.content, path=template.path)
    # Jekyll keeps the relative path the copy was read from (front-matter defaults, page.path).
    page.relative_path = posixpath.join(template.dir, template.name).lstrip("/")
    page.pager = pager
    return page


# --- choosing the template (Pager.pagination_candidate?) --------------------------

def template_page(site):
    candidates = [page for page in site.pages if is_candidate(site, page)]
    candidates.sort(key=lambda page: len(page_path(page)), reverse=True)
    return candidates[0] if candidates else None


def is_candidate(site, page) -> bool:
    if page.name != "index.html":
        return False
    source = posixpath.normpath(site.source.as_posix())
    page_dir = posixpath.dirname(posixpath.normpath(
        posixpath.join(source, page_path(page).lstrip("/"))))
    configured = str(site.config.get("paginate_path") or DEFAULT_PAGINATE_PATH).lstrip("/")
    paginate_dir = posixpath.dirname(posixpath.normpath(posixpath.join(source, configured)))
    return in_hierarchy(page_dir, paginate_dir)


def in_hierarchy(page_dir: str, path: str) -> bool:
    """Is page_dir `path` or one of its ancestors (the file-system root excluded)?"""
    while path != posixpath.dirname(path):
        if page_dir == path:
            return True
        path = posixpath.dirname(path)
    return False


def page_path(page) -> str:
    """Page#path: front-matter `path` or the source-relative path."""
    return str(page.data.get("path") or page.relative_path)


def ruby_to_i(value) -> int:
    from converter.liquid.ruby import to_i

    return to_i(value)
