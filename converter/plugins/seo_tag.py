"""jekyll-seo-tag 2.8.0: `{% seo %}` (and `{% seo title=false %}`).

The markup is the gem's own template (templates/seo.html) rendered by our Liquid
with a `seo_tag` object computed as Jekyll::SeoTag::Drop does: titles, description,
author, image, canonical URL, locale, and the JSON-LD block.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cached_property


from converter.liquid.tags import MarkupNode, MarkupTag
from converter.plugins._support import apply_filter, ruby_or, template_text, truthy

NAMES = ("jekyll-seo-tag",)

VERSION = "2.8.0"
TITLE_SEPARATOR = " | "
# Whitespace after "{", "}", ">\n" or ",\n" is stripped, unless a "-" follows.
MINIFY_REGEX = re.compile(r"(?:(?<=[{}])|(?<=[>,]\n))\s+(?!-)")
HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$")
NO_TITLE = re.compile(r"title=false", re.I)
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FORMAT_STRING_FILTERS = ("markdownify", "strip_html", "normalize_whitespace", "escape_once")
VALID_ENTITY_TYPES = ("BlogPosting", "CreativeWork")
VALID_AUTHOR_TYPES = ("Organization", "Person")
DEFAULT_PAGINATOR_MESSAGE = "Page {current} of {total} for "


def setup_liquid(env, site) -> None:
    env.add_tag(SeoTag)


class SeoNode(MarkupNode):
    def render_to_output(self, context, buffer) -> int:
        env = context.env
        payload = {name: context.resolve(name, default=None)
                   for name in ("site", "page", "paginator", "jekyll")}
        payload["seo_tag"] = SeoDrop(self.markup, context)
        return buffer.write(seo_template(env).render(**payload))


def seo_template(env):
    template = getattr(env, "_seo_tag_template", None)
    if template is None:
        # JSONLDDrop#to_json serialises itself; our drop hands over the finished JSON.
        text = template_text("seo.html").replace("{{ seo_tag.json_ld | jsonify }}",
                                                 "{{ seo_tag.json_ld_json }}")
        text = MINIFY_REGEX.sub("", text)
        template = env.from_string(text, name="(jekyll-seo-tag template)")
        env._seo_tag_template = template
    return template


# --- helpers -----------------------------------------------------------------------

def lookup(mapping, key):
    """hash[key] for a dict or a drop; nil for anything else."""
    if isinstance(mapping, Mapping):
        value = mapping.get(key)
        return None if _is_undefined(value) else value
    return None


def _is_undefined(value) -> bool:
    return value.__class__.__name__.endswith("Undefined")


def sub_hash(mapping, key) -> Mapping:
    value = lookup(mapping, key)
    return value if isinstance(value, Mapping) else {}


def ruby_to_s(value) -> str:
    from converter.liquid.ruby import to_s

    return to_s(value)


def is_absolute_url(value) -> bool | None:
    """Addressable::URI.parse(value).absolute?: has a scheme (nil when not a string)."""
    if not isinstance(value, str):
        return None
    return bool(URI_SCHEME.match(value))


# --- the drops -----------------------------------------------------------------------

class LazyDrop(Mapping):
    """A read-only Liquid object whose keys are computed on demand."""

    KEYS: tuple = ()

    def fallback(self) -> Mapping:
        return {}

    def keys_list(self) -> list:
        return list(dict.fromkeys([*self.KEYS, *self.fallback().keys()]))

    def __getitem__(self, key):
        if key in self.KEYS:
            return getattr(self, key.replace("?", "_p"))
        return self.fallback().get(key)

    def __iter__(self):
        return iter(self.keys_list())

    def __len__(self) -> int:
        return len(self.keys_list())

    def __contains__(self, key) -> bool:
        return key in self.KEYS or key in self.fallback()


class SeoDrop(LazyDrop):
    """Jekyll::SeoTag::Drop."""

    KEYS = ("version", "title?", "site_title", "site_tagline", "site_description",
            "page_title", "site_tagline_or_description", "title", "name", "description",
            "author", "json_ld", "json_ld_json", "image", "date_modified", "date_published",
            "type", "links", "logo", "page_lang", "page_locale", "canonical_url")

    version = VERSION

    def __init__(self, markup: str, context):
        self.markup = markup
        self.context = context
        self.site = context.env.site
        self.config = self.site.config
        page = context.resolve("page", default=None)
        self.page = page if isinstance(page, Mapping) else {}

    def filter(self, name: str, value, *args):
        return apply_filter(self.site, name, value, *args, context=self.context)

    def format_string(self, value):
        text = value
        for name in FORMAT_STRING_FILTERS:
            text = self.filter(name, text)
        return text or None

    @property
    def title_p(self) -> bool:
        return truthy(self.title) and not NO_TITLE.search(self.markup)

    @cached_property
    def site_title(self):
        return self.format_string(ruby_or(self.config.get("title"), self.config.get("name")))

    @cached_property
    def site_tagline(self):
        return self.format_string(self.config.get("tagline"))

    @cached_property
    def site_description(self):
        return self.format_string(self.config.get("description"))

    @cached_property
    def page_title(self):
        return self.format_string(lookup(self.page, "title")) or self.site_title

    @property
    def site_tagline_or_description(self):
        return self.site_tagline or self.site_description

    @cached_property
    def base_title(self):
        if self.site_title and self.page_title != self.site_title:
            return self.page_title + TITLE_SEPARATOR + self.site_title
        if self.site_description and self.site_title:
            return self.site_title + TITLE_SEPARATOR + self.site_tagline_or_description
        return self.page_title or self.site_title

    @property
    def title(self):
        number = self.page_number()
        return number + self.base_title if number and self.base_title else self.base_title

    def page_number(self):
        paginator = self.context.resolve("paginator", default=None)
        current = lookup(paginator, "page")
        if not current or not isinstance(current, int) or current <= 1:
            return None
        total = lookup(paginator, "total_pages")
        message = self.config.get("seo_paginator_message")
        if message:
            return ruby_format(str(message), current=current, total=total)
        return DEFAULT_PAGINATOR_MESSAGE.format(current=current, total=total)

    @cached_property
    def name(self):
        seo_name = self.page_seo.get("name")
        formatted = self.format_string(seo_name) if truthy(seo_name) else None
        if formatted:
            return formatted
        if not self.homepage_or_about:
            return None
        social_name = sub_hash(self.config, "social").get("name")
        if truthy(social_name):
            return self.format_string(social_name)
        return self.site_title

    @cached_property
    def description(self):
        text = ruby_or(lookup(self.page, "description"), lookup(self.page, "excerpt"))
        return self.format_string(text) or self.site_description

    @cached_property
    def author(self):
        return AuthorDrop(self.page, self.site)

    @cached_property
    def json_ld(self):
        return JsonLdDrop(self)

    @property
    def json_ld_json(self) -> str:
        return self.json_ld.to_json()

    @cached_property
    def image_drop(self):
        return ImageDrop(self.page, self)

    @property
    def image(self):
        return self.image_drop if truthy(self.image_drop.path) else None

    @cached_property
    def date_modified(self):
        date = ruby_or(self.page_seo.get("date_modified"), lookup(self.page, "last_modified_at"),
                       lookup(self.page, "date"))
        return self.filter("date_to_xmlschema", date) if truthy(date) else None

    @cached_property
    def date_published(self):
        date = lookup(self.page, "date")
        return self.filter("date_to_xmlschema", date) if truthy(date) else None

    @cached_property
    def type(self):
        if truthy(self.page_seo.get("type")):
            return self.page_seo["type"]
        if self.homepage_or_about:
            return "WebSite"
        if truthy(lookup(self.page, "date")):
            return "BlogPosting"
        return "WebPage"

    @cached_property
    def links(self):
        if truthy(self.page_seo.get("links")):
            return self.page_seo["links"]
        if self.homepage_or_about:
            return sub_hash(self.config, "social").get("links")
        return None

    @cached_property
    def logo(self):
        logo = self.config.get("logo")
        if not truthy(logo):
            return None
        if not is_absolute_url(logo):
            logo = self.filter("absolute_url", logo)
        return self.filter("uri_escape", logo)

    @cached_property
    def page_lang(self):
        return ruby_or(lookup(self.page, "lang"), self.config.get("lang"), "en_US")

    @cached_property
    def page_locale(self):
        locale = ruby_or(lookup(self.page, "locale"), self.config.get("locale"), self.page_lang)
        return ruby_to_s(locale).replace("-", "_")

    @cached_property
    def canonical_url(self):
        canonical = lookup(self.page, "canonical_url")
        if ruby_to_s(canonical) == "":
            url = ruby_to_s(self.filter("absolute_url", lookup(self.page, "url")))
            return re.sub(r"/index\.html$", "/", url)
        return canonical

    @cached_property
    def page_seo(self) -> Mapping:
        return sub_hash(self.page, "seo")

    @cached_property
    def homepage_or_about(self) -> bool:
        return bool(HOMEPAGE_OR_ABOUT.search(ruby_to_s(lookup(self.page, "url"))))


class AuthorDrop(LazyDrop):
    """Jekyll::SeoTag::AuthorDrop: page.author, page.authors[0] or site.author (+ site.data.authors)."""

    KEYS = ("name", "twitter")

    def __init__(self, page, site):
        self.page = page
        self.site = site

    def fallback(self) -> Mapping:
        return self.author_hash

    @property
    def name(self):
        return self.author_hash.get("name")

    @property
    def twitter(self):
        handle = ruby_or(self.author_hash.get("twitter"), self.author_hash.get("name"))
        return re.sub(r"^@", "", handle) if isinstance(handle, str) else None

    def __str__(self) -> str:
        return ruby_to_s(self.name)

    @cached_property
    def resolved_author(self):
        sources = [lookup(self.page, "author")]
        authors = lookup(self.page, "authors")
        if isinstance(authors, list):
            sources.append(authors[0] if authors else None)
        sources.append(self.site.config.get("author"))
        return next((s for s in sources if ruby_to_s(s) != ""), None)

    @cached_property
    def author_hash(self) -> Mapping:
        author = self.resolved_author
        if isinstance(author, Mapping):
            return author
        if isinstance(author, str):
            return {"name": author, **self.site_data_hash(author)}
        return {}

    def site_data_hash(self, name: str) -> Mapping:
        authors = (self.site.data or {}).get("authors")
        if not isinstance(authors, Mapping):
            return {}
        entry = authors.get(name)
        return entry if isinstance(entry, Mapping) else {}


class ImageDrop(LazyDrop):
    """Jekyll::SeoTag::ImageDrop: `image` (a path, or a hash with path/facebook/twitter...)."""

    KEYS = ("path",)

    def __init__(self, page, seo: SeoDrop):
        self.page = page
        self.seo = seo

    def fallback(self) -> Mapping:
        return self.image_hash

    @cached_property
    def image_hash(self) -> dict:
        meta = lookup(self.page, "image")
        if isinstance(meta, Mapping):
            return {"path": None, **meta}
        if isinstance(meta, str):
            return {"path": meta}
        return {"path": None}

    @cached_property
    def absolute_url(self):
        raw = ruby_or(self.image_hash.get("path"), self.image_hash.get("facebook"),
                      self.image_hash.get("twitter"))
        if not truthy(raw):
            return None
        if isinstance(raw, str) and is_absolute_url(raw) is False:
            return self.seo.filter("absolute_url", raw)
        return raw

    @cached_property
    def path(self):
        return self.seo.filter("uri_escape", self.absolute_url) if truthy(self.absolute_url) else None

    def __str__(self) -> str:
        return ruby_to_s(self.path)

    def to_h(self) -> dict:
        return {key: self[key] for key in self.keys_list()}


class JsonLdDrop:
    """Jekyll::SeoTag::JSONLDDrop: schema.org data, serialised with sorted keys and no nils."""

    def __init__(self, seo: SeoDrop):
        self.seo = seo

    def values(self) -> dict:
        seo = self.seo
        return {
            "@context": "https://schema.org",
            "@type": seo.type,
            "author": self.author(),
            "dateModified": seo.date_modified,
            "datePublished": seo.date_published,
            "description": seo.description,
            "headline": seo.page_title,
            "image": self.image(),
            "mainEntityOfPage": self.main_entity(),
            "name": seo.name,
            "publisher": self.publisher(),
            "sameAs": seo.links,
            "url": seo.canonical_url,
        }

    def author(self):
        author = self.seo.author
        if not truthy(author.get("name")):
            return None
        author_type = author.get("type")
        if truthy(author_type) and author_type not in VALID_AUTHOR_TYPES:
            return None
        result = {"@type": ruby_or(author_type, "Person"), "name": author.get("name")}
        if truthy(author.get("url")):
            result["url"] = author.get("url")
        return result

    def image(self):
        image = self.seo.image
        if image is None:
            return None
        if len(image.keys_list()) == 1:
            return image.path
        result = image.to_h()
        result["url"] = result.pop("path")
        result["@type"] = "imageObject"
        return result

    def publisher(self):
        logo = self.seo.logo
        if not logo:
            return None
        output = {"@type": "Organization", "logo": {"@type": "ImageObject", "url": logo}}
        if truthy(self.seo.author.name):
            output["name"] = self.seo.author.name
        return output

    def main_entity(self):
        if self.seo.type not in VALID_ENTITY_TYPES:
            return None
        return {"@type": "WebPage", "@id": self.seo.canonical_url}

    def to_json(self) -> str:
        values = self.values()
        data = {key: values[key] for key in sorted(values) if values[key] is not None}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=json_default)


def json_default(value):
    """Ruby's to_json for the odd values YAML gives (dates, times)."""
    return ruby_to_s(value)


def ruby_format(message: str, **values) -> str:
    """Kernel#format with %<name>s references."""
    return re.sub(r"%<(\w+)>s", lambda m: ruby_to_s(values.get(m.group(1))), message)


class SeoTag(MarkupTag):
    name = "seo"
    node_class = SeoNode
