"""Jekyll's Liquid tags: include, include_relative, highlight, link, post_url.

Each follows jekyll-4.3.1 lib/jekyll/tags/*.rb.  Markup is read raw (Jekyll
parses these tags with regexes, not Liquid's expression parser), so
`{% include base_path %}` and `{% include x.html a=b c="d" %}` work.
"""

from __future__ import annotations

import html
import os
import re
from io import StringIO
from pathlib import Path
from typing import Any, Iterable, Mapping, TextIO

from liquid import BoundTemplate, RenderContext
from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token
from liquid.undefined import Undefined

from .include_memo import render_include
from .environment import KeptBlock
from .ruby import inspect_string, to_s


class JekyllTagError(LiquidError):
    """An error a Jekyll tag raises while rendering (Ruby's ArgumentError/IOError):
    Jekyll prints its message as it is, without "Liquid error (line N):"."""

    plain = True


def _raw_markup(stream: TokenStream) -> tuple[Token, str]:
    """A tag and its markup, unparsed; the stream is left on the tag's last token
    (the parser steps past it)."""
    token = stream.expect(TOKEN_TAG)
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, stream.current.value
    return token, ""


class MarkupNode(Node):
    """A node that keeps its tag's raw markup, for tags that read their own arguments."""

    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str):
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def children(self, static_context, *, include_partials=True) -> Iterable[Node]:
        return ()


class MarkupTag(Tag):
    """A tag whose markup is handed, unparsed, to its `node_class` (plugin tags)."""

    block = False
    node_class: type[MarkupNode] = MarkupNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = _raw_markup(stream)
        return self.node_class(token, markup)


def render_to_string(template: BoundTemplate, context: RenderContext) -> str:
    """Render a markup template (a tag's `{{ }}` argument) in the caller's context."""
    buffer = StringIO()
    template.render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


# --------------------------------------------------------------------------
# include

_PARAM = (r"([\w-]+)\s*=\s*"
          r"(?:\"([^\"\\]*(?:\\.[^\"\\]*)*)\"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))")
PARAM_SYNTAX = re.compile(_PARAM, re.ASCII)
FULL_PARAMS_SYNTAX = re.compile(rf"\A\s*(?:{_PARAM}(?=\s|\Z)\s*)*\Z", re.ASCII)
VARIABLE_SYNTAX = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S | re.ASCII)
_SPACES = re.compile(r"\s+", re.ASCII)
# Ruby's \w is ASCII: Jekyll refuses include names with other letters
VALID_FILENAME_CHARS = re.compile(r"^[\w/.\-()+~#@]+$", re.M | re.ASCII)
INVALID_SEQUENCES = re.compile(r"[./]{2,}")


class IncludeNode(Node):
    """`{% include file params %}`: render a partial with `include.*` set."""

    __slots__ = ("file", "file_template", "params", "tag_name")

    def __init__(self, token: Token, tag_name: str, file: str,
                 file_template: BoundTemplate | None, params: str | None):
        super().__init__(token)
        self.tag_name = tag_name
        self.file = file
        self.file_template = file_template  # set when the name holds {{ }}
        self.params = params
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        name = self._file_name(context)
        validate_file_name(name, self.tag_name)
        template = self._load(context, name)
        if self.params is None:
            return render_include(template, context, buffer)
        with context.extend({"include": parse_params(self.params, context)}):
            return render_include(template, context, buffer)

    def _file_name(self, context: RenderContext) -> str:
        if self.file_template is None:
            return self.file
        return render_to_string(self.file_template, context)

    def _load(self, context: RenderContext, name: str) -> BoundTemplate:
        env = context.env
        dirs = self.search_dirs(context)
        cache_key = (dirs[0], name)
        template = env.include_cache.get(cache_key)
        if template is None:
            path = locate_include(name, dirs, bool(_config(env.site).get("safe")))
            template = env.from_string(_read_include(env.site, path),
                                       name=_relative(env.site, path), path=path,
                                       report_warnings=False)
            env.include_cache[cache_key] = template
        return template

    def search_dirs(self, context: RenderContext) -> list[Path]:
        env = context.env
        dirs = env.__dict__.get("includes_load_paths")
        if dirs is None:  # the site's config is fixed for a build: look it up once
            dirs = env.__dict__["includes_load_paths"] = includes_load_paths(env.site)
        return dirs

    def children(self, static_context, *, include_partials=True) -> Iterable[Node]:
        return ()


