"""The disk cache of Markdown conversions (Jekyll::Cache).

Jekyll 4 caches every Markdown conversion by its input text under the source's
cache folder (`cache_dir`, `.jekyll-cache`), unless `safe` or `disable_disk_cache`
is set: a second build of an unchanged site converts nothing again.  We keep the
same cache in one file, `.jekyll-cache/converter/markdown.json`, beside (never
inside) Jekyll's own: the HTML of each input text, by the text's SHA-256.  JSON,
not pickle: a cache file that came with a site's sources must not run code.

The file is valid for one converter: the version, the Markdown options, and the
files of the Markdown stage (size and time of each) are its fingerprint, so that
a changed converter never serves an old conversion.  Reading and writing are best
effort: a missing, damaged or unwritable cache only means converting again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

FILE_NAME = "markdown.json"
# More entries than that start the file over (a long life of edits leaves old ones).
MAX_ENTRIES = 50_000


def key_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class MarkdownCache:
    """Conversions found on disk (`entries`) and made by this build (`new`)."""

    def __init__(self, path: Path, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint
        self.entries: dict[str, str] = {}
        self.new: dict[str, str] = {}

    @classmethod
    def for_site(cls, site) -> "MarkdownCache | None":
        """The site's cache, read from disk; None where Jekyll keeps no disk cache."""
        folder = disk_cache_folder(site)
        if folder is None:
            return None
        hide_from_git(folder.parent)
        cache = cls(folder / FILE_NAME, fingerprint(site.markdown.options))
        cache.load()
        return cache

    def load(self) -> None:
        stored = read_json(self.path)  # None: no cache, or not one we can read
        if isinstance(stored, dict) and stored.get("fingerprint") == self.fingerprint \
                and isinstance(stored.get("entries"), dict):
            self.entries = {key: html for key, html in stored["entries"].items()
                            if isinstance(html, str)}

    def get(self, key: str) -> str | None:
        found = self.entries.get(key)
        return found if found is not None else self.new.get(key)

    def put(self, key: str, html: str) -> None:
        if key not in self.entries and key not in self.new:
            self.new[key] = html

    def forked(self) -> None:
        """In a new worker process: the conversions made so far are the parent's
        already (sending them back would give it a second copy of each)."""
        if self.new:
            self.entries = {**self.entries, **self.new}
            self.new = {}

    def take_new(self) -> dict[str, str]:
        """The conversions made here since the last call (a worker sends them home)."""
        new, self.new = self.new, {}
        return new

    def adopt(self, new: dict[str, str]) -> None:
        for key, html in new.items():
            self.put(key, html)

    def save(self) -> None:
        """Write the cache if this build made new conversions (atomically)."""
        if not self.new:
            return
        entries = self.entries if len(self.entries) + len(self.new) <= MAX_ENTRIES else {}
        entries.update(self.new)
        if write_json(self.path, {"fingerprint": self.fingerprint, "entries": entries}):
            self.entries, self.new = entries, {}


class RenderCosts:
    """How long each page took to render in the last build, kept beside the Markdown
    cache: the parallel build hands out the costliest pages first (a tag archive
    looping over every post in an include looks no heavier than a feed)."""

    FILE_NAME = "render-costs.json"

    def __init__(self, path: Path | None):
        self.path = path
        self.seconds: dict[str, float] = {}
        self.measured: dict[str, float] = {}

    @classmethod
    def for_site(cls, site) -> "RenderCosts":
        folder = disk_cache_folder(site)
        costs = cls(None if folder is None else folder / cls.FILE_NAME)
        stored = read_json(costs.path) if costs.path is not None else None
        try:
            costs.seconds = {str(k): float(v) for k, v in stored.items()}
        except (AttributeError, TypeError, ValueError):  # none, or not a {page: seconds}
            pass
        return costs

    def record(self, measured: dict[str, float]) -> None:
        self.measured.update(measured)

    def save(self) -> None:
        if self.path is not None and self.measured:
            write_json(self.path, {k: round(v, 4) for k, v in self.measured.items()})


def disk_cache_folder(site) -> Path | None:
    """Our folder in the site's cache folder; None where Jekyll keeps no disk cache."""
    config = site.config
    if config.get("safe") or config.get("disable_disk_cache"):
        return None
    return site.source / str(config.get("cache_dir") or ".jekyll-cache") / "converter"


def read_json(path: Path):
    """The file's JSON value; None if it is missing or not JSON."""
    try:
        with open(path, encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        return None


def write_json(path: Path, value) -> bool:
    """Write `value` as JSON in one step (a temporary file renamed over `path`); best
    effort: False if it could not be written.  No half-written file is left, also
    when interrupted (Ctrl-C)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump(value, stream)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        if temporary.exists():
            try:
                temporary.unlink()
            except OSError:
                pass


def hide_from_git(cache_dir: Path) -> None:
    """Site#hide_cache_dir_from_git: a .gitignore ignoring the whole cache folder."""
    ignore = cache_dir / ".gitignore"
    if ignore.exists():
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        ignore.write_bytes(b"# ignore everything in this directory\n*\n")
    except OSError:
        pass


def fingerprint(options: dict) -> str:
    """What a cached conversion depends on besides its text."""
    import mistune
    import pygments

    from converter import __version__

    package = Path(__file__).parent
    files = sorted((package / "markdown").rglob("*.py"))
    files += [package / "highlight.py", package / "config.py"]
    parts = [__version__, mistune.__version__, pygments.__version__,
             repr(sorted(options.items(), key=lambda kv: str(kv[0])))]
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        parts.append(f"{file.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
