"""Small sites built by converter and compared with what Jekyll 4.3.1 built from them.

Each folder under tests/core/sites has `src/` and the oracle's output in
`expected*/` (made once with ../shared/tools/jekyll-oracle; see make_expected.sh).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SHARED, compare_trees, run_converter, tree_files

SITES = Path(__file__).parent / "sites"


def build(source: Path, dest: Path, *flags: str):
    result = run_converter("build", "-s", str(source), "-d", str(dest), *flags)
    assert result.returncode == 0, result.stderr
    return result


def test_rules_site_matches_jekyll(tmp_path):
    """Permalinks (pretty, per collection, front matter), defaults by path/type/glob,
    posts (dates, categories from folders, future, unpublished), collections with
    and without output, data files, layouts chained, excerpts, static files."""
    result = build(SITES / "rules" / "src", tmp_path / "out")
    assert compare_trees(SITES / "rules" / "expected", tmp_path / "out") == []
    assert "Skipping: _posts/2099-01-01-future.md has a future date" in result.stderr


def test_rules_site_with_drafts_future_unpublished(tmp_path):
    build(SITES / "rules" / "src", tmp_path / "out", "--drafts", "--future", "--unpublished")
    assert compare_trees(SITES / "rules" / "expected-drafts", tmp_path / "out") == []


def test_seed_about_page_is_home_with_redirects(tmp_path):
    seed = SHARED / "seeds" / "001_2ee987202362700e.txt"
    if not seed.exists():
        pytest.skip("shared seeds not available")
    source = tmp_path / "src"
    shutil.copytree(SITES / "seed-about" / "src", source)
    text = seed.read_text().replace("author_profile: true", "author_profile: true\nlayout: single", 1)
    (source / "_pages" / "about.md").write_text(text)
    build(source, tmp_path / "out")
    assert compare_trees(SITES / "seed-about" / "expected", tmp_path / "out") == []
    redirects = json.loads((tmp_path / "out" / "redirects.json").read_text())
    assert redirects == {"/about/": "https://scholar.example.org/",
                         "/about.html": "https://scholar.example.org/"}


def test_blank_values_keep_defaults(tmp_path):
    """Keys left blank (nil) never replace a value in Jekyll's merges: config keys keep
    Jekyll's defaults (permalink, kramdown, highlighter...), document front matter keeps
    front matter defaults, layout data keeps the parent layout's; a page's blank key is
    nil for Jekyll itself (`layout:` blank: no layout) but Liquid sees the default."""
    build(SITES / "blank-values" / "src", tmp_path / "out")
    assert compare_trees(SITES / "blank-values" / "expected", tmp_path / "out") == []


def test_blank_include_exclude_plugins_are_errors(tmp_path):
    for key in ("include", "exclude", "plugins"):
        src = tmp_path / key
        src.mkdir()
        (src / "_config.yml").write_text(f"title: t\n{key}:\n")
        result = run_converter("build", "-s", str(src), "-d", str(tmp_path / f"{key}-out"))
        assert result.returncode == 1
        assert f"'{key}' should be set as an array" in result.stderr + result.stdout


def test_dates_and_permalink_placeholders(tmp_path):
    """Post dates in a zone with DST (front matter Time, string, Date; offsets), every
    date placeholder of the permalink engine, strftime directives, and a YAML Time with
    a fraction (Utils.parse_date(date.to_s) drops it, as Time#to_s does)."""
    build(SITES / "dates" / "src", tmp_path / "out")
    assert compare_trees(SITES / "dates" / "expected", tmp_path / "out") == []


def test_crlf_and_bom_sources_byte_for_byte(tmp_path):
    """Windows line endings and BOMs: front matter, layouts, includes (read raw, CRLF
    kept), data, Markdown; empty and newline-less front matter files."""
    build(SITES / "crlf" / "src", tmp_path / "out")
    assert compare_trees(SITES / "crlf" / "expected", tmp_path / "out") == []
    for path in tree_files(SITES / "crlf" / "expected"):
        assert (tmp_path / "out" / path).read_bytes() == \
            (SITES / "crlf" / "expected" / path).read_bytes(), path


def test_liquid_trim_and_highlight_wrapping_byte_for_byte(tmp_path):
    """`-%}` before a template's final text keeps its trailing newline (python-liquid's
    lexer dropped it); {% highlight %} output in Markdown is wrapped in "\\n" (the
    Markdown converter's highlighter_prefix/suffix), which changes the Markdown."""
    build(SITES / "liquid-trim" / "src", tmp_path / "out")
    assert compare_trees(SITES / "liquid-trim" / "expected", tmp_path / "out") == []
    for path in tree_files(SITES / "liquid-trim" / "expected"):
        assert (tmp_path / "out" / path).read_bytes() == \
            (SITES / "liquid-trim" / "expected" / path).read_bytes(), path


def test_gem_theme_minima(tmp_path):
    """`theme: minima` as `jekyll new` makes it: layouts, includes, Sass partials and
    assets from the installed gem, its runtime dependencies (feed, seo) enabled."""
    from converter.gem_theme import find_gem
    if find_gem("minima") is None:
        pytest.skip("the minima gem is not installed here")
    source = SITES / "gem-theme" / "src"
    build(source, tmp_path / "out")
    differences = compare_trees(SITES / "gem-theme" / "expected", tmp_path / "out")
    assert [d for d in differences if not d.endswith(".css.map")] == []
    # The map names theme files relative to the site source, so its "../" chain depends
    # on where the checkout lives: compare the files the entries resolve to.
    for path in (p[len("differs "):] for p in differences):
        want = json.loads((SITES / "gem-theme" / "expected" / path).read_text())
        got = json.loads((tmp_path / "out" / path).read_text())
        resolve = lambda entry: re.sub(r"^(\.\./)+", "/", entry) if entry.startswith("../") else entry
        assert [resolve(s) for s in got["sources"]] == [resolve(s) for s in want["sources"]]
        for entry in (s for s in got["sources"] if s.startswith("../")):
            assert (source / entry).resolve().is_file(), entry
        assert {k: v for k, v in got.items() if k != "sources"} == \
            {k: v for k, v in want.items() if k != "sources"}


def test_missing_gem_theme_stops(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "_config.yml").write_text("theme: no-such-theme-gem\n")
    result = run_converter("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "The no-such-theme-gem theme could not be found." in result.stderr + result.stdout


def test_exclude_and_include_patterns(tmp_path):
    """Jekyll's glob_include?: fnmatch on the path from the source, prefix, or `dir/`
    (the expected file list is what jekyll-oracle built from the same files)."""
    from tests.conftest import write_tree
    source = write_tree(tmp_path / "src", {
        "_config.yml": "exclude: ['*.txt', vendor, 'docs/', 'sub/*.md', '[ab].html']\n"
                       "include: [keep.txt, .well-known]\n",
        "a.txt": "x", "keep.txt": "k", "vendorlib/x.css": "v", "vendor/y.css": "y",
        "docs/d.html": "d", "docsy/e.html": "e", "sub/p.md": "---\n---\np",
        "sub/q.html": "q", "a.html": "a", "c.html": "c", ".well-known/w": "w", ".hidden": "h",
    })
    dest = tmp_path / "out"
    result = run_converter("build", "-s", str(source), "-d", str(dest))
    assert result.returncode == 0, result.stderr
    assert sorted(tree_files(dest)) == [".well-known/w", "c.html", "docsy/e.html", "keep.txt",
                                         "sub/q.html"]
