"""jekyll-gist 1.5.0: `{% gist user/id [file] %}` -> GitHub's embed <script>.

The gem also fetches the gist's code over the network for a <noscript> fallback.
Builds here are offline, so that fallback is never written: with `gist: noscript:
false` the output is the gem's, byte for byte; otherwise the gem's warning is
printed and only the <script> is written (Ruby, failing to fetch, would also
print a stray "true" before it).
"""

from __future__ import annotations

import re

from liquid.exceptions import LiquidError

from converter.liquid.tags import MarkupNode, MarkupTag

NAMES = ("jekyll-gist",)

ARGUMENTS = re.compile(r"\A([\S]+|.*(?=/).+)\s?(\S*)\Z")
LOOKUP_SEGMENT = re.compile(r"\[[^\]]+\]|[\w-]+\??")
SYNTAX_HELP = """  Syntax error in tag 'gist' while parsing the following markup:

    {markup}

  Valid syntax:
    {{% gist user/1234567 %}}
    {{% gist user/1234567 foo.js %}}
    {{% gist 28949e1d5ee2273f9fd3 %}}
    {{% gist 28949e1d5ee2273f9fd3 best.md %}}
"""


def setup_liquid(env, site) -> None:
    env.add_tag(GistTag)


class GistNode(MarkupNode):
    def render_to_output(self, context, buffer) -> int:
        match = ARGUMENTS.match(self.markup.strip())
        if not match:
            raise LiquidError(SYNTAX_HELP.format(markup=self.markup), token=self.token)
        gist_id = resolve(context, match.group(1).strip())
        filename = resolve(context, match.group(2).strip())
        if noscript_wanted(context.env.site):
            warn_no_noscript(context.env.site, gist_id)
        return buffer.write(script_tag(gist_id, filename))


def resolve(context, argument: str):
    """The value of `argument` when it names a variable (page.gist_id), else the text itself."""
    from converter.liquid.ruby import to_s

    path = LOOKUP_SEGMENT.findall(argument)
    if not path:
        return argument
    value = context.get(path, token=None, default=None)
    if value is None or value.__class__.__name__.endswith("Undefined"):
        return argument
    return to_s(value)


def script_tag(gist_id: str, filename: str) -> str:
    url = f"https://gist.github.com/{gist_id}.js"
    if filename:
        url = f"{url}?file={filename}"
    return f'<script src="{url}"> </script>'


def noscript_wanted(site) -> bool:
    settings = site.config.get("gist")
    return not (isinstance(settings, dict) and settings.get("noscript") is False)


def warn_no_noscript(site, gist_id: str) -> None:
    site.log.warn("Warning:", f"The <noscript> tag for your gist {gist_id} ")
    site.log.warn("", "could not be generated. This will affect users who do ")
    site.log.warn("", "not have JavaScript enabled in their browsers.")


class GistTag(MarkupTag):
    name = "gist"
    node_class = GistNode
