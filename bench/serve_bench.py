#!/usr/bin/env python3
"""How fast a saved edit reaches the destination: converter's watch loop vs Jekyll's.

    python bench/serve_bench.py [--work DIR] [--trials N] [--jekyll-trials N] [--skip-jekyll]

Builds the site from ../shared/tools/make-bench-site (about 1,300 documents),
runs `converter build --watch` on it and, for each kind of edit, saves a file
and measures, from the moment the save returns:
- until the edited post's output file holds the new text ("written"),
- until the rebuild is finished (its "Regenerated N of M files" line),
how many outputs were re-rendered, and how many output files changed (each
edit adds a marker that every true dependent shows, so the two should match). Then runs real Jekyll 4.3.1
(`jekyll build --watch`, the environment of ../shared/tools/jekyll-oracle, with
the fake clock running instead of frozen so that its watcher works) on a copy
of the same site and times the same edits.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT.parent / "shared" / "tools"
EPOCH = "1767225600"
REGENERATED = re.compile(r"(?:Regenerated|Rebuilt everything) ([\d,]+) of ([\d,]+) files in (\d+) ms")
JEKYLL_DONE = re.compile(r"\.\.\.done in ([\d.]+) seconds")


class Watcher:
    """A `--watch` process whose output lines are collected as they come (also used by
    serve_soak.py)."""

    def __init__(self, command: list[str], env: dict, cwd: Path, ready: str | None, log: Path):
        self.process = subprocess.Popen(command, cwd=cwd, env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: list[str] = []
        self.times: list[float] = []   # when each line arrived (time.monotonic)
        self.log = log.open("w", encoding="utf-8")
        threading.Thread(target=self._read, daemon=True).start()
        if ready is not None:
            self.wait_for(re.compile(ready), start=0, timeout=3600)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.times.append(time.monotonic())
            self.lines.append(line.rstrip("\n"))
            self.log.write(line)
            self.log.flush()

    def mark(self) -> int:
        return len(self.lines)

    def wait_for(self, pattern: re.Pattern, start: int, timeout: float = 1800):
        """The first line from `start` on matching `pattern`, and the index after it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = self.lines
            for index in range(start, len(lines)):
                match = pattern.search(lines[index])
                if match:
                    return match, index + 1
            if self.process.poll() is not None:
                raise RuntimeError("watcher exited:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.002)
        raise TimeoutError(f"{pattern.pattern} not seen:\n" + "\n".join(self.lines[-20:]))

    def memory(self) -> dict[str, int]:
        """Rss and Pss in bytes, from smaps_rollup."""
        values = {}
        with open(f"/proc/{self.process.pid}/smaps_rollup") as handle:
            for line in handle:
                parts = line.split()
                if parts and parts[0] in ("Rss:", "Pss:"):
                    values[parts[0][:-1]] = int(parts[1]) * 1024
        return values

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wait_for_text(path: Path, text: str, timeout: float = 1800) -> float:
    """Poll (every millisecond) until `path` contains `text`; return the monotonic time."""
    needle = text.encode()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if needle in path.read_bytes():
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.001)
    raise TimeoutError(f"{text!r} never reached {path}")


def post_output(site: Path, dest: Path, post: Path) -> Path:
    permalink = re.search(r"^permalink: (\S+)", post.read_text(encoding="utf-8"), re.M).group(1)
    return dest / permalink.strip("/") / "index.html"


def save(path: Path, old: str, new: str) -> float:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.monotonic()


def edit_post(site: Path, post: Path, marker: str) -> float:
    return save(post, "\n---\n\n", f"\n---\n\n{marker}\n\n")


def edit_layout(site: Path, marker: str) -> float:
    return save(site / "_layouts/single.html", "{% include base_path %}",
                "{% include base_path %}<!-- " + marker + " -->")


def edit_title(site: Path, post: Path, marker: str) -> float:
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"^title: .*$", f"title: 'Retitled {marker}'", text, count=1,
                           flags=re.M), encoding="utf-8")
    return time.monotonic()


def output_times(dest: Path) -> dict[str, int]:
    return {os.path.join(folder, name): os.stat(os.path.join(folder, name)).st_mtime_ns
            for folder, _, names in os.walk(dest) for name in names}


