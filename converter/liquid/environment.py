"""python-liquid 2 configured to behave as Jekyll 4.3.1's Liquid (Ruby liquid 5.4).

Jekyll's defaults (`liquid: error_mode: warn, strict_filters: false,
strict_variables: false`) mean:
- a tag or output that Ruby's strict parser rejects is re-read by Ruby's lax
  parser, with a "Liquid Warning"; python-liquid has no lax parser, so
  `_parse` rewrites such markup the way Ruby's lax regexes read it
  (`{{ x | "str" }}` -> `{{ x | str }}`, `{% if (a or b) %}` -> `a or b`),
  then parses the rewrite strictly.  Anything else (unknown tags, unclosed
  blocks) is an error, as in Jekyll;
- render errors always raise (Jekyll uses `render!`);
- unknown filters return their input; undefined variables are nil.
"""

from __future__ import annotations

import re
import warnings
from typing import Any, Callable, Iterable, Iterator, Mapping

from liquid import BoundTemplate, Environment, RenderContext
from liquid.builtin.output import OutputNode
from liquid.builtin.output import Output as _BuiltinOutput
from liquid.builtin.tags.echo_tag import EchoNode, EchoTag
from liquid.context import ReadOnlyChainMap
from liquid.exceptions import LiquidSyntaxError, UndefinedError, UnknownFilterError
from liquid.mode import Mode
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG, Token
from liquid.undefined import Undefined

from .ruby import BLANK, EMPTY, to_s


class LiquidWarning(UserWarning):
    """A template Jekyll would parse with a 'Liquid Warning' (lax fallback)."""


# --------------------------------------------------------------------------
# rendering: Ruby's to_s for output, nil for undefined, Jekyll's error messages


class RubyOutputNode(OutputNode):
    """`{{ x }}` printing Ruby's to_s (`nil` -> "", floats `1.0`, arrays joined)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer) -> int:
        return buffer.write(to_s(self.expression.evaluate(context)))


class RubyOutput(_BuiltinOutput):
    node_class = RubyOutputNode


class RubyEchoNode(EchoNode):
    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer) -> int:
        return buffer.write(to_s(self.expression.evaluate(context)))


class RubyEcho(EchoTag):
    node_class = RubyEchoNode


class JekyllContext(RenderContext):
    """A render context without python-liquid's `now`/`today` globals (nil in Ruby)."""

    __slots__ = ()

    def __init__(self, template: BoundTemplate, **kwargs: Any):
        super().__init__(template, **kwargs)
        self.scope = ReadOnlyChainMap(self.locals, self.globals, self.counters)

    def filter(self, name: str, token: Token | None) -> Callable[..., object]:  # noqa: A003
        try:
            return super().filter(name, token)
        except UnknownFilterError:
            raise UnknownFilterError(f"undefined filter {name}", token=token) from None


class JekyllTemplate(BoundTemplate):
    context_class = JekyllContext


class StrictVariableUndefined(Undefined):
    """strict_variables: looking up a missing variable is an error, as in Ruby."""

    __slots__ = ()

    def __init__(self, name: str, *, token=None, obj=None, hint=None):
        missing = name
        if hint and " is undefined" in hint:  # "page.foo is undefined" -> foo
            missing = re.split(r"[.\[\]'\"]+", hint.split(" is undefined")[0].strip("'"))
            missing = [part for part in missing if part][-1]
        raise UndefinedError(f"undefined variable {missing}", token=token)


# --------------------------------------------------------------------------
# Ruby's lax parser, as markup rewriting

