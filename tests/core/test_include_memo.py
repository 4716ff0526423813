"""Memoised includes render exactly what rendering every time renders."""

from __future__ import annotations

from pathlib import Path

import converter.liquid.tags as tags
from converter.build import BuildOptions, build_site
from tests.conftest import tree_files, write_tree


def render_every_time(template, context, buffer):
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


def traced_site(root: Path) -> Path:
    """Includes whose output depends on what they read in ways a trace must not miss."""
    files = {
        "_config.yml": "title: Trace\nrelated: [a, b]\n",
        # Reads `post` before and after assigning it; inside the caller's loop the loop
        # variable shadows the assign, so the second read still sees the caller's post.
        "_includes/shadow.html": "{{ post.title }}{% assign post = site.title %}<{{ post.title }}|{{ post }}>",
        # Its own loop variable and forloop are made by the render: not inputs.
        "_includes/loop.html": "{% for x in site.related %}{{ x }}{{ forloop.index }}{% endfor %}",
        # forloop.parentloop reads the caller's loop.
        "_includes/parent.html": "{% for y in site.related %}{{ forloop.parentloop.index }}{% endfor %}",
        # offset: continue reads where an earlier loop stopped.
        "_includes/resume.html": "{% for z in site.related offset: continue %}{{ z }}{% endfor %};",
        # The content of the page (differs per page) on one branch only.
        "_includes/words.html": "{% if include.own %}{{ page.content | size }}{% else %}{{ include.n }}{% endif %}",
        # {% highlight %} is wrapped in newlines in Markdown only (highlighter_prefix).
        "_includes/code.html": "{% highlight ruby %}x = 1{% endhighlight %}",
        # A drop as a whole: never memoised.
        "_includes/whole.html": "{{ page.next.title }}{{ page.next | size }}",
        "_layouts/default.html": (
            "{% for post in site.posts limit:2 %}{% include shadow.html %}{% include loop.html %}"
            "{% include parent.html %}{% endfor %}{% include resume.html %}{% include resume.html %}"
            "{% include words.html own=true %}{% include words.html n=3 %}{% include whole.html %}"
            "{{ content }}"),
    }
    for i in range(120):
        ext = "md" if i % 2 else "html"
        files[f"_posts/2020-03-{1 + i % 28:02d}-q{i}.{ext}"] = (
            f"---\ntitle: Q{i % 5}\nlayout: default\n---\n{'x' * (i % 4)}{{% include code.html %}}\n")
    return write_tree(root, files)


def test_traced_includes_match_rendering_every_time(tmp_path, monkeypatch):
    source = traced_site(tmp_path / "src")
    memoised = build(source, tmp_path / "memo")
    monkeypatch.setattr(tags, "render_include", render_every_time)
    plain = build(source, tmp_path / "plain")
    assert memoised == plain
    sample = memoised["2020/03/05/q4.html"].decode()
    assert "<Q3|xxx" in sample and "a1b211" in sample and "ab;;" in sample


def test_traces_hit_only_where_inputs_repeat(tmp_path):
    source = traced_site(tmp_path / "src")
    site = build_site(BuildOptions(source=source, destination=tmp_path / "out", quiet=True,
                                   jobs=1))
    memos = {t.name: t.__dict__.get("_include_memo") for t in site.liquid.include_cache.values()}
    assert memos["_includes/loop.html"].hits == memos["_includes/loop.html"].calls - 1
    assert memos["_includes/words.html"].hits >= 119  # include.n=3: one entry
    assert memos["_includes/whole.html"].root is None  # reads a drop: nothing stored
    assert memos["_includes/resume.html"].pure is False
    assert memos["_includes/code.html"].hits == 118  # one entry per highlighter prefix


def shadowed_site(root: Path) -> Path:
    """Includes reading the site's configuration, called with `site` itself and with
    a loop variable named `site` shadowing it (the memo's configuration shortcut
    must only apply to the real site)."""
    files = {
        "_config.yml": "title: Real\nauthor: {name: Ada}\n",
        "_includes/conf.html": "{{ site.author.name }}|{{ site.title }};",
        "_includes/outer.html": "<{% include conf.html %}{{ page.n }}>",
        "_layouts/default.html": (
            "{% include conf.html %}{% include outer.html %}"
            "{% for site in page.sites %}{% include conf.html %}{% include outer.html %}{% endfor %}"
            "{% include conf.html %}{{ content }}"),
    }
    for i in range(120):
        sites = ("sites: [{title: T1, author: {name: Bo}}, {title: T2}]" if i % 3 == 0 else "sites: []")
        files[f"_posts/2020-04-{1 + i % 28:02d}-s{i}.md"] = (
            f"---\ntitle: S{i}\nn: {i % 2}\n{sites}\nlayout: default\n---\nx\n")
    return write_tree(root, files)


def test_configuration_shortcut_only_for_the_real_site(tmp_path, monkeypatch):
    source = shadowed_site(tmp_path / "src")
    memoised = build(source, tmp_path / "memo")
    monkeypatch.setattr(tags, "render_include", render_every_time)
    plain = build(source, tmp_path / "plain")
    assert memoised == plain
    page = memoised["2020/04/04/s3.html"].decode()
    assert "Ada|Real;<Ada|Real;1>Bo|T1;<Bo|T1;1>|T2;<|T2;1>Ada|Real;" in page
