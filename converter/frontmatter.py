"""Front matter, split exactly as Jekyll does (Document::YAML_FRONT_MATTER_REGEXP).

python-frontmatter's own boundary rules differ from Jekyll's (a `...` end
marker, what counts as the body's first line), so the split uses Jekyll's
regular expression and the YAML goes through our Psych-typed loader.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from converter.errors import BuildError, YAMLLimitError
from converter.yamlload import load_yaml

FRONT_MATTER_RE = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.S | re.M)
HEADER_RE = re.compile(rb"\A---\s*\r?\n")


def has_front_matter(path: Path) -> bool:
    """Utils.has_yaml_header?: the first line is `---`."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
    except OSError:
        return False
    return bool(HEADER_RE.match(first))


class NotUTF8Error(BuildError):
    """A source file whose bytes are not UTF-8."""


def read_source(path: Path, site) -> str:
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as exc:
        raise BuildError(f"could not read file: {exc.strerror}", relative(path, site)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotUTF8Error("file is not valid UTF-8 (byte "
                           f"0x{raw[exc.start]:02x})", relative(path, site), line,
                           hint="Save it with UTF-8 encoding (most editors offer it in "
                                "'Save As').") from exc


def relative(path: Path, site) -> str:
    """`path` from the source folder, with `/` (string work: Path.relative_to is slow)."""
    text, root = str(path), str(site.source)
    if text.startswith(root) and text[len(root):len(root) + 1] == os.sep:
        return text[len(root) + 1:].replace(os.sep, "/")
    try:
        return path.relative_to(site.source).as_posix()
    except ValueError:
        return str(path)


def split_front_matter(text: str):
    """(yaml_text or None, body)."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


LENIENT_HINT = ("the file is built without its front matter "
                "(--strict_front_matter makes this an error)")


def front_matter_lines(text: str) -> int:
    """How many lines the front matter (both `---` included) takes: Liquid counts
    lines from the body, people count them from the top of the file."""
    yaml_text, body = split_front_matter(text)
    return 0 if yaml_text is None else text[: len(text) - len(body)].count("\n")


INVALID = object()  # front matter whose YAML does not parse (the build goes on)


def parse_front_matter(yaml_text: str, rel: str, site):
    """The YAML's value, or INVALID when it does not parse and the build may go on."""
    try:
        return load_yaml(yaml_text, rel)
    except YAMLLimitError:
        raise
    except BuildError as exc:
        if site.config.get("strict_front_matter"):
            raise
        site.log.warn("YAML Exception", f"reading {exc.location() or rel}: "
                      f"{exc.message}; {LENIENT_HINT}")
        return INVALID


def read_with_front_matter(path: Path, site, front_matter: bool = True) -> tuple[dict, str]:
    """Data and body of a page or layout (Convertible#read_yaml): bad YAML warns, as
    in Jekyll, unless strict_front_matter; front matter that is not a mapping stops."""
    text = read_source(path, site)
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        return {}, body
    rel = relative(path, site)
    data = parse_front_matter(yaml_text, rel, site)
    if data is None or data is False or data is INVALID:  # Jekyll: `self.data ||= {}`
        return {}, body
    if not isinstance(data, dict):
        raise not_a_mapping(data, rel)
    if data.get("permalink") == "":
        raise BuildError("Invalid permalink: `permalink:` is empty", rel,
                         hint="Remove the `permalink:` line or give it a value such as /about/.")
    return data, body


def not_a_mapping(data, rel: str) -> BuildError:
    kind = {list: "a list", str: "a plain text value"}.get(type(data), type(data).__name__)
    return BuildError(f"Invalid YAML front matter: it is {kind}, not a mapping of keys to "
                      "values", rel, 2, hint="Write it as `key: value` lines between the "
                      "two `---` lines.")


def read_document_front_matter(path: Path, site) -> tuple[dict | None, str]:
    """Data and body of a collection document (Document#read_content).  When the front
    matter cannot be used Jekyll logs an error and keeps the document, without the
    title, slug and date its file name gives: data is then None."""
    text = read_source(path, site)
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        return {}, text
    rel = relative(path, site)
    data = parse_front_matter(yaml_text, rel, site)
    if data is INVALID:
        return None, body
    if data is None or data is False:  # Jekyll: `merge_data!(data) if data`
        return {}, body
    if not isinstance(data, dict):
        error = not_a_mapping(data, rel)
        if site.config.get("strict_front_matter"):
            raise error
        site.log.error("Error:", f"could not read file {error.location()}: {error.message}; "
                       f"{LENIENT_HINT}")
        return None, body
    return data, body
