"""Fixtures for the theme tests: the demo site built by `converter build`, a local
HTTP server for it, and headless Debian chromium driven by selenium + chromedriver.

THEME_TEST_SITE=/path/to/_site reuses an already built demo site (for quick runs).
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
)


def build_with_converter(source: Path, destination: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "converter", "build", "-s", str(source), "-d", str(destination)],
        cwd=source, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    prebuilt = os.environ.get("THEME_TEST_SITE")
    if prebuilt:
        return Path(prebuilt)
    destination = tmp_path_factory.mktemp("demo") / "_site"
    result = build_with_converter(REPO_ROOT, destination)
    assert result.returncode == 0, f"converter build failed:\n{result.stdout}\n{result.stderr}"
    return destination


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(demo_site):
    """Base URL of a loopback HTTP server for the built demo site."""
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    binary = chromium_binary()
    driver_path = shutil.which("chromedriver")
    if not binary:
        pytest.skip("chromium is not installed (scripts/test installs it: apt-get install chromium chromium-driver)")
    assert driver_path, "chromium is installed but chromedriver is not: apt-get install chromium-driver"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser bundle from node_modules (installed from package.json when missing)."""
    bundle = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not bundle.is_file():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install axe-core (package.json)"
        subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=REPO_ROOT, check=True,
                       capture_output=True, timeout=300)
    return bundle.read_text(encoding="utf-8")
