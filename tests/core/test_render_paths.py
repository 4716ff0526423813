"""Shortcuts on the render path give what Jekyll 4.3.1 gave (outputs checked with
../shared/tools/jekyll-oracle): text without Liquid markup skips the Liquid parse,
and if/for enter their blocks directly."""

PLAIN = "---\n---\na }} b %} c { d {#\n"
LIQUID = "---\n---\na }} b {{ 'x' | upcase }} {%- if true %} y {%- endif %}\n"
LOOPS = ("---\n---\n{% for i in (1..3) %}{% if i == 2 %}{% continue %}{% endif %}[{{ i }}]"
         "{% endfor %}|{% for i in (1..3) %}{% if i == 2 %}{% break %}{% endif %}[{{ i }}]"
         "{% endfor %}|{% for i in (1..0) %}x{% else %}none{% endfor %}|{% if false %}a"
         "{% elsif 0 %}b{% else %}c{% endif %}|{% if nil %}a{% elsif false %}b{% endif %}.\n")


def test_markup_free_text_and_liquid_render_as_in_jekyll(make_site):
    _, build = make_site({"plain.html": PLAIN, "liquid.html": LIQUID, "loops.html": LOOPS})
    result, dest = build()
    assert result.returncode == 0, result.stderr
    assert (dest / "plain.html").read_text() == "a }} b %} c { d {#\n"
    assert (dest / "liquid.html").read_text() == "a }} b X y\n"
    assert (dest / "loops.html").read_text() == "[1][3]|[1]|none|b|.\n"


def test_excerpts_keep_the_link_definitions_they_use(make_site):
    """Excerpt.extract appends the reference definitions the excerpt uses (Jekyll 4.3.1's
    output, from jekyll-oracle); a post without any skips the scan."""
    posts = {
        "_posts/2020-01-01-a.md": ("---\ntitle: A\n---\nSee [the docs][docs] and [b].\n\nMore text."
                                   "\n\n[docs]: https://example.com/docs \"Docs\"\n  [b]: /b\n"
                                   "[unused]: /u\n"),
        "_posts/2020-01-02-b.md": ("---\ntitle: B\n---\nNo refs [here] at all.\n\n"
                                   "Tail with a ]: in text.\n"),
        "excerpts.html": "---\n---\n{% for p in site.posts %}[{{ p.excerpt }}]{% endfor %}\n",
    }
    _, build = make_site(posts)
    result, dest = build()
    assert result.returncode == 0, result.stderr
    assert (dest / "excerpts.html").read_text() == (
        '[<p>No refs [here] at all.</p>\n][<p>See <a href="https://example.com/docs" '
        'title="Docs">the docs</a> and <a href="/b">b</a>.</p>\n\n]\n')
