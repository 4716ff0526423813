"""kramdown options as Jekyll 4.3.1 sets them.

Layers, lowest first: kramdown 2.4's own defaults (kramdown/options.rb), Jekyll's
``kramdown:`` defaults (jekyll/configuration.rb) and what Jekyll's
KramdownParser#setup adds, then the site's ``kramdown:`` settings.
Values are parsed the way ``Kramdown::Options.parse`` parses them.
"""

from __future__ import annotations

from converter.config import DEFAULTS as CONFIG_DEFAULTS

KRAMDOWN_DEFAULTS = {
    "input": "kramdown",
    "template": "",
    "auto_ids": True,
    "auto_id_stripping": False,
    "auto_id_prefix": "",
    "transliterated_header_ids": False,
    "parse_block_html": False,
    "parse_span_html": True,
    "html_to_native": False,
    "link_defs": {},
    "footnote_nr": 1,
    "entity_output": "as_char",
    "toc_levels": list(range(1, 7)),
    "smart_quotes": ["lsquo", "rsquo", "ldquo", "rdquo"],
    "typographic_symbols": {},
    "header_offset": 0,
    "syntax_highlighter": "rouge",
    "syntax_highlighter_opts": {},
    "math_engine": "mathjax",
    "math_engine_opts": {},
    "footnote_backlink": "&#8617;",
    "footnote_backlink_inline": False,
    "footnote_prefix": "",
    "remove_line_breaks_for_cjk": False,
    "list_indent": 2,
    "hard_wrap": True,
    "gfm_quirks": ["paragraph_end"],
}

# Jekyll 4.3.1's `kramdown:` defaults (configuration.rb), kept once, in converter.config.
JEKYLL_DEFAULTS = dict(CONFIG_DEFAULTS["kramdown"])

BOOLEAN = {
    "auto_ids", "auto_id_stripping", "transliterated_header_ids", "parse_block_html",
    "parse_span_html", "html_to_native", "footnote_backlink_inline",
    "remove_line_breaks_for_cjk", "hard_wrap",
}
INTEGER = {"footnote_nr", "header_offset", "list_indent"}
SYMBOL = {"entity_output", "syntax_highlighter", "math_engine"}
STRING = {"auto_id_prefix", "footnote_backlink", "footnote_prefix", "template", "input"}


def str_to_sym(value) -> str | None:
    """Kramdown::Options.str_to_sym (symbols are plain strings here)."""
    if value is None or value is False:
        return None
    text = str(value).strip()
    if text.startswith(":"):
        text = text[1:]
    return None if text in ("", "nil") else text


def ruby_to_s(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def parse_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    text = ruby_to_s(value)
    return text.lower().strip() != "false" and text != ""


def parse_toc_levels(value) -> list[int]:
    if isinstance(value, range):
        return list(value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 4 and text[0].isdigit() and text[1:3] == ".." and text[3].isdigit():
            return list(range(int(text[0]), int(text[3]) + 1))
        return list(dict.fromkeys(int(v) for v in text.split(",")))
    return list(dict.fromkeys(int(v) for v in value))


def parse_smart_quotes(value) -> list:
    items = value.split(",") if isinstance(value, str) else list(value)
    items = [str(v).strip() for v in items]
    if len(items) != 4:
        raise ValueError("smart_quotes needs four entries")
    return [int(v) if v.isdigit() else v for v in items]


def parse_list_option(value) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return [s for s in (str_to_sym(v) for v in items) if s]


def parse_option(name: str, value):
    """One option value, parsed like Kramdown::Options.parse; ValueError if invalid."""
    if name in BOOLEAN:
        return parse_boolean(value)
    if name in INTEGER:
        return value if isinstance(value, int) and not isinstance(value, bool) else int(ruby_to_s(value).strip())
    if name in SYMBOL:
        return str_to_sym(value)
    if name in STRING:
        return ruby_to_s(value)
    if name == "toc_levels":
        return parse_toc_levels(value)
    if name == "smart_quotes":
        return parse_smart_quotes(value)
    if name == "gfm_quirks":
        return parse_list_option(value)
    if name == "typographic_symbols":
        return {str_to_sym(k): ruby_to_s(v) for k, v in dict(value or {}).items()}
    if name in ("syntax_highlighter_opts", "math_engine_opts", "link_defs"):
        return dict(value or {})
    return value


def jekyll_options(site_options: dict | None = None, highlighter: str | None = None) -> dict:
    """The option hash kramdown sees when Jekyll converts a page."""
    config = dict(JEKYLL_DEFAULTS)
    config.update(site_options or {})
    if not config.get("syntax_highlighter"):
        config["syntax_highlighter"] = (
            "coderay" if config.get("enable_coderay") else (highlighter or "rouge")
        )
    hl_opts = dict(config.get("syntax_highlighter_opts") or {})
    hl_opts["default_lang"] = hl_opts.get("default_lang") or "plaintext"
    hl_opts["guess_lang"] = config.get("guess_lang")
    config["syntax_highlighter_opts"] = hl_opts
    return merge_options(config)


def merge_options(config: dict) -> dict:
    """Kramdown::Options.merge: defaults overlaid with parsed values (bad values keep the default)."""
    options = {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
               for k, v in KRAMDOWN_DEFAULTS.items()}
    for key, value in config.items():
        key = str(key)
        try:
            options[key] = parse_option(key, value)
        except (ValueError, TypeError):
            pass
    return options
