"""python-liquid 2 configured to behave as Jekyll 4.3.1's Liquid (Ruby liquid 5.4).

Jekyll's defaults (`liquid: error_mode: warn, strict_filters: false,
strict_variables: false`) mean:
- markup (output, assign, if/elsif/unless, for) that Ruby's strict parser
  rejects is re-read by Ruby's lax parser, with a "Liquid Warning".  python-liquid
  has no lax parser, so `_parse` runs a port of Ruby's strict parser on each
  markup (for the warning and its message) and rewrites rejected markup the way
  Ruby's lax regexes read it (`{{ x | "str" }}` -> `{{ x | str }}`,
  `{% if (a or b) %}` -> `a or b`) before python-liquid parses it.  Markup Ruby
  accepts but python-liquid refuses (`page.nil`) is rewritten quietly.  Anything
  else (unknown tags, unclosed blocks) is an error, as in Jekyll;
- render errors always raise (Jekyll uses `render!`);
- unknown filters return their input; undefined variables are nil.

Sections: rendering classes; Ruby's lax parser as rewrites; Ruby's strict
parser; the environment; Jekyll's error wording; settings.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import re
import warnings
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from liquid import BoundTemplate, Environment, RenderContext
from liquid.builtin.content import ContentNode
from liquid.builtin.output import OutputNode
from liquid.builtin.output import Output as _BuiltinOutput
from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import logical
from liquid.builtin.expressions.filtered import Filter
from liquid.builtin.expressions.path import Path
from liquid.builtin.expressions.primitive import Identifier
from liquid.output import NullIO
from liquid.builtin.tags.capture_tag import CaptureTag
from liquid.builtin.tags.echo_tag import EchoNode, EchoTag
from liquid.builtin.tags.for_tag import BreakTag, ContinueTag, ForLoop, ForNode
from liquid.builtin.tags.if_tag import IfNode
from liquid.exceptions import BreakLoop, ContinueLoop
from liquid.builtin.tags.tablerow_tag import TablerowTag
from liquid.context import ReadOnlyChainMap
from liquid.exceptions import (BlockNestingError, FilterArgumentError, LiquidSyntaxError,
                               LiquidTypeError, UndefinedError, UnknownFilterError)
from liquid.mode import Mode
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG, Token
from liquid.undefined import UNDEFINED, Undefined

from .drops import Drop, SiteDrop
from .ruby import BLANK, BLANK_IN_CONDITION, EMPTY, inspect_string, to_s, truthy


_PATH_SEPARATORS = re.compile(r"[.\[\]'\"]+")
_FLOAT_PREFIX = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_OUTPUT_DELIMITERS = re.compile(r"\A\{\{-?|-?\}\}\Z")
# python-liquid's Identifier (a str naming an assigned or loop variable) defines
# __eq__ and __hash__ in Python only to call str's: every scope lookup that met one
# paid a Python call.  Without them it inherits str's C slots (same results).
for _slot in ("__eq__", "__hash__"):
    if _slot in Identifier.__dict__:
        delattr(Identifier, _slot)


_NULL_IO = NullIO()  # writes nothing and keeps no state: one serves every blank block


def _render_block(self, context: RenderContext, buffer) -> int:
    """BlockNode.render_to_output without a generator per block (the hot path).  The
    children's render_to_output is called directly: Node.render only adds the
    disabled-tags check, needed while a tag (`render`) disables some."""
    if context.disabled_tags:
        if self.blank and context.env.suppress_blank_control_flow_blocks:
            for node in self.nodes:
                node.render(context, _NULL_IO)
            return 0
        return sum(node.render(context, buffer) for node in self.nodes)
    if self.blank and context.env.suppress_blank_control_flow_blocks:
        for node in self.nodes:
            if node.__class__ is not ContentNode:  # text into a NullIO does nothing
                node.render_to_output(context, _NULL_IO)
        return 0
    count = 0
    for node in self.nodes:
        count += node.render_to_output(context, buffer)
    return count


def _render_if(self, context: RenderContext, buffer) -> int:
    """IfNode.render_to_output, entering the chosen block without Node.render."""
    if self.condition.evaluate(context):
        block = self.consequence
    else:
        for alternative in self.alternatives:
            if alternative.expression.evaluate(context):
                block = alternative.block
                break
        else:
            block = self.default
            if block is None:
                return 0
    if context.disabled_tags:
        return block.render(context, buffer)
    return block.render_to_output(context, buffer)


def _render_for(self, context: RenderContext, buffer) -> int:
    """ForNode.render_to_output, entering the loop body without Node.render."""
    it, length = self.expression.evaluate(context)
    if not length:
        return self.default.render(context, buffer) if self.default else 0
    name = self.expression.identifier
    forloop = ForLoop(name=f"{name}-{self.expression.iterable}", it=it, length=length,
                      parentloop=context.parentloop())
    namespace = {"forloop": forloop, name: None}
    render = self.block.render if context.disabled_tags else self.block.render_to_output
    count = 0
    with context.loop(namespace, forloop):
        # ForLoop.__next__ (step, then next item) inlined: the index moves first, so
        # it ends one past the last item when the items run out, as there
        index = forloop._index
        for item in it:
            index += 1
            forloop._index = index
            namespace[name] = item
            try:
                count += render(context, buffer)
            except ContinueLoop:
                continue
            except BreakLoop:
                break
        else:
            forloop._index = index + 1
    return count


BlockNode.render_to_output = _render_block
IfNode.render_to_output = _render_if
ForNode.render_to_output = _render_for


_ALWAYS_TRUTHY = frozenset((str, int, float, list, dict, tuple))
_is_truthy = logical.is_truthy


def _fast_is_truthy(obj: object) -> bool:
    """is_truthy without its attribute and ABC checks for plain values and the nil of
    a missing variable (Undefined; not its strict kinds, which raise)."""
    cls = obj.__class__
    if cls in _ALWAYS_TRUTHY or obj is True:
        return True
    if obj is None or obj is False or cls is Undefined:
        return False
    return _is_truthy(obj)


_contains = logical._contains


def _fast_contains(token, left, right) -> bool:
    """`contains` on a list or string of plain values without the Collection ABC check."""
    cls = left.__class__
    if (cls is list or cls is str) and right.__class__ in _ALWAYS_TRUTHY:
        if cls is str:
            return str(right) in left
        return right in left
    return _contains(token, left, right)


_eq = logical._eq
_PLAIN_EQ = frozenset((str, int, float, type(None)))


def _fast_eq(left: object, right: object) -> bool:
    """`==` between plain values: python-liquid's _eq ends in `left == right` for them
    after its Undefined, drop, empty/blank and bool checks."""
    if left.__class__ in _PLAIN_EQ and right.__class__ in _PLAIN_EQ:
        return left == right
    return _eq(left, right)


logical.is_truthy = _fast_is_truthy
logical._contains = _fast_contains
logical._eq = _fast_eq


class FlatPath(Path):
    """A variable path of names and numbers only (`page.title`, `a[0]`): looked up
    as it is, without building a list of evaluated segments first."""

    __slots__ = ()

    def evaluate(self, context: RenderContext) -> object:
        return context.get(self.path, token=self.token)


class NestedPath(Path):
    """A variable path with bracketed variables (`site.data[page.lang]`).  Its segments
    are names, numbers or paths; Path.evaluate tells them apart with isinstance
    against the Path ABC, a Python-level check per segment."""

    __slots__ = ()

    def evaluate(self, context: RenderContext) -> object:
        return context.get([s if isinstance(s, (str, int)) else s.evaluate(context)
                            for s in self.path], token=self.token)


_FILTER_NEEDS: dict = {}  # filter function -> (with_context, with_environment)


class FastFilter(Filter):
    """A filter call without a functools.partial per call: the function and what it
    needs (context, environment) are looked up directly, with python-liquid's error
    handling.  Unknown filters take python-liquid's path (lax no-op or error)."""

    __slots__ = ()

    def evaluate(self, left: object, context: RenderContext) -> object:
        func = context.env.filters.get(self.name)
        if func is None:
            return Filter.evaluate(self, left, context)
        needs = _FILTER_NEEDS.get(func)
        if needs is None:
            needs = _FILTER_NEEDS[func] = (getattr(func, "with_context", False),
                                           getattr(func, "with_environment", False))
        if self.args:
            positional, keywords = self.evaluate_args(context)
        else:
            positional, keywords = (), {}
        if needs[0] and "context" not in keywords:
            keywords["context"] = context
        if needs[1] and "environment" not in keywords:
            keywords["environment"] = context.env
        try:
            return func(left, *positional, **keywords)
        except TypeError as err:
            raise LiquidTypeError(f"{self.name}: {err}", token=self.token) from err
        except (LiquidTypeError, FilterArgumentError) as err:
            err.token = self.token
            raise err


