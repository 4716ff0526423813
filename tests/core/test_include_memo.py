"""Memoised includes render exactly what rendering every time renders."""

from __future__ import annotations

from pathlib import Path

import converter.liquid.tags as tags
from converter.build import BuildOptions, build_site
from tests.conftest import tree_files, write_tree


def render_every_time(template, context, buffer, load):
    return template.render_with_context(context, buffer, partial=True) or 0


def site_with_includes(root: Path) -> Path:
    files = {
        "_config.yml": "title: Memo\nauthor: {name: Ada}\n",
        "_includes/base": "{% assign base = site.title | downcase %}",
        # Leaks an assign, conditionally: the caller's old value must survive a hit.
        "_includes/maybe.html": "{% if include.set %}{% assign leaked = include.set %}{% endif %}[{{ leaked }}]",
        "_includes/card.html": "{% include base %}<b>{{ base }}:{{ post.title }}:{{ include.kind }}</b>",
        "_includes/who.html": "{{ site.author.name }}/{{ page.title }}",
        "_includes/count.html": "{% increment n %}",
        "_layouts/default.html": (
            "{% include who.html %}{% for post in site.posts limit:3 %}"
            "{% include card.html kind=page.kind %}{% endfor %}"
            "{% assign leaked = page.title %}{% include maybe.html %}"
            "{% include maybe.html set=page.kind %}{% include maybe.html %}"
            "{% include count.html %}{% include count.html %}{{ content }}"),
    }
    for i in range(120):
        kind = ["a", "b", ""][i % 3]
        files[f"_posts/2020-02-{1 + i % 28:02d}-p{i}.md"] = (
            f"---\ntitle: P{i % 7}\nkind: '{kind}'\nlayout: default\n---\nBody {i}\n")
    return write_tree(root, files)


def build(source: Path, dest: Path) -> dict[str, bytes]:
    build_site(BuildOptions(source=source, destination=dest, quiet=True, jobs=1))
    return {rel: path.read_bytes() for rel, path in tree_files(dest).items()}


def test_memoised_includes_match_rendering_every_time(tmp_path, monkeypatch):
    source = site_with_includes(tmp_path / "src")
    memoised = build(source, tmp_path / "memo")
    monkeypatch.setattr(tags, "render_include", render_every_time)
    plain = build(source, tmp_path / "plain")
    assert memoised == plain
    sample = memoised["2020/02/05/p4.html"].decode()
    assert "[P4][b][b]01" in sample  # an assign leaks, a conditional one too, counters count
