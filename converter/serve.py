"""`converter serve`: build, watch, serve the destination, reload the browser.

The HTTP side follows Jekyll's WEBrick servlet: the site is mounted at
`baseurl`, `/dir/` serves `dir/index.html`, `/dir` redirects to `/dir/`,
`/about` falls back to `about.html`, errors use the site's `404.html`.
Live reload uses Server-Sent Events on the same port: a small script
(converter/livereload.js) is injected into served HTML only.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import os
import re
import sys
import threading
import time
import uuid
import webbrowser
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from converter.errors import BuildError

INTERNAL_PREFIX = "/__converter/"
EVENTS_PATH = INTERNAL_PREFIX + "events"
SCRIPT_PATH = INTERNAL_PREFIX + "livereload.js"
LIVERELOAD_JS = Path(__file__).with_name("livereload.js")
# Jekyll's servlet injects its script after the first <head ...> tag (servlet.rb).
HEAD_TAG = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
INDEX_FILES = ("index.html", "index.htm", "index.xhtml")
NO_CACHE = "private, max-age=0, proxy-revalidate, no-store, no-cache, must-revalidate"
EXTRA_TYPES = {
    ".js": "application/javascript", ".mjs": "application/javascript",
    ".json": "application/json", ".map": "application/json",
    ".xml": "application/xml", ".xsl": "application/xml", ".atom": "application/atom+xml",
    ".rss": "application/rss+xml", ".svg": "image/svg+xml", ".webp": "image/webp",
    ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject", ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon", ".md": "text/markdown", ".yml": "text/yaml", ".yaml": "text/yaml",
    ".ipynb": "application/json", ".bib": "text/plain", ".txt": "text/plain",
}
TEXTUAL = ("text/", "application/javascript", "application/json", "application/xml",
           "application/atom+xml", "application/rss+xml", "image/svg+xml",
           "application/manifest+json")


# ---------------------------------------------------------------- resolving paths

@dataclass
class Target:
    """What a request path maps to: a file to send, a redirect, or an error status."""
    status: int
    file: Path | None = None
    location: str | None = None


def normalize_baseurl(baseurl: str | None) -> str:
    """'' for no baseurl, else '/blog' (leading slash, no trailing slash)."""
    baseurl = (baseurl or "").strip().strip("/")
    return "/" + baseurl if baseurl else ""


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    kind = EXTRA_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith(TEXTUAL):
        kind += "; charset=utf-8"
    return kind


def _inside(root: Path, candidate: Path) -> bool:
    """True when `candidate` (symlinks resolved) stays inside `root`."""
    try:
        return Path(os.path.realpath(candidate)).is_relative_to(root)
    except (OSError, ValueError):
        return False


def resolve(root: Path, baseurl: str, raw_path: str) -> Target:
    """Map a request target to a file under `root` (already realpath'd) by Jekyll's rules."""
    path = urlsplit(raw_path).path if raw_path.startswith("/") else None
    if path is None or "\\" in raw_path:
        return Target(HTTPStatus.BAD_REQUEST)
    decoded = unquote(path, errors="strict") if "%" in path else path
    if "\\" in decoded or "\x00" in decoded:
        return Target(HTTPStatus.BAD_REQUEST)
    segments = decoded.split("/")
    if ".." in segments:
        return Target(HTTPStatus.FORBIDDEN)
    if baseurl:
        if decoded in ("/", ""):
            return Target(HTTPStatus.MOVED_PERMANENTLY, location=baseurl + "/")
        if decoded == baseurl:
            return Target(HTTPStatus.MOVED_PERMANENTLY, location=baseurl + "/")
        if not decoded.startswith(baseurl + "/"):
            return Target(HTTPStatus.NOT_FOUND)
        decoded = decoded[len(baseurl):]
    parts = [p for p in decoded.split("/") if p not in ("", ".")]
    candidate = root.joinpath(*parts)
    if not _inside(root, candidate):
        return Target(HTTPStatus.FORBIDDEN)
    if candidate.is_dir():
        if not decoded.endswith("/"):
            return Target(HTTPStatus.MOVED_PERMANENTLY, location=baseurl + decoded + "/")
        for name in INDEX_FILES:
            index = candidate / name
            if index.is_file() and _inside(root, index):
                return Target(HTTPStatus.OK, file=index)
        return Target(HTTPStatus.NOT_FOUND)
    if candidate.is_file():
        return Target(HTTPStatus.OK, file=candidate)
    # Jekyll's servlet: /about -> about.html, then about.xhtml.
    for suffix in (".html", ".xhtml"):
        sibling = candidate.with_name(candidate.name + suffix) if parts else None
        if sibling is not None and sibling.is_file():
            if not _inside(root, sibling):
                return Target(HTTPStatus.FORBIDDEN)
            return Target(HTTPStatus.OK, file=sibling)
    return Target(HTTPStatus.NOT_FOUND)


def script_tag(build: str = "") -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-build="{build}"></script>'.encode()


def inject_script(html: bytes, build: str = "") -> bytes:
    """Put the live-reload script after the first <head> tag (or at the top).

    `build` is the build the page comes from: a page served just before a
    rebuild finished still reloads when its event stream connects."""
    match = HEAD_TAG.search(html)
    tag = script_tag(build)
    if match:
        return html[:match.end()] + tag + html[match.end():]
    return tag + html


# ---------------------------------------------------------------- live reload state

class ReloadHub:
    """The latest build state, shared with every connected browser (SSE)."""

    def __init__(self) -> None:
        self._instance = uuid.uuid4().hex[:8]   # a restarted server makes pages reload
        self._builds = 0
        self._css_only = False
        self._error: dict | None = None
        self._version = 0
        self._changed = threading.Condition()
        self.closed = False

    def state(self) -> dict:
        with self._changed:
            return self._state()

    def _state(self) -> dict:
        return {"build": f"{self._instance}-{self._builds}", "css_only": self._css_only,
                "error": self._error, "version": self._version}

    def publish_build(self, css_only: bool = False) -> None:
        with self._changed:
            self._builds += 1
            self._css_only = css_only
            self._error = None
            self._bump()

    def publish_error(self, error: BuildError | Exception) -> None:
        with self._changed:
            self._error = error_payload(error)
            self._bump()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._bump()

    def _bump(self) -> None:
        self._version += 1
        self._changed.notify_all()

    def wait(self, seen_version: int, timeout: float) -> dict:
        """Block until the state moves past `seen_version` (or `timeout`)."""
        with self._changed:
            self._changed.wait_for(lambda: self._version != seen_version or self.closed, timeout)
            return self._state()


def error_payload(error: BaseException) -> dict:
    return {"path": getattr(error, "path", None), "line": getattr(error, "line", None),
            "message": getattr(error, "message", None) or str(error)}


# ---------------------------------------------------------------- HTTP

class SiteRequestHandler(BaseHTTPRequestHandler):
    server: "DevServer"
    protocol_version = "HTTP/1.1"
    server_version = "converter"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        server = self.server
        if server.livereload and self.path.startswith(INTERNAL_PREFIX):
            return self._internal(send_body)
        try:
            target = resolve(server.root, server.baseurl, self.path)
        except (UnicodeDecodeError, ValueError):
            target = Target(HTTPStatus.BAD_REQUEST)
        if target.location:
            return self._redirect(target.location)
        if target.file is None:
            return self._error_page(target.status, send_body)
        try:
            body = target.file.read_bytes()
        except OSError:
            return self._error_page(HTTPStatus.NOT_FOUND, send_body)
        self._send(target.status, content_type(target.file), self._decorate(body, target.file),
                   send_body)

    def _decorate(self, body: bytes, file: Path) -> bytes:
        if self.server.livereload and file.suffix.lower() in (".html", ".htm", ".xhtml"):
            return inject_script(body, self.server.hub.state()["build"])
        return body

    def _error_page(self, status: int, send_body: bool) -> None:
        # Like Jekyll, every error uses the site's 404.html when there is one.
        page = self.server.root / "404.html"
        if status != HTTPStatus.BAD_REQUEST and page.is_file():
            body = self._decorate(page.read_bytes(), page)
        else:
            body = f"<!DOCTYPE html><title>{status}</title><h1>{status} {HTTPStatus(status).phrase}</h1>".encode()
        self._send(status, "text/html; charset=utf-8", body, send_body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", NO_CACHE)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _internal(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == SCRIPT_PATH:
            return self._send(HTTPStatus.OK, "application/javascript; charset=utf-8",
                              LIVERELOAD_JS.read_bytes(), send_body)
        if path == EVENTS_PATH:
            return self._stream_events()
        self._error_page(HTTPStatus.NOT_FOUND, send_body)

    def _stream_events(self) -> None:
        """Server-Sent Events: the current state now, then each change."""
        hub = self.server.hub
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = hub.state()
        try:
            while not hub.closed and not self.server.stopping:
                self.wfile.write(f"event: state\ndata: {json.dumps(state)}\n\n".encode())
                self.wfile.flush()
                previous = state["version"]
                state = hub.wait(previous, timeout=15)
                while state["version"] == previous and not hub.closed:
                    self.wfile.write(b": keep-alive\n\n")   # notices closed tabs
                    self.wfile.flush()
                    state = hub.wait(previous, timeout=15)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            sys.stderr.write("      Server: " + (format % args) + "\n")


class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, baseurl: str = "",
                 livereload: bool = True, hub: ReloadHub | None = None, verbose: bool = False):
        self.root = Path(os.path.realpath(root))
        self.baseurl = normalize_baseurl(baseurl)
        self.livereload = livereload
        self.hub = hub or ReloadHub()
        self.verbose = verbose
        self.stopping = False
        super().__init__(address, SiteRequestHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.baseurl}/"

    def handle_error(self, request, client_address) -> None:
        # One bad request must never stop the server; say what went wrong only when verbose.
        if self.verbose:
            super().handle_error(request, client_address)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="converter-http", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.stopping = True
        self.hub.close()
        self.shutdown()
        self.server_close()


def port_taken_message(host: str, port: int) -> str:
    return (f"Error: port {port} on {host} is already in use (another `converter serve` or "
            f"`jekyll serve`?).\n       Stop it, choose another port with --port N, or use "
            f"--port 0 to pick a free one.")


def open_server(host: str, port: int, root: Path, baseurl: str, livereload: bool,
                verbose: bool = False) -> DevServer:
    """Bind the server; a taken port raises BuildError with advice (exit code 1)."""
    DevServer.address_family = _family(host)
    try:
        return DevServer((host, port), root, baseurl, livereload, verbose=verbose)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(port_taken_message(host, port)) from None
        if exc.errno == errno.EACCES:
            raise BuildError(f"Error: no permission to listen on port {port} (ports below 1024 "
                             f"need root). Use --port 0 to pick a free one.") from None
        raise BuildError(f"Error: cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except OverflowError:
        raise BuildError(f"Error: {port} is not a port number (0 to 65535).") from None


def _family(host: str):
    import socket
    return socket.AF_INET6 if ":" in host else socket.AF_INET


# ---------------------------------------------------------------- command line

def add_serve_arguments(parser) -> None:
    """Jekyll's `serve` options (build options such as --config are added by the caller)."""
    parser.add_argument("-H", "--host", default="127.0.0.1", help="host to bind (default 127.0.0.1)")
    parser.add_argument("-P", "--port", type=int, default=4000,
                        help="port to listen on (default 4000; 0 picks a free one)")
    parser.add_argument("-l", "--livereload", action="store_true", default=True,
                        help="reload the browser after each rebuild (default)")
    parser.add_argument("--no-livereload", dest="livereload", action="store_false",
                        help="do not inject the live-reload script")
    parser.add_argument("--livereload-port", type=int, default=None,
                        help="accepted for Jekyll compatibility; live reload shares the HTTP port")
    parser.add_argument("-o", "--open-url", action="store_true", help="open the site in a browser")
    parser.add_argument("--skip-initial-build", action="store_true",
                        help="serve the existing destination without building first")


def add_parser(subparsers):
    """Register `serve` (alias `s`) on an argparse subparsers object."""
    from converter.cli import add_build_options   # build's options, -w/--[no-]watch included
    parser = subparsers.add_parser("serve", aliases=["s", "server"],
                                   help="Serve your site locally, rebuilding on changes")
    add_build_options(parser)
    add_serve_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def run(args) -> int:
    """Entry point of `converter serve`; returns the exit code."""
    from converter import watch   # the build pipeline loads lazily: `serve --help` stays fast
    from converter.incremental import IncrementalBuilder, options_from_args

    options = options_from_args(args)
    log = watch.TerminalLog(quiet=getattr(args, "quiet", False))
    try:   # bind first: a taken port is reported before a long build
        server = open_server(args.host, args.port, Path(options.destination or options.source),
                             args.baseurl or "", args.livereload,
                             verbose=getattr(args, "verbose", False))
    except BuildError as error:
        print(error.message, file=sys.stderr)
        return error.exit_code
    if os.environ.get("JEKYLL_ENV", "development") == "development":
        # Jekyll's serve points site.url at the local server (serve.rb default_url).
        options.overrides.setdefault("url", local_url(args.host, server.server_address[1]))
    watch.use_one_heap()
    builder = IncrementalBuilder(options)
    hub = server.hub
    if not getattr(args, "skip_initial_build", False):
        report = builder.full_build()
        log.initial(report, builder)
        if report.error is not None or report.problems:
            hub.publish_error(report.error or report.problems[0])
    server.root = Path(os.path.realpath(builder.destination))
    server.baseurl = normalize_baseurl(_serve_baseurl(args, builder))
    server.start()
    log.line("Server address:", server.url)
    if getattr(args, "livereload_port", None):
        log.line("LiveReload:", f"served on the same port ({server.server_address[1]})")
    log.line("Server running...", "press ctrl-c to stop.")
    if getattr(args, "open_url", False):
        webbrowser.open(server.url)
    watcher = None
    try:
        if getattr(args, "watch", None) is not False:   # serve watches unless --no-watch
            def on_report(report):
                if report.full:   # _config.yml may have moved the destination or baseurl
                    server.root = Path(os.path.realpath(builder.destination))
                    server.baseurl = normalize_baseurl(_serve_baseurl(args, builder))
                _after_rebuild(report, hub, log)

            watcher = watch.start_watching(builder, on_report=on_report)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        log.line("", "Shutting down.")
    finally:
        if watcher is not None:
            watcher.stop()
        server.stop()
    return 0


def local_url(host: str, port: int) -> str:
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "") else host
    return f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}"


def _serve_baseurl(args, builder) -> str:
    if getattr(args, "baseurl", None) is not None:
        return args.baseurl
    return builder.baseurl


def _after_rebuild(report, hub: ReloadHub, log) -> None:
    log.rebuild(report)
    if report.interrupted:
        return   # the rebuild that follows reports
    if report.error is not None:
        hub.publish_error(report.error)
        return
    if report.written or report.removed or report.copied or hub.state()["error"]:
        # (a fix that changed no output still clears the overlay)
        hub.publish_build(css_only=report.css_only)
    if report.problems:   # built as Jekyll would, but a file needs fixing
        hub.publish_error(report.problems[0])