def changed_outputs(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def edit_include(site: Path, marker: str) -> float:
    return save(site / "_includes/archive-single.html", "{% include base_path %}",
                "{% include base_path %}<!-- " + marker + " -->")


def converter_trials(site: Path, dest: Path, post: Path, trials: int) -> dict:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONUNBUFFERED="1")
    started = time.monotonic()
    watcher = Watcher([sys.executable, "-m", "converter", "build", "--watch", "-s", str(site),
                       "-d", str(dest)], env, ROOT, ready=r"Auto-regeneration",
                      log=dest.parent / "converter-watch.log")
    results = {"initial build s": time.monotonic() - started}
    output = post_output(site, dest, post)
    archive = dest / "year-archive" / "index.html"
    kinds = [("post", trials, lambda m: edit_post(site, post, m), output),
             ("title", max(1, trials // 3), lambda m: edit_title(site, post, m), output),
             ("layout", max(1, trials // 3), lambda m: edit_layout(site, m), output),
             ("include", max(1, trials // 3), lambda m: edit_include(site, m), archive)]
    try:
        for kind, count, apply, target in kinds:
            rows = []
            for n in range(count):
                marker = f"bench-{kind}-{n}-{time.time_ns()}"
                mark = watcher.mark()
                before = output_times(dest)
                saved = apply(marker)
                written = wait_for_text(target, marker)
                done, _ = watcher.wait_for(REGENERATED, start=mark, timeout=600)
                finished = time.monotonic()
                rows.append({"changed": changed_outputs(before, output_times(dest)),
                             "written ms": (written - saved) * 1000,
                             "finished ms": (finished - saved) * 1000,
                             "reported ms": int(done.group(3)),
                             "rendered": int(done.group(1).replace(",", "")),
                             "total": int(done.group(2).replace(",", ""))})
                time.sleep(0.3)
            results[kind] = rows
    finally:
        watcher.stop()
    return results


def jekyll_trials(site: Path, dest: Path, post: Path, trials: int) -> dict:
    lib = next(Path("/usr/lib").glob("*/faketime/libfaketimeMT.so.1"), None)
    env = dict(os.environ, TZ="UTC", JEKYLL_NO_BUNDLER_REQUIRE="true",
               BUNDLE_GEMFILE="/nonexistent", RUBYLIB=str(TOOLS / "jemoji-standin"))
    if lib is not None:   # "@": the fake clock starts at the epoch and runs
        env.update(LD_PRELOAD=str(lib), FAKETIME="@2026-01-01 00:00:00")
    started = time.monotonic()
    watcher = Watcher(["jekyll", "build", "--watch", "--source", str(site), "--destination",
                       str(dest)], env, site, ready=r"Auto-regeneration: enabled",
                      log=dest.parent / "jekyll-watch.log")
    results = {"initial build s": time.monotonic() - started}
    output = post_output(site, dest, post)
    try:
        for kind, apply in (("post", lambda m: edit_post(site, post, m)),
                            ("layout", lambda m: edit_layout(site, m))):
            rows = []
            for n in range(trials):
                marker = f"bench-{kind}-{n}-{time.time_ns()}"
                mark = watcher.mark()
                saved = apply(marker)
                written = wait_for_text(output, marker)
                done, _ = watcher.wait_for(JEKYLL_DONE, start=mark)
                rows.append({"written ms": (written - saved) * 1000,
                             "finished ms": (time.monotonic() - saved) * 1000,
                             "reported ms": float(done.group(1)) * 1000,
                             "rendered": "all", "total": "all"})
                time.sleep(1)
            results[kind] = rows
    finally:
        watcher.stop()
    return results


def summary(name: str, results: dict) -> None:
    print(f"\n{name}: initial build {results['initial build s']:.1f} s")
    for kind in ("post", "title", "layout", "include"):
        rows = results.get(kind)
        if not rows:
            continue
        written = [r["written ms"] for r in rows]
        finished = [r["finished ms"] for r in rows]
        reported = [r["reported ms"] for r in rows]
        rendered = sorted({str(r["rendered"]) for r in rows})
        changed = sorted({str(r["changed"]) for r in rows if "changed" in r})
        print(f"  {kind:8} edit: output written in {statistics.median(written):8.0f} ms median "
              f"(min {min(written):.0f}, max {max(written):.0f}, n={len(rows)}); "
              f"rebuild finished in {statistics.median(finished):8.0f} ms "
              f"(its own report: {statistics.median(reported):.0f} ms); "
              f"re-rendered {'/'.join(rendered)} of {rows[0]['total']}"
              + (f", output files changed {'/'.join(changed)}" if changed else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temp one)")
    parser.add_argument("--trials", type=int, default=9, help="post edits timed for converter")
    parser.add_argument("--jekyll-trials", type=int, default=1, help="edits of each kind for Jekyll")
    parser.add_argument("--skip-jekyll", action="store_true")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="serve-bench-"))
    site = work / "site"
    if not site.is_dir():
        subprocess.run([sys.executable, str(TOOLS / "make-bench-site"), str(site)], check=True,
                       stdout=subprocess.DEVNULL)
    post = sorted((site / "_posts").glob("*bench-post-5*.md"))[0]
    print(f"site: {site} ({sum(1 for _ in site.rglob('*.md'))} Markdown files); edited post: {post.name}")
    ours = converter_trials(site, work / "converter-out", post, args.trials)
    summary("converter build --watch", ours)
    if not args.skip_jekyll and shutil.which("jekyll"):
        jekyll_site = work / "jekyll-site"
        shutil.rmtree(jekyll_site, ignore_errors=True)
        shutil.copytree(site, jekyll_site)
        theirs = jekyll_trials(jekyll_site, work / "jekyll-out",
                               jekyll_site / "_posts" / post.name, args.jekyll_trials)
        summary("jekyll build --watch (Jekyll 4.3.1)", theirs)
    elif not args.skip_jekyll:
        print("\njekyll not installed: ../shared/tools/jekyll-oracle installs it (apt, as root)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
