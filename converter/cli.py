"""Command line: `converter build`, `serve`, `new`, `doctor`, `help` (Jekyll's options)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from converter import JEKYLL_VERSION, __version__
from converter.errors import BuildError


def add_build_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `build` and `serve` (Jekyll's build command options)."""
    parser.add_argument("-s", "--source", default=".", help="Source directory (defaults to ./)")
    parser.add_argument("-d", "--destination", default=None,
                        help="Destination directory (defaults to ./_site)")
    parser.add_argument("--config", default=None,
                        help="Custom configuration file(s), comma separated; later files win")
    parser.add_argument("-b", "--baseurl", default=None, help="Serve the website from the given base URL")
    parser.add_argument("-D", "--drafts", action="store_true", help="Render posts in the _drafts folder")
    parser.add_argument("--future", action="store_true", help="Publishes posts with a future date")
    parser.add_argument("--unpublished", action="store_true",
                        help="Render posts that were marked as unpublished")
    parser.add_argument("--limit_posts", type=int, default=None, help="Limits the number of posts to parse and publish")
    parser.add_argument("--safe", action="store_true", help="Safe mode (only whitelisted plugins)")
    parser.add_argument("--disable-disk-cache", action="store_true",
                        help="Disable caching to disk in non-safe mode")
    parser.add_argument("--strict_front_matter", action="store_true",
                        help="Fail if errors are present in front matter")
    parser.add_argument("-t", "--trace", action="store_true", help="Show the full backtrace when an error occurs")
    parser.add_argument("-q", "--quiet", action="store_true", help="Silence output.")
    parser.add_argument("-V", "--verbose", action="store_true", help="Print verbose output.")
    parser.add_argument("--profile", action="store_true", help="Generate a Liquid rendering profile")
    parser.add_argument("-j", "--jobs", type=int, default=None,
                        help="Render on N processes (default: every core; output is identical)")
    parser.add_argument("-w", "--watch", action=argparse.BooleanOptionalAction, default=None,
                        help="Watch for changes and rebuild")


def build_options_from(args: argparse.Namespace):
    from converter.build import BuildOptions
    overrides: dict = {}
    if args.baseurl is not None:
        overrides["baseurl"] = args.baseurl
    if args.drafts:
        overrides["show_drafts"] = True
    if args.future:
        overrides["future"] = True
    if args.unpublished:
        overrides["unpublished"] = True
    if args.limit_posts is not None:
        if args.limit_posts < 0:
            raise BuildError("limit_posts must be a non-negative number")
        overrides["limit_posts"] = args.limit_posts
    if args.safe:
        overrides["safe"] = True
    if getattr(args, "disable_disk_cache", False):
        overrides["disable_disk_cache"] = True
    if args.strict_front_matter:
        overrides["strict_front_matter"] = True
    config_files = [Path(p.strip()) for p in args.config.split(",") if p.strip()] \
        if args.config else None
    return BuildOptions(source=Path(args.source),
                        destination=Path(args.destination) if args.destination else None,
                        config_files=config_files, overrides=overrides, quiet=args.quiet,
                        verbose=args.verbose, profile=args.profile,
                        jobs=getattr(args, "jobs", None))


def run_build(args: argparse.Namespace) -> int:
    from converter.build import build_site
    options = build_options_from(args)
    if args.watch:
        from converter import watch
        return watch.build_and_watch(options)
    build_site(options)
    if not args.quiet:
        print(" Auto-regeneration: disabled. Use --watch to enable.")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="converter",
        description="Build and serve Jekyll sites exactly as Jekyll does, without Ruby.")
    parser.add_argument("-v", "--version", action="version",
                        version=f"converter {__version__} (Jekyll {JEKYLL_VERSION} compatible)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = sub.add_parser("build", aliases=["b"], help="Build your site")
    add_build_options(build)
    build.set_defaults(func=run_build)
    for module_name in ("serve", "new", "doctor"):
        module = optional_module(module_name)
        if module is not None and hasattr(module, "add_parser"):
            module.add_parser(sub)
    helper = sub.add_parser("help", help="Show help for a command")
    helper.add_argument("topic", nargs="?")
    helper.set_defaults(func=lambda args: show_help(parser, sub, args.topic))
    return parser


def optional_module(name: str):
    import importlib
    try:
        return importlib.import_module(f"converter.{name}")
    except ImportError as exc:
        if exc.name != f"converter.{name}":
            raise
        return None


def show_help(parser, sub, topic) -> int:
    if topic and topic in sub.choices:
        sub.choices[topic].print_help()
    else:
        parser.print_help()
    return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so that staging folders are cleaned up."""


def raise_terminated(signum, frame):
    raise Terminated()


def redeliver_dropped_signal(unraisable) -> None:
    """sys.unraisablehook: an exception raised where Python cannot pass it on (in a
    __del__ or a weakref callback, which a signal can interrupt like any code) is
    printed and dropped.  For Ctrl-C and SIGTERM the build would then go on: the
    signal is sent again instead, a moment later (from a thread: sent from here, its
    handler would run at once, still in that code), to be taken up outside it."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        signum = signal.SIGTERM if issubclass(unraisable.exc_type, Terminated) else signal.SIGINT
        resend = threading.Timer(0.005, os.kill, (os.getpid(), signum))
        resend.daemon = True
        resend.start()
        return
    sys.__unraisablehook__(unraisable)


class ShortTraceFormatter(logging.Formatter):
    """Library warnings on one line: the exception's type and message, no traceback."""

    def formatException(self, exc_info) -> str:
        return f"{exc_info[0].__name__}: {exc_info[1]}"

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info:
            text += f" ({self.formatException(record.exc_info)})"
        return "            Warning: " + text


def configure_logging(trace: bool) -> None:
    """Modules log problems they recover from; only --trace shows their tracebacks."""
    handler = logging.StreamHandler(sys.stderr)
    if not trace:
        handler.setFormatter(ShortTraceFormatter())
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


def indented(text: str, prefix: str = "         ") -> str:
    return text.replace("\n", "\n" + prefix)


def report_build_error(exc: BuildError, trace: bool) -> None:
    if trace:
        traceback.print_exc()
    print(f"  Error: {indented(str(exc))}", file=sys.stderr)
    if not trace:
        print("         Run again with --trace for more information.", file=sys.stderr)


def console_main() -> None:
    """The `converter` command: main(), then leave without the interpreter's teardown.
    A build leaves a large heap that Python would free object by object at exit
    (0.2 s on a 1,300-document site); by now every file is written and closed, and
    the output streams are flushed here."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        logging.shutdown()
        os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run a command; Ctrl-C and SIGTERM end it with 130/143 and a short message."""
    signal.signal(signal.SIGTERM, raise_terminated)
    sys.unraisablehook = redeliver_dropped_signal
    try:
        return run_command(argv)
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second signal just ends the process
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        print("Interrupted.", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:  # after the work is done (interpreter shutdown) a signal needs no cleanup
        sys.unraisablehook = sys.__unraisablehook__
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_command(argv: list[str] | None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    trace = getattr(args, "trace", False)
    configure_logging(trace)
    try:
        return int(args.func(args) or 0)
    except BuildError as exc:
        report_build_error(exc, trace)
        return exc.exit_code
    except RecursionError:  # a bug, but a common one with nested input: say so
        if trace:
            traceback.print_exc()
        print("  Error: the input is nested too deeply to process (RecursionError).",
              file=sys.stderr)
        return 1
    except Exception as exc:  # an internal error: still no traceback unless asked
        if trace:
            traceback.print_exc()
        else:
            print(f"  Error: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("         Run again with --trace for the full backtrace.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
