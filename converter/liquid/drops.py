"""What templates see of the model (lib/jekyll/drops/*.rb).

Drops are read-only Mappings: python-liquid resolves `page.title` with
`drop["title"]`.  Each drop answers its own computed keys first (Jekyll's
drop methods) and falls back to the item's data, like Jekyll's
`fallback_data`.  A missing key raises KeyError, which Liquid renders as
nothing.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from typing import Any, Callable

from converter.urls import slugify


class Drop(Mapping):
    """A Mapping over computed keys (METHODS, in Jekyll's order) then fallback data."""

    METHODS: tuple[str, ...] = ()
    _GETTERS: dict = {}  # key -> unbound getter, built once per class

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._GETTERS = {name: getattr(cls, "get_" + name) for name in cls.METHODS}

    def __init__(self, obj):
        self._obj = obj

    def fallback(self) -> Mapping:
        return {}

    def __getitem__(self, key):
        getter = self._GETTERS.get(key) if isinstance(key, str) else None
        if getter is not None:
            return getter(self)
        return self.fallback()[key]

    def __contains__(self, key) -> bool:
        return key in self._GETTERS or key in self.fallback()

    def keys(self):
        seen = list(self.METHODS)
        seen.extend(k for k in self.fallback() if k not in self.METHODS)
        return seen

    def __iter__(self):
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def __eq__(self, other) -> bool:
        return isinstance(other, Drop) and other._obj is self._obj

    def __hash__(self) -> int:
        return id(self._obj)

    def to_dict(self) -> dict:
        return {key: self[key] for key in self.keys()}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self._obj, 'relative_path', '')}>"


def liquid_view(value):
    """The Liquid value of a model object (items become drops, Excerpts strings)."""
    to_liquid = getattr(value, "to_liquid", None)
    return to_liquid() if to_liquid else value


class DocumentDrop(Drop):
    # In the order Jekyll lists them (jsonify, inspect).
    METHODS = ("name", "id", "next", "previous", "relative_path", "content", "excerpt",
               "output", "title", "categories", "path", "url", "date", "tags", "collection")

    def fallback(self):
        return self._obj.data

    def get_content(self):
        return self._obj.visible_content()

    def get_output(self):
        return self._obj.visible_output()

    def get_id(self):
        return self._obj.id

    def get_relative_path(self):
        return self._obj.relative_path

    get_path = get_relative_path

    def get_url(self):
        return self._obj.url

    def get_date(self):
        return self._obj.date

    def get_title(self):
        return self._obj.data.get("title")

    def get_categories(self):
        return self._obj.data.get("categories")

    def get_tags(self):
        return self._obj.data.get("tags")

    def get_collection(self):
        return self._obj.collection.label

    def get_excerpt(self):
        excerpt = self._obj.data.get("excerpt")
        return "" if excerpt is None else to_s(excerpt)

    def get_name(self):
        return self._obj.data.get("name") or self._obj.basename

    def get_previous(self):
        doc = self._obj.previous_doc
        return doc.to_liquid() if doc else None

    def __str__(self) -> str:
        """Document#to_s: what `{{ post }}` prints."""
        return self._obj.output or self._obj.content or "NO CONTENT"

    def get_next(self):
        doc = self._obj.next_doc
        return doc.to_liquid() if doc else None


class ExcerptDrop(DocumentDrop):
    """An excerpt renders with the document's data, without layout and excerpt."""

    def fallback(self):
        return self._obj.data

    def get_content(self):
        return self._obj.content

    def get_output(self):
        return self._obj.output

    def get_id(self):
        return self._obj.doc.id + "#excerpt"

    def get_relative_path(self):
        return self._obj.doc.relative_path + "/#excerpt"

    get_path = get_relative_path

    def get_url(self):
        return self._obj.doc.url

    def get_date(self):
        return self._obj.doc.date

    def get_collection(self):
        return self._obj.doc.collection.label

    def get_excerpt(self):
        return None

    def __str__(self) -> str:
        return self._obj.output or self._obj.content

    def get_name(self):
        return self._obj.doc.data.get("name") or self._obj.doc.basename

    def get_previous(self):
        return DocumentDrop.get_previous(DocumentDrop(self._obj.doc))

    def get_next(self):
        return DocumentDrop.get_next(DocumentDrop(self._obj.doc))

    def __getitem__(self, key):
        if key == "layout":
            return self._obj.doc.data.get("layout")
        return super().__getitem__(key)


