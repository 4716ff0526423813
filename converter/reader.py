"""Reading the source tree into the model (lib/jekyll/reader.rb and readers/*)."""

from __future__ import annotations

import csv
import fnmatch
import functools
import io
import json
import os
import re
from pathlib import Path

from converter.config import deep_merge
from converter.errors import BuildError, YAMLLimitError
from converter.frontmatter import (NotUTF8Error, has_front_matter, read_document_front_matter,
                                   read_source, read_with_front_matter)
from converter.model import (DATE_FILENAME_RE, DATELESS_FILENAME_RE, Collection, Document,
                             Layout, Page, Site, StaticFile, relative_posix, strip_trailing_dots,
                             to_time)
from converter.urls import titleize_slug
from converter.yamlload import load_yaml

SPECIAL_LEADING = (".", "_", "#", "~")


class EntryFilter:
    """Which directory entries Jekyll reads (lib/jekyll/entry_filter.rb)."""

    def __init__(self, site: Site, base_directory: str = ""):
        self.site = site
        self.base = base_directory
        self.include = [str(p) for p in site.config.get("include") or []]
        self.exclude = [str(p) for p in site.config.get("exclude") or []
                        if str(p) not in self.include]

    def keep(self, entry: str) -> bool:
        if entry.endswith("."):
            return False
        included = self.included(entry)
        if self.excluded(entry) and not included:
            return False
        if self.symlink_outside(entry):
            return False
        if included:
            return True
        base = os.path.basename(entry)
        return not (entry.startswith(SPECIAL_LEADING) or base.startswith(SPECIAL_LEADING)
                    or entry.endswith("~"))

    def filter(self, entries):
        return [e for e in entries if self.keep(e)]

    def included(self, entry: str) -> bool:
        return self.glob_include(self.include, entry) or \
            self.glob_include(self.include, os.path.basename(entry))

    def excluded(self, entry: str) -> bool:
        return self.glob_include(self.exclude, f"{self.base}/{entry}".lstrip("/")
                                 if self.base else entry)

    def symlink_outside(self, entry: str) -> bool:
        if not self.site.safe:  # outside safe mode every symlink is followed
            return False
        full = self.site.source / self.base.lstrip("/") / entry
        return full.is_symlink() and not inside_source(full, self.site.source)

    def glob_include(self, patterns, entry: str) -> bool:
        """Jekyll's glob_include?: a pattern matches the entry (File.fnmatch), is a prefix
        of it, or names it as a folder ("dir/")."""
        if not patterns:
            return False
        source = str(self.site.source)
        return pattern_set(source, tuple(patterns)).matches(join(source, entry))


@functools.lru_cache(maxsize=64)  # an EntryFilter is made per folder; the patterns stay
def pattern_set(source: str, patterns: tuple[str, ...]) -> "PatternSet":
    return PatternSet(source, list(patterns))


class PatternSet:
    """include/exclude patterns joined to the source, tested at once: one regex for
    every fnmatch, one startswith for every prefix (the same tests, in one call each)."""

    def __init__(self, source: str, patterns: list[str]):
        joined = [join(source, pattern) for pattern in patterns]
        self.fnmatch = re.compile("|".join(fnmatch.translate(p) for p in joined))
        self.prefixes = tuple(joined)
        self.folders = {p for p in joined if p.endswith("/")}

    def matches(self, entry_with_source: str) -> bool:
        return bool(self.fnmatch.match(entry_with_source)) \
            or entry_with_source.startswith(self.prefixes) \
            or (entry_with_source + "/" in self.folders
                and os.path.isdir(entry_with_source))  # stat only when it decides


def inside_source(path: Path, source: Path) -> bool:
    """Whether path, symlinks resolved, is the source or under it (whole components:
    "/site-private" is not under "/site")."""
    try:
        path.resolve().relative_to(source.resolve())
        return True
    except (ValueError, OSError):
        return False


def join(base: str, item: str) -> str:
    return base.rstrip("/") + "/" + item.lstrip("/") if item else base + "/"


