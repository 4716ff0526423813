"""Rouge's RegexLexer (rouge/regex_lexer.rb) in Python.

A lexer class defines ``STATES``: state name -> list of rules. A rule is
``(regex_source, action, next_state)`` where action is a Rouge token short
name ('' for Text) or a callable ``action(lexer, match)``; next_state is
None, a state name, ``"#pop"`` or ``"#push"``. ``("mixin", name)`` includes
another state's rules. Regex sources are Ruby syntax (compiled by ``rx``);
as in Rouge, rules whose source starts with ``^`` only run at line starts and
matching happens as if the text started at the current position.
"""

from __future__ import annotations

import re

from ..first_chars import first_chars
from ..rx import rx
from ..scanner import in_place_safe

PYTHON_REGEX = "(?#py)"  # rule sources starting with this are Python syntax already


def compile_rule_regex(source: str, dotall: bool):
    if source.startswith(PYTHON_REGEX):  # the marker is dropped: anchoring checks see the rule itself
        return re.compile(source[len(PYTHON_REGEX):], re.M | (re.S if dotall else 0))
    return rx(source, dotall=dotall)

MAX_NULL_SCANS = 5


class RougeLexer:
    STATES: dict[str, list] = {}
    START: list[str] = ["root"]
    _compiled: dict | None = None
    _by_char: dict | None = None

    def __init__(self):
        self.stack = list(self.START)
        self.output: list[tuple[str, str]] = []
        self.match = None
        self.dynamic_states: dict[str, list] = {}

    @classmethod
    def compiled_states(cls) -> dict:
        """States as flat rule lists (mixins expanded in place, as Rouge's step
        visits them), each rule with its regex compiled and its anchoring flags."""
        if cls.__dict__.get("_compiled") is None:
            cls._compiled = {name: _flatten(cls.STATES, name, set()) for name in cls.STATES}
            cls._by_char = {}
        return cls._compiled

    @classmethod
    def rules_for(cls, state_name: str, char: str) -> list:
        """The rules of a (static) state that can match at ``char``, in order:
        rules whose regex cannot start with that character are left out."""
        rules = cls._compiled[state_name]
        if char > "\x7f":
            filtered = rules
        else:
            filtered = []
            for rule in rules:
                chars = first_chars(rule[0])
                if chars is None or char in chars:
                    filtered.append(rule)
        cls._by_char.setdefault(state_name, {})[char] = filtered
        return filtered

    # Rouge's callback API

    def token(self, tok: str, value: str | None = None):
        value = self.match.group(0) if value is None else value
        if value:
            self.output.append((tok, value))

    def groups(self, *tokens: str):
        for i, tok in enumerate(tokens, 1):
            value = self.match.group(i)
            if value:
                self.output.append((tok, value))

    def push(self, state: str | None = None):
        self.stack.append(state or self.stack[-1])

    def pop(self, times: int = 1):
        del self.stack[len(self.stack) - times:]

    def goto(self, state: str):
        self.stack[-1] = state

    def recurse(self, text: str):
        self.output.extend(type(self)().lex(text))

    def delegate(self, lang_tag: str | None, text: str, token: str = ""):
        """Rouge's delegate: lex ``text`` with another language's lexer
        (PlainText yielding ``token`` when Rouge has no lexer for it)."""
        if not text:
            return
        from converter.highlight import lex_tokens
        self.output.extend(lex_tokens(text, lang_tag, plain_token=token))

    def push_rules(self, rules: list):
        """push do ... end: a state defined on the fly."""
        name = f"dynamic-{len(self.dynamic_states)}"
        self.dynamic_states[name] = _flatten({**self.STATES, name: rules}, name, set())
        self.stack.append(name)

    # driving

    def lex(self, text: str) -> list[tuple[str, str]]:
        """Tokens as (short class name, text), consecutive same-class tokens merged.

        ``_lex_general`` with ``_step`` inlined and its state in locals (the
        stack and output lists are only ever changed in place by callbacks);
        the tests compare the two on every lexer."""
        states = self.compiled_states()
        by_char = self._by_char
        self.output = output = []
        self._text = text
        self._rest_pos = -1
        stack = self.stack
        dynamic_states = self.dynamic_states
        end = len(text)
        pos = 0
        null_steps = 0
        rest = text
        rest_pos = -1
        while pos < end:
            at_bol = pos == 0 or text[pos - 1] == "\n"
            if not stack:  # Rouge raises 'empty stack!'; keep lexing from root instead
                stack.append("root")
            state_name = stack[-1]
            rules = by_char.get(state_name)
            if rules is not None:
                rules = rules.get(text[pos])
            if rules is None:
                if state_name in states:
                    rules = self.rules_for(state_name, text[pos])
                else:
                    rules = dynamic_states[state_name]
            in_place = pos == 0
            for regex, action, next_state, bol_only, safe_at_bol, safe_anywhere in rules:
                if bol_only and not at_bol:
                    continue
                if in_place or safe_anywhere or (at_bol and safe_at_bol):
                    m = regex.match(text, pos)
                    if m is None:
                        continue
                    size = m.end() - pos
                else:
                    if rest_pos != pos:
                        rest = text[pos:]
                        rest_pos = pos
                    m = regex.match(rest)
                    if m is None:
                        continue
                    size = m.end()
                self.match = m
                if action.__class__ is str:
                    output.append((action, m.group(0)))
                    if next_state is not None:
                        if next_state == "#pop":
                            stack.pop()
                        elif next_state == "#push":
                            stack.append(stack[-1])
                        else:
                            stack.append(next_state)
                elif callable(action):
                    action(self, m)
                else:
                    output.append((action, m.group(0)))
                    if next_state == "#pop":
                        stack.pop()
                    elif next_state == "#push":
                        stack.append(stack[-1])
                    elif next_state is not None:
                        stack.append(next_state)
                if size == 0:
                    null_steps += 1
                    if null_steps > MAX_NULL_SCANS:
                        break  # as no rule matching
                else:
                    null_steps = 0
                pos += size
                break
            else:
                output.append(("err", text[pos]))
                pos += 1
                continue
            if size == 0 and null_steps > MAX_NULL_SCANS:
                output.append(("err", text[pos]))
                pos += 1
        return merge_tokens(output)

    def _lex_general(self, text: str) -> list[tuple[str, str]]:
        """lex() as Rouge's loop reads: one _step per token."""
        states = self.compiled_states()
        self.output = []
        self._text = text
        self._rest_pos = -1
        pos = 0
        null_steps = [0]
        while pos < len(text):
            at_bol = pos == 0 or text[pos - 1] == "\n"
            if not self.stack:  # Rouge raises 'empty stack!'; keep lexing from root instead
                self.stack.append("root")
            consumed = self._step(states, self.stack[-1], pos, at_bol, null_steps)
            if consumed is None:
                self.output.append(("err", text[pos]))
                pos += 1
            else:
                pos += consumed
        return merge_tokens(self.output)

    def _step(self, states, state_name, pos, at_bol, null_steps):
        text = self._text
        rules = self._by_char.get(state_name)
        if rules is not None:
            rules = rules.get(text[pos])
        if rules is None:
            if state_name in states:
                rules = self.rules_for(state_name, text[pos])
            else:
                rules = self.dynamic_states[state_name]
        in_place = pos == 0
        for regex, action, next_state, bol_only, safe_at_bol, safe_anywhere in rules:
            if bol_only and not at_bol:
                continue
            # match where Rouge's StringScanner would: in place when anchoring cannot differ
            if in_place or safe_anywhere or (at_bol and safe_at_bol):
                m = regex.match(text, pos)
                if m is None:
                    continue
                size = m.end() - pos
            else:
                if self._rest_pos != pos:
                    self._rest = text[pos:]
                    self._rest_pos = pos
                m = regex.match(self._rest)
                if m is None:
                    continue
                size = m.end()
            self.match = m
            if callable(action):
                action(self, m)
            else:
                self.output.append((action, m.group(0)))
                if next_state == "#pop":
                    self.stack.pop()
                elif next_state == "#push":
                    self.stack.append(self.stack[-1])
                elif next_state is not None:
                    self.stack.append(next_state)
            if size == 0:
                null_steps[0] += 1
                if null_steps[0] > MAX_NULL_SCANS:
                    return None
            else:
                null_steps[0] = 0
            return size
        return None


def _flatten(states: dict, name: str, seen: set) -> list:
    """The rules of state ``name`` with mixins expanded, compiled."""
    rules = []
    for rule in states[name]:
        if rule[0] == "mixin":
            if rule[1] not in seen:  # a state mixing itself in adds nothing new
                rules.extend(_flatten(states, rule[1], seen | {name}))
            continue
        regex = compile_rule_regex(rule[0], len(rule) > 3 and rule[3])
        bol_only = rule[0].removeprefix(PYTHON_REGEX).startswith("^")
        rules.append((regex, rule[1], rule[2], bol_only, *in_place_safe(regex)))
    return rules


def merge_tokens(tokens):
    merged: list[tuple[str, str]] = []
    for tok, value in tokens:
        if not value:
            continue
        if merged and merged[-1][0] == tok:
            merged[-1] = (tok, merged[-1][1] + value)
        else:
            merged.append((tok, value))
    return merged
