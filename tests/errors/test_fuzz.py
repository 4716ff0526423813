"""Random small sites (front matter, Liquid and Markdown fragments, odd file names):
the build ends with exit code 0 or 1, never an internal error or a traceback, and
writes nothing outside the destination."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .helpers import INTERNAL_ERROR, run_build, tree, write_files

LIQUID = [
    "{{ page.title }}", "{{ site.title | upcase }}", "{% if page.x %}x{% endif %}", "{% if %}",
    "{% for p in site.pages %}{{ p.url }}{% endfor %}", "{% endfor %}", "{{ 'a' | frob }}",
    "{% include nav.html %}", "{% include nope.html %}", "{% include ../x.html %}",
    "{% include_relative ../../etc/passwd %}", "{% link index.md %}", "{% link nope.md %}",
    "{% post_url 2020-01-01-nope %}", "{% raw %}{{ x }}{% endraw %}", "{% raw %}", "{{",
    "{%", "}}", "{{ 1 | divided_by: 0 }}", "{% assign a = 'b' %}{{ a }}", "{% capture c %}",
    "{% highlight ruby %}x = 1{% endhighlight %}", "{% highlight %}", "{{ site.data.d.a }}",
    "{% include nav.html p='v' %}", "{% include nav.html p= %}", "{% comment %}", "{{ page | jsonify }}",
    "{{ site.posts | first | map: 'title' }}", "{% case 1 %}{% when 1 %}one{% endcase %}",
    "{% seo %}", "{% feed_meta %}", "{% include_cached nav.html %}", "{% gist 123 %}", ":smile:",
    "{{ paginator.posts | size }}", "{{ 'now' | date: '%Y' }}", "{{ page.date | date_to_xmlschema }}",
    "{{ site.pages | sort: 'title' | map: 'url' | join: ',' }}", "{{ page.x | slice: 'a' }}",
]
MARKDOWN = [
    "# Title", "* a\n* b\n  * c", "1. x\n2. y", "> quote\n> > nested", "[link](http://x)",
    "![img](/a.png)", "`code`", "```\nfenced\n```", "```ruby\nputs 1", "| a | b |\n|---|---|\n| 1 | 2 |",
    "Term\n: definition", "*emph **strong***", "[^1]\n\n[^1]: note", "<div markdown=\"1\">*x*</div>",
    "{: .class}", "***", "<!-- comment", "\\", "&amp; &nope; &#0;", "line  \nbreak",
    "[" * 40 + "]" * 40, "- " * 30 + "x", "$$ x $$", "<script>alert(1)</script>",
]
FRONT_VALUES = st.one_of(
    st.sampled_from(["default", "nope", "none", "/p/", "/../../escape/", "/:title/", "",
                     "2020-01-01", "2020-13-45", "not a date", "[unclosed", "{a: 1}", "*alias",
                     "&anchor x", "- item", "yes", "~", "'quoted'", "\"dq", "%weird", "@at"]),
    st.text(max_size=12),
    st.integers(-5, 5),
)
FRONT_KEYS = st.sampled_from(["layout", "permalink", "title", "date", "categories", "tags",
                              "published", "excerpt_separator", "render_with_liquid", "x",
                              "redirect_from", "redirect_to", "sitemap", "image", "author"])
NAME_CHARS = st.sampled_from(list("abcXYZ019 -_.~#@()+é你") + ["%20", "[", "]", "{", "}"])
DIRS = st.sampled_from(["", "sub/", "_posts/", "_drafts/", "_data/", "_includes/", "_layouts/",
                        "_sass/", "deep/er/", ".hidden/", "_private/", "assets/"])
EXTS = st.sampled_from([".md", ".html", ".markdown", ".txt", ".yml", ".json", ".csv", ".scss",
                        ".xml", "", ".MD"])


@st.composite
def front_matter(draw):
    kind = draw(st.sampled_from(["none", "mapping", "raw", "empty"]))
    if kind == "none":
        return ""
    if kind == "empty":
        return "---\n---\n"
    if kind == "raw":
        return "---\n" + draw(st.text(max_size=40)) + "\n---\n"
    pairs = draw(st.dictionaries(FRONT_KEYS, FRONT_VALUES, max_size=4))
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs.items()) + "---\n"


@st.composite
def body(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(LIQUID), st.sampled_from(MARKDOWN),
                                    st.text(max_size=20)), max_size=6))
    return "\n\n".join(parts) + "\n"


@st.composite
def file_name(draw):
    stem = "".join(draw(st.lists(NAME_CHARS, min_size=1, max_size=8)))
    if draw(st.booleans()):
        stem = "2020-01-0" + str(draw(st.integers(1, 9))) + "-" + stem
    name = stem + draw(EXTS)
    if name in (".", "..") or len(name.encode()) > 200:
        name = "x.md"
    return draw(DIRS) + name


@st.composite
def sites(draw):
    files = {"_config.yml": draw(st.sampled_from([
        "title: fuzz\n", "", "title: [bad\n", "- a\n", "permalink: pretty\n",
        "liquid:\n  strict_filters: true\n  strict_variables: true\n", "strict_front_matter: true\n",
        "collections:\n  things:\n    output: true\n", "exclude: notalist\n", "baseurl: /b\n",
        "markdown_ext: md\n", "keep_files: [x]\n",
        "plugins: [jekyll-feed, jekyll-sitemap, jekyll-seo-tag, jekyll-redirect-from, "
        "jekyll-paginate, jemoji, jekyll-include-cache, jekyll-gist]\npaginate: 2\n", "defaults: [{scope: {path: ''}, values: {layout: default}}]\n"])),
        "_layouts/default.html": "<html>{{ content }}</html>\n",
        "_includes/nav.html": "<nav>{{ include.p }}</nav>\n",
        "_data/d.yml": "a: 1\n"}
    for _ in range(draw(st.integers(1, 5))):
        files[draw(file_name())] = draw(front_matter()) + draw(body())
    return files


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(sites())
def test_random_sites_build_or_fail_cleanly(files):
    with tempfile.TemporaryDirectory(prefix="converter-fuzz-") as tmp:
        root = Path(tmp)
        source, dest = root / "src", root / "out"
        try:
            write_files(source, files)
        except OSError:
            return  # a name the file system refuses
        (root / "sentinel.txt").write_text("outside\n")
        before = {k: v for k, v in tree(root).items() if not k.startswith("src/.jekyll-cache/")}
        outcome = run_build(source, dest)
        event(f"exit code {outcome.code}")
        assert outcome.code in (0, 1), outcome.text
        assert "Traceback" not in outcome.text, outcome.text
        assert INTERNAL_ERROR not in outcome.text, outcome.text
        after = {k: v for k, v in tree(root).items()
                 if not k.startswith(("out/", "src/.jekyll-cache/"))}
        assert after == before, sorted(set(after) ^ set(before))