_QUOTED = r"\"[^\"]*\"|'[^']*'"
_FRAGMENT = rf"(?:{_QUOTED}|(?:[^\s,|'\"]|{_QUOTED})+)"
_FRAGMENT_RE = re.compile(_FRAGMENT)
_MARKUP_WITH_FRAGMENT = re.compile(rf"({_FRAGMENT})(.*)", re.S)
_FILTER_MARKUP = re.compile(r"\|\s*(.*)", re.S)
_FILTER_PARSER = re.compile(rf"(?:\s+|{_FRAGMENT}|,)+")
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{_FRAGMENT})")
_KEYWORD_ARG = re.compile(rf"(\w+)\s*:\s*({_FRAGMENT})\Z", re.S)
_WORD = re.compile(r"\w+")
_INTEGER = re.compile(r"-?\d+")
_FLOAT = re.compile(r"-?\d[\d.]+")
_RANGE = re.compile(r"\(\s*(\S+?)\s*\.\.\s*(\S+)\s*\)")
_LOOKUP_PART = re.compile(r"\[[^\]]+\]|[\w-]+\??")
_IDENTIFIER = re.compile(r"[a-zA-Z_\u0080-\uffff][\w\-\u0080-\uffff]*")
# words python-liquid lexes as keywords even after a dot (`page.nil`)
_KEYWORDS = frozenset("nil null true false empty blank and or not contains in with for as "
                      "by limit offset reversed cols continue required if else".split())
_LITERALS = {"nil": "nil", "null": "nil", "": "nil", "true": "true", "false": "false",
             "blank": "blank", "empty": "empty"}
_CONDITION_PARTS = re.compile(
    rf"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)(?:{_FRAGMENT}|\S+)\s*)+)")
_CONDITION = re.compile(rf"({_FRAGMENT})\s*([=!<>a-z_]+)?\s*({_FRAGMENT})?")
_OPERATORS = {"==", "!=", "<>", "<", ">", "<=", ">=", "contains"}
_FOR_SYNTAX = re.compile(rf"\A([\w-]+)\s+in\s+((?:{_FRAGMENT})+)\s*(reversed)?")
_TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({_FRAGMENT})")
_ASSIGN_SYNTAX = re.compile(r"((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*?)\s*\Z", re.S)


def lax_expression(markup: str, in_condition: bool = False) -> str:
    """Liquid::Expression.parse, written back as strict markup.  Outside
    conditions `empty` and `blank` are plain '' (Liquid 5.4's LITERALS)."""
    markup = markup.strip()
    if len(markup) >= 2 and markup[0] == markup[-1] and markup[0] in "\"'":
        return markup
    if _INTEGER.fullmatch(markup):
        return markup
    range_match = _RANGE.fullmatch(markup)
    if range_match:
        return f"({lax_expression(range_match[1])}..{lax_expression(range_match[2])})"
    if _FLOAT.fullmatch(markup):
        return _ruby_to_f_literal(markup)
    if markup in _LITERALS:
        literal = _LITERALS[markup]
        if in_condition or literal not in ("empty", "blank"):
            return literal
        return f"__{literal}__"  # python-liquid has no `empty` value: a global holds it
    return _lax_lookup(markup)


def _ruby_to_f_literal(markup: str) -> str:
    match = re.match(r"-?\d+(?:\.\d+)?", markup)
    text = match.group() if match else "0"
    return text if "." in text else text + ".0"


def _lax_lookup(markup: str) -> str:
    """Liquid::VariableLookup: `a.b[c]`, `(a` -> `a`, `page.[x]` -> `page[x]`."""
    parts = _LOOKUP_PART.findall(markup)
    if not parts or not _IDENTIFIER.fullmatch(parts[0].rstrip("?")) or parts[0].endswith("?"):
        return "nil"  # a name Ruby would look up but strict markup can't spell
    out = [parts[0]]
    for part in parts[1:]:
        if part.startswith("["):
            out.append(f"[{lax_expression(part[1:-1])}]")
        elif _IDENTIFIER.fullmatch(part) and part not in _KEYWORDS:
            out.append("." + part)
        else:
            out.append(f"[{_quote(part)}]")
    return "".join(out)


def _quote(text: str) -> str:
    return f'"{text}"' if '"' not in text else f"'{text}'"


def lax_variable(markup: str) -> str:
    """Liquid::Variable#lax_parse: the first fragment, then `| filter: args`."""
    match = _MARKUP_WITH_FRAGMENT.search(markup)
    if not match:
        return "nil"
    out = [lax_expression(match[1])]
    filters = _FILTER_MARKUP.search(match[2])
    if filters:
        for chunk in _FILTER_PARSER.findall(filters[1]):
            name = _WORD.search(chunk)
            if name:
                out.append(_lax_filter(name.group(), _FILTER_ARGS.findall(chunk)))
    return " | ".join(out)


