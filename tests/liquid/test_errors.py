"""Errors, warnings, lax parsing and Ruby's parser quirks, with the messages the
real Jekyll 4.3.1 prints.

Jekyll's messages were taken from `jekyll-oracle` builds of one-line pages
("Liquid Exception: <message> in index.html"); we compare the <message> part.
"""

import os

import pytest
from liquid.exceptions import LiquidError, LiquidSyntaxError

from .fakesite import error_of, make_site, render


# ---- include


def test_missing_include_names_the_file_and_the_folders_searched(site):
    message = error_of(site, "{% include nope.html %}")
    includes = os.path.join(site.source, "_includes")
    assert message == (
        f"Could not locate the included file 'nope.html' in any of [\"{includes}\"]. "
        "Ensure it exists in one of those directories and, if it is a symlink, does not "
        "point outside your site source.")


def test_include_leaving_the_includes_folder_is_refused(site):
    # Jekyll: "Invalid syntax for include tag. File contains invalid characters or
    # sequences: ../secret.html Valid syntax: {% include file.ext param='value' ... %}"
    (site.source / "secret.html").write_text("secret")
    message = error_of(site, "{% include ../secret.html %}")
    assert message.startswith("Invalid syntax for include tag. File contains invalid "
                              "characters or sequences:\n\n  ../secret.html\n\nValid syntax:")


def test_include_with_invalid_characters_is_refused(site):
    message = error_of(site, "{% include a*b.html %}")
    assert "File contains invalid characters or sequences:\n\n  a*b.html" in message


def test_dynamic_include_name_is_checked_after_rendering(site):
    message = error_of(site, "{% include {{ name }} %}", name="../../etc/passwd")
    assert "invalid characters or sequences:\n\n  ../../etc/passwd" in message


def test_include_symlink_out_of_includes_refused_in_safe_mode(tmp_path, warnings_seen):
    outside = tmp_path / "outside.html"
    outside.write_text("outside")
    safe_site = make_site(tmp_path / "src", {"safe": True})
    (safe_site.source / "_includes" / "link.html").symlink_to(outside)
    with pytest.raises(LiquidError) as caught:
        render(safe_site, "{% include link.html %}")
    assert "Could not locate the included file 'link.html'" in caught.value.message
    assert caught.value.message.endswith(
        "is not a symlink as those are not allowed in safe mode.")


def test_include_with_malformed_parameters_fails_to_parse(site):
    # Jekyll: "Invalid syntax for include tag: x= Valid syntax: ..."
    with pytest.raises(LiquidSyntaxError) as caught:
        site.liquid.from_string("{% include greet.html x= %}")
    assert caught.value.message.startswith("Invalid syntax for include tag:\n\n  x=\n")


# ---- other tags


def test_post_url_for_a_missing_post(site):
    assert error_of(site, "{% post_url 2020-01-01-nope %}") == (
        "Could not find post \"2020-01-01-nope\" in tag 'post_url'.\n"
        "Make sure the post exists and the name is correct.\n")


def test_post_url_with_a_name_without_date(site):
    with pytest.raises(LiquidSyntaxError) as caught:
        site.liquid.from_string("{% post_url nodate %}")
    assert caught.value.message.startswith("Could not parse name of post \"nodate\"")


def test_link_to_a_missing_document(site):
    assert error_of(site, "{% link nope.md %}") == (
        "Could not find document 'nope.md' in tag 'link'.\n\n"
        "Make sure the document exists and the path is correct.\n")


def test_highlight_without_language_is_a_syntax_error(site):
    with pytest.raises(LiquidSyntaxError) as caught:
        site.liquid.from_string("{% highlight %}x{% endhighlight %}")
    assert "Syntax Error in tag 'highlight'" in caught.value.message


def test_unknown_tag_is_an_error_even_in_lax_mode(site):
    # Jekyll: "Liquid syntax error (line 1): Unknown tag 'nope'"
    with pytest.raises(LiquidSyntaxError):
        site.liquid.from_string("{% nope %}")


def test_unclosed_block_is_an_error(site):
    # Jekyll: "Liquid syntax error (line 2): 'if' tag was never closed"
    with pytest.raises(LiquidSyntaxError):
        site.liquid.from_string("{% if true %}x")


# ---- filters


def test_divided_by_zero(site):
    assert error_of(site, "{{ 1 | divided_by: 0 }}") == "divided by 0"


