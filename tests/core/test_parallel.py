"""Parallel rendering gives exactly the bytes of a serial build."""

from __future__ import annotations

import re

from tests.conftest import run_converter, tree_files, write_tree


def cross_reading_site(root):
    files = {
        "_config.yml": "title: Parallel\n",
        "_layouts/default.html": "<html>{{ content }}<footer>{{ site.pages | size }}</footer></html>\n",
        "assets/css/main.scss": "---\n---\n$c: #123;\nbody { color: $c; }\n",
        # A Sass page whose Liquid reads the page list cannot be rendered ahead.
        "assets/css/counted.scss": "---\n---\n/* {{ site.pages | size }} */\na { b: c; }\n",
        "pages.html": "---\nlayout: default\n---\n{% for p in site.pages %}{{ p.url }} {{ p.content | size }};{% endfor %}\n",
        "zz-last.html": "---\n---\n{% for p in site.pages %}{{ p.url }};{% endfor %}\n",
        "posts.html": "---\n---\n{% for p in site.posts %}{{ p.content | size }}:{{ p.excerpt }}{% endfor %}\n",
    }
    for i in range(150):
        # Every post reads the content of its neighbours: earlier ones are rendered
        # in a serial build, later ones are not.
        body = ("{% for p in site.posts %}{% if p.title == 'P" + str(i - 1) + "' or p.title == 'P"
                + str(i + 1) + "' %}[{{ p.content | size }};{{ p.output | size }}]{% endif %}{% endfor %}"
                if i % 10 == 0 else "Plain *post* " + str(i))
        files[f"_posts/2020-01-{1 + i % 28:02d}-p{i}.md"] = (
            f"---\ntitle: P{i}\nlayout: default\n---\nFirst para {i}.\n\n{body}\n")
    return write_tree(root, files)


def test_parallel_build_is_byte_identical_to_serial(tmp_path):
    source = cross_reading_site(tmp_path / "src")
    outputs = {}
    for jobs in ("1", "2", "3"):
        dest = tmp_path / f"out-{jobs}"
        result = run_converter("build", "-s", str(source), "-d", str(dest), "-j", jobs)
        assert result.returncode == 0, result.stderr
        outputs[jobs] = {rel: path.read_bytes() for rel, path in tree_files(dest).items()}
    assert outputs["1"] == outputs["2"] == outputs["3"]
    # The cross reads really happened: the earlier neighbour is rendered (it has an
    # output), the later one is not (no output yet), as in Jekyll.
    post = outputs["1"]["2020/01/11/p10.html"].decode()
    sizes = re.findall(r"\[(\d+);(\d+)\]", post)
    assert len(sizes) == 2 and sorted(int(out) > 0 for _, out in sizes) == [False, True]


def sass_reading_site(root):
    """Documents that read a Sass page (which the parallel build renders early) and a
    Sass page that reads documents: each must see what a serial build shows it."""
    files = {
        "_config.yml": "title: Sass early\n",
        "assets/css/main.scss": "---\n---\n$c: #123;\nbody { color: $c; }\n",
        # reads the posts' content: must be rendered after them, as in Jekyll
        "assets/css/posts.scss": "---\n---\n/* {% for p in site.posts limit:2 %}{{ p.content | size }},"
                                 "{% endfor %} */\na { b: c; }\n",
    }
    for i in range(120):
        body = ("{% for p in site.pages %}{% if p.name contains 'scss' %}{{ p.name }}="
                "{{ p.content | size }}/{{ p.output | size }};{% endif %}{% endfor %}"
                if i % 7 == 0 else f"Post *{i}*")
        files[f"_posts/2021-02-{1 + i % 28:02d}-s{i}.md"] = f"---\ntitle: S{i}\n---\n{body}\n"
    return write_tree(root, files)


def test_sass_pages_rendered_early_look_unrendered_to_documents(tmp_path):
    source = sass_reading_site(tmp_path / "src")
    outputs = {}
    for jobs in ("1", "2"):
        dest = tmp_path / f"out-{jobs}"
        result = run_converter("build", "-s", str(source), "-d", str(dest), "-j", jobs)
        assert result.returncode == 0, result.stderr
        outputs[jobs] = {rel: path.read_bytes() for rel, path in tree_files(dest).items()}
    assert outputs["1"] == outputs["2"]
    post = outputs["1"]["2021/02/01/s0.html"].decode()
    assert re.search(r"main\.scss=\d+/0;", post)  # raw Sass, no output yet
    assert re.search(rb"/\* \d+,\d+, \*/", outputs["1"]["assets/css/posts.css"])


def test_a_signal_held_over_a_fork_stops_the_new_worker(tmp_path, monkeypatch):
    """SIGTERM or Ctrl-C arriving while a worker is forked is held until the fork is
    done; it must then find the worker listed, so that the render's clean-up stops it
    (an unlisted worker rendered on into a staging folder already removed)."""
    import multiprocessing.context
    import os

    import pytest

    from converter import parallel
    from converter.build import BuildOptions, generate, load_site
    from converter.writer import Staging

    source = cross_reading_site(tmp_path / "src")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = load_site(BuildOptions(source=source, destination=tmp_path / "out", quiet=True))
    generate(site)
    started = []
    original_start = multiprocessing.context.ForkProcess.start

    def start(process):
        original_start(process)
        started.append(process)

    class HeldSignal(parallel.signals_deferred):
        def __exit__(self, *exc_info):
            super().__exit__(*exc_info)
            raise KeyboardInterrupt  # the held signal, delivered as the mask is restored

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", start)
    monkeypatch.setattr(parallel, "signals_deferred", HeldSignal)
    staging = Staging.open(site.dest)
    try:
        with pytest.raises(KeyboardInterrupt):
            parallel.render_parallel(site, 2, staging)
        assert started and not any(p.is_alive() for p in started)
    finally:
        for process in started:
            if process.is_alive():
                os.kill(process.pid, 9)
        staging.discard()


def test_pages_are_handed_out_by_their_last_render_time(tmp_path):
    """The pages phase starts with the pages that took longest in the last build (kept in
    .jekyll-cache/converter/render-costs.json), not with the ones with most loops."""
    import json
    import types

    from converter import parallel
    from tests.conftest import run_converter

    source = cross_reading_site(tmp_path / "src")
    result = run_converter("build", "-s", str(source), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    recorded = json.loads((source / ".jekyll-cache/converter/render-costs.json").read_text())
    assert {"pages.html", "zz-last.html", "posts.html"} <= set(recorded)

    def page(name, loops):
        return types.SimpleNamespace(relative_path=name, raw_content="{% for x in y %}" * loops)

    items = [page("loopy.html", 5), page("slow.html", 1), page("new.html", 2)]
    site = types.SimpleNamespace(render_costs=types.SimpleNamespace(
        seconds={"loopy.html": 0.01, "slow.html": 0.9}))
    phase = parallel.Phase(site, items, {}, None, heavy_first=True)
    assert [items[n].relative_path for n in phase.order] == ["slow.html", "new.html", "loopy.html"]