def walk_nodes(template: BoundTemplate) -> Iterator[Node]:
    """Every node of a template, however deeply nested in blocks (not into includes)."""
    static_context = RenderContext(template)
    stack = list(template.nodes)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children(static_context, include_partials=False))


def flatten_paths(template: BoundTemplate) -> None:
    """Turn a template's Paths into FlatPaths or NestedPaths and its filters into
    FastFilters (same layout, faster evaluate)."""
    try:
        for node in walk_nodes(template):
            expressions = list(node.expressions())
            while expressions:
                expression = expressions.pop()
                if expression.__class__ is Path:
                    if all(s.__class__ in (str, int) for s in expression.path):
                        expression.__class__ = FlatPath
                    else:
                        expression.__class__ = NestedPath
                        expressions.extend(expression.children())
                else:
                    for name in ("filters", "tail_filters"):
                        for filter_ in getattr(expression, name, None) or ():
                            if filter_.__class__ is Filter:
                                filter_.__class__ = FastFilter
                    expressions.extend(expression.children())
    except Exception:  # a tag that can't list its children: the rest stays as parsed
        pass


class LiquidWarning(UserWarning):
    """A template Jekyll would parse with a 'Liquid Warning' (lax fallback)."""


# --------------------------------------------------------------------------
# rendering: Ruby's to_s for output, nil for undefined, Jekyll's error messages


