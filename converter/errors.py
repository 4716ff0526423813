"""Errors a user can act on: they name the file and line, and the exit code."""

from __future__ import annotations


class BuildError(Exception):
    """A problem in the site's sources that stops the build (exit code 1)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.exit_code = exit_code

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message
