"""Focused tests of the plugin modules: rules the oracle sites do not isolate."""

from __future__ import annotations

import re
import subprocess

import pytest

from converter.plugins import feed, github_metadata, jemoji
from tests.conftest import shared_or_skip

ABOUT_SEED_FRONT_MATTER = """\
---
permalink: /
title: "About Me"
redirect_from:
  - /about/
  - /about.html
---
Hello.
"""


# --- jekyll-redirect-from ------------------------------------------------------------

def test_about_page_with_redirects_as_academicpages_writes_it(make_site):
    source, build = make_site({"_pages/about.md": ABOUT_SEED_FRONT_MATTER},
                              config="url: https://me.example\ninclude: [_pages]\n"
                                     "plugins: [jekyll-redirect-from]\n")
    result, dest = build()
    assert result.returncode == 0, result.stderr
    assert "Hello." in (dest / "index.html").read_text()
    for stub in ("about/index.html", "about.html"):
        text = (dest / stub).read_text()
        assert '<meta http-equiv="refresh" content="0; url=https://me.example/">' in text
    assert (dest / "redirects.json").read_text() == \
        '{"/about/":"https://me.example/","/about.html":"https://me.example/"}'


def test_redirects_need_the_plugin(make_site):
    source, build = make_site({"about.md": ABOUT_SEED_FRONT_MATTER}, config="title: x\n")
    result, dest = build()
    assert result.returncode == 0, result.stderr
    assert not (dest / "about.html").exists() and not (dest / "redirects.json").exists()


# --- jemoji --------------------------------------------------------------------------

def test_emoji_names_are_the_oracle_stand_ins():
    table = shared_or_skip("tools", "jemoji-standin", "emoji_map.rb").read_text()
    pairs = re.findall(r'^  "(.*?)" => "(.*?)",', table, re.M)
    expected = {name.encode().decode("unicode_escape") if "\\u" in name else name: code
                for name, code in pairs}
    assert jemoji.emoji_codes() == expected


@pytest.mark.parametrize("html, expected", [
    (":smile:", '<img class="emoji" title=":smile:" alt=":smile:" src="https://github.'
                'githubassets.com/images/icons/emoji/unicode/1f604.png" height="20" width="20">'),
    ("12:30:45 :not_an_emoji: :Åland_Islands:", "12:30:45 :not_an_emoji: :Åland_Islands:"),
    ("<code>:smile:</code><tt>:+1:</tt><PRE>:-1:</PRE>", "<code>:smile:</code><tt>:+1:</tt>"
                                                          "<PRE>:-1:</PRE>"),
    ('<span title=":smile:">x</span>', '<span title=":smile:">x</span>'),
    ("<head>:tada:</head><body>", "<head>:tada:</head><body>"),
])
def test_emojify(html, expected):
    assert jemoji.emojify(html) == expected


def test_only_text_after_the_last_body_tag_is_emojified():
    out = jemoji.emojify("<p>:wave:</p><body>:wave:</body>")
    assert out.startswith("<p>:wave:</p><body><img ")


# --- jekyll-feed -----------------------------------------------------------------------

def test_feed_meta_attributes_are_escaped_like_ruby():
    assert feed.xml_attr("Feed \"test\" & co's <x>") == \
        '"Feed &quot;test&quot; &amp; co&apos;s &lt;x&gt;"'


# --- jekyll-gist -----------------------------------------------------------------------

def test_gist_without_network_warns_and_writes_the_script(make_site):
    source, build = make_site({"index.md": "---\n---\nSee {% gist user/abc123 a.py %}\n"},
                              config="plugins: [jekyll-gist]\n")
    result, dest = build()
    assert result.returncode == 0, result.stderr
    assert "The <noscript> tag for your gist user/abc123" in result.stderr
    assert (dest / "index.html").read_text() == \
        '<p>See <script src="https://gist.github.com/user/abc123.js?file=a.py"> </script></p>\n'


# --- jekyll-github-metadata -------------------------------------------------------------

GITHUB_PAGE = ("---\n---\n{{ site.github.url }}|{{ site.github.baseurl }}|"
               "{{ site.github.repository_url }}|{{ site.github.repository_nwo }}|"
               "{{ site.github.owner_name }}|{{ site.github.project_title }}|"
               "{{ site.github.is_project_page }}|{{ site.github.environment }}|"
               "{{ site.github.hostname }}|{{ site.title }}\n")


def build_github_site(make_site, config: str, remote: str | None = None, files=None):
    source, build = make_site({"index.html": GITHUB_PAGE, **(files or {})},
                              config="plugins: [jekyll-github-metadata]\n" + config)
    if remote:
        subprocess.run(["git", "init", "-q"], cwd=source, check=True)
        subprocess.run(["git", "remote", "add", "origin", remote], cwd=source, check=True)
    result, dest = build()
    assert result.returncode == 0, result.stderr
    return (dest / "index.html").read_text().strip()


def test_github_metadata_of_a_project_page_from_the_git_remote(make_site):
    out = build_github_site(make_site, "", remote="https://github.com/jdoe/research.git")
    assert out == ("https://jdoe.github.io/research|/research|https://github.com/jdoe/research|"
                   "jdoe/research|jdoe|research|true|dotcom|github.com|research")


def test_github_metadata_of_a_user_page_from_the_config(make_site):
    out = build_github_site(make_site, "title: Me\nrepository: JDoe/jdoe.github.io\n")
    assert out == ("https://jdoe.github.io||https://github.com/JDoe/jdoe.github.io|"
                   "JDoe/jdoe.github.io|JDoe|jdoe.github.io|false|dotcom|github.com|Me")


def test_github_metadata_custom_domain_and_configured_values(make_site):
    out = build_github_site(make_site, "repository: a/b\ngithub:\n  hostname: ghe.example\n",
                            files={"CNAME": "www.example.org\n"})
    assert out.startswith("https://www.example.org||https://github.com/a/b|a/b|a|b|true|dotcom|"
                          "ghe.example|b")


def test_github_metadata_in_production_sets_url_and_baseurl(make_site, monkeypatch):
    monkeypatch.setenv("JEKYLL_ENV", "production")
    source, build = make_site({"index.html": "---\n---\n{{ site.url }}{{ site.baseurl }}\n"},
                              config="plugins: [jekyll-github-metadata]\nrepository: o/proj\n")
    result, dest = build()
    assert (dest / "index.html").read_text().strip() == "https://o.github.io/proj"


def test_github_metadata_url_helpers():
    assert github_metadata.url_path("https://o.github.io/proj") == "/proj"
    assert github_metadata.url_without_path("https://o.github.io/proj") == "https://o.github.io"


# --- plugins the converter cannot run ----------------------------------------------------

def test_ruby_plugins_and_unknown_gems_are_reported_once_and_the_build_goes_on(make_site):
    source, build = make_site({"index.md": "---\n---\nHi\n",
                               "_plugins/capitalize_all.rb": "module Jekyll; end\n",
                               "_plugins/sub/state_abbr.rb": "module Jekyll; end\n"},
                              config="plugins: [jekyll-scholar, jekyll-sitemap]\n")
    result, dest = build()
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    for name in ("_plugins/capitalize_all.rb", "_plugins/sub/state_abbr.rb", "jekyll-scholar"):
        assert output.count(name) == 1, output
    assert (dest / "sitemap.xml").exists() and (dest / "index.html").exists()