class RubyOutputNode(OutputNode):
    """`{{ x }}` printing Ruby's to_s (`nil` -> "", floats `1.0`, arrays joined)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer) -> int:
        value = self.expression.evaluate(context)
        return buffer.write(value if value.__class__ is str else to_s(value))


class RubyOutput(_BuiltinOutput):
    node_class = RubyOutputNode


class RubyEchoNode(EchoNode):
    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer) -> int:
        return buffer.write(to_s(self.expression.evaluate(context)))


class RubyEcho(EchoTag):
    node_class = RubyEchoNode


class KeptBlock(BlockNode):
    """A block whose whitespace always renders.  Ruby strips blank blocks only in
    if/unless/case/for; python-liquid strips every blank block (capture, tablerow)."""

    __slots__ = ()

    @classmethod
    def of(cls, block: BlockNode) -> "KeptBlock":
        kept = cls(block.token, block.nodes)
        kept.blank = block.blank
        return kept

    def render_to_output(self, context: RenderContext, buffer) -> int:
        return sum(node.render(context, buffer) for node in self.nodes)


class RubyCapture(CaptureTag):
    def parse(self, stream: TokenStream):
        node = super().parse(stream)
        node.block = KeptBlock.of(node.block)
        return node


class RubyTablerow(TablerowTag):
    def parse(self, stream: TokenStream):
        node = super().parse(stream)
        node.block = KeptBlock.of(node.block)
        return node


class RubyBreak(BreakTag):
    """`break` is not blank in Ruby: a loop holding one keeps its whitespace."""

    def parse(self, stream: TokenStream):
        node = super().parse(stream)
        node.blank = False
        return node


class RubyContinue(ContinueTag):
    def parse(self, stream: TokenStream):
        node = super().parse(stream)
        node.blank = False
        return node


class ScopeChain(ReadOnlyChainMap):
    """The variable scopes of a render, looked up without raising for every miss
    (most lookups miss the local scope before they find `page` or `site`)."""

    def __getitem__(self, key):
        for mapping in self._maps:
            if mapping.__class__ is dict:
                if key in mapping:
                    return mapping[key]
            else:
                try:
                    return mapping[key]
                except KeyError:
                    pass
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default


_MISS = object()
# The nil of a missing variable, one per name: a plain Undefined is immutable and only
# its name shows (repr, hash); its token serves the strict kinds, never made here.
_NILS: dict = {}


class JekyllContext(RenderContext):
    """A render context without python-liquid's `now`/`today` globals (nil in Ruby),
    with a fast path for the commonest lookups: a path of names through dicts and
    drops (anything else takes python-liquid's full resolution)."""

    __slots__ = ()

    def __init__(self, template: BoundTemplate, **kwargs: Any):
        super().__init__(template, **kwargs)
        self.scope = ScopeChain(self.locals, self.globals, self.counters)

    def get(self, path, *, token, default=UNDEFINED):  # noqa: D102
        obj = _MISS
        root = path[0]
        if root.__class__ is str:
            for mapping in self.scope._maps:  # ScopeChain.get, inlined: the hottest loop
                if mapping.__class__ is dict:
                    if root in mapping:
                        obj = mapping[root]
                        break
                else:
                    try:
                        obj = mapping[root]
                        break
                    except KeyError:
                        pass
            else:
                return self._missing(path, token, default)  # an unset variable: nil
        else:
            return super().get(path, token=token, default=default)
        if len(path) == 1:
            return obj
        mapping_types = _MAPPING_TYPES
        for segment in path[1:]:
            cls = obj.__class__
            if segment.__class__ is not str:
                if segment.__class__ is int and cls is list:
                    try:
                        obj = obj[segment]  # negative indexes count from the end, as in Ruby
                        continue
                    except IndexError:
                        return self._missing(path, token, default)
                break
            if cls is dict:
                if segment in obj:
                    obj = obj[segment]
                    continue
                if segment in _SPECIAL_SEGMENTS:
                    break  # size/first/last: computed by python-liquid's path
                return self._missing(path, token, default)
            kind = mapping_types.get(cls)
            if kind is None:
                kind = is_mapping_type(cls)
            # Drop.__getitem__ inlined, a missing key without a KeyError; not while
            # the dev loop's dependency tracker has replaced the drops' __getitem__
            if (kind is _DROP and cls.__getitem__ is _DROP_GETITEM) or (
                    kind is _SITE_DROP and cls.__getitem__ is _SITE_GETITEM
                    and Drop.__getitem__ is _DROP_GETITEM
                    and (segment == "posts" or segment not in obj._obj.collections)):
                getter = cls._GETTERS.get(segment)
                if getter is not None:
                    obj = getter(obj)
                    continue
                fallback = obj.fallback()
                if segment in fallback:
                    obj = fallback[segment]
                    continue
                if segment in _SPECIAL_SEGMENTS:
                    break
                return self._missing(path, token, default)
            if kind:
                if segment in _SPECIAL_SEGMENTS:
                    # a key of that name wins (forloop.last, a hash's "size" key)
                    if segment in obj:
                        obj = obj[segment]
                        continue
                    break
                try:
                    obj = obj[segment]
                except KeyError:
                    return self._missing(path, token, default)
            elif obj is None:
                return self._missing(path, token, default)  # nil.anything is nil
            else:
                break
        else:
            return obj
        return super().get(path, token=token, default=default)

    def _missing(self, path, token, default):
        """A name path through mappings that ends at a missing key: nil to Liquid.
        Only strict_variables needs python-liquid's (costly) message."""
        if default is not UNDEFINED:
            return default
        if self.env.undefined is Undefined:
            nil = _NILS.get(path[0])
            if nil is None:
                nil = Undefined(path[0])
                if len(_NILS) < 4096:
                    _NILS[path[0]] = nil
            return nil
        return super().get(path, token=token, default=default)

    def filter(self, name: str, token: Token | None) -> Callable[..., object]:  # noqa: A003
        try:
            return super().filter(name, token)
        except UnknownFilterError:
            raise UnknownFilterError(f"undefined filter {name}", token=token) from None


class RecordingContext(JekyllContext):
    """A context whose include is being traced (see include_memo): lookups, assigns
    and the scopes pushed are reported to the recorders of this context.  A render
    switches its context to this class only while a trace runs."""

    __slots__ = ()

    def get(self, path, *, token, default=UNDEFINED):  # noqa: D102
        value = JekyllContext.get(self, path, token=token, default=default)
        for recorder in self.env.include_recorders:
            if recorder.context is self:
                recorder.note(path, default, value)
        return value

    def resolve(self, name, *, token=None, default=UNDEFINED):  # noqa: D102
        value = JekyllContext.resolve(self, name, token=token, default=default)
        for recorder in self.env.include_recorders:
            if recorder.context is self:
                recorder.note((name,), default, value)
        return value

    def assign(self, key, val) -> None:  # noqa: D102
        JekyllContext.assign(self, key, val)
        for recorder in self.env.include_recorders:
            if recorder.context is self:
                recorder.assigned[key] = val

    @contextlib.contextmanager
    def extend(self, namespace, template=None):  # noqa: D102
        mine = [r for r in self.env.include_recorders if r.context is self]
        for recorder in mine:
            recorder.created.add(id(namespace))
        try:
            with JekyllContext.extend(self, namespace, template) as context:
                yield context
        finally:
            for recorder in mine:
                recorder.created.discard(id(namespace))


_MAPPING_TYPES: dict[type, object] = {}
_DROP = 2  # a Drop class reading keys with Drop.__getitem__ (see drops.py)
_SITE_DROP = 3  # SiteDrop: its collections by name, else as _DROP
_DROP_GETITEM, _SITE_GETITEM = Drop.__getitem__, SiteDrop.__getitem__


def is_mapping_type(cls: type) -> object:
    """issubclass(cls, Mapping), remembered: ABC checks are slow on the hot path.
    True for a mapping, _DROP or _SITE_DROP (also true) for drops whose lookups
    get() can make itself."""
    known = _MAPPING_TYPES.get(cls)
    if known is None:
        known = issubclass(cls, Mapping)
        if known and issubclass(cls, Drop) and cls.__getitem__ is _DROP_GETITEM:
            known = _DROP
        elif cls is SiteDrop and cls.__getitem__ is _SITE_GETITEM:
            known = _SITE_DROP
        _MAPPING_TYPES[cls] = known
    return known


# Segments python-liquid resolves specially when a mapping lacks them.
_SPECIAL_SEGMENTS = frozenset({"size", "first", "last"})


class JekyllTemplate(BoundTemplate):
    context_class = JekyllContext

    def make_globals(self, render_args):
        """One dict instead of python-liquid's chain of three (render arguments over
        front matter over template globals): a lookup that misses them all (an unset
        variable, a name assigned later) then costs no KeyError per mapping."""
        merged = dict(self.globals)
        if self.matter:
            merged.update(self.matter)
        merged.update(render_args)
        return merged


class StrictVariableUndefined(Undefined):
    """strict_variables: looking up a missing variable is an error, as in Ruby."""

    __slots__ = ()

    def __init__(self, name: str, *, token=None, obj=None, hint=None):
        missing = name
        if hint and " is undefined" in hint:  # "page.foo is undefined" -> foo
            missing = _PATH_SEPARATORS.split(hint.split(" is undefined")[0].strip("'"))
            missing = [part for part in missing if part][-1]
        raise UndefinedError(f"undefined variable {missing}", token=token)


# --------------------------------------------------------------------------
# Ruby's lax parser, as markup rewriting

_QUOTED = r"\"[^\"]*\"|'[^']*'"
_FRAGMENT = rf"(?:{_QUOTED}|(?:[^\s,|'\"]|{_QUOTED})+)"
_FRAGMENT_RE = re.compile(_FRAGMENT, re.ASCII)
_MARKUP_WITH_FRAGMENT = re.compile(rf"({_FRAGMENT})(.*)", re.S | re.ASCII)
_FILTER_MARKUP = re.compile(r"\|\s*(.*)", re.S | re.ASCII)
_FILTER_PARSER = re.compile(rf"(?:\s+|{_FRAGMENT}|,)+", re.ASCII)
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{_FRAGMENT})", re.ASCII)
_KEYWORD_ARG = re.compile(rf"(\w+)\s*:\s*({_FRAGMENT})\Z", re.S | re.ASCII)
_WORD = re.compile(r"\w+", re.ASCII)
_INTEGER = re.compile(r"-?\d+", re.ASCII)
_FLOAT = re.compile(r"-?\d[\d.]+", re.ASCII)
_RANGE = re.compile(r"\(\s*(\S+?)\s*\.\.\s*(\S+)\s*\)", re.ASCII)
_LOOKUP_PART = re.compile(r"\[[^\]]+\]|[\w-]+\??", re.ASCII)
_IDENTIFIER = re.compile(r"[a-zA-Z_\u0080-\uffff][\w\-\u0080-\uffff]*")
# words python-liquid lexes as keywords even after a dot (`page.nil`)
_KEYWORDS = frozenset("nil null true false empty blank and or not contains in with for as "
                      "by limit offset reversed cols continue required if else".split())
