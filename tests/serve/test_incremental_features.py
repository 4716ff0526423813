"""Incremental rebuilds on a small synthetic site that uses the rarer dependencies:
{% link %}, {% post_url %}, previous/next, excerpts, data, include parameters,
collections, and the include-cache plugin (which forces full rebuilds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.build import BuildOptions
from converter.incremental import IncrementalBuilder
from tests.serve.helpers import EPOCH, clean_build, tree_differences

FILES = {
    "_config.yml": "title: Mini\ncollections:\n  notes:\n    output: true\n",
    "_layouts/default.html": "<html><body>{{ content }}{% include nav.html label=page.title %}</body></html>\n",
    "_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content }}</article>"
                          "{% if page.previous %}<a href='{{ page.previous.url }}'>{{ page.previous.title }}</a>{% endif %}"
                          "{% if page.next %}<a href='{{ page.next.url }}'>{{ page.next.title }}</a>{% endif %}\n",
    "_includes/nav.html": "<nav>{{ include.label }} | {{ site.data.menu.home }}</nav>\n",
    "_data/menu.yml": "home: Home\n",
    "_posts/2024-01-01-first.md": "---\nlayout: post\ntitle: First\n---\nFirst excerpt.\n\nFirst body.\n",
    "_posts/2024-02-01-second.md": "---\nlayout: post\ntitle: Second\n---\nSecond excerpt.\n\n"
                                   "See [first]({% post_url 2024-01-01-first %}).\n",
    "_posts/2024-03-01-third.md": "---\nlayout: post\ntitle: Third\n---\nThird excerpt.\n",
    "_notes/alpha.md": "---\ntitle: Alpha\n---\nAlpha note, linking [about]({% link about.md %}).\n",
    "about.md": "---\nlayout: default\ntitle: About\n---\nAbout page.\n",
    "index.html": "---\nlayout: default\ntitle: Home\n---\n{% for post in site.posts %}"
                  "<h2>{{ post.title }}</h2>{{ post.excerpt }}{% endfor %}"
                  "{% for note in site.notes %}<p>{{ note.title }}</p>{% endfor %}\n",
    "words.html": "---\ntitle: Words\n---\n{% for post in site.posts %}{{ post.content | number_of_words }} {% endfor %}\n",
}

EDITS = [
    ("middle post title", {"_posts/2024-02-01-second.md": ("title: Second", "title: Second!")}),
    ("first post body", {"_posts/2024-01-01-first.md": ("First body.", "First body, longer now.")}),
    ("first post excerpt", {"_posts/2024-01-01-first.md": ("First excerpt.", "First excerpt, new.")}),
    ("rename target of post_url", None),
    ("about page title (link target)", {"about.md": ("title: About", "title: About us")}),
    ("data", {"_data/menu.yml": ("home: Home", "home: Start")}),
    ("include", {"_includes/nav.html": ("<nav>", "<nav class='n'>")}),
    ("note body", {"_notes/alpha.md": ("Alpha note", "Alpha note, edited")}),
]


def make_site(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def apply(source: Path, description: str, change) -> set[str]:
    if change is None:   # the post that {% post_url %} names gets a new date: the link moves
        old = source / "_posts/2024-01-01-first.md"
        old.rename(source / "_posts/2024-01-05-first.md")
        second = source / "_posts/2024-02-01-second.md"
        second.write_text(second.read_text().replace("2024-01-01-first", "2024-01-05-first"))
        return {"_posts/2024-01-01-first.md", "_posts/2024-01-05-first.md",
                "_posts/2024-02-01-second.md"}
    for name, (old, new) in change.items():
        path = source / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return set(change)


@pytest.mark.parametrize("plugins", [[], ["jekyll-include-cache"]])
def test_small_site_edits_match_clean_builds(tmp_path, monkeypatch, plugins):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = tmp_path / "site"
    files = dict(FILES)
    if plugins:
        files["_config.yml"] += "plugins:\n  - jekyll-include-cache\n"
        files["_layouts/default.html"] = files["_layouts/default.html"].replace(
            "{% include nav.html", "{% include_cached nav.html")
    make_site(source, files)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    for description, change in EDITS:
        report = builder.rebuild(apply(source, description, change))
        assert report.error is None, f"{description}: {report.error}"
        assert report.full == bool(plugins)
        assert tree_differences(out, clean_build(source, tmp_path / "clean")) == [], description