def test_sort_of_nil(site):
    assert error_of(site, "{{ nil | sort }}") == "Cannot sort a null object."


def test_sort_of_incomparable_values(site):
    message = error_of(site, "{{ a | sort }}", a=[2, "1"])
    assert message.startswith("comparison of ") and message.endswith(" failed")


def test_invalid_date(site):
    assert error_of(site, "{{ 'garbage' | date_to_xmlschema }}") == \
        "Invalid Date: '\"garbage\"' is not a valid datetime."


def test_where_on_integers_fails_like_ruby(site):
    # Jekyll: "no implicit conversion of String into Integer"
    with pytest.raises(LiquidError):
        render(site, "{{ h | where: 'a', 1 }}", h={"a": 1, "b": 2})


# ---- lax mode and the liquid: settings


def test_unknown_filter_is_ignored(site):
    assert render(site, "{{ 'a' | nofilter | upcase }}") == "A"


def test_unknown_filter_with_strict_filters(tmp_path):
    site = make_site(tmp_path, {"liquid": {"strict_filters": True}})
    assert error_of(site, "{{ 'a' | nofilter }}") == "undefined filter nofilter"


def test_undefined_variables_render_empty(site):
    assert render(site, "[{{ nope }}{{ page.nope.deeper }}{{ nope | upcase }}]",
                  page={}) == "[]"


def test_undefined_variables_with_strict_variables(tmp_path):
    site = make_site(tmp_path, {"liquid": {"strict_variables": True}})
    assert error_of(site, "{{ nope }}") == "undefined variable nope"
    assert error_of(site, "{{ page.nope }}", page={}) == "undefined variable nope"


def test_malformed_output_warns_and_renders_like_ruby_lax(site, warnings_seen):
    out = render(site, '{{ s | "Some words" }}', s="kept")
    assert out == "kept"
    assert len(warnings_seen) == 1
    assert warnings_seen[0].startswith("Liquid syntax error (line 1):")
    assert warnings_seen[0].endswith('in "{{ s | "Some words" }}" in index.html')


def test_warning_counts_lines(site, warnings_seen):
    render(site, "a\nb\n{% if (x or y) %}c{% endif %}", x=True)
    assert warnings_seen[0].startswith("Liquid syntax error (line 3):")


def test_error_mode_strict_raises_on_malformed_markup(tmp_path):
    site = make_site(tmp_path, {"liquid": {"error_mode": "strict"}})
    with pytest.raises(LiquidSyntaxError):
        site.liquid.from_string('{{ a | "x" }}')


def test_error_mode_lax_is_silent(tmp_path):
    seen = []
    site = make_site(tmp_path, {"liquid": {"error_mode": "lax"}}, on_warning=seen.append)
    assert render(site, '{{ a | "x" }}', a="A") == "A"
    assert seen == []


# ---- Ruby's parser quirks (checked with liquid 5.4.0, error_mode :warn)


def test_markup_after_end_tags_is_ignored(site, warnings_seen):
    assert render(site, "{% if true %}a{% endif junk %}{% for x in (1..2) %}{{ x }}"
                        "{% endfor x %}") == "a12"
    assert warnings_seen == []


def test_case_reads_its_first_fragment(site):
    assert render(site, "{% case a b %}{% when 1 %}y{% else %}n{% endcase %}") == "n"


def test_when_with_or_and_commas(site):
    assert render(site, "{% case 2 %}{% when 1 or 2 %}y{% endcase %}"
                        "{% case 3 %}{% when 1, 3 %}z{% endcase %}") == "yz"


def test_unknown_operator_is_an_error(site):
    # Ruby: "Liquid error: Unknown operator =" (a failed build under Jekyll's render!)
    with pytest.raises(LiquidSyntaxError):
        site.liquid.from_string("{% if x = 1 %}eq{% endif %}")


def test_warnings_use_rubys_messages(site, warnings_seen):
    # the messages of the oracle's build of cases.py (expected.json "warnings")
    render(site, "{{ 1e3 }}\n{% assign v = page.[k] %}\n{% for x in xs | sort %}{% endfor %}")
    assert warnings_seen == [
        'Liquid syntax error (line 1): Expected end_of_string but found id in "{{ 1e3 }}" '
        "in index.html",
        'Liquid syntax error (line 2): Expected id but found open_square in "{{page.[k] }}" '
        "in index.html",
        'Liquid syntax error (line 3): Expected end_of_string but found pipe in '
        '"x in xs | sort" in index.html']


