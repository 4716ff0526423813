"""Fixtures of the Liquid tests: a small site whose parse warnings are collected."""

import pytest

from .fakesite import make_site


@pytest.fixture
def warnings_seen() -> list:
    return []


@pytest.fixture
def site(tmp_path, warnings_seen):
    return make_site(tmp_path, on_warning=warnings_seen.append)
