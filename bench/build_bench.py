#!/usr/bin/env python3
"""Full-build benchmark: converter against Jekyll 4.3.1 on the same generated sites.

    bench/build_bench.py [--sizes 100,1300,5000] [--runs 3] [--skip-jekyll] [--profile]

For each size, makes a site with ../shared/tools/make-bench-site (N documents:
posts plus publications in the tool's 10:3 ratio), builds it `--runs` times
with Jekyll (through ../shared/tools/jekyll-oracle) and with `converter build`,
and prints wall time (min / median), peak memory (sum of the PSS of the build's
process tree, sampled every 20 ms) and documents per second for both, and the
ratio.  Each builder keeps its disk cache between the runs of a size, as it does
by default (Jekyll's .jekyll-cache, converter's .jekyll-cache/converter): the
first run of each ("cold") starts without one and is also shown.  `--profile`
adds converter's per-stage timings for the largest size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EPOCH = "1767225600"


def tree_pss_kib(root_pid: int) -> int:
    """Proportional set size of a process and all its descendants, in KiB.  Children
    are read from /proc/PID/task/TID/children, not by scanning every process: the
    sampler runs beside the build and must take little of the machine from it."""
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            pass
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def timed_run(command: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB) of one command."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_kib(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n"
                         f"{stderr.decode(errors='replace')[-2000:]}")
    return elapsed, peak // 1024


def make_site(dest: Path, documents: int) -> int:
    posts = max(1, round(documents * 10 / 13))
    publications = max(0, documents - posts)
    subprocess.run([sys.executable, str(SHARED / "tools" / "make-bench-site"), str(dest),
                    "--posts", str(posts), "--publications", str(publications)],
                   check=True, stdout=subprocess.DEVNULL)
    return posts + publications


def measure(label: str, command: list[str], runs: int, env: dict, dest: Path) -> dict:
    times, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(dest, ignore_errors=True)
        seconds, peak = timed_run(command, env)
        times.append(seconds)
        peaks.append(peak)
    return {"label": label, "cold": times[0], "min": min(times),
            "median": statistics.median(times), "peak": max(peaks)}


def report(size: int, docs: int, rows: list[dict]) -> None:
    print(f"\n{docs} documents (requested {size}):")
    print(f"  {'builder':<10} {'cold s':>7} {'min s':>7} {'median s':>9} {'peak MiB':>9} "
          f"{'docs/s':>7}")
    for row in rows:
        print(f"  {row['label']:<10} {row['cold']:>7.2f} {row['min']:>7.2f} {row['median']:>9.2f} "
              f"{row['peak']:>9} {docs / row['median']:>7.0f}")
    if len(rows) == 2:
        jekyll, ours = rows
        print(f"  speed-up (Jekyll median / converter median): "
              f"{jekyll['median'] / ours['median']:.1f}x (cold: "
              f"{jekyll['cold'] / ours['cold']:.1f}x); memory ratio "
              f"{ours['peak'] / max(jekyll['peak'], 1):.2f}")


def compile_bytecode() -> None:
    """Write converter's .pyc files first, as `pip install` does: where bytecode writing is
    off (PYTHONDONTWRITEBYTECODE, as on this machine) every run would otherwise compile
    the package's sources again (about 0.1 s), a cost no installed copy pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "converter")],
                   check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--sizes", default="100,1300,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-jekyll", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, TZ="UTC")
    print(f"machine: {os.cpu_count()} cores; converter at {REPO}")
    compile_bytecode()
    medians = {}
    with tempfile.TemporaryDirectory(prefix="converter-bench-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            source, out = Path(tmp) / f"site-{size}", Path(tmp) / f"out-{size}"
            docs = make_site(source, size)
            rows = []
            if not args.skip_jekyll:
                rows.append(measure("jekyll", [str(SHARED / "tools" / "jekyll-oracle"),
                                               str(source), str(out)], args.runs, env, out))
            rows.append(measure("converter", [sys.executable, "-m", "converter", "build",
                                              "-q", "-s", str(source), "-d", str(out)],
                                args.runs, env, out))
            report(size, docs, rows)
            medians[docs] = rows[-1]["median"]
            if args.profile and size == max(int(s) for s in args.sizes.split(",")):
                subprocess.run([sys.executable, "-m", "converter", "build", "--profile",
                                "-s", str(source), "-d", str(out)], env=env)
    sizes = sorted(medians)
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        print(f"\ngrowth: {large / small:.1f}x the documents took "
              f"{medians[large] / medians[small]:.1f}x the time (converter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
