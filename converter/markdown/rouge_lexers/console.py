"""Rouge 3.30 lexers/console.rb (tag console; terminal, shell_session): shell
sessions with the default options (prompts end in $ # > or ;, shell input,
Generic.Output output)."""

from __future__ import annotations

import re

from .engine import merge_tokens
from .shell import ShellLexer

LINE = re.compile(r"(.*?)(\n|$)")
SNIP = re.compile(r"\A[ \t\n\v\f\r]*(?:<[.]+>|[.]+)[ \t\n\v\f\r]*\Z")
PROMPT = re.compile(r"^(?s:.*?)(?:\$|\#|>|;)")
LEADING_SPACE = re.compile(r"\A[ \t\n\v\f\r]*")


class ConsoleLexer:
    def lex(self, text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        shell = ShellLexer()
        pos = 0
        while pos < len(text):
            line = LINE.match(text, pos).group(0)
            if not line:  # `(.*?)(\n|$)` matched nothing: Rouge would stop here too
                break
            pos += len(line)
            shell = self._line_tokens(line, shell, tokens)
        return merge_tokens(tokens)

    @staticmethod
    def _line_tokens(line: str, shell: ShellLexer, tokens: list) -> ShellLexer:
        """Tokens of one line; returns the shell lexer to continue with."""
        if SNIP.match(line):
            tokens.append(("c", line))
            return ShellLexer()
        prompt = PROMPT.match(line)
        if prompt:
            tokens.append(("gp", prompt.group(0)))
            rest = line[prompt.end():]
            space = LEADING_SPACE.match(rest).group(0)
            if space:
                tokens.append(("w", space))
            tokens.extend(shell.lex(rest[len(space):]))
            return shell
        tokens.append(("go", line))
        return ShellLexer()
