"""Rouge 3.30 lexers/yaml.rb (tag yaml; yml), with its indentation tracking."""

from __future__ import annotations

import re

from .engine import PYTHON_REGEX, RougeLexer

PLAIN_SCALAR_START = r"[^ \t\n\r\f\v?:,\[\]{}#&*!\|>'\"%@`]"


def ruby_to_i(text: str) -> int:
    """String#to_i: the leading (signed) integer, 0 if none."""
    m = re.match(r"[ \t\n\v\f\r]*([+-]?[0-9]+)", text)
    return int(m.group(1)) if m else 0


class YAMLLexer(RougeLexer):
    def __init__(self):
        super().__init__()
        self.reset_indent()

    # indentation bookkeeping (yaml.rb)

    def reset_indent(self):
        self.indent_stack = [0]
        self.next_indent = 0
        self.block_scalar_indent = None

    @property
    def indent(self) -> int:
        return self.indent_stack[-1]

    def save_indent(self, match: str) -> tuple[str, str]:
        self.next_indent = len(match)
        if self.next_indent < self.indent:
            while self.next_indent < self.indent:
                self.indent_stack.pop()
            return match[: self.indent], match[self.indent:]
        return match, ""

    def continue_indent(self, match: str):
        self.next_indent += len(match)

    def set_indent(self, match: str, implicit: bool = False):
        if self.indent < self.next_indent:
            self.indent_stack.append(self.next_indent)
        if not implicit:
            self.next_indent += len(match)


def _directive(state):
    def action(lexer, m):
        lexer.token("nt")
        lexer.reset_indent()
        lexer.push(state)
    return action


def _document_marker(lexer, m):
    lexer.token("nn")
    lexer.reset_indent()
    lexer.push("block_line")


def _line_start(lexer, m):
    text, err = lexer.save_indent(m.group(0))
    lexer.token("", text)
    lexer.token("err", err)
    lexer.push("block_line")
    lexer.push("indentation")


def _blank_line_end(lexer, m):
    lexer.token("")
    lexer.pop(2)


def _indent_continue(lexer, m):
    lexer.token("")
    lexer.continue_indent(m.group(0))


def _indicator(lexer, m):
    lexer.set_indent(m.group(0))
    lexer.token("pi")


def _indent_done(lexer, m):
    lexer.token("")
    lexer.continue_indent(m.group(0))
    lexer.pop()


def _mapping_key(lexer, m):
    lexer.groups("na", "pi")
    lexer.set_indent(m.group(0), implicit=True)


def _block_scalar(lexer, m):
    lexer.token("pi")
    lexer.push("block_scalar_content")
    lexer.push("block_scalar_header")


def _blank_scalar_line(lexer, m):
    text = m.group(0)
    mark = lexer.block_scalar_indent if lexer.block_scalar_indent is not None else len(text)
    lexer.token("", text[:mark])
    lexer.token("no", text[mark:])


def _scalar_line_indent(lexer, m):
    lexer.token("")
    size = len(m.group(0))
    dedent_level = lexer.block_scalar_indent if lexer.block_scalar_indent is not None else lexer.indent
    if lexer.block_scalar_indent is None:
        lexer.block_scalar_indent = size
    if size < dedent_level:
        lexer.save_indent(m.group(0))
        lexer.pop()
        lexer.push("indentation")


def _block_scalar_header(lexer, m):
    lexer.block_scalar_indent = None
    lexer.goto("ignored_line")
    if not m.group(0):
        return
    increment = m.group(1) if m.group(1) is not None else m.group(2)
    if increment is not None:
        lexer.block_scalar_indent = lexer.indent + ruby_to_i(increment)
    lexer.token("pi")


def _new_line_indent(lexer, m):
    lexer.token("")
    lexer.pop()
    if len(m.group(0)) <= lexer.indent:
        lexer.pop()
        lexer.save_indent(m.group(0))
        lexer.push("indentation")


def _push_only(state):
    def action(lexer, m):
        lexer.push(state)
    return action


def _token_push(tok, state):
    def action(lexer, m):
        lexer.token(tok)
        lexer.push(state)
    return action


def _groups_goto(tokens, state):
    def action(lexer, m):
        lexer.groups(*tokens)
        lexer.goto(state)
    return action


