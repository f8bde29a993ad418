"""Safe files (plugins/safe_files): no symbolic link under content/ and no SVG that can run code
or load from elsewhere is published; each is an error naming the file (and the line)."""

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, build_site, copy_content
from safe_files import svg

SITE = "tests/fixtures/sites/safe_files"
UNTIL = "; until then the file is not published"

SVG_EXPECTED = {
    "script.svg": [f"{SITE}/images/script.svg:3: error: <script> in an SVG runs when the file is opened at "
                   f"its own address: remove it (pictures on this site never run code){UNTIL}"],
    "handler.svg": [f"{SITE}/images/handler.svg:1: error: the onload attribute on <svg> runs code when the "
                    f"file is opened at its own address: remove it{UNTIL}"],
    "remote.svg": [
        f'{SITE}/images/remote.svg:2: error: <image> loads "https://tracker.example.org/p.png" from another '
        f"website, which tells that site who looks at the picture: put what it needs into the SVG file "
        f"itself{UNTIL}",
        f'{SITE}/images/remote.svg:3: error: the address "javascript:alert(1)" is refused: a javascript: '
        "address runs code when clicked, and pages on this site never run code from content. Link to a "
        f"page (https://… or /…) instead{UNTIL}",
        f"{SITE}/images/remote.svg:4: error: the SVG's <style> loads something (@import loads a stylesheet "
        f"from elsewhere): keep every style inside the file, with no @import and no url() but url(#id){UNTIL}",
        f"{SITE}/images/remote.svg:5: error: the style attribute on <rect> loads something "
        f"(url(https://tracker.example.org/f.svg#p) loads a file): keep every style inside the file{UNTIL}",
    ],
    "foreign.svg": [f"{SITE}/images/foreign.svg:2: error: <foreignObject> puts a web page inside the picture: "
                    f"remove it and draw the content instead{UNTIL}"],
    "entity.svg": [f"{SITE}/images/entity.svg:2: error: the SVG declares entities or other rules in its "
                   "<!DOCTYPE …[ ]>, which can pull in other files or add attributes: save it again as a "
                   f'plain drawing ("Plain SVG" or "Optimized SVG" in Inkscape){UNTIL}'],
    "attlist.svg": [f"{SITE}/images/attlist.svg:1: error: the SVG declares entities or other rules in its "
                    "<!DOCTYPE …[ ]>, which can pull in other files or add attributes: save it again as a "
                    f'plain drawing ("Plain SVG" or "Optimized SVG" in Inkscape){UNTIL}'],
    "inkscape.svg": [],  # as Inkscape saves it: editor namespaces, metadata, a public DOCTYPE
    "clean.svg": [],
}


@pytest.fixture(autouse=True)
def from_the_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / "safe_files", tmp_path_factory.mktemp("safe-files") / "output")


def findings_for(site, path):
    return [r.getMessage() for r in site.records
            if r.name.startswith("safe_files") and r.getMessage().startswith(path + ":")]


@pytest.mark.parametrize("name", sorted(SVG_EXPECTED))
def test_each_unsafe_svg_is_an_error_at_its_line_and_not_published(site, name):
    assert findings_for(site, f"{SITE}/images/{name}") == SVG_EXPECTED[name]
    assert (site.output / "images" / name).exists() == (not SVG_EXPECTED[name])


def test_the_sites_own_svgs_are_clean():
    for path in list((ROOT / "content").rglob("*.svg")) + list((ROOT / "theme").rglob("*.svg")):
        assert svg.problems(path.read_bytes()) == [], path


@pytest.fixture
def linked_site(tmp_path):
    """The real content plus symbolic links to files and a folder outside it."""
    content = copy_content(tmp_path)
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text("SECRET=1\n")
    (outside / "folder" / "inside.txt").write_text("SECRET=2\n")
    (outside / "page.md").write_text("Title: Linked page\nSummary: Read through a link.\n\nSECRET=3\n")
    (content / "images").mkdir(exist_ok=True)
    os.symlink("/etc/hosts", content / "images" / "hosts.txt")
    os.symlink(outside / "secret.txt", content / "extra" / "environ")
    os.symlink(outside / "folder", content / "images" / "linked-folder")
    os.symlink(outside / "page.md", content / "pages" / "about" / "linked-page.md")
    return content, tmp_path / "output"


def test_every_symbolic_link_is_an_error_and_nothing_is_published_through_one(linked_site, monkeypatch):
    content, output = linked_site
    monkeypatch.chdir(content.parent)
    site = build_site(content, output)
    messages = [r.getMessage() for r in site.records if r.name.startswith("safe_files")]
    outside = content.parent / "outside"
    assert messages == [
        f"content/extra/environ:1: error: this is a symbolic link (to {outside}/secret.txt), not a real "
        "file, so nothing is published from it: a link can put a file from outside content/ (a password, "
        "the build machine's settings) on the website. Put a real copy here instead",
        "content/images/hosts.txt:1: error: this is a symbolic link (to /etc/hosts), not a real file, so "
        "nothing is published from it: a link can put a file from outside content/ (a password, the build "
        "machine's settings) on the website. Put a real copy here instead",
        f"content/images/linked-folder:1: error: this is a symbolic link (to {outside}/folder), not a real "
        "folder, so nothing is published from it: a link can put a file from outside content/ (a password, "
        "the build machine's settings) on the website. Put a real copy here instead",
        f"content/pages/about/linked-page.md:1: error: this is a symbolic link (to {outside}/page.md), not a "
        "real file, so nothing is published from it: a link can put a file from outside content/ (a "
        "password, the build machine's settings) on the website. Put a real copy here instead",
    ]
    published = [p.read_bytes() for p in output.rglob("*") if p.is_file()]
    assert not any(b"SECRET=" in data for data in published)
    assert not (output / "images" / "hosts.txt").exists()
    assert not (output / "environ").exists() and not (output / "extra" / "environ").exists()
    assert not (output / "images" / "linked-folder").exists()
    assert not (output / "about" / "linked-page").exists()


def test_make_check_fails_on_a_symbolic_link(linked_site):
    content, output = linked_site
    result = subprocess.run(
        [sys.executable, "-m", "build_report", "--strict", str(content), "-o", str(output),
         "--log-handler", "plain", "-s", str(ROOT / "pelicanconf.py")],
        cwd=content.parent, capture_output=True, text=True)
    assert result.returncode != 0
    assert "content/images/hosts.txt:1: error: this is a symbolic link" in result.stdout + result.stderr