_LITERALS = {"nil": "nil", "null": "nil", "": "nil", "true": "true", "false": "false",
             "blank": "blank", "empty": "empty"}
_CONDITION_PARTS = re.compile(
    rf"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)(?:{_FRAGMENT}|\S+)\s*)+)",
    re.ASCII)
_CONDITION = re.compile(rf"({_FRAGMENT})\s*([=!<>a-z_]+)?\s*({_FRAGMENT})?", re.ASCII)
_OPERATORS = {"==", "!=", "<>", "<", ">", "<=", ">=", "contains"}
_FOR_SYNTAX = re.compile(rf"\A([\w-]+)\s+in\s+((?:{_FRAGMENT})+)\s*(reversed)?", re.ASCII)
_TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({_FRAGMENT})", re.ASCII)
_ASSIGN_SYNTAX = re.compile(r"((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*?)\s*\Z", re.S | re.ASCII)


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
    match = _FLOAT_PREFIX.match(markup)
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


# --------------------------------------------------------------------------
# Ruby's strict parser (liquid 5.4 lexer.rb/parser.rb), only to tell whether Ruby
# warns about a markup and with which message


class RubySyntaxError(Exception):
    pass


_RUBY_TOKEN = re.compile(
    r"(?:(?P<comparison>==|!=|<>|<=?|>=?|contains(?=\s))|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<number>-?\d+(?:\.\d+)?)|(?P<id>[a-zA-Z_][a-zA-Z0-9_-]*\??)|(?P<dotdot>\.\.)"
    r"|(?P<char>.))", re.S | re.ASCII)
