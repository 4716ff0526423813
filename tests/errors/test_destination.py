"""Nothing lost: a failed build leaves the previous destination exactly as it was; the
destination is never the source or a parent of it, and a folder holding files the build
did not make is emptied only when it is a site build."""

from __future__ import annotations

import os

import pytest

from converter import writer

from .helpers import assert_clean_failure, make_source, run_build, tree

GOOD = {"p.md": "---\nlayout: default\n---\nversion one\n", "s.txt": "static\n"}


def snapshot(dest):
    """Bytes, modes and mtimes: 'exactly as it was'."""
    return {rel: (data, (dest / rel).stat().st_mode, (dest / rel).stat().st_mtime_ns)
            for rel, data in tree(dest).items()}


def leftovers(parent):
    return [p.name for p in parent.iterdir() if p.name.startswith(writer.STAGING_PREFIX)]


@pytest.mark.parametrize("breakage", [
    {"p.md": "---\n---\n{% if %}\n"},                       # Liquid
    {"_config.yml": "title: [oops\n"},                      # configuration
    {"_data/x.yml": "a: [b\n"},                             # data
    {"css/main.scss": "---\n---\na { b: $nope; }\n"},       # Sass
    {"_includes/loop.html": "{% include loop.html %}", "q.md": "---\n---\n{% include loop.html %}"},
])
def test_failed_build_leaves_the_previous_site_exactly(tmp_path, breakage):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "out"
    assert run_build(source, dest).code == 0
    before = snapshot(dest)
    make_source(tmp_path, breakage, base=False)
    assert_clean_failure(run_build(source, dest))
    assert snapshot(dest) == before
    assert leftovers(tmp_path) == []


def test_rebuild_replaces_the_site_and_keeps_unchanged_files(tmp_path):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "out"
    run_build(source, dest)
    static_inode = (dest / "s.txt").stat().st_ino
    (source / "p.md").write_text("---\nlayout: default\n---\nversion two\n")
    (source / "gone.md").write_text("---\n---\nnew\n")
    assert run_build(source, dest).code == 0
    assert "version two" in (dest / "p.html").read_text()
    assert (dest / "gone.html").exists()
    assert (dest / "s.txt").stat().st_ino == static_inode  # hard-linked, not rewritten
    (source / "gone.md").unlink()
    assert run_build(source, dest).code == 0
    assert not (dest / "gone.html").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["source", "parent", "grandparent"])
def test_destination_is_never_the_source_or_a_parent(tmp_path, where):
    source = make_source(tmp_path, GOOD)
    dest = {"source": source, "parent": source.parent, "grandparent": source.parent.parent}[where]
    before = tree(source)
    outcome = run_build(source, dest)
    assert_clean_failure(outcome)
    assert "Destination directory cannot be or contain the Source directory" in outcome.err
    assert tree(source) == before


def test_folder_of_unrelated_files_is_not_emptied(tmp_path):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "thesis"
    dest.mkdir()
    (dest / "chapter1.tex").write_text("years of work\n")
    (dest / "figures").mkdir()
    (dest / "figures" / "plot.png").write_bytes(b"\x89PNG")
    before = tree(dest)
    outcome = run_build(source, dest)
    assert_clean_failure(outcome)
    assert "refusing to delete them" in outcome.err and "chapter1.tex" in outcome.err
    assert "--destination" in outcome.err and "keep_files" in outcome.err
    assert tree(dest) == before


def test_unrelated_files_listed_in_keep_files_survive(tmp_path):
    source = make_source(tmp_path, {**GOOD, "_config.yml": "keep_files: [notes.txt, .git]\n"})
    dest = tmp_path / "public"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n")
    (dest / ".git").mkdir()
    (dest / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert run_build(source, dest).code == 0
    assert (dest / "notes.txt").read_text() == "mine\n"
    assert (dest / ".git" / "HEAD").exists() and (dest / "p.html").exists()


def test_site_previously_built_by_jekyll_is_rebuilt(tmp_path):
    """`_site` is Jekyll's own destination: stale files there are cleaned, as Jekyll does."""
    source = make_source(tmp_path, GOOD)
    dest = source / "_site"
    dest.mkdir()
    (dest / "old-post.html").write_text("stale\n")
    (dest / "p.html").write_text("old\n")
    assert run_build(source, dest).code == 0
    assert not (dest / "old-post.html").exists()


def test_folder_mostly_made_by_this_build_is_rebuilt(tmp_path):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "public"
    dest.mkdir()
    for name in ("index.html", "p.html", "s.txt"):
        (dest / name).write_text("old\n")
    (dest / "stale.html").write_text("stale\n")
    assert run_build(source, dest).code == 0
    assert not (dest / "stale.html").exists()


def test_manifest_remembers_converter_builds_outside_the_destination(tmp_path):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "public"
    assert run_build(source, dest).code == 0
    manifest = source / ".jekyll-cache" / writer.MANIFEST_NAME
    assert manifest.is_file()
    assert not any(writer.MANIFEST_NAME in p.name for p in dest.rglob("*"))
    for i in range(5):  # a site that shrank a lot: still ours, so it is cleaned
        (dest / f"stray{i}.html").write_text("x\n")
    assert run_build(source, dest).code == 0
    assert not (dest / "stray0.html").exists()


def test_staging_left_by_a_killed_build_is_removed(tmp_path):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "out"
    dead_pid = 2 ** 22 + 12345  # above pid_max: never a live process
    stale = tmp_path / f"{writer.STAGING_PREFIX}out-{dead_pid}"
    (stale / "half").mkdir(parents=True)
    assert run_build(source, dest).code == 0
    assert leftovers(tmp_path) == []


def test_destination_that_is_a_file_is_refused(tmp_path):
    source = make_source(tmp_path, GOOD)
    dest = tmp_path / "out"
    dest.write_text("a file\n")
    outcome = run_build(source, dest)
    assert_clean_failure(outcome)
    assert dest.read_text() == "a file\n"


def test_destination_symlink_is_not_followed_into_deletion(tmp_path):
    source = make_source(tmp_path, GOOD)
    real = tmp_path / "real"
    real.mkdir()
    (real / "keep.txt").write_text("keep\n")
    dest = tmp_path / "out"
    os.symlink(real, dest)
    run_build(source, dest)
    assert (real / "keep.txt").read_text() == "keep\n"
