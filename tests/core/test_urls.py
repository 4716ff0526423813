"""Jekyll's permalink rules: placeholders, escaping, sanitising, slugs."""

import pytest

from converter.urls import (add_permalink_suffix, escape_path, sanitize_url, slugify,
                            titleize_slug, url_from_drop, url_from_hash)


def test_sanitize_collapses_slashes_and_dots():
    assert sanitize_url("//a/../b/./c") == "/a/b/c"


def test_page_template_with_missing_path():
    placeholders = [("path", ""), ("basename", "about"), ("output_ext", ".html")]
    assert url_from_hash("/:path/:basename:output_ext", placeholders) == "/about.html"
    assert url_from_hash("/:path/:basename/", [("path", None), ("basename", "cv")]) == "/cv/"


def test_drop_template_placeholders_and_trailing_underscore():
    values = {"collection": "talks", "path": "/2020-talk", "title": "My-Talk", "year": "2020"}
    assert url_from_drop("/:collection/:path/", values.get, values.__contains__) == \
        "/talks/2020-talk/"
    # ":year_" falls back to ":year"; Ruby then replaces only ":year" (checked with ruby).
    assert url_from_drop("/:year_:title", values.get, values.__contains__) == "/2020_My-Talk"


def test_unknown_placeholder_is_an_error():
    from converter.errors import BuildError
    with pytest.raises(BuildError, match="doesn't have nope keys"):
        url_from_drop("/:nope/", {}.get, {}.__contains__)


def test_escape_path_keeps_safe_urls_and_encodes_others():
    assert escape_path("/a/b-c.html") == "/a/b-c.html"
    assert escape_path("/a b/é") == "/a%20b/%C3%A9"
    assert escape_path("/c#/x") == "/c%23/x"


@pytest.mark.parametrize("style,expected", [
    ("pretty", "/:path/:basename/"), ("date", "/:path/:basename:output_ext"),
    ("/:categories/:title/", "/:path/:basename/"), ("/:title:output_ext", "/:path/:basename:output_ext")])
def test_permalink_suffix(style, expected):
    assert add_permalink_suffix("/:path/:basename", style) == expected


@pytest.mark.parametrize("mode,expected", [
    (None, "the-config-yml-file"), ("raw", "the-_config.yml-file"),
    ("pretty", "the-_config.yml-file"), ("ascii", "the-config-yml-file"),
    ("latin", "the-config-yml-file"), ("none", "the _config.yml file")])
def test_slugify_modes_from_jekylls_documentation(mode, expected):
    assert slugify("The _config.yml file", mode=mode) == expected


def test_slugify_default_examples():
    assert slugify("The _config.yml file") == "the-config-yml-file"
    assert slugify("Hello, World!", cased=True) == "Hello-World"
    assert slugify("Ünïcödé text") == "ünïcödé-text"
    assert slugify("Ünïcödé text", mode="latin") == "unicode-text"


def test_titleize_slug():
    assert titleize_slug("hello-wORLD") == "Hello World"
