"""`converter new`: the bundled theme, new sites that build, and academicpages
content moved into a new site keeping its URLs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from converter import new
from tests.conftest import REPO, run_converter, shared_or_skip


def test_wheel_carries_the_demo_site_as_its_theme(tmp_path):
    """A regular install gets the theme from the wheel, built from the repository root."""
    import subprocess
    import sys
    import zipfile
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                             str(tmp_path), str(new.REPO_ROOT)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr[-300:]}")
    wheel = zipfile.ZipFile(next(tmp_path.glob("*.whl")))
    prefix = "converter/theme/"
    bundled = {name[len(prefix):]: wheel.read(name) for name in wheel.namelist()
               if name.startswith(prefix)}
    assert bundled == new.theme_files(new.REPO_ROOT)


def test_new_site_builds_with_the_sample_content(tmp_path):
    site = tmp_path / "x"
    created = run_converter("new", str(site))
    assert created.returncode == 0, created.stderr
    built = run_converter("build", "-s", str(site), cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    output = site / "_site"
    for page in ("index.html", "publications/index.html", "talks/index.html", "teaching/index.html",
                 "cv/index.html", "year-archive/index.html", "404.html", "about/index.html",
                 "feed.xml", "sitemap.xml", "assets/css/main.css"):
        assert (output / page).is_file(), page
    assert "Ada Example" in (output / "index.html").read_text()
    assert "converter/" not in (site / "_config.yml").read_text()


def test_new_refuses_a_non_empty_folder_unless_forced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    refused = run_converter("new", str(tmp_path))
    assert refused.returncode == 1
    assert "not empty" in refused.stderr
    assert not (tmp_path / "_config.yml").exists()
    forced = run_converter("new", "--force", str(tmp_path))
    assert forced.returncode == 0
    assert (tmp_path / "_config.yml").is_file() and (tmp_path / "notes.txt").read_text() == "mine"


def test_blank_site_has_the_theme_and_no_sample_content(tmp_path):
    site = tmp_path / "blank"
    assert run_converter("new", "--blank", str(site)).returncode == 0
    assert list((site / "_posts").iterdir()) == []
    built = run_converter("build", "-s", str(site), cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (site / "_site" / "index.html").is_file()
    assert not (site / "_site" / "publications").exists()
    doctor = run_converter("doctor", "-s", str(site))
    assert doctor.returncode == 0, doctor.stdout


def test_new_site_passes_doctor(tmp_path):
    site = tmp_path / "x"
    run_converter("new", str(site))
    doctor = run_converter("doctor", "-s", str(site))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "error" not in doctor.stdout


MOVED_FOLDERS = ("_pages", "_posts", "_publications")
# Reference outputs that come from folders or config the test does not move.
NOT_MOVED_PREFIXES = ("talks/", "teaching/", "portfolio/", "assets/", "images/", "files/", "talkmap/",
                      "markdown_generator/", "cv-json/")


def html_outputs(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")}


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    """A `converter new` site whose _pages, _posts, _publications are academicpages-2025's, built."""
    academic = shared_or_skip("sites", "academicpages-2025")
    site = tmp_path_factory.mktemp("moved") / "site"
    assert run_converter("new", str(site)).returncode == 0
    for folder in MOVED_FOLDERS:
        shutil.rmtree(site / folder)
        shutil.copytree(academic / folder, site / folder)
    return site, run_converter("build", "-s", str(site), cwd=site)


def test_academicpages_content_builds_in_a_new_site_without_errors(moved_site):
    _, built = moved_site
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Error" not in built.stderr and "failed" not in built.stderr, built.stderr[-3000:]


def test_academicpages_content_keeps_its_urls_in_a_new_site(moved_site):
    site, built = moved_site
    assert built.returncode == 0, built.stdout + built.stderr
    reference = shared_or_skip("reference", "academicpages-2025")
    expected = {path for path in html_outputs(reference) if not path.startswith(NOT_MOVED_PREFIXES)}
    produced = html_outputs(site / "_site")
    assert len(expected) > 20
    assert sorted(expected - produced) == []


def test_new_site_under_a_baseurl_has_no_broken_links(tmp_path):
    site = tmp_path / "x"
    run_converter("new", str(site))
    config = site / "_config.yml"
    config.write_text(config.read_text().replace('baseurl: ""', 'baseurl: "/sub"'))
    doctor = run_converter("doctor", "-s", str(site))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
