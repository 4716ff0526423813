"""Memoised includes: render an include once per distinct set of inputs it reads.

Academic layouts include the same partials on every page (masthead, footer,
author sidebar, the same related-post cards, one card per post on every
listing page); most of a build is spent rendering them again with the same
inputs.  A render is a pure function of the values its variable lookups
return, as long as its tags and filters are pure (no counters, cycles,
`offset: continue`, nor filters evaluating expressions against the context).

So the first render of an include is *traced*: every lookup that reads the
state the include started from (not a variable the include assigned itself
or a loop variable it introduced) is recorded, with the value it returned,
in the order of first reads.  Rendering is deterministic, so equal values
read in the same order lead to the same next lookup: the traces of one
include form a decision tree whose leaves hold the output and the variables
the include assigned (Jekyll's includes leak assigns; they are replayed into
the caller's scope on a hit).  Later calls walk the tree, looking up only the
variables the render read on that branch; a leaf is a hit.

Only plain data can be compared: a lookup that returns a drop or a list of
drops as a whole (`site.posts`, `post`) ends the trace and nothing is stored.
Includes whose inputs rarely repeat (a page's SEO tags) stop being traced
after a trial.  `strict_variables` turns the memo off (its errors name the
token of the lookup, which a replay does not have).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager, nullcontext
from io import StringIO

from liquid import BoundTemplate, RenderContext
from liquid.undefined import UNDEFINED, Undefined

from .drops import SiteDrop
from .environment import JekyllContext, RecordingContext, walk_nodes
from .ruby import BLANK, BLANK_IN_CONDITION, EMPTY

# Tags whose output depends only on the variables they look up.
PURE_TAGS = {"assign", "capture", "if", "unless", "case", "for", "break", "continue",
             "comment", "raw", "highlight", "link", "post_url", "echo", "include", "#"}
# Filters that evaluate expressions against the whole render context.
CONTEXT_FILTERS = {"where_exp", "find_exp", "group_by_exp"}
UNCACHEABLE = object()
MAX_ENTRIES = 20_000
TRIAL_CALLS = 64
MIN_HIT_RATE = 0.25
# Values compared by identity: Liquid's `empty` and `blank` literals.
_SENTINELS = {id(EMPTY): ("empty",), id(BLANK): ("blank",),
              id(BLANK_IN_CONDITION): ("blank?",)}


class Probe:
    """A node of an include's decision tree: the lookup to make next, and where
    each value it can return leads (another Probe, or a Result).

    A lookup of the site's configuration (`site.author.name`, `site.data...`)
    returns the same value all build long while `site` is the site itself:
    `site` then holds that site drop and `constant` the value it returned, and a
    walk that finds `site` unshadowed takes that branch without the lookup."""

    __slots__ = ("path", "default", "branches", "site", "constant")

    def __init__(self, path: tuple, default, site=None, constant=None):
        self.path = path
        self.default = default
        self.branches: dict = {}
        self.site = site
        self.constant = constant


class Result:
    __slots__ = ("output", "assigned", "effects")

    def __init__(self, output: str, assigned: tuple, effects):
        self.output = output
        self.assigned = assigned
        self.effects = effects


# Set by a dependency tracker (converter.incremental): `effects_frame()` is a
# context manager collecting what a render noted besides its lookups (the include
# files it loaded); a hit hands the stored set to `replay_effects`.
effects_frame = None
replay_effects = None


class Memo:
    """One include template's decision tree, purity and hit statistics."""

    __slots__ = ("root", "pure", "calls", "hits")

    def __init__(self, pure: bool):
        self.root = None
        self.pure = pure
        self.calls = 0
        self.hits = 0

    @property
    def active(self) -> bool:
        return self.pure and not (self.calls >= TRIAL_CALLS
                                  and self.hits < MIN_HIT_RATE * self.calls)


class Recorder:
    """The trace of one render: first reads of the starting state, and assigns."""

    __slots__ = ("context", "probes", "seen", "created", "assigned", "ok")

    def __init__(self, context: RenderContext):
        self.context = context
        self.probes: list[tuple] = []
        self.seen: set = set()
        self.created: set[int] = set()  # namespaces pushed during the render
        self.assigned: dict = {}
        self.ok = True

    def fail(self) -> None:
        """This render can't be memoised: stop tracing it (and the context's extra
        work, once no other trace on it needs that)."""
        self.ok = False
        context = self.context
        if not any(r.ok for r in context.env.include_recorders if r.context is context):
            context.__class__ = JekyllContext

    def note(self, path, default, value) -> None:
        if not self.ok:
            return
        try:
            key = (tuple(path), default)
            if key in self.seen:
                return
        except TypeError:  # an unhashable segment
            self.fail()
            return
        if "parentloop" in key[0]:  # reads the caller's loop stack
            self.fail()
            return
        mapping = resolving_map(self.context, path[0])
        if mapping is not None and (id(mapping) in self.created or (
                mapping is self.context.locals and path[0] in self.assigned)):
            return  # a variable this render made: a function of what it read
        self.seen.add(key)
        frozen = freeze(value)
        if frozen is UNCACHEABLE:
            self.fail()
        else:
            self.probes.append((key[0], default, frozen, site_of(mapping, path)))