def test_no_warning_where_ruby_parses_strictly(site, warnings_seen):
    assert render(site, "{{ page.nil }}{{ a | where: 'g', empty | size }}",
                  page={"nil": "n"}, a=[{"g": ""}]) == "n1"
    assert warnings_seen == []


def test_included_files_do_not_report_warnings(site, warnings_seen):
    (site.source / "_includes" / "lax.html").write_text('{{ "a" | "b" }}')
    assert render(site, "{% include lax.html %}{% include {{ name }} %}", name="lax.html") == "aa"
    assert warnings_seen == []


def test_templates_keep_their_warnings(site, warnings_seen):
    template = site.liquid.from_string("{{ 1e3 }}", name="x.html")
    assert template.warnings == warnings_seen
    assert len(template.warnings) == 1


# ---- Jekyll's wording ("Liquid Exception: <this> in index.html", from jekyll-oracle)

JEKYLL_MESSAGES = [
    ("{% nope %}", "Liquid syntax error (line 1): Unknown tag 'nope'"),
    ("{% endif %}", "Liquid syntax error (line 1): Unknown tag 'endif'"),
    ("a{% else %}b", "Liquid syntax error (line 1): Unexpected outer 'else' tag"),
    ("a\n{% capture x %}\n", "Liquid syntax error (line 3): 'capture' tag was never closed"),
    ("{{ 1 | divided_by: 0 }}", "Liquid error (line 1): divided by 0"),
    ("\n{{ nil | sort }}", "Liquid error (line 2): Cannot sort a null object."),
    ("{{ 'garbage' | date_to_xmlschema }}",
     "Invalid Date: '\"garbage\"' is not a valid datetime."),
    ("{% link nope.md %}", "Could not find document 'nope.md' in tag 'link'.\n\n"
                           "Make sure the document exists and the path is correct.\n"),
    ("{{ x | where: 'a' }}", "Liquid error (line 1): wrong number of arguments (given 2, expected 3)"),
    ("{{ x | slice }}", "Liquid error (line 1): wrong number of arguments (given 1, expected 2..3)"),
    ("{{ x | date_to_string: 1, 2, 3 }}",
     "Liquid error (line 1): wrong number of arguments (given 4, expected 1..3)"),
]


@pytest.mark.parametrize("template,expected", JEKYLL_MESSAGES)
def test_error_messages_read_like_jekylls(site, template, expected):
    from converter.liquid import jekyll_error_message

    with pytest.raises(LiquidError) as caught:
        render(site, template)
    assert jekyll_error_message(caught.value, template) == expected


def test_blank_equals_nothing_in_conditions(site):
    # liquid 5.4 without ActiveSupport: `x == blank` asks x for `blank?` -> never true
    template = ("{% assign e = '' %}{% if e == blank %}a{% endif %}{% if e != blank %}b{% endif %}"
                "{% unless u == blank %}c{% endunless %}{% if e == empty %}d{% endif %}"
                "{% if x == 'blank' %}e{% endif %}")
    assert render(site, template, x="blank") == "bcde"


def test_empty_slug_warns_like_jekyll(tmp_path):
    # Jekyll: "Warning: Empty `slug` generated for '---'."
    seen = []
    log = type("Log", (), {"warn": lambda self, topic, message: seen.append((topic, message))})()
    site = make_site(tmp_path, log=log)
    assert render(site, "[{{ '---' | slugify }}][{{ 'ok' | slugify }}]") == "[][ok]"
    assert seen == [("Warning:", "Empty `slug` generated for '---'.")]


def test_include_names_allow_ascii_word_characters_only(site):
    # Jekyll: "Invalid syntax for include tag. File contains invalid characters or
    # sequences: café.html ..." (Ruby's \w is ASCII)
    (site.source / "_includes" / "café.html").write_text("x")
    assert "invalid characters or sequences:\n\n  café.html" in error_of(
        site, "{% include café.html %}")


def test_render_tag_is_refused_as_in_jekyll(site):
    # Jekyll: "Liquid error (line 1): This liquid context does not allow includes."
    from converter.liquid import jekyll_error_message

    with pytest.raises(LiquidError) as caught:
        render(site, "{% render 'greet.html', name: 'x' %}")
    assert jekyll_error_message(caught.value) == \
        "Liquid error (line 1): This liquid context does not allow includes."