class PageDrop(Drop):
    """Page#to_liquid: the page's data plus content, dir, excerpt, name, path, url.

    Jekyll hands templates a Hash snapshot taken when rendering starts, so the
    page being rendered sees its unrendered content; `frozen_content` keeps that.
    """

    METHODS = ("content", "dir", "excerpt", "name", "path", "url")

    def __init__(self, page, frozen_content: str | None = None):
        super().__init__(page)
        self._frozen_content = frozen_content

    def fallback(self):
        overrides = getattr(self._obj, "liquid_overrides", None)
        return ChainMap(overrides, self._obj.data) if overrides else self._obj.data

    def keys(self):
        keys = [k for k in self._obj.data if k not in self.METHODS]
        return keys + list(self.METHODS)

    def get_content(self):
        if self._frozen_content is not None:
            return self._frozen_content
        return self._obj.visible_content()

    def get_dir(self):
        return self._obj.dir

    def get_excerpt(self):
        excerpt = self._obj.data.get("excerpt")
        return None if excerpt is None else to_s(excerpt)

    def get_name(self):
        return self._obj.name

    def get_path(self):
        return self._obj.liquid_path

    def get_url(self):
        return self._obj.url

    def __str__(self) -> str:
        """Page#to_liquid is a Hash in Jekyll: it prints as Ruby's Hash#inspect."""
        from converter.liquid.ruby import inspect
        return inspect(self.to_dict())

    def __getitem__(self, key):
        if key == "paginator" and getattr(self._obj, "pager", None) is not None:
            return self._obj.pager
        return super().__getitem__(key)


class StaticFileDrop(Drop):
    METHODS = ("name", "extname", "modified_time", "basename", "path", "collection")

    def fallback(self):
        return self._obj.data

    def get_name(self):
        return self._obj.name

    def get_extname(self):
        return self._obj.extname

    def get_modified_time(self):
        return self._obj.modified_time

    def get_basename(self):
        return self._obj.basename

    def get_path(self):
        return self._obj.relative_path

    def get_collection(self):
        return self._obj.type


class CollectionDrop(Drop):
    METHODS = ("output", "label", "docs", "files", "directory", "relative_directory")

    def fallback(self):
        return self._obj.metadata

    def get_output(self):
        return self._obj.write

    def get_label(self):
        return self._obj.label

    def get_docs(self):
        return [doc.to_liquid() for doc in self._obj.docs]

    def get_files(self):
        return [f.to_liquid() for f in self._obj.files]

    def get_directory(self):
        return str(self._obj.directory)

    def get_relative_directory(self):
        return self._obj.relative_directory


