"""A small stand-in for converter.model.Site, enough for the Liquid layer."""

import types
from pathlib import Path

import pytest
from liquid.exceptions import LiquidError

from converter.liquid import make_environment

from .cases import CONFIG, DATA, DATES, INCLUDES

POSTS = {
    "_posts/2020-01-05-hello.md": "---\ntitle: Hello\n---\nhello\n",
    "_posts/2021-02-03-second-post.md": "---\ntitle: Second\n---\nsecond\n",
}
PAGES = {"about.md": "---\ntitle: About\n---\nabout\n"}
URLS = {
    "_posts/2020-01-05-hello.md": "/2020/01/05/hello.html",
    "_posts/2021-02-03-second-post.md": "/2021/02/03/second-post.html",
    "about.md": "/about.html",
}


class FakeMarkdown:
    def convert(self, text: str) -> str:
        return f"<p>{text}</p>\n"


def make_site(source: Path, config: dict | None = None, **extra):
    """A site whose includes are INCLUDES, written under `source`."""
    for name, text in INCLUDES.items():
        path = source / "_includes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    items = {path: types.SimpleNamespace(relative_path=path, url=url,
                                         data={"slug": Path(path).stem[11:]})
             for path, url in URLS.items()}
    site = types.SimpleNamespace(
        source=source,
        config={"includes_dir": "_includes", "highlighter": "rouge", **CONFIG,
                **(config or {})},
        markdown=FakeMarkdown(),
        posts=[items[p] for p in POSTS],
        find_by_relative_path=items.get,
        safe=bool((config or {}).get("safe")),
        environment="development",
        **extra,
    )
    site.liquid = make_environment(site, on_warning=extra.get("on_warning"))
    return site


def page_data() -> dict:
    return {**DATA, **DATES, "path": "cases.html"}


def render(site, template: str, **data) -> str:
    """Render a template as the page `index.html` of `site`."""
    return site.liquid.from_string(template, name="index.html").render(**data)


def error_of(site, template: str, **data) -> str:
    """The message of the Liquid error rendering `template` raises."""
    with pytest.raises(LiquidError) as caught:
        render(site, template, **data)
    return caught.value.message
