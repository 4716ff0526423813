"""The built demo site in headless chromium: every page loads cleanly, fits a phone
screen, the dark-mode toggle works, and axe-core finds no serious violations.
Screenshots land in tests/artifacts/theme/."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DESKTOP = (1280, 900)
MOBILE = (375, 740)
SMALLEST = (360, 740)                      # the narrowest width the theme supports
LIGHT_BACKGROUND = "rgb(252, 252, 250)"   # --bg of the light palette (_sass/_variables.scss)
DARK_BACKGROUND = "rgb(18, 24, 22)"       # --bg of the dark palette


def page_paths(site: Path) -> list[str]:
    """URL paths of every HTML page of the built site, redirect stubs left out."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8", errors="replace")
        if re.search(r'http-equiv="refresh"', text, re.I):
            continue
        relative = html.relative_to(site).as_posix()
        paths.append("/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return paths


def artifact_name(path: str) -> str:
    return (path.strip("/").replace("/", "_").replace(".html", "") or "home")


def set_viewport(browser, size: tuple[int, int], dark: bool | None = None) -> None:
    width, height = size
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    scheme = [] if dark is None else [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": scheme})


def drain_logs(browser) -> None:
    browser.get_log("browser")
    browser.get_log("performance")


def load_problems(browser) -> list[str]:
    """Console errors and failed requests since the last drain."""
    problems = [f"console: {entry['message']}" for entry in browser.get_log("browser")
                if entry["level"] == "SEVERE"]
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"request failed: {params.get('errorText')} ({params.get('type')})")
        elif message["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
            problems.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
    return problems


def open_page(browser, url: str) -> None:
    browser.get(url)
    browser.execute_script("return document.readyState")


@pytest.fixture
def fresh_theme(browser, site_server):
    """No stored colour choice, light system preference, desktop size."""
    browser.get(site_server + "/")
    browser.execute_script("localStorage.clear()")
    set_viewport(browser, DESKTOP, dark=False)
    yield
    browser.execute_script("localStorage.clear()")
    set_viewport(browser, DESKTOP, dark=None)


def test_site_has_the_expected_pages(demo_site):
    paths = page_paths(demo_site)
    for expected in ("/", "/publications/", "/talks/", "/teaching/", "/cv/", "/year-archive/", "/404.html"):
        assert expected in paths
    assert len(paths) >= 20


def test_every_page_loads_without_errors_and_fits_a_phone(browser, site_server, demo_site, artifacts):
    shots = artifacts / "theme"
    shots.mkdir(exist_ok=True)
    failures = []
    for path in page_paths(demo_site):
        for label, size in (("1280", DESKTOP), ("375", MOBILE), ("360", SMALLEST)):
            set_viewport(browser, size, dark=False)
            drain_logs(browser)
            open_page(browser, site_server + path)
            failures += [f"{path} @{label}: {p}" for p in load_problems(browser)]
            if size != SMALLEST:
                browser.save_screenshot(str(shots / f"{artifact_name(path)}-{label}.png"))
            scroll_width, inner_width = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll_width > inner_width:
                failures.append(f"{path} @{label}: scrolls sideways ({scroll_width} > {inner_width})")
    set_viewport(browser, DESKTOP, dark=None)
    assert failures == []


def background(browser) -> str:
    return browser.execute_script("return getComputedStyle(document.body).backgroundColor")


def test_dark_mode_toggle_switches_and_is_remembered(browser, site_server, fresh_theme):
    open_page(browser, site_server + "/")
    assert background(browser) == LIGHT_BACKGROUND
    toggle = browser.find_element("css selector", ".theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"

    toggle.click()
    assert browser.execute_script("return document.documentElement.dataset.theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    assert background(browser) == DARK_BACKGROUND

    open_page(browser, site_server + "/publications/")   # the choice survives navigation
    assert background(browser) == DARK_BACKGROUND

    browser.find_element("css selector", ".theme-toggle").click()
    assert background(browser) == LIGHT_BACKGROUND


def test_dark_system_preference_is_followed_and_can_be_overridden(browser, site_server, fresh_theme):
    set_viewport(browser, DESKTOP, dark=True)
    open_page(browser, site_server + "/")
    assert background(browser) == DARK_BACKGROUND
    browser.find_element("css selector", ".theme-toggle").click()
    assert background(browser) == LIGHT_BACKGROUND


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
  .then(result => done(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))
  .catch(error => done([{id: "axe-error", impact: "critical", help: String(error), targets: []}]));
"""


def test_axe_finds_no_serious_violations_in_light_and_dark(browser, site_server, demo_site, axe_source,
                                                           fresh_theme, artifacts):
    report = {}
    for dark in (False, True):
        set_viewport(browser, DESKTOP, dark=dark)
        for path in page_paths(demo_site):
            open_page(browser, site_server + path)
            browser.execute_script(axe_source)
            violations = browser.execute_async_script(AXE_RUN)
            report[f"{'dark' if dark else 'light'} {path}"] = violations
    (artifacts / "theme").mkdir(exist_ok=True)
    (artifacts / "theme" / "axe-report.json").write_text(json.dumps(report, indent=1))
    serious = {page: [v for v in found if v["impact"] in ("serious", "critical")]
               for page, found in report.items()}
    assert {page: found for page, found in serious.items() if found} == {}


def test_cv_prints_content_only_with_the_author_header(browser, site_server):
    set_viewport(browser, DESKTOP)
    open_page(browser, site_server + "/cv/")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    try:
        shown = browser.execute_script("""
            const visible = s => { const e = document.querySelector(s); return !!e && getComputedStyle(e).display !== "none"; };
            return {masthead: visible(".masthead"), sidebar: visible(".sidebar"), footer: visible(".site-footer"),
                    button: visible(".no-print"), header: visible(".print-header"), content: visible(".page")};""")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert shown == {"masthead": False, "sidebar": False, "footer": False, "button": False,
                     "header": True, "content": True}
