"""Jekyll's tags beyond what the oracle cases cover: include_relative, the include
cache, symlinks outside safe mode, include forms seen in real sites."""

from .fakesite import make_site, render


def test_include_symlink_allowed_outside_safe_mode(tmp_path):
    outside = tmp_path / "outside.html"
    outside.write_text("outside")
    unsafe_site = make_site(tmp_path / "src")
    (unsafe_site.source / "_includes" / "link.html").symlink_to(outside)
    assert render(unsafe_site, "{% include link.html %}") == "outside"

def test_included_templates_are_parsed_once(site):
    render(site, "{% include greet.html name='a' %}{% include greet.html name='b' %}")
    cached = list(site.liquid.include_cache.values())
    assert len(cached) == 1
    render(site, "{% include greet.html name='c' %}")
    assert list(site.liquid.include_cache.values()) == cached

def test_include_relative_reads_next_to_the_page(site):
    (site.source / "docs").mkdir()
    (site.source / "docs" / "part.md").write_text("part {{ page.title }}")
    page = {"path": "docs/index.md", "title": "T"}
    assert render(site, "{% include_relative part.md %}", page=page) == "part T"

def test_include_relative_in_a_collection_uses_collections_dir(tmp_path):
    site = make_site(tmp_path, {"collections_dir": "coll"})
    (tmp_path / "coll" / "_talks").mkdir(parents=True)
    (tmp_path / "coll" / "_talks" / "x.md").write_text("talk part")
    page = {"path": "_talks/a.md", "collection": "talks"}
    assert render(site, "{% include_relative x.md %}", page=page) == "talk part"

def test_dynamic_include_with_a_path_after_the_variable(site):
    (site.source / "_includes" / "v2").mkdir()
    (site.source / "_includes" / "v2" / "note.md").write_text("note {{ include.k }}")
    template = ("{% include {{ page.v }}/note.md k=\"1\" %}|"
                "{% capture p %}v2/note.md{% endcapture %}{% include {{ p }} %}")
    assert render(site, template, page={"v": "v2"}) == "note 1|note "

def test_include_param_from_a_loop_variable(site):
    assert render(site, "{% for n in (1..2) %}{% include greet.html name=n n=forloop.index %}"
                        "{% endfor %}") == "Hi 1 n=1!Hi 2 n=2!"
