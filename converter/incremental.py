"""Incremental rebuilds that are never wrong.

Every rendered item records what it read while rendering, as tokens:
("meta", key) / ("body", key) / ("excerpt", key) / ("output", key) / ("nav", key)
for another item's front matter and URL, its content, its excerpt (when made
from the body), its whole rendered page, its previous/next neighbours (a read
of a document's single front matter field, or of its URL, is recorded as
("meta", key, field) and kept as ("meta", key) plus a mask of the fields read,
`Reads.fields`); ("list", name)
for a site-wide list (`site.posts`, `site.tags`, a collection...); ("data",)
for `site.data`; ("file", path) and ("layoutname", name) for includes and
layouts; ("sass",) for Sass partials. Reads are caught by wrapping the drops,
the include loader and a few tags (`install_hooks`), only in the dev loop.
A rebuild turns the changed files into *fired* tokens, re-renders exactly the
items whose recorded reads intersect them, and writes only their outputs.

Two ways to bring the model up to date:
- the fast path patches the live site in place: a page/document body edited
  with its front matter untouched, a layout or include edited, a Sass partial;
- otherwise the site is read again (front matter parses are memoized) and the
  new items are compared with the saved state of the old ones.

Jekyll renders documents, then pages, in a fixed order, and an item that reads
another item's `content` sees it converted when that one came earlier, raw
when it comes later. The render sweep restores exactly that state for every
re-rendered item, so outputs match a clean full build byte for byte.

The dev loop runs for hours, so its saved state is kept lean: an output no
other item writes lives in its written file only (a digest tells a change),
and a re-read keeps the objects of what it left unchanged (interned tokens,
the previous snapshot's keys and paths, equal saved states): objects made anew
on every re-read scatter over the heap's arenas, which it cannot give back.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import hashlib
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from converter.errors import BuildError

# Include memo traces (converter.liquid.include_memo) that body edits may add before
# they are all dropped: 5-15 KB each (an include's output, its probes and the values
# they compare, such as a post's content). The traces that read an edited item's old
# content or excerpt are dropped at once (include_memo.forget_values); this bounds the others.
MEMO_BUDGET = 2000
# Module-level caches of converter.liquid.filters keyed by page texts (`content |
# strip_html | number_of_words` on listing cards): each edit makes new texts, and these
# kept the old ones (and their stripped copies) until evicted, 2,048 and 4,096 entries
# later: ~13 KB per post edit on the bench site, up to ~60 MB. Emptied after each rebuild.
TEXT_CACHES = ("_strip_html_long", "_word_count")
# Reading a document's content, its excerpt or its `output` (the page in its layout)
# are three dependencies: a body edit past the first paragraph leaves the excerpt as it
# was, a layout edit changes only the output.
BODY_KEYS = frozenset(("content",))
# The site drop caches its page lists when first read, so pages made while
# rendering (source maps) are in them only if the first read came later.
PAGE_LIST_CACHES = {"_pages": "get_pages", "_html_pages": "get_html_pages"}
NAV_KEYS = frozenset(("previous", "next"))
ITEM_TOKENS = ("meta", "body", "excerpt", "output", "nav")   # the reads of one item
# Document drop keys that are one front matter field: reading one depends on that field
# only (listings read a few fields of every post). Other drop methods are derived
# (`url` and `id` from the URL; name, path, collection never change for one key).
FIELD_METHODS = frozenset(("title", "categories", "tags", "date"))
URL_METHODS = frozenset(("url", "id"))
# Site-drop keys that are lists of items, and the list token each one reads.
# (`related_posts` without LSI: the ten newest posts but the current one.)
SITE_LISTS = {"posts": "posts", "related_posts": "recent_posts", "pages": "pages",
              "html_pages": "pages", "static_files": "static", "documents": "documents",
              "collections": "collections", "tags": "tags", "categories": "categories"}
# Plugins whose generators never look at a body, so a body-only edit needs no re-read.
BODY_BLIND_PLUGINS = {"jekyll-feed", "jekyll-sitemap", "jekyll-redirect-from", "jemoji",
                      "jekyll-seo-tag", "jekyll-paginate", "jekyll-include-cache",
                      "jekyll-gist", "jekyll-github-metadata", "jekyll-relative-links",
                      "jekyll-titles-from-headings", "jekyll-optional-front-matter"}


# ---------------------------------------------------------------- recording reads

class Recorder:
    """A stack of open frames; each read is added to every open frame."""

    def __init__(self) -> None:
        self.frames: list[set] = []
        self.excerpt_frames: dict[int, set] = {}   # id(document) -> reads of its excerpt

    def add(self, token) -> None:
        for frame in self.frames:
            frame.add(token)

    @contextlib.contextmanager
    def frame(self):
        reads: set = set()
        self.frames.append(reads)
        try:
            yield reads
        finally:
            self.frames.pop()


RECORDER = Recorder()
FULL_REBUILD = ("full",)   # read by a render whose inputs cannot be tracked
_hooks_installed = False
_hooks_lock = threading.Lock()


def install_hooks() -> None:
    """Wrap the drops, includes and lookups so that reads are recorded.

    Installed only by the incremental builder (serve / build --watch); with
    no open frame each wrapper costs one list check."""
    global _hooks_installed
    with _hooks_lock:
        if _hooks_installed:
            return
        _hooks_installed = True
    from converter.liquid import drops, include_memo, tags
    from converter.model import Site
    from converter.render import Renderer

    base_getitem, base_keys = drops.Drop.__getitem__, drops.Drop.keys
    site_getitem = drops.SiteDrop.__getitem__

    def drop_getitem(self, key):
        if RECORDER.frames:
            record_drop_read(self._obj, key)
        return base_getitem(self, key)

    def drop_keys(self):
        if RECORDER.frames and not isinstance(self._obj, Site):
            record_drop_read(self._obj, "")
        return base_keys(self)

    def site_drop_getitem(self, key):
        if RECORDER.frames:
            record_site_read(self._obj, key)
        return site_getitem(self, key)

    drops.Drop.__getitem__ = drop_getitem
    drops.Drop.keys = drop_keys
    drops.SiteDrop.__getitem__ = site_drop_getitem

    load_include = tags.IncludeNode._load

    def include_load(self, context, name):
        if RECORDER.frames:
            site = context.env.site
            for directory in self.search_dirs(context):
                RECORDER.add(("file", source_relative(site, Path(directory) / name)))
        return load_include(self, context, name)

    tags.IncludeNode._load = include_load
    # A memoised include's hit renders nothing: it notes again what its render read.
    include_memo.effects_frame = RECORDER.frame
    include_memo.replay_effects = replay_reads

    find = Site.find_by_relative_path

    def find_by_relative_path(self, relative_path):
        item = find(self, relative_path)
        if RECORDER.frames:
            RECORDER.add(("list", "files"))
            if item is not None:
                RECORDER.add(("meta", id(item)))
        return item

    Site.find_by_relative_path = find_by_relative_path

    post_url_render = tags.PostUrlNode.render_to_output

    def post_url(self, context, buffer):
        RECORDER.add(("list", "posts"))
        return post_url_render(self, context, buffer)

    tags.PostUrlNode.render_to_output = post_url

    render_excerpt = Renderer.render_excerpt

    def excerpt_render(self, excerpt):
        # What an excerpt reads belongs to its document too: its cached output
        # must be dropped when any of it changes.
        # (the outer frames receive the same reads: add() fills every open frame)
        with RECORDER.frame() as reads:
            output = render_excerpt(self, excerpt)
        RECORDER.excerpt_frames[id(excerpt.doc)] = reads
        return output

    Renderer.render_excerpt = excerpt_render
    install_plugin_hooks()


def replay_reads(reads) -> None:
    for token in reads:
        RECORDER.add(token)


def install_plugin_hooks() -> None:
    """Plugin tags that read the site in Python, not through drops."""
    try:
        from converter.plugins import seo_tag
    except ImportError:
        seo_tag = None
    if seo_tag is not None and hasattr(seo_tag, "SeoNode"):
        seo_render = seo_tag.SeoNode.render_to_output

        def seo_render_recorded(self, context, buffer):
            RECORDER.add(("data",))          # site.data.authors
            RECORDER.add(("list", "files"))  # page lookups by path
            return seo_render(self, context, buffer)

        seo_tag.SeoNode.render_to_output = seo_render_recorded
    try:
        from converter.plugins import include_cache
    except ImportError:
        return
    make_class = include_cache.include_cached_node_class

    def include_cached_node_class():
        # The gem's cache hands one page's output to the next: which page renders
        # first decides the result, so a site using it is rebuilt in full each time.
        node_class = make_class()
        render = node_class.render_to_output

        def render_recorded(self, context, buffer):
            RECORDER.add(FULL_REBUILD)
            return render(self, context, buffer)

        node_class.render_to_output = render_recorded
        return node_class

    include_cache.include_cached_node_class = include_cached_node_class


def record_drop_read(obj, key) -> None:
    from converter.liquid.drops import DocumentDrop
    from converter.model import Collection, Document, Excerpt, Site
    if isinstance(obj, Site):   # recorded by the site drop's own wrapper
        return
    if isinstance(obj, Excerpt):
        obj = obj.doc
        kind = "excerpt" if key in ("content", "output", "excerpt") else "meta"
    elif isinstance(obj, Collection):
        if key in ("docs", "files", ""):
            RECORDER.add(("list", "coll:" + obj.label))
        return
    elif key == "excerpt":   # front matter (`excerpt:`, or a page's), or made from the body
        if not isinstance(obj, Document):
            kind = "meta"
        elif isinstance(obj.data.get("excerpt"), Excerpt):
            kind = "excerpt"
        else:
            RECORDER.add(("meta", id(obj), "excerpt"))
            return
    else:
        kind = "body" if key in BODY_KEYS else "output" if key == "output" else \
            "nav" if key in NAV_KEYS else "meta"
        if kind == "meta" and key and isinstance(key, str) and isinstance(obj, Document):
            field = "url" if key in URL_METHODS else key \
                if key in FIELD_METHODS or key not in DocumentDrop.METHODS else None
            if field is not None:
                RECORDER.add(("meta", id(obj), field))
                return
    RECORDER.add((kind, id(obj)))


def record_site_read(site, key) -> None:
    if not isinstance(key, str):
        return
    if key in SITE_LISTS:
        RECORDER.add(("list", SITE_LISTS[key]))
    elif key == "data":
        RECORDER.add(("data",))
    elif key in site.collections:
        RECORDER.add(("list", "coll:" + key))


MISSING = object()


ALL_FIELDS = -1
_FIELD_BITS: dict[str, int] = {}   # front matter field name -> its bit in a mask
_MASKS: dict[int, int] = {}        # one int object per mask value (most are shared)


def field_mask(names) -> int:
    mask = 0
    for name in names:
        bit = _FIELD_BITS.get(name)
        if bit is None:
            bit = _FIELD_BITS[name] = 1 << len(_FIELD_BITS)
        mask |= bit
    return _MASKS.setdefault(mask, mask)


def fold_reads(reads: set, whole: bool = False) -> tuple[set, dict]:
    """A render's raw reads, compact (a listing reads a few fields of every post):
    each ("meta", id, field) becomes ("meta", id), and the fields read of an object
    not read whole become its mask (none with `whole`)."""
    tokens, names, read_whole = set(), {}, set()
    for read in reads:
        if len(read) == 3:
            names.setdefault(read[1], set()).add(read[2])
            read = read[:2]
        elif read[0] == "meta":
            read_whole.add(read[1])
        tokens.add(read)
    if whole:
        return tokens, {}
    return tokens, {ident: field_mask(fields) for ident, fields in names.items()
                    if ident not in read_whole}


class Reads(frozenset):
    """An item's tokens; `fields` maps a document's key to the mask of the fields
    the item read of it, when it did not read it whole."""
    fields: dict = {}


def read_fields(deps: frozenset) -> dict:
    """`deps.fields` (a child page's deps are a plain frozenset: none)."""
    return getattr(deps, "fields", Reads.fields)


def changed_fields(old, new) -> set | None:
    """The front matter fields (and "url") that differ between two meta signatures
    (Snapshot.meta_signature: frozen data, URL, pager)."""
    if old[0][0] != "dict" or new[0][0] != "dict":
        return None
    before, after = dict(old[0][1]), dict(new[0][1])
    names = {name for name in before.keys() | after.keys()
             if before.get(name, MISSING) != after.get(name, MISSING)}
    if old[1] != new[1]:
        names.add("url")
    return names


def source_relative(site, path: Path) -> str:
    text = os.path.normpath(str(path))
    source = str(site.source)
    if text.startswith(source + os.sep):
        return text[len(source) + 1:].replace(os.sep, "/")
    return text


# ---------------------------------------------------------------- memoized front matter

class FrontMatterMemo:
    """Parses each front matter text once per session (YAML is most of a read).

    Also remembers each file's front matter text, so that a later edit can be
    recognized as body-only."""

    def __init__(self) -> None:
        self.parsed: dict[tuple[str, str], object] = {}
        self.texts: dict[str, str] = {}

    @contextlib.contextmanager
    def active(self, whole_site: bool = False):
        """Memoize YAML while reading: front matter, config and data files alike
        (the same text always parses to the same value; callers get a copy).

        `whole_site`: this read goes through every file, so once it succeeds the
        texts it did not ask for are outdated (edited since) and are dropped:
        the memo holds one parse per file, not one per edit."""
        from converter import config, frontmatter, reader
        modules = [m for m in (frontmatter, config, reader) if hasattr(m, "load_yaml")]
        originals = {m: m.load_yaml for m in modules}
        used: set = set()

        def memoized(original, remember: bool):
            def load_yaml(text, rel=None, *args, **kwargs):
                if remember:
                    self.texts[rel] = text
                key = (text, rel)
                used.add(key)
                if key not in self.parsed:
                    self.parsed[key] = original(text, rel, *args, **kwargs)
                return copy.deepcopy(self.parsed[key])
            return load_yaml

        for module in modules:
            module.load_yaml = memoized(originals[module], remember=module is frontmatter)
        try:
            yield
        finally:
            for module, original in originals.items():
                module.load_yaml = original
        if whole_site:   # (not reached when the read failed: nothing is dropped then)
            for key in self.parsed.keys() - used:
                del self.parsed[key]
            read = {rel for _, rel in used}
            for rel in self.texts.keys() - read:
                del self.texts[rel]
        elif len(self.parsed) > 20000:   # never expected: start afresh
            self.parsed.clear()


# ---------------------------------------------------------------- saved state

@dataclass
class ItemState:
    """What the last good build knew of one rendered item."""
    raw: str                         # body as read, before rendering
    final_content: str | None = None
    final_output: str | None = None  # (None when `output_file` holds it)
    output_file: Path | None = None  # the written page, when no other item writes there
    output_digest: bytes = b""       # of the output's bytes: did a re-render change it?
    excerpt_output: str | None = None
    deps: frozenset = frozenset()
    meta: object = None              # signature of data and url
    body: object = None              # signature of raw body and excerpt source
    nav: object = None               # previous / next neighbours
    dest: Path | None = None


ITEM_STATE_FIELDS = tuple(f.name for f in fields(ItemState))
# The texts an item holds too (its content, page, excerpt): the state keeps the item's.
ITEM_TEXTS = frozenset(("final_content", "final_output", "excerpt_output"))


class Interrupted(Exception):
    """Newer changes arrived: this rebuild gives way to one that includes them."""


@dataclass
class Report:
    """One rebuild, for the terminal and the browser."""
    changed: list[str] = field(default_factory=list)
    rendered: int = 0
    total: int = 0
    elapsed: float = 0.0
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    copied: list[Path] = field(default_factory=list)
    full: bool = False
    interrupted: bool = False
    error: BaseException | None = None
    problems: list = field(default_factory=list)   # warnings worth showing (bad front matter)

    @property
    def css_only(self) -> bool:
        outputs = self.written + self.copied
        return bool(outputs) and not self.removed and all(p.suffix in (".css", ".map") for p in outputs)


def item_key(item) -> tuple:
    from converter.model import Document, StaticFile
    if isinstance(item, Document):
        return ("doc", item.collection.label, item.relative_path, item.url)
    if isinstance(item, StaticFile):
        return ("static", item.relative_path, item.url)
    return ("page" if item.path is not None else "virtual", item.relative_path, item.url)


class Snapshot:
    """Keys, order and signatures of one Site object."""

    def __init__(self, site, previous: "Snapshot | None" = None):
        """`previous`: the snapshot of the site read before, whose key and path
        objects this one takes where equal (they live on in tokens and saved state)."""
        from converter.model import Document
        self.site = site
        self.order = list(site.items_to_render())
        self.keys: dict[int, tuple] = {}
        self.by_key: dict[tuple, object] = {}
        known = {key: key for key in previous.by_key} if previous is not None else {}
        for item in [*self.order, *site.static_files]:
            if id(item) in self.keys:
                continue
            key = item_key(item)
            while key in self.by_key:                 # two virtual pages, same path
                key = key + ("again",)
            key = known.get(key, key)
            self.keys[id(item)] = key
            self.by_key[key] = item
        self.position = {self.keys[id(item)]: i for i, item in enumerate(self.order)}
        self.by_source: dict[str, tuple] = {}
        for item in [*self.order, *site.static_files]:
            if getattr(item, "path", None) is not None:
                self.by_source.setdefault(source_relative(site, item.path), self.keys[id(item)])
        self.writes = {self.keys[id(item)]: item.destination(site.dest)
                       for item in site.items_to_write()}
        if previous is not None:
            for key, target in self.writes.items():
                if previous.writes.get(key) == target:
                    self.writes[key] = previous.writes[key]
        self._shared: set | None = None
        self.is_document = {k for k, item in self.by_key.items() if isinstance(item, Document)}

    def key(self, item) -> tuple | None:
        return self.keys.get(id(item))

    def adopt(self, item) -> tuple:
        """A page made while rendering another (a Sass source map): it takes the place
        of the one the previous render made, or comes last."""
        key = item_key(item)
        old = self.by_key.get(key)
        self.keys[id(item)] = key
        self.by_key[key] = item
        if old is not None and old is not item and key in self.position:
            self.order[self.position[key]] = item
        elif key not in self.position:
            self.position[key] = len(self.order)
            self.order.append(item)
        if item in self.site.items_to_write():
            self.writes[key] = item.destination(self.site.dest)
            self._shared = None
        return key

    def sole_target(self, key) -> Path | None:
        """The file `key` writes, if no other item writes it (it then holds exactly
        this item's output)."""
        target = self.writes.get(key)
        if target is None:
            return None
        if self._shared is None:
            seen: set = set()
            self._shared = set()
            for path in self.writes.values():
                (self._shared if path in seen else seen).add(path)
        return None if target in self._shared else target

    # Signatures: plain values compare by value, items by key, anything else by
    # identity (so it always counts as changed: safe).
    def freeze(self, value, depth: int = 0):
        from converter.liquid.drops import Drop
        from converter.model import Excerpt
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if depth > 12:
            return ("deep", id(value))
        if isinstance(value, dict):
            return ("dict", tuple((k, self.freeze(v, depth + 1)) for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return ("list", tuple(self.freeze(v, depth + 1) for v in value))
        if isinstance(value, Excerpt):
            return ("excerpt",)
        if isinstance(value, Drop):
            key = self.keys.get(id(value._obj))
            return ("item", key) if key else ("obj", id(value))
        key = self.keys.get(id(value))
        if key is not None:
            return ("item", key)
        if hasattr(value, "isoformat"):
            return (type(value).__name__, value.isoformat())
        return ("obj", id(value))

    def meta_signature(self, item):
        from converter.model import Document
        data = getattr(item, "data", None) or {}
        if data.get("date") is None and isinstance(item, Document):
            # A document without a date gets one when first asked (Document.date, as
            # Jekyll's): a rendered item has it, the same item freshly read not yet.
            data = {**data, "date": item.source_mtime() if item.is_draft else item.site.time}
        pager = getattr(item, "pager", None)
        return (self.freeze(data), getattr(item, "url", None),
                self.freeze(pager) if pager is not None else None)

    def body_signature(self, item, raw: str):
        from converter.model import Excerpt
        excerpt = getattr(item, "data", {}).get("excerpt")
        return (raw, excerpt.content if isinstance(excerpt, Excerpt) else None)

    def nav_signature(self, item):
        previous = getattr(item, "previous_doc", None)
        following = getattr(item, "next_doc", None)
        return (self.key(previous) if previous is not None else None,
                self.key(following) if following is not None else None)

    def lists(self) -> dict[str, object]:
        site = self.site
        keys = self.keys
        posts_newest_first = sorted(site.posts, key=lambda d: d.sort_key(), reverse=True)
        result = {
            "posts": tuple(keys[id(p)] for p in posts_newest_first),
            "recent_posts": tuple(keys[id(p)] for p in site.posts[-11:]),
            "pages": tuple(keys[id(p)] for p in site.pages),
            "static": tuple(keys[id(f)] for f in site.static_files),
            "documents": tuple(keys[id(d)] for d in site.documents),
            "collections": tuple(sorted(site.collections)),
            "tags": tuple((t, tuple(keys[id(d)] for d in docs)) for t, docs in site.tags.items()),
            "categories": tuple((c, tuple(keys[id(d)] for d in docs))
                                for c, docs in site.categories.items()),
            "files": tuple(sorted(self.by_source)),
        }
        for label, collection in site.collections.items():
            result["coll:" + label] = (tuple(keys[id(d)] for d in collection.docs),
                                       tuple(keys[id(f)] for f in collection.files))
        return result

    def layouts(self) -> dict[str, tuple]:
        return {name: (layout.relative_path, self.freeze(layout.data), layout.content)
                for name, layout in self.site.layouts.items()}


# ---------------------------------------------------------------- the builder

def options_from_args(args):
    from converter.cli import build_options_from
    return build_options_from(args)


class IncrementalBuilder:
    """Keeps a built site and brings it up to date after file changes."""

    def __init__(self, options):
        from converter.log import Logger
        install_hooks()
        self.options = options
        # The dev loop prints its own lines; the build's "Source:/Generating" only when verbose.
        self.log = Logger("debug" if options.verbose else "warn")
        self.yaml_problems: dict[str, BuildError] = {}   # front matter that did not parse
        self.log.warn = self._warn_recorded(self.log.warn)
        self.memo = FrontMatterMemo()
        self.site = None
        self.snap: Snapshot | None = None
        self.items: dict[tuple, ItemState] = {}
        self.dependents: dict[object, set[tuple]] = {}
        self.excerpt_deps: dict[tuple, frozenset] = {}
        self._canon: dict = {}              # token -> the one object that stands for it
        self.list_sigs: dict[str, object] = {}
        self.layout_sigs: dict[str, tuple] = {}
        self.data_sig = None
        self.pending: set[str] = set()      # changes of a failed rebuild, retried next time
        self.children: dict = {}            # item key -> keys of the pages its render makes
        self.cache_births: dict = {}        # page-list cache -> key of the item that first read it
        self.force_reread = False           # after a failed rebuild: do not trust the live site
        self._should_stop = None
        self._memo_base = None              # include memo entries when its traces were last reset
        self._changed_fields: dict = {}
        self._digests: dict = {}            # item key -> output digest, of this build's renders
        self._overwritten: dict = {}        # file -> bytes it held before this rebuild (None: no file)
        self.needs_full = True
        self._time = None
        self.source = Path(options.source).resolve()
        self.destination = Path(options.destination or self.source / "_site").resolve()
        self.exclude: list[str] = []
        self.baseurl = ""
        self.config_files: set[str] = set()

    # --- public ---------------------------------------------------------------------
    def full_build(self, changed: set[str] | None = None) -> Report:
        started = time.perf_counter()
        report = Report(changed=sorted(changed or []), full=True)
        try:
            site = self._load()
            report.rendered = self._render_everything(site)
            report.total = len(self.snap.order)
            self._write_everything(site, report)
            self.needs_full = False
            self.pending = set()
        except Exception as exc:   # any failure: keep serving, retry in full next time
            report.error = as_build_error(exc, self.source)
            self.needs_full = True
        release_text_caches()
        report.problems = list(self.yaml_problems.values())
        report.elapsed = time.perf_counter() - started
        return report

    def rebuild(self, changed: set[str], should_stop=None, newer_changes=None) -> Report:
        """Bring the destination up to date with `changed` (source-relative paths).

        `should_stop()` is asked between renders: when it says yes (newer changes
        wait), the rebuild stops and its work is redone with those changes.
        `newer_changes()` (default: `should_stop`) says whether changes wait, for a
        rebuild that fails: it gives way to them instead of reporting."""
        paths = set(changed) | self.pending
        if self.needs_full or self.snap is None or paths & self.config_files or \
                FULL_REBUILD in self.dependents:
            return self.full_build(paths)
        started = time.perf_counter()
        report = Report(changed=sorted(changed))
        self._should_stop = should_stop
        self._undo = None
        self._children_before = dict(self.children)
        self._digests, self._overwritten = {}, {}
        try:
            self._rebuild(paths, report)
            self.pending = set()
            self.force_reread = False
            self._undo = None
        except Interrupted:
            report.interrupted = True
            self._after_failure(paths, report)
        except Exception as exc:
            waiting = newer_changes or should_stop
            if waiting is not None and waiting():
                # Newer changes wait: this failure may be theirs half made (a file
                # saved and deleted at once); the rebuild with them decides.
                report.interrupted = True
            else:
                report.error = as_build_error(exc, self.source)
            self._after_failure(paths, report)
        self._digests, self._overwritten = {}, {}
        release_text_caches()
        report.problems = list(self.yaml_problems.values())
        report.elapsed = time.perf_counter() - started
        return report

    def _after_failure(self, paths: set[str], report: Report) -> None:
        """Nothing was committed: the site on disk and in memory go back to the last
        good build, and the next rebuild redoes these changes."""
        self.pending = paths
        self.children = self._children_before
        self._restore_outputs(report.written)
        report.written = []
        if self._undo is not None:   # the fast path changed the live site
            try:
                self._rollback(self._undo)
            except Exception:
                self.force_reread = True   # not trusted any more: read afresh next time
        else:
            # A re-read began: the front matter memo holds what it read, newer than the
            # live site, so the fast path's "front matter unchanged" test would pass
            # for an edit the live site never took (a title saved, then undone).
            self.force_reread = True
        self._undo = None

    def _restore_outputs(self, written: list[Path]) -> None:
        """Outputs written by a rebuild that did not finish get back the bytes they held."""
        for target in written:
            previous = self._overwritten.get(target)
            if previous is not None:
                write_if_changed(target, previous)
            else:
                remove_output(target, self.destination)

    def _rollback(self, undo: dict) -> None:
        """Put the live site (fast path) back as the last good build left it."""
        from converter.model import Excerpt
        site, snap = self.site, self.snap
        forget_templates(site, undo["paths"])
        site.layouts.update(undo["layouts"])
        for item, excerpt in undo["excerpts"]:
            item.data["excerpt"] = excerpt
        site.pages[:] = undo["pages"]
        for key, page in undo["child_pages"].items():
            current = snap.by_key.get(key)
            if current is not None and current is not page:
                replace_in_page_caches(site.renderer.site_drop, current, page)
            snap.adopt(page)
        for item in snap.order:
            state = self.items.get(snap.key(item))
            if state is None:
                continue
            item.content = state.final_content
            give_output(item, state)   # (its file has its committed bytes back)
            excerpt = getattr(item, "data", {}).get("excerpt")
            if isinstance(excerpt, Excerpt):
                excerpt._output = state.excerpt_output
        RECORDER.excerpt_frames.clear()

    def _warn_recorded(self, warn):
        """Bad front matter only warns (as in Jekyll); the dev loop also shows it in the browser."""
        def recorded(topic: str, message: str = "") -> None:
            problem = yaml_problem(topic, str(message))
            if problem is not None:
                self.yaml_problems[problem.path] = problem
            warn(topic, message)
        return recorded

    # --- reading --------------------------------------------------------------------
    def _load(self):
        from converter import build
        original_time = build.site_time
        if self._time is not None:   # one session, one site.time (as one Jekyll build)
            build.site_time = lambda config, tz: self._time if not config.get("time") \
                else original_time(config, tz)
        self.yaml_problems = {}
        release_environments()   # the site read before this one is garbage once replaced
        del self.log.warnings[:]   # (the logger keeps every warning: one site's are enough)
        try:
            with self.memo.active(whole_site=True):
                site = build.load_site(self.options, self.log)
                build.generate(site)
        finally:
            build.site_time = original_time
        self._time = site.time
        self.destination = site.dest
        self.exclude = [str(p) for p in site.config.get("exclude") or []]
        self.baseurl = str(site.config.get("baseurl") or "")
        self.config_files = self._config_paths(site)
        return site

    def _config_paths(self, site) -> set[str]:
        files = self.options.config_files or [site.source / name for name in
                                              ("_config.yml", "_config.yaml", "_config.toml")]
        return {source_relative(site, Path(f).resolve()) for f in files}

    # --- full build -------------------------------------------------------------------
    def _render_everything(self, site) -> int:
        order = list(site.items_to_render())
        raw = {id(item): item.content for item in order}
        reads: dict[int, set] = {}
        self.children = {}
        births: dict[str, int] = {}
        RECORDER.excerpt_frames.clear()
        for item in order:
            reads[id(item)], made = self._render_recording(site, item)
            if made:
                self.children[id(item)] = made
            for name in PAGE_LIST_CACHES:
                if name in site.renderer.site_drop.__dict__:
                    births.setdefault(name, id(item))
        # Keys are taken after rendering: pages made while rendering are in the site now.
        snap = Snapshot(site)
        deps = {snap.key(item): self._tokens(site, snap, item, reads[id(item)]) for item in order}
        for parent, made in self.children.items():
            for page in made:
                deps[snap.key(page)] = frozenset()
        self.children = {snap.keys[parent]: [snap.key(p) for p in made]
                         for parent, made in self.children.items()}
        self.cache_births = {name: snap.keys[born] for name, born in births.items()}
        raw = {snap.key(item): raw.get(id(item), item.content) for item in snap.order}
        self._digests = {snap.key(item): output_digest((item.output or "").encode("utf-8"))
                         for item in snap.order}
        self._commit(site, snap, raw, deps)
        self._digests = {}
        return len(snap.order)

    def _write_everything(self, site, report: Report) -> None:
        from converter import build
        before = set(self.snap.writes.values())
        build.write_site(site)
        report.written = sorted(before)
        # The writer leaves each item its output as a file in the staging folder, gone
        # once that folder became the destination: point it to its written page, or
        # give back the string, for a later render that reads `page.output`.
        for key, state in self.items.items():
            item = self.snap.by_key.get(key)
            if item is not None:
                give_output(item, state)

    # --- one render, with its reads recorded -------------------------------------------
    @staticmethod
    def _render_recording(site, item) -> tuple[tuple, list]:
        """Render one item; return what it read (fold_reads) and the pages its render
        added (jekyll-sass-converter adds a source map page while converting)."""
        pages_before = len(site.pages)
        with RECORDER.frame() as reads:
            site.renderer.render_item(item)
        made = site.pages[pages_before:]
        for page in made:   # rendered as Jekyll's loop would: no Liquid, no layout
            site.renderer.render_item(page)
        return fold_reads(reads), made

    def _tokens(self, site, snap: Snapshot, item, reads: set) -> frozenset:
        tokens, fields = self._translate_all(snap, reads)
        tokens.update(layout_tokens(site, item))
        if getattr(item, "is_sass", False):
            tokens.add(("sass",))
        # One object per distinct token: a thousand pages read the same few hundred.
        canon = self._canon
        result = Reads(canon.setdefault(token, token) for token in tokens)
        if fields:
            result.fields = fields
        return result

    def _render(self, site, snap: Snapshot, item, report: Report) -> frozenset:
        """Re-render one item during a sweep; pages it makes take their old versions' place."""
        reads, made = self._render_recording(site, item)
        for page in made:
            old = snap.by_key.get(item_key(page))
            if old is not None:
                replace_in_page_caches(site.renderer.site_drop, old, page)
            key = snap.adopt(page)
            self._write_item(snap, key, page, report)
        if made or snap.key(item) in self.children:
            self.children[snap.key(item)] = [snap.key(p) for p in made]
        return self._tokens(site, snap, item, reads)

    def _detach_children(self, site, snap: Snapshot, first: int) -> None:
        """Pages made by items from `first` on leave site.pages: a full build has not
        made them yet at that point. They come back as the sweep passes their maker."""
        for parent, children in self.children.items():
            if snap.position.get(parent, -1) >= first:
                for key in children:
                    page = snap.by_key.get(key)
                    if page is not None and page in site.pages:
                        site.pages.remove(page)

    @classmethod
    def _translate_all(cls, snap: Snapshot, folded: tuple) -> tuple[set, dict]:
        """Folded reads (fold_reads) as tokens of this snapshot's keys, and the masks of
        the fields read of the documents not read whole, by key."""
        reads, masks = folded
        tokens = {cls._translate(snap, read) for read in reads}
        tokens.discard(None)
        keys = snap.keys
        return tokens, {keys[ident]: mask for ident, mask in masks.items() if ident in keys}

    @staticmethod
    def _translate(snap: Snapshot, token):
        kind = token[0]
        if kind in ITEM_TOKENS:
            key = snap.keys.get(token[1])
            if key is None:
                return ("unknown",)
            return (kind, key) if len(token) == 2 else (kind, key, token[2])
        return token

    # --- saving state -------------------------------------------------------------------
    def _commit(self, site, snap: Snapshot, raw: dict, deps: dict) -> None:
        """Remember the state of a whole new site; `deps` holds the re-rendered items' reads."""
        from converter.model import Excerpt
        items: dict[tuple, ItemState] = {}
        for item in snap.order:
            key = snap.key(item)
            old = self.items.get(key)
            state = ItemState(raw=raw.get(key, old.raw if old else item.content))
            state.final_content = item.content
            state.output_file = snap.sole_target(key)
            if state.output_file is None:   # (otherwise the item reads it from there)
                state.final_output = item.output
            state.output_digest = self._digests.get(key) or (old.output_digest if old else b"")
            excerpt = getattr(item, "data", {}).get("excerpt")
            if isinstance(excerpt, Excerpt):
                state.excerpt_output = excerpt._output
                frame = RECORDER.excerpt_frames.get(id(item))
                if frame is not None:
                    self.excerpt_deps[key] = frozenset(
                        self._translate_all(snap, fold_reads(frame, whole=True))[0])
            state.deps = deps[key] if key in deps else old.deps
            state.meta = snap.meta_signature(item)
            state.body = snap.body_signature(item, state.raw)
            state.nav = snap.nav_signature(item)
            state.dest = snap.writes.get(key)
            items[key] = state if old is None else keep_equal(old, state)
        self.items = items
        for key in self.excerpt_deps.keys() - items.keys():   # items gone from the site
            del self.excerpt_deps[key]
        dependents: dict = {}
        for key, state in items.items():
            for token in state.deps:
                dependents.setdefault(token, set()).add(key)
        for key, frame in self.excerpt_deps.items():
            for token in frame:
                dependents.setdefault(token, set()).add(key)
        old = self.dependents
        self.dependents = {token: old[token] if old.get(token) == readers else readers
                           for token, readers in dependents.items()}
        self._canon = {token: token for token in self.dependents}
        replaced = self.site is not None and self.site is not site
        self.site, self.snap = site, snap
        if replaced:
            gc.collect()   # the old site is cyclic garbage (site <-> renderer <-> drops)
        self._memo_base = None
        self.list_sigs = snap.lists()
        self.layout_sigs = snap.layouts()
        self.data_sig = snap.freeze(site.data)
        self.static_sigs = {key: snap.meta_signature(item) for key, item in snap.by_key.items()
                            if key[0] == "static"}
        RECORDER.excerpt_frames.clear()

    def _commit_partial(self, snap: Snapshot, deps: dict, stale: set) -> None:
        """The fast path kept the site: update only what was re-rendered (the values
        it replaced are added to `stale`)."""
        from converter.model import Excerpt
        for key, tokens in deps.items():
            item, state = snap.by_key[key], self.items[key]
            excerpt = item.data.get("excerpt")
            output_file = snap.sole_target(key)
            output = item.output if output_file is None else None
            for old, new in ((state.final_content, item.content), (state.final_output, output),
                             (state.excerpt_output, getattr(excerpt, "_output", None))):
                if old != new and isinstance(old, str):
                    stale.add(old)
            for token in state.deps - tokens:
                readers = self.dependents.get(token)
                if readers is not None:
                    readers.discard(key)
                    if not readers:
                        del self.dependents[token]
            for token in tokens - state.deps:
                self.dependents.setdefault(token, set()).add(key)
            state.deps = tokens
            state.final_content, state.final_output = item.content, output
            state.output_file = output_file
            state.output_digest = self._digests.get(key, state.output_digest)
            state.body = snap.body_signature(item, state.raw)
            if isinstance(excerpt, Excerpt):
                state.excerpt_output = excerpt._output
        for doc_id, frame in RECORDER.excerpt_frames.items():
            key = snap.keys.get(doc_id)
            if key is not None:
                tokens = frozenset(self._translate_all(snap, fold_reads(frame, whole=True))[0])
                for token in tokens:
                    self.dependents.setdefault(token, set()).add(key)
                self.excerpt_deps[key] = tokens
        RECORDER.excerpt_frames.clear()

    # --- incremental ----------------------------------------------------------------
    def _rebuild(self, paths: set[str], report: Report) -> None:
        self._changed_fields = {}   # document key -> mask of its changed fields (_reread)
        if not self.force_reread:
            snap = self.snap
            self._undo = {"layouts": dict(self.site.layouts), "excerpts": [], "paths": set(paths),
                          "pages": list(self.site.pages),
                          "child_pages": {key: snap.by_key[key] for keys in self.children.values()
                                          for key in keys if key in snap.by_key}}
        plan = None if self.force_reread else self._fast_plan(paths)
        if plan is None:
            self._undo = None   # a fresh site is read: the live one is not touched
        if plan is not None:
            site, snap, (fired, dirty, new_raw) = self.site, self.snap, plan
            copies, removals = [], []
            raw = {key: state.raw for key, state in self.items.items()}
            raw.update(new_raw)
        else:
            site, snap, fired, dirty, copies, removals, raw = self._reread(paths)
        dirty |= self._dependents_of(fired)
        deps = self._sweep(site, snap, dirty, fired, raw, report)
        report.rendered = len(deps)
        report.total = len(snap.order)
        for key, target in copies:
            copy_file(snap.by_key[key].path, target)
            report.copied.append(target)
        still_written = set(snap.writes.values())
        for target in removals:
            if target not in still_written:
                remove_output(target, site.dest)
                report.removed.append(target)
        for plugin in site.plugins:
            if hasattr(plugin, "post_write"):
                plugin.post_write(site)
        if plan is not None:
            stale = set()   # values no item holds any more: the traces that read them go
            for key, body in new_raw.items():
                stale.add(self.items[key].raw)
                self.items[key].raw = body
            self._commit_partial(snap, deps, stale)
            # A layout edited in place: the next re-read compares with this one.
            self.layout_sigs = snap.layouts()
            from converter.liquid import include_memo
            include_memo.forget_values(site.liquid, stale - {None, ""})
        else:
            self._commit(site, snap, raw, deps)

    def _dependents_of(self, fired: set) -> set[tuple]:
        dirty: set[tuple] = set()
        for token in fired:
            readers = self.dependents.get(token)
            if not readers:
                continue
            changed = self._changed_fields.get(token[1]) if token[0] == "meta" else None
            if changed is None:
                dirty |= readers
            else:   # front matter fields changed: the readers of others need not render
                dirty.update(r for r in readers if self._read_fields(r, token) & changed)
        # Items that read something we cannot name re-render on every change.
        dirty |= self.dependents.get(("unknown",), set())
        return dirty

    def _read_fields(self, reader, token) -> int:
        """The mask of the fields `reader` read of the document of ("meta", key) `token`."""
        state = self.items.get(reader)
        if state is None or token in self.excerpt_deps.get(reader, ()):
            return ALL_FIELDS   # (an excerpt's reads are kept whole)
        return read_fields(state.deps).get(token[1], ALL_FIELDS)

    # The fast path: the live site stays; only bodies, layouts, includes, Sass change.
    def _fast_plan(self, paths: set[str]):
        from converter.frontmatter import read_source, split_front_matter
        from converter.model import Document, Excerpt, Layout, Page
        site, snap = self.site, self.snap
        if any(BODY_BLIND_PLUGINS.isdisjoint(getattr(p, "NAMES", ())) for p in site.plugins):
            return None
        layouts_by_path = {layout.relative_path: layout for layout in site.layouts.values()}
        includes_dir = str(site.config.get("includes_dir") or "_includes").strip("/") + "/"
        sass_dir = str((site.config.get("sass") or {}).get("sass_dir") or "_sass").strip("/") + "/"
        fired: set = set()
        dirty: set[tuple] = set()
        new_raw: dict[tuple, str] = {}
        patches: list = []
        for path in paths:
            full = site.source / path
            fired.add(("file", path))
            key = snap.by_source.get(path)
            if path in self.yaml_problems:
                return None   # read it again, so that the problem is reported or gone
            if path in layouts_by_path and full.is_file():
                patches.append(("layout", layouts_by_path[path], full))
            elif key is not None and full.is_file():
                item = snap.by_key[key]
                if not isinstance(item, (Page, Document)) or item.path is None or \
                        getattr(item, "is_draft", False) or getattr(item, "is_yaml", False):
                    return None
                text = read_source(full, site)
                front, body = split_front_matter(text)
                if front is None or self.memo.texts.get(path) != front:
                    return None
                patches.append(("body", item, body))
            elif path.startswith((includes_dir, sass_dir)) or path.endswith((".scss", ".sass")):
                if key is not None:
                    return None
                if path.endswith((".scss", ".sass")) or path.startswith(sass_dir):
                    fired.add(("sass",))
            else:
                return None
        # Everything is known: apply.
        for kind, target, payload in patches:
            if kind == "layout":
                from converter.frontmatter import read_with_front_matter
                with self.memo.active():
                    data, content = read_with_front_matter(payload, site)
                site.layouts[target.name] = Layout(site, target.name, target.path, data, content)
            else:
                key = snap.key(target)
                if payload == self.items[key].raw:
                    continue
                target.content = payload
                excerpt = target.data.get("excerpt")
                if isinstance(excerpt, Excerpt):
                    fresh = Excerpt(target)
                    fresh.data = excerpt.data
                    target.data["excerpt"] = fresh
                    self._undo["excerpts"].append((target, excerpt))
                    if fresh.content != excerpt.content:
                        fired.add(("excerpt", key))
                new_raw[key] = payload
                fired.add(("body", key))
                dirty.add(key)
        # Body edits only: the include memo's traces stay valid (they are keyed by the
        # values each render read, and the live site's items keep their identities), so
        # the listings that show the edited item re-render their other cards from it.
        bodies_only = len(patches) == len(paths) and all(p[0] == "body" for p in patches)
        forget_templates(site, paths, keep_traces=bodies_only and self._traces_in_budget(site))
        return fired, dirty, new_raw

    def _traces_in_budget(self, site) -> bool:
        """Each body edit adds a few traces (the edited item's new values); past a
        budget they are all dropped, so that memory stays bounded."""
        entries = site.liquid.__dict__.get("include_memo_entries", 0)
        if self._memo_base is None or entries < self._memo_base:
            self._memo_base = entries
        return entries - self._memo_base < MEMO_BUDGET

    # The general path: read everything again and compare with the saved state.
    def _reread(self, paths: set[str]):
        self._release_templates(self.site)
        new_site = self._load()
        snap = Snapshot(new_site, previous=self.snap)
        old_snap = self.snap
        fired: set = {("file", p) for p in paths}
        if any(p.endswith((".scss", ".sass")) or "/_sass/" in "/" + p for p in paths):
            fired.add(("sass",))
        dirty: set[tuple] = set()
        for key, item in snap.by_key.items():
            if key[0] == "static":
                continue
            state = self.items.get(key)
            if state is None:
                dirty.add(key)
                fired.update({("meta", key), ("body", key), ("excerpt", key), ("nav", key)})
                continue
            source = source_relative(new_site, item.path) if getattr(item, "path", None) else None
            meta = snap.meta_signature(item)
            body = snap.body_signature(item, item.content)
            if meta != state.meta:
                fired.add(("meta", key))
                names = changed_fields(state.meta, meta)
                if names is not None:   # (readers of other fields need not render)
                    self._changed_fields[key] = field_mask(names)
                dirty.add(key)
            if body != state.body or (source is not None and source in paths):
                fired.add(("body", key))
                dirty.add(key)
                if body[1] != state.body[1]:   # the excerpt's text
                    fired.add(("excerpt", key))
            if snap.nav_signature(item) != state.nav:
                fired.add(("nav", key))
            if self._excerpt_stale(key, fired):   # what its Liquid read changed
                fired.add(("excerpt", key))
                dirty.add(key)
        carried = self._carry_children(new_site, snap, old_snap, dirty, fired)
        for key in self.items.keys() - snap.by_key.keys():
            fired.update((kind, key) for kind in ITEM_TOKENS)
        static_now = {k: snap.meta_signature(i) for k, i in snap.by_key.items() if k[0] == "static"}
        for key in static_now.keys() | self.static_sigs.keys():
            item = snap.by_key.get(key)
            changed_file = item is not None and source_relative(new_site, item.path) in paths
            if static_now.get(key) != self.static_sigs.get(key) or changed_file:
                fired.update({("meta", key), ("body", key)})
        lists = snap.lists()
        for name, signature in lists.items():
            if self.list_sigs.get(name) != signature:
                fired.add(("list", name))
        for name in self.list_sigs.keys() - lists.keys():
            fired.add(("list", name))
        layouts = snap.layouts()
        for name in layouts.keys() | self.layout_sigs.keys():
            if layouts.get(name) != self.layout_sigs.get(name):
                fired.add(("layoutname", name))
                for signature in (layouts.get(name), self.layout_sigs.get(name)):
                    if signature:
                        fired.add(("file", signature[0]))
        if snap.freeze(new_site.data) != self.data_sig:
            fired.add(("data",))
        # Outputs: statics copied when new or changed, stale files removed.
        copies = []
        for key, target in snap.writes.items():
            if key[0] != "static":
                continue
            item = snap.by_key[key]
            old_target = old_snap.writes.get(key)
            if old_target != target or source_relative(new_site, item.path) in paths or \
                    not target.exists():
                copies.append((key, target))
        removals = sorted(set(old_snap.writes.values()) - set(snap.writes.values()))
        # An output kept in its file only must still be that file's alone.
        dirty.update(key for key, state in self.items.items() if state.output_file is not None
                     and key in snap.by_key and snap.sole_target(key) != state.output_file)
        # Pages made while rendering (source maps) exist only once their maker renders.
        dirty |= {key for key, kids in self.children.items()
                  if key in snap.by_key and not carried.issuperset(kids)}
        raw = {snap.key(item): item.content for item in snap.order}
        # Items that stay clean take their rendered state over from the old build.
        for key, item in snap.by_key.items():
            state = self.items.get(key)
            if state is not None and key not in dirty:
                self._transplant(item, state)
        return new_site, snap, fired, dirty, copies, removals, raw

    @staticmethod
    def _release_templates(site) -> None:
        """The live site's parsed layouts, includes and include traces (tens of MB on a
        large site): the site read next makes its own, and without them the two sites
        alive during a re-read take less memory at once (the heap keeps that peak).
        If the re-read fails, the live site parses and traces them again when asked."""
        from converter.liquid import include_memo
        include_memo.reset(site.liquid)
        site.liquid.include_cache.clear()
        site.renderer.layout_templates.clear()

    def _carry_children(self, new_site, snap: Snapshot, old_snap: Snapshot, dirty: set,
                        fired: set) -> set:
        """Pages made while rendering (source maps) exist in a fresh site only once
        their maker renders. An unchanged maker would make them again the same: the
        fresh site takes the old ones over instead (re-pointed to it, in site.pages
        where the render put them) and the maker need not render. Returns their keys."""
        carried: set = set()
        if ("sass",) in fired:   # a partial changed: the maker renders, its map too
            return carried
        for maker_key, children in self.children.items():
            maker, old_maker = snap.by_key.get(maker_key), old_snap.by_key.get(maker_key)
            if maker is None or old_maker is None or maker_key in dirty or \
                    any(child not in old_snap.by_key for child in children):
                continue
            for child_key in children:
                page = copy.copy(old_snap.by_key[child_key])
                page.site = new_site
                if getattr(page, "created_by", None) is old_maker:
                    page.created_by = maker
                if page.data is old_maker.data:
                    page.data = maker.data
                page._drop = None   # a drop made for the old site's renders
                new_site.pages.append(page)
                snap.adopt(page)
                carried.add(child_key)
        return carried

    def _excerpt_stale(self, key, fired: set) -> bool:
        deps = self.excerpt_deps.get(key)
        return bool(deps) and not deps.isdisjoint(fired)

    @staticmethod
    def _transplant(item, state: ItemState) -> None:
        from converter.model import Excerpt
        item.content = state.final_content
        give_output(item, state)
        excerpt = getattr(item, "data", {}).get("excerpt")
        if isinstance(excerpt, Excerpt) and state.excerpt_output is not None:
            excerpt._output = state.excerpt_output

    # --- the render sweep ------------------------------------------------------------
    def _sweep(self, site, snap: Snapshot, dirty: set, fired: set, raw: dict,
               report: Report) -> dict[tuple, frozenset]:
        """Re-render `dirty` items in Jekyll's order, each seeing what a full build shows it."""
        from converter.model import Excerpt
        positions = sorted(snap.position[k] for k in dirty if k in snap.position)
        deps: dict[tuple, frozenset] = {}
        if not positions:
            return deps
        first = positions[0]
        order = snap.order
        fresh_site = site is not self.site
        if fresh_site:
            self._make_page_caches(site, snap, up_to=first)
        self._detach_children(site, snap, first)
        # From the first re-rendered item on, items are "not yet rendered".
        for item in order[first:]:
            key = snap.key(item)
            item.content, item.output = raw[key], None
        for item in order[first:]:
            key = snap.key(item)
            state = self.items.get(key)
            if fresh_site:
                self._make_page_caches(site, snap, born_at=key)
            if key not in dirty:
                item.content = state.final_content
                give_output(item, state)
                site.pages.extend(snap.by_key[k] for k in self.children.get(key, ())
                                  if k in snap.by_key)
                continue
            if self._should_stop is not None and self._should_stop():
                raise Interrupted()
            excerpt = getattr(item, "data", {}).get("excerpt")
            if isinstance(excerpt, Excerpt) and key in dirty:
                excerpt._output = None
            reads = self._render(site, snap, item, report)
            if state is not None and reads == state.deps and \
                    read_fields(reads) == read_fields(state.deps):
                reads = state.deps   # (the saved one stays: less to allocate and free)
            deps[key] = reads
            for child in self.children.get(key, ()):
                deps[child] = frozenset()
            self._write_item(snap, key, item, report)
            # Later readers of its content, or of its whole page, see the new result.
            content_changed = state is None or item.content != state.final_content
            # An excerpt without Liquid changes only with its text (fired before the
            # sweep); one with Liquid may show what the content's change came from.
            excerpt_changed = content_changed and isinstance(excerpt, Excerpt) and \
                excerpt.render_with_liquid
            for token, changed in ((("body", key), content_changed),
                                   (("excerpt", key), excerpt_changed),
                                   (("output", key), state is None or
                                    self._digests[key] != state.output_digest)):
                if changed:
                    fired.add(token)
                    dirty.update(self.dependents.get(token, ()))
        return deps

    def _make_page_caches(self, site, snap: Snapshot, up_to: int | None = None,
                          born_at=None) -> None:
        """On a freshly read site, create the page-list caches where the full build did."""
        drop = site.renderer.site_drop
        for name, getter in PAGE_LIST_CACHES.items():
            if name in drop.__dict__ or name not in self.cache_births:
                continue
            born = self.cache_births[name]
            if born == born_at or (up_to is not None and snap.position.get(born, -1) <= up_to):
                getattr(drop, getter)()

    def _write_item(self, snap: Snapshot, key, item, report: Report) -> None:
        """Write a re-rendered output. The bytes it replaced are kept until the rebuild
        ends (one that fails puts them back). An output no other item writes then
        lives in its file only (tens of MB held less on a large site, and no page
        held twice while a layout edit re-renders them all)."""
        data = (item.output or "").encode("utf-8")
        self._digests[key] = output_digest(data)
        target = snap.writes.get(key)
        if target is None:
            return
        written, previous = write_if_changed(target, data)
        if written:
            self._overwritten.setdefault(target, previous)
            report.written.append(target)
        if snap.sole_target(key) == target:
            item.output_staged_at(target)


def release_environments() -> None:
    """Empty the module-level caches keyed by a Liquid environment.

    python-liquid's `get_parser` (an lru_cache of 128) and the where_exp /
    find_exp expression caches (512 each) hold every environment they have
    seen, and an environment holds its whole site (`env.site`): documents,
    outputs, drops. Each re-read site has a new environment, so without this
    the dev loop keeps up to 128 old sites alive (+9 MB per front matter edit
    on the bench site). Called before a site is read: at most the live site's
    environment (and, after a failed re-read, the discarded one) stays cached."""
    from liquid.parser import get_parser
    get_parser.cache_clear()
    from converter.liquid import filters
    for name in ("_parse_condition", "_parse_variable"):
        cached = getattr(filters, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def release_text_caches() -> None:
    """Empty the filter caches keyed by page texts (TEXT_CACHES). Within a build they
    serve the listings that strip and count the same post texts again and again; a
    rebuild fills them again with what it reads."""
    from converter.liquid import filters
    for name in TEXT_CACHES:
        cached = getattr(filters, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def forget_templates(site, paths: set[str], keep_traces: bool = False) -> None:
    """Drop the parsed layouts and includes whose files changed (parsing is costly)."""
    for layout in site.layouts.values():
        if layout.relative_path in paths:
            site.renderer.layout_templates.pop(layout.name, None)
    if not keep_traces:
        from converter.liquid.include_memo import reset
        reset(site.liquid)  # the traces hold the old documents' values
    cache = site.liquid.include_cache
    for key, template in list(cache.items()):
        path = getattr(template, "path", None)
        if path is None or source_relative(site, Path(path)) in paths:
            del cache[key]


def replace_in_page_caches(site_drop, old, new) -> None:
    for name in PAGE_LIST_CACHES:
        cached = site_drop.__dict__.get(name)
        if cached:
            site_drop.__dict__[name] = [new.to_liquid() if d._obj is old else d for d in cached]


def layout_tokens(site, item) -> set:
    """The layout chain an item is placed in, by name (a missing one too) and by file."""
    tokens: set = set()
    if not getattr(item, "place_in_layout", False):
        return tokens
    wanted = item.data.get("layout")
    name = "" if wanted is None else str(wanted)
    seen: set = set()
    while name and name not in seen:
        seen.add(name)
        tokens.add(("layoutname", name))
        layout = site.layouts.get(name)
        if layout is None:
            break
        tokens.add(("file", layout.relative_path))
        parent = layout.data.get("layout")
        name = parent if isinstance(parent, str) else ""
    if wanted is None:
        tokens.add(("layoutname", ""))
    return tokens


def keep_equal(old: ItemState, new: ItemState) -> ItemState:
    """`new`, holding `old`'s objects where they are equal (`old` itself when all
    are): after a re-read, what did not change is not allocated again. Long-lived
    objects made anew on each re-read, and freed one re-read later, scatter over
    the heap's arenas, which it then cannot give back."""
    for name in ITEM_STATE_FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if a is b or name in ITEM_TEXTS or type(a) is not type(b):
            continue
        if a == b and read_fields(a) == read_fields(b):   # (Reads compare as sets)
            setattr(new, name, a)
    return old if all(getattr(old, n) is getattr(new, n) for n in ITEM_STATE_FIELDS) else new


def output_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def give_output(item, state: ItemState) -> None:
    """The item's committed output: its written page, or the string kept."""
    if state.output_file is not None:
        item.output_staged_at(state.output_file)
    else:
        item.output = state.final_output


def write_if_changed(target: Path, data: bytes) -> tuple[bool, bytes | None]:
    """Write unless the file already holds these bytes (its mtime then stays).
    Returns whether it wrote, and what the file held before (None: no file)."""
    try:
        previous = target.read_bytes()
    except OSError:
        previous = None
    if previous == data:
        return False, previous
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    target.write_bytes(data)
    return True, previous


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    shutil.copy2(source, target)


def remove_output(target: Path, dest: Path) -> None:
    """Delete a stale output and the folders it leaves empty (never outside dest)."""
    try:
        target.relative_to(dest)
    except ValueError:
        return
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    folder = target.parent
    while folder != dest and dest in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


YAML_WARNING = re.compile(r"^reading (?P<path>[^:]+)(?::(?P<line>\d+))?(?::\d+)?: (?P<message>.*)$", re.S)


def yaml_problem(topic: str, message: str) -> BuildError | None:
    """The front matter warning ("YAML Exception") as an error to show."""
    if not topic.startswith("YAML Exception"):
        return None
    match = YAML_WARNING.match(message)
    if match is None:
        return None
    line = int(match["line"]) if match["line"] else None
    return BuildError("YAML Exception: " + match["message"], match["path"], line)


def as_build_error(exc: BaseException, source: Path | None = None) -> BuildError:
    """The error to show: a BuildError with a file line whenever one can be found."""
    if not isinstance(exc, BuildError):
        return BuildError(f"{type(exc).__name__}: {exc}")
    if exc.line is None and exc.path and source is not None:
        exc.line = liquid_error_line(exc, source / exc.path)
    return exc


def liquid_error_line(error: BuildError, path: Path) -> int | None:
    """The line in the file (front matter counted) where a Liquid error points."""
    token = getattr(error.__cause__, "token", None)
    template = getattr(token, "source", None)
    if not template:
        return None
    index = getattr(token, "start_index", -1)
    line_in_template = template.count("\n", 0, index) + 1 if index >= 0 else \
        template.rstrip("\n").count("\n") + 1   # "end of template": the last line
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return line_in_template
    offset = text.find(template)
    return line_in_template + (text.count("\n", 0, offset) if offset > 0 else 0)
