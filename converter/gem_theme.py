"""Gem-based themes (`theme: minima`), as lib/jekyll/theme.rb and site.rb use them.

Jekyll asks RubyGems for the theme gem (`Gem::Specification.find_by_name`, the
highest installed version) and then reads, after the site's own files:
layouts missing from `_layouts`, includes after `_includes`, Sass partials after
`sass_dir`, `assets/` (pages when they have front matter, else static files,
unless the site has a file at that path), `_data` under the site's data and the
theme's `_config.yml` under the site's configuration (minus Jekyll's default keys).
Here the gem is looked up where RubyGems installs gems; without it the build stops
as Jekyll's does.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path

from converter.errors import BuildError


def gem_directories() -> list[Path]:
    """Folders holding installed gems (`<name>-<version>/`), most specific first."""
    roots: list[str] = []
    for var in ("GEM_HOME", "GEM_PATH"):
        roots += [p for p in os.environ.get(var, "").split(os.pathsep) if p]
    home = os.path.expanduser("~")
    patterns = [f"{home}/.gem/ruby/*", f"{home}/.local/share/gem/ruby/*",
                "/usr/local/lib/ruby/gems/*", "/usr/local/share/gems",
                "/var/lib/gems/*", "/usr/lib/ruby/gems/*", "/usr/share/gems",
                "/usr/share/rubygems-integration/all", "/usr/share/rubygems-integration/*",
                "/opt/homebrew/lib/ruby/gems/*", "/usr/local/opt/ruby/lib/ruby/gems/*"]
    for pattern in patterns:
        roots += sorted(glob.glob(pattern), reverse=True)
    dirs: list[Path] = []
    for root in roots:
        gems = Path(root) / "gems"
        if gems.is_dir() and gems not in dirs:
            dirs.append(gems)
    return dirs


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in re.split(r"[.\-]", version))


def find_gem(name: str) -> Path | None:
    """The installed gem `name` with the highest version."""
    pattern = re.compile(re.escape(name) + r"-(\d[\w.]*)(?:-[a-z][\w-]*)?")
    best: tuple[tuple, Path] | None = None
    for gems in gem_directories():
        try:
            entries = os.listdir(gems)
        except OSError:
            continue
        for entry in entries:
            match = pattern.fullmatch(entry)
            if match and (gems / entry).is_dir():
                key = _version_key(match.group(1))
                if best is None or key > best[0]:
                    best = (key, gems / entry)
    return best[1] if best else None


class Theme:
    def __init__(self, name: str, root: Path):
        self.name = name
        self.root = Path(os.path.realpath(root))

    def path_for(self, folder: str) -> Path | None:
        path = Path(os.path.realpath(self.root / folder))
        inside = path == self.root or self.root in path.parents
        return path if inside and path.is_dir() else None

    def runtime_dependencies(self) -> list[str]:
        """The gem names of the gemspec's runtime dependencies (PluginManager requires
        them, e.g. minima's jekyll-feed and jekyll-seo-tag)."""
        spec = self.root.parent.parent / "specifications" / f"{self.root.name}.gemspec"
        if not spec.is_file():
            spec = next(iter(sorted(self.root.glob("*.gemspec"))), None)
            if spec is None:
                return []
        text = spec.read_text(encoding="utf-8", errors="replace")
        name = r"""\(?\s*(?:%q<([^>]+)>|["']([^"']+)["'])"""
        runtime = re.findall(r"add_runtime_dependency" + name, text)
        if not runtime:
            runtime = re.findall(r"add_dependency" + name, text)
        names: list[str] = []
        for groups in runtime:
            dep = groups[0] or groups[1]
            if dep not in names:
                names.append(dep)
        return names

    @property
    def includes_path(self) -> Path | None:
        return self.path_for("_includes")

    @property
    def layouts_path(self) -> Path | None:
        return self.path_for("_layouts")

    @property
    def sass_path(self) -> Path | None:
        return self.path_for("_sass")

    @property
    def assets_path(self) -> Path | None:
        return self.path_for("assets")

    @property
    def data_path(self) -> Path | None:
        return self.path_for("_data")


def configure_theme(config: dict, log) -> Theme | None:
    """Site#configure_theme: the theme named by `theme:` (a String), else None."""
    value = config.get("theme")
    if value is None:
        return None
    if not isinstance(value, str):
        kind = {bool: ("TrueClass" if value else "FalseClass"), int: "Integer", float: "Float",
                list: "Array", dict: "Hash"}.get(type(value), type(value).__name__)
        log.warn("Theme:", "value of 'theme' in config should be String to use gem-based "
                 f"themes, but got {kind}")
        return None
    name = value.lower().strip()
    root = find_gem(name)
    if root is None:
        raise BuildError(f"The {name} theme could not be found.",
                         hint=f"Install the theme gem (gem install {name}) or remove `theme:` "
                              "from _config.yml.")
    return Theme(name, root)


def load_theme_configuration(config: dict, theme: Theme, defaults: dict, log) -> dict:
    """Site#load_theme_configuration: the theme's _config.yml under the site's."""
    from converter.config import deep_merge
    from converter.yamlload import load_yaml

    if config.get("ignore_theme_config") is True:
        return config
    path = theme.root / "_config.yml"
    if not path.exists() or path.is_symlink():
        return config
    theme_config = load_yaml(path.read_text(encoding="utf-8"), str(path))
    if not isinstance(theme_config, dict):
        return config
    log.info("Theme Config file:", str(path))
    theme_config = {k: v for k, v in theme_config.items() if k not in defaults}
    return deep_merge(theme_config, config)
