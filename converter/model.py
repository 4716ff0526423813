"""The document model: what a site is made of once read (lib/jekyll/{site,page,document,...}.rb)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from functools import cached_property
from pathlib import Path

from converter.config import deep_merge, style_to_permalink
from converter.errors import BuildError
from converter.rubytypes import RubyDate, RubyTime
from converter import urls

HTML_EXTENSIONS = (".html", ".xhtml", ".htm")
SASS_EXTENSIONS = (".sass", ".scss")
YAML_EXTENSIONS = (".yaml", ".yml")
DATE_FILENAME_RE = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DATELESS_FILENAME_RE = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")


def has_liquid_construct(text: str | None) -> bool:
    return bool(text) and ("{%" in text or "{{" in text)


def strip_trailing_dots(text: str) -> str:
    return re.sub(r"\.*\Z", "", text)


class Layout:
    """A template from _layouts: front matter + content, parsed once per build."""

    def __init__(self, site: "Site", name: str, path: Path, data: dict, content: str):
        self.site = site
        self.name = name
        self.path = path
        self.data = data
        self.content = content
        self.relative_path = path.relative_to(site.source).as_posix() \
            if path.is_relative_to(site.source) else path.as_posix()
        self.template = None  # parsed lazily by the renderer, once


class Collection:
    def __init__(self, site: "Site", label: str, metadata: dict):
        self.site = site
        self.label = re.sub(r"[^a-z0-9_\-.]", "", label, flags=re.I)
        self.metadata = metadata if isinstance(metadata, dict) else {}
        self.docs: list[Document] = []
        self.files: list[StaticFile] = []

    @property
    def relative_directory(self) -> str:
        return f"_{self.label}"

    @property
    def directory(self) -> Path:
        container = self.site.config["collections_dir"]
        return self.site.source / container / self.relative_directory

    @property
    def write(self) -> bool:
        return bool(self.metadata.get("output", False))

    @cached_property
    def url_template(self) -> str:
        template = self.metadata.get("permalink")
        if template:
            return style_to_permalink(template)
        return urls.add_permalink_suffix("/:collection/:path", self.site.permalink_style)


class Convertible:
    """What pages and documents share: data, content, conversion and layout rules."""

    site: "Site"
    path: Path | None
    relative_path: str
    ext: str
    collection: Collection | None = None

    _staged_at: Path | None = None

    def __init__(self):
        self.data: dict = {}
        self.content: str = ""
        self.output: str | None = None
        self._drop = None  # the Liquid view, made once

    # A parallel build writes an output into the staging folder as soon as it is
    # rendered and keeps only the file, which `output` reads back when asked.
    @property
    def output(self) -> str | None:
        if self._output is None and self._staged_at is not None:
            return self._staged_at.read_bytes().decode("utf-8")
        return self._output

    @output.setter
    def output(self, value: str | None) -> None:
        self._output, self._staged_at = value, None

    def output_staged_at(self, path: Path) -> None:
        """The output is the file at `path` (written by whoever rendered this item)."""
        self._output, self._staged_at = None, path

    @property
    def staged_at(self) -> Path | None:
        return self._staged_at

    # --- conversion --------------------------------------------------------------
    @property
    def is_markdown(self) -> bool:
        return self.ext.lstrip(".").lower() in self.site.markdown_exts

    @property
    def is_sass(self) -> bool:
        return self.ext in SASS_EXTENSIONS

    @property
    def is_asset(self) -> bool:
        return self.is_sass or self.ext == ".coffee"

    @property
    def is_yaml(self) -> bool:
        return False

    def converter_output_ext(self) -> str:
        if self.is_markdown:
            return ".html"
        if self.is_sass:
            return ".css"
        return self.ext

    @cached_property
    def output_ext(self) -> str:
        permalink = self.permalink
        if permalink and not str(permalink).endswith("/"):
            ext = os.path.splitext(str(permalink))[1]
            if ext:
                return ext
        return self.converter_output_ext()

    @property
    def permalink(self):
        value = self.data.get("permalink")
        return value if value else None

    @property
    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return has_liquid_construct(self.content)

    @property
    def place_in_layout(self) -> bool:
        return not (self.is_asset or self.data.get("layout") == "none")

    @property
    def html(self) -> bool:
        return self.output_ext in HTML_EXTENSIONS

    def write_wanted(self) -> bool:
        return True

    # What other templates see of this item's content and output.  A parallel
    # render installs `site.content_hook` to keep that exactly as a serial build.
    def visible_content(self):
        hook = self.site.content_hook
        return self.content if hook is None else hook(self, "content")

    def visible_output(self):
        hook = self.site.content_hook
        return self.output if hook is None else hook(self, "output")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.relative_path}>"


class Page(Convertible):
    """A file with front matter outside collections (lib/jekyll/page.rb)."""

    def __init__(self, site: "Site", dir: str, name: str, data: dict, content: str,
                 path: Path | None = None):
        super().__init__()
        self.site = site
        self.dir_ = dir  # source dir as Jekyll keeps it: "" or "/sub/dir"
        self.name = name
        self.path = path
        self.ext = os.path.splitext(name)[1]
        self.basename = strip_trailing_dots(name[: len(name) - len(self.ext)] if self.ext else name)
        self.data = data
        self.content = content
        self.pager = None  # set by jekyll-paginate

    @classmethod
    def virtual(cls, site: "Site", dir: str, name: str, content: str = "",
                data: dict | None = None) -> "Page":
        """A PageWithoutAFile: generated by a plugin, rendered and written like any page."""
        dir = dir if not dir or dir.startswith("/") else "/" + dir
        return cls(site, dir.rstrip("/") if dir != "/" else "", name, dict(data or {}), content)

    @cached_property
    def relative_path(self) -> str:
        return f"{self.dir_}/{self.name}".lstrip("/")

    @property
    def type(self) -> str:
        return "pages"

    @property
    def index(self) -> bool:
        return self.basename == "index"

    def template(self) -> str:
        if not self.html:
            return "/:path/:basename:output_ext"
        if self.index:
            return "/:path/"
        return urls.add_permalink_suffix("/:path/:basename", self.site.permalink_style)

    @cached_property
    def url(self) -> str:
        placeholders = [("path", self.dir_), ("basename", self.basename),
                        ("output_ext", self.output_ext)]
        permalink = self.permalink
        template = str(permalink) if permalink else self.template()
        return urls.url_from_hash(template, placeholders)

    @property
    def dir(self) -> str:
        url = self.url
        if url.endswith("/"):
            return url
        value = os.path.dirname(url)
        return value if value.endswith("/") else value + "/"

    @property
    def liquid_path(self) -> str:
        return self.data.get("path", self.relative_path)

    def destination(self, dest: Path) -> Path:
        text = in_dest_dir_text(dest, urls.unescape_path(self.url))
        if self.url.endswith("/"):
            text += os.sep + "index"
        if not text.endswith(self.output_ext):
            text += self.output_ext
        return Path(text)

    def to_liquid(self):
        if self._drop is None:
            from converter.liquid.drops import PageDrop
            self._drop = PageDrop(self)
        return self._drop


class Document(Convertible):
    """A file of a collection, posts included (lib/jekyll/document.rb)."""

    def __init__(self, site: "Site", path: Path, collection: Collection):
        super().__init__()
        self.site = site
        self.path = path
        self.collection = collection
        self.ext = path.suffix
        self.relative_path = relative_posix(path, site.collections_path)
        self.basename = path.name
        self.basename_without_ext = path.name[: -len(path.suffix)] if path.suffix else path.name

    @property
    def type(self) -> str:
        return self.collection.label

    @property
    def is_yaml(self) -> bool:
        return self.ext in YAML_EXTENSIONS

    @property
    def is_draft(self) -> bool:
        return self.collection.label == "posts" and \
            self.collection.relative_directory not in self.relative_path

    @property
    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return not (self.ext == ".coffee" or self.is_yaml) and has_liquid_construct(self.content)

    @property
    def place_in_layout(self) -> bool:
        return not (self.is_asset or self.is_yaml or self.data.get("layout") == "none")

    @property
    def date(self):
        value = self.data.get("date")
        if value is None:
            value = self.source_mtime() if self.is_draft else self.site.time
            self.data["date"] = value
        return value

    def source_mtime(self) -> RubyTime:
        return self.site.file_time(self.path)

    @cached_property
    def cleaned_relative_path(self) -> str:
        path = self.relative_path[: len(self.relative_path) - len(self.ext)] \
            if self.ext else self.relative_path
        path = path.replace(self.collection.relative_directory, "", 1)
        return strip_trailing_dots(path)

    @cached_property
    def url(self) -> str:
        from converter.liquid.drops import url_placeholders
        values = url_placeholders(self)
        template = str(self.permalink) if self.permalink else self.collection.url_template
        return urls.url_from_drop(template, values.__getitem__, values.__contains__,
                                  self.relative_path)

    @property
    def id(self) -> str:
        slug = self.data.get("slug") or self.basename_without_ext
        return os.path.join(ruby_dirname(self.url), str(slug))

    def destination(self, dest: Path) -> Path:
        text = in_dest_dir_text(dest, urls.unescape_path(self.url))
        if self.url.endswith("/"):
            text += os.sep + "index.html"
        elif not text.endswith(self.output_ext):
            text += self.output_ext
        return Path(text)

    def write_wanted(self) -> bool:
        return self.collection.write and self.site.publish(self)

    @property
    def excerpt_separator(self) -> str:
        value = self.data.get("excerpt_separator", self.site.config.get("excerpt_separator"))
        return "" if value is None else str(value)

    def generate_excerpt(self) -> None:
        if self.data.get("excerpt") in (None, False) and self.excerpt_separator:
            self.data["excerpt"] = Excerpt(self)

    def sort_key(self):
        return functools.cmp_to_key(compare_documents)(self)

    @property
    def next_doc(self):
        docs = self.collection.docs
        pos = self.site.doc_position(self)
        return docs[pos + 1] if pos is not None and pos < len(docs) - 1 else None

    @property
    def previous_doc(self):
        docs = self.collection.docs
        pos = self.site.doc_position(self)
        return docs[pos - 1] if pos else None

    def to_liquid(self):
        if self._drop is None:
            from converter.liquid.drops import DocumentDrop
            self._drop = DocumentDrop(self)
        return self._drop


class StaticFile:
    """A file copied as it is (lib/jekyll/static_file.rb)."""

    def __init__(self, site: "Site", dir: str, name: str, collection: Collection | None = None):
        self.site = site
        self.dir_ = dir  # "/assets/css" style, or "_coll/sub" for collection files
        self.name = name
        self.collection = collection
        self._drop = None
        self.relative_path = "/".join(p for p in (dir, name) if p is not None)
        self.extname = os.path.splitext(name)[1]
        self.basename = name[: len(name) - len(self.extname)] if self.extname else name
        container = site.config["collections_dir"] if collection else ""
        self.path = site.source / container / dir.lstrip("/") / name

    @property
    def type(self):
        return self.collection.label if self.collection else None

    @cached_property
    def data(self) -> dict:
        return self.site.defaults_for(self.relative_path.lstrip("/"), self.type)

    @cached_property
    def modified_time(self) -> RubyTime:
        return self.site.file_time(self.path)

    @cached_property
    def cleaned_relative_path(self) -> str:
        path = self.relative_path[: len(self.relative_path) - len(self.extname)] \
            if self.extname else self.relative_path
        path = strip_trailing_dots(path)
        if self.collection:
            path = path.replace(self.collection.relative_directory, "", 1)
        return path

    @cached_property
    def url(self) -> str:
        if self.collection is None:
            base = self.cleaned_relative_path
        else:
            placeholders = {"collection": self.collection.label,
                            "path": self.cleaned_relative_path, "output_ext": "",
                            "name": self.basename, "title": ""}
            base = urls.url_from_drop(self.collection.url_template, placeholders.__getitem__,
                                      placeholders.__contains__, self.relative_path)
        return base.rstrip("/") + self.extname if base.endswith("/") else base + self.extname

    def destination(self, dest: Path) -> Path:
        return in_dest_dir(dest, urls.unescape_path(self.url))

    def write_wanted(self) -> bool:
        publishable = self.data.get("published", True)
        if self.collection is None:
            return bool(publishable)
        return bool(publishable) and self.collection.write

    def to_liquid(self):
        if self._drop is None:
            from converter.liquid.drops import StaticFileDrop
            self._drop = StaticFileDrop(self)
        return self._drop

    def __repr__(self) -> str:
        return f"<StaticFile {self.relative_path}>"


LIQUID_TAG_RE = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.S)
LINK_REF_RE = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.M)
LIQUID_BLOCKS = {"if", "unless", "case", "for", "capture", "comment", "raw", "tablerow",
                 "highlight", "ifchanged"}


class Excerpt:
    """The first part of a document, rendered without layout (lib/jekyll/excerpt.rb)."""

    def __init__(self, doc: "Document"):
        self.doc = doc
        self.site = doc.site
        self.content = self.extract(doc.content, doc.excerpt_separator)
        self.data = {k: v for k, v in doc.data.items() if k not in ("layout", "excerpt")}
        self.ext = doc.ext
        self.relative_path = doc.relative_path + "/#excerpt"
        self._output: str | None = None

    @staticmethod
    def extract(content: str, separator: str) -> str:
        head, sep, tail = content.partition(separator)
        if not sep or not tail:
            return head
        if "{%" in head:
            for tag in reversed(LIQUID_TAG_RE.findall(head)):
                if tag in LIQUID_BLOCKS and not re.search(
                        r"{%%-?\s*end%s.*?\s*-?%%}" % tag, head, re.S):
                    head += "\n{%% end%s %%}" % tag
        # Only definitions whose "[ref]" the excerpt holds are kept, and every one holds
        # "]:": without both, no regex scan of every line of the document
        definitions = [ref + rest for ref, rest in LINK_REF_RE.findall(tail)
                       if ref in head] if "[" in head and "]:" in tail else []
        if definitions:
            head += "\n\n" + "\n".join(definitions)
        return head

    # What the renderer needs of an item.
    is_markdown = property(lambda self: self.doc.is_markdown)
    is_sass = property(lambda self: self.doc.is_sass)
    place_in_layout = False
    collection = property(lambda self: self.doc.collection)

    @property
    def render_with_liquid(self) -> bool:
        if self.data.get("render_with_liquid") is False:
            return False
        return not self.doc.is_yaml and has_liquid_construct(self.content)

    @property
    def output(self) -> str:
        if self._output is None:
            self._output = self.site.renderer.render_excerpt(self)
        return self._output

    def __str__(self) -> str:
        return self.output

    def to_liquid(self):
        from converter.liquid.drops import ExcerptDrop
        return ExcerptDrop(self)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible builds), when set to a number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.lstrip("-").isdigit() else None


def ruby_dirname(path: str) -> str:
    """File.dirname: trailing slashes do not count ("/a/b/" -> "/a")."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path.startswith("/") else "."
    return os.path.dirname(stripped) or ("/" if stripped.startswith("/") else ".")


