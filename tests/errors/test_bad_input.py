"""Each kind of bad input: Jekyll 4.3.1's outcome (exit code; checked with
../shared/tools/jekyll-oracle) and a message naming the file, line and cause."""

from __future__ import annotations

import pytest

from .helpers import INTERNAL_ERROR, build_site

POST = "_posts/2020-01-01-x.md"

# name: (files, flags, exit code Jekyll gives, parts the message must hold)
CASES = {
    # front matter
    "front matter YAML invalid: warning, page built": (
        {"bad.md": "---\ntitle: [unclosed\nlayout: default\n---\nbody\n"}, [], 0,
        ["YAML Exception", "bad.md:3:7", "flow sequence", "started at line 2, column 8",
         "--strict_front_matter"]),
    "front matter YAML invalid, --strict_front_matter": (
        {"bad.md": "---\ntitle: [unclosed\n---\nbody\n"}, ["--strict_front_matter"], 1,
        ["Error: bad.md:2:8: YAML error", "flow sequence"]),
    "front matter YAML invalid, strict_front_matter in _config.yml": (
        {"_config.yml": "strict_front_matter: true\n", "bad.md": "---\ntitle: [x\n---\nb\n"}, [], 1,
        ["bad.md:2:8", "YAML error"]),
    "front matter YAML invalid in a post: warning": (
        {POST: "---\ntitle: a: b: c\n---\nbody\n"}, [], 0,
        [f"{POST}:2:9", "mapping values are not allowed"]),
    "front matter a list in a page: stop": (
        {"list.md": "---\n- a\n- b\n---\nbody\n"}, [], 1,
        ["list.md:2", "Invalid YAML front matter", "a list", "key: value"]),
    "front matter a plain value in a page: stop": (
        {"scalar.md": "---\njust words\n---\nbody\n"}, [], 1,
        ["scalar.md:2", "Invalid YAML front matter", "plain text value"]),
    "front matter a list in a post: error logged, build goes on": (
        {POST: "---\n- a\n---\nbody\n"}, [], 0,
        [f"could not read file {POST}:2", "a list"]),
    "front matter nested too deep: stop": (
        {"p.md": "---\nx: " + "[" * 20000 + "]" * 20000 + "\n---\nbody\n"}, [], 1,
        ["p.md", "nested too deeply"]),
    "empty permalink: stop": (
        {"p.md": "---\npermalink: ''\n---\nx\n"}, [], 1, ["p.md", "Invalid permalink"]),
    "permalink with a NUL character: stop": (
        {"p.md": "---\npermalink: \"/a\\0b/\"\n---\nx\n"}, [], 1, ["p.md", "NUL character"]),
    "permalink with a NUL character, parallel build: stop": (
        {"p.md": "---\npermalink: \"/a\\0b/\"\n---\nx\n",
         **{f"_posts/2020-01-01-n{i}.md": "---\n---\nx\n" for i in range(110)}},
        [], 1, ["p.md", "NUL character"]),
    # configuration and data
    "_config.yml invalid YAML: stop": (
        {"_config.yml": "title: [oops\n"}, [], 1, ["_config.yml:1:8", "YAML error"]),
    "_config.yml not a mapping: warning, defaults used": (
        {"_config.yml": "- a\n- b\n"}, [], 0,
        ["Error reading configuration. Using defaults", "(INVALID)"]),
    "_config.yml not UTF-8: stop": (
        {"_config.yml": b"title: caf\xe9\n"}, [], 1, ["_config.yml", "not valid UTF-8"]),
    "_config.yml time that is not a date: stop": (
        {"_config.yml": "time: garbage\n"}, [], 1, ["Invalid date 'garbage'"]),
    "data YAML invalid: stop": (
        {"_data/people.yml": "a: [b\n"}, [], 1, ["_data/people.yml:1:4", "YAML error"]),
    "data CSV with an unclosed quote: stop": (
        {"_data/people.csv": 'a,b\n"x,y\n'}, [], 1, ["_data/people.csv:2", "CSV error"]),
    "data .json that YAML reads (as Jekyll does): builds": (
        {"_data/people.json": '{"a": }\n'}, [], 0, []),
    "data not UTF-8: stop": (
        {"_data/x.yml": b"a: caf\xe9\n"}, [], 1, ["_data/x.yml:1", "not valid UTF-8"]),
    # Liquid
    "Liquid syntax error: stop": (
        {"p.md": "---\n---\nline1\n{% if %}\n"}, [], 1,
        ["p.md:4:4", "Liquid syntax error", "tag 'if'", "missing expression"]),
    "Liquid block never closed: stop": (
        {"p.md": "---\n---\n{% if true %}\nno end\n"}, [], 1,
        ["p.md:3:", "'if' tag was never closed", "{% endif %}"]),
    "Liquid unknown tag: stop": (
        {"p.md": "---\n---\nline1\n{% frobnicate x %}\n"}, [], 1,
        ["p.md:4:4", "Unknown tag 'frobnicate'", "{% raw %}"]),
    "Liquid tag with bad markup and no position from the parser: the tag's line": (
        {"p.md": "---\n---\nline1\n{% for i in %}{% endfor %}\n"}, [], 1,
        ["p.md:4:", "Syntax Error in 'for loop'"]),
    "Liquid else outside a block: stop": (
        {"p.md": "---\n---\n{% else %}\n"}, [], 1, ["p.md:3:4", "Unexpected outer 'else' tag"]),
    "Liquid raw never closed: stop": (
        {"p.md": "---\n---\n{% raw %}x\n"}, [], 1, ["p.md:3:4", "'raw' tag was never closed"]),
    "Liquid unknown filter: ignored as Jekyll does": (
        {"p.md": "---\n---\n{{ 'x' | frob }}\n"}, [], 0, []),
    "Liquid unknown filter with strict_filters: stop": (
        {"_config.yml": "liquid:\n  strict_filters: true\n", "p.md": "---\n---\nl\n{{ 'x' | frob }}\n"},
        [], 1, ["p.md:4:10", "Unknown filter 'frob'", "strict_filters"]),
    "Liquid undefined variable with strict_variables: stop": (
        {"_config.yml": "liquid:\n  strict_variables: true\n", "p.md": "---\n---\nl\n{{ nope }}\n"},
        [], 1, ["p.md:4:4", "Undefined variable 'nope'", "strict_variables"]),
    "Liquid error in a layout: stop, naming the layout": (
        {"_layouts/default.html": "<html>\n{% for %}\n{{ content }}</html>\n"}, [], 1,
        ["_layouts/default.html:2:4", "tag 'for'"]),
    "Liquid error in an include: stop, naming the include and the page": (
        {"_includes/x.html": "ok\n{% if %}\n", "p.md": "---\n---\n{% include x.html %}\n"}, [], 1,
        ["_includes/x.html:2:4", "included from p.md"]),
    "undefined variable inside an include: stop, naming the include": (
        {"_config.yml": "liquid:\n  strict_variables: true\n", "_includes/x.html": "a\n{{ nope }}",
         "p.md": "---\n---\n{% include x.html %}\n"}, [], 1,
        ["_includes/x.html:2:4", "Undefined variable 'nope'", "included from p.md"]),
    "Liquid error in a collection document: stop": (
        {"_config.yml": "collections:\n  talks:\n    output: true\n",
         "_talks/t.md": "---\ntitle: T\n---\n{% if %}\n"}, [], 1, ["_talks/t.md:4:4"]),
    "Liquid render error: stop": (
        {"p.md": "---\n---\n{{ 1 | divided_by: 0 }}\n"}, [], 1, ["p.md:3:1", "divided by 0"]),
    "missing include: stop, naming it and the folders searched": (
        {"p.md": "---\n---\nline1\n{% include nope.html %}\n"}, [], 1,
        ["p.md:4:4", "'nope.html'", "_includes\"]"]),
    "missing include_relative: stop": (
        {"sub/p.md": "---\n---\n{% include_relative nope.html %}\n"}, [], 1,
        ["sub/p.md:3:4", "'nope.html'", "/sub\"]"]),
    "include loop: stop without RecursionError": (
        {"_includes/a.html": "a{% include b.html %}", "_includes/b.html": "b{% include a.html %}",
         "p.md": "---\n---\n{% include a.html %}\n"}, [], 1,
        ["_includes/", "Nesting too deep", "included from p.md"]),
    "include of itself: stop": (
        {"_includes/a.html": "a{% include a.html %}", "p.md": "---\n---\n{% include a.html %}\n"},
        [], 1, ["_includes/a.html:1:5", "Nesting too deep"]),
    "deeply nested Liquid blocks: stop": (
        {"p.md": "---\n---\n" + "{% if true %}" * 2000 + "x" + "{% endif %}" * 2000 + "\n"}, [], 1,
        ["p.md:3", "Nesting too deep"]),
    "missing layout: warning": (
        {"p.md": "---\nlayout: nope\n---\nbody\n"}, [], 0,
        ["Build Warning:", "Layout 'nope' requested in p.md does not exist."]),
    "layouts that name each other: built as Jekyll does": (
        {"_layouts/a.html": "---\nlayout: b\n---\nA{{ content }}",
         "_layouts/b.html": "---\nlayout: a\n---\nB{{ content }}",
         "p.md": "---\nlayout: a\n---\nbody\n"}, [], 0, []),
    "link to a missing document: stop": (
        {"p.md": "---\n---\n{% link nope.md %}\n"}, [], 1, ["p.md:3:4", "Could not find document 'nope.md'"]),
    "post_url to a missing post: stop": (
        {"p.md": "---\n---\n{% post_url 2020-01-01-nope %}\n"}, [], 1,
        ["p.md:3:4", "Could not find post \"2020-01-01-nope\""]),
    # encodings and odd files
    "Markdown page not UTF-8: stop": (
        {"p.md": b"---\ntitle: t\n---\nbody \xe9\n"}, [], 1,
        ["p.md:4", "not valid UTF-8 (byte 0xe9)", "Save it with UTF-8"]),
    "HTML page not UTF-8, no Liquid: copied, warning": (
        {"p.html": b"---\ntitle: x\n---\nbody \xe9\n"}, [], 0, ["p.html:4", "not valid UTF-8"]),
    "post not UTF-8: left out, error logged": (
        {POST: b"---\ntitle: caf\xe9\n---\nbody\n"}, [], 0, [f"could not read file {POST}:2"]),
    "layout not UTF-8: stop": (
        {"_layouts/default.html": b"<html>\xe9{{ content }}</html>\n"}, [], 1,
        ["_layouts/default.html:1", "not valid UTF-8"]),
    "include not UTF-8: stop": (
        {"_includes/x.html": b"\xe9\xff", "p.md": "---\n---\n{% include x.html %}\n"}, [], 1,
        ["p.md:3:4", "_includes/x.html is not valid UTF-8"]),
    "static file not UTF-8: copied": ({"s.txt": b"caf\xe9\n"}, [], 0, []),
    "byte order marks: read as Jekyll does": (
        {"p.md": b"\xef\xbb\xbf---\ntitle: T\n---\n{{ page.title }}\n",
         "_config.yml": b"\xef\xbb\xbftitle: T\n", "_data/x.yml": b"\xef\xbb\xbfa: 1\n"}, [], 0, []),
    "CRLF line endings: read as Jekyll does": (
        {"p.md": b"---\r\ntitle: T\r\n---\r\n{{ page.title }}\r\n", "_config.yml": b"title: x\r\n"},
        [], 0, []),
    "empty files: built": (
        {"e.md": "", "e2.html": "---\n---\n", "_layouts/empty.html": "", "_data/e.yml": "",
         "f.md": "---\nlayout: empty\n---\nx\n", "_includes/e.html": "",
         "g.md": "---\n---\n[{% include e.html %}]\n"}, [], 0, []),
    "date in a post that does not parse: stop": (
        {POST: "---\ndate: not a date\n---\nbody\n"}, [], 1,
        ["Invalid date 'not a date'", f"{POST}:2:", "YYYY-MM-DD"]),
    "date in a post's file name that does not parse: stop": (
        {"_posts/2020-13-45-x.md": "---\n---\nbody\n"}, [], 1,
        ["Invalid date '2020-13-45'", "_posts/2020-13-45-x.md"]),
    "date in a page that does not parse: ignored as Jekyll does": (
        {"p.md": "---\ndate: not a date\n---\nbody\n"}, [], 0, []),
    "two pages with one permalink: conflict warning naming both": (
        {"a.md": "---\npermalink: /same/\n---\nA\n", "b.md": "---\npermalink: /same/\n---\nB\n"},
        [], 0, ["Conflict: The following destination is shared by multiple files.",
                "same/index.html", " - a.md", " - b.md"]),
    "a page and a static file with one destination: conflict warning": (
        {"a.md": "---\npermalink: /s.txt\n---\nA\n", "s.txt": "static\n"}, [], 0,
        ["Conflict:", " - a.md", " - s.txt"]),
    # Sass
    "SCSS syntax error: stop at the SCSS file and line": (
        {"css/main.scss": "---\n---\nbody {\n  color: red\n  width: $nope;\n}\n"}, [], 1,
        ["css/main.scss:5:3", "Sass error", "Invalid CSS"]),
    "SCSS error in an imported partial: stop at the partial": (
        {"css/main.scss": "---\n---\n@import \"part\";\n", "_sass/_part.scss": "a {\n b: \n}}\n"},
        [], 1, ["_sass/_part.scss:2:4", "imported by css/main.scss"]),
    "SCSS import not found: stop": (
        {"css/main.scss": "---\n---\n@import \"nothere\";\n"}, [], 1,
        ["css/main.scss:3:1", "File to import not found", "_sass/"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(tmp_path, name):
    files, flags, code, parts = CASES[name]
    outcome, dest = build_site(tmp_path, files, *flags)
    assert outcome.code == code, outcome.text
    for part in parts:
        assert part in outcome.err, f"{part!r} not in:\n{outcome.err}"
    assert "Traceback" not in outcome.text and INTERNAL_ERROR not in outcome.text
    assert (dest / "index.html").is_file() == (code == 0)


def test_page_with_invalid_front_matter_is_still_built(tmp_path):
    outcome, dest = build_site(tmp_path, {"bad.md": "---\ntitle: [x\n---\nThe body\n"})
    assert outcome.code == 0
    assert (dest / "bad.html").read_text() == "<p>The body</p>\n"


def test_post_with_invalid_front_matter_is_kept_without_file_name_data(tmp_path):
    """Jekyll skips the title, slug and date the file name gives: the post lands on
    site.time's date under its full basename."""
    outcome, dest = build_site(tmp_path, {POST: "---\ntitle: a: b\n---\nbody\n"})
    assert outcome.code == 0
    assert (dest / "2026/01/01/2020-01-01-x.html").read_text() == "<p>body</p>\n"


def test_conflict_last_written_wins_as_in_jekyll(tmp_path):
    outcome, dest = build_site(tmp_path, {"a.md": "---\npermalink: /same/\n---\nA\n",
                                          "b.md": "---\npermalink: /same/\n---\nB\n"})
    assert (dest / "same/index.html").read_text() == "<p>B</p>\n"


def test_trace_shows_the_traceback(tmp_path):
    outcome, _ = build_site(tmp_path, {"p.md": "---\n---\n{% if %}\n"}, "--trace")
    assert outcome.code == 1
    assert "Traceback" in outcome.err


def test_missing_config_file_given_with_config(tmp_path):
    outcome, _ = build_site(tmp_path, {}, "--config", str(tmp_path / "nope.yml"))
    assert outcome.code == 1
    assert "Configuration file not found" in outcome.err and "nope.yml" in outcome.err


@pytest.mark.parametrize("setting, key", [
    ("collections: 5", "collections"), ("collections: [[]]", "collections"),
    ("keep_files: true", "keep_files"), ("kramdown: [1, 2]", "kramdown"),
    ("layouts_dir: 5", "layouts_dir"), ("data_dir: [a]", "data_dir"),
    ("limit_posts: many", "limit_posts"),
])
def test_configuration_of_the_wrong_type_is_named(tmp_path, setting, key):
    """Jekyll dies on these with a Ruby NoMethodError/TypeError (exit 1); we say which."""
    outcome, _ = build_site(tmp_path, {"_config.yml": setting + "\n"})
    assert outcome.code == 1
    assert f"`{key}` should be" in outcome.err and "_config.yml" in outcome.err
    assert INTERNAL_ERROR not in outcome.err


def test_odd_exclude_entries_are_tolerated_as_in_jekyll(tmp_path):
    outcome, _ = build_site(tmp_path, {"_config.yml": "exclude: [[], 5]\n"})
    assert outcome.code == 0, outcome.text


def test_whitelist_that_is_not_a_list_stops(tmp_path):
    """Deviation: Jekyll only reads `whitelist` under --safe (and dies there); the plugin
    registry reads it always, so a non-list is named at once."""
    outcome, _ = build_site(tmp_path, {"_config.yml": "whitelist: 1.5\n"})
    assert outcome.code == 1 and "`whitelist` should be a list" in outcome.err
