"""Rendering on every core, with output byte-identical to a serial build.

Jekyll renders documents (collection by collection), then pages, one after
the other; a template that reads another item's `content` or `output` sees
it rendered if that item came earlier, raw if it comes later.  We keep that
order in two phases (documents, then pages).  Each phase forks worker
processes that render contiguous chunks of the phase.  A worker cannot know
how an earlier item of another chunk rendered, so when a template reads such
an item (or the list of pages, which grows while Sass pages render) the
worker flags its own item; the parent re-renders flagged items afterwards, in
order, seeing every other item exactly as a serial build would.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import os
from concurrent.futures import ProcessPoolExecutor

from converter.liquid.include_memo import adopt_stats, memo_stats
from converter.log import Logger

# Forking pays off from about a hundred items; below that a serial render is as fast.
MIN_SITE_ITEMS = 100
MIN_PHASE_ITEMS = 4
# Many small chunks balance the load: one listing page (a tag archive) can cost
# as much as hundreds of posts.
MIN_CHUNKS = 64

_SITE = None  # the site a forked worker renders (inherited, not pickled)
_PHASE: list = []


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_parallel(site, jobs: int) -> bool:
    """Render the site on `jobs` processes; False if that isn't possible here."""
    docs = [doc for collection in site.collections.values() for doc in collection.docs]
    if jobs <= 1 or len(docs) + len(site.pages) < MIN_SITE_ITEMS \
            or "fork" not in multiprocessing.get_all_start_methods():
        return False
    for doc in docs:
        doc.date  # noqa: B018 - Jekyll sets it on first read; do it before forking
    prepare(site)
    pages = list(site.pages)
    for index, item in enumerate(docs + pages):
        item.render_index = index
        item.raw_content = item.content
    rerender_flagged(site, run_phase(site, docs, jobs))
    # Sass pages rarely read other pages: render them first, here, so every worker
    # has their source-map pages (each page then sees the ones made before it).
    early = [p for p in pages if p.is_sass and render_alone(site, p, pages[0].render_index)]
    rest = [p for p in pages if p not in early]
    if rest:
        rerender_flagged(site, run_phase(site, rest, jobs))
    site.pages[:] = pages_as_of(site, len(docs) + len(pages))
    for page in site.pages[len(pages):]:  # source maps made by Sass pages
        if page.output is None:
            site.renderer.render_item(page)
    return True


def render_alone(site, page, phase_start: int) -> bool:
    """Render `page` ahead of the pages before it, if it reads none of them (else undo)."""
    read_pages = []

    def content_hook(other, attribute):
        if phase_start <= getattr(other, "render_index", -1) < page.render_index:
            read_pages.append(other)
        return getattr(other, attribute)

    def pages_hook():
        read_pages.append(None)
        return site.pages

    site.content_hook, site.pages_hook = content_hook, pages_hook
    try:
        site.renderer.render_item(page)
    finally:
        site.content_hook = site.pages_hook = None
    if not read_pages:
        return True
    page.content, page.output = page.raw_content, None
    site.pages[:] = [p for p in site.pages if getattr(p, "created_by", None) is not page]
    return False


def prepare(site) -> None:
    """Parse every layout once in the parent, so workers share the parse (and its warnings)."""
    for layout in site.layouts.values():
        site.renderer.layout_template(layout)


def run_phase(site, items: list, jobs: int) -> list:
    if len(items) < MIN_PHASE_ITEMS:
        for item in items:
            site.renderer.render_item(item)
        return []
    global _SITE, _PHASE
    _SITE, _PHASE = site, items
    chunks = split(len(items), MIN_CHUNKS)
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the garbage collector of a worker then leaves the parent's pages shared
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                 initializer=default_signals) as pool:
            results = list(pool.map(render_chunk, chunks))
    finally:
        gc.unfreeze()
    _SITE, _PHASE = None, []
    flagged = []
    for result in results:
        flagged += apply_result(site, items, result)
    return flagged