def compare_documents(a: "Document", b: "Document") -> int:
    """Document#<=>: by date, then by path when dates are equal or missing."""
    da, db = a.data.get("date"), b.data.get("date")
    if da is not None and db is not None:
        ta, tb = comparable_time(da), comparable_time(db)
        if ta != tb:
            return -1 if ta < tb else 1
    pa, pb = str(a.path), str(b.path)
    return (pa > pb) - (pa < pb)


def comparable_time(value) -> float:
    """A sort key for Jekyll's date comparisons (Time and Date mixed)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.timestamp()
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).timestamp()
    return 0.0


def relative_posix(path: Path, root: Path) -> str:
    """path.relative_to(root).as_posix(), by string work where it is a plain prefix."""
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base):len(base) + 1] == os.sep:
        return text[len(base) + 1:].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def in_dest_dir(dest: Path, questionable: str) -> Path:
    """Jekyll.sanitized_path: the path always stays inside dest."""
    return Path(in_dest_dir_text(dest, questionable))


def in_dest_dir_text(dest: Path, questionable: str) -> str:
    """in_dest_dir as a string (one Path made by the caller instead of one per part)."""
    parts = [p for p in questionable.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return os.path.join(str(dest), *parts) if parts else str(dest)


class Site:
    """Everything one build knows (lib/jekyll/site.rb)."""

    def __init__(self, source: Path, dest: Path, config: dict, time: RubyTime, tz, log):
        self.source = source
        self.dest = dest
        self.config = config
        self.time = time
        self.tz = tz
        self.log = log
        self.layouts: dict[str, Layout] = {}
        self.pages: list[Page] = []
        self.static_files: list[StaticFile] = []
        self.data: dict = {}
        self.plugins: list = []
        self.markdown = None
        self.markdown_cache = None  # converter.cache.MarkdownCache, during `build`
        self.render_costs = None  # converter.cache.RenderCosts, during `build`
        self.liquid = None
        self.collections: dict[str, Collection] = {}
        names = config.get("collections") or {}
        for label in (names if isinstance(names, dict) else {}):
            meta = names[label]
            self.collections[label] = Collection(self, label, meta if isinstance(meta, dict) else {})
        if "posts" not in self.collections:
            self.collections["posts"] = Collection(self, "posts", {"output": True})
        self.markdown_exts = {e.strip().lower() for e in config["markdown_ext"].split(",")}
        self.permalink_style = str(config.get("permalink") or "date")
        self._doc_positions: dict[int, int] | None = None
        self.content_hook = None  # see Convertible.visible_content
        self.pages_hook = None  # filters site.pages during a parallel render
        self.epoch = source_date_epoch()

    def file_time(self, path: Path) -> RubyTime:
        """A file's mtime, clamped to SOURCE_DATE_EPOCH for reproducible builds."""
        stamp = path.stat().st_mtime
        if self.epoch is not None:
            stamp = min(stamp, self.epoch)
        return RubyTime.wrap(dt.datetime.fromtimestamp(stamp, self.tz))

    # --- paths ---------------------------------------------------------------------
    @property
    def collections_path(self) -> Path:
        return self.source / self.config["collections_dir"]

    @property
    def safe(self) -> bool:
        return bool(self.config.get("safe"))

    # --- contents ------------------------------------------------------------------
    @property
    def posts(self) -> list[Document]:
        return self.collections["posts"].docs

    @property
    def documents(self) -> list[Document]:
        return [doc for c in self.collections.values() for doc in c.docs]

    def doc_position(self, doc: Document) -> int | None:
        if self._doc_positions is None:
            self._doc_positions = {id(d): i for c in self.collections.values()
                                   for i, d in enumerate(c.docs)}
        return self._doc_positions.get(id(doc))

    def reset_positions(self) -> None:
        self._doc_positions = None

    def post_attr_hash(self, attr: str) -> dict:
        table: dict = {}
        for post in self.posts:
            for value in post.data.get(attr) or []:
                table.setdefault(value, []).append(post)
        for posts in table.values():
            posts.sort(key=lambda d: d.sort_key(), reverse=True)
        return table

    @cached_property
    def categories(self) -> dict:
        return self.post_attr_hash("categories")

    @cached_property
    def tags(self) -> dict:
        return self.post_attr_hash("tags")

    def items_to_render(self):
        """Documents of every collection first, then pages: Jekyll's render order."""
        for collection in self.collections.values():
            yield from collection.docs
        yield from self.pages

    def items_to_write(self):
        seen: set[int] = set()
        for group in (self.pages, [f for f in self.static_files if f.write_wanted()],
                      [d for d in self.documents if d.write_wanted()]):
            for item in group:
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item

    def find_by_relative_path(self, relative_path: str):
        wanted = relative_path.lstrip("/")
        for item in [*self.pages, *self.static_files, *self.documents]:
            if item.relative_path.lstrip("/") == wanted:
                return item
        return None

    # --- front matter defaults (lib/jekyll/frontmatter_defaults.rb) ----------------
    @cached_property
    def _default_sets(self) -> list[dict]:
        sets = self.config.get("defaults")
        if not isinstance(sets, list):
            return []
        valid = []
        for entry in sets:
            if isinstance(entry, dict) and isinstance(entry.get("values"), dict):
                entry = dict(entry)
                scope = dict(entry.get("scope") or {})
                scope["type"] = {"page": "pages", "post": "posts", "draft": "drafts"}.get(
                    scope.get("type"), scope.get("type")) if "type" in scope else None
                if scope["type"] is None:
                    scope.pop("type")
                entry["scope"] = scope
                valid.append(entry)
            else:
                self.log.warn("Defaults:", "An invalid front-matter default set was found:")
        return valid

    def defaults_for(self, relative_path: str, type_: str | None) -> dict:
        key = (relative_path, type_)
        cache = self.__dict__.setdefault("_defaults_cache", {})
        if key in cache:
            return cache[key]
        result: dict = {}
        old_scope = None
        for entry in self._default_sets:
            scope = entry["scope"]
            if not self._scope_applies(scope, relative_path, type_):
                continue
            if self._has_precedence(old_scope, scope):
                result = deep_merge(result, entry["values"])
                old_scope = scope
            else:
                result = deep_merge(entry["values"], result)
        cache[key] = result
        return result

    def _scope_applies(self, scope: dict, path: str, type_: str | None) -> bool:
        if "type" in scope and str(scope["type"]) != str(type_):
            return False
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        path = sanitize_scope_path(path)
        if "*" in scope_path:
            import glob
            for match in glob.glob(str(self.source / scope_path)):
                rel = self._strip_collections_dir(Path(match).relative_to(self.source).as_posix())
                if path.startswith(rel):
                    return True
            return False
        return path.startswith(self._strip_collections_dir(scope_path))

    def _strip_collections_dir(self, path: str) -> str:
        cdir = self.config["collections_dir"]
        if cdir and path.startswith(cdir + "/"):
            return path[len(cdir) + 1:]
        return path

    @staticmethod
    def _has_precedence(old_scope, new_scope) -> bool:
        if old_scope is None:
            return True
        new_path = sanitize_scope_path(new_scope.get("path"))
        old_path = sanitize_scope_path(old_scope.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        if "type" in new_scope:
            return True
        return "type" not in old_scope

    # --- publishing (lib/jekyll/publisher.rb) ---------------------------------------
    def publish(self, item) -> bool:
        published = item.data.get("published", True)
        if not (published or published is None) and not self.config.get("unpublished"):
            return False
        return not self.hidden_in_future(item)

    def hidden_in_future(self, item) -> bool:
        if not isinstance(item, Document) or self.config.get("future"):
            return False
        return comparable_time(item.date) > comparable_time(self.time)


def sanitize_scope_path(path) -> str:
    if not path:
        return ""
    path = str(path)
    if path.startswith("/"):
        path = path[1:]
    return path


def to_time(value, tz, where: str = ""):
    """Utils.parse_date: Time.parse(value.to_s).localtime, as a RubyTime in the site zone."""
    if isinstance(value, dt.datetime):
        parsed = value if value.tzinfo else value.replace(tzinfo=tz)
        # YAML gave a Time; Time#to_s ("%Y-%m-%d %H:%M:%S %z") drops its fraction
        parsed = parsed.replace(microsecond=0)
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    else:
        text = str(value).strip()
        try:
            from dateutil import parser as dateparser
            parsed = dateparser.parse(text)
        except (ValueError, OverflowError) as exc:
            raise BuildError(f"Invalid date '{text}': {where}") from exc
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=tz)
    return RubyTime.wrap(parsed.astimezone(tz))


__all__ = ["Site", "Page", "Document", "StaticFile", "Collection", "Layout", "RubyDate"]
