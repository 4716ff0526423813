#!/usr/bin/env python3
"""Pages per second: our kramdown port vs real kramdown (Ruby), same corpus, one run.

    python bench/markdown_bench.py [--rounds N]

Corpus: every Markdown case of tests/markdown (rule cases, ../shared/sites,
../shared/seeds). Each side converts the whole corpus ``rounds`` times with
Jekyll's kramdown options, timing only the conversions (no process start-up).
Times are CPU time of the converting process (less sensitive to other load on
the machine than wall time); runs alternate and each side keeps its best.

    python bench/markdown_bench.py --inputs FILE.json [--rounds N]

times ours alone on a JSON list of converter inputs (e.g. every string a build
passes to the converter), by input size, cache off: where the Markdown time of
a real build goes. Notes from the 1,300-document benchmark site (15,942 inputs,
CPU s, best of 4 alternating runs of 5 rounds, 2 shared cores): before -> after
the Markdown speed-ups of Nov 2026 (one-line plain paragraphs skip the pipeline;
raw HTML bodies found by one regex search with remembered attribute lists, pure
raw subtrees skipped by update_tree and written in one loop; the collector paused
during a conversion; the Rouge step loop inlined; fewer calls per element in
update_tree, update_elements and the converter):
    <100 chars (13,817 titles/excerpts)  0.448 -> 0.141
    100-1000 (1,104)                     0.033 -> 0.004
    1-10 KB (1,014 post bodies)          0.631 -> 0.581  (instructions -6.7%)
    10-100 KB (5)                        0.042 -> 0.035
    >100 KB (2 HTML-heavy listings)      0.308 -> 0.134
    total                                1.470 -> 0.896
Post bodies are the most of it now and their time is spread thinly (block and
span rules, tree passes, HTML writing, Rouge lexing each a few per cent). Timings
on a shared machine vary by +-5%; `valgrind --tool=callgrind` instruction counts
of one round (minus a run without it) are steadier for small changes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "markdown"))
sys.path.insert(0, str(REPO))

from corpus import all_cases, strip_front_matter, without_liquid  # noqa: E402

from converter.markdown import KramdownConverter  # noqa: E402

RUBY_BENCH = r"""
require 'json'
require 'kramdown'
require 'kramdown-parser-gfm'
require 'jekyll'
texts, rounds = JSON.parse($stdin.read).values_at('texts', 'rounds')
config = {'kramdown' => JSON.parse(JSON.generate(Jekyll::Configuration::DEFAULTS['kramdown'])),
          'highlighter' => 'rouge'}
parser = Jekyll::Converters::Markdown::KramdownParser.new(config)
texts.each { |t| parser.convert(t) } # warm-up, like ours
start = Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID)
rounds.times { texts.each { |t| parser.convert(t) } }
puts Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID) - start
"""


def site_texts(site: str) -> list[str]:
    """Bodies of a site's Markdown files, Liquid paragraphs removed (as in the corpus)."""
    paths = sorted(p for p in Path(site).rglob("*") if p.suffix in (".md", ".markdown") and "_site" not in p.parts)
    return [without_liquid(strip_front_matter(p.read_text(encoding="utf-8", errors="replace"))) for p in paths]


def bench_ours(texts: list[str], rounds: int) -> float:
    converter = KramdownConverter(cache_size=0)  # kramdown's side has no cache either
    for text in texts:
        converter.convert(text)
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            converter.convert(text)
    return time.process_time() - start


def bench_kramdown(texts: list[str], rounds: int) -> float:
    proc = subprocess.run(["ruby", "-e", RUBY_BENCH], input=json.dumps({"texts": texts, "rounds": rounds}),
                          capture_output=True, text=True, check=True)
    return float(proc.stdout.strip().splitlines()[-1])


SIZE_CLASSES = ((100, "<100"), (1000, "100-1000"), (10_000, "1-10 KB"), (100_000, "10-100 KB"), (None, ">100 KB"))


def bench_inputs(path: str, rounds: int) -> int:
    """Ours alone on a JSON list of inputs, CPU time per size class (best of ``rounds``)."""
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    classes: dict[str, list[str]] = {}
    for text in texts:
        name = next(name for limit, name in SIZE_CLASSES if limit is None or len(text) < limit)
        classes.setdefault(name, []).append(text)
    converter = KramdownConverter(cache_size=0)
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, group in classes.items():
            start = time.process_time()
            for text in group:
                converter.convert(text)
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
    for _, name in SIZE_CLASSES:
        if name in best:
            print(f"{name:>10}: {len(classes[name]):6d} inputs {best[name]:7.3f} s")
    print(f"{'total':>10}: {len(texts):6d} inputs {sum(best.values()):7.3f} s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--inputs", default=None, help="time ours on a JSON list of inputs, by size (see above)")
    ap.add_argument("--repeat", type=int, default=3, help="alternate runs; the best time of each side counts")
    ap.add_argument("--site", default=None,
                    help="use the Markdown files of this site (e.g. one made by ../shared/tools/make-bench-site) "
                         "instead of the test corpus")
    args = ap.parse_args()
    if args.inputs:
        return bench_inputs(args.inputs, args.rounds)
    texts = site_texts(args.site) if args.site else [case.text for case in all_cases()]
    pages = len(texts) * args.rounds
    size_kb = sum(len(t.encode()) for t in texts) / 1024
    print(f"corpus: {len(texts)} documents ({size_kb:.0f} KiB), {args.rounds} rounds")
    ours_times, theirs_times = [], []
    for _ in range(args.repeat):  # alternate so machine load affects both sides alike
        ours_times.append(bench_ours(texts, args.rounds))
        try:
            theirs_times.append(bench_kramdown(texts, args.rounds))
        except (OSError, subprocess.CalledProcessError) as err:
            print(f"kramdown (Ruby): unavailable ({err})")
    ours = min(ours_times)
    print(f"ours (Python, mistune + kramdown rules): {pages / ours:8.1f} pages/s  ({ours:.2f} s, "
          f"{1000 * ours / pages:.3f} ms/page)")
    if not theirs_times:
        return 0
    theirs = min(theirs_times)
    print(f"kramdown 2.4 (Ruby):                     {pages / theirs:8.1f} pages/s  ({theirs:.2f} s, "
          f"{1000 * theirs / pages:.3f} ms/page)")
    print(f"ratio: ours is {theirs / ours:.2f}x kramdown's speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
