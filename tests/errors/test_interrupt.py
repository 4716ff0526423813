"""A build killed midway (SIGTERM, sometimes Ctrl-C, at random moments, many times) leaves the destination
either the old complete site or the new complete site, and no staging folder behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from converter import writer

from .helpers import EPOCH, tree, write_files

RUNS = 30
PAGES = 120


def site_files(version: int) -> dict:
    files = {"_config.yml": "title: mid\n",
             "_layouts/default.html": "<html><h1>{{ page.title }}</h1>{{ content }}"
                                      "<footer>v{{ site.data.version.n }}</footer></html>\n",
             "_data/version.yml": f"n: {version}\n",
             "assets/style.css": f"/* v{version} */ body {{ color: black }}\n"}
    for i in range(PAGES):
        files[f"pages/p{i}.md"] = (f"---\nlayout: default\ntitle: Page {i}\n---\n# Page {i}\n\n"
                                   "Some *text*, a [link](/x/) and {{ page.title }}.\n\n- a\n- b\n")
    if version % 2:  # the two versions differ in their file lists too
        files["only-odd.md"] = "---\n---\nodd\n"
    return files


def start_build(source: Path, dest: Path) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, TZ="UTC")
    return subprocess.Popen([sys.executable, "-m", "converter", "build", "-q", "-s", str(source),
                             "-d", str(dest)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def complete_site(tmp_path: Path, version: int) -> dict[str, bytes]:
    source = write_files(tmp_path / f"ref-src-{version}", site_files(version))
    dest = tmp_path / f"ref-{version}"
    process = start_build(source, dest)
    assert process.wait(timeout=300) == 0, process.stderr.read()
    return tree(dest)


def test_sigterm_at_random_points_leaves_old_or_new_site(tmp_path):
    complete = {v: complete_site(tmp_path, v) for v in (1, 2)}
    source, dest = tmp_path / "src", tmp_path / "work" / "_site"
    write_files(source, site_files(1))
    started = time.monotonic()
    assert start_build(source, dest).wait(timeout=300) == 0
    duration = time.monotonic() - started
    current, rng = 1, random.Random(6)
    for run in range(RUNS):
        signum = signal.SIGINT if run % 5 == 4 else signal.SIGTERM  # Ctrl-C now and then
        wanted = 3 - current
        (source / "_data/version.yml").write_text(f"n: {wanted}\n")
        (source / "assets/style.css").write_text(site_files(wanted)["assets/style.css"])
        odd = source / "only-odd.md"
        odd.write_text("---\n---\nodd\n") if wanted % 2 else odd.unlink(missing_ok=True)
        process = start_build(source, dest)
        time.sleep(rng.uniform(0.05, duration * 1.6))
        process.send_signal(signum)
        code = process.wait(timeout=300)
        stderr = process.stderr.read()
        if code in (0, 130, 143):  # converter's handlers were in place: a quiet exit
            assert "Traceback" not in stderr, stderr
        # else the signal came while Python itself was starting (before any of our code):
        # the interpreter's own reaction, and nothing written yet
        found = tree(dest)
        assert found in (complete[1], complete[2]), f"partial site after exit {code}"
        current = 1 if found == complete[1] else 2
        assert [p.name for p in dest.parent.iterdir()] == ["_site"]  # no staging left
    assert not any(p.name.startswith(writer.STAGING_PREFIX) for p in tmp_path.rglob("*"))


def test_interrupted_first_build_leaves_no_destination_or_a_complete_one(tmp_path):
    complete = complete_site(tmp_path, 1)
    source = write_files(tmp_path / "src", site_files(1))
    rng = random.Random(61)
    for run in range(5):
        dest = tmp_path / f"fresh{run}" / "_site"
        process = start_build(source, dest)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=300)
        assert not dest.exists() or tree(dest) == complete
        if dest.parent.exists():
            assert [p.name for p in dest.parent.iterdir()] in ([], ["_site"])


SIGNAL_IN_FINALIZER = """
import os, signal, sys, threading, time
from converter import cli

class Slow:
    def __del__(self):
        time.sleep(1.0)  # SIGTERM lands in here: an exception raised in it is dropped

def command(argv):
    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()
    slow = Slow()
    del slow
    time.sleep(1.0)
    print("went on")
    return 0

cli.run_command = command
sys.exit(cli.main([]))
"""


def test_a_signal_landing_in_a_finalizer_still_stops_the_command():
    """A __del__ (multiprocessing's connections have one) can be running when SIGTERM
    comes: the exception raised there is dropped by Python, and the command must not
    go on as if nothing happened."""
    result = subprocess.run([sys.executable, "-c", SIGNAL_IN_FINALIZER], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 143, result
    assert "went on" not in result.stdout
    assert "Interrupted." in result.stderr and "Exception ignored" not in result.stderr
