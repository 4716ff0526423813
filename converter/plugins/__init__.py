"""Jekyll plugins reimplemented natively, one module each, enabled by `plugins:`.

A plugin module defines NAMES (the gem names it answers to), an optional
PRIORITY for its generator (Jekyll: highest 100, high 10, normal 0, low -10,
lowest -100) and any of the hooks: setup_liquid(env, site), generate(site),
post_render(site, item), post_write(site).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

# Plugins Jekyll itself bundles or that only matter to Ruby: nothing to run.
BUILT_IN = {"jekyll-watch", "jekyll-sass-converter", "kramdown-parser-gfm",
            "jekyll-commonmark-ghpages", "jekyll-coffeescript"}


def available() -> dict[str, object]:
    """gem name -> module, for every plugin module in this package."""
    table = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in getattr(module, "NAMES", ()):
            table[name] = module
    return table


def requested(config: dict) -> list[str]:
    names = config.get("plugins") or []
    return [str(n) for n in (names if isinstance(names, list) else [names])]


def enabled(site) -> list:
    """The modules to run, in the order `plugins:` lists them; warns about the rest."""
    table = available()
    whitelist = {str(n) for n in site.config.get("whitelist") or []}
    modules, missing = [], []
    theme = getattr(site, "theme", None)
    theme_deps = theme.runtime_dependencies() if theme is not None else []
    # PluginManager: a gem theme's runtime dependencies first, then `plugins:`
    for name in [n for n in theme_deps if n != "jekyll"] + requested(site.config):
        if site.safe and name not in whitelist:
            continue
        module = table.get(name)
        if module is None:
            if name not in BUILT_IN:
                missing.append(name)
        elif module not in modules:
            modules.append(module)
    for name in missing:
        site.log.warn("Plugin:", f"'{name}' is not supported by converter and was skipped.")
    report_ruby_plugins(site)
    return modules


def report_ruby_plugins(site) -> None:
    plugins_dir = site.source / str(site.config.get("plugins_dir") or "_plugins")
    if site.safe or not plugins_dir.is_dir():
        return
    for path in sorted(Path(plugins_dir).rglob("*.rb")):
        rel = path.relative_to(site.source).as_posix()
        site.log.warn("Plugin:", f"{rel} is a Ruby plugin; converter does not run it.")


def generators(modules: list) -> list:
    with_hook = [m for m in modules if hasattr(m, "generate")]
    return sorted(with_hook, key=lambda m: -getattr(m, "PRIORITY", 0))