def site_of(mapping, path):
    """The site drop `path` reads configuration from, or None (see Probe)."""
    if path[0] != "site" or len(path) < 2 or mapping is None:
        return None
    site = mapping["site"]
    key = path[1]
    if site.__class__ is not SiteDrop or key.__class__ is not str \
            or (key in SiteDrop.METHODS and key != "data") or key in site._obj.collections:
        return None
    return site


def resolving_map(context: RenderContext, root):
    """The scope `root` is found in, as ScopeChain looks it up."""
    for mapping in context.scope._maps:
        if mapping.__class__ is dict:
            if root in mapping:
                return mapping
        else:
            try:
                mapping[root]
                return mapping
            except (KeyError, TypeError):
                pass
    return None


def freeze(value, depth: int = 0):
    """A hashable stand-in for plain data; UNCACHEABLE for drops and objects."""
    cls = value.__class__
    if cls is str:
        return value
    if value is None or cls in (int, float, bool):
        return (cls.__name__, value)
    if isinstance(value, Undefined):
        return ("undefined",)
    sentinel = _SENTINELS.get(id(value))
    if sentinel is not None:
        return sentinel
    if isinstance(value, str):
        return (cls.__name__, str(value))
    if depth > 6:
        return UNCACHEABLE
    if cls is list or cls is tuple:
        items = tuple(freeze(v, depth + 1) for v in value)
        return UNCACHEABLE if UNCACHEABLE in items else ("list", items)
    if cls is dict:
        items = tuple((k, freeze(v, depth + 1)) for k, v in value.items())
        return UNCACHEABLE if any(v is UNCACHEABLE for _, v in items) else ("dict", items)
    if hasattr(value, "isoformat") and not isinstance(value, Mapping):
        # a time prints and formats by its fields, offset and zone name
        zone = value.tzname() if hasattr(value, "tzname") else None
        return (cls.__name__, value.isoformat(), zone)
    return UNCACHEABLE


def memo_for(template: BoundTemplate) -> Memo:
    memo = template.__dict__.get("_include_memo")
    if memo is None:
        memo = template._include_memo = Memo(is_pure(template))
        # what other processes of this build learnt of it (see adopt_stats)
        known = template.env.__dict__.get("include_memo_stats", {}).get(template.name)
        if known is not None:
            memo.calls, memo.hits = known
    return memo


def memo_stats(env) -> dict[str, tuple[int, int]]:
    """(calls, hits) of every include traced in this process, by template name."""
    stats = {}
    for template in env.include_cache.values():
        memo = template.__dict__.get("_include_memo")
        if memo is not None and memo.calls:
            stats[template.name] = (memo.calls, memo.hits)
    return stats


def adopt_stats(env, stats: dict[str, tuple[int, int]]) -> None:
    """Add the trial statistics a worker reports: processes forked later then start
    with them, so an include that paid off elsewhere is not switched off by the
    misses of its first calls in a fresh process."""
    known = env.__dict__.setdefault("include_memo_stats", {})
    for name, (calls, hits) in stats.items():
        old_calls, old_hits = known.get(name, (0, 0))
        known[name] = (old_calls + calls, old_hits + hits)


def is_pure(template: BoundTemplate) -> bool:
    try:
        analysis = template.analyze(include_partials=False)
        if not set(analysis.tags) <= PURE_TAGS or set(analysis.filters) & CONTEXT_FILTERS:
            return False
        return not any(continues_loop(node) for node in walk_nodes(template))
    except Exception:  # an analysis failure only means "don't memoise"
        return False


def continues_loop(node) -> bool:
    """`for x in y offset: continue` reads where a previous loop stopped."""
    offset = getattr(getattr(node, "expression", None), "offset", None)
    return getattr(offset, "value", None) == "continue"


