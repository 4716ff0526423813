"""A rebuild re-renders the outputs that read what changed, and no others.

A small site where each listing reads one kind of thing of the posts: their
front matter, their content (or excerpt), or their whole rendered page
(`output`). Each edit must re-render exactly the items that read what it
changed; the destination must still equal a clean build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from converter.build import BuildOptions
from converter.incremental import IncrementalBuilder
from tests.serve.helpers import EPOCH, clean_build, edit, tree_differences

FILES = {
    "_config.yml": "title: Deps\ncollections:\n  notes:\n    output: true\n",
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
    # an excerpt given in front matter: not derived from the body
    "_posts/2024-01-01-given.md": "---\ntitle: Given\nlayout: post\nexcerpt: Told.\nfeatured: true\n---\n\nBody of given.\n",
    "_posts/2024-01-02-derived.md": "---\ntitle: Derived\nlayout: post\n---\n\nFirst words.\n\nMore.\n",
    # an excerpt with Liquid in it, rendered with its post (whose layout shows it)
    "_includes/note.html": "noted",
    "_layouts/described.html": "---\nlayout: default\n---\n<meta content='{{ page.excerpt | strip_html | strip }}'>{{ content }}\n",
    "_posts/2024-01-03-liquid.md": "---\ntitle: Liquid\nlayout: described\n---\n\nSee {% include note.html %}.\n\nRest.\n",
    # a collection document without a date: it gets the site's time when asked
    "_notes/undated.md": "---\ntitle: Undated\n---\n\nA note.\n",
    "titles.html": "---\n---\n{% for post in site.posts %}{{ post.title }}: {{ post.excerpt }}\n{% endfor %}",
    "notes.html": "---\n---\n{% for note in site.notes %}{{ note.title }} {{ note.date | date: '%Y' }}\n{% endfor %}",
    # reads one field of every post, the title of one
    "featured.html": "---\n---\n{% for post in site.posts %}{% if post.featured %}{{ post.title }}{% endif %}{% endfor %}",
    "pages.html": "---\n---\n{% for post in site.posts %}{{ post.output | size }}\n{% endfor %}",
}
GIVEN = "_posts/2024-01-01-given.md"
DERIVED = "_posts/2024-01-02-derived.md"


def built_site(tmp_path, files: dict) -> tuple[Path, IncrementalBuilder]:
    """`files` written under tmp_path/site and built into tmp_path/out."""
    source = tmp_path / "site"
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    builder = IncrementalBuilder(BuildOptions(source=source, destination=tmp_path / "out",
                                              quiet=True))
    assert builder.full_build().error is None
    return source, builder


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return (*built_site(tmp_path, FILES), tmp_path)


def rebuilt(site, path: str, unchanged: int = 0) -> set[str]:
    """Rebuild after an edit of `path`; the outputs written, after checking that the
    destination equals a clean build and that the items re-rendered are those
    written and `unchanged` others."""
    source, builder, tmp_path = site
    report = builder.rebuild({path})
    assert report.error is None
    assert tree_differences(tmp_path / "out", clean_build(source, tmp_path / "clean")) == []
    written = {p.relative_to(tmp_path / "out").as_posix() for p in report.written}
    assert report.rendered == len(written) + unchanged, (report.rendered, written)
    return written


def test_a_body_edit_skips_listings_of_a_front_matter_excerpt(site):
    edit(site[0] / GIVEN, "Body of given.", "Body of given, longer.")
    assert rebuilt(site, GIVEN) == {"2024/01/01/given.html", "pages.html"}


def test_a_body_edit_reaches_listings_of_a_derived_excerpt(site):
    edit(site[0] / DERIVED, "First words.", "First words, edited.")
    assert rebuilt(site, DERIVED) == {"2024/01/02/derived.html", "titles.html", "pages.html"}


def test_a_layout_edit_skips_listings_of_content(site):
    edit(site[0] / "_layouts/post.html", "<article>", "<article class=x>")
    # the posts' pages change; titles.html reads their excerpts, not their pages
    assert rebuilt(site, "_layouts/post.html") == {
        "2024/01/01/given.html", "2024/01/02/derived.html", "pages.html"}


def test_a_title_edit_skips_undated_documents(site):
    edit(site[0] / DERIVED, "title: Derived", "title: Renamed")
    # The post renders again (its page does not show the title: unchanged). The
    # undated note and its listing are not touched: their date, given when first
    # asked, is the same.
    assert rebuilt(site, DERIVED, unchanged=1) == {"titles.html"}


def test_a_page_reads_the_output_of_an_earlier_post(site):
    # pages.html reads given.html's page, rendered by the first build, not this one
    edit(site[0] / DERIVED, "More.", "More words.")
    assert rebuilt(site, DERIVED) == {"2024/01/02/derived.html", "pages.html"}


def test_an_include_edit_reaches_listings_of_an_excerpt_showing_it(site):
    (site[0] / "_includes/note.html").write_text("noted again", encoding="utf-8")
    assert rebuilt(site, "_includes/note.html") == {
        "2024/01/03/liquid.html", "titles.html", "pages.html"}


def test_a_field_edit_reaches_only_the_readers_of_that_field(site):
    # featured.html reads `featured` of every post, `title` of the featured one only
    edit(site[0] / DERIVED, "title: Derived", "title: Renamed")
    assert rebuilt(site, DERIVED, unchanged=1) == {"titles.html"}
    edit(site[0] / DERIVED, "layout: post", "layout: post\nfeatured: yes")   # a field it lacked
    assert rebuilt(site, DERIVED, unchanged=1) == {"featured.html"}
    edit(site[0] / GIVEN, "title: Given", "title: Granted")
    assert rebuilt(site, GIVEN, unchanged=1) == {"titles.html", "featured.html"}


def test_a_failed_rebuild_puts_back_the_pages_it_wrote(site):
    source, builder, tmp_path = site
    edit(source / "notes.html", "---\n---", "---\nlayout: default\nboom: true\n---")
    assert builder.rebuild({"notes.html"}).error is None
    before = tmp_path / "before"
    shutil.copytree(tmp_path / "out", before)
    # The posts render (and are written) before notes.html fails.
    edit(source / "_layouts/default.html", "<html>",
         "<html class=v2>{% if page.boom %}{% include missing.html %}{% endif %}")
    failed = builder.rebuild({"_layouts/default.html"})
    assert failed.error is not None and failed.written == []
    assert tree_differences(tmp_path / "out", before) == []
    edit(source / "_layouts/default.html", "{% include missing.html %}", "")
    assert builder.rebuild({"_layouts/default.html"}).error is None
    assert tree_differences(tmp_path / "out", clean_build(source, tmp_path / "clean")) == []


def test_posts_sharing_a_destination_keep_their_own_output(tmp_path, monkeypatch):
    # Both posts render; the later one's file wins. A reader of the first one's
    # `output` sees that post's page, not the file the other one wrote over it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    files = {"_config.yml": "title: Shared\n",
             "_posts/2024-01-01-a.md": "---\npermalink: /same.html\n---\nfirst post, longer\n",
             "_posts/2024-01-02-b.md": "---\npermalink: /same.html\n---\nsecond\n",
             "z.html": "---\n---\n{% for p in site.posts %}{{ p.slug }} {{ p.output | size }}\n{% endfor %}"}
    source, builder = built_site(tmp_path, files)
    (source / "z.html").write_text(files["z.html"] + "\nedited", encoding="utf-8")
    assert builder.rebuild({"z.html"}).error is None
    listing = (tmp_path / "out/z.html").read_text()
    assert listing.startswith("b 14\na 26\n")   # <p>second</p>, <p>first post, longer</p>
    assert tree_differences(tmp_path / "out", clean_build(source, tmp_path / "clean")) == []


def test_related_posts_depend_on_the_newest_posts_only(tmp_path, monkeypatch):
    # Without LSI, a post's related posts are the ten newest others: a post added
    # with an older date changes no post's list, a newest one changes every list.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    files = {"_config.yml": "title: Related\n",
             "_layouts/post.html": "{{ content }}{% for p in site.related_posts %}{{ p.title }};{% endfor %}\n",
             **{f"_posts/2024-01-{day:02d}-p{day}.md": f"---\ntitle: P{day}\nlayout: post\n---\nBody {day}.\n"
                for day in range(1, 14)}}
    source, builder = built_site(tmp_path, files)
    out = tmp_path / "out"
    old = "_posts/2023-06-01-old.md"
    (source / old).write_text("---\ntitle: Old\nlayout: post\n---\nOld.\n", encoding="utf-8")
    report = builder.rebuild({old})
    assert report.error is None and report.rendered == 1
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []
    new = "_posts/2024-02-01-new.md"
    (source / new).write_text("---\ntitle: New\nlayout: post\n---\nNew.\n", encoding="utf-8")
    report = builder.rebuild({new})
    assert report.error is None and report.rendered == 15
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_a_re_read_keeps_the_saved_state_of_unchanged_items(site):
    # Saved state made anew on every re-read, and freed one re-read later, leaves
    # the heap's arenas part full: the process would grow with the edits.
    source, builder, _ = site
    key = builder.snap.by_source[GIVEN]
    state, deps, target = builder.items[key], builder.items[key].deps, builder.snap.writes[key]
    edit(source / DERIVED, "title: Derived", "title: Renamed")   # front matter: a re-read
    site_before = builder.site
    assert rebuilt(site, DERIVED, unchanged=1) == {"titles.html"}
    assert builder.site is not site_before
    new_key = builder.snap.by_source[GIVEN]
    assert new_key is key and builder.items[key] is state and state.deps is deps
    assert builder.snap.writes[key] is target
    derived = builder.snap.by_source[DERIVED]
    assert "Renamed" in repr(builder.items[derived].meta)   # (its new title is saved)


def test_a_re_read_after_a_layout_edit_does_not_see_the_layout_as_changed(site):
    edit(site[0] / "_layouts/post.html", "<article>", "<article class=x>")   # edited in place
    assert "2024/01/02/derived.html" in rebuilt(site, "_layouts/post.html")
    edit(site[0] / DERIVED, "title: Derived", "title: Renamed")   # read again: compared
    assert rebuilt(site, DERIVED, unchanged=1) == {"titles.html"}


def test_a_failed_re_read_puts_back_the_pages_it_wrote(site):
    source, builder, tmp_path = site
    before = tmp_path / "before"
    shutil.copytree(tmp_path / "out", before)
    # A front matter edit (the site is read again): featured.html shows the new
    # title and is written before titles.html, after it in the order, fails.
    edit(source / GIVEN, "title: Given", "title: Granted")
    edit(source / "titles.html", "{% endfor %}", "{% endfor %}{% include missing.html %}")
    failed = builder.rebuild({GIVEN, "titles.html"})
    assert failed.error is not None and failed.written == []
    assert tree_differences(tmp_path / "out", before) == []
    edit(source / "titles.html", "{% include missing.html %}", "")
    assert builder.rebuild({"titles.html"}).error is None
    assert "Granted" in (tmp_path / "out/featured.html").read_text()
    assert tree_differences(tmp_path / "out", clean_build(source, tmp_path / "clean")) == []
