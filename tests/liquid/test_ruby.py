"""Ruby semantics helpers, against values printed by Ruby 3.1 (as Debian ships it)."""

import datetime as dt

import pytest

from converter.liquid import ruby
from converter.rubytypes import RubyDate, RubyTime

# TZ=UTC ruby -rtime -e 'puts Time.parse(s).strftime("%F %T %z") rescue "ERR"'
TIME_PARSE = [
    ('2020-01-01', '2020-01-01 00:00:00 +0000'),
    ('2020-1-2', '2020-01-02 00:00:00 +0000'),
    ('2020-01-01 10:00:00', '2020-01-01 10:00:00 +0000'),
    ('2020-01-01T10:00:00Z', '2020-01-01 10:00:00 +0000'),
    ('2020-01-01T10:00:00.123+02:00', '2020-01-01 10:00:00 +0200'),
    ('2020-01-01 10:00:00 -0500', '2020-01-01 10:00:00 -0500'),
    ('2020-01-01 10:00', '2020-01-01 10:00:00 +0000'),
    ('January 1, 2020', '2020-01-01 00:00:00 +0000'),
    ('Jan 1 2020', '2020-01-01 00:00:00 +0000'),
    ('1 January 2020', '2020-01-01 00:00:00 +0000'),
    ('1st January 2020', '2020-01-01 00:00:00 +0000'),
    ('Wed, 01 Jan 2020 00:00:00 +0000', '2020-01-01 00:00:00 +0000'),
    ('01/02/2020', '2020-02-01 00:00:00 +0000'),
    ('2020/01/02', '2020-01-02 00:00:00 +0000'),
    ('March 2020', '2020-03-01 00:00:00 +0000'),
    ('2020-03', 'ERR'),
    ('2020', 'ERR'),
    ('Sept 5, 2019', '2019-09-05 00:00:00 +0000'),
    ('5 Sep 2019 3pm', '2019-09-05 15:00:00 +0000'),
    ('2019-12-31 23:59:59 UTC', '2019-12-31 23:59:59 +0000'),
    ('garbage', 'ERR'),
]


@pytest.mark.parametrize("text,expected", TIME_PARSE)
def test_time_parse_like_ruby(text, expected):
    parsed = ruby.parse_time(text, dt.timezone.utc)
    shown = parsed.strftime("%Y-%m-%d %H:%M:%S %z") if parsed else "ERR"
    assert shown == expected


# ruby -e 'p [1.0, 3.3, 1e16, ...].map(&:to_s)'
FLOATS = [(1.0, "1.0"), (3.3, "3.3"), (1e16, "1.0e+16"), (1e15, "1.0e+15"),
          (1e14, "100000000000000.0"), (0.0001, "0.0001"), (0.00001, "1.0e-05"),
          (-2.5, "-2.5"), (1.23e-7, "1.23e-07"), (123456789.123, "123456789.123"),
          (1234567890123456.0, "1.234567890123456e+15"), (123456789012345.0, "123456789012345.0"),
          (12345678901234567.0, "1.2345678901234568e+16"), (float("inf"), "Infinity")]


@pytest.mark.parametrize("value,expected", FLOATS)
def test_float_to_s(value, expected):
    assert ruby.float_to_s(value) == expected


def test_strftime_directives():
    # ruby -e 't=Time.utc(2020,1,5,13,4,5); puts t.strftime("...")'
    moment = RubyTime(2020, 1, 5, 13, 4, 5, tzinfo=dt.timezone.utc)
    fmt = "%-d %e %b %B %Y %-m %I %l %p %j %A %a %^b %Z %z %:z %s %L %N %F %T %c %%"
    assert ruby.strftime(moment, fmt) == (
        "5  5 Jan January 2020 1 01  1 PM 005 Sunday Sun JAN UTC +0000 +00:00 1578229445 "
        "000 000000000 2020-01-05 13:04:05 Sun Jan  5 13:04:05 2020 %")


def test_strftime_on_a_date():
    # ruby -rdate -e 'puts Date.new(2020,1,5).strftime("%z|%Z|%s|%H|%L|%N|%:z|%c|%p|%I")'
    assert ruby.strftime(RubyDate(2020, 1, 5), "%z|%Z|%s|%H|%L|%N|%:z|%c|%p|%I") == \
        "+0000|+00:00|1578182400|00|000|000000000|+00:00|Sun Jan  5 00:00:00 2020|AM|12"


