"""Watching the source tree: coalesced change batches for incremental rebuilds.

An editor's save is a burst of events (swap file, backup, rename, write): the
watcher waits for a short quiet period and hands the whole burst over as one
batch of source-relative paths.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# Always ignored, wherever they are (Jekyll's watcher ignores the cache and metadata too).
IGNORED_DIRS = {".git", ".hg", ".svn", ".jekyll-cache", ".sass-cache", ".jekyll-metadata",
                "node_modules", "__pycache__", ".idea", ".vscode"}
# A full build assembles the new site in a staging folder beside the destination.
STAGING_PREFIX = ".converter-staging-"
QUIET_SECONDS = 0.02       # an editor's burst of events for one save is well under this
MAX_WAIT_SECONDS = 0.5     # a steady stream of events still rebuilds this often
# A rebuild gives way to newer saves at most this many times in a row: under a steady
# stream of saves (an editor's autosave) the site still updates every rebuild or so.
MAX_OVERTAKEN = 2


def is_editor_temp(name: str) -> bool:
    """Swap, backup, lock and probe files that editors create next to the real file."""
    return (name.endswith(("~", ".swp", ".swo", ".swx", ".swpx", ".tmp", ".part", ".crdownload",
                           "___jb_tmp___", "___jb_old___"))
            or name == "4913"                              # vim's write-permission probe
            or name.startswith(".#")                       # emacs lock file
            or (name.startswith("#") and name.endswith("#"))  # emacs autosave
            or name in (".DS_Store", "Thumbs.db")
            or (name.startswith(".") and name.endswith((".swp", ".kate-swp"))))


def matches_exclude(relative: str, patterns: Iterable[str]) -> bool:
    """Jekyll's `exclude:` test: a glob on the path, or a directory prefix of it."""
    for raw in patterns:
        pattern = str(raw).strip().lstrip("/").rstrip("/")
        if not pattern:
            continue
        if fnmatch.fnmatchcase(relative, pattern) or relative.startswith(pattern + "/"):
            return True
        # `exclude: [foo]` also matches `foo` as any leading directory glob.
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            if fnmatch.fnmatchcase("/".join(parts[:depth]), pattern):
                return True
    return False


class IgnoreRules:
    """Decides which changed paths can never affect the build."""

    def __init__(self, source: Path, destination: Path, exclude: Iterable[str] = ()):
        self.source = Path(os.path.realpath(source))
        self.destination = Path(os.path.realpath(destination))
        self.exclude = [str(p) for p in exclude or ()]

    def relative(self, path: str) -> str | None:
        """Source-relative posix path, or None when outside the source."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.source).as_posix()
        except ValueError:
            try:
                return Path(os.path.realpath(path)).relative_to(self.source).as_posix()
            except ValueError:
                return None

    def ignored(self, path: str) -> bool:
        absolute = Path(os.path.abspath(path))
        if absolute == self.destination or self.destination in absolute.parents:
            return True
        relative = self.relative(path)
        if relative is None or relative == ".":
            return True
        parts = relative.split("/")
        if IGNORED_DIRS.intersection(parts) or is_editor_temp(parts[-1]) or \
                parts[0].startswith(STAGING_PREFIX):
            return True
        return matches_exclude(relative, self.exclude)


class _Collector(FileSystemEventHandler):
    def __init__(self, watcher: "ChangeWatcher"):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        # A directory's own "modified" event only repeats its children's events.
        if event.is_directory and event.event_type == "modified":
            return
        paths = [event.src_path]
        if getattr(event, "dest_path", ""):
            paths.append(event.dest_path)
        self.watcher.add(os.fsdecode(p) for p in paths)


class ChangeWatcher:
    """Collects file events under `source` into coalesced batches."""

    def __init__(self, rules: IgnoreRules, quiet: float = QUIET_SECONDS,
                 max_wait: float = MAX_WAIT_SECONDS):
        self.rules = rules
        self.quiet = quiet
        self.max_wait = max_wait
        self._pending: set[str] = set()
        self._first_event = 0.0
        self._last_event = 0.0
        self._lock = threading.Condition()
        self._observer = Observer()
        self._observer.schedule(_Collector(self), str(rules.source), recursive=True)

    def start(self) -> "ChangeWatcher":
        self._observer.start()
        return self

    def stop(self) -> None:
        self._observer.stop()
        with self._lock:
            self._lock.notify_all()
        self._observer.join(timeout=5)

    def add(self, paths: Iterable[str]) -> None:
        relevant = [self.rules.relative(p) for p in paths if not self.rules.ignored(p)]
        relevant = [p for p in relevant if p]
        if not relevant:
            return
        with self._lock:
            now = time.monotonic()
            if not self._pending:
                self._first_event = now
            self._pending.update(relevant)
            self._last_event = now
            self._lock.notify_all()

    def has_pending(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def next_batch(self, timeout: float | None = None) -> set[str]:
        """Wait for changes, then for a quiet moment; return the batch (empty on timeout)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            while not self._pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if (remaining is not None and remaining <= 0) or not self._observer.is_alive():
                    return set()
                self._lock.wait(remaining if remaining is not None else 1.0)
            while True:
                now = time.monotonic()
                settle = self._last_event + self.quiet - now
                cap = self._first_event + self.max_wait - now
                if settle <= 0 or cap <= 0:
                    break
                self._lock.wait(min(settle, cap))
            batch, self._pending = self._pending, set()
            return batch


