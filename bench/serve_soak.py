#!/usr/bin/env python3
"""Soak test of the watch loop: many rapid scripted edits, memory, correctness.

    python bench/serve_soak.py [--edits 1000] [--work DIR] [--site /tmp/bench-site] [--seed 1]

Copies the bench site (../shared/tools/make-bench-site, about 1,300 documents),
runs `converter build --watch` on it and saves files one edit at a time, each
waiting for its rebuild ("Regenerated N of M files in T ms") before the next:
mostly post body edits, some post front matter edits, include, layout and data
edits, new and deleted posts, and bursts of saves in quick succession. The
process's RSS/PSS (/proc/PID/smaps_rollup) is sampled after every rebuild. At the
end the destination is compared with a clean `converter build` of the final
sources (../shared/tools/site-diff).

Prints memory after the first build, after 100 edits and at the end, the median
rebuild time per edit kind, and any crash or error line.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serve_bench import Watcher  # this folder: the same --watch process driver

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT.parent / "shared" / "tools"
EPOCH = "1767225600"
REGENERATED = re.compile(r"(?:Regenerated|Rebuilt everything) ([\d,]+) of ([\d,]+) files in (\d+) ms")
INTERRUPTED = re.compile(r"Newer changes arrived")
ERROR = re.compile(r"^\s*Error:|Traceback")

# Edit kinds and their share of the edits (the rest are post body edits).
WEIGHTS = {"post": 0.80, "post-fm": 0.05, "include": 0.03, "layout": 0.015, "data": 0.01,
           "new": 0.03, "delete": 0.03, "burst": 0.035}


class Site:
    """The edited copy: knows its posts and makes each kind of edit."""

    def __init__(self, root: Path, rng: random.Random):
        self.root = root
        self.rng = rng
        posts = sorted((root / "_posts").glob("*bench-post-*.md"))
        self.pool = [p for p in posts if p.read_text(encoding="utf-8").count("\n---\n") >= 1][:40]
        self.originals = {p: p.read_text(encoding="utf-8") for p in self.pool}
        self.created: list[Path] = []
        self.counter = 0
        self.layouts = ["_layouts/talk.html", "_layouts/single.html"]
        self.includes = ["_includes/archive-single.html", "_includes/footer.html",
                         "_includes/read-time.html"]
        self.data = ["_data/navigation.yml"]
        self.file_originals: dict[str, str] = {}

    def marker(self, kind: str) -> str:
        self.counter += 1
        return f"soak-{kind}-{self.counter}"

    def permalink_output(self, post: Path, dest: Path) -> Path:
        link = re.search(r"^permalink: (\S+)", post.read_text(encoding="utf-8"), re.M).group(1)
        return dest / link.strip("/") / "index.html"

    def edit_post(self, post: Path, marker: str) -> None:
        text = self.originals[post]
        front_end = text.index("\n---\n", 4) + 5
        post.write_text(text[:front_end] + f"\n{marker}\n" + text[front_end:], encoding="utf-8")

    def edit_post_front(self, post: Path, marker: str) -> None:
        text = self.originals[post]
        text = re.sub(r"^title: .*$", f"title: 'Retitled {marker}'", text, count=1, flags=re.M)
        post.write_text(text, encoding="utf-8")
        self.originals[post] = text

    def edit_template(self, rel: str, marker: str) -> None:
        path = self.root / rel
        original = self.file_originals.setdefault(rel, path.read_text(encoding="utf-8"))
        if "{% include base_path %}" in original:
            text = original.replace("{% include base_path %}",
                                    "{% include base_path %}<!-- " + marker + " -->", 1)
        else:
            text = original + f"\n<!-- {marker} -->\n"
        path.write_text(text, encoding="utf-8")

    def edit_data(self, rel: str, marker: str) -> None:
        path = self.root / rel
        original = self.file_originals.setdefault(rel, path.read_text(encoding="utf-8"))
        path.write_text(original + f"\n# {marker}\n", encoding="utf-8")

    def new_post(self, marker: str) -> Path:
        n = self.counter
        path = self.root / "_posts" / f"2001-02-{1 + n % 28:02d}-soak-{n}.md"
        path.write_text(f"---\ntitle: 'Soak post {n}'\ndate: 2001-02-{1 + n % 28:02d}\n"
                        f"permalink: /posts/soak/{n}/\ntags:\n  - soak\n  - decoding\n---\n\n"
                        f"A new post {marker}, with *emphasis* and `code`.\n", encoding="utf-8")
        self.created.append(path)
        return path

    def delete_post(self) -> Path | None:
        if not self.created:
            return None
        path = self.created.pop(self.rng.randrange(len(self.created)))
        path.unlink()
        return path


def choose_kinds(edits: int, rng: random.Random) -> list[str]:
    kinds = []
    for kind, share in WEIGHTS.items():
        if kind != "post":
            kinds += [kind] * max(1, round(edits * share))
    kinds += ["post"] * max(0, edits - len(kinds))
    kinds = kinds[:edits]
    rng.shuffle(kinds)
    return kinds


def wait_for_text(path: Path, text: str, timeout: float = 600) -> float:
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


def mib(n: int) -> str:
    return f"{n / 2**20:7.1f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: temp)")
    parser.add_argument("--site", type=Path, default=Path("/tmp/bench-site"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between edits")
    parser.add_argument("--memory-csv", type=Path, default=None, help="write every sample here")
    args = parser.parse_args()
    if not args.site.is_dir():
        subprocess.run([sys.executable, str(TOOLS / "make-bench-site"), str(args.site)],
                       check=True, stdout=subprocess.DEVNULL)
    work = args.work or Path(tempfile.mkdtemp(prefix="serve-soak-"))
    site_dir, dest, ref = work / "site", work / "out", work / "ref"
    for folder in (site_dir, dest, ref):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(args.site, site_dir, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "_site", ".jekyll-cache"))
    rng = random.Random(args.seed)
    site = Site(site_dir, rng)
    kinds = choose_kinds(args.edits, rng)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONUNBUFFERED="1")
    print(f"work: {work}; {args.edits} edits: "
          + ", ".join(f"{k} {kinds.count(k)}" for k in WEIGHTS), flush=True)
    started = time.monotonic()
    watcher = Watcher([sys.executable, "-m", "converter", "build", "--watch", "-s", str(site_dir),
                       "-d", str(dest)], env, ROOT, None, work / "watch.log")
    _, position = watcher.wait_for(re.compile("Auto-regeneration"), 0, timeout=3600)
    print(f"initial build: {time.monotonic() - started:.1f} s", flush=True)
    time.sleep(0.5)
    samples = [(0, watcher.memory())]
    rows: dict[str, list[dict]] = {k: [] for k in WEIGHTS}
    crash = None
    errors: list[str] = []
    try:
        for number, kind in enumerate(kinds, 1):
            marker = site.marker(kind)
            mark = watcher.mark()
            check = None   # (file, text) the output must hold once the rebuild is done
            if kind == "post":
                post = rng.choice(site.pool)
                site.edit_post(post, marker)
                check = (site.permalink_output(post, dest), marker)
            elif kind == "post-fm":
                post = rng.choice(site.pool)
                site.edit_post_front(post, marker)
                check = (site.permalink_output(post, dest), marker)
            elif kind == "include":
                site.edit_template(rng.choice(site.includes), marker)
            elif kind == "layout":
                site.edit_template(rng.choice(site.layouts), marker)
            elif kind == "data":
                site.edit_data(rng.choice(site.data), marker)
            elif kind == "new":
                post = site.new_post(marker)
                check = (site.permalink_output(post, dest), marker)
            elif kind == "delete":
                if site.delete_post() is None:
                    post = site.new_post(marker)
                    check = (site.permalink_output(post, dest), marker)
            elif kind == "burst":
                for n in range(rng.randint(2, 4)):
                    post = rng.choice(site.pool)
                    site.edit_post(post, f"{marker}-{n}")
                    time.sleep(rng.choice((0.0, 0.002, 0.01, 0.03)))
                check = (site.permalink_output(post, dest), f"{marker}-{n}")
            saved = time.monotonic()
            written = None
            if kind == "post":   # the edited post's own output: the "written" time
                written = (wait_for_text(*check) - saved) * 1000
            match, position = watcher.wait_for(REGENERATED, mark)
            if check is not None:   # a burst may take more than one rebuild
                while check[1].encode() not in (check[0].read_bytes() if check[0].exists() else b""):
                    match, position = watcher.wait_for(REGENERATED, position)
            finished = time.monotonic()
            rows[kind].append({"finished ms": (finished - saved) * 1000, "written ms": written,
                               "reported ms": int(match.group(3)),
                               "rendered": int(match.group(1).replace(",", ""))})
            errors += [line for line in watcher.lines[mark:position] if ERROR.search(line)]
            samples.append((number, watcher.memory()))
            if number % 50 == 0:
                print(f"  {number:5} edits: Rss {mib(samples[-1][1]['Rss'])}, "
                      f"Pss {mib(samples[-1][1]['Pss'])}", flush=True)
            if args.pause:
                time.sleep(args.pause)
        time.sleep(1.0)   # anything still queued
        if watcher.process.poll() is not None:
            raise RuntimeError("watcher exited")
    except Exception as exc:
        crash = f"{type(exc).__name__}: {exc}"
    finally:
        watcher.stop()
    print()
    if args.memory_csv:
        with args.memory_csv.open("w") as handle:
            handle.write("edits,rss,pss\n")
            for number, sample in samples:
                handle.write(f"{number},{sample['Rss']},{sample['Pss']}\n")
    by_number = dict(samples)
    for label, number in (("after the first build", 0), ("after 100 edits", 100),
                          ("at the end", samples[-1][0])):
        if number in by_number:
            sample = by_number[number]
            print(f"memory {label:22} ({number:4} edits): Rss {mib(sample['Rss'])}, "
                  f"Pss {mib(sample['Pss'])}")
    if 100 in by_number and samples[-1][0] > 100:
        growth = samples[-1][1]["Pss"] - by_number[100]["Pss"]
        print(f"growth from 100 edits to the end: {growth / 2**20:+.1f} MiB Pss "
              f"({growth / 1024 / (samples[-1][0] - 100):+.1f} KiB per edit)")
    print("\nrebuild time per edit kind (save -> 'Regenerated' line):")
    for kind, kind_rows in rows.items():
        if not kind_rows:
            continue
        finished = [r["finished ms"] for r in kind_rows]
        reported = [r["reported ms"] for r in kind_rows]
        rendered = [r["rendered"] for r in kind_rows]
        print(f"  {kind:8} n={len(kind_rows):4}: median {statistics.median(finished):7.0f} ms "
              f"(reported {statistics.median(reported):6.0f} ms, max {max(finished):6.0f} ms), "
              f"re-rendered median {statistics.median(rendered):.0f} "
              f"(min {min(rendered)}, max {max(rendered)})")
        written = [r["written ms"] for r in kind_rows if r["written ms"] is not None]
        if written:
            print(f"  {'':8}         the edited post's output written: median "
                  f"{statistics.median(written):.0f} ms (max {max(written):.0f} ms)")
    print(f"\ncrash: {crash or 'none'}")
    print(f"error lines: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:10]))
    subprocess.run([sys.executable, "-m", "converter", "build", "-q", "-s", str(site_dir),
                    "-d", str(ref)], cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
                   check=True)
    diff = subprocess.run([sys.executable, str(TOOLS / "site-diff"), str(ref), str(dest)],
                          text=True, capture_output=True)
    print("\nsite-diff (clean build vs watched destination):")
    print(diff.stdout.strip()[-3000:] or diff.stderr.strip()[-3000:])
    return 1 if crash or errors or diff.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