class IncludeRelativeNode(IncludeNode):
    """`{% include_relative file %}`: files next to the page being rendered."""

    __slots__ = ()

    def search_dirs(self, context: RenderContext) -> list[Path]:
        site = context.env.site
        source = Path(site.source)
        page = context.resolve("page", default=None)
        if not isinstance(page, Mapping) or not page.get("path"):
            return [source]
        path = str(page["path"])
        if page.get("collection"):
            path = os.path.join(str(_config(site).get("collections_dir") or ""), path)
        path = path.removesuffix("/#excerpt")
        return [source / os.path.dirname(path)]


class IncludeTag(Tag):
    name = "include"
    block = False
    node_class = IncludeNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = _raw_markup(stream)
        markup = markup.strip()
        match = VARIABLE_SYNTAX.match(markup)
        if match:
            file, params = match["variable"].strip(), match["params"].strip()
        else:
            file, params = (_SPACES.split(markup, maxsplit=1) + [""])[:2]
        params = params or None
        if params is not None and not FULL_PARAMS_SYNTAX.match(params):
            raise LiquidSyntaxError(_invalid_params_message(params, self.name), token=token)
        file_template = self.env.from_string(file) if VARIABLE_SYNTAX.match(file) else None
        return self.node_class(token, self.name, file, file_template, params)


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"
    node_class = IncludeRelativeNode


def _syntax_example(tag_name: str) -> str:
    return f"{{% {tag_name} file.ext param='value' param2='value' %}}"


def _invalid_params_message(params: str, tag_name: str) -> str:
    return (f"Invalid syntax for include tag:\n\n  {params}\n\nValid syntax:\n\n"
            f"  {_syntax_example(tag_name)}\n\n")


_VALID_NAMES: set[str] = set()  # names already checked (an include runs many times)


def validate_file_name(name: str, tag_name: str = "include") -> None:
    """Jekyll refuses `..`, `//` and characters outside VALID_FILENAME_CHARS."""
    if name in _VALID_NAMES:
        return
    if INVALID_SEQUENCES.search(name) or not VALID_FILENAME_CHARS.search(name):
        raise JekyllTagError(
            "Invalid syntax for include tag. File contains invalid characters or "
            f"sequences:\n\n  {name}\n\nValid syntax:\n\n  {_syntax_example(tag_name)}\n\n",
            token=None)
    if len(_VALID_NAMES) > 10_000:  # names made by {{ }}: keep the set small
        _VALID_NAMES.clear()
    _VALID_NAMES.add(name)


def parse_params(params: str, context: RenderContext) -> dict[str, object]:
    """`key="v"`, `key='v'` (with \\" unescaped) or `key=variable.path`."""
    values: dict[str, object] = {}
    for match in PARAM_SYNTAX.finditer(params):
        key, double, single, variable = match.groups()
        if double is not None:
            values[key] = double.replace('\\"', '"')
        elif single is not None:
            values[key] = single.replace("\\'", "'")
        else:
            values[key] = _lookup(context, variable)
    return values


_LOOKUP_SEGMENT = re.compile(r"\[[^\]]+\]|[\w-]+\??", re.ASCII)
_INTEGER = re.compile(r"-?\d+", re.ASCII)
_FLOAT = re.compile(r"-?\d[\d.]+", re.ASCII)
_FLOAT_PREFIX = re.compile(r"-?\d+(\.\d+)?", re.ASCII)
_PARAM_LITERALS = {"true": True, "false": False, "nil": None, "null": None, "empty": "",
                   "blank": ""}


def _lookup(context: RenderContext, variable: str) -> object:
    """`context[variable]` for a dotted path (`forloop.index`, `page.title`)."""
    if variable in _PARAM_LITERALS:
        return _PARAM_LITERALS[variable]
    if _INTEGER.fullmatch(variable):
        return int(variable)
    if _FLOAT.fullmatch(variable):  # Ruby's to_f of "1.5.2" is 1.5
        return float(_FLOAT_PREFIX.match(variable).group())
    path: list[object] = _LOOKUP_SEGMENT.findall(variable)
    if not path:
        return None
    value = context.get(path, token=None, default=None)
    return None if isinstance(value, Undefined) else value


def _config(site: Any) -> Mapping:
    return getattr(site, "config", None) or {}


def includes_load_paths(site: Any) -> list[Path]:
    """The site's includes folder (then a theme's, when the site has one)."""
    source = Path(site.source).absolute()
    dirs = [source / str(_config(site).get("includes_dir") or "_includes")]
    theme_includes = getattr(site, "theme_includes_path", None)
    if theme_includes:
        dirs.append(Path(theme_includes))
    return dirs