def _lax_filter(name: str, args: list[str]) -> str:
    rendered = []
    for arg in args:
        keyword = _KEYWORD_ARG.match(arg)
        if keyword:
            rendered.append(f"{keyword[1]}: {lax_expression(keyword[2])}")
        else:
            rendered.append(lax_expression(arg))
    return f"{name}: {', '.join(rendered)}" if rendered else name


def lax_condition(markup: str) -> str:
    """Liquid::If#lax_parse: `cond (and|or cond)*`, each `left op right`."""
    pieces = [p for p in _CONDITION_PARTS.findall(markup) if p != ""]
    out = []
    for piece in pieces:
        if piece.strip() in ("and", "or"):
            out.append(piece.strip())
            continue
        match = _CONDITION.search(piece)
        if not match:
            raise LiquidSyntaxError("Syntax Error in tag 'if'", token=None)
        left, operator, right = match[1], match[2], match[3]
        if operator and operator not in _OPERATORS:
            raise LiquidSyntaxError(f"Unknown operator {operator}", token=None)
        if operator:
            out.append(f"{lax_expression(left, True)} {operator} "
                       f"{lax_expression(right or '', True)}")
        else:
            out.append(lax_expression(left, True))
    return " ".join(out)


def lax_for(markup: str) -> str:
    """Liquid::For#lax_parse: `var in collection [reversed] limit:x offset:y`."""
    match = _FOR_SYNTAX.match(markup)
    if not match:
        raise LiquidSyntaxError("Syntax Error in 'for loop'", token=None)
    out = [match[1], "in", lax_expression(match[2])]
    if match[3]:
        out.append("reversed")
    for key, value in _TAG_ATTRIBUTES.findall(markup):
        if key in ("limit", "offset"):
            out.append(f"{key}: {lax_expression(value)}")
    return " ".join(out)


def lax_case(markup: str) -> str:
    """Liquid::Case: the first fragment is the value compared."""
    match = _FRAGMENT_RE.search(markup)
    if not match:
        raise LiquidSyntaxError("Syntax Error in tag 'case'", token=None)
    return lax_expression(match.group())


def lax_when(markup: str) -> str:
    """Liquid::Case#record_when_condition: fragments separated by `,` or `or`."""
    values = [lax_expression(f) for f in _FRAGMENT_RE.findall(markup) if f != "or"]
    if not values:
        raise LiquidSyntaxError("Syntax Error in tag 'case'", token=None)
    return ", ".join(values)


def lax_assign(markup: str) -> str:
    """Liquid::Assign: `target = <variable markup, lax>`."""
    match = _ASSIGN_SYNTAX.match(markup)
    if not match:
        raise LiquidSyntaxError("Syntax Error in 'assign'", token=None)
    return f"{match[1]} = {lax_variable(match[2])}"


# tag name -> (lax rewrite, tokens that wrap the markup to test it alone)
_LAX_REWRITES: dict[str, Callable[[str], str]] = {
    TOKEN_OUTPUT: lax_variable, "echo": lax_variable, "assign": lax_assign,
    "if": lax_condition, "elsif": lax_condition, "unless": lax_condition,
    "for": lax_for, "case": lax_case, "when": lax_when,
}
# to test a block tag's markup alone: (opening tag, the tag itself if inner, closing tag)
_PROBES = {
    "if": ("if", None, "endif"), "unless": ("unless", None, "endunless"),
    "for": ("for", None, "endfor"), "case": ("case", None, "endcase"),
    "elsif": ("if", "elsif", "endif"), "when": ("case", "when", "endcase"),
}


# --------------------------------------------------------------------------
# the environment


