"""Liquid cases rendered by the real Jekyll 4.3.1 (see make_expected.py).

Every case is rendered in one page whose front matter is DATA (as JSON, so
YAML types it the same way) plus DATE_LINES; the expected outputs live in
expected.json, so the tests need no Ruby.
"""

import datetime as dt

from converter.rubytypes import RubyDate, RubyTime

CONFIG = {"title": "t", "baseurl": "/base", "url": "https://example.com"}

DATA = {
    "s": "Hello World",
    "padded": "  \t spaced  out \n ",
    "html": "<p class=\"a\">Hi <b>there</b> &amp; 'you'</p><script>x()</script><!-- c -->",
    "num": 7,
    "neg": -7,
    "flt": 2.5,
    "numstr": "42",
    "floatstr": "3.75",
    "words": "one two  three\tfour\nfive",
    "nl": "a\nb\r\nc",
    "arr": ["b", "a", "C", "d"],
    "nums": [3, 1, 2],
    "mixed": [1, "a"],
    "nested": [["a", "b"], ["c", ["d"]]],
    "withnil": ["a", None, "b"],
    "empty_arr": [],
    "empty_str": "",
    "hash": {"a": 1, "b": [1, 2.0, "x"], "c": None, "d": {"e": True}},
    "people": [
        {"name": "Ann", "age": 30, "tags": ["x", "y"], "group": "b", "score": "10",
         "info": {"city": "Oslo"}},
        {"name": "bob", "age": 25, "tags": ["y"], "group": "a", "score": "9"},
        {"name": "Cid", "age": 30, "group": "b", "score": "10.5", "info": {"city": "Rome"}},
        {"name": "dee", "group": None, "score": "x"},
    ],
    "unicode": "Café déjà vu — Ünïcödé ß 東京",
    "url_like": "/about me/ä?x=1 2&y=ü#frag ment",
    "idx_path": "/blog/index.html",
    "truthy": True,
    "falsy": False,
    "nil": None,
    "big": 12345678901234567890,
    "cjk": "漢字かなカナ 한국어 and English words",
}

DATE_LINES = "d: 2020-01-05\nt: 2020-01-05 13:04:05 +0100\nt2: 2021-11-22 03:04:05 -0500\n"