def locate_include(name: str, dirs: list[Path], safe: bool) -> Path:
    """The first `dir/name` that is a file (inside `dir`, in safe mode), else IOError."""
    for directory in dirs:
        path = Path(str(directory) + "/" + name) if name.startswith("/") else directory / name
        if path.is_file() and not (safe and not _inside(path, directory)):
            return path
    listed = "[" + ", ".join(inspect_string(str(d)) for d in dirs) + "]"
    ending = (" is not a symlink as those are not allowed in safe mode." if safe else
              ", if it is a symlink, does not point outside your site source.")
    raise JekyllTagError(
        f"Could not locate the included file '{name}' in any of {listed}. "
        f"Ensure it exists in one of those directories and{ending}", token=None)


def _read_include(site: Any, path: Path) -> str:
    # errors engineer (issue 6): name the include that is not UTF-8 (Jekyll: "invalid
    # byte sequence in UTF-8" without saying which file)
    try:
        return path.read_bytes().decode("utf-8")  # File.read: CRLF kept as written
    except UnicodeDecodeError:
        raise JekyllTagError(f"The included file {_relative(site, path)} is not valid UTF-8; "
                             "save it as UTF-8.", token=None) from None


def _inside(path: Path, directory: Path) -> bool:
    # errors engineer (issue 6): compare whole path components, so that a symlink to
    # "/site-private/x" does not pass as inside "/site" (Jekyll's start_with? would let it)
    try:
        real, folder = os.path.realpath(path), os.path.realpath(directory)
        return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)
    except OSError:
        return False


def _relative(site: Any, path: Path) -> str:
    try:
        return path.relative_to(Path(site.source).absolute()).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------
# highlight