class SiteDrop(Drop):
    """`site`: config keys, plus the site's contents (drops/site_drop.rb)."""

    METHODS = ("time", "pages", "static_files", "tags", "categories", "data", "posts",
               "html_pages", "collections", "documents", "related_posts")

    def __init__(self, site):
        super().__init__(site)
        self.current_document = None

    def fallback(self):
        return self._obj.config

    def __getitem__(self, key):
        if key != "posts" and isinstance(key, str) and key in self._obj.collections:
            return self._collection_docs(key)
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:
        return (key != "posts" and key in self._obj.collections) or super().__contains__(key)

    def _collection_docs(self, label: str) -> list:
        cache = self.__dict__.setdefault("_docs_cache", {})
        if label not in cache:
            cache[label] = [d.to_liquid() for d in self._obj.collections[label].docs]
        return cache[label]

    def invalidate(self) -> None:
        """Forget cached lists (after generators add items)."""
        for name in ("_docs_cache", "_posts", "_pages", "_static", "_html_pages",
                     "_collections", "_documents", "_tags", "_categories"):
            self.__dict__.pop(name, None)

    def _cached(self, name: str, make: Callable[[], Any]):
        if name not in self.__dict__:
            self.__dict__[name] = make()
        return self.__dict__[name]

    def get_time(self):
        return self._obj.time

    def get_pages(self):
        # Not cached: pages are added while rendering (sass source maps), as in Jekyll.
        return [p.to_liquid() for p in self._visible_pages()]

    def _visible_pages(self):
        hook = self._obj.pages_hook
        return self._obj.pages if hook is None else hook()

    def get_static_files(self):
        return self._cached("_static", lambda: [f.to_liquid() for f in self._obj.static_files])

    def get_tags(self):
        return self._cached("_tags", lambda: attr_table(self._obj.tags))

    def get_categories(self):
        return self._cached("_categories", lambda: attr_table(self._obj.categories))

    def get_data(self):
        return self._obj.config.get("data") or self._obj.data

    def get_posts(self):
        def newest_first():
            posts = sorted(self._obj.posts, key=lambda d: d.sort_key(), reverse=True)
            return [p.to_liquid() for p in posts]
        return self._cached("_posts", newest_first)

    def get_html_pages(self):
        return [p.to_liquid() for p in self._visible_pages() if p.html or p.url.endswith("/")]

    def get_collections(self):
        return self._cached("_collections", lambda: [
            CollectionDrop(c) for c in sorted(self._obj.collections.values(),
                                              key=lambda c: c.label)])

    def get_documents(self):
        return self._cached("_documents", lambda: [d.to_liquid() for d in self._obj.documents])

    def get_related_posts(self):
        doc = self.current_document
        if doc is None or getattr(doc, "collection", None) is None:
            return None
        recent = [p for p in reversed(self._obj.posts[-11:]) if p is not doc][:10]
        return [p.to_liquid() for p in recent]


def attr_table(table: dict) -> dict:
    return {name: [d.to_liquid() for d in docs] for name, docs in table.items()}


def to_s(value) -> str:
    """Ruby's to_s for the values an excerpt may hold."""
    if value is None:
        return ""
    return str(value)


# --- permalink placeholders of a document (drops/url_drop.rb) ------------------------

DATE_PLACEHOLDERS = {"year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M",
                     "second": "%S", "short_month": "%b", "long_month": "%B",
                     "short_year": "%y", "w_year": "%G", "week": "%V", "w_day": "%u",
                     "short_day": "%a", "long_day": "%A", "y_day": "%j"}


class UrlPlaceholders(Mapping):
    """The permalink placeholders of a document, each computed only when the template
    asks for it: reading a date placeholder sets the document's date, as in Jekyll."""

    KEYS = ("collection", "path", "output_ext", "name", "title", "slug", "categories",
            "slugified_categories", "i_day", "i_month", *DATE_PLACEHOLDERS)

    def __init__(self, doc):
        self.doc = doc

    def __getitem__(self, key):
        if key not in self.KEYS:
            raise KeyError(key)
        if key in DATE_PLACEHOLDERS:
            return self.doc.date.strftime(DATE_PLACEHOLDERS[key])
        return getattr(self, "get_" + key)()

    def __iter__(self):
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)

    def get_collection(self):
        return self.doc.collection.label

    def get_path(self):
        return self.doc.cleaned_relative_path

    def get_output_ext(self):
        return self.doc.output_ext

    def get_name(self):
        return slugify(self.doc.basename_without_ext)

    def get_title(self):
        slug = self.doc.data.get("slug")
        return slugify(slug, mode="pretty", cased=True) if slug else \
            slugify(self.doc.basename_without_ext, mode="pretty", cased=True)

    def get_slug(self):
        slug = self.doc.data.get("slug")
        return slugify(slug) if slug else slugify(self.doc.basename_without_ext)

    def get_categories(self):
        cats = as_list(self.doc.data.get("categories"))
        return "/".join(dict.fromkeys(str(c).lower() for c in cats))

    def get_slugified_categories(self):
        cats = as_list(self.doc.data.get("categories"))
        return "/".join(dict.fromkeys(slugify(str(c)) for c in cats))

    def get_i_day(self):
        return str(self.doc.date.day)

    def get_i_month(self):
        return str(self.doc.date.month)


def url_placeholders(doc) -> UrlPlaceholders:
    return UrlPlaceholders(doc)


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