YAMLLexer.STATES = {
    "basic": [(r"#.*$", "c1", None)],
    "root": [
        ("mixin", "basic"),
        (r"\n+", "", None),
        (r"[ ]+(?=#|$)", "", None),
        (r"^%YAML\b", _directive("yaml_directive"), None),
        (r"^%TAG\b", _directive("tag_directive"), None),
        (r"^(?:---|\.\.\.)(?= |$)", _document_marker, None),
        (r"[ ]*(?!\s|$)", _line_start, None),
    ],
    "indentation": [
        (r"\s*?\n", _blank_line_end, None),
        (r"[ ]+(?=[-:?](?:[ ]|$))", _indent_continue, None),
        (r"[?:-](?=[ ]|$)", _indicator, None),
        (r"[ ]*", _indent_done, None),
    ],
    "block_line": [
        (r"[ ]*(?=#|$)", "", "#pop"),
        (r"[ ]+", "", None),
        ("mixin", "descriptors"),
        ("mixin", "block_nodes"),
        ("mixin", "flow_nodes"),
        (rf"(?={PLAIN_SCALAR_START}|[?:-][^ \t\n\r\f\v])", _token_push("nv", "plain_scalar_in_block_context"), None),
    ],
    "descriptors": [
        (r"!<[0-9A-Za-z;\/?:@&=+$,_.!~*'()\[\]%-]+>", "kt", None),
        (r"(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()\[\]%-]*)", "kt", None),
        (PYTHON_REGEX + r"&[\w-]+", "nl", None),
        (PYTHON_REGEX + r"\*[\w-]+", "nv", None),
    ],
    "block_nodes": [
        (r"([^#,:?\[\]{}\"'\n]+)(:)(?=\s|$)", _mapping_key, None),
        (r"[\|>][+-]?", _block_scalar, None),
    ],
    "flow_nodes": [
        (r"\[", "pi", "flow_sequence"),
        (r"\{", "pi", "flow_mapping"),
        (r"'", "s1", "single_quoted_scalar"),
        (r"\"", "s2", "double_quoted_scalar"),
    ],
    "flow_collection": [
        (r"\s+", "", None, True),
        ("mixin", "basic"),
        (r"[?:,]", "pi", None),
        ("mixin", "descriptors"),
        ("mixin", "flow_nodes"),
        (rf"(?={PLAIN_SCALAR_START})", _push_only("plain_scalar_in_flow_context"), None),
    ],
    "flow_sequence": [(r"\]", "pi", "#pop"), ("mixin", "flow_collection")],
    "flow_mapping": [(r"\}", "pi", "#pop"), ("mixin", "flow_collection")],
    "block_scalar_content": [
        (r"\n+", "", None),
        (r"^[ ]+$", _blank_scalar_line, None),
        (r"^[ ]*", _scalar_line_indent, None),
        (r"[^\n\r\f\v]+", "s", None),
    ],
    "block_scalar_header": [
        (r"(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)", _block_scalar_header, None),
    ],
    "ignored_line": [
        ("mixin", "basic"),
        (r"[ ]+", "", None),
        (r"\n", "", "#pop"),
    ],
    "quoted_scalar_whitespaces": [
        (r"^[ ]+", "", None),
        (r"[ ]+$", "", None),
        (r"\n+", "", None, True),
        (r"[ ]+", "nv", None),
    ],
    "single_quoted_scalar": [
        ("mixin", "quoted_scalar_whitespaces"),
        (r"\\'", "se", None),
        (r"'", "s", "#pop"),
        (r"[^\s']+", "s", None),
    ],
    "double_quoted_scalar": [
        (r"\"", "s", "#pop"),
        ("mixin", "quoted_scalar_whitespaces"),
        (r"\\[0abt\tn\nvfre \"\\N_LP]", "se", None),
        (r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", "se", None),
        (r"[^ \t\n\r\f\v\"\\]+", "s", None),
    ],
    "plain_scalar_in_block_context_new_line": [
        (r"^[ ]+\n", "", None),
        (r"\n+", "", None, True),
        (r"^(?=---|\.\.\.)", lambda lx, m: lx.pop(3), None),
        (r"^[ ]*", _new_line_indent, None),
    ],
    "plain_scalar_in_block_context": [
        (r"[ ]*(?=:[ \n]|:$)", "", "#pop"),
        (r"[ ]*:\S+", "s", None),
        (r"[ ]+(?=#)", "", "#pop"),
        (r"[ ]+$", "", None),
        (r"\n+", _token_push("", "plain_scalar_in_block_context_new_line"), None),
        (r"[ ]+", "s", None),
        (r"true|false|null", "no", None),
        (r"\d+(?:\.\d+)?(?=(\r?\n)| +#)", "m", "#pop"),
        (r"[^\s:]+", "s", None),
    ],
    "plain_scalar_in_flow_context": [
        (r"[ ]*(?=[,:?\[\]{}])", "", "#pop"),
        (r"[ ]+(?=#)", "", "#pop"),
        (r"^[ ]+", "", None),
        (r"[ ]+$", "", None),
        (r"\n+", "", None),
        (r"[ ]+", "nv", None),
        (r"[^\s,:?\[\]{}]+", "nv", None),
    ],
    "yaml_directive": [
        (r"([ ]+)(\d+\.\d+)", _groups_goto(("", "m"), "ignored_line"), None),
    ],
    "tag_directive": [
        (r"([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+)",
         _groups_goto(("", "kt", "", "kt"), "ignored_line"), None),
    ],
}
