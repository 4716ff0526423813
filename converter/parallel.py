"""Rendering on every core, with output byte-identical to a serial build.

Jekyll renders documents (collection by collection), then pages, one after
the other; a template that reads another item's `content` or `output` sees
it rendered if that item came earlier, raw if it comes later.  We keep that
order in two phases (documents, then pages).  Each phase forks `jobs - 1`
workers; they and this process take contiguous chunks of the phase from a
shared counter.  A participant cannot know how an earlier item of another
chunk rendered, so when a template reads such an item (or the list of pages,
which grows while Sass pages render) it flags its own item; this process
re-renders flagged items afterwards, in order, seeing every other item
exactly as a serial build would.

Whoever renders an item writes its output into the build's staging folder
at once and keeps only the file (see Convertible.output): outputs are neither
sent between processes nor all held in memory, and writing is spread over
the cores.  Items sharing a destination are left to the writer, which knows
the order in which they overwrite each other.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time

from converter.liquid.include_memo import adopt_stats, memo_stats
from converter.log import Logger
from converter.writer import signals_deferred

# Forking pays off from about a hundred items; below that a serial render is as fast.
MIN_SITE_ITEMS = 100
MIN_PHASE_ITEMS = 4
# Many small chunks balance the load: one listing page (a tag archive) can cost
# as much as hundreds of posts.
MIN_CHUNKS = 64


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worth_parallel(site) -> bool:
    """Whether forking pays off for this site, and is possible here."""
    items = sum(len(collection.docs) for collection in site.collections.values()) + len(site.pages)
    return items >= MIN_SITE_ITEMS and "fork" in multiprocessing.get_all_start_methods()


def render_parallel(site, jobs: int, staging=None) -> None:
    """Render the site on `jobs` processes (see worth_parallel).  With a `staging`
    folder (writer.Staging), outputs are written into it as they are rendered."""
    docs = [doc for collection in site.collections.values() for doc in collection.docs]
    for doc in docs:
        doc.date  # noqa: B018 - Jekyll sets it on first read; do it before forking
    prepare(site)
    pages = list(site.pages)
    for index, item in enumerate(docs + pages):
        item.render_index = index
        item.raw_content = item.content
    targets = staging.targets(site) if staging is not None else {}
    # Sass pages rarely read other items: one participant renders them while the
    # others start on the documents, so that every page worker has their source-map
    # pages (each page then sees the ones made before it).  One that reads another
    # item is rendered again after the documents, alone, or with the other pages.
    sass = [p for p in pages if p.is_sass]
    documents = Phase(site, docs, targets, staging, alone=sass)
    rerender_flagged(site, documents.run(jobs))
    first_page = pages[0].render_index
    early = [p for p in pages if p.is_sass and (
        p.render_index in documents.rendered_alone or render_alone(
            site, p, lambda other, p=p: first_page <= getattr(other, "render_index", -1)
            < p.render_index))]
    rest = [p for p in pages if p not in early]
    if rest:
        rerender_flagged(site, Phase(site, rest, targets, staging, heavy_first=True).run(jobs))
    site.pages[:] = pages_as_of(site, len(docs) + len(pages))
    for page in site.pages[len(pages):]:  # source maps made by Sass pages
        if page.output is None:
            site.renderer.render_item(page)


def render_alone(site, page, matters) -> bool:
    """Render `page` ahead of its turn; if it read an item for which `matters(item)`
    holds, or the page list, undo the render and return False."""
    read = []

    def content_hook(other, attribute):
        if matters(other):
            read.append(other)
        return getattr(other, attribute)

    def pages_hook():
        read.append(None)
        return site.pages

    site.content_hook, site.pages_hook = content_hook, pages_hook
    try:
        site.renderer.render_item(page)
    finally:
        site.content_hook = site.pages_hook = None
    if read:
        undo_render(site, page)
        return False
    return True


def undo_render(site, page) -> None:
    page.content, page.output = page.raw_content, None
    site.pages[:] = [p for p in site.pages if getattr(p, "created_by", None) is not page]


def prepare(site) -> None:
    """Parse every layout once in the parent, so workers share the parse (and its warnings)."""
    for layout in site.layouts.values():
        site.renderer.layout_template(layout)


class Phase:
    """One phase: its items, cut in chunks that the participants take in turn."""

    def __init__(self, site, items: list, targets: dict, staging, alone: list = (),
                 heavy_first: bool = False):
        self.site, self.items, self.targets, self.staging = site, items, targets, staging
        self.chunks = split(len(items), MIN_CHUNKS)
        # The order chunks are handed out in (any order renders the same bytes).  Pages
        # differ in cost far more than documents: an archive or sitemap looping over
        # every post costs as much as hundreds of pages, so the costliest go first (by
        # the last build's render times, else by their loops) and the cheap ones fill
        # in around them.
        self.order = list(range(len(self.chunks)))
        self.heavy_first = heavy_first
        if heavy_first:
            costs = getattr(getattr(site, "render_costs", None), "seconds", {})
            self.order.sort(key=lambda n: -sum(
                expected_cost(item, costs) for item in items[slice(*self.chunks[n])]))
        # Pages to render ahead of the phase, each as if alone (the first unit of work).
        self.alone = list(alone)
        self.units = len(self.chunks) + (1 if self.alone else 0)
        self.rendered_alone: set[int] = set()  # render_index of those that could

    def run(self, jobs: int) -> list:
        """Render the phase; the flagged items, for a serial re-render."""
        if len(self.items) < MIN_PHASE_ITEMS:
            for item in self.items:
                self.site.renderer.render_item(item)
                self.stage(item)
            return []  # the pages to render alone are left to the caller
        context = multiprocessing.get_context("fork")
        self.next_chunk = context.Value("i", 0)
        workers = []
        gc.freeze()  # no collection then dirties the pages parent and workers share
        try:
            for _ in range(jobs - 1):
                receiving, sending = context.Pipe(duplex=False)
                process = context.Process(target=self.work, args=(sending,), daemon=True)
                # A signal must not reach the worker before it drops this process's
                # handlers (they would raise in it and print a traceback): it is held
                # until the fork is done, here, and until the worker is ready, there.
                # Here it also waits until the worker is listed, for the `finally`
                # below to stop it: an unlisted one rendered on into the staging
                # folder after this process had removed it, and outlived it.
                with signals_deferred():
                    process.start()
                    workers.append((process, receiving))
                    sending.close()
            results = self.render_chunks(local=True)
            for process, receiving in workers:
                results += receive(process, receiving)
        finally:
            for process, receiving in workers:
                if process.is_alive():
                    process.terminate()
                process.join()
                receiving.close()
            gc.unfreeze()
        # the unit of pages rendered alone comes after the documents in a serial build
        results.sort(key=lambda result: (result["chunk"] < 0, result["chunk"]))
        failed = [result["error"] for result in results if result.get("error") is not None]
        if failed:
            raise failed[0]  # the error a serial build meets first
        flagged = []
        for result in results:
            flagged += self.apply(result)
        return flagged

    def work(self, sending) -> None:
        """A worker's life: render chunks until none is left, send what they made."""
        default_signals()
        if getattr(self.site, "markdown_cache", None) is not None:
            self.site.markdown_cache.forked()
        try:
            sending.send(self.render_chunks(local=False))
        finally:
            sending.close()

    def take_unit(self) -> int | None:
        """The next unit of work: -1 for the pages rendered alone (if any), then chunks."""
        with self.next_chunk.get_lock():
            number = self.next_chunk.value
            if number >= self.units:
                return None
            self.next_chunk.value = number + 1
        number -= self.units - len(self.chunks)
        return number if number < 0 else self.order[number]

    def stop_handing_out(self) -> None:
        with self.next_chunk.get_lock():
            self.next_chunk.value = self.units

    def render_chunks(self, local: bool) -> list[dict]:
        site = self.site
        log = site.log
        rendered: set[int] = set()  # items this participant rendered, not flagged
        results = []
        try:
            while (number := self.take_unit()) is not None:
                result = self.render_chunk(number, rendered, local) if number >= 0 \
                    else self.render_alone_unit(local)
                results.append(result)
                if result.get("error") is not None and self.order == sorted(self.order):
                    # every earlier chunk is handed out already: the first error of a
                    # serial build is among those (else render on, to find it)
                    self.stop_handing_out()
        finally:
            site.log = log
        return results

    def render_chunk(self, number: int, rendered: set, local: bool) -> dict:
        """Render one chunk; report contents, new pages, warnings and flags."""
        site, items = self.site, self.items
        start, end = self.chunks[number]
        current = {"item": None, "flagged": False}
        phase_start = items[0].render_index  # earlier phases are complete everywhere
        sass_indexes = [p.render_index for p in items if getattr(p, "is_sass", False)]

        def content_hook(other, attribute):
            item = current["item"]
            index = getattr(other, "render_index", -1)
            if item is not None and index > item.render_index:  # e.g. a Sass page made early
                return other.raw_content if attribute == "content" else None
            if item is not None and other is not item and phase_start <= index \
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
        site.log = CollectingLogger()
        pages_before = len(site.pages)
        memo_before = memo_stats(site.liquid)
        contents, flags, error, times = [], [], None, {}
        try:
            for position in range(start, end):
                item = items[position]
                current["item"], current["flagged"] = item, False
                started = time.perf_counter()
                site.renderer.render_item(item)
                if self.heavy_first:
                    times[item.relative_path] = time.perf_counter() - started
                self.stage(item)
                if not local:
                    contents.append((position, item.content, excerpt_output(item)))
                if current["flagged"]:
                    flags.append(position)  # and items reading it will be flagged too
                else:
                    rendered.add(item.render_index)
        except Exception as exc:  # noqa: BLE001 - reported in chunk order by the parent
            error = exc
        finally:
            site.content_hook = site.pages_hook = None
        new_pages = [] if local else [(p.created_by.render_index, p.content)
                                      for p in site.pages[pages_before:]]
        return {"chunk": number, "local": local, "contents": contents, "flags": flags,
                "new_pages": new_pages, "warnings": site.log.collected, "error": error,
                "times": times,
                "memo": {} if local else stats_since(memo_before, site.liquid),
                "markdown": {} if local else new_conversions(site)}

    def render_alone_unit(self, local: bool) -> dict:
        """Render the pages of `alone`, each kept only if it read no other item."""
        site = self.site
        site.log = CollectingLogger()
        contents, new_pages, error = [], [], None
        for page in self.alone:
            pages_before = len(site.pages)
            try:
                if not render_alone(site, page, lambda other, page=page: other is not page):
                    continue
            except Exception as exc:  # noqa: BLE001 - left for the serial retry to report
                error = exc
                break
            self.stage(page)
            if local:
                self.rendered_alone.add(page.render_index)
            else:
                contents.append((page.render_index, page.content))
                new_pages += [(p.created_by.render_index, p.content)
                              for p in site.pages[pages_before:]]
        if error is not None:  # render them again after the phase, where errors show in order
            for page in self.alone:
                undo_render(site, page)
            self.rendered_alone.clear()
            contents, new_pages = [], []
        return {"chunk": -1, "local": local, "contents": [], "alone": contents, "flags": [],
                "new_pages": new_pages, "warnings": site.log.collected if error is None else [],
                "error": None, "memo": {}, "markdown": {} if local else new_conversions(site)}

    def stage(self, item) -> None:
        target = self.targets.get(getattr(item, "render_index", None))
        if target is not None:
            self.staging.stage_rendered(item, target)

    def apply(self, result: dict) -> list:
        site, items = self.site, self.items
        for message in result["warnings"]:
            site.log.warn_once(*message)
        adopt_stats(site.liquid, result["memo"])
        if result.get("times") and getattr(site, "render_costs", None) is not None:
            site.render_costs.record(result["times"])
        if result["markdown"]:
            site.markdown_cache.adopt(result["markdown"])
        for position, content, excerpt in result["contents"]:
            item = items[position]
            item.content = content
            target = self.targets.get(item.render_index)
            if target is not None:
                item.output_staged_at(target)
            if excerpt is not None and getattr(item.data.get("excerpt"), "_output", 1) is None:
                item.data["excerpt"]._output = excerpt
        for render_index, content in result.get("alone", []):
            page = next(p for p in self.alone if p.render_index == render_index)
            page.content = content
            target = self.targets.get(render_index)
            if target is not None:
                page.output_staged_at(target)
            self.rendered_alone.add(render_index)
        for sass_index, source_map in result["new_pages"]:
            from converter.sass import add_source_map_page
            sass_page = next(p for p in site.pages if getattr(p, "render_index", -1) == sass_index)
            add_source_map_page(site, sass_page, source_map)
        return [items[position] for position in result["flags"]]