def reset(env) -> None:
    """Forget every include's traces (a rebuild: documents changed)."""
    env.__dict__["include_memo_entries"] = 0
    env.__dict__.pop("include_memo_stats", None)
    for template in env.include_cache.values():
        template.__dict__.pop("_include_memo", None)


def forget_values(env, values: set) -> int:
    """Drop the traces that compared a value in `values` (an edited document's previous
    content or excerpt): only an undo of the edit could match them again, and each
    keeps that old text alive. Returns how many traces were dropped (the count of
    entries goes down by as much)."""
    if not values:
        return 0
    dropped = 0
    for template in list(env.include_cache.values()):
        memo = template.__dict__.get("_include_memo")
        stack = [getattr(memo, "root", None)]
        while stack:
            node = stack.pop()
            if node.__class__ is not Probe:
                continue
            branches = node.branches
            for value in values:
                gone = branches.pop(value, None)
                if gone is not None:
                    dropped += count_traces(gone)
            stack.extend(branches.values())
    if dropped:
        entries = env.__dict__.get("include_memo_entries", 0)
        env.__dict__["include_memo_entries"] = max(0, entries - dropped)
    return dropped


def count_traces(node) -> int:
    """The traces (results) under a node of a decision tree."""
    count, stack = 0, [node]
    while stack:
        node = stack.pop()
        if node.__class__ is Probe:
            stack.extend(node.branches.values())
        elif node is not None:
            count += 1
    return count


def render_include(template: BoundTemplate, context: RenderContext, buffer) -> int:
    """Render `template` as an include, from its decision tree when a trace matches."""
    env = context.env
    memo = memo_for(template)
    recorders = env.include_recorders
    if not memo.pure:
        for recorder in recorders:  # the includes around this one can't be memoised
            if recorder.ok:
                recorder.fail()
    if not memo.active or env.undefined is not Undefined:
        return template.render_with_context(context, buffer, partial=True) or 0
    memo.calls += 1
    result = lookup(memo.root, context)
    if result is not None:
        memo.hits += 1
        for name, value in result.assigned:
            context.assign(name, value)
        if result.effects:
            replay_effects(result.effects)
        return buffer.write(result.output)
    scratch = StringIO()
    with (effects_frame() if effects_frame else nullcontext()) as effects, \
            recording(context, recorders) as recorder:
        template.render_with_context(context, scratch, partial=True)
    output = scratch.getvalue()
    if recorder.ok:
        store(env, memo, recorder, output, frozenset(effects or ()))
    return buffer.write(output)


def lookup(node, context: RenderContext) -> Result | None:
    # While an outer include is traced its trace must see every lookup: no shortcut.
    site = _UNRESOLVED if context.__class__ is JekyllContext else None
    while node.__class__ is Probe:
        if node.site is not None and site is not None:
            if site is _UNRESOLVED:
                site = context.get(("site",), token=None, default=None)
            if site is node.site:
                node = node.branches.get(node.constant)
                continue
        value = context.get(node.path, token=None, default=node.default)
        node = node.branches.get(freeze(value))
    return node


_UNRESOLVED = object()


@contextmanager
def recording(context: RenderContext, recorders: list):
    recorder = Recorder(context)
    if context.__class__ is JekyllContext:
        context.__class__ = RecordingContext
    elif context.__class__ is not RecordingContext:
        recorder.ok = False  # a context of another kind: its lookups can't be traced
    recorders.append(recorder)
    try:
        yield recorder
    finally:
        recorders.remove(recorder)
        if context.__class__ is RecordingContext and not any(
                r.ok and r.context is context for r in recorders):
            context.__class__ = JekyllContext


def store(env, memo: Memo, recorder: Recorder, output: str, effects: frozenset) -> None:
    entries = env.__dict__.get("include_memo_entries", 0)
    if entries >= MAX_ENTRIES:
        return
    assigned = tuple(recorder.assigned.items())
    if any(freeze(value) is UNCACHEABLE for _, value in assigned):
        return
    result = Result(output, assigned, effects)
    if not recorder.probes:
        memo.root = result
    else:
        parent, key = None, None
        node = memo.root
        for path, default, frozen, site in recorder.probes:
            if node is None:
                node = Probe(path, default, site, frozen)
                if parent is None:
                    memo.root = node
                else:
                    parent[key] = node
            elif node.__class__ is not Probe or node.path != path or node.default is not default:
                return  # the render did not follow the tree (never expected): keep it out
            parent, key = node.branches, frozen
            node = parent.get(key)
        if node is not None:
            return
        parent[key] = result
    env.__dict__["include_memo_entries"] = entries + 1