# ---------------------------------------------------------------- terminal output

def count(n: int) -> str:
    return f"{n:,}"


class TerminalLog:
    """Jekyll-style lines: a right-aligned topic, then the message."""

    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stdout

    def line(self, topic: str, message: str = "") -> None:
        if not self.quiet:
            print(f"{topic:>20} {message}".rstrip(), file=self.stream, flush=True)

    def error(self, error) -> None:
        where = getattr(error, "path", None) or ""
        if where and getattr(error, "line", None):
            where += f":{error.line}"
        message = getattr(error, "message", None) or str(error)
        print(f"{'Error:':>20} {where + ': ' if where else ''}{message}", file=sys.stderr, flush=True)

    def initial(self, report, builder) -> None:
        self.line("Source:", str(builder.source))
        self.line("Destination:", str(builder.destination))
        if report.error is not None:
            self.error(report.error)
            self.line("", "The server keeps running: fix the file and save.")
        else:
            self.line("Generating...", f"done in {report.elapsed:.3f} seconds "
                      f"({count(report.total)} files).")
        self.line("Auto-regeneration:", "enabled for " + repr(str(builder.source)))

    def rebuild(self, report) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        if report.error is not None:
            self.error(report.error)
            return
        if report.interrupted:
            self.line(stamp, f"Newer changes arrived after {report.elapsed * 1000:.0f} ms: "
                      "rebuilding with them")
            return
        changed = ", ".join(sorted(report.changed)[:3])
        if len(report.changed) > 3:
            changed += f", +{len(report.changed) - 3} more"
        what = "Rebuilt everything" if report.full else "Regenerated"
        self.line(stamp, f"{what} {count(report.rendered)} of {count(report.total)} files in "
                  f"{report.elapsed * 1000:.0f} ms ({changed})")


# ---------------------------------------------------------------- the loop

class WatchLoop:
    """Runs in a thread: batch of changes -> incremental rebuild -> callback."""

    def __init__(self, builder, on_report: Callable, quiet: float = QUIET_SECONDS):
        self.builder = builder
        self.on_report = on_report
        rules = IgnoreRules(builder.source, builder.destination, builder.exclude)
        self.watcher = ChangeWatcher(rules, quiet=quiet)
        self._stopping = threading.Event()
        self._busy = False
        self.rebuilds = 0
        self._thread = threading.Thread(target=self._run, name="converter-watch", daemon=True)

    def start(self) -> "WatchLoop":
        self.watcher.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.watcher.stop()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        overtaken = 0
        while not self._stopping.is_set():
            batch = self.watcher.next_batch(timeout=0.2)
            if not batch or self._stopping.is_set():
                continue
            self._busy = True
            try:
                give_way = self.watcher.has_pending if overtaken < MAX_OVERTAKEN else None
                report = self.builder.rebuild(batch, should_stop=give_way,
                                              newer_changes=self.watcher.has_pending)
                overtaken = overtaken + 1 if report.interrupted else 0
            except Exception as exc:   # never let one rebuild end watching
                print(f"{'Error:':>20} {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                self.builder.needs_full = True
                continue
            finally:
                self._busy = False
                self.rebuilds += 1
            # exclude: may have changed with _config.yml
            self.watcher.rules.exclude = list(self.builder.exclude)
            try:
                self.on_report(report)
            except Exception as exc:   # a reporting failure must not end watching
                print(f"{'Error:':>20} {exc}", file=sys.stderr)
            release_free_memory()


    def wait_idle(self, settle: float = 0.5, timeout: float = 600) -> bool:
        """Wait until no change is queued or being built for `settle` seconds."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            idle = not self._busy and not self.watcher.has_pending() and \
                not getattr(self.builder, "pending", None)
            now = time.monotonic()
            if not idle:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= settle:
                return True
            time.sleep(0.02)
        return False


M_ARENA_MAX = -8   # glibc's mallopt parameter


@functools.lru_cache(maxsize=None)
def _glibc():
    """The C library, if it is glibc (mallopt, malloc_trim); None elsewhere."""
    try:
        import ctypes
        import ctypes.util
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def use_one_heap() -> None:
    """Have glibc serve every thread from the main heap (call before starting threads).

    Rebuilds run in the watch thread, and glibc would give it a heap of its own,
    whose free top malloc_trim does not return (glibc trims only the main heap's
    top): the process then held the top left by its largest recent rebuild, 5 to
    10 MB more or less from one rebuild to the next. Python holds the GIL around
    its allocations, so the threads hardly wait for one another's."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, 1)


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the system after a rebuild (the report
    is out, so this delays nothing): without this the process keeps the high-water
    mark of its largest re-renders (a few ms on glibc, nothing elsewhere)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def start_watching(builder, on_report: Callable) -> WatchLoop:
    return WatchLoop(builder, on_report).start()


def build_and_watch(options) -> int:
    """`converter build --watch`: build, then rebuild what changes until ctrl-c."""
    from converter.incremental import IncrementalBuilder
    use_one_heap()
    return run_build_watch(IncrementalBuilder(options), quiet=options.quiet)


def run_build_watch(builder, quiet: bool = False) -> int:
    log = TerminalLog(quiet=quiet)
    report = builder.full_build()
    log.initial(report, builder)
    loop = start_watching(builder, on_report=log.rebuild)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        log.line("", "Stopped watching.")
    finally:
        loop.stop()
    return 0
