import pytest

from tests.serve.cdp import Browser, find_chromium


@pytest.fixture(scope="session")
def browser():
    binary = find_chromium()
    if binary is None:
        pytest.skip("chromium is not installed (scripts/test installs it with apt when root)")
    chromium = Browser(binary)
    yield chromium
    chromium.close()
