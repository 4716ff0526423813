"""Terminal output in Jekyll's format: a right-aligned topic, then the message."""

from __future__ import annotations

import sys

LEVELS = {"debug": 0, "info": 1, "warn": 2, "error": 3}


class Logger:
    def __init__(self, level: str = "info", out=None, err=None):
        self.level = LEVELS[level]
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.warned: set[str] = set()
        self.warnings: list[str] = []

    @staticmethod
    def format(topic: str, message: str = "") -> str:
        return f"{topic} ".rjust(20) + str(message) if topic else " " * 20 + str(message)

    def _write(self, level: str, stream, topic: str, message: str) -> None:
        if LEVELS[level] >= self.level:
            print(self.format(topic, message), file=stream, flush=True)

    def debug(self, topic: str, message: str = "") -> None:
        self._write("debug", self.out, topic, message)

    def info(self, topic: str, message: str = "") -> None:
        self._write("info", self.out, topic, message)

    def warn(self, topic: str, message: str = "") -> None:
        self.warnings.append(f"{topic} {message}".strip())
        self._write("warn", self.err, topic, message)

    def warn_once(self, topic: str, message: str = "") -> None:
        if (topic, message) not in self.warned:
            self.warned.add((topic, message))
            self.warn(topic, message)

    def error(self, topic: str, message: str = "") -> None:
        self._write("error", self.err, topic, message)