_RUBY_SPACE = re.compile(r"\s*", re.ASCII)
_RUBY_SPECIALS = {"|": "pipe", ".": "dot", ":": "colon", ",": "comma", "[": "open_square",
                  "]": "close_square", "(": "open_round", ")": "close_round",
                  "?": "question", "-": "dash"}


def _ruby_lex(markup: str) -> list[tuple[str, str]]:
    """Liquid::Lexer#tokenize: (kind, text) pairs ending with end_of_string."""
    tokens = []
    position = _RUBY_SPACE.match(markup).end()
    while position < len(markup):
        match = _RUBY_TOKEN.match(markup, position)
        position = _RUBY_SPACE.match(markup, match.end()).end()
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "char":
            if text not in _RUBY_SPECIALS:
                raise RubySyntaxError(f"Unexpected character {text}")
            kind = _RUBY_SPECIALS[text]
        tokens.append((kind, text))
    tokens.append(("end_of_string", ""))
    return tokens


class RubyStrictParser:
    """Liquid::Parser: raises RubySyntaxError with Ruby's message."""

    def __init__(self, markup: str):
        self.tokens = _ruby_lex(markup)
        self.position = 0

    def look(self, kind: str, ahead: int = 0) -> bool:
        index = self.position + ahead
        return index < len(self.tokens) and self.tokens[index][0] == kind

    def consume(self, kind: str | None = None) -> str:
        token = self.tokens[self.position]
        if kind and token[0] != kind:
            raise RubySyntaxError(f"Expected {kind} but found {token[0]}")
        self.position += 1
        return token[1]

    def consume_if(self, kind: str) -> bool:
        if self.look(kind):
            self.position += 1
            return True
        return False

    def word(self, text: str) -> bool:
        if self.look("id") and self.tokens[self.position][1] == text:
            self.position += 1
            return True
        return False

    def expression(self) -> None:
        kind, text = self.tokens[self.position]
        if kind == "id":
            self.consume()
            self.lookups()
        elif kind == "open_square":
            self.consume()
            self.expression()
            self.consume("close_square")
            self.lookups()
        elif kind in ("string", "number"):
            self.consume()
        elif kind == "open_round":
            self.consume()
            self.expression()
            self.consume("dotdot")
            self.expression()
            self.consume("close_round")
        else:
            shown = (f"[:{kind}]" if kind == "end_of_string"
                     else f"[:{kind}, {inspect_string(text)}]")
            raise RubySyntaxError(f"{shown} is not a valid expression")

    def lookups(self) -> None:
        while True:
            if self.consume_if("open_square"):
                self.expression()
                self.consume("close_square")
            elif self.consume_if("dot"):
                self.consume("id")
            else:
                return

    def argument(self) -> None:
        if self.look("id") and self.look("colon", 1):
            self.consume()
            self.consume()
        self.expression()

    def variable(self) -> None:
        if self.look("end_of_string"):
            return
        self.expression()
        while self.consume_if("pipe"):
            self.consume("id")
            if self.consume_if("colon"):
                self.argument()
                while self.consume_if("comma"):
                    self.argument()
        self.consume("end_of_string")

    def condition(self) -> None:
        self.comparison()
        while self.word("and") or self.word("or"):
            self.comparison()
        self.consume("end_of_string")

    def comparison(self) -> None:
        self.expression()
        if self.consume_if("comparison"):
            self.expression()

    def for_loop(self) -> None:
        self.consume("id")
        if not self.word("in"):
            raise RubySyntaxError("For loops require an 'in' clause")
        self.expression()
        self.word("reversed")
        while self.look("id") and self.look("colon", 1):
            if not (self.word("limit") or self.word("offset")):
                raise RubySyntaxError(
                    "Invalid attribute in for loop. Valid attributes are limit and offset")
            self.consume()
            self.expression()
        self.consume("end_of_string")


