"""Memoised includes: render an include once per distinct set of inputs.

Academic layouts include the same partials on every page (masthead, footer,
author sidebar, the same related-post cards); most of a build is spent
rendering them again with the same inputs.  python-liquid's static analysis
tells which variable paths an include reads (`page.author`, `include.post.url`,
`base_path`...) and which variables it assigns.  When every value it reads
is plain data (strings, numbers, booleans, nil, or lists/maps of those) the
output is a pure function of those values, so it is cached under them; the
variables it assigns are replayed into the caller's scope on a hit, as
Jekyll's includes leak their assigns.

Includes are not memoised when they read a drop or a list of drops as a
whole (`site.posts`, `include.post`), use stateful tags (`increment`,
`cycle`, `ifchanged`, `include_relative`) or include partials by a name
computed at render time: those render every time, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from io import StringIO

from liquid import BoundTemplate, RenderContext
from liquid.undefined import Undefined

# Tags whose output depends only on the variables the analysis reports.
PURE_TAGS = {"assign", "capture", "if", "unless", "case", "for", "break", "continue",
             "comment", "raw", "highlight", "link", "post_url", "echo", "include", "#"}
# Filters that evaluate expressions against the whole render context.
CONTEXT_FILTERS = {"where_exp", "find_exp", "group_by_exp"}
UNCACHEABLE = object()
MAX_ENTRIES = 20_000
_MISSING = object()
_NOT_CACHEABLE_PLAN = None  # set below


class Plan:
    """What one include template reads and writes, from static analysis, and how
    often its inputs repeat: an include whose inputs rarely repeat (a page's SEO
    tags) stops paying for keys after a trial."""

    __slots__ = ("paths", "assigns", "cacheable", "calls", "hits")

    TRIAL_CALLS = 64
    MIN_HIT_RATE = 0.25

    def __init__(self, paths, assigns, cacheable: bool):
        self.paths = paths
        self.assigns = assigns
        self.cacheable = cacheable
        self.calls = 0
        self.hits = 0

    def record(self, hit: bool) -> None:
        self.calls += 1
        self.hits += hit
        if self.calls == self.TRIAL_CALLS and self.hits < self.MIN_HIT_RATE * self.calls:
            self.cacheable = False


_NOT_CACHEABLE_PLAN = Plan((), (), False)


def plan_for(template: BoundTemplate, plans: dict, load) -> Plan:
    plan = plans.get(id(template))
    if plan is None:
        plans[id(template)] = _NOT_CACHEABLE_PLAN  # guards include cycles
        plan = plans[id(template)] = analyse(template, plans, load)
    return plan


def analyse(template: BoundTemplate, plans: dict, load) -> Plan:
    try:
        analysis = template.analyze(include_partials=False)
    except Exception:  # an analysis failure only means "don't cache"
        return _NOT_CACHEABLE_PLAN
    if not set(analysis.tags) <= PURE_TAGS or set(analysis.filters) & CONTEXT_FILTERS:
        return _NOT_CACHEABLE_PLAN
    paths = [as_tuple(v.segments) for vs in analysis.globals.values() for v in vs]
    assigns = set(analysis.locals)
    for node in include_nodes(template):
        nested = nested_plan(node, plans, load)
        if nested is None:
            return _NOT_CACHEABLE_PLAN
        nested_paths, nested_assigns = nested
        paths += nested_paths
        assigns |= nested_assigns
    return Plan(tuple(dict.fromkeys(paths)), tuple(sorted(assigns)), True)


def as_tuple(segments) -> tuple:
    """Variable segments, hashable (nested paths like `a[b.c]` become nested tuples)."""
    return tuple(as_tuple(s) if isinstance(s, (list, tuple)) else s for s in segments)


def include_nodes(template: BoundTemplate):
    """Every `{% include %}` node of a template, however deeply nested in blocks."""
    context = RenderContext(template)
    stack = list(template.nodes)
    while stack:
        node = stack.pop()
        if type(node).__name__ == "IncludeNode":
            yield node
        else:
            stack.extend(node.children(context, include_partials=False))


def nested_plan(node, plans: dict, load):
    """(paths, assigns) a static nested include contributes; None if it can't be known."""
    if getattr(node, "file_template", None) is not None or getattr(node, "tag_name", "") != "include":
        return None
    template = load(node.file)
    if template is None:
        return None
    plan = plan_for(template, plans, load)
    if not plan.cacheable:
        return None
    paths = [p for p in plan.paths if p[0] != "include"]
    params = node.params or ""
    for match in PARAM_VARIABLE.finditer(params):
        paths.append(tuple(match.group(1).split(".")))
    return paths, set(plan.assigns)


