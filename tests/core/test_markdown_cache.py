"""The disk cache of Markdown conversions (Jekyll::Cache): a second build converts
nothing again and gives the same bytes; the cache follows the Markdown options,
and `safe`, `disable_disk_cache` and --disable-disk-cache keep it off disk."""

from __future__ import annotations

import json

from converter.cache import FILE_NAME, key_of
from tests.conftest import run_converter, tree_files, write_tree

CACHE = ".jekyll-cache/converter/" + FILE_NAME


def site(root, config: str = "title: Cached\n", posts: int = 3):
    files = {"_config.yml": config,
             "_layouts/default.html": "<main>{{ content }}</main>\n",
             "about.md": "---\nlayout: default\n---\n# About\n\nSome *text* here.\n"}
    for i in range(posts):
        files[f"_posts/2020-01-{1 + i % 28:02d}-p{i}.md"] = (
            f"---\nlayout: default\n---\nFirst para {i}.\n\nPlain *post* {i} -- text.\n")
    return write_tree(root, files)


def build(source, dest, *flags):
    result = run_converter("build", "-s", str(source), "-d", str(dest), *flags)
    assert result.returncode == 0, result.stderr
    return {rel: path.read_bytes() for rel, path in tree_files(dest).items()}


def cached_entries(source) -> dict:
    return json.loads((source / CACHE).read_text(encoding="utf-8"))["entries"]


def poison(source, text: str, html: str) -> None:
    """Replace the cached conversion of `text`: a build that prints it used the cache."""
    path = source / CACHE
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert key_of(text) in stored["entries"]
    stored["entries"][key_of(text)] = html
    path.write_text(json.dumps(stored), encoding="utf-8")


def test_second_build_reads_conversions_from_the_cache(tmp_path):
    source = site(tmp_path / "src")
    cold = build(source, tmp_path / "out1")
    assert len(cached_entries(source)) >= 4  # about.md, the posts, their excerpts
    # as Jekyll's Site#hide_cache_dir_from_git
    assert (source / ".jekyll-cache/.gitignore").read_bytes() == \
        b"# ignore everything in this directory\n*\n"
    assert build(source, tmp_path / "out2") == cold
    poison(source, "# About\n\nSome *text* here.\n", "<p>FROM CACHE</p>\n")
    assert b"FROM CACHE" in build(source, tmp_path / "out3")["about.html"]


def test_changed_markdown_options_start_a_new_cache(tmp_path):
    source = site(tmp_path / "src")
    build(source, tmp_path / "out1")
    poison(source, "# About\n\nSome *text* here.\n", "<p>FROM CACHE</p>\n")
    (source / "_config.yml").write_text("title: Cached\nkramdown:\n  auto_ids: false\n")
    about = build(source, tmp_path / "out2")["about.html"]
    assert b"FROM CACHE" not in about and b"<h1>About</h1>" in about


def test_no_disk_cache_in_safe_mode_or_when_disabled(tmp_path):
    for name, config, flags in (("safe", "safe: true\n", ()),
                                ("config", "disable_disk_cache: true\n", ()),
                                ("flag", "title: x\n", ("--disable-disk-cache",))):
        source = site(tmp_path / name, config=config)
        build(source, tmp_path / f"out-{name}", *flags)
        assert not (source / CACHE).exists(), name
        assert not (source / ".jekyll-cache/.gitignore").exists(), name
        assert not (source / ".jekyll-cache/converter/render-costs.json").exists(), name


def test_parallel_workers_send_their_conversions_home(tmp_path):
    source = site(tmp_path / "src", posts=120)
    cold = build(source, tmp_path / "out1", "-j", "2")
    entries = cached_entries(source)
    for i in range(120):  # every post body, whichever process converted it
        assert key_of(f"First para {i}.\n\nPlain *post* {i} -- text.\n") in entries
    assert build(source, tmp_path / "out2", "-j", "2") == cold


def test_a_damaged_cache_is_ignored(tmp_path):
    source = site(tmp_path / "src")
    cold = build(source, tmp_path / "out1")
    for damage in ("{not json", '{"fingerprint": 1, "entries": []}', "[]"):
        (source / CACHE).write_text(damage, encoding="utf-8")
        assert build(source, tmp_path / "out2") == cold
        assert len(cached_entries(source)) >= 4  # written again


def test_a_failed_conversion_is_not_cached():
    from converter.render import is_fallback_output

    assert is_fallback_output("a < b & *c*", "<p>a &lt; b &amp; *c*</p>\n")
    assert not is_fallback_output("a < b & *c*", "<p>a &lt; b &amp; <em>c</em></p>\n")


def test_a_parallel_build_holds_one_copy_of_each_conversion(tmp_path, monkeypatch):
    """The parent keeps each conversion once: the cache entry is the document's own
    content, not a second copy sent back by a worker forked after it was made."""
    from converter.build import BuildOptions, generate, load_site, render_site
    from converter.cache import MarkdownCache

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    source = site(tmp_path / "src", posts=150)
    for i in range(6):  # enough pages for the pages phase to fork a worker too
        (source / f"page{i}.md").write_text(f"---\n---\nPage *{i}*.\n")
    built = load_site(BuildOptions(source=source, destination=tmp_path / "out", quiet=True))
    generate(built)
    built.markdown_cache = MarkdownCache.for_site(built)
    staging = render_site(built, 2)
    try:
        cached = {id(html) for html in built.markdown_cache.new.values()}
        docs = built.collections["posts"].docs
        assert len(docs) == 150 and all(id(doc.content) in cached for doc in docs)
    finally:
        staging.discard()


def test_a_forked_worker_sends_only_its_own_conversions(tmp_path):
    from converter.cache import MarkdownCache

    cache = MarkdownCache(tmp_path / "m.json", "f")
    first = "<p>parent</p>\n"
    cache.put("a", first)
    cache.forked()  # what the parent had made is the parent's
    cache.put("b", "<p>worker</p>\n")
    assert cache.get("a") is first and cache.take_new() == {"b": "<p>worker</p>\n"}
    cache.put("a", "<p>parent</p>\n")  # made again: the first copy stays
    assert cache.get("a") is first and cache.take_new() == {}
