"""Front matter, split exactly as Jekyll does (Document::YAML_FRONT_MATTER_REGEXP).

python-frontmatter's own boundary rules differ from Jekyll's (a `...` end
marker, what counts as the body's first line), so the split uses Jekyll's
regular expression and the YAML goes through our Psych-typed loader.
"""

from __future__ import annotations

import re
from pathlib import Path

from converter.errors import BuildError
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


def read_source(path: Path, site) -> str:
    rel = relative(path, site)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BuildError(f"could not read file: {exc.strerror}", rel) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BuildError("file is not valid UTF-8 (byte "
                         f"0x{raw[exc.start]:02x}); save it as UTF-8", rel, line) from exc


def relative(path: Path, site) -> str:
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


def read_with_front_matter(path: Path, site, front_matter: bool = True) -> tuple[dict, str]:
    """Data and body of a file; bad YAML warns (as Jekyll) unless strict_front_matter."""
    text = read_source(path, site)
    yaml_text, body = split_front_matter(text)
    if yaml_text is None:
        return {}, body
    rel = relative(path, site)
    try:
        data = load_yaml(yaml_text, rel)
    except BuildError as exc:
        if site.config.get("strict_front_matter"):
            raise
        site.log.warn("YAML Exception", f"reading {rel}: {exc}")
        return {}, body
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise BuildError(f"Invalid YAML front matter in {rel}: it must be a mapping "
                         f"of keys to values, not a {type(data).__name__}", rel, 1)
    if data.get("permalink") == "":
        raise BuildError(f"Invalid permalink in {rel}", rel)
    return data, body
