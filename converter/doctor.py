"""`converter doctor`: find problems in a site, one line per finding.

Jekyll's own doctor checks (URL conflicts, deprecated or ignored configuration,
URLs that differ only by case) plus checks that matter when moving a site to
converter: plugins it does not implement, Ruby plugins, broken internal links,
missing images and files, and redirect loops in the built site.
Exit status 1 when any finding is an error.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

IMPLEMENTED_PLUGINS = frozenset({
    "jekyll-feed", "jekyll-sitemap", "jekyll-seo-tag", "jekyll-paginate",
    "jekyll-redirect-from", "jekyll-gist", "jemoji", "jekyll-include-cache",
    "jekyll-github-metadata",
})

# Keys Jekyll renamed or dropped: key -> what to do instead.
DEPRECATED_KEYS = {
    "gems": "renamed 'plugins' in Jekyll 3.5; list plugins under 'plugins:'",
    "pygments": "replaced by 'highlighter: rouge'",
    "auto": "ignored; use 'converter serve' (it watches by default)",
    "watch": "ignored; use 'converter serve' (it watches by default)",
    "server": "ignored; use 'converter serve'",
    "server_port": "renamed 'port'",
    "layouts": "renamed 'layouts_dir'",
    "data_source": "renamed 'data_dir'",
    "relative_permalinks": "removed in Jekyll 3; permalinks are relative to the site root",
    "paginate_path_legacy": "ignored",
}
UNSUPPORTED_MARKDOWN = {"maruku", "rdiscount", "redcarpet"}
EXTERNAL_SCHEMES = ("http:", "https:", "mailto:", "tel:", "javascript:", "data:", "ftp:", "sms:")


@dataclass(frozen=True)
class Finding:
    level: str      # "error" or "warning"
    check: str      # short name of the check
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.check}: {self.message}"


def error(check: str, message: str) -> Finding:
    return Finding("error", check, message)


def warning(check: str, message: str) -> Finding:
    return Finding("warning", check, message)


# ---------------------------------------------------------------- command line

def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "doctor", aliases=["hyde"], help="search the site for common problems",
        description="Build the site into a temporary folder and report problems, one per line.")
    parser.add_argument("-s", "--source", default=".", help="site source folder (default: .)")
    parser.add_argument("-d", "--destination", help="inspect this built site instead of building one")
    parser.add_argument("--config", help="configuration files, comma separated")
    parser.set_defaults(func=run)
    return parser


def run(args) -> int:
    source = Path(args.source)
    config_files = [Path(p) for p in args.config.split(",")] if getattr(args, "config", None) else None
    findings = diagnose(source, Path(args.destination) if args.destination else None, config_files)
    for finding in findings:
        print(finding)
    if not findings:
        print("Your test results are in. Everything looks fine.")
    return 1 if any(f.level == "error" for f in findings) else 0


def diagnose(source: Path, destination: Path | None = None,
             config_files: list[Path] | None = None) -> list[Finding]:
    """Every finding for the site at source; builds it unless destination is given."""
    raw_config = read_raw_config(source, config_files)
    links = LinkSettings(str(raw_config.get("baseurl") or ""), str(raw_config.get("url") or ""))
    findings = check_config(raw_config) + check_plugins(raw_config, source)
    if destination is not None:
        return findings + diagnose_destination(source, destination, config_files, links)
    return findings + diagnose_by_building(source, config_files, links)


@dataclass(frozen=True)
class LinkSettings:
    baseurl: str
    site_url: str


def diagnose_destination(source: Path, destination: Path, config_files, links: LinkSettings) -> list[Finding]:
    """Checks of an already built site; conflicts come from reading (not rendering) the source."""
    try:
        findings = check_site_model(load_site_model(source, destination, config_files, build=False))
    except Exception as problem:  # the output checks still run
        findings = [warning("conflict", f"URL conflicts not checked: {build_failure_message(problem)}")]
    return findings + check_output(destination, links.baseurl, links.site_url)


def diagnose_by_building(source: Path, config_files, links: LinkSettings) -> list[Finding]:
    """Build into a temporary folder, then check the site model and the output."""
    with tempfile.TemporaryDirectory(prefix="converter-doctor-") as tmp:
        findings: list[Finding] = []
        with captured_output() as build_output:  # a list that receives the printed text
            try:
                site = load_site_model(source, Path(tmp), config_files, build=True)
            except Exception as problem:  # a failed build is itself the finding
                site = None
                findings.append(error("build", build_failure_message(problem)))
        findings += build_warnings("".join(build_output))
        if site is not None:
            findings += check_site_model(site) + check_output(Path(tmp), links.baseurl, links.site_url)
        return findings


@contextlib.contextmanager
def captured_output():
    """Collect what the build prints (Python and libsass, at the file-descriptor level)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    text: list[str] = []
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as sink:
        try:
            for fd in saved:
                os.dup2(sink.fileno(), fd)
            yield text
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for fd, copy in saved.items():
                os.dup2(copy, fd)
                os.close(copy)
            sink.seek(0)
            text.append(sink.read())