class Reader:
    def __init__(self, site: Site):
        self.site = site
        self.source = site.source

    def read(self) -> None:
        self.read_layouts()
        self.read_directories("")
        self.read_included_files()
        self.site.pages.sort(key=lambda p: p.name)
        self.site.static_files.sort(key=lambda f: f.relative_path)
        for collection in self.site.collections.values():
            if collection.label not in ("posts", "data"):
                self.read_collection(collection)
        self.sort_posts()
        self.read_theme_assets()
        self.site.data = self.read_data(self.source / self.site.config["data_dir"])
        self.read_theme_data()

    # --- layouts ---------------------------------------------------------------------
    def read_layouts(self) -> None:
        layout_dir = self.source / self.site.config["layouts_dir"]
        entry_filter = EntryFilter(self.site)
        for path in sorted(layout_dir.rglob("*.*")) if layout_dir.is_dir() else []:
            rel = path.relative_to(layout_dir).as_posix()
            if not path.is_file() or not entry_filter.keep(rel) or self.outside_in_safe_mode(path):
                continue
            name = rel.rsplit(".", 1)[0]
            data, content = read_with_front_matter(path, self.site)
            self.site.layouts[name] = Layout(self.site, name, path, data, content)
        self.read_theme_layouts()

    # --- gem-based theme (Jekyll::Theme) ------------------------------------------------
    def read_theme_layouts(self) -> None:
        """LayoutReader: the theme's layouts that the site does not define itself."""
        theme = getattr(self.site, "theme", None)
        layout_dir = theme.layouts_path if theme else None
        if layout_dir is None:
            return
        for path in sorted(layout_dir.rglob("*.*")):
            if not path.is_file():
                continue
            name = path.relative_to(layout_dir).as_posix().rsplit(".", 1)[0]
            if name not in self.site.layouts:
                data, content = read_with_front_matter(path, self.site)
                self.site.layouts[name] = Layout(self.site, name, path, data, content)

    def read_theme_assets(self) -> None:
        """ThemeAssetsReader: theme/assets files (Find.find order, symlinks ignored) as
        pages when they have front matter, else static files, unless the site has one."""
        theme = getattr(self.site, "theme", None)
        assets = theme.assets_path if theme else None
        if assets is None:
            return
        page_paths = {page.relative_path for page in self.site.pages}
        static_paths = {static.relative_path for static in self.site.static_files}
        for path in _find(assets):
            if path.is_symlink():
                self.site.log.warn("Theme reader:", f"Ignored symlinked asset: {path}")
                continue
            dir = path.parent.relative_to(theme.root).as_posix()
            name = path.name
            if has_front_matter(path):
                if f"{dir}/{name}" not in page_paths:
                    self.add_page("/" + dir, name, path=path)
            elif f"/{dir}/{name}" not in static_paths:
                static = StaticFile(self.site, "/" + dir, name)
                static.path = path
                self.site.static_files.append(static)

    def read_theme_data(self) -> None:
        """Reader#read_theme_data: the theme's _data under the site's."""
        theme = getattr(self.site, "theme", None)
        data_dir = theme.data_path if theme else None
        if data_dir is not None:
            self.site.data = deep_merge(self.read_data(data_dir), self.site.data)

    def outside_in_safe_mode(self, path: Path) -> bool:
        """--safe: a symlink resolving outside the source is not read (EntryFilter#symlink?)."""
        return self.site.safe and path.is_symlink() and not inside_source(path, self.source)

    # --- pages, static files, posts ----------------------------------------------------
    def read_directories(self, dir: str) -> None:
        base = self.source / dir.lstrip("/")
        if not base.is_dir():
            return
        entry_filter = EntryFilter(self.site, dir)
        entries = entry_filter.filter(sorted(os.listdir(base)))
        dirs, pages, statics = [], [], []
        for entry in entries:
            full = base / entry
            if full.is_dir():
                dirs.append(entry)
            elif has_front_matter(full):
                pages.append(entry)
            else:
                statics.append(entry)
        self.retrieve_posts(dir)
        for entry in dirs:
            full = base / entry
            if full.resolve() != self.site.dest.resolve():
                self.read_directories(f"{dir}/{entry}")
        for entry in pages:
            self.add_page(dir, entry)
        for entry in statics:
            self.site.static_files.append(StaticFile(self.site, dir, entry))

    def add_page(self, dir: str, name: str, path: Path | None = None) -> None:
        path = path or self.source / dir.lstrip("/") / name
        try:
            data, content = read_with_front_matter(path, self.site, front_matter=True)
        except NotUTF8Error as exc:
            self.add_undecodable_page(dir, name, exc)
            return
        relative = f"{dir}/{name}".lstrip("/")
        front_matter = data
        data = merge_defaults(self.site.defaults_for(relative, "pages"), front_matter)
        # Page#data is the front matter (defaults only fill missing keys), so a key
        # left blank stays nil for Jekyll (`layout:` blank: no layout); Page#to_liquid
        # deep-merges the defaults under it, where nil keeps the default.
        nil_over_defaults = {key: data[key] for key, value in front_matter.items()
                             if value is None and data.get(key) is not None}
        for key in nil_over_defaults:
            data[key] = None
        page = Page(self.site, dir, name, data, content, path)
        if nil_over_defaults:
            page.liquid_overrides = nil_over_defaults
        if self.site.publish(page):
            self.site.pages.append(page)

    def add_undecodable_page(self, dir: str, name: str, error: NotUTF8Error) -> None:
        """Jekyll warns and keeps the raw bytes; only Markdown or Liquid then fails on them
        (exit 1).  A page needing neither is copied as it is, as Jekyll writes it."""
        raw = (self.source / dir.lstrip("/") / name).read_bytes()
        ext = os.path.splitext(name)[1].lstrip(".").lower()
        if ext in self.site.markdown_exts or ext in ("scss", "sass") or \
                b"{{" in raw or b"{%" in raw:
            raise error
        self.site.log.warn("Error reading file", f"{error.location()}: {error.message}; "
                           "it is copied unchanged. Save it as UTF-8.")
        self.site.static_files.append(StaticFile(self.site, dir, name))

    def read_included_files(self) -> None:
        """Files named in `include:` that the walk skipped (e.g. a top-level .htaccess)."""
        entry_filter = EntryFilter(self.site)
        for entry in self.site.config.get("include") or []:
            path = self.source / str(entry)
            if path.is_dir() or not path.is_file() or entry_filter.symlink_outside(str(entry)):
                continue
            rel = path.relative_to(self.source).as_posix()
            known = {p.relative_path for p in self.site.pages} | \
                {f.relative_path.lstrip("/") for f in self.site.static_files}
            if rel in known:
                continue
            dir, name = os.path.split("/" + rel)
            dir = "" if dir == "/" else dir
            if has_front_matter(path):
                self.add_page(dir, name)
            else:
                self.site.static_files.append(StaticFile(self.site, dir, name))

    def retrieve_posts(self, dir: str) -> None:
        cdir = self.site.config["collections_dir"]
        if cdir and not dir.startswith("/" + cdir):
            return
        posts = self.site.collections["posts"]
        folder = self.source / dir.lstrip("/") / "_posts"
        for entry in self.entries_under(dir, "_posts"):
            if DATE_FILENAME_RE.match(entry):
                self.add_post(folder / entry, posts)
        if self.site.config.get("show_drafts"):
            for entry in self.entries_under(dir, "_drafts"):
                if DATELESS_FILENAME_RE.match(entry):
                    self.add_post(self.source / dir.lstrip("/") / "_drafts" / entry, posts)

    def entries_under(self, dir: str, subfolder: str) -> list[str]:
        base = self.source / dir.lstrip("/") / subfolder
        if not base.exists():
            return []
        entry_filter = EntryFilter(self.site, str(base.relative_to(self.source)))
        found = []
        for root, dirnames, files in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            prefix = relative_posix(Path(root), base) + "/" if root != str(base) else ""
            for name in sorted(files):
                rel = prefix + name
                if entry_filter.keep(rel):
                    found.append(rel)
        return found

    def add_post(self, path: Path, posts: Collection) -> None:
        doc = self.read_undecodable_guarded(path, posts)
        if doc is not None and self.site.publish(doc):
            posts.docs.append(doc)
        elif doc is not None and self.site.hidden_in_future(doc):
            self.site.log.warn("Skipping:", f"{doc.relative_path} has a future date")

    # --- collections ------------------------------------------------------------------
    def read_collection(self, collection: Collection) -> None:
        directory = collection.directory
        if not directory.is_dir():
            return
        entry_filter = EntryFilter(self.site, collection.relative_directory)
        for root, dirnames, files in os.walk(directory):
            dirnames.sort()
            folder = Path(root)
            prefix = relative_posix(folder, directory) + "/" if root != str(directory) else ""
            for name in sorted(files):
                full = folder / name
                rel = prefix + name
                if not entry_filter.keep(rel) or full.is_dir():
                    continue
                if has_front_matter(full):
                    doc = self.read_undecodable_guarded(full, collection)
                    if doc is not None and (self.site.config.get("unpublished") or
                                            doc.data.get("published", True) is not False):
                        collection.docs.append(doc)
                else:
                    rel_dir = os.path.dirname(full.relative_to(
                        self.site.collections_path).as_posix())
                    static = StaticFile(self.site, rel_dir, name, collection)
                    collection.files.append(static)
        self.site.static_files.extend(collection.files)
        sort_collection(collection)

    def read_undecodable_guarded(self, path: Path, collection: Collection) -> Document | None:
        """A document that is not UTF-8: Jekyll logs an error and the document is not
        written (the build goes on)."""
        try:
            return self.read_document(path, collection)
        except NotUTF8Error as exc:
            self.site.log.error("Error:", f"could not read file {exc.location()}: "
                                f"{exc.message}; it is left out. Save it as UTF-8.")
            return None

    def read_document(self, path: Path, collection: Collection) -> Document | None:
        doc = Document(self.site, path, collection)
        special = "_drafts" if doc.is_draft else collection.relative_directory
        categories = categories_from_path(doc.relative_path, special, doc.basename)
        # Jekyll's order of keys: draft, categories from the path, defaults, front matter.
        doc.data = {"draft": doc.is_draft}
        merge_data(doc, {"categories": categories})
        merge_data(doc, self.site.defaults_for(doc.relative_path, collection.label))
        if doc.is_yaml:
            doc.data = load_yaml(read_source(path, self.site), doc.relative_path) or {}
            return doc
        data, content = read_document_front_matter(path, self.site)
        doc.content = content
        if data is None:  # unreadable front matter: Jekyll keeps the bare document
            return doc
        try:
            merge_data(doc, data)
            populate(doc)
        except BuildError as exc:  # e.g. an invalid date: say where it is written
            raise located(exc, path, doc.relative_path, "date") from exc
        return doc

    def sort_posts(self) -> None:
        posts = self.site.collections["posts"]
        posts.docs.sort(key=lambda d: d.sort_key())
        limit = int(self.site.config.get("limit_posts") or 0)
        if limit < 0:
            raise BuildError("limit_posts must be a non-negative number")
        if limit:
            posts.docs[:] = posts.docs[-limit:]

    # --- data -------------------------------------------------------------------------
    def read_data(self, directory: Path) -> dict:
        data: dict = {}
        if not directory.is_dir():
            return data
        names = sorted(os.listdir(directory))
        files = [n for n in names if os.path.splitext(n)[1].lower() in
                 (".yaml", ".yml", ".json", ".csv", ".tsv") and (directory / n).is_file()]
        dirs = [n for n in names if (directory / n).is_dir()]
        for name in files + dirs:
            path = directory / name
            if self.outside_in_safe_mode(path):
                continue
            if path.is_dir():
                data[sanitize_data_name(name)] = self.read_data(path)
            else:
                data[sanitize_data_name(os.path.splitext(name)[0])] = self.read_data_file(path)
        return data

    def read_data_file(self, path: Path):
        """DataReader#read_data_file: CSV/TSV as a list of rows, anything else as YAML."""
        rel = path.relative_to(self.source).as_posix()
        ext = path.suffix.lower()
        text = read_source(path, self.site)
        if ext in (".csv", ".tsv"):
            return read_csv(text, "\t" if ext == ".tsv" else ",", rel)
        if ext == ".json":
            return read_json(text, rel)
        return load_yaml(text, rel)