# A page never timed before: a guess from its loops, on the scale of recorded seconds.
SECONDS_PER_LOOP = 0.02


def expected_cost(item, recorded: dict) -> float:
    """The page's render time in the last build, else a guess from its loops."""
    seconds = recorded.get(getattr(item, "relative_path", None))
    return seconds if seconds is not None else loop_count(item) * SECONDS_PER_LOOP


def loop_count(item) -> int:
    content = getattr(item, "raw_content", "") or ""
    return content.count("{% for") + content.count("{%- for")


def receive(process, receiving) -> list[dict]:
    try:
        return receiving.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"a render worker died (exit code {process.exitcode})") from None


def default_signals() -> None:
    """Workers die quietly on SIGTERM/SIGINT: the parent cleans up and reports."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals_deferred.SIGNALS)


def split(count: int, parts: int) -> list[tuple[int, int]]:
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        bounds.append((start, end))
        start = end
    return bounds


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


def new_conversions(site) -> dict:
    """The Markdown conversions a worker added to the disk cache (sent to the parent,
    which writes the cache)."""
    cache = getattr(site, "markdown_cache", None)
    return cache.take_new() if cache is not None else {}


def excerpt_output(item):
    excerpt = item.data.get("excerpt") if hasattr(item, "data") else None
    return getattr(excerpt, "_output", None)


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
    """A participant's logger: warnings are printed once, in chunk order, by the parent."""

    def __init__(self):
        super().__init__("warn")
        self.collected: list[tuple[str, str]] = []

    def warn(self, topic: str, message: str = "") -> None:
        self.collected.append((topic, message))

    def info(self, topic: str, message: str = "") -> None:
        pass