def build_warnings(output: str) -> list[Finding]:
    """The build's warnings as findings: one line each, libsass deprecations counted."""
    findings, seen, sass_deprecations = [], set(), 0
    for line in output.splitlines():
        text = line.strip()
        if text.startswith("DEPRECATION WARNING"):
            sass_deprecations += 1
        elif "warning" in text.lower() and text not in seen:
            seen.add(text)
            findings.append(warning("build", re.sub(r"^\S*\s*Warning:\s*", "", text)))
    if sass_deprecations:
        findings.append(warning("sass", f"{sass_deprecations} deprecation warnings from libsass"))
    return findings


def build_failure_message(problem: Exception) -> str:
    path = getattr(problem, "path", None)
    return f"{path}: {problem}" if path and str(path) not in str(problem) else str(problem)


# ---------------------------------------------------------------- configuration

class _SilentLog:
    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def read_raw_config(source: Path, config_files: list[Path] | None) -> dict:
    """The configuration as written (before Jekyll's fix-ups hide renamed keys)."""
    from converter.config import default_config_files, read_config_file
    files, is_default = (config_files, False) if config_files else default_config_files(source)
    merged: dict = {}
    for path in files:
        merged.update(read_config_file(path, is_default, _SilentLog()))
    return merged


def check_config(config: dict) -> list[Finding]:
    findings = [warning("config", f"'{key}' is deprecated: {advice}")
                for key, advice in DEPRECATED_KEYS.items() if key in config]
    markdown = str(config.get("markdown") or "kramdown").lower()
    if markdown in UNSUPPORTED_MARKDOWN:
        findings.append(error("config", f"markdown: {markdown} is not supported by Jekyll 4; use kramdown"))
    if str(config.get("highlighter") or "").lower() == "pygments":
        findings.append(warning("config", "highlighter: pygments is deprecated; rouge is used"))
    for option in ("include", "exclude", "keep_files"):
        if option in config and config[option] is not None and not isinstance(config[option], list):
            findings.append(warning("config", f"'{option}' should be a list"))
    findings += check_url_settings(config)
    return findings


def check_url_settings(config: dict) -> list[Finding]:
    findings = []
    url = config.get("url")
    if url and not re.match(r"^[a-z][a-z0-9+.-]*://", str(url), re.I):
        findings.append(warning("config", f"url '{url}' should be absolute, like https://example.github.io"))
    baseurl = config.get("baseurl")
    if baseurl:
        baseurl = str(baseurl)
        if not baseurl.startswith("/"):
            findings.append(warning("config", f"baseurl '{baseurl}' should start with '/'"))
        if baseurl.endswith("/"):
            findings.append(warning("config", f"baseurl '{baseurl}' should not end with '/'"))
    return findings


def listed_plugins(config: dict) -> list[str]:
    names: list[str] = []
    for key in ("plugins", "gems", "whitelist"):
        value = config.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        names += [str(v) for v in values if v and str(v) not in names]
    return names