def ruby_strict_error(kind: str, raw: str) -> str | None:
    """Ruby's strict-parse error for a markup ('<message> in "<context>"'), or None
    when Ruby parses it (case/when and others never warn: they use regexes)."""
    try:
        if kind in (TOKEN_OUTPUT, "echo"):
            context = f"{{{{{raw}}}}}"
            RubyStrictParser(raw).variable()
        elif kind == "assign":
            match = _ASSIGN_SYNTAX_RAW.match(raw)
            if not match:
                return None
            context = f"{{{{{match[2]}}}}}"
            RubyStrictParser(match[2]).variable()
        elif kind in ("if", "elsif", "unless"):
            context = raw.strip()
            RubyStrictParser(raw).condition()
        elif kind == "for":
            context = raw.strip()
            RubyStrictParser(raw).for_loop()
        else:
            return None
    except RubySyntaxError as err:
        return f"{err} in \"{context}\""
    return None


_ASSIGN_SYNTAX_RAW = re.compile(r"((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*)", re.S | re.ASCII)


# tag name -> (lax rewrite, tokens that wrap the markup to test it alone)
_LAX_REWRITES: dict[str, Callable[[str], str]] = {
    TOKEN_OUTPUT: lax_variable, "echo": lax_variable, "assign": lax_assign,
    "if": lax_condition, "elsif": lax_condition, "unless": lax_condition,
    "for": lax_for, "case": lax_case, "when": lax_when,
}
# to test a block tag's markup alone: (opening tag, the tag itself if inner, closing tag)
# markups Ruby parses with a strict/lax parser pair (others use regexes only)
_RUBY_CHECKED = frozenset((TOKEN_OUTPUT, "echo", "assign", "if", "elsif", "unless", "for"))
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
            globals={"__empty__": EMPTY, "__blank__": BLANK,
                     "__blank_condition__": BLANK_IN_CONDITION},
        )
        self.site = site
        self.error_mode = error_mode
        self.on_warning = on_warning or _warn
        self.include_cache: dict[tuple, BoundTemplate] = {}
        self.include_recorders: list = []  # include_memo's traces being recorded

    _tokenizer: Callable[[str], Iterator[Token]] | None = None

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        """python-liquid's lexer, except that text runs to the very end of the source:
        its `$` stops text before a final newline, which `-%}` / `-}}` stripping then
        drops (Ruby keeps it: `{% endif -%}\nY\n` renders "Y\n")."""
        if JekyllEnvironment._tokenizer is None:
            base = super().tokenizer()
            rules = base.keywords["rules"]
            fixed = re.compile(rules.pattern.replace("|$)", "|\\Z)"), rules.flags)
            JekyllEnvironment._tokenizer = functools.partial(base.func, rules=fixed)
        return JekyllEnvironment._tokenizer

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=extra)
        for tag in (RubyOutput, RubyEcho, RubyCapture, RubyTablerow, RubyBreak, RubyContinue):
            self.add_tag(tag)
        del self.tags["doc"]  # newer than liquid 5.4: an unknown tag in Jekyll
        from . import filters, tags  # late: they import this module's helpers
        tags.register(self)
        filters.register(self)

    # ---- parsing with Ruby's lax fallback

    def from_string(self, source: str, name: str = "", path=None, globals=None,
                    matter=None, *, report_warnings: bool = True) -> BoundTemplate:
        """Parse a template.  Its Ruby-style warnings are in `template.warnings`,
        and go to `on_warning` unless `report_warnings` is false (Jekyll never
        prints the warnings of included files)."""
        warnings: list[str] = []
        path = path or name or None
        try:
            nodes = self._parse_like_ruby(source, str(path or "template"), warnings)
        except (LiquidSyntaxError, BlockNestingError) as err:
            err.template_name = path
            raise
        template = self.template_class(env=self, name=name, path=path, nodes=nodes,
                                       globals=self.make_globals(globals), matter=matter)
        template.warnings = warnings
        flatten_paths(template)
        if report_warnings:
            for message in template.warnings:
                self.on_warning(message)
        return template

    def _parse(self, source: str):
        return self._parse_like_ruby(source, "template", [])

    def _parse_like_ruby(self, source: str, name: str, warnings: list[str]):
        """Parse as Ruby does: markup Ruby's strict parser rejects is read the lax way
        (its warning appended to `warnings`); markup only python-liquid rejects is
        rewritten quietly."""
        tokens = list(self._ruby_tokens(list(self.tokenizer()(source)), name, warnings))
        try:
            return get_parser(self).parse(TokenStream(iter(tokens)))
        except LiquidSyntaxError:
            tokens = list(self._python_liquid_tokens(tokens))
        return get_parser(self).parse(TokenStream(iter(tokens)))

    def _markups(self, tokens: list[Token]) -> Iterator[tuple[str, Token | None, Token]]:
        """Each token with the kind of markup it is (its tag name), if it is one."""
        previous: Token | None = None
        for token in tokens:
            kind = ""
            if token.kind == TOKEN_EXPRESSION and previous is not None:
                kind = previous.kind if previous.kind == TOKEN_OUTPUT else previous.value
            yield kind, previous, token
            previous = token

    def _ruby_tokens(self, tokens: list[Token], name: str,
                     warnings: list[str]) -> Iterator[Token]:
        """Drop the markup of end tags (Ruby ignores it); read the markup Ruby's
        strict parser rejects with Ruby's lax parser."""
        for kind, head, token in self._markups(tokens):
            if kind.startswith("end") and head.kind == TOKEN_TAG:
                continue  # `{% endif junk %}`
            if kind in _RUBY_CHECKED:
                error = ruby_strict_error(kind, _raw_markup(head, token))
                if error:
                    token = self._lax(kind, head, token, error, name, warnings)
            if kind in _CONDITIONS and "blank" in token.value:
                token = token._replace(value=_blank_in_condition(token.value))
            yield token

    def _python_liquid_tokens(self, tokens: list[Token]) -> Iterator[Token]:
        """Rewrite markup Ruby accepts but python-liquid does not (`page.nil`)."""
        for kind, head, token in self._markups(tokens):
            if kind in _LAX_REWRITES and not self._parses(kind, head, token):
                token = token._replace(value=_LAX_REWRITES[kind](token.value))
            yield token

    def _lax(self, kind: str, head: Token, token: Token, error: str, name: str,
             warnings: list[str]) -> Token:
        """Ruby's error_mode: warn (record, read lax), lax (read lax), strict (raise)."""
        line = token.source.count("\n", 0, max(head.start_index, 0)) + 1
        message = f"Liquid syntax error (line {line}): {error}"
        if self.error_mode == "strict":
            raise LiquidSyntaxError(message, token=token)
        if self.error_mode == "warn":
            warnings.append(f"{message} in {name}")
        return token._replace(value=_LAX_REWRITES[kind](token.value))

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