HIGHLIGHT_SYNTAX = re.compile(
    r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$", re.ASCII)
HIGHLIGHT_OPTIONS = re.compile(r"(?:\w=\"[^\"]*\"|\w=\w|\w)+", re.ASCII)
LINE_TERMINATORS = re.compile(r"\A[\n\r]+|[\n\r]+\Z")


class HighlightNode(Node):
    __slots__ = ("lang", "options", "block")

    def __init__(self, token: Token, lang: str, options: dict, block: BlockNode):
        super().__init__(token)
        self.lang = lang
        self.options = options
        self.block = block
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        inner = context.get_buffer(buffer)
        self.block.render(context, inner)
        code = LINE_TERMINATORS.sub("", inner.getvalue())
        prefix = to_s(context.resolve("highlighter_prefix", default=None))
        suffix = to_s(context.resolve("highlighter_suffix", default=None))
        highlighter = _config(context.env.site).get("highlighter", "rouge")
        if highlighter in ("rouge", "pygments"):
            body = render_rouge(code, self.lang, bool(self.options.get("linenos")))
        else:
            body = html.escape(code, quote=True).replace("&#x27;", "&#39;").strip()
        lang_class = self.lang.replace("+", "-")
        return buffer.write(
            f'{prefix}<figure class="highlight"><pre><code class="language-{lang_class}" '
            f'data-lang="{self.lang}">{_chomp(body)}</code></pre></figure>{suffix}')

    def children(self, static_context, *, include_partials=True) -> Iterable[Node]:
        yield self.block


class HighlightTag(Tag):
    name = "highlight"
    end = "endhighlight"
    block = True
    node_class = HighlightNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = _raw_markup(stream)
        match = HIGHLIGHT_SYNTAX.match(markup.strip())
        if not match:
            raise LiquidSyntaxError(
                "Syntax Error in tag 'highlight' while parsing the following markup:\n\n"
                f"  {markup}\n\nValid syntax: highlight <lang> [linenos]\n", token=token)
        next(stream)  # onto the block's first token
        block = get_parser(self.env).parse_block(stream, (self.end,))
        stream.expect(TOKEN_TAG, value=self.end)
        return self.node_class(token, match[1].lower(), parse_highlight_options(match[2]),
                               KeptBlock.of(block))


def _chomp(text: str) -> str:
    """Ruby's String#chomp: one trailing \\n, \\r\\n or \\r."""
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith(("\n", "\r")) else text


def parse_highlight_options(text: str) -> dict[str, object]:
    options: dict[str, object] = {}
    for option in HIGHLIGHT_OPTIONS.findall(text or ""):
        key, _, value = option.partition("=")
        if '"' in value:
            options[key] = value.replace('"', "").split()
        else:
            options[key] = value or True
    if options.get("linenos") is True:
        options["linenos"] = "inline"
    return options


def render_rouge(code: str, lang: str, linenos: bool) -> str:
    """Rouge's HTML (or HTMLTable with line numbers) for `code`."""
    from converter import highlight  # the markdown engineer's Rouge-compatible renderer

    inner = highlight.render_tokens(code, lang)
    if not linenos:
        return inner
    lines = code.count("\n")
    if not code.endswith("\n"):
        lines += 1
        inner += "\n"
    numbers = "\n".join(str(i) for i in range(1, lines + 1)) + "\n"
    return ('<table class="rouge-table"><tbody><tr><td class="gutter gl">'
            f'<pre class="lineno">{numbers}</pre></td><td class="code"><pre>{inner}'
            "</pre></td></tr></tbody></table>")


# --------------------------------------------------------------------------
# link and post_url


class LinkNode(Node):
    __slots__ = ("path_template",)

    def __init__(self, token: Token, path_template: BoundTemplate):
        super().__init__(token)
        self.path_template = path_template
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from .filters import relative_url_for

        relative_path = render_to_string(self.path_template, context)
        site = context.env.site
        item = site.find_by_relative_path(relative_path)
        if item is None and not relative_path.startswith("/"):
            item = site.find_by_relative_path("/" + relative_path)
        if item is None:
            raise JekyllTagError(
                f"Could not find document '{relative_path}' in tag 'link'.\n\n"
                "Make sure the document exists and the path is correct.\n", token=self.token)
        return buffer.write(relative_url_for(site, item.url))

    def children(self, static_context, *, include_partials=True) -> Iterable[Node]:
        return ()


class LinkTag(Tag):
    name = "link"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, markup = _raw_markup(stream)
        return LinkNode(token, self.env.from_string(markup.strip()))


POST_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$", re.ASCII)


class PostUrlNode(Node):
    __slots__ = ("name", "pattern", "date", "slug")

    def __init__(self, token: Token, name: str):
        super().__init__(token)
        self.name = name
        self.blank = False
        match = POST_NAME.match(name.removeprefix("/"))
        if not match:
            raise LiquidSyntaxError(
                f"Could not parse name of post \"{name}\" in tag 'post_url'.\n"
                " Make sure the post exists and the name is correct.\n", token=token)
        folder, self.date, self.slug = match[1] or "", match[2], match[3]
        basename = f"{re.escape(self.date)}-{re.escape(self.slug)}\\.[^.]+"
        folder = re.escape(folder)
        self.pattern = re.compile(rf"^_posts/{folder}{basename}|^{folder}_posts/?{basename}")

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        from .filters import relative_url_for

        site = context.env.site
        posts = list(site.posts)
        for post in posts:
            if self.pattern.match(post.relative_path):
                return buffer.write(relative_url_for(site, post.url))
        for post in posts:  # Jekyll's deprecated match: same date and slug
            if self._same_date_and_slug(post):
                return buffer.write(relative_url_for(site, post.url))
        raise JekyllTagError(
            f"Could not find post \"{self.name}\" in tag 'post_url'.\n"
            "Make sure the post exists and the name is correct.\n", token=self.token)

    def _same_date_and_slug(self, post: Any) -> bool:
        date = post.data.get("date")
        if not hasattr(date, "year") or post.data.get("slug") != self.slug:
            return False
        return f"{date.year}-{date.month:02d}-{date.day:02d}" == _normal_date(self.date)

    def children(self, static_context, *, include_partials=True) -> Iterable[Node]:
        return ()


def _normal_date(date: str) -> str:
    year, month, day = (int(part) for part in date.split("-"))
    return f"{year}-{month:02d}-{day:02d}"


class PostUrlTag(Tag):
    name = "post_url"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, markup = _raw_markup(stream)
        return PostUrlNode(token, markup.strip())


class RenderNode(Node):
    """Liquid 5's `{% render %}`: Jekyll gives Liquid no file system, so it fails."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        raise JekyllLiquidError("This liquid context does not allow includes.",
                                token=self.token)

    def children(self, static_context, *, include_partials=True) -> Iterable[Node]:
        return ()


class JekyllLiquidError(LiquidError):
    """A Liquid::Error Jekyll reports as "Liquid error (line N): ..."."""


class RenderTag(Tag):
    name = "render"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        token, _ = _raw_markup(stream)
        node = RenderNode(token)
        node.blank = False
        return node


def register(env: Any) -> None:
    """Add Jekyll's tags to a JekyllEnvironment."""
    for tag in (IncludeTag, IncludeRelativeTag, HighlightTag, LinkTag, PostUrlTag, RenderTag):
        env.add_tag(tag)