def check_plugins(config: dict, source: Path) -> list[Finding]:
    findings = [warning("plugins", f"'{name}' is listed but not implemented by converter; it is ignored")
                for name in listed_plugins(config) if name not in IMPLEMENTED_PLUGINS]
    plugins_dir = source / str(config.get("plugins_dir") or "_plugins")
    for ruby in sorted(plugins_dir.rglob("*.rb")) if plugins_dir.is_dir() else []:
        relative = ruby.relative_to(source).as_posix()
        findings.append(warning("plugins", f"Ruby plugin {relative} will not run (converter runs no Ruby)"))
    return findings


# ---------------------------------------------------------------- site model

def load_site_model(source: Path, destination: Path, config_files, *, build: bool):
    """Build (or only read) the site with converter's own pipeline; None if unavailable."""
    try:
        from converter import build as build_module
    except ImportError:
        if build:
            raise
        return None
    options = build_module.BuildOptions(source=source, destination=destination,
                                        config_files=config_files, quiet=True)
    if build:
        return build_module.build_site(options)
    site = build_module.load_site(options)
    build_module.generate(site)
    return site


def site_items(site) -> list:
    """Every item the site writes: pages, documents that are output, static files."""
    documents = [doc for coll in site.collections.values() for doc in coll.docs]
    items = list(site.pages) + documents + list(site.static_files)
    return [item for item in items if wants_writing(item)]


def wants_writing(item) -> bool:
    wanted = getattr(item, "write_wanted", True)
    return bool(wanted() if callable(wanted) else wanted)


def check_site_model(site) -> list[Finding]:
    if site is None:
        return []
    destinations: dict[str, list[str]] = defaultdict(list)
    for item in site_items(site):
        target = item.destination(site.dest).relative_to(site.dest).as_posix()
        destinations[target].append(item_name(item))
    return check_conflicts(destinations) + check_case_collisions(destinations)


def item_name(item) -> str:
    name = getattr(item, "relative_path", None)
    return str(name) if name else f"(generated {item.url})"


def check_conflicts(destinations: dict[str, list[str]]) -> list[Finding]:
    return [error("conflict", f"{target} is written by more than one file: {', '.join(sorted(names))}")
            for target, names in sorted(destinations.items()) if len(names) > 1]


def check_case_collisions(destinations: dict[str, list[str]]) -> list[Finding]:
    by_folded: dict[str, list[str]] = defaultdict(list)
    for target in destinations:
        by_folded[target.lower()].append(target)
    return [warning("case", f"URLs differ only by case (one overwrites the other on macOS and Windows): "
                            f"{', '.join(sorted(targets))}")
            for targets in by_folded.values() if len(targets) > 1]


# ---------------------------------------------------------------- built output

class _ReferenceCollector(HTMLParser):
    """Collects (kind, url) for links, images, assets and meta refresh targets of one page."""

    KINDS = {("a", "href"): "link", ("area", "href"): "link", ("img", "src"): "image",
             ("source", "src"): "image", ("video", "poster"): "image", ("link", "href"): "file",
             ("script", "src"): "file", ("iframe", "src"): "link", ("video", "src"): "file",
             ("audio", "src"): "file"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str]] = []
        self.refresh_target: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value for name, value in attrs if value is not None}
        for name, value in attributes.items():
            kind = self.KINDS.get((tag, name))
            if kind and not (tag == "link" and is_non_fetched_link(attributes)):
                self.references.append((kind, value.strip()))
        for candidate in srcset_urls(attributes.get("srcset", "")) if tag in ("img", "source") else []:
            self.references.append(("image", candidate))
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", attributes.get("content", ""), re.I)
            if match:
                self.refresh_target = match.group(1).strip()


def is_non_fetched_link(attributes: dict) -> bool:
    """<link rel=canonical/alternate/me...> name pages, they are not files the page loads."""
    rel = attributes.get("rel", "").lower().split()
    return not ({"stylesheet", "icon", "preload", "manifest", "apple-touch-icon"} & set(rel))


def srcset_urls(srcset: str) -> list[str]:
    return [part.strip().split()[0] for part in srcset.split(",") if part.strip()]