_CONDITIONS = frozenset(("if", "elsif", "unless"))


def _blank_in_condition(markup: str, literals: frozenset = frozenset(("blank",))) -> str:
    """Replace the `blank` literal (not strings, not `x.blank`) with a value that
    equals nothing, as `blank` does in Jekyll's Liquid."""
    out, position, previous = [], 0, ""
    for match in _RUBY_TOKEN.finditer(markup):
        text = match.group()
        if match.lastgroup == "id" and text in literals and previous != ".":
            out.append(markup[position:match.start()] + "__blank_condition__")
            position = match.end()
        if not text.isspace():
            previous = text
    return "".join(out) + markup[position:]


def jekyll_expression_condition(markup: str) -> str:
    """A where_exp/find_exp condition as Jekyll parses it: there `empty` and `blank`
    are Jekyll's Expression::MethodLiteral, which equals nothing."""
    if "empty" not in markup and "blank" not in markup:
        return markup
    return _blank_in_condition(markup, frozenset(("blank", "empty")))


def _raw_markup(head: Token, expression: Token) -> str:
    """The markup with the spacing Ruby keeps (Liquid's messages quote it)."""
    if head.kind == TOKEN_OUTPUT:  # "{{- x -}}" -> " x "
        return _OUTPUT_DELIMITERS.sub("", head.value)
    source, start = expression.source, expression.start_index
    end = source.find("%}", start)
    if start < 0 or end < 0:
        return expression.value
    return source[start:end].removesuffix("-")


