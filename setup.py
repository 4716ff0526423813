"""Wheels carry the demo site as converter/theme, for `converter new`.

The theme has one source: the demo site at the repository root.  In a checkout
(and an editable install) `converter new` reads it there; a built wheel gets a
copy made here, at build time, so that the repository holds it only once.
"""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def load_new_module():
    spec = importlib.util.spec_from_file_location("converter_new", ROOT / "converter" / "new.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # stdlib only: safe to load before installing
    return module


class BuildPyWithTheme(build_py):
    def run(self):
        super().run()
        theme = Path(self.build_lib) / "converter" / "theme"
        count = load_new_module().sync_theme(ROOT, theme)
        print(f"converter/theme: {count} files from the demo site")


setup(cmdclass={"build_py": BuildPyWithTheme})