def page_url(relative: str) -> str:
    """The URL a built file answers to: about/index.html -> /about/."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


OUTSIDE_BASEURL = "\0outside:"  # prefix of paths under the host but outside baseurl: never resolve


def internal_path(reference: str, from_url: str, baseurl: str, site_url: str) -> str | None:
    """The site path (without baseurl, query or fragment) a reference points to; None if external."""
    if not reference or reference.startswith("#") or reference.lower().startswith(EXTERNAL_SCHEMES):
        if site_url and reference.startswith(site_url.rstrip("/") + "/"):
            reference = reference[len(site_url.rstrip("/")):]
        else:
            return None
    if reference.startswith("//") or "{{" in reference:
        return None
    absolute = urljoin(baseurl.rstrip("/") + from_url, reference)
    path = unquote(urlsplit(absolute).path)
    if baseurl and baseurl != "/":
        prefix = baseurl.rstrip("/")
        if path != prefix and not path.startswith(prefix + "/"):
            return OUTSIDE_BASEURL + path
        path = path[len(prefix):] or "/"
    return path


def resolves(destination: Path, path: str) -> bool:
    """Whether a server of the built site (Jekyll's rules) answers path."""
    if path.startswith(OUTSIDE_BASEURL):
        return False
    relative = path.lstrip("/")
    candidate = destination / relative
    if path.endswith("/") or relative == "":
        return (candidate / "index.html").is_file()
    return candidate.is_file() or (candidate / "index.html").is_file() or \
        destination.joinpath(relative + ".html").is_file()


def check_output(destination: Path, baseurl: str = "", site_url: str = "") -> list[Finding]:
    """Broken internal links, missing images and files, redirect loops in a built site."""
    if not destination.is_dir():
        return [error("output", f"{destination} does not exist; build the site first")]
    missing: dict[tuple[str, str], list[str]] = defaultdict(list)
    redirects: dict[str, str] = {}
    for html_file in sorted(destination.rglob("*.html")):
        relative = html_file.relative_to(destination).as_posix()
        collector = _ReferenceCollector()
        collector.feed(html_file.read_text(encoding="utf-8", errors="replace"))
        here = page_url(relative)
        for kind, reference in collector.references:
            path = internal_path(reference, here, baseurl, site_url)
            if path is not None and not resolves(destination, path):
                missing[(kind, reference)].append(relative)
        if collector.refresh_target:
            target = internal_path(collector.refresh_target, here, baseurl, site_url)
            if target is not None:
                redirects[here] = target
    return report_missing(missing) + check_redirect_loops(redirects)


MISSING_LABELS = {"link": ("broken-link", "broken link"), "image": ("missing-image", "missing image"),
                  "file": ("missing-file", "missing file")}


def report_missing(missing: dict[tuple[str, str], list[str]]) -> list[Finding]:
    findings = []
    for (kind, reference), pages in sorted(missing.items()):
        check, label = MISSING_LABELS[kind]
        others = f" and {len(pages) - 1} other page(s)" if len(pages) > 1 else ""
        findings.append(error(check, f"{label} {reference} in {pages[0]}{others}"))
    return findings


def normalise_url(path: str) -> str:
    """/about, /about/ and /about/index.html are one page for redirect purposes."""
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


def check_redirect_loops(redirects: dict[str, str]) -> list[Finding]:
    graph = {normalise_url(source): normalise_url(target) for source, target in redirects.items()}
    reported: set[frozenset] = set()
    findings = []
    for start in sorted(graph):
        chain = [start]
        while chain[-1] in graph and len(chain) <= len(graph) + 1:
            following = graph[chain[-1]]
            if following in chain:
                loop = chain[chain.index(following):] + [following]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    findings.append(error("redirect-loop", " -> ".join(loop)))
                break
            chain.append(following)
    return findings


if __name__ == "__main__":
    top = argparse.ArgumentParser(prog="converter")
    add_parser(top.add_subparsers(dest="command", required=True))
    parsed = top.parse_args(["doctor", *sys.argv[1:]])
    sys.exit(run(parsed))
