"""`converter serve` on a copy of academicpages-2025, watched by headless chromium.

The page is opened once; every later change must reach it by itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.serve.helpers import EPOCH, copy_site, edit

POST = "_posts/2025-07-15-oled-driver.md"
FRONT_END = "\n---\n"


class ServeProcess:
    """`converter serve -P 0` in a child process; its output is kept for assertions."""

    def __init__(self, source, destination):
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "converter", "serve", "-P", "0", "-s", str(source),
             "-d", str(destination)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self.wait_for_line(r"Server address:\s+(\S+)", timeout=180).group(1)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float = 60, start: int = 0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[start:]:
                match = re.search(pattern, line)
                if match:
                    return match
            if self.process.poll() is not None:
                raise AssertionError("serve exited:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r}:\n" + "\n".join(self.lines[-30:]))

    def status(self, path: str = "") -> int:
        with urllib.request.urlopen(self.url + path, timeout=10) as reply:
            return reply.status

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture()
def served(tmp_path):
    source = copy_site(tmp_path)
    server = ServeProcess(source, tmp_path / "_site")
    yield source, server
    server.stop()


def body_text(browser) -> str:
    return browser.evaluate("document.body ? document.body.innerText : ''") or ""


def test_edit_error_fix_and_new_post_reach_the_open_page(browser, served):
    source, server = served
    browser.navigate(server.url + "posts/2025/07/oled-driver/")
    browser.wait_for("!!(window.__converterLiveReload && window.__converterLiveReload.connected)")

    # 1. An edit shows up in the open page, without navigating.
    edit(source / POST, FRONT_END, FRONT_END + "\nFreshly typed paragraph.\n\n")
    browser.wait_for("document.body.innerText.includes('Freshly typed paragraph.')")

    # 2. A broken edit: overlay with file:line and message; the server stays up.
    edit(source / POST, "Freshly typed paragraph.", "Freshly typed paragraph.\n\n{% frobnicate %}")
    overlay = browser.wait_for(
        "(document.getElementById('__converter_error_overlay') || {}).innerText")
    line = (source / POST).read_text(encoding="utf-8").splitlines().index("{% frobnicate %}") + 1
    assert f"{POST}:{line}" in overlay and "frobnicate" in overlay
    server.wait_for_line(re.escape(f"{POST}:{line}"))
    assert server.status() == 200

    # 3. Fixing it clears the overlay and shows the good page.
    edit(source / POST, "{% frobnicate %}", "Repaired paragraph.")
    browser.wait_for("document.body.innerText.includes('Repaired paragraph.') && "
                     "!document.getElementById('__converter_error_overlay')")

    # 4. A new post appears in the open posts listing.
    browser.navigate(server.url + "year-archive/")
    browser.wait_for("!!(window.__converterLiveReload && window.__converterLiveReload.connected)")
    (source / "_posts/2025-08-03-live-reload-demo.md").write_text(
        "---\ntitle: 'Live reload demo post'\ndate: 2025-08-03\n---\nHello.\n", encoding="utf-8")
    browser.wait_for("document.body.innerText.includes('Live reload demo post')")

    # 5. A stylesheet change is swapped in without reloading the page.
    browser.wait_for("!!(window.__converterLiveReload && window.__converterLiveReload.connected)")
    browser.evaluate("window.__still_here = 7")
    base = source / "_sass/layout/_base.scss"
    base.write_text(base.read_text(encoding="utf-8") + "\nbody { outline-color: rgb(1, 2, 3); }\n",
                    encoding="utf-8")
    browser.wait_for("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'")
    assert browser.evaluate("window.__still_here") == 7
    assert server.process.poll() is None
    assert any(re.search(r"Regenerated \d+ of [\d,]+ files in \d+ ms", l) for l in server.lines)
