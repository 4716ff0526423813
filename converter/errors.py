"""Errors a user can act on: they name the file, line and column, and what to do."""

from __future__ import annotations

import re


class BuildError(Exception):
    """A problem in the site's sources that stops the build (exit code 1).

    `path` is relative to the site's source; `line` and `column` count from 1
    in that file (front matter included); `hint` says what to do about it.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 exit_code: int = 1, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        self.exit_code = exit_code

    def location(self) -> str:
        if not self.path:
            return ""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        where = self.location()
        text = (where + ": " if where else "") + self.message
        return text + ("\n" + self.hint if self.hint else "")


class YAMLLimitError(BuildError):
    """YAML beyond what we agree to read (alias bombs, extreme nesting): fatal even in
    front matter, where other YAML errors only warn."""


class YAMLNestingError(YAMLLimitError):
    """YAML nested deeper than the parser's stack (Jekyll dies with SystemStackError
    there too, which no rescue catches)."""


# --- limits on pathological input --------------------------------------------------------
# kramdown and our Markdown engine take time quadratic in the nesting depth of
# brackets, lists and block quotes (Jekyll ran for minutes on 5000 levels);
# no real page comes near these depths.

MAX_MARKDOWN_NESTING = 300
_DEEP_LINE = re.compile(rf"^(?:[ ]{{{2 * MAX_MARKDOWN_NESTING},}}|\t{{{MAX_MARKDOWN_NESTING // 2},}}|"
                        rf"(?:>[ \t]*){{{MAX_MARKDOWN_NESTING},}})", re.M)
_DEEP_SPACES, _DEEP_TABS = " " * (2 * MAX_MARKDOWN_NESTING), "\t" * (MAX_MARKDOWN_NESTING // 2)


def bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in re.findall(r"[\[\]]", text):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def too_deep_markdown(text: str) -> bool:
    """Brackets, list indentation or `>` quote markers nested past the limit."""
    if text.count("[") > MAX_MARKDOWN_NESTING and bracket_depth(text) > MAX_MARKDOWN_NESTING:
        return True
    # the line regex can only match text holding one of these: skip it otherwise
    if _DEEP_SPACES in text or _DEEP_TABS in text or text.count(">") >= MAX_MARKDOWN_NESTING:
        return _DEEP_LINE.search(text) is not None
    return False


def check_markdown_nesting(text: str, path: str | None) -> None:
    if too_deep_markdown(text):
        raise BuildError(
            f"Markdown nested more than {MAX_MARKDOWN_NESTING} levels deep (brackets, "
            "lists or block quotes)", path,
            hint="Reduce the nesting, or put the text in a code block or a file that is "
                 "not Markdown.")


# --- Liquid failures, located in the file people edit -------------------------------------

_LIQUID_REWORDING = [
    (re.compile(r"^unexpected tag '(else|elsif|when)'"), "Unexpected outer '{0}' tag",
     "'{0}' belongs inside an {{% if %}}, {{% unless %}} or {{% case %}} block."),
    (re.compile(r"^unexpected tag 'raw'"), "'raw' tag was never closed",
     "Add the matching {{% endraw %}}."),
    (re.compile(r"^unexpected tag '([^']+)'"), "Unknown tag '{0}'",
     "Check the spelling, or add the plugin that defines it to `plugins:`; to show "
     "{{% %}} literally, wrap it in {{% raw %}}...{{% endraw %}}."),
    (re.compile(r"^expected tag end(\w+), found .*"), "'{0}' tag was never closed",
     "Add the matching {{% end{0} %}}."),
    (re.compile(r"^missing expression"), "Syntax error in tag '{tag}': missing expression",
     "Give the tag its expression, e.g. {{% if page.title %}}."),
    (re.compile(r"^maximum context depth reached.*"),
     "Nesting too deep: an include includes itself, directly or through other includes",
     "Break the cycle of {{% include %}} tags."),
    (re.compile(r"^block nesting limit reached.*"), "Nesting too deep: too many nested blocks",
     "Reduce the nesting of {{% if %}}/{{% for %}} blocks."),
    (re.compile(r"^(Could not locate the included file '([^']*)'[\s\S]*)"), "{0}",
     "Create {1} in one of those folders, or correct the name in the include tag."),
    (re.compile(r"^(Could not find document '([^']*)' in tag 'link'\.)"), "{0}",
     "{{% link %}} takes the path from the site's folder, e.g. {{% link _posts/2020-01-01-x.md %}}."),
    (re.compile(r"^(Could not find post \"([^\"]*)\" in tag 'post_url'\.)"), "{0}",
     "{{% post_url %}} takes a post's file name without extension, e.g. 2020-01-01-title."),
    (re.compile(r"^undefined filter (\S+)"), "Unknown filter '{0}'",
     "Check the spelling, or turn off `liquid: strict_filters`."),
    (re.compile(r"^undefined variable (\S+)"), "Undefined variable '{0}'",
     "Define it, use `| default:`, or turn off `liquid: strict_variables`."),
]


def liquid_failure(exc: Exception, name: str, site=None) -> BuildError:
    """A Liquid error as a BuildError naming the file, line and column: the page or
    layout `name`, or the include the error is in (then 'included from name')."""
    token = getattr(exc, "token", None)
    context = exc.context() if callable(getattr(exc, "context", None)) else None
    page_name, excerpt = name.removesuffix("/#excerpt"), name.endswith("/#excerpt")
    where = included_template(exc, token, site) or page_name
    line = column = None
    if context:
        line, column = context[0], context[1] + 1
        if where == page_name and not excerpt:
            line += body_line_offset(site, page_name)
    elif where == page_name:
        line = unclosed_tag_line(site, page_name, str(exc)) or \
            sole_tag_line(site, page_name, str(exc))
    kind = "Liquid syntax error" if "Syntax" in type(exc).__name__ else "Liquid error"
    message, hint = reworded(exc, token)
    if where != page_name:
        message += f" (included from {page_name})"
    elif excerpt:
        message += " (in its excerpt)"
    return BuildError(f"Liquid Exception: {kind}: {message}", where, line, column=column,
                      hint=hint)


def reworded(exc: Exception, token) -> tuple[str, str | None]:
    text = str(getattr(exc, "message", None) or exc).strip()
    for pattern, wording, hint in _LIQUID_REWORDING:
        match = pattern.match(text)
        if match:
            tag = getattr(token, "value", "") or ""
            return wording.format(*match.groups(), tag=tag), hint.format(*match.groups())
    return text, None


def included_template(exc, token, site) -> str | None:
    """The source-relative name of the include the error comes from, if not the page."""
    name = getattr(exc, "template_name", None)
    if not name and token is not None and site is not None:
        name = include_named_by_source(site, getattr(token, "source", None))
    if not name:
        return None
    return relative_to_source(site, str(name))


def include_named_by_source(site, source_text) -> str | None:
    cache = getattr(getattr(site, "liquid", None), "include_cache", None) or {}
    for template in list(cache.values()):
        nodes = getattr(template, "nodes", None) or []
        if any(getattr(getattr(n, "token", None), "source", None) is source_text for n in nodes):
            return str(getattr(template, "path", None) or template.name)
    return None


def relative_to_source(site, name: str) -> str:
    from pathlib import Path
    source = getattr(site, "source", None)
    if source is not None and Path(name).is_absolute():
        try:
            return Path(name).resolve().relative_to(Path(source).resolve()).as_posix()
        except ValueError:
            return name
    return name


def body_line_offset(site, name: str) -> int:
    """Lines of front matter above the body Liquid saw (0 when unknown)."""
    if site is None or not name:
        return 0
    from converter.frontmatter import front_matter_lines
    from pathlib import Path
    path = Path(site.source) / name
    try:
        return front_matter_lines(path.read_text(encoding="utf-8-sig")) if path.is_file() else 0
    except (OSError, UnicodeDecodeError):
        return 0


_BLOCK_TAG = re.compile(r"\{%-?\s*(end)?(\w+)")


def unclosed_tag_line(site, name: str, message: str) -> int | None:
    """The line of the block tag an 'expected tag endX' error leaves open."""
    match = re.search(r"expected tag end(\w+)", message)
    if not match or site is None:
        return None
    from pathlib import Path
    try:
        text = (Path(site.source) / name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    opened: list[int] = []
    for tag in _BLOCK_TAG.finditer(text):
        if tag[2] != match[1]:
            continue
        if tag[1]:
            if opened:
                opened.pop()
        else:
            opened.append(tag.start())
    return text.count("\n", 0, opened[-1]) + 1 if opened else None


_TAG_IN_MESSAGE = re.compile(r"(?:in tag|in|Error in) '(\w+)(?: loop)?'")


def sole_tag_line(site, name: str, message: str) -> int | None:
    """When the error names a tag (`Syntax Error in 'assign'`) that the file uses once,
    that tag's line."""
    match = _TAG_IN_MESSAGE.search(message)
    if not match or site is None:
        return None
    from pathlib import Path
    try:
        text = (Path(site.source) / name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    uses = [m.start() for m in re.finditer(r"\{%-?\s*" + re.escape(match[1]) + r"\b", text)]
    return text.count("\n", 0, uses[0]) + 1 if len(uses) == 1 else None