def _find(root: Path):
    """Ruby's Find.find: files under root, depth first, names sorted."""
    for entry in sorted(os.listdir(root)):
        path = root / entry
        if path.is_dir() and not path.is_symlink():
            yield from _find(path)
        else:
            yield path


def read_csv(text: str, delimiter: str, rel: str) -> list:
    """Rows as header -> value mappings; malformed quoting stops, as Ruby's CSV does."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise BuildError(f"CSV error: {exc}", rel, reader.line_num or None,
                         hint="Close every quoted field; a quote inside a quoted field "
                              "is written twice (\"\").") from exc
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    return [{h: (row[i] if i < len(row) else None) for i, h in enumerate(header)}
            for row in body]


def read_json(text: str, rel: str):
    """Jekyll reads .json data through its YAML loader (JSON is nearly YAML); a file
    our YAML loader refuses but JSON accepts is read as JSON."""
    try:
        return load_yaml(text, rel)
    except YAMLLimitError:
        raise  # not worth a second try as JSON
    except BuildError as yaml_error:
        try:
            return json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            raise yaml_error from None


def located(error: BuildError, path: Path, rel: str, key: str) -> BuildError:
    """The error, pointed at `key:` in the file's front matter when it is there."""
    if error.path:
        return error
    line = None
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        line = next((i + 1 for i, text in enumerate(lines[1:], 1)
                     if re.match(rf"{key}\s*:", text)), None)
    except (OSError, UnicodeDecodeError):
        pass
    hint = error.hint or ("Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +/-TTTT; a post's "
                          "file name starts with its date, e.g. 2020-01-31-title.md.")
    return BuildError(error.message, rel, line, hint=hint)


