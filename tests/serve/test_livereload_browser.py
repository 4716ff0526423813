"""The live-reload script in a real browser, driven by the server's reload hub."""

from __future__ import annotations

from converter.errors import BuildError
from converter.serve import open_server


def test_reload_overlay_and_stylesheet_swap(browser, tmp_path):
    root = tmp_path / "_site"
    root.mkdir()
    (root / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="/style.css"></head><body><p id="v">one</p></body></html>')
    (root / "style.css").write_text("p { color: rgb(255, 0, 0); }")
    server = open_server("127.0.0.1", 0, root, "", livereload=True)
    server.start()
    try:
        browser.navigate(server.url)
        browser.wait_for("!!(window.__converterLiveReload && document.getElementById('v'))")

        (root / "index.html").write_text((root / "index.html").read_text().replace("one", "two"))
        server.hub.publish_build()
        assert browser.wait_for("document.getElementById('v') && document.getElementById('v').textContent === 'two'")

        browser.wait_for("!!window.__converterLiveReload")
        server.hub.publish_error(BuildError("Liquid syntax error: bad tag", path="_posts/x.md", line=7))
        text = browser.wait_for("(document.getElementById('__converter_error_overlay') || {}).textContent")
        assert "_posts/x.md:7" in text and "Liquid syntax error: bad tag" in text

        browser.evaluate("window.__marker = 42")
        (root / "style.css").write_text("p { color: rgb(0, 0, 255); }")
        server.hub.publish_build(css_only=True)
        assert browser.wait_for("getComputedStyle(document.getElementById('v')).color === 'rgb(0, 0, 255)'")
        assert browser.evaluate("window.__marker") == 42   # no full reload
        assert browser.evaluate("document.getElementById('__converter_error_overlay')") is None
    finally:
        server.stop()
