"""jekyll-github-metadata, offline: the parts of `site.github` known without GitHub's API.

The repository ("owner/name") comes, as in the gem, from $PAGES_REPO_NWO, then
`repository:` in _config.yml, then the `origin` git remote (development builds).
From it: repository_nwo/name/url, owner_name/url, project_title, is_user_page,
is_project_page, url and baseurl (the GitHub Pages address: owner.github.io,
plus /name for a project page, or the domain in a CNAME file), environment,
hostname. Keys that need the API (contributors, releases, description...) are
absent. A `github:` hash in _config.yml is merged over these values, as the gem does.
Like the gem, `site.title` falls back to the repository name, and in production
builds `url`/`baseurl` fall back to the Pages address.
"""

from __future__ import annotations

import os
import re
import subprocess

NAMES = ("jekyll-github-metadata",)
# The gem fills site.github when the site is initialised; highest priority runs this
# generator before any other reads the configuration (redirects, feeds...).
PRIORITY = 100

DEFAULTS = {
    "PAGES_ENV": "dotcom",
    "PAGES_API_URL": "https://api.github.com",
    "PAGES_HELP_URL": "https://help.github.com",
    "PAGES_GITHUB_HOSTNAME": "github.com",
    "PAGES_PAGES_HOSTNAME": "github.io",
}
FALLBACK_ENV = {"PAGES_API_URL": "API_URL", "PAGES_HELP_URL": "HELP_URL",
                "PAGES_GITHUB_HOSTNAME": "GITHUB_HOSTNAME", "PAGES_PAGES_HOSTNAME": "PAGES_HOSTNAME"}
ORIGIN_REMOTE = re.compile(r"\Aorigin\t(.*) \([a-z]+\)")


def generate(site) -> None:
    nwo = repository_nwo(site)
    if nwo is None:
        site.log.warn("GitHub Metadata:", "No repo name found. Specify using PAGES_REPO_NWO "
                      "environment variables, 'repository' in your configuration, or set up "
                      "an 'origin' git remote pointing to your github.com repository.")
    metadata = github_metadata(site, nwo)
    configured = site.config.get("github")
    if configured is None:
        site.config["github"] = metadata
    elif isinstance(configured, dict):
        site.config["github"] = deep_merge(metadata, configured)
    add_title_fallback(site, nwo)
    if jekyll_env(site) == "production" or os.environ.get("PAGE_BUILD_ID"):
        add_url_fallbacks(site, metadata)


# --- where the repository is -----------------------------------------------------------

def repository_nwo(site) -> str | None:
    from_env = os.environ.get("PAGES_REPO_NWO")
    if from_env:
        return from_env
    configured = site.config.get("repository")
    if isinstance(configured, str) and "/" in configured:
        return configured
    if jekyll_env(site) in ("development", "test"):
        return nwo_from_git_remote(site)
    return None


def nwo_from_git_remote(site) -> str | None:
    url = origin_remote_url(site.source)
    if url.endswith(".git"):
        url = url[: -len(".git")]
    host = re.escape(pages_setting("PAGES_GITHUB_HOSTNAME"))
    match = re.search(host + r"(:|/)([\w-]+)/([\w.-]+)", url)
    return f"{match.group(2)}/{match.group(3)}" if match else None


def origin_remote_url(source) -> str:
    try:
        listing = subprocess.run(["git", "remote", "--verbose"], cwd=source, capture_output=True,
                                 text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    for line in listing.strip().split("\n"):
        match = ORIGIN_REMOTE.match(line)
        if match:
            return match.group(1)
    return ""


# --- the values ----------------------------------------------------------------------

def github_metadata(site, nwo: str | None) -> dict:
    metadata = {
        "environment": pages_setting("PAGES_ENV"),
        "pages_env": pages_setting("PAGES_ENV"),
        "hostname": pages_setting("PAGES_GITHUB_HOSTNAME"),
        "pages_hostname": pages_setting("PAGES_PAGES_HOSTNAME"),
        "api_url": pages_setting("PAGES_API_URL"),
        "help_url": pages_setting("PAGES_HELP_URL"),
    }
    if nwo:
        metadata.update(repository_metadata(site, nwo))
    return dict(sorted(metadata.items()))  # the gem's drop lists its keys sorted


def repository_metadata(site, nwo: str) -> dict:
    owner, name = nwo.split("/")[0], nwo.split("/")[-1]
    owner_url = f"{github_url()}/{owner}"
    repository_url = f"{owner_url}/{name}"
    user_page = is_user_page(owner, name)
    url = pages_url(site, owner, name, user_page)
    return {
        "repository_nwo": nwo,
        "repository_name": name,
        "project_title": name,
        "owner_name": owner,
        "owner_url": owner_url,
        "owner_gravatar_url": f"{owner_url}.png",
        "repository_url": repository_url,
        "clone_url": f"{repository_url}.git",
        "releases_url": f"{repository_url}/releases",
        "is_user_page": user_page,
        "is_project_page": not user_page,
        "url": url,
        "baseurl": url_path(url),
    }


def is_user_page(owner: str, name: str) -> bool:
    domains = {f"{owner}.{pages_setting('PAGES_PAGES_HOSTNAME')}".lower(),
               f"{owner}.github.com".lower()}
    return name.lower() in domains


def pages_url(site, owner: str, name: str, user_page: bool) -> str:
    """Where GitHub Pages serves the site (over HTTPS, as github.io and custom domains are)."""
    cname = cname_of(site)
    if cname:
        return f"https://{cname}"
    domain = f"{owner}.{pages_setting('PAGES_PAGES_HOSTNAME')}".lower()
    return f"https://{domain}" if user_page else f"https://{domain}/{name}"


def cname_of(site) -> str | None:
    path = site.source / "CNAME"
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").split()
    return lines[0].strip() if lines else None


def url_path(url: str) -> str:
    match = re.match(r"^[a-z]+://[^/]+(/.*)?$", url)
    return (match.group(1) or "") if match else ""


def url_without_path(url: str) -> str:
    match = re.match(r"^([a-z]+://[^/]+)", url)
    return match.group(1) if match else url


def github_url() -> str:
    if pages_setting("PAGES_ENV") == "dotcom":
        return "https://github.com"
    scheme = "https" if os.environ.get("SSL") == "true" else "http"
    return f"{scheme}://{pages_setting('PAGES_GITHUB_HOSTNAME')}"


def pages_setting(key: str) -> str:
    """Pages.env_var: the variable, else its older name, else the default; no trailing slash."""
    value = os.environ.get(key) or os.environ.get(FALLBACK_ENV.get(key, ""), "") or DEFAULTS[key]
    return value[:-1] if value.endswith("/") else value


# --- fallbacks in the site configuration ------------------------------------------------

def add_title_fallback(site, nwo: str | None) -> None:
    config = site.config
    if config.get("name") and not config.get("title"):
        site.log.warn("GitHub Metadata:", "site.name is set in _config.yml, but many plugins "
                      "and themes expect site.title to be used instead. To avoid potential "
                      "inconsistency, Jekyll GitHub Metadata will not set site.title to the "
                      "repository's name.")
    elif not config.get("title") and nwo:
        config["title"] = nwo.split("/")[-1]


def add_url_fallbacks(site, metadata: dict) -> None:
    if "url" not in metadata:
        return
    if not site.config.get("url"):
        site.config["url"] = url_without_path(metadata["url"])
    if site.config.get("baseurl") in (None, "/"):
        site.config["baseurl"] = metadata["baseurl"]


def jekyll_env(site) -> str:
    return getattr(site, "environment", None) or os.environ.get("JEKYLL_ENV") or "development"


def deep_merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