PARAM_VARIABLE = re.compile(r"[\w-]+\s*=\s*(?![\"'])([\w.-]+)")


def freeze(value, depth: int = 0):
    """A hashable stand-in for plain data; UNCACHEABLE for drops and objects."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return (type(value).__name__, value)
    if isinstance(value, Undefined):
        return ("undefined",)
    if depth > 6:
        return UNCACHEABLE
    if isinstance(value, (list, tuple)):
        items = tuple(freeze(v, depth + 1) for v in value)
        return UNCACHEABLE if UNCACHEABLE in items else ("list", items)
    if type(value) is dict:
        items = tuple((k, freeze(v, depth + 1)) for k, v in value.items())
        return UNCACHEABLE if any(v is UNCACHEABLE for _, v in items) else ("dict", items)
    if hasattr(value, "isoformat") and not isinstance(value, Mapping):
        return (type(value).__name__, str(value), value.isoformat())
    return UNCACHEABLE


def resolve(context: RenderContext, segments):
    """The value at a variable path (nested segments are paths themselves), looked
    up like Liquid does but without its render-time bookkeeping."""
    value = context.scope.get(segments[0], _MISSING) if isinstance(segments[0], str) \
        else _MISSING
    if value is _MISSING:
        return _MISSING
    for segment in segments[1:]:
        if isinstance(segment, tuple):
            segment = resolve(context, segment)
            if segment is _MISSING:
                return _MISSING
        value = step(value, segment)
        if value is _MISSING:
            return _MISSING
    return value


def step(value, key):
    try:
        if isinstance(value, Mapping):
            if key in value:
                return value[key]
            if key == "size":
                return len(value)
            if key == "first" and value:
                return next(iter(value.items()))
            return _MISSING
        if isinstance(value, (list, tuple)):
            if key == "size":
                return len(value)
            if key == "first":
                return value[0] if value else _MISSING
            if key == "last":
                return value[-1] if value else _MISSING
            return value[key] if isinstance(key, int) else _MISSING
        if isinstance(value, str) and key == "size":
            return len(value)
    except (KeyError, IndexError, TypeError):
        pass
    return _MISSING


def cache_key(template: BoundTemplate, plan: Plan, context: RenderContext):
    parts = [id(template)]
    for segments in plan.paths:
        value = resolve(context, segments)
        frozen = ("missing",) if value is _MISSING else freeze(value)
        if frozen is UNCACHEABLE:
            return None
        parts.append(frozen)
    for name in plan.assigns:  # the caller's value matters when an assign is skipped
        frozen = freeze(context.locals.get(name, None))
        if frozen is UNCACHEABLE:
            return None
        parts.append(frozen)
    return tuple(parts)


def render_include(template: BoundTemplate, context: RenderContext, buffer, load) -> int:
    """Render `template` as an include, from the memo when its inputs were seen.
    `load(name)` returns the template of a nested include (or None)."""
    env = context.env
    memo = env.__dict__.setdefault("include_memo", {})
    plan = plan_for(template, env.__dict__.setdefault("include_plans", {}), load)
    key = cache_key(template, plan, context) if plan.cacheable else None
    if key is not None:
        hit = memo.get(key)
        plan.record(hit is not None)
        if hit is not None:
            output, assigned = hit
            for name, value in assigned:
                context.locals[name] = value
            return buffer.write(output)
    if key is None:
        return template.render_with_context(context, buffer, partial=True) or 0
    scratch = StringIO()
    template.render_with_context(context, scratch, partial=True)
    output = scratch.getvalue()
    assigned = tuple((name, context.locals[name]) for name in plan.assigns
                     if name in context.locals)
    if len(memo) < MAX_ENTRIES and all(freeze(v) is not UNCACHEABLE for _, v in assigned):
        memo[key] = (output, assigned)
    return buffer.write(output)
