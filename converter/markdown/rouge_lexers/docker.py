"""Rouge 3.30 lexers/docker.rb (tag docker; dockerfile, Dockerfile)."""

from __future__ import annotations

from .engine import RougeLexer
from .shell import ShellLexer

KEYWORDS = ("FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG"
            "|STOPSIGNAL|HEALTHCHECK|SHELL")


def _run(lexer, m):
    lexer.token("k")
    lexer.push("run")
    lexer.shell = ShellLexer()  # @shell.reset!


def _shell(lexer, m):
    # delegate @shell: one Shell lexer continued across the RUN instruction's pieces
    lexer.output.extend(lexer.shell.lex(m.group(0)))


class DockerLexer(RougeLexer):
    def __init__(self):
        super().__init__()
        self.shell = ShellLexer()

    STATES = {
        "root": [
            (r"\s+", "", None),
            (r"^(?i:(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*))", lambda lx, m: lx.groups("k", "w", "s", "w", "k", "w", "s"), None),
            (rf"^(?i:(ONBUILD)(\s+)({KEYWORDS})(.*))", lambda lx, m: lx.groups("k", "w", "k", "s"), None),
            (rf"^(?i:({KEYWORDS})\b(.*))", lambda lx, m: lx.groups("k", "s"), None),
            (r"#.*?$", "c", None),
            (r"^(?i:(ONBUILD\s+)?RUN(\s+))", _run, None),
            (r"\w+", "", None),
            (r"[^\w]+", "", None),
            (r".", "", None),
        ],
        "run": [
            (r"\n", "", "#pop"),
            (r"\\.", "se", None, True),
            (r"(\\.|[^\n\\])+", _shell, None),
        ],
    }
