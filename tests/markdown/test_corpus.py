"""Differential corpus: our converter vs stored kramdown 2.4 output (Jekyll options)."""

from __future__ import annotations

import pytest

from converter.markdown import KramdownConverter

from .corpus import all_cases, normalize
from .known_deviations import KNOWN_DEVIATIONS

CASES = [case for case in all_cases() if case.expected_path.exists()]
_CONVERTERS: dict = {}


def converter_for(options: dict) -> KramdownConverter:
    key = repr(sorted(options.items()))
    if key not in _CONVERTERS:
        _CONVERTERS[key] = KramdownConverter(options)
    return _CONVERTERS[key]


def _param(case):
    marks = []
    if case.name in KNOWN_DEVIATIONS:
        marks.append(pytest.mark.xfail(reason=KNOWN_DEVIATIONS[case.name], strict=True))
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_matches_kramdown(case):
    got = converter_for(case.options).convert(case.text)
    assert normalize(got) == normalize(case.expected())


def test_corpus_pass_rate_at_least_97_percent():
    passed = sum(
        normalize(converter_for(c.options).convert(c.text)) == normalize(c.expected()) for c in CASES
    )
    assert CASES, "no corpus cases found"
    assert passed / len(CASES) >= 0.97, f"{passed}/{len(CASES)}"


def test_every_known_deviation_is_a_corpus_case():
    names = {c.name for c in CASES}
    assert set(KNOWN_DEVIATIONS) <= names
