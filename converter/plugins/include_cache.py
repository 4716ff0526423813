"""jekyll-include-cache 0.2.1: `{% include_cached file params %}`.

Renders like `{% include %}` the first time a file is included with a given set of
parameter values, then reuses that output for the rest of the build, whatever
the page (that is the point, and the gem's documented caveat). The cache key is
the gem's: the include's path and the parameter values in key order (the names
are not part of it); a drop counts by identity.
"""

from __future__ import annotations

from io import StringIO

NAMES = ("jekyll-include-cache",)


def setup_liquid(env, site) -> None:
    from converter.liquid.tags import IncludeTag

    class IncludeCachedTag(IncludeTag):
        name = "include_cached"
        node_class = include_cached_node_class()

    env.include_output_cache = {}  # one per build: the gem clears it before rendering
    env.add_tag(IncludeCachedTag)


def include_cached_node_class():
    from converter.liquid.tags import (IncludeNode, includes_load_paths, locate_include,
                                       parse_params, validate_file_name)

    class IncludeCachedNode(IncludeNode):
        __slots__ = ()

        def render_to_output(self, context, buffer) -> int:
            site = context.env.site
            name = self._file_name(context)
            validate_file_name(name, self.tag_name)
            path = locate_include(name, includes_load_paths(site), bool(site.config.get("safe")))
            params = parse_params(self.params, context) if self.params is not None else None
            key = (str(path), params_key(params))
            cache = context.env.include_output_cache
            if key not in cache:
                rendered = StringIO()
                super().render_to_output(context, rendered)
                cache[key] = rendered.getvalue()
            return buffer.write(cache[key])

    return IncludeCachedNode


def params_key(params: dict | None):
    """quick_hash: the values, sorted by parameter name."""
    if params is None:
        return None
    return tuple(value_key(params[name]) for name in sorted(params))


def value_key(value):
    """Ruby's #hash for a parameter value: by content, except drops (by object identity)."""
    obj = getattr(value, "_obj", None)
    if obj is not None:
        return ("drop", id(obj))
    if isinstance(value, dict):
        return ("hash", tuple((k, value_key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("array", tuple(value_key(v) for v in value))
    try:
        hash(value)
    except TypeError:
        return ("object", id(value))
    return (type(value).__name__, value)
