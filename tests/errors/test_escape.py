"""Nothing escapes the source: includes, layouts, links and data never read outside it
(symlinks too, under --safe, as Jekyll defines it), and pathological input stops with an
error instead of exhausting memory or the stack."""

from __future__ import annotations

import os

import pytest

from .helpers import assert_clean_failure, build_site, make_source, run_build

SECRET = "TOP-SECRET"


@pytest.fixture
def outside(tmp_path):
    """Files beside the source that no build may read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for name in ("secret.html", "secret.txt", "secret.yml", "layout.html"):
        (folder / name).write_text(f"key: {SECRET}\n" if name.endswith(".yml") else SECRET + "\n")
    return folder


def built_text(dest) -> str:
    return "".join(p.read_text(errors="replace") for p in dest.rglob("*") if p.is_file())


@pytest.mark.parametrize("markup", [
    "{% include ../outside/secret.html %}",
    "{% include ../../outside/secret.html %}",
    "{% include _includes/../../outside/secret.html %}",
    "{% include /../outside/secret.html %}",
    "{% include {{ page.f }} %}",
    "{% include_relative ../outside/secret.txt %}",
    "{% include_relative ../../outside/secret.txt %}",
    "{% include_relative {{ page.g }} %}",
])
def test_include_cannot_climb_out(tmp_path, outside, markup):
    front = "f: ../outside/secret.html\ng: ../outside/secret.txt\n"
    outcome, dest = build_site(tmp_path, {"_includes/x.html": "x",
                                          "p.md": f"---\n{front}---\n{markup}\n"})
    assert_clean_failure(outcome)
    assert "invalid characters or sequences" in outcome.err
    assert not dest.exists() or SECRET not in built_text(dest)


@pytest.mark.parametrize("markup", [
    f"{{% include {'/etc/passwd'} %}}",
    "{% include /tmp/../etc/passwd %}",
])
def test_absolute_include_stays_in_the_includes_folder(tmp_path, markup):
    outcome, _ = build_site(tmp_path, {"p.md": f"---\n---\n{markup}\n"})
    assert_clean_failure(outcome)
    assert "Could not locate the included file" in outcome.err or \
        "invalid characters or sequences" in outcome.err


def make_symlinked_site(tmp_path, outside):
    source = make_source(tmp_path, {
        "p.md": "---\nlayout: outl\n---\n{{ site.data.outd.key }}\n",
        "q.md": "---\n---\n{% include link.html %}\n",
    })
    links = {"_layouts/outl.html": "layout.html", "_data/outd.yml": "secret.yml",
             "_includes/link.html": "secret.html", "s.txt": "secret.txt"}
    for link, target in links.items():
        (source / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(outside / target, source / link)
    return source


def test_safe_mode_reads_no_symlink_pointing_outside(tmp_path, outside):
    source = make_symlinked_site(tmp_path, outside)
    (source / "q.md").unlink()  # the include is tested below: it stops the build
    dest = tmp_path / "out"
    outcome = run_build(source, dest, "--safe")
    assert outcome.code == 0, outcome.text
    assert SECRET not in built_text(dest)
    assert not (dest / "s.txt").exists()
    assert "Layout 'outl' requested in p.md does not exist" in outcome.err


def test_safe_mode_include_symlink_outside_stops(tmp_path, outside):
    source = make_symlinked_site(tmp_path, outside)
    outcome = run_build(source, tmp_path / "out", "--safe")
    assert_clean_failure(outcome)
    assert "q.md" in outcome.err and "is not a symlink as those are not allowed in safe mode" \
        in outcome.err


def test_without_safe_symlinks_are_followed_as_jekyll_does(tmp_path, outside):
    """Jekyll's default (unsafe) mode follows the author's own symlinks."""
    source = make_symlinked_site(tmp_path, outside)
    dest = tmp_path / "out"
    outcome = run_build(source, dest)
    assert outcome.code == 0, outcome.text
    assert SECRET in (dest / "q.html").read_text()


def test_safe_mode_sibling_folder_with_the_source_name_as_prefix_is_outside(tmp_path):
    """A symlink to "src-private/..." is not inside "src" (whole path components)."""
    source = make_source(tmp_path, {"p.md": "---\n---\n{% include_relative x.html %}\n"})
    private = tmp_path / "src-private"
    private.mkdir()
    (private / "secret.html").write_text(SECRET)
    os.symlink(private / "secret.html", source / "x.html")
    (source / "_data").mkdir()
    os.symlink(private / "secret.html", source / "_data" / "d.yml")
    outcome = run_build(source, tmp_path / "out", "--safe")
    assert_clean_failure(outcome)
    assert "not allowed in safe mode" in outcome.err


def test_safe_mode_keeps_symlinks_inside_the_source(tmp_path):
    source = make_source(tmp_path, {"_data/real.yml": "k: inside\n",
                                    "p.md": "---\n---\n{{ site.data.alias.k }}\n"})
    os.symlink(source / "_data" / "real.yml", source / "_data" / "alias.yml")
    dest = tmp_path / "out"
    outcome = run_build(source, dest, "--safe")
    assert outcome.code == 0, outcome.text
    assert "inside" in (dest / "p.html").read_text()


@pytest.mark.parametrize("markup", ["{% link ../outside/secret.txt %}",
                                    "{% link /etc/passwd %}"])
def test_link_only_finds_site_files(tmp_path, outside, markup):
    outcome, _ = build_site(tmp_path, {"p.md": f"---\n---\n{markup}\n"})
    assert_clean_failure(outcome)
    assert "Could not find document" in outcome.err


def test_data_lookup_with_dots_reads_nothing(tmp_path, outside):
    outcome, dest = build_site(tmp_path, {
        "p.md": "---\n---\n[{{ site.data['../outside/secret'] }}{{ site.data.../outside }}]\n"})
    assert outcome.code == 0, outcome.text
    assert SECRET not in built_text(dest)


def test_layout_name_with_dots_is_just_missing(tmp_path, outside):
    outcome, dest = build_site(tmp_path, {"p.md": "---\nlayout: ../../outside/layout\n---\nx\n"})
    assert outcome.code == 0
    assert "does not exist" in outcome.err and SECRET not in built_text(dest)


# --- pathological input -------------------------------------------------------------------

def yaml_bomb(levels: int = 8) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("files, parts", [
    ({"_data/bomb.yml": yaml_bomb()}, ["_data/bomb.yml", "alias"]),
    ({"p.md": "---\n" + yaml_bomb() + "---\nx\n"}, ["p.md", "alias"]),
    ({"_posts/2020-01-01-x.md": "---\n" + yaml_bomb() + "---\nx\n"}, ["_posts/2020-01-01-x.md"]),
    ({"_config.yml": yaml_bomb()}, ["_config.yml", "alias"]),
    ({"_data/deep.yml": "[" * 20000 + "]" * 20000}, ["_data/deep.yml", "nested too deeply"]),
    ({"_data/deep.json": "[" * 20000 + "]" * 20000}, ["_data/deep.json", "nested too deeply"]),
    ({"p.md": "---\n---\n" + "[" * 5000 + "x" + "]" * 5000}, ["p.md", "Markdown nested"]),
    ({"p.md": "---\n---\n" + "".join("  " * i + "- x\n" for i in range(2000))},
     ["p.md", "Markdown nested"]),
    ({"p.md": "---\n---\n" + ">" * 5000 + " x\n"}, ["p.md", "Markdown nested"]),
    ({"p.md": "---\n---\ntext\n\n" + " " * 700 + "- x\n"}, ["p.md", "Markdown nested"]),
    ({"p.md": "---\n---\ntext\n\n" + "\t" * 200 + "- x\n"}, ["p.md", "Markdown nested"]),
    ({"p.md": "---\n---\n{% for i in (1..400) %}[{% endfor %}x\n"}, ["p.md", "Markdown nested"]),
    ({"p.md": "---\n---\n" + "{% if true %}" * 5000 + "{% endif %}" * 5000},
     ["p.md", "Nesting too deep"]),
    ({"p.md": "---\n---\n" + "{{ " + "[" * 3000 + "1" + "]" * 3000 + " }}"}, ["p.md"]),
    ({"_includes/r.html": "{% include r.html %}", "p.md": "---\n---\n{% include r.html %}"},
     ["_includes/r.html", "Nesting too deep"]),
])
def test_pathological_input_stops_cleanly(tmp_path, files, parts):
    outcome, _ = build_site(tmp_path, files)
    if files.get("p.md", "").startswith("---\n---\n{{"):  # Ruby's lax parser copes: any clean outcome
        assert outcome.code in (0, 1) and "Traceback" not in outcome.text
        return
    assert_clean_failure(outcome)
    for part in parts:
        assert part in outcome.err, outcome.err
