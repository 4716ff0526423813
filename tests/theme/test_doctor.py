"""`converter doctor` reports seeded problems, one line each, and exits 1 on errors."""
from __future__ import annotations

from pathlib import Path

from converter import doctor
from tests.conftest import run_converter, write_tree

SEEDED_SITE = {
    "_config.yml": """
        title: Seeded
        gems: [jekyll-feed]
        plugins: [jekyll-sitemap, jekyll-scholar]
        """,
    "index.md": """
        ---
        title: Home
        ---
        See [the missing page](/no-such-page/) and [the first page](/first/).

        ![a plot](/images/missing-plot.png)
        """,
    "first.md": """
        ---
        permalink: /same/
        ---
        First.
        """,
    "second.md": """
        ---
        permalink: /same/
        ---
        Second.
        """,
    "upper.md": """
        ---
        permalink: /Notes/
        ---
        Upper.
        """,
    "lower.md": """
        ---
        permalink: /notes/
        ---
        Lower.
        """,
    "_plugins/custom_tag.rb": "module Jekyll; end\n",
}


def test_doctor_reports_each_seeded_problem(tmp_path):
    site = write_tree(tmp_path / "site", SEEDED_SITE)
    result = run_converter("doctor", "-s", str(site), cwd=site)
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr

    def reported(*words):
        return [line for line in lines if all(word in line for word in words)]

    assert reported("warning", "'gems' is deprecated")
    assert reported("error: conflict", "same/index.html", "first.md", "second.md")
    assert reported("error: broken-link", "/no-such-page/", "index.html")
    assert reported("error: broken-link", "/first/")   # first.md's URL is /same/
    assert reported("error: missing-image", "/images/missing-plot.png")
    assert reported("warning: plugins", "jekyll-scholar")
    assert not reported("jekyll-sitemap") and not reported("'jekyll-feed'")
    assert reported("warning: plugins", "_plugins/custom_tag.rb")
    assert reported("warning: case", "Notes/index.html, notes/index.html")


def test_doctor_inspects_an_existing_destination(tmp_path):
    site = write_tree(tmp_path / "site", {"_config.yml": "title: t\n", "index.html": "<a href='/x/'>x</a>\n"})
    out = write_tree(tmp_path / "out", {"index.html": "<a href='/gone/'>gone</a><img src='a.png' alt=''>\n"})
    result = run_converter("doctor", "-s", str(site), "-d", str(out), cwd=site)
    assert result.returncode == 1
    assert "broken link /gone/ in index.html" in result.stdout
    assert "missing image a.png in index.html" in result.stdout


def test_clean_output_has_no_findings(tmp_path):
    out = write_tree(tmp_path, {
        "index.html": "<a href='/about/'>a</a> <a href='notes.html#top'>n</a> <a href='https://x.org/'>x</a>"
                      "<img src='/img/a.png' alt=''> <a href='mailto:a@b.c'>m</a>",
        "about/index.html": "<a href='../'>home</a> <a href='/notes'>notes</a>",
        "notes.html": "<link rel='stylesheet' href='/css/site.css'><link rel='canonical' href='/elsewhere/'>",
        "img/a.png": "png", "css/site.css": "body{}",
    })
    assert doctor.check_output(out) == []


def test_links_respect_baseurl_and_absolute_site_urls(tmp_path):
    out = write_tree(tmp_path, {
        "index.html": "<a href='/blog/about/'>ok</a> <a href='https://me.github.io/blog/about/'>ok</a>"
                      " <a href='/about/'>outside the baseurl</a>",
        "about/index.html": "about",
    })
    findings = [str(f) for f in doctor.check_output(out, "/blog", "https://me.github.io")]
    assert findings == ["error: broken-link: broken link /about/ in index.html"]


def test_redirect_loops_are_found_once_and_chains_are_not_loops(tmp_path):
    refresh = "<meta http-equiv='refresh' content='0; url={}'>"
    out = write_tree(tmp_path, {
        "a/index.html": refresh.format("/b/"),
        "b/index.html": refresh.format("https://me.github.io/a/"),
        "old.html": refresh.format("/new/"),
        "new/index.html": "new",
    })
    findings = [str(f) for f in doctor.check_output(out, "", "https://me.github.io")]
    assert findings == ["error: redirect-loop: /a/ -> /b/ -> /a/"]


def test_urls_that_differ_only_by_case_are_reported():
    findings = doctor.check_case_collisions({"Talks/index.html": ["a.md"], "talks/index.html": ["b.md"],
                                             "other.html": ["c.md"]})
    assert [f.check for f in findings] == ["case"]
    assert "Talks/index.html, talks/index.html" in findings[0].message


def test_deprecated_and_unsupported_configuration():
    findings = [str(f) for f in doctor.check_config(
        {"gems": ["x"], "markdown": "redcarpet", "url": "example.org", "baseurl": "blog/"})]
    assert any("'gems' is deprecated" in f for f in findings)
    assert any(f.startswith("error: config: markdown: redcarpet") for f in findings)
    assert any("url 'example.org' should be absolute" in f for f in findings)
    assert any("baseurl 'blog/' should start with '/'" in f for f in findings)
    assert any("baseurl 'blog/' should not end with '/'" in f for f in findings)


def test_the_demo_site_is_healthy():
    repo = Path(__file__).resolve().parents[2]
    result = run_converter("doctor", "-s", str(repo), cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Everything looks fine" in result.stdout


def test_build_warnings_become_one_line_each():
    printed = ("    Liquid Warning: Liquid syntax error (line 3): bad in _layouts/x.html\n"
               "    Liquid Warning: Liquid syntax error (line 3): bad in _layouts/x.html\n"
               "DEPRECATION WARNING: Passing a string to call() is deprecated\n"
               "in Sass 4.0.\n"
               "DEPRECATION WARNING: Passing a string to call() is deprecated\n"
               "      Generating...\n")
    assert [str(f) for f in doctor.build_warnings(printed)] == [
        "warning: build: Liquid syntax error (line 3): bad in _layouts/x.html",
        "warning: sass: 2 deprecation warnings from libsass"]


def test_doctor_prints_findings_only(tmp_path):
    site = write_tree(tmp_path / "site", {
        "_config.yml": "title: t\n",
        "index.html": "---\n---\n{% if (a or b) %}x{% endif %}<a href='/gone/'>g</a>\n"})
    result = run_converter("doctor", "-s", str(site), cwd=site)
    assert result.returncode == 1
    assert all(line.startswith(("warning: ", "error: ")) for line in result.stdout.splitlines()), result.stdout
    assert result.stderr == ""