def _tag(name: str) -> Token:
    return Token(TOKEN_TAG, name, 0, "")


def _warn(message: str) -> None:
    warnings.warn(message, LiquidWarning, stacklevel=3)


_NEVER_CLOSED = re.compile(r"expected tag end(\w+), found end of expression")
_UNEXPECTED_TAG = re.compile(r"unexpected tag '(\w+)'")
_INNER_TAGS = frozenset(("else", "elsif", "when"))


def jekyll_error_message(exc: BaseException, source: str | None = None) -> str:
    """What Jekyll prints after "Liquid Exception:" for this failure, e.g.
    "Liquid syntax error (line 3): 'if' tag was never closed" or
    "Liquid error (line 1): divided by 0" (`source`: the template's text, for
    errors found at its end)."""
    message = getattr(exc, "message", None) or str(exc)
    if getattr(exc, "plain", False):
        return message
    token = getattr(exc, "token", None)
    line = _line_of(token, source)
    if isinstance(exc, LiquidSyntaxError):
        message = _ruby_syntax_message(message)
        kind = "Liquid syntax error"
    else:
        message = _ruby_arity_message(message) or message
        kind = "Liquid error"
    return f"{kind}{f' (line {line})' if line else ''}: {message}"


def _line_of(token: Token | None, source: str | None) -> int | None:
    if token is not None and token.source and token.start_index >= 0:
        return token.source.count("\n", 0, token.start_index) + 1
    if source is not None:  # an error at the end of the template
        return source.count("\n") + 1
    return None


_ARITY = re.compile(r"(\w+): \w+\(\) (?:missing (\d+) required|takes .*?but (\d+) "
                    r"(?:positional arguments? )?(?:\(.*?\) )?were given)")


def _ruby_arity_message(message: str) -> str | None:
    """python-liquid's TypeError for a filter called with the wrong number of
    arguments, as Ruby says it: "wrong number of arguments (given 2, expected 3)"."""
    match = _ARITY.match(message)
    if not match:
        return None
    from .filters import FILTERS

    function = FILTERS.get(match[1])
    if function is None:
        return None
    parameters = [p for p in inspect.signature(function).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = sum(1 for p in parameters if p.default is p.empty)
    given = required - int(match[2]) if match[2] else int(match[3])
    expected = str(required) if required == len(parameters) else f"{required}..{len(parameters)}"
    return f"wrong number of arguments (given {given}, expected {expected})"


def _ruby_syntax_message(message: str) -> str:
    never_closed = _NEVER_CLOSED.fullmatch(message)
    if never_closed:
        return f"'{never_closed[1]}' tag was never closed"
    if message == "expected tag, found doc":  # python-liquid lexes {% doc %} itself
        return "Unknown tag 'doc'"
    unexpected = _UNEXPECTED_TAG.fullmatch(message)
    if unexpected:
        name = unexpected[1]
        return f"Unexpected outer '{name}' tag" if name in _INNER_TAGS else f"Unknown tag '{name}'"
    return message


def liquid_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    """The `liquid:` block of _config.yml over Jekyll's defaults."""
    settings = {"error_mode": "warn", "strict_filters": False, "strict_variables": False}
    block = config.get("liquid") if isinstance(config, Mapping) else None
    if isinstance(block, Mapping):
        settings.update({k: block[k] for k in settings if k in block})
    settings["error_mode"] = str(settings["error_mode"] or "warn").lstrip(":")  # ":warn" too
    settings["strict_filters"] = truthy(settings["strict_filters"])  # Ruby: only nil/false off
    settings["strict_variables"] = truthy(settings["strict_variables"])
    return settings


def make_environment(site: Any, on_warning: Callable[[str], None] | None = None
                     ) -> JekyllEnvironment:
    """The Liquid environment for one site, configured from `site.config['liquid']`.
    `on_warning(message)` hears parse warnings ("Liquid syntax error (line 3): ...
    in _layouts/x.html"), the text Jekyll prints after "Liquid Warning:"."""
    config = getattr(site, "config", None) or {}
    return JekyllEnvironment(site, on_warning=on_warning, **liquid_settings(config))
