"""jekyll-feed 0.17.0: Atom feeds rendered from the plugin's template, and `{% feed_meta %}`.

One feed page per configured collection (posts always; `feed: collections:` adds
others) and per listed category of each, plus one per tag with `feed: tags:`.
The entries (limit, excerpt_only, authors, categories, images...) are chosen by
the template itself (templates/feed.xml), rendered by our Liquid like any page.
"""

from __future__ import annotations

import os
import re

from converter.liquid.tags import MarkupNode, MarkupTag
from converter.plugins._support import (apply_filter, file_exists_in_source, minified,
                                        ruby_or, truthy, virtual_page)

NAMES = ("jekyll-feed",)
PRIORITY = -100  # :lowest

# Whitespace after ">" (end of an XML tag) or "}" (end of a Liquid tag) is stripped.
MINIFY_REGEX = re.compile(r"(?<=[>}])\s+")
SIMPLE_TAG = re.compile(r"^[a-zA-Z0-9_]*$")


# --- generator -------------------------------------------------------------------

def generate(site) -> None:
    config = feed_config(site)
    if truthy(config.get("disable_in_development")) and jekyll_env(site) == "development":
        log_info(site, "Skipping feed generation in development")
        return
    for name, meta in feed_collections(site, config).items():
        log_info(site, f"Generating feed for {name}")
        for category in [*meta["categories"], None]:
            path = feed_path(config, meta, name, category)
            if not file_exists_in_source(site, path):
                site.pages.append(feed_page(site, path, collection=name, category=category))
    if truthy(config.get("tags")) and site.tags:
        generate_tag_feeds(site, config)


def feed_config(site) -> dict:
    """site.config["feed"] (the live dict, as the gem mutates it) or an empty one."""
    config = site.config.get("feed")
    return config if isinstance(config, dict) else {}


def feed_collections(site, config: dict) -> dict:
    """{label: {"categories": [...], "path": ...}}, posts last unless configured."""
    wanted = config.get("collections")
    if isinstance(wanted, list):
        collections = {str(label): {} for label in wanted}
    elif isinstance(wanted, dict):
        collections = {str(label): dict(meta or {}) for label, meta in wanted.items()}
    else:
        collections = {}
    posts = collections.setdefault("posts", {})
    posts["path"] = ruby_or(posts.get("path"), config.get("path"))
    posts["categories"] = ruby_or(posts.get("categories"), config.get("categories"))
    if not truthy(config.get("path")) and site.config.get("feed") is config:
        config["path"] = posts["path"]  # read by {% feed_meta %}
    for meta in collections.values():
        meta["categories"] = unique(meta.get("categories") or [])
    return collections


def unique(values) -> list:
    """Array#to_set, keeping the order."""
    values = values if isinstance(values, list) else [values]
    return list(dict.fromkeys(values))


def feed_path(config: dict, meta: dict, collection: str, category) -> str:
    prefix = "/feed" if collection == "posts" else f"/feed/{collection}"
    if truthy(category):
        return f"{prefix}/{category}.xml"
    return ruby_or(meta.get("path"), f"{prefix}.xml")


def generate_tag_feeds(site, config: dict) -> None:
    options = config["tags"] if isinstance(config["tags"], dict) else {}
    except_tags = ruby_or(options.get("except"), [])
    only_tags = ruby_or(options.get("only"), list(site.tags.keys()))
    tags_path = ruby_or(options.get("path"), "/feed/by_tag/")
    for tag in [t for t in only_tags if t not in except_tags]:
        # Only tags made of basic characters, to keep the feed path simple.
        if not SIMPLE_TAG.match(str(tag)):
            continue
        log_info(site, f"Generating feed for posts tagged {tag}")
        path = f"{tags_path}{tag}.xml"
        if not file_exists_in_source(site, path):
            site.pages.append(feed_page(site, path, tags=tag))


def feed_page(site, path: str, collection: str = "posts", category=None, tags=None):
    data = {
        "layout": None,
        "sitemap": False,
        "xsl": file_exists_in_source(site, "feed.xslt.xml"),
        "collection": collection,
        "category": category,
        "tags": tags,
    }
    return virtual_page(site, path, minified("feed.xml", MINIFY_REGEX), data)


def jekyll_env(site) -> str:
    return getattr(site, "environment", None) or os.environ.get("JEKYLL_ENV") or "development"


def log_info(site, message: str) -> None:
    log = getattr(site, "log", None)
    if log is not None:
        log.info("Jekyll Feed:", message)


# --- {% feed_meta %} -------------------------------------------------------------

def setup_liquid(env, site) -> None:
    env.add_tag(FeedMetaTag)


class FeedMetaNode(MarkupNode):
    def render_to_output(self, context, buffer) -> int:  # the gem ignores any markup
        return buffer.write(feed_meta_link(context.env.site, context))


class FeedMetaTag(MarkupTag):
    name = "feed_meta"
    node_class = FeedMetaNode


def feed_meta_link(site, context=None) -> str:
    """<link type=... rel=... href=... title=... /> with Ruby's XML attribute escaping."""
    from converter.liquid.ruby import to_s

    config = site.config
    feed = config.get("feed")
    path = ruby_or(feed.get("path") if isinstance(feed, dict) else None, "feed.xml")
    title = ruby_or(config.get("title"), config.get("name"))
    attributes = {
        "type": "application/atom+xml",
        "rel": "alternate",
        "href": apply_filter(site, "absolute_url", path, context=context),
    }
    if truthy(title):
        attributes["title"] = title
    rendered = " ".join(f"{key}={xml_attr(to_s(value))}" for key, value in attributes.items())
    return f"<link {rendered} />"


def xml_attr(text: str) -> str:
    """String#encode(xml: :attr): quoted, with & < > " ' escaped."""
    escaped = (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               .replace('"', "&quot;").replace("'", "&apos;"))
    return f'"{escaped}"'
