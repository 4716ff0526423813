"""The watcher: what it ignores, and one batch per editor save."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time

import pytest

from converter.watch import ChangeWatcher, IgnoreRules, is_editor_temp, matches_exclude
from tests.serve.helpers import EPOCH, copy_site, edit


@pytest.mark.parametrize("name", ["post.md.swp", ".post.md.swx", "post.md~", "4913", ".#post.md",
                                  "#post.md#", "post.md___jb_tmp___", ".DS_Store"])
def test_editor_files_are_temporary(name):
    assert is_editor_temp(name)


@pytest.mark.parametrize("name", ["post.md", "4914", "main.scss", "#notes.md"])
def test_real_files_are_not_temporary(name):
    assert not is_editor_temp(name)


def test_exclude_globs():
    patterns = ["Gemfile", "vendor/bundle/", "*.ipynb", "markdown_generator", "talkmap*"]
    assert matches_exclude("Gemfile", patterns)
    assert matches_exclude("vendor/bundle/gems/x.rb", patterns)
    assert matches_exclude("notebook.ipynb", patterns)
    assert matches_exclude("markdown_generator/publications.py", patterns)
    assert matches_exclude("talkmap.py", patterns)
    assert not matches_exclude("_posts/2024-01-01-x.md", patterns)


def test_ignore_rules(tmp_path):
    source, dest = tmp_path / "site", tmp_path / "site" / "_site"
    dest.mkdir(parents=True)
    rules = IgnoreRules(source, dest, exclude=["node_modules", "*.log"])
    assert rules.ignored(str(dest / "index.html"))
    assert rules.ignored(str(source / ".git" / "index"))
    assert rules.ignored(str(source / ".jekyll-cache" / "x"))
    assert rules.ignored(str(source / "_posts" / ".x.md.swp"))
    assert rules.ignored(str(source / "build.log"))
    assert rules.ignored(str(source / ".converter-staging-_site-42" / "index.html"))
    assert rules.ignored(str(tmp_path / "elsewhere.md"))
    assert not rules.ignored(str(source / "_posts" / "x.md"))
    assert not rules.ignored(str(source / "_sass" / "_base.scss"))


def test_an_editor_save_is_one_batch(tmp_path):
    source = tmp_path / "site"
    (source / "_posts").mkdir(parents=True)
    post = source / "_posts" / "2024-01-01-x.md"
    post.write_text("v1")
    watcher = ChangeWatcher(IgnoreRules(source, source / "_site")).start()
    try:
        time.sleep(0.2)
        # What vim does on :w — probe file, backup by rename, write, remove the backup.
        probe = source / "_posts" / "4913"
        probe.write_text("")
        probe.unlink()
        post.rename(source / "_posts" / "2024-01-01-x.md~")
        post.write_text("v2")
        (source / "_posts" / "2024-01-01-x.md~").unlink()
        batch = watcher.next_batch(timeout=5)
        assert batch == {"_posts/2024-01-01-x.md"}
        assert watcher.next_batch(timeout=0.3) == set()
    finally:
        watcher.stop()


def test_build_watch_rebuilds_without_live_reload_script(tmp_path):
    source = copy_site(tmp_path)
    dest = tmp_path / "_site"
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "converter", "build", "--watch", "-s",
                                str(source), "-d", str(dest)], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(l.rstrip() for l in process.stdout),
                     daemon=True).start()

    def wait_for(pattern: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while not any(re.search(pattern, l) for l in list(lines)):
            assert process.poll() is None, "\n".join(lines[-20:])
            assert time.monotonic() < deadline, "\n".join(lines[-20:])
            time.sleep(0.05)

    try:
        wait_for("Auto-regeneration")
        edit(source / "_posts/2025-07-15-oled-driver.md", "\n---\n", "\n---\n\nWatched edit.\n\n")
        wait_for(r"Regenerated \d+ of [\d,]+ files in \d+ ms \(_posts/2025-07-15-oled-driver\.md\)")
        page = dest / "posts/2025/07/oled-driver/index.html"
        assert "Watched edit." in page.read_text(encoding="utf-8")
        html = [p for p in dest.rglob("*.html")]
        assert html and not any(b"__converter" in p.read_bytes() for p in html)
    finally:
        process.terminate()
        process.wait(timeout=20)


class EndlessSaves:
    """A builder during each of whose rebuilds a newer save arrives."""

    def __init__(self, source):
        self.source, self.destination = source, source / "_site"
        self.exclude = []
        self.loop = None
        self.calls: list[bool] = []   # whether each rebuild could give way

    def rebuild(self, batch, should_stop=None, newer_changes=None):
        from converter.incremental import Report
        self.calls.append(should_stop is not None)
        self.loop.watcher.add([str(self.source / f"post-{len(self.calls)}.md")])
        return Report(interrupted=should_stop is not None)


def test_a_steady_stream_of_saves_still_finishes_rebuilds(tmp_path):
    from converter.watch import MAX_OVERTAKEN, WatchLoop
    builder = EndlessSaves(tmp_path)
    loop = builder.loop = WatchLoop(builder, on_report=lambda report: None).start()
    try:   # (the changes come from the builder, not from files)
        loop.watcher.add([str(tmp_path / "post-0.md")])
        deadline = time.monotonic() + 10
        while len(builder.calls) < 2 * (MAX_OVERTAKEN + 1) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        loop.stop()
    cycle = [True] * MAX_OVERTAKEN + [False]
    assert builder.calls[:2 * len(cycle)] == cycle * 2
