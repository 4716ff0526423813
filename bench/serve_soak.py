#!/usr/bin/env python3
"""Soak test of `converter serve`: many scripted edits, memory, correctness.

    python bench/serve_soak.py [--mode rapid|paced] [--edits 1000] [--checkpoint 100]
                               [--work DIR] [--site /tmp/bench-site] [--seed 1]

Copies the bench site (../shared/tools/make-bench-site, about 1,300 documents),
runs `converter serve` on it (live reload on, a free port) and saves files:
mostly post body edits, some post front matter edits, include, layout and data
edits, new and deleted posts, and bursts of saves in quick succession.

- rapid (the default): saves follow each other 0-200 ms apart without waiting
  for rebuilds, as in a fast editing session; the server coalesces them and
  drops rebuilds that newer saves overtake. Meanwhile one client holds the
  live-reload event stream open and another fetches pages every 50 ms. Every
  --checkpoint edits the script lets the server finish, checks over HTTP that
  the last saves are served, then saves one include (the same edit each time,
  which re-renders most pages), waits for that rebuild and reads the process's
  memory: the checkpoints are the same state, so their readings are comparable.
- paced: each save waits for its rebuild; prints per-kind rebuild times.

At the end the destination is compared with a clean `converter build` of the
final sources (../shared/tools/site-diff), with serve's local site.url.
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
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

# this folder: the same process driver, output lookup and polling
from serve_bench import Watcher, post_output, wait_for_text

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
        self.pristine = dict(self.originals)
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

    def restore(self) -> None:
        """Every edited file back as it was, every new post gone."""
        for post, text in self.pristine.items():
            post.write_text(text, encoding="utf-8")
        self.originals = dict(self.pristine)
        for rel, text in self.file_originals.items():
            (self.root / rel).write_text(text, encoding="utf-8")
        for post in list(self.created):
            self.delete_post(post)

    def delete_post(self, path: Path) -> None:
        self.created.remove(path)
        path.unlink()


def choose_kinds(edits: int, rng: random.Random) -> list[str]:
    kinds = []
    for kind, share in WEIGHTS.items():
        if kind != "post":
            kinds += [kind] * max(1, round(edits * share))
    kinds += ["post"] * max(0, edits - len(kinds))
    kinds = kinds[:edits]
    rng.shuffle(kinds)
    return kinds


def mib(n: int) -> str:
    return f"{n / 2**20:7.1f} MiB"


def apply_edit(site: Site, kind: str, dest: Path) -> list[tuple[Path, str | None]]:
    """Save one edit of `kind`; returns (output file, text it must hold once built, or
    None if it must be gone) for each output the edit names, the last saved last."""
    rng = site.rng
    marker = site.marker(kind)
    if kind in ("post", "post-fm"):
        post = rng.choice(site.pool)
        (site.edit_post if kind == "post" else site.edit_post_front)(post, marker)
        return [(post_output(site.root, dest, post), marker)]
    if kind in ("include", "layout"):
        site.edit_template(rng.choice(site.includes if kind == "include" else site.layouts), marker)
    elif kind == "data":
        site.edit_data(rng.choice(site.data), marker)
    elif kind == "delete" and site.created:
        post = site.created[rng.randrange(len(site.created))]
        output = post_output(site.root, dest, post)
        site.delete_post(post)
        return [(output, None)]
    elif kind in ("new", "delete"):
        post = site.new_post(marker)
        return [(post_output(site.root, dest, post), marker)]
    elif kind == "burst":
        checks = []
        for n in range(rng.randint(2, 4)):
            post = rng.choice(site.pool)
            site.edit_post(post, f"{marker}-{n}")
            checks.append((post_output(site.root, dest, post), f"{marker}-{n}"))
            time.sleep(rng.choice((0.0, 0.002, 0.01, 0.03)))
        return checks
    return []


class Clients:
    """A browser's load on the server: one client holds the live-reload event
    stream, another fetches pages (HTML with the injected script, CSS, a 404)."""

    def __init__(self, url: str, paths: list[str]):
        self.url = url.rstrip("/")
        self.events_url = re.match(r"https?://[^/]+", url).group(0) + "/__converter/events"
        self.paths = paths
        self.stopping = threading.Event()
        self.events = 0
        self.stream_errors: list[str] = []
        self.requests = 0
        self.failures: list[str] = []
        self.threads = [threading.Thread(target=self._stream, daemon=True),
                        threading.Thread(target=self._fetch, daemon=True)]
        for thread in self.threads:
            thread.start()

    def _stream(self) -> None:
        while not self.stopping.is_set():
            try:
                with urllib.request.urlopen(self.events_url, timeout=60) as reply:
                    for line in reply:
                        if line.startswith(b"event: state"):
                            self.events += 1
                        if self.stopping.is_set():
                            return
            except (OSError, urllib.error.URLError) as exc:
                if not self.stopping.is_set():
                    self.stream_errors.append(repr(exc))
                    time.sleep(0.5)

    def _fetch(self) -> None:
        rng = random.Random(7)
        while not self.stopping.wait(0.05):
            path = rng.choice(self.paths)
            try:
                with urllib.request.urlopen(self.url + path, timeout=30) as reply:
                    body = reply.read()
                    if path.endswith("/") and b"/__converter/livereload.js" not in body:
                        self.failures.append(f"{path}: no live-reload script")
            except urllib.error.HTTPError as exc:
                if not (exc.code == 404 and "missing" in path):
                    self.failures.append(f"{path}: HTTP {exc.code}")
            except OSError as exc:
                self.failures.append(f"{path}: {exc!r}")
            self.requests += 1

    def stop(self) -> None:
        self.stopping.set()


def wait_settled(watcher: Watcher, saved: float, quiet: float = 1.5, timeout: float = 900) -> None:
    """Wait until a rebuild that started after `saved` (a time.monotonic()) finished,
    nothing else was reported after it, and nothing was printed for `quiet` seconds.
    (A rebuild's start is its line's arrival minus the time the line reports.)"""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = len(watcher.times)
        lines, times = watcher.lines[:count], watcher.times[:count]
        last = next((i for i in range(count - 1, -1, -1)
                     if REGENERATED.search(lines[i]) or INTERRUPTED.search(lines[i])), None)
        if last is not None:
            match = REGENERATED.search(lines[last])
            if match and times[last] - int(match.group(3)) / 1000 > saved and \
                    time.monotonic() - times[-1] >= quiet:
                return
        time.sleep(0.05)
    raise TimeoutError("the server never settled")


def rapid(args, site: Site, kinds: list[str], watcher: Watcher, dest: Path,
          clients: Clients) -> dict:
    rng = random.Random(args.seed + 1)
    checkpoints: list[tuple[int, dict]] = []
    stale: list[str] = []
    pending: dict[Path, str] = {}   # output -> the text its latest save must show

    def unbuilt() -> list[str]:
        return [f"{output} {'is still there' if text is None else 'lacks ' + text}"
                for output, text in pending.items()
                if (output.exists() if text is None else
                    text.encode() not in (output.read_bytes() if output.exists() else b""))]

    def checkpoint(number: int, label: str = "") -> None:
        if number:   # (the first build prints no "Regenerated" line: it is settled)
            wait_settled(watcher, last_save)
        for attempt in range(3):   # every save is built (a late one: wait a little more)
            missing = unbuilt()
            if not missing or attempt == 2:
                break
            wait_settled(watcher, last_save, quiet=3.0)
        stale.extend(f"after {number} edits: {m}" for m in missing)
        pending.clear()
        site.edit_template("_includes/footer.html", f"checkpoint-{number}{label}")
        wait_settled(watcher, time.monotonic())
        time.sleep(1.0)
        checkpoints.append((f"{number}{label}", watcher.memory()))
        print(f"  {number:5} edits{label}: Pss {mib(checkpoints[-1][1]['Pss'])}, "
              f"Rss {mib(checkpoints[-1][1]['Rss'])}; {clients.requests} requests, "
              f"{clients.events} reload events", flush=True)

    last_save = 0.0
    checkpoint(0)
    started = time.monotonic()
    for number, kind in enumerate(kinds, 1):
        pending.update(apply_edit(site, kind, dest))
        last_save = time.monotonic()
        if watcher.process.poll() is not None:
            raise RuntimeError("the server exited")
        time.sleep(rng.choice((0.0, 0.005, 0.02, 0.05, 0.1, 0.2)))
        if number % args.checkpoint == 0 or number == len(kinds):
            checkpoint(number)
    # The sources as they were at the start: the server should hold what it held then.
    site.restore()
    last_save = time.monotonic()
    checkpoint(len(kinds), ", restored")
    return {"checkpoints": checkpoints, "stale": stale,
            "edit seconds": time.monotonic() - started}


def paced(args, site: Site, kinds: list[str], watcher: Watcher, dest: Path) -> dict:
    samples = [(0, watcher.memory())]
    rows: dict[str, list[dict]] = {k: [] for k in WEIGHTS}
    for number, kind in enumerate(kinds, 1):
        mark = watcher.mark()
        checks = apply_edit(site, kind, dest)
        check = checks[-1] if checks else None
        saved = time.monotonic()
        written = None
        if kind == "post":   # the edited post's own output: the "written" time
            written = (wait_for_text(*check, timeout=600) - saved) * 1000
        match, position = watcher.wait_for(REGENERATED, mark)
        if check is not None and check[1] is not None:   # a burst may take more than one rebuild
            while check[1].encode() not in (check[0].read_bytes() if check[0].exists() else b""):
                match, position = watcher.wait_for(REGENERATED, position)
        rows[kind].append({"finished ms": (time.monotonic() - saved) * 1000, "written ms": written,
                           "reported ms": int(match.group(3)),
                           "rendered": int(match.group(1).replace(",", ""))})
        samples.append((number, watcher.memory()))
        if number % 50 == 0:
            print(f"  {number:5} edits: Rss {mib(samples[-1][1]['Rss'])}, "
                  f"Pss {mib(samples[-1][1]['Pss'])}", flush=True)
        if args.pause:
            time.sleep(args.pause)
    return {"samples": samples, "rows": rows}


def report_paced(result: dict) -> None:
    samples = result["samples"]
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
    for kind, kind_rows in result["rows"].items():
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


def report_rapid(result: dict, watcher: Watcher, clients: Clients) -> list[str]:
    """Prints the rapid run's figures; returns its failures."""
    points = result["checkpoints"]
    print(f"saves took {result['edit seconds']:.0f} s; rebuilds finished "
          f"{sum(1 for line in watcher.lines if REGENERATED.search(line))}, overtaken by newer "
          f"saves {sum(1 for line in watcher.lines if INTERRUPTED.search(line))}")
    print(f"HTTP: {clients.requests} requests, {len(clients.failures)} failed; live-reload "
          f"events {clients.events}, stream errors {len(clients.stream_errors)}")
    print("memory at the checkpoints (after the same include save):")
    for label, sample in points:
        print(f"  {label:>5} edits: Pss {mib(sample['Pss'])}, Rss {mib(sample['Rss'])}")
    if len(points) > 3:
        edited = points[1:-1]
        growth = edited[-1][1]["Pss"] - edited[0][1]["Pss"]
        print(f"growth from {edited[0][0]} edits to {edited[-1][0]}: {growth / 2**20:+.1f} MiB "
              f"Pss; range of those checkpoints: "
              f"{min(p[1]['Pss'] for p in edited) / 2**20:.1f}-"
              f"{max(p[1]['Pss'] for p in edited) / 2**20:.1f} MiB")
    same = points[-1][1]["Pss"] - points[0][1]["Pss"]
    print(f"same sources as at the start (every edit undone): {same / 2**20:+.1f} MiB Pss "
          f"against the start")
    return result["stale"] + clients.failures + clients.stream_errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--mode", choices=("rapid", "paced"), default="rapid")
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--checkpoint", type=int, default=100, help="rapid: edits between checkpoints")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: temp)")
    parser.add_argument("--site", type=Path, default=Path("/tmp/bench-site"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause", type=float, default=0.0, help="paced: seconds between edits")
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
    print(f"work: {work}; {args.mode}, {args.edits} edits: "
          + ", ".join(f"{k} {kinds.count(k)}" for k in WEIGHTS), flush=True)
    started = time.monotonic()
    watcher = Watcher([sys.executable, "-m", "converter", "serve", "-s", str(site_dir),
                       "-d", str(dest), "-H", "127.0.0.1", "--port", "0"], env, ROOT, None,
                      work / "serve.log")
    match, _ = watcher.wait_for(re.compile(r"Server address:\s+(\S+)"), 0, timeout=3600)
    url = match.group(1)
    port = int(re.search(r":(\d+)/", url).group(1))
    print(f"initial build: {time.monotonic() - started:.1f} s; serving {url}", flush=True)
    time.sleep(0.5)
    crash, failures, clients = None, [], None
    try:
        if args.mode == "rapid":
            posts = [post_output(site.root, Path(""), p).parent.as_posix() + "/" for p in site.pool[:5]]
            clients = Clients(url, ["/", "/year-archive/", "/assets/css/main.css", "/missing-page/"]
                              + ["/" + p for p in posts])
            result = rapid(args, site, kinds, watcher, dest, clients)
        else:
            result = paced(args, site, kinds, watcher, dest)
        time.sleep(1.0)   # anything still queued
        if watcher.process.poll() is not None:
            raise RuntimeError("the server exited")
    except Exception as exc:
        crash = f"{type(exc).__name__}: {exc}"
    finally:
        if clients is not None:
            clients.stop()
        watcher.stop()
    print()
    if crash is None:
        if args.mode == "rapid":
            failures = report_rapid(result, watcher, clients)
        else:
            report_paced(result)
    errors = [line for line in watcher.lines if ERROR.search(line)]
    print(f"\ncrash: {crash or 'none'}")
    print(f"error lines: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:10]))
    print(f"failures: {len(failures)}" + "".join(f"\n  {f}" for f in failures[:10]))
    # serve points site.url at the local server (as Jekyll's does): the clean build too
    url_config = work / "serve-url.yml"
    url_config.write_text(f"url: http://localhost:{port}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "converter", "build", "-q", "-s", str(site_dir),
                    "-d", str(ref), "--config", f"{site_dir / '_config.yml'},{url_config}"],
                   cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), check=True)
    diff = subprocess.run([sys.executable, str(TOOLS / "site-diff"), str(ref), str(dest)],
                          text=True, capture_output=True)
    print("\nsite-diff (clean build vs served destination):")
    print(diff.stdout.strip()[-3000:] or diff.stderr.strip()[-3000:])
    return 1 if crash or errors or failures or diff.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
