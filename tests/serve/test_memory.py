"""What a long dev-loop session must not keep: replaced sites, one parse per edit.

The growth these guard against was found with bench/serve_soak.py (1,000
scripted edits on the bench site): every re-read site stayed alive through
module-level caches keyed by its Liquid environment (+9 MB per front matter
edit there), and the front matter memo kept a parse of every edited text.
Body edits (the fast path, most edits) kept each edited post's old texts in
include traces and in the filter caches of `strip_html` / `number_of_words`.
"""

from __future__ import annotations

import gc
import weakref

from converter.build import BuildOptions
from converter.incremental import IncrementalBuilder
from tests.serve.helpers import EPOCH, clean_build, copy_site, edit, tree_differences

POST = "_posts/2025-07-15-oled-driver.md"


def test_replaced_sites_are_released(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    first = weakref.ref(builder.site)
    parsed_sizes = []
    for n in range(4):   # front matter edits: the site is read again each time
        edit(source / POST, "title:", f"title: \"Title {n}\"\nold_title{n}:")
        report = builder.rebuild({POST})
        assert report.error is None and not report.full
        parsed_sizes.append(len(builder.memo.parsed))
    assert builder.site is not first()
    gc.collect()
    assert first() is None, "a replaced site is still referenced"
    # One parse per file, whatever the number of edits.
    assert len(set(parsed_sizes)) == 1, parsed_sizes
    assert len(builder.log.warnings) < 50
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_body_edits_keep_include_traces_within_budget(tmp_path, monkeypatch):
    from converter import incremental
    from converter.liquid import include_memo
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(incremental, "MEMO_BUDGET", 3)
    # The budget bounds the traces that pruning misses: here, all of them.
    monkeypatch.setattr(include_memo, "forget_values", lambda env, values: 0)
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    site = builder.site
    entries = []
    for n in range(6):   # body edits: the fast path, the live site stays
        edit(source / POST, "\n---\n", f"\n---\n\nBody edit {n}.\n")
        report = builder.rebuild({POST})
        assert report.error is None and not report.full
        assert builder.site is site
        entries.append(site.liquid.__dict__.get("include_memo_entries", 0))
        assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []
    # Dropped once the budget is passed (after the first edit's), then bounded.
    later = entries[1:]
    assert min(later) < entries[0], entries
    assert max(later) - min(later) <= 3 + 5, entries


def test_body_edits_drop_the_traces_of_old_values(tmp_path, monkeypatch):
    """An edited post's listing cards are traced again with its new content: the
    traces that compared its old content (which they keep alive) are dropped, so
    the memo holds as many traces after many body edits as after one (it grew by
    3 per edit here, ~10 KB each on the bench site)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = copy_site(tmp_path)
    out = tmp_path / "out"
    builder = IncrementalBuilder(BuildOptions(source=source, destination=out, quiet=True))
    assert builder.full_build().error is None
    site = builder.site
    entries = []
    for n in range(5):
        edit(source / POST, "\n---\n", f"\n---\n\nBody edit {n}.\n")
        report = builder.rebuild({POST})
        assert report.error is None and not report.full and builder.site is site
        entries.append(site.liquid.__dict__.get("include_memo_entries", 0))
    assert len(set(entries)) == 1, entries
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []
    # the memo still serves: a further edit renders the listings from it
    edit(source / POST, "\n---\n", "\n---\n\nBody edit again.\n")
    assert builder.rebuild({POST}).error is None
    assert tree_differences(out, clean_build(source, tmp_path / "clean")) == []


def test_rebuilds_leave_no_page_texts_in_filter_caches(tmp_path, monkeypatch):
    """`content | strip_html | number_of_words` caches (2,048 and 4,096 entries)
    kept every edited post's old texts: ~13 KB per edit on the bench site."""
    from converter.incremental import TEXT_CACHES
    from converter.liquid import filters
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = copy_site(tmp_path)
    builder = IncrementalBuilder(BuildOptions(source=source, destination=tmp_path / "out",
                                              quiet=True))
    assert builder.full_build().error is None
    for n in range(3):
        edit(source / POST, "\n---\n", f"\n---\n\nBody edit {n}.\n")
        assert builder.rebuild({POST}).error is None
        for name in TEXT_CACHES:
            assert getattr(filters, name).cache_info().currsize == 0, name
