"""Building small sites in-process through the real command line (exit code, stdout, stderr)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import signal
import textwrap
from dataclasses import dataclass
from pathlib import Path

from converter import cli

EPOCH = "1767225600"
BASE_FILES = {
    "_config.yml": "title: t\n",
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "index.md": "---\nlayout: default\n---\n# Home\n",
}
INTERNAL_ERROR = "for the full backtrace"  # cli.py's words for an exception that is a bug


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def write_files(root: Path, files: dict) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content,
                            encoding="utf-8")
    return root


def make_source(root: Path, files: dict, base: bool = True) -> Path:
    return write_files(root / "src", {**(BASE_FILES if base else {}), **files})


def run_build(source: Path, dest: Path, *flags: str) -> Outcome:
    """`converter build -s SOURCE -d DEST FLAGS` in this process."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    out, err = io.StringIO(), io.StringIO()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    sigterm = signal.getsignal(signal.SIGTERM)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["build", "-s", str(source), "-d", str(dest), *flags])
    finally:  # cli.main sets up logging and SIGTERM for a whole process: undo for pytest
        root.handlers[:] = handlers
        root.setLevel(level)
        signal.signal(signal.SIGTERM, sigterm)
    return Outcome(code, out.getvalue(), err.getvalue())


def build_site(tmp_path: Path, files: dict, *flags: str, base: bool = True) -> tuple[Outcome, Path]:
    source = make_source(tmp_path, files, base)
    dest = tmp_path / "out"
    return run_build(source, dest, *flags), dest


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes (symlinks as their target text)."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = b"->" + os.fsencode(os.readlink(path))
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def assert_clean_failure(outcome: Outcome) -> None:
    assert outcome.code == 1, outcome.text
    assert "Traceback" not in outcome.text
    assert INTERNAL_ERROR not in outcome.text, outcome.text