def sanitize_data_name(name: str) -> str:
    name = re.sub(r"[^\w\s-]+|(?:(?<=^)|(?<=\b\s))\s+(?=$|\s?\b)", "", name)
    return re.sub(r"\s+", "_", name)


def sort_collection(collection: Collection) -> None:
    meta = collection.metadata
    if isinstance(meta.get("order"), list):
        order = [str(o) for o in meta["order"]]
        ranked = {name: i for i, name in enumerate(order)}

        def rank(doc):
            rel = doc.relative_path.replace(collection.relative_directory + "/", "", 1)
            return ranked.get(rel, len(order))

        listed = sorted((d for d in collection.docs if rank(d) < len(order)), key=rank)
        rest = sorted((d for d in collection.docs if rank(d) >= len(order)),
                      key=lambda d: d.sort_key())
        collection.docs[:] = listed + rest
    elif isinstance(meta.get("sort_by"), str):
        key = meta["sort_by"]
        with_value = [d for d in collection.docs if d.data.get(key) is not None]
        without = [d for d in collection.docs if d.data.get(key) is None]
        with_value.sort(key=lambda d: (d.data[key], d.sort_key()))
        without.sort(key=lambda d: d.sort_key())
        collection.docs[:] = with_value + without
    else:
        collection.docs.sort(key=lambda d: d.sort_key())