class JekyllEnvironment(Environment):
    """Liquid as Jekyll 4.3.1 runs it.  `site` is the converter's Site."""

    template_class = JekyllTemplate

    def __init__(self, site: Any = None, *, error_mode: str = "warn",
                 strict_filters: bool = False, strict_variables: bool = False,
                 on_warning: Callable[[str], None] | None = None):
        super().__init__(
            tolerance=Mode.STRICT,
            strict_filters=strict_filters,
            undefined=StrictVariableUndefined if strict_variables else Undefined,
            globals={"__empty__": EMPTY, "__blank__": BLANK},
        )
        self.site = site
        self.error_mode = error_mode
        self.on_warning = on_warning or _warn
        self.include_cache: dict[str, BoundTemplate] = {}

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=extra)
        self.add_tag(RubyOutput)
        self.add_tag(RubyEcho)
        from . import filters, tags  # late: they import this module's helpers
        tags.register(self)
        filters.register(self)

    # ---- parsing with Ruby's lax fallback

    def from_string(self, source: str, name: str = "", path=None, globals=None,
                    matter=None) -> BoundTemplate:
        self._parsing = name or (str(path) if path else "")
        return super().from_string(source, name=name, path=path or name or None,
                                   globals=globals, matter=matter)

    def _parse(self, source: str):
        try:
            return super()._parse(source)
        except LiquidSyntaxError:
            pass  # parse again, reading the markup the way Ruby does
        tokens = list(self._ruby_tokens(list(self.tokenizer()(source))))
        return get_parser(self).parse(TokenStream(iter(tokens)))

    def _ruby_tokens(self, tokens: list[Token]) -> Iterator[Token]:
        """Drop the markup of end tags (Ruby ignores it); in warn/lax mode, rewrite
        markups that don't parse the way Ruby's lax parser reads them."""
        previous: Token | None = None
        for token in tokens:
            if token.kind == TOKEN_EXPRESSION and previous is not None:
                kind = previous.kind if previous.kind == TOKEN_OUTPUT else previous.value
                if previous.kind == TOKEN_TAG and kind.startswith("end"):
                    continue  # `{% endif junk %}`
                if kind in _LAX_REWRITES and not self._parses(kind, previous, token):
                    token = self._lax_rewrite(kind, token)
            previous = token
            yield token

    def _parses(self, kind: str, head: Token, expression: Token) -> bool:
        """Does this one markup parse strictly on its own?"""
        opener, inner, closer = _PROBES.get(kind, (None, None, None))
        if opener is None:
            probe = [head, expression]
        elif inner is None:
            probe = [_tag(opener), expression, _tag(closer)]
        else:
            probe = [_tag(opener), Token(TOKEN_EXPRESSION, "x", 0, ""), head, expression,
                     _tag(closer)]
        try:
            get_parser(self).parse(TokenStream(iter(probe)))
            return True
        except LiquidSyntaxError:
            return False

    def _lax_rewrite(self, kind: str, token: Token) -> Token:
        if self.error_mode == "strict":
            return token  # the strict parse reports it
        markup = token.value
        line = token.source.count("\n", 0, max(token.start_index, 0)) + 1
        shown = f"{{{{ {markup} }}}}" if kind == TOKEN_OUTPUT else f"{{% {kind} {markup} %}}"
        if self.error_mode == "warn":
            self.on_warning(f"Liquid syntax error (line {line}): Unexpected markup in "
                            f"\"{shown}\" in {self._parsing or 'template'}")
        return token._replace(value=_LAX_REWRITES[kind](markup))


def _tag(name: str) -> Token:
    return Token(TOKEN_TAG, name, 0, "")


def _warn(message: str) -> None:
    warnings.warn(message, LiquidWarning, stacklevel=3)


def liquid_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The `liquid:` block of _config.yml over Jekyll's defaults."""
    settings = {"error_mode": "warn", "strict_filters": False, "strict_variables": False}
    block = config.get("liquid") if isinstance(config, Mapping) else None
    if isinstance(block, Mapping):
        settings.update({k: block[k] for k in settings if k in block})
    settings["error_mode"] = str(settings["error_mode"] or "warn")
    settings["strict_filters"] = bool(settings["strict_filters"])
    settings["strict_variables"] = bool(settings["strict_variables"])
    return settings


def make_environment(site: Any, on_warning: Callable[[str], None] | None = None
                     ) -> JekyllEnvironment:
    """The Liquid environment for one site, configured from `site.config['liquid']`."""
    config = getattr(site, "config", None) or {}
    return JekyllEnvironment(site, on_warning=on_warning, **liquid_settings(config))