def test_inspect():
    assert ruby.inspect({"a": 1, "b": [1, "x", None, 2.0]}) == '{"a"=>1, "b"=>[1, "x", nil, 2.0]}'
    assert ruby.inspect('say "hi"\n#{x} \\') == '"say \\"hi\\"\\n\\#{x} \\\\"'


def test_pretty_json_like_json_2_6():
    # ruby -rjson -e 'puts JSON.pretty_generate({"a"=>[], "b"=>{}, "c"=>[1,{"d"=>nil}], "e"=>1.0})'
    value = {"a": [], "b": {}, "c": [1, {"d": None}], "e": 1.0}
    assert ruby.to_json(value, pretty=True) == (
        '{\n  "a": [\n\n  ],\n  "b": {\n  },\n  "c": [\n    1,\n    {\n      "d": null\n'
        '    }\n  ],\n  "e": 1.0\n}')
    assert ruby.to_json([], pretty=True) == "[\n\n]"


def test_json_escapes_like_ruby():
    # ruby -rjson -e 'puts JSON.generate("\u2028</script>\x7f\u00e9\x01")'
    assert ruby.to_json("\u2028</script>\x7f\xe9\x01") == '"\u2028</script>\x7f\xe9\\u0001"'



def test_jsonify_of_linked_documents_terminates_and_collapses():
    from collections.abc import Mapping

    class Doc(Mapping):
        def __init__(self, name):
            self.data = {"name": name, "content": "c-" + name, "previous": None, "next": None}

        def __getitem__(self, key):
            return self.data[key]

        def __iter__(self):
            return iter(self.data)

        def __len__(self):
            return len(self.data)

    first, second = Doc("1"), Doc("2")
    first.data["next"], second.data["previous"] = second, first
    text = ruby.to_json(second)
    # depth 0: second; 1: first (full); 2: second with collapsed neighbours
    assert text == ('{"name":"2","content":"c-2","previous":{"name":"1","content":"c-1",'
                    '"previous":null,"next":{"name":"2","content":"c-2","previous":'
                    '{"name":"1"},"next":null}},"next":null}')


@pytest.mark.parametrize("text,expected", [("42", 42), (" 42 ", 42), ("4_2", 42), ("0x1A", 26)])
def test_to_integer(text, expected):
    assert ruby.to_integer(text) == expected


@pytest.mark.parametrize("text", ["4x", "", "1.5"])
def test_to_integer_rejects(text):
    with pytest.raises(ruby.LiquidArgumentError):
        ruby.to_integer(text)


@pytest.mark.parametrize("text,expected", [("7,42", 7), ("  -3abc", -3), ("abc", 0), ("1_000", 1000)])
def test_string_to_i(text, expected):
    assert ruby.string_to_i(text) == expected


def _tz(hours: int, minutes: int = 0) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes))


# the values strftime_matrix.json was printed for (Time.new(2020, 1, 5, 13, 4, 5.123456r,
# "+01:00"), Time.new(1999, 12, 31, 0, 0, 0, "-05:30"), Time.utc(2024, 2, 29, 23, 59, 59),
# Time.new(2021, 7, 4, 9, 7, 3, "+00:00"), Date.new(2020, 1, 5))
STRFTIME_VALUES = {
    "t_plus0100": RubyTime(2020, 1, 5, 13, 4, 5, 123456, tzinfo=_tz(1)),
    "t_minus0530": RubyTime(1999, 12, 31, 0, 0, 0, tzinfo=_tz(-5, -30)),
    "t_utc": RubyTime(2024, 2, 29, 23, 59, 59, tzinfo=dt.timezone.utc),
    "t_plus0000": RubyTime(2021, 7, 4, 9, 7, 3, tzinfo=_tz(0)),
    "date": RubyDate(2020, 1, 5),
}


def test_strftime_matrix_like_ruby():
    import json
    from pathlib import Path

    rows = json.loads((Path(__file__).parent / "strftime_matrix.json").read_text())["rows"]
    wrong = [(fmt, label, ruby.strftime(STRFTIME_VALUES[label], fmt), expected)
             for fmt, label, expected in rows
             if ruby.strftime(STRFTIME_VALUES[label], fmt) != expected]
    assert wrong == []