def merge_defaults(defaults: dict, data: dict) -> dict:
    return deep_merge(defaults, data) if defaults else data


def merge_data(doc: Document, other: dict) -> None:
    """Document#merge_data!: categories union, deep merge, date parsing."""
    other = dict(other)
    if other.get("categories") is not None:
        if isinstance(other["categories"], str):
            other["categories"] = other["categories"].split()
        if isinstance(doc.data.get("categories"), list):
            merged = list(doc.data["categories"])
            for cat in other["categories"] if isinstance(other["categories"], list) \
                    else [other["categories"]]:
                if cat not in merged:
                    merged.append(cat)
            other["categories"] = merged
    doc.data = deep_merge(doc.data, other)
    if "date" in doc.data and doc.data["date"] is not None:
        doc.data["date"] = to_time(doc.data["date"], doc.site.tz,
                                   f"Document '{doc.relative_path}' does not have a valid date.")


def categories_from_path(relative_path: str, special_dir: str, basename: str) -> list[str]:
    if relative_path.startswith(special_dir):
        return []
    index = relative_path.find(special_dir)
    superdirs = relative_path[:index] if index >= 0 else relative_path
    return [c for c in superdirs.split("/") if c and c != special_dir and c != basename]


def pluralized(data: dict, singular: str, plural: str) -> list:
    """Utils.pluralized_array_from_hash: the singular key wins, plural strings split."""
    value = data.get(singular)
    if value is None or value is False:
        value = data.get(plural)
        if isinstance(value, str):
            value = value.split()
        elif isinstance(value, list):
            value = [v for v in value if v is not None]
        else:
            value = None
    return [v for v in flatten([value]) if v is not None]


def flatten(values) -> list:
    out = []
    for value in values:
        out.extend(flatten(value) if isinstance(value, list) else [value])
    return out


def unique(values) -> list:
    return list(dict.fromkeys(values))


def populate(doc: Document) -> None:
    """Document#read_post_data: title, slug, ext, date from the file name, categories, tags."""
    match = DATE_FILENAME_RE.match(doc.relative_path)
    slug = ext = None
    if match:
        date, slug, ext = match.groups()
        existing = doc.data.get("date")
        if not existing or int(to_time(existing, doc.site.tz).timestamp()) == \
                int(doc.site.time.timestamp()):
            merge_data(doc, {"date": date})
    else:
        match = DATELESS_FILENAME_RE.match(doc.relative_path)
        if match:
            slug, ext = match.groups()
    slug = strip_trailing_dots(slug if slug is not None else doc.basename_without_ext)
    for key, value in (("title", titleize_slug(slug)), ("slug", slug), ("ext", ext)):
        if doc.data.get(key) in (None, False):  # Ruby's ||=
            doc.data[key] = value
    current = doc.data.get("categories")
    current = current if isinstance(current, list) else ([] if current is None else [current])
    categories = [str(c) if not isinstance(c, list) else c
                  for c in current + pluralized(doc.data, "category", "categories")]
    doc.data["categories"] = unique(str(c) for c in flatten(categories))
    doc.data["tags"] = flatten(pluralized(doc.data, "tag", "tags"))
    doc.generate_excerpt()
