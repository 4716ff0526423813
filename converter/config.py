"""Configuration: Jekyll 4.3.1's defaults < _config.yml (or --config list) < CLI flags."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from converter.errors import BuildError
from converter.yamlload import load_yaml

DEFAULTS: dict[str, Any] = {
    "source": ".",
    "destination": "_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}

DEFAULT_EXCLUDES = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
                    "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/",
                    "vendor/ruby/"]

PERMALINK_STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}


def deep_merge(target: dict, overwrite: dict) -> dict:
    """Jekyll's Utils.deep_merge_hashes: a new dict, nested dicts merged. As in
    Utils.merge_values, a nil value never replaces an existing key's value
    (``layout:`` left blank keeps the default layout, ``kramdown:`` left
    blank keeps Jekyll's kramdown defaults)."""
    merged = dict(target)
    for key, value in overwrite.items():
        if key in merged:
            if value is None:
                continue
            if isinstance(value, dict) and isinstance(merged[key], dict):
                merged[key] = deep_merge(merged[key], value)
                continue
        merged[key] = value
    return merged


def style_to_permalink(style: Any) -> str:
    return PERMALINK_STYLES.get(str(style), str(style))


def default_config_files(source: Path) -> tuple[list[Path], bool]:
    for ext in ("yml", "yaml", "toml"):
        candidate = source / f"_config.{ext}"
        if candidate.exists():
            return [candidate], True
    return [source / "_config.yml"], True


class InvalidConfiguration(BuildError):
    """A configuration file that parses but is not a mapping (Jekyll's ArgumentError):
    Jekyll warns and goes on with the defaults and what it had read before."""


def display_name(path: Path, source: Path | None) -> str:
    try:
        return path.resolve().relative_to(source.resolve()).as_posix() if source else str(path)
    except ValueError:
        return str(path)


def parse_config_text(text: str, path: Path, name: str):
    if path.suffix == ".json":
        try:
            return json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise BuildError(f"JSON error: {exc.msg}", name, exc.lineno, column=exc.colno) from exc
    if path.suffix == ".toml":
        import tomllib
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise BuildError(f"TOML error: {exc}", name) from exc
    return load_yaml(text, name) if text.strip() else {}


def read_config_file(path: Path, is_default: bool, log, source: Path | None = None) -> dict:
    name = display_name(path, source)
    if not path.is_file():
        if is_default:
            log.warn("Configuration file:", "none")
            return {}
        raise BuildError(f"Configuration file not found: {path}", name,
                         hint="Check the --config option: files are separated by commas.")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuildError("file is not valid UTF-8; save it as UTF-8", name) from exc
    data = parse_config_text(text, path, name)
    if data is None or data is False:  # Jekyll: `safe_load_file(file) || {}`
        data = {}
    if not isinstance(data, dict):
        raise InvalidConfiguration(f"Configuration file: (INVALID) {path}", name)
    log.info("Configuration file:", str(path.resolve()))
    return data


def load_config(source: Path, config_files: list[Path] | None, overrides: dict, log) -> dict:
    """Merge DEFAULTS < config files < overrides, then apply Jekyll's fix-ups."""
    config: dict = {}  # Jekyll reads the files into an empty Configuration first
    if config_files:
        files, is_default = config_files, False
    else:
        files, is_default = default_config_files(source)
    for path in files:
        try:
            config = deep_merge(config, read_config_file(path, is_default, log, source))
        except InvalidConfiguration as exc:
            log.warn("WARNING:", "Error reading configuration. Using defaults (and options).")
            log.warn("", f"{exc.message}: it must be a mapping of `key: value` lines")
            break
    validate(config)
    config = deep_merge(config, overrides)
    # Configuration.from: DEFAULTS < files < overrides (nil values keep the defaults)
    return finalise(deep_merge(copy.deepcopy(DEFAULTS), config))


def validate(config: dict) -> None:
    """Configuration#validate, run on what the files set (before the defaults):
    ``include``, ``exclude`` and ``plugins`` must be lists when present, even nil."""
    for option in ("include", "exclude"):
        if option in config and not isinstance(config[option], list):
            raise BuildError(f"'{option}' should be set as an array, but was: "
                             f"{_inspect(config[option])}.")
    if "plugins" in config and not isinstance(config["plugins"], list):
        raise BuildError("'plugins' should be set as an array of gem-names, but was: "
                         f"{_inspect(config['plugins'])}.")


def _inspect(value: Any) -> str:
    from converter.liquid.ruby import inspect
    return inspect(value)


FOLDER_KEYS = ("layouts_dir", "data_dir", "includes_dir", "plugins_dir", "cache_dir",
               "collections_dir")
MAPPING_KEYS = ("kramdown", "liquid")
LIST_KEYS = ("keep_files", "whitelist")


def wrong_type(key: str, wanted: str, value: Any, example: str) -> BuildError:
    return BuildError(f"Configuration: `{key}` should be {wanted}, but was: {value!r}.",
                      hint=f"Fix it in _config.yml, e.g. {example}")


def check_types(config: dict) -> None:
    """Settings Jekyll would crash on with a Ruby error: say which and how instead."""
    for key in FOLDER_KEYS:
        value = config.get(key)
        if not isinstance(value, str) and not (key == "collections_dir" and value is None):
            raise wrong_type(key, "a folder name", config.get(key), f"`{key}: _{key[:-4]}`")
    for key in MAPPING_KEYS:
        if config.get(key) is not None and not isinstance(config[key], dict):
            raise wrong_type(key, "a mapping of options", config[key], f"`{key}:` followed by "
                             "indented `option: value` lines")
    for key in LIST_KEYS:
        if config.get(key) is not None and not isinstance(config[key], list):
            raise wrong_type(key, "a list", config[key], f"`{key}: [.git]`")
    collections = config.get("collections")
    if collections is not None and not isinstance(collections, (dict, list)) or \
            isinstance(collections, list) and not all(isinstance(c, str) for c in collections):
        raise wrong_type("collections", "a mapping (or a list of names)", collections,
                         "`collections: {talks: {output: true}}`")
    limit = config.get("limit_posts")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
        if not (isinstance(limit, str) and limit.strip().lstrip("-").isdigit()):
            raise wrong_type("limit_posts", "a number", limit, "`limit_posts: 10`")


def unique(values: list) -> list:
    """Ruby's Array#uniq: order kept; works for unhashable entries too."""
    seen: list = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def finalise(config: dict) -> dict:
    """Jekyll's Configuration#add_default_* and validations."""
    for option in ("include", "exclude"):
        if config.get(option) is not None and not isinstance(config[option], list):
            raise BuildError(f"'{option}' should be set as an array, but was: "
                             f"{config[option]!r}.")
    check_types(config)
    if config.get("exclude") is not None:
        config["exclude"] = unique(list(config["exclude"]) + DEFAULT_EXCLUDES)
    if isinstance(config.get("plugins"), str):
        raise BuildError("'plugins' should be set as an array of gem-names, but was: "
                         f"{config['plugins']!r}.")
    # `gems:` (Jekyll 2-era name of `plugins:`) is ignored by Jekyll 4.3; so here.
    collections = config.get("collections")
    if collections is not None:
        if isinstance(collections, list):
            collections = {name: {} for name in collections}
        collections = deep_merge({"posts": {}}, collections)
        posts = dict(collections["posts"] or {})
        posts["output"] = True
        if config.get("permalink"):
            posts.setdefault("permalink", style_to_permalink(config["permalink"]))
        collections["posts"] = posts
        config["collections"] = collections
    for key in ("collections_dir",):
        config[key] = str(config.get(key) or "")
    for key in ("markdown_ext",):
        config[key] = str(config[key])
    return config