DATES = {
    "d": RubyDate(2020, 1, 5),
    "t": RubyTime(2020, 1, 5, 13, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    "t2": RubyTime(2021, 11, 22, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
}

INCLUDES = {
    "base_path": "{% assign base_path = site.baseurl %}",
    "greet.html": "Hi {{ include.name }}{% if include.n %} n={{ include.n }}{% endif %}!",
    "params.html": "[{{ include.a }}|{{ include.b }}|{{ include.c }}|{{ include.d }}]",
    "nested.html": "<{% include greet.html name='inner' %}/{{ include.name }}"
                   "{% include echo-name.html %}>",
    "echo-name.html": "({{ include.name }})",
    "leak.html": "{% assign leaked = 'yes' %}",
    "sub/deep.html": "deep:{{ include.x }}",
    "noext": "no extension",
    "dyn-a.html": "dynamic A",
}

# (id, template) pairs; each renders to one expected string
CASES = [
    # output semantics
    ("out_nil", "{{ nil }}|{{ page.nil }}|{{ page.missing }}|{{ missing.deep.path }}"),
    ("out_types", "{{ page.num }}|{{ page.flt }}|{{ page.truthy }}|{{ page.falsy }}|{{ page.big }}"),
    ("out_array", "{{ page.arr }}|{{ page.nested }}|{{ page.withnil }}|{{ page.mixed }}"),
    ("out_hash", "{{ page.hash }}"),
    ("out_float_math", "{{ 1.5 | times: 2 }}|{{ 0.1 | plus: 0.2 }}|{{ 1e3 }}|{{ 1.0 }}"),
    ("out_dates", "{{ page.d }}|{{ page.t }}|{{ page.t2 }}"),
    ("out_range", "{% for i in (1..3) %}{{ i }}{% endfor %}|{{ (1..3) }}"),
    ("unknown_filter", "{{ page.s | no_such_filter }}|{{ page.s | no_such: 1, 2 | upcase }}"),
    # lax parsing Jekyll accepts with a warning
    ("lax_output_string_filter", '{{ page.s | "Some words here" }}'),
    ("lax_bracket_after_dot", "{% assign k = 's' %}{% assign v = page.[k] %}{{ v }}"),
    ("lax_paren_assign", "{% assign xs = (page.arr | sort:0) %}{{ xs | join: ',' }}"),
    ("lax_paren_if", "{% if (page.nil or page.falsy) or page.num %}yes{% else %}no{% endif %}"),
    ("lax_for_filter", "{% for x in page.nums | sort %}{{ x }}{% endfor %}"),
    # standard string filters
    ("size", "{{ page.s | size }}|{{ page.arr | size }}|{{ page.hash | size }}|{{ nil | size }}|"
             "{{ page.num | size }}|{{ page.s.size }}|{{ page.arr.size }}"),
    ("case", "{{ page.s | downcase }}|{{ page.s | upcase }}|{{ 'hELLO wORLD' | capitalize }}|"
             "{{ page.unicode | upcase }}|{{ page.unicode | downcase }}"),
    ("escape", "{{ page.html | escape }}|{{ page.html | escape_once }}|"
               "{{ '&lt; &amp; & <' | escape_once }}|{{ nil | escape }}"),
    ("url_encode", "{{ page.url_like | url_encode }}|{{ 'a+b%20c' | url_decode }}|"
                   "{{ page.unicode | url_encode }}"),
    ("base64", "{{ page.s | base64_encode }}|{{ 'SGVsbG8=' | base64_decode }}|"
               "{{ page.unicode | base64_url_safe_encode }}"),
    ("slice", "{{ page.s | slice: 0 }}|{{ page.s | slice: 1, 3 }}|{{ page.s | slice: -3, 2 }}|"
              "{{ page.s | slice: 20 }}|{{ page.arr | slice: 1, 2 | join: ',' }}|"
              "{{ page.s | slice: '2', '2' }}|{{ page.arr | slice: -1 | join: ',' }}"),
    ("truncate", "{{ page.s | truncate: 8 }}|{{ page.s | truncate: 8, '' }}|"
                 "{{ page.s | truncate: 2 }}|{{ page.s | truncate: 50 }}|"
                 "{{ page.s | truncate: 7, '--' }}|{{ nil | truncate: 3 }}"),
    ("truncatewords", "{{ page.words | truncatewords: 2 }}|{{ page.words | truncatewords: 0 }}|"
                      "{{ page.words | truncatewords: 9 }}|{{ page.words | truncatewords: 3, '!' }}"),
    ("split", "{{ page.words | split: ' ' | join: '|' }}/{{ 'a,b,,c,,' | split: ',' | join: '|' }}/"
              "{{ 'abc' | split: '' | join: '|' }}/{{ '' | split: ',' | size }}/"
              "{{ ',a' | split: ',' | size }}/{{ page.num | split: '' | join: '-' }}"),
    ("strip", "[{{ page.padded | strip }}]|[{{ page.padded | lstrip }}]|[{{ page.padded | rstrip }}]"),
    ("strip_html", "{{ page.html | strip_html }}|{{ '<a\nhref=x>y</a>' | strip_html }}"),
    ("newlines", "{{ page.nl | strip_newlines }}|{{ page.nl | newline_to_br }}"),
    ("replace", "{{ page.s | replace: 'o', '0' }}|{{ page.s | replace_first: 'o', '0' }}|"
                "{{ page.s | replace_last: 'o', '0' }}|{{ page.s | remove: 'l' }}|"
                "{{ page.s | remove_first: 'l' }}|{{ page.s | remove_last: 'l' }}|"
                "{{ 'abc' | replace: '', '-' }}|{{ page.num | replace: 7, 'seven' }}"),
    ("append", "{{ page.s | append: '!' }}|{{ page.s | prepend: '>' }}|{{ page.num | append: 1 }}|"
               "{{ page.arr | append: 'x' }}|{{ nil | append: 'x' }}|{{ page.flt | prepend: 1 }}"),
    # standard array filters
    ("join", "{{ page.arr | join }}|{{ page.arr | join: ', ' }}|{{ page.nested | join: '-' }}|"
             "{{ page.withnil | join: ',' }}|{{ page.s | join: ',' }}|{{ page.hash | join: ',' }}"),
    ("first_last", "{{ page.arr | first }}|{{ page.arr | last }}|{{ page.s | first }}|"
                   "{{ page.hash | first }}|{{ page.empty_arr | first }}|{{ page.arr.first }}|"
                   "{{ page.arr.last }}"),
    ("concat", "{{ page.arr | concat: page.nums | join: ',' }}"),
    ("map", "{{ page.people | map: 'name' | join: ',' }}|{{ page.people | map: 'age' | join: ',' }}|"
            "{{ page.people | map: 'tags' | join: ',' }}"),
    ("compact", "{{ page.withnil | compact | join: ',' }}|"
                "{{ page.people | compact: 'age' | map: 'name' | join: ',' }}"),
    ("uniq", "{{ page.people | map: 'group' | uniq | join: ',' }}|"
             "{{ page.people | uniq: 'age' | map: 'name' | join: ',' }}"),
    ("reverse", "{{ page.arr | reverse | join: ',' }}|{{ page.s | reverse }}"),
    ("sort_natural", "{{ page.arr | sort_natural | join: ',' }}|"
                     "{{ page.people | sort_natural: 'name' | map: 'name' | join: ',' }}"),
    # math
    ("plus_minus", "{{ 4 | plus: 2 }}|{{ 4 | minus: 6 }}|{{ '4' | plus: '2' }}|{{ 4.5 | plus: 1 }}|"
                   "{{ '3.5' | minus: 1 }}|{{ 'abc' | plus: 1 }}|{{ '7,42' | plus: 0 }}|"
                   "{{ nil | plus: 1 }}|{{ 1.1 | plus: 2.2 }}"),
    ("times_div", "{{ 3 | times: 4 }}|{{ 3 | times: 1.5 }}|{{ 10 | divided_by: 4 }}|"
                  "{{ 10 | divided_by: 4.0 }}|{{ -7 | divided_by: 2 }}|{{ 10 | divided_by: 3.0 }}|"
                  "{{ 1 | divided_by: 3.0 }}"),
    ("modulo", "{{ 7 | modulo: 3 }}|{{ -7 | modulo: 3 }}|{{ 7 | modulo: -3 }}|"
               "{{ 7.5 | modulo: 2 }}|{{ -7.5 | modulo: 2 }}"),
    ("round", "{{ 2.5 | round }}|{{ 3.5 | round }}|{{ -2.5 | round }}|{{ 3.14159 | round: 2 }}|"
              "{{ 7 | round }}|{{ '2.7' | round }}|{{ 1234 | round: -2 }}|{{ 2.0 | round: 1 }}"),
    ("ceil_floor", "{{ 1.2 | ceil }}|{{ -1.2 | ceil }}|{{ 1.8 | floor }}|{{ -1.8 | floor }}|"
                   "{{ '3.3' | ceil }}|{{ 5 | floor }}"),
    ("abs_bounds", "{{ -3 | abs }}|{{ -3.5 | abs }}|{{ '-4' | abs }}|{{ 5 | at_least: 7 }}|"
                   "{{ 5 | at_most: 3 }}|{{ 5.5 | at_most: 9 }}|{{ 5 | at_least: 2.5 }}"),
    ("default", "{{ nil | default: 'd' }}|{{ page.falsy | default: 'd' }}|{{ '' | default: 'd' }}|"
                "{{ page.empty_arr | default: 'd' }}|{{ 0 | default: 'd' }}|{{ ' ' | default: 'd' }}|"
                "{{ page.falsy | default: 'd', allow_false: true }}|{{ page.s | default: 'd' }}"),
    # date
    ("date_formats", "{{ page.t | date: '%Y-%m-%d %H:%M:%S %z' }}|{{ page.t | date: '%-d %e %b %B %y' }}|"
                     "{{ page.t | date: '%a %A %j %U %W %w %u' }}|{{ page.t | date: '%I %l %p %P %-I' }}|"
                     "{{ page.t | date: '%s %L %N %3N' }}|{{ page.t | date: '%F %T %D %R %r' }}|"
                     "{{ page.t | date: '%c' }}|{{ page.t | date: '%^a %^B %10A %-m/%-d %_m %05d' }}|"
                     "{{ page.t | date: '%:z %G %V %C %%' }}"),
    ("date_inputs", "{{ page.d | date: '%Y %m %d %H' }}|{{ '2020-03-04' | date: '%b %-d, %Y' }}|"
                    "{{ '2020-03-04 10:11:12' | date: '%H:%M %z' }}|"
                    "{{ '2020-03-04T10:11:12Z' | date: '%H:%M %Z' }}|"
                    "{{ '2020-03-04 10:11:12 +0530' | date: '%H:%M %z' }}|"
                    "{{ 'March 4, 2020' | date: '%F' }}|{{ '4 Mar 2020' | date: '%F' }}|"
                    "{{ 1583316672 | date: '%F %T' }}|{{ '1583316672' | date: '%F' }}|"
                    "{{ 'not a date' | date: '%F' }}|{{ '' | date: '%F' }}|{{ nil | date: '%F' }}|"
                    "{{ page.t | date: '' }}|{{ '2020/03/04' | date: '%F' }}"),
    # Jekyll date filters
    ("date_to", "{{ page.t | date_to_xmlschema }}|{{ page.d | date_to_xmlschema }}|"
                "{{ page.t | date_to_rfc822 }}|{{ page.t | date_to_string }}|"
                "{{ page.t | date_to_long_string }}|{{ page.t | date_to_string: 'ordinal' }}|"
                "{{ page.t | date_to_string: 'ordinal', 'US' }}|"
                "{{ page.t2 | date_to_long_string: 'ordinal', 'US' }}|"
                "{{ '2020-03-22' | date_to_string: 'ordinal' }}|{{ '2020-03-13' | date_to_long_string: 'ordinal' }}|"
                "{{ nil | date_to_xmlschema }}|{{ '' | date_to_string }}|{{ page.t2 | date_to_xmlschema }}"),
    # Jekyll URL filters
    ("relative_url", "{{ '/about/' | relative_url }}|{{ 'about' | relative_url }}|"
                     "{{ '' | relative_url }}|{{ page.url_like | relative_url }}|"
                     "{{ 'https://x.org/a b' | relative_url }}|{{ nil | relative_url }}|"
                     "{{ '/a/./b/../c' | relative_url }}|{{ '/%7Efoo/%20x' | relative_url }}|"
                     "{{ 'mailto:a@b.c' | relative_url }}|{{ '/q?a=1;b=2+3&c=%2B' | relative_url }}"),
    ("absolute_url", "{{ '/about/' | absolute_url }}|{{ '' | absolute_url }}|"
                     "{{ page.url_like | absolute_url }}|{{ 'http://x.org' | absolute_url }}|"
                     "{{ nil | absolute_url }}"),
    ("strip_index", "{{ page.idx_path | strip_index }}|{{ '/a/index.htm' | strip_index }}|"
                    "{{ '/a/b.html' | strip_index }}|{{ '' | strip_index }}|{{ nil | strip_index }}"),
    # Jekyll string filters
    ("escapes", "{{ page.html | xml_escape }}|{{ page.url_like | cgi_escape }}|"
                "{{ page.url_like | uri_escape }}|{{ 'a%20b%zz' | uri_escape }}|"
                "{{ page.unicode | uri_escape }}|{{ '[x] (y)' | uri_escape }}"),
    ("normalize_whitespace", "[{{ page.padded | normalize_whitespace }}]|[{{ page.words | normalize_whitespace }}]"),
    ("number_of_words", "{{ page.words | number_of_words }}|{{ page.cjk | number_of_words }}|"
                        "{{ page.cjk | number_of_words: 'cjk' }}|{{ page.cjk | number_of_words: 'auto' }}|"
                        "{{ page.words | number_of_words: 'auto' }}|{{ '' | number_of_words }}"),
    ("array_to_sentence", "{{ page.arr | array_to_sentence_string }}|"
                          "{{ page.arr | array_to_sentence_string: 'or' }}|"
                          "{{ page.nums | slice: 0, 2 | array_to_sentence_string }}|"
                          "{{ page.empty_arr | array_to_sentence_string }}|"
                          "{{ page.nums | slice: 0 | array_to_sentence_string }}"),
    ("slugify", "{{ page.unicode | slugify }}|{{ page.unicode | slugify: 'raw' }}|"
                "{{ page.unicode | slugify: 'pretty' }}|{{ page.unicode | slugify: 'ascii' }}|"
                "{{ page.unicode | slugify: 'latin' }}|{{ page.unicode | slugify: 'none' }}|"
                "{{ ' -Hello, World!- ' | slugify }}|{{ 'The _config.yml file?' | slugify: 'pretty' }}|"
                "{{ 'a/b c.d' | slugify: 'raw' }}|{{ nil | slugify }}|{{ 'x' | slugify: 'bogus' }}"),
    ("jsonify", "{{ page.hash | jsonify }}|{{ page.arr | jsonify }}|{{ page.s | jsonify }}|"
                "{{ nil | jsonify }}|{{ page.flt | jsonify }}|{{ page.html | jsonify }}|"
                "{{ page.unicode | jsonify }}|{{ page.nl | jsonify }}|{{ page.t | jsonify }}|"
                "{{ page.d | jsonify }}"),
    ("inspect", "{{ page.hash | inspect }}|{{ page.s | inspect }}|{{ nil | inspect }}|"
                "{{ page.html | inspect }}|{{ page.flt | inspect }}|{{ page.nl | inspect }}"),
    ("to_integer", "{{ '42' | to_integer }}|{{ '4x' | to_integer }}|{{ 3.9 | to_integer }}|"
                   "{{ true | to_integer }}|{{ false | to_integer }}|{{ nil | to_integer }}|"
                   "{{ 'x' | to_integer }}"),
    ("push_pop", "{{ page.arr | push: 'z' | join: ',' }}|{{ page.arr | pop | join: ',' }}|"
                 "{{ page.arr | pop: 2 | join: ',' }}|{{ page.arr | shift | join: ',' }}|"
                 "{{ page.arr | shift: 3 | join: ',' }}|{{ page.arr | unshift: 'z' | join: ',' }}|"
                 "{{ page.s | push: 'z' }}|{{ page.arr | join: ',' }}"),
    ("where", "{{ page.people | where: 'age', 30 | map: 'name' | join: ',' }}|"
              "{{ page.people | where: 'age', '30' | map: 'name' | join: ',' }}|"
              "{{ page.people | where: 'tags', 'y' | map: 'name' | join: ',' }}|"
              "{{ page.people | where: 'group', nil | map: 'name' | join: ',' }}|"
              "{{ page.people | where: 'score', 10 | map: 'name' | join: ',' }}|"
              "{{ page.people | where: 'info.city', 'Rome' | map: 'name' | join: ',' }}|"
              "{{ page.s | where: 'a', 'b' }}|"
              "{{ page.people | where: 'group', empty | size }}"),
    ("where_exp", "{{ page.people | where_exp: 'p', 'p.age > 26' | map: 'name' | join: ',' }}|"
                  "{{ page.people | where_exp: 'p', 'p.tags contains \"y\"' | map: 'name' | join: ',' }}|"
                  "{{ page.people | where_exp: 'p', 'p.age == 30 and p.name == \"Cid\"' | map: 'name' | join: ',' }}|"
                  "{{ page.nums | where_exp: 'n', 'n >= 2' | join: ',' }}"),
    ("find", "{{ page.people | find: 'age', 25 | map: 'name' }}|"
             "{{ page.people | find: 'group', 'b' | map: 'name' }}|"
             "{{ page.people | find: 'age', 99 | size }}|"
             "{{ page.people | find_exp: 'p', 'p.name == \"dee\"' | map: 'name' }}"),
    ("group_by", "{% assign g = page.people | group_by: 'group' %}"
                 "{% for x in g %}{{ x.name }}={{ x.items | map: 'name' | join: ',' }}({{ x.size }});{% endfor %}|"
                 "{% assign g = page.people | group_by: 'tags' %}{% for x in g %}{{ x.name }};{% endfor %}|"
                 "{% assign g = page.people | group_by: 'age' %}{{ g | map: 'name' | join: ',' }}|"
                 "{{ page.people | group_by: 'group' | jsonify | size }}"),
    ("group_by_exp", "{% assign g = page.people | group_by_exp: 'p', 'p.name | downcase | slice: 0' %}"
                     "{% for x in g %}{{ x.name }}:{{ x.size }};{% endfor %}|"
                     "{% assign g = page.people | group_by_exp: 'p', 'p.age' %}{% for x in g %}[{{ x.name }}]{% endfor %}"),
    ("sort", "{{ page.arr | sort | join: ',' }}|{{ page.nums | sort | join: ',' }}|"
             "{{ page.people | sort: 'age' | map: 'name' | join: ',' }}|"
             "{{ page.people | sort: 'age', 'last' | map: 'name' | join: ',' }}|"
             "{{ page.people | sort: 'score' | map: 'name' | join: ',' }}|"
             "{{ page.people | sort: 'name' | map: 'name' | join: ',' }}|"
             "{{ page.people | sort: 'info.city' | map: 'name' | join: ',' }}|"
             "{{ page.hash | sort | first | first }}"),
    # tags
    ("include_basic", "{% include greet.html name='Ann' %}|{% include greet.html name=\"B \\\"q\\\"\" n=page.num %}|"
                      "{% include greet.html name=page.s %}|{% include noext %}|{% include sub/deep.html x=1 %}"),
    ("include_params", "{% include params.html a='1' b=\"two\" c=page.arr d=page.missing %}"),
    ("include_base_path", "{% include base_path %}{{ base_path }}"),
    ("include_nested", "{% include nested.html name='outer' %}"),
    ("include_leak", "{% include leak.html %}{{ leaked }}"),
    ("include_dynamic", "{% assign which = 'dyn-a.html' %}{% include {{ which }} %}|"
                        "{% assign l = 'a' %}{% include dyn-{{ l }}.html %}"),
    ("include_in_loop", "{% for n in page.nums %}{% include greet.html name=n %}{% endfor %}"),
    ("include_slash", "{% include /greet.html name='slash' %}"),
    ("highlight", "{% highlight ruby %}\ndef x\n  1 + 2 # c\nend\n{% endhighlight %}"),
    ("highlight_linenos", "{% highlight python linenos %}\nx = 1\ny = x + 2\n{% endhighlight %}"),
    ("highlight_liquid", "{% highlight text %}{{ page.s }} <b>{% endhighlight %}"),
    ("raw", "{% raw %}{{ not rendered }} {% if %}{% endraw %}"),
    ("comment_capture", "{% comment %}gone {{ x }}{% endcomment %}{% capture c %}x{{ page.num }}{% endcapture %}{{ c }}"),
    ("post_url", "{% post_url 2020-01-05-hello %}|{% post_url 2021-02-03-second-post %}"),
    ("link", "{% link about.md %}|{% link _posts/2020-01-05-hello.md %}"),
    ("control_flow", "{% if page.empty_str %}A{% endif %}{% if page.num %}B{% endif %}"
                     "{% if 0 %}C{% endif %}{% if page.empty_arr == empty %}D{% endif %}"
                     "{% unless page.nil %}E{% endunless %}{% if page.arr contains 'a' %}F{% endif %}"
                     "{% if page.s contains 'World' %}G{% endif %}{% if page.num > 5 and page.flt < 3 %}H{% endif %}"
                     "{% case page.num %}{% when 1 %}I{% when 7, 8 %}J{% else %}K{% endcase %}"),
    ("for_hash", "{% for kv in page.hash %}{{ kv[0] }}={{ kv[1] }};{% endfor %}"),
    ("for_loop", "{% for x in page.arr limit: 2 offset: 1 %}{{ forloop.index }}{{ x }}{% endfor %}|"
                 "{% for x in page.arr reversed %}{{ x }}{% endfor %}|"
                 "{% for x in page.empty_arr %}y{% else %}none{% endfor %}"),
    ("now_nil", "[{{ now }}][{{ today }}]"),
]

CASES += [
    ("sassify", "{{ 'a\n  b: c\n  d: e' | sassify }}|{% capture css %}$x: 2px; a { b { c: $x * 2 } }"
                "{% endcapture %}{{ css | scssify }}"),
    ("include_inherits_params", "{% include nested.html name='outer' %}"),
    ("link_variable", "{% assign p = 'about.md' %}{% link {{ p }} %}"),
    ("where_exp_or", "{{ page.people | where_exp: 'p', 'p.age == 25 or p.name contains \"C\"' "
                     "| map: 'name' | join: ',' }}"),
    ("date_to_string_nil_style", "{{ page.d | date_to_string: nil, 'US' }}|"
                                 "{{ page.d | date_to_long_string: 'ordinal' }}"),
    ("number_filters_strings", "{{ '10' | divided_by: '4' }}|{{ '2.5' | times: '2' }}|"
                               "{{ '1e2' | plus: 0 }}|{{ ' 12 ' | minus: 2 }}|{{ true | plus: 1 }}"),
    ("default_types", "{{ page.hash | default: 'd' | size }}|{{ false | default: 1 }}|"
                      "{{ 0.0 | default: 'd' }}"),
]

# rendered in a second site whose _config.yml sets `timezone: TZ_CONFIG["timezone"]`
TZ_CONFIG = {**CONFIG, "timezone": "America/New_York"}
TZ_CASES = [
    ("tz_date_to", "{{ page.t | date_to_xmlschema }}|{{ page.t2 | date_to_rfc822 }}|"
                   "{{ page.d | date_to_xmlschema }}|{{ page.t | date_to_string }}"),
    ("tz_date_strings", "{{ '2020-07-01 10:00' | date_to_xmlschema }}|"
                        "{{ '2020-01-01 10:00' | date_to_xmlschema }}|"
                        "{{ '2020-07-01' | date: '%F %T %z %Z' }}|"
                        "{{ '2020-07-01T12:00:00Z' | date_to_xmlschema }}|"
                        "{{ '2020-03-08 02:30' | date: '%F %T %z' }}|"
                        "{{ 1583316672 | date: '%F %T %z %Z' }}"),
    ("tz_date_keeps_offset", "{{ page.t | date: '%F %T %z' }}|{{ page.d | date: '%F %T %z' }}"),
]