def default_signals() -> None:
    """Workers die quietly on SIGTERM/SIGINT: the parent cleans up and reports."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def split(count: int, parts: int) -> list[tuple[int, int]]:
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        bounds.append((start, end))
        start = end
    return bounds


def render_chunk(bounds: tuple[int, int]) -> dict:
    """In a worker: render items[start:end]; report outputs, new pages, warnings, flags."""
    site, items = _SITE, _PHASE
    start, end = bounds
    log = site.log = CollectingLogger()
    rendered: set[int] = set()
    current = {"item": None, "flagged": False}
    sass_indexes = [p.render_index for p in items if getattr(p, "is_sass", False)]

    phase_start = items[0].render_index  # earlier phases are complete in every worker

    def content_hook(other, attribute):
        item = current["item"]
        index = getattr(other, "render_index", -1)
        if item is not None and other is not item and phase_start <= index < item.render_index \
                and index not in rendered:
            current["flagged"] = True
        return getattr(other, attribute)

    def pages_hook():
        item = current["item"]
        if item is None:
            return site.pages
        if any(i < item.render_index and i not in rendered for i in sass_indexes):
            current["flagged"] = True  # a Sass page of another chunk may add a page
        return pages_as_of(site, item.render_index)

    site.content_hook, site.pages_hook = content_hook, pages_hook
    pages_before = len(site.pages)
    memo_before = memo_stats(site.liquid)
    outputs, flags = [], []
    for position in range(start, end):
        item = items[position]
        current["item"], current["flagged"] = item, False
        site.renderer.render_item(item)
        rendered.add(item.render_index)
        outputs.append((position, item.content, item.output, excerpt_output(item)))
        if current["flagged"]:
            flags.append(position)
    new_pages = [(p.created_by.render_index, p.content) for p in site.pages[pages_before:]]
    return {"outputs": outputs, "flags": flags, "new_pages": new_pages,
            "warnings": log.collected, "memo": stats_since(memo_before, site.liquid)}


def stats_since(before: dict, env) -> dict:
    """The include memo statistics this chunk added (the worker's own calls only)."""
    delta = {}
    inherited = env.__dict__.get("include_memo_stats", {})
    for name, (calls, hits) in memo_stats(env).items():
        # a memo made during this chunk started from the statistics the worker inherited
        old_calls, old_hits = before.get(name) or inherited.get(name, (0, 0))
        if calls > old_calls:
            delta[name] = (calls - old_calls, hits - old_hits)
    return delta


def excerpt_output(item):
    excerpt = item.data.get("excerpt") if hasattr(item, "data") else None
    return getattr(excerpt, "_output", None)


def apply_result(site, items: list, result: dict) -> list:
    for message in result["warnings"]:
        site.log.warn_once(*message)
    adopt_stats(site.liquid, result["memo"])
    for position, content, output, excerpt in result["outputs"]:
        item = items[position]
        item.content, item.output = content, output
        if excerpt is not None and getattr(item.data.get("excerpt"), "_output", 1) is None:
            item.data["excerpt"]._output = excerpt
    for sass_index, source_map in result["new_pages"]:
        from converter.sass import add_source_map_page
        sass_page = next(p for p in site.pages if getattr(p, "render_index", -1) == sass_index)
        add_source_map_page(site, sass_page, source_map)
    return [items[position] for position in result["flags"]]


def pages_as_of(site, index: int) -> list:
    """site.pages as a serial build has it when rendering item `index`: the pages made
    while rendering (source maps) appear once their maker has rendered, in that order."""
    made = sorted((p for p in site.pages if hasattr(p, "created_by")
                   and p.created_by.render_index < index),
                  key=lambda p: p.created_by.render_index)
    return [p for p in site.pages if not hasattr(p, "created_by")] + made


def rerender_flagged(site, flagged: list) -> None:
    """Serial re-render of flagged items: later items look unrendered, as they would."""
    if not flagged:
        return
    cursor = {"index": 0}

    def content_hook(other, attribute):
        if getattr(other, "render_index", -1) > cursor["index"]:
            return other.raw_content if attribute == "content" else None
        return getattr(other, attribute)

    def pages_hook():
        return pages_as_of(site, cursor["index"])

    site.content_hook, site.pages_hook = content_hook, pages_hook
    try:
        for item in sorted(flagged, key=lambda i: i.render_index):
            cursor["index"] = item.render_index
            item.content = item.raw_content
            site.pages[:] = [p for p in site.pages if getattr(p, "created_by", None) is not item]
            site.renderer.render_item(item)
    finally:
        site.content_hook = site.pages_hook = None


class CollectingLogger(Logger):
    """A worker's logger: warnings go back to the parent, which prints each once."""

    def __init__(self):
        super().__init__("warn")
        self.collected: list[tuple[str, str]] = []

    def warn(self, topic: str, message: str = "") -> None:
        self.collected.append((topic, message))

    def info(self, topic: str, message: str = "") -> None:
        pass
