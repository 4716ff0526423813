"""One build, as Jekyll's Site#process: reset, read, generate, render, write."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.tz import tzlocal

from converter import plugins as plugin_registry
from converter.config import load_config
from converter.errors import BuildError
from converter.log import Logger
from converter.model import Site, source_date_epoch, to_time
from converter.rubytypes import RubyTime


@dataclass
class BuildOptions:
    source: Path = Path(".")
    destination: Path | None = None
    config_files: list[Path] | None = None
    overrides: dict = field(default_factory=dict)
    quiet: bool = False
    verbose: bool = False
    profile: bool = False
    jobs: int | None = None  # render processes; default: every available core


def make_logger(options: BuildOptions) -> Logger:
    return Logger("warn" if options.quiet else "debug" if options.verbose else "info")


def apply_timezone(timezone: str | None):
    """Jekyll sets ENV['TZ'] from `timezone:`; local times then follow it."""
    if timezone:
        os.environ["TZ"] = str(timezone)
        if hasattr(time, "tzset"):
            time.tzset()
        try:
            return ZoneInfo(str(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return tzlocal()  # follows daylight saving time, unlike a fixed offset


def site_time(config: dict, tz) -> RubyTime:
    if config.get("time"):
        return to_time(config["time"], tz, "Invalid time in _config.yml.")
    epoch = source_date_epoch()
    if epoch is not None:
        return RubyTime.wrap(dt.datetime.fromtimestamp(epoch, dt.timezone.utc).astimezone(tz))
    return RubyTime.wrap(dt.datetime.now(tz))


def ensure_safe_destination(source: Path, dest: Path) -> None:
    """Jekyll refuses a destination that is, or contains, the source."""
    if dest == source or dest in source.parents:
        raise BuildError("Destination directory cannot be or contain the Source directory.",
                         hint="Build into _site (the default) or a new folder beside the source.")


def load_site(options: BuildOptions, log: Logger | None = None) -> Site:
    """Reset and read: configuration and every source file; nothing rendered yet."""
    log = log or make_logger(options)
    source = Path(options.source).resolve()
    if not source.is_dir():
        raise BuildError(f"source directory not found: {source}")
    config = load_config(source, options.config_files, dict(options.overrides), log)
    # Like Jekyll, a relative destination is taken from the working directory.
    dest = Path(options.destination or config.get("destination") or "_site").resolve()
    ensure_safe_destination(source, dest)
    config["source"], config["destination"] = str(source), str(dest)
    from converter.config import DEFAULTS
    from converter.gem_theme import configure_theme, load_theme_configuration
    theme = configure_theme(config, log)
    if theme is not None:
        config = load_theme_configuration(config, theme, DEFAULTS, log)
    tz = apply_timezone(config.get("timezone"))
    site = Site(source, dest, config, site_time(config, tz), tz, log)
    site.theme = theme
    site.theme_includes_path = theme.includes_path if theme else None
    site.environment = os.environ.get("JEKYLL_ENV", "development")
    log.info("Source:", str(source))
    log.info("Destination:", str(dest))
    log.info("Incremental build:", "disabled. Enable with --incremental")
    setup(site)
    from converter.reader import Reader
    Reader(site).read()
    return site


def setup(site: Site) -> None:
    """Converters, Liquid and plugins: what every stage after reading uses."""
    from converter.liquid.environment import make_environment
    from converter.markdown import KramdownConverter
    from converter.render import Renderer
    site.markdown = KramdownConverter(markdown_options(site.config))
    site.liquid = make_environment(site, on_warning=lambda m: site.log.warn("Liquid Warning:", m))
    site.plugins = plugin_registry.enabled(site)
    for plugin in site.plugins:
        if hasattr(plugin, "setup_liquid"):
            plugin.setup_liquid(site.liquid, site)
    site.renderer = Renderer(site, site.environment)
    site.renderer.post_render_hooks = [p.post_render for p in site.plugins
                                       if hasattr(p, "post_render")]


def markdown_options(config: dict) -> dict:
    options = dict(config.get("kramdown") or {})
    highlighter = config.get("highlighter")
    if highlighter is not None and "syntax_highlighter" not in options:
        options["syntax_highlighter"] = highlighter or None
    return options


def generate(site: Site) -> None:
    for plugin in plugin_registry.generators(site.plugins):
        plugin.generate(site)
    site.reset_positions()
    site.renderer.site_drop.invalidate()


def render_site(site: Site, jobs: int = 1):
    """Render every item, on `jobs` processes when worthwhile (same bytes as serial).
    Returns the writer's staging folder if outputs were already written into it."""
    from converter.parallel import render_parallel, worth_parallel
    if jobs > 1 and worth_parallel(site):
        from converter.writer import Staging, signals_deferred
        staging = None
        try:
            with signals_deferred():  # a signal waits until the folder is known, to remove it
                staging = Staging.open(site.dest)
            render_parallel(site, jobs, staging)
        except BaseException:
            if staging is not None:
                staging.discard()
            raise
        return staging
    for item in site.items_to_render():
        site.renderer.render_item(item)
    return None


def write_site(site: Site, staging=None) -> None:
    from converter.writer import write_site as write_items
    write_items(site, staging)
    for plugin in site.plugins:
        if hasattr(plugin, "post_write"):
            plugin.post_write(site)


def resolve_jobs(options: BuildOptions) -> int:
    if options.jobs:
        return max(1, options.jobs)
    if options.profile:
        return 1  # the profile table is collected in one process
    from converter.parallel import default_jobs
    env = os.environ.get("CONVERTER_JOBS", "")
    return max(1, int(env)) if env.isdigit() else default_jobs()


def build_site(options: BuildOptions, log: Logger | None = None) -> Site:
    log = log or make_logger(options)
    started = time.perf_counter()
    site = load_site(options, log)
    if options.profile:
        site.renderer.enable_profile()
    log.info("Generating...")
    generate(site)
    from converter.cache import MarkdownCache, RenderCosts
    site.markdown_cache = MarkdownCache.for_site(site)
    site.render_costs = RenderCosts.for_site(site)
    write_site(site, render_site(site, resolve_jobs(options)))
    if site.markdown_cache is not None:
        site.markdown_cache.save()
    site.render_costs.save()
    site.markdown_cache = site.render_costs = None  # a dev loop after this build goes without
    log.info("", f"done in {time.perf_counter() - started:.3f} seconds.")
    if options.profile:
        print(site.renderer.profile_table())
    return site
