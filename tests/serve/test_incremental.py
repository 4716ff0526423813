"""Incremental rebuilds give byte-for-byte the same site as a clean full build.

One builder follows a scripted sequence of edits on a copy of
academicpages-2025; after each edit its destination is compared with a clean
build of the same sources.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from converter.build import BuildOptions
from converter.incremental import IncrementalBuilder
from tests.serve.helpers import EPOCH, clean_build, copy_site, edit, tree_differences

POST = "_posts/2025-07-15-oled-driver.md"
FRONT_END = "\n---\n"


@pytest.fixture()
def frozen_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


NEW_POST = """---
title: "A brand new post"
date: 2025-08-01
permalink: /posts/2025/08/brand-new/
tags:
  - fresh
categories:
  - Technical Documentation
excerpt: "Fresh excerpt."
---

Hello from a **new** post.
"""

# (description, changed paths, the edit): each edit is applied to the source copy.
EDITS = [
    ("post body", [POST], lambda s: edit(s / POST, FRONT_END, FRONT_END + "\nA new first paragraph.\n\n")),
    ("post body again, second paragraph", [POST],
     lambda s: edit(s / POST, "A new first paragraph.", "An edited *first* paragraph.")),
    ("unchanged save", [POST], lambda s: (s / POST).write_bytes((s / POST).read_bytes())),
    ("post title", [POST], lambda s: edit(s / POST, "title:", "title: \"Renamed title\"\nold_title:")),
    ("post date (order changes)", [POST], lambda s: edit(s / POST, "date: 2025-07-15", "date: 2025-12-30")),
    ("add post", ["_posts/2025-08-01-brand-new.md"],
     lambda s: write(s / "_posts/2025-08-01-brand-new.md", NEW_POST)),
    ("new post tags", ["_posts/2025-08-01-brand-new.md"],
     lambda s: edit(s / "_posts/2025-08-01-brand-new.md", "  - fresh", "  - fresh\n  - git")),
    ("rename post", ["_posts/2025-08-01-brand-new.md", "_posts/2025-08-02-renamed.md"],
     lambda s: (s / "_posts/2025-08-01-brand-new.md").rename(s / "_posts/2025-08-02-renamed.md")),
    ("delete post", ["_posts/2025-08-02-renamed.md"],
     lambda s: (s / "_posts/2025-08-02-renamed.md").unlink()),
    ("edit layout", ["_layouts/single.html"],
     lambda s: edit(s / "_layouts/single.html", "{% include base_path %}",
                    "{% include base_path %}<!-- single layout v2 -->")),
    ("edit include", ["_includes/footer.html"],
     lambda s: edit(s / "_includes/footer.html", "{% include base_path %}",
                    "{% include base_path %}<!-- footer v2 -->")),
    ("edit data file", ["_data/ui-text.yml"],
     lambda s: edit(s / "_data/ui-text.yml", 'pagination_next            : "Next"',
                    'pagination_next            : "Onward"')),
    ("edit page body", ["_pages/about.md"],
     lambda s: edit(s / "_pages/about.md", FRONT_END, FRONT_END + "\nEdited about page.\n\n")),
    ("edit Sass partial", ["_sass/layout/_base.scss"],
     lambda s: (s / "_sass/layout/_base.scss").write_text(
         (s / "_sass/layout/_base.scss").read_text() + "\n.incremental-test { color: red; }\n")),
    ("add static file", ["files/notes.txt"], lambda s: write(s / "files/notes.txt", "notes v1\n")),
    ("edit static file", ["files/notes.txt"], lambda s: write(s / "files/notes.txt", "notes v2!\n")),
    ("add publication", ["_publications/2025-10-01-new-paper.md"],
     lambda s: write(s / "_publications/2025-10-01-new-paper.md",
                     "---\ntitle: 'New paper'\ncollection: publications\npermalink: /publication/new-paper\n"
                     "date: 2025-10-01\nvenue: 'Journal of Tests'\ncategory: manuscripts\n---\nAbstract.\n")),
    ("edit _config.yml", ["_config.yml"],
     lambda s: edit(s / "_config.yml", 'title                    : "Welcome to my personal academic website!"',
                    'title                    : "Welcome, incrementally"')),
    ("post body after config change", [POST],
     lambda s: edit(s / POST, "An edited *first* paragraph.", "The final first paragraph.")),
]


def test_scripted_edits_match_clean_builds(tmp_path, frozen_time):
    source = copy_site(tmp_path)
    out, clean = tmp_path / "incremental", tmp_path / "clean"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    first = builder.full_build()
    assert first.error is None
    assert tree_differences(out, clean_build(source, clean)) == []
    for description, paths, apply in EDITS:
        apply(source)
        report = builder.rebuild(set(paths))
        assert report.error is None, f"{description}: {report.error}"
        differences = tree_differences(out, clean_build(source, clean))
        assert differences == [], f"after '{description}': {differences[:10]}"


def test_rendered_sets_are_the_dependents(tmp_path, frozen_time):
    source = copy_site(tmp_path)
    builder = IncrementalBuilder(BuildOptions(source=source, destination=tmp_path / "out", quiet=True))
    assert builder.full_build().error is None
    edit(source / POST, FRONT_END, FRONT_END + "\nNew words.\n\n")
    body = builder.rebuild({POST})
    # the post, plus the listings that show its excerpt, read time or content
    assert 1 < body.rendered < body.total // 2
    edit(source / "_pages/about.md", FRONT_END, FRONT_END + "\nMore about.\n\n")
    page = builder.rebuild({"_pages/about.md"})
    assert page.rendered == 1 and [p.name for p in page.written] == ["index.html"]
    unused = builder.rebuild({"_includes/does-not-exist.html"})
    assert unused.rendered == 0 and unused.written == []
    (source / "_sass/layout/_base.scss").write_text(
        (source / "_sass/layout/_base.scss").read_text() + "\n.x { color: blue; }\n")
    sass = builder.rebuild({"_sass/layout/_base.scss"})
    assert sass.css_only and "main.css" in {p.name for p in sass.written}


def test_errors_keep_the_old_site_and_recover(tmp_path, frozen_time):
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    edit(source / POST, FRONT_END, FRONT_END + "\nSome text.\n\n{% frobnicate %}\n\n")
    broken = builder.rebuild({POST})
    assert broken.error is not None and broken.error.path == POST
    lines = (source / POST).read_text(encoding="utf-8").splitlines()
    assert broken.error.line == lines.index("{% frobnicate %}") + 1
    assert "frobnicate" in broken.error.message
    edit(source / POST, "{% frobnicate %}", "Fixed again.")
    fixed = builder.rebuild({POST})
    assert fixed.error is None
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_interrupted_rebuild_is_redone_with_the_newer_change(tmp_path, frozen_time):
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    edit(source / POST, FRONT_END, FRONT_END + "\nFirst save.\n\n")
    calls = []
    stopped = builder.rebuild({POST}, should_stop=lambda: calls.append(1) or len(calls) > 1)
    assert stopped.interrupted and stopped.error is None
    edit(source / "_layouts/single.html", "{% include base_path %}", "{% include base_path %}<!-- v3 -->")
    final = builder.rebuild({"_layouts/single.html"})
    assert final.error is None and not final.interrupted
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_reverted_change_after_interruption_restores_the_old_output(tmp_path, frozen_time):
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    original = (source / POST).read_text(encoding="utf-8")
    edit(source / POST, FRONT_END, FRONT_END + "\nShort-lived words.\n\n")
    calls = []
    stopped = builder.rebuild({POST}, should_stop=lambda: calls.append(1) or len(calls) > 1)
    assert stopped.interrupted
    (source / POST).write_text(original, encoding="utf-8")   # the edit is undone
    final = builder.rebuild({POST})
    assert final.error is None and final.rendered == 0
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []
    assert not builder.force_reread   # the live site was rolled back, not dropped


def test_bad_front_matter_is_reported_until_fixed(tmp_path, frozen_time):
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().problems == []
    edit(source / POST, "title:", "title: [unclosed\nbroken:")
    bad = builder.rebuild({POST})
    assert bad.error is None and [p.path for p in bad.problems] == [POST]
    assert bad.problems[0].line and "YAML" in bad.problems[0].message
    other = builder.rebuild({"_pages/about.md"})
    assert [p.path for p in other.problems] == [POST]       # still there until fixed
    edit(source / POST, "title: [unclosed\nbroken:", "title:")
    fixed = builder.rebuild({POST})
    assert fixed.error is None and fixed.problems == []
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_a_failure_overtaken_by_newer_changes_is_not_reported(tmp_path, frozen_time, monkeypatch):
    """A file saved and deleted at once can vanish while the rebuild reads it: the
    rebuild with the newer change decides, the overlay does not flash an error."""
    source = copy_site(tmp_path)
    builder = IncrementalBuilder(BuildOptions(source=source, destination=tmp_path / "out",
                                              quiet=True))
    assert builder.full_build().error is None
    edit(source / POST, "title:", "title: \"Re-read\"\nold_title:")   # the site is read again

    def vanished():
        raise FileNotFoundError(2, "No such file or directory", str(source / "_posts/x.md"))

    monkeypatch.setattr(builder, "_load", vanished)
    overtaken = builder.rebuild({POST}, should_stop=lambda: True)
    assert overtaken.interrupted and overtaken.error is None
    # (a rebuild that may not give way, newer changes waiting, still defers to them)
    unstoppable = builder.rebuild({POST}, newer_changes=lambda: True)
    assert unstoppable.interrupted and unstoppable.error is None
    alone = builder.rebuild({POST})
    assert not alone.interrupted and "No such file" in str(alone.error)
    monkeypatch.undo()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert builder.rebuild(set()).error is None
    assert tree_differences(tmp_path / "out", clean_build(source, tmp_path / "clean")) == []


def test_front_matter_edits_re_render_only_their_readers(tmp_path, frozen_time):
    """A title edit reads the site again: the undated portfolio items, the Sass page
    and its source map (made while rendering) stay as they were; every output
    re-rendered changes."""
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    sass = "_sass/layout/_base.scss"
    for n, (path, apply) in enumerate([
            (POST, lambda: edit(source / POST, "title:", "title: \"First\"\nold_title:")),
            (sass, lambda: (source / sass).write_text((source / sass).read_text() + "\n.a { color: red; }\n")),
            (POST, lambda: edit(source / POST, "title: \"First\"", "title: \"Second\""))]):
        apply()
        report = builder.rebuild({path})
        assert report.error is None
        written = {p.name for p in report.written}
        assert report.rendered == len(report.written), (n, report.rendered, written)
        assert ("main.css" in written) == (path == sass), (n, written)
        assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_an_undone_title_after_an_overtaken_re_read_is_rebuilt(tmp_path, frozen_time):
    """A title saved (built), then undone: the rebuild of the undo reads the site
    again and is overtaken by a newer save before it renders. The rebuild after
    it must not take the fast path on the strength of what the overtaken one read
    (the front matter memo), or the page keeps the undone title."""
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    original = (source / POST).read_text(encoding="utf-8")
    edit(source / POST, "title:", "title: \"Saved then undone\"\nold_title:")
    assert builder.rebuild({POST}).error is None
    (source / POST).write_text(original, encoding="utf-8")
    assert builder.rebuild({POST}, should_stop=lambda: True).interrupted
    edit(source / POST, FRONT_END, FRONT_END + "\nA body edit after it.\n\n")
    assert builder.rebuild({POST}).error is None
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []
