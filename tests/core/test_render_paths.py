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
