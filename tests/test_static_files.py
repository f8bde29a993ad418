"""Static files by allowlist (plugins/safe_files): only pictures and PDFs are copied from
content/; a web page, a script, a stylesheet, an XML file or a file whose inside does not match
its ending is an error at the file, is not published, and costs no other file or page."""

import os
import shutil

import pytest

from conftest import FIXTURES, ROOT, build_site
from safe_files.safe_files import type_problem

SITE = "tests/fixtures/sites/static_allowlist"
LISTED = "(.png, .jpg, .jpeg, .gif, .webp, .avif, .pdf, .svg)"
REPLACE = "Delete the file or replace it with one of those"
PAGE = ("a web page here would be published as it is, with no menu, no crisis line and nothing "
        "to stop a script in it; write it as a Markdown page in content/pages/")

EXPECTED = {
    "extra/app.js": f"a .js file is not published: only pictures and PDFs {LISTED} are copied from "
                    "content/; pages on this site never run code from content; the theme has the "
                    f"site's one script. {REPLACE}",
    "extra/feed.xml": f"a .xml file is not published: only pictures and PDFs {LISTED} are copied "
                      "from content/; an XML file can hold a web page with a script (with a "
                      "stylesheet instruction); put what it says in a Markdown page. "
                      f"{REPLACE}",
    "extra/style.css": f"a .css file is not published: only pictures and PDFs {LISTED} are copied "
                       "from content/; the theme styles every page (theme/static/); a page's own "
                       f"styles are not used. {REPLACE}",
    "images/page.htm": f"a .htm file is not published: only pictures and PDFs {LISTED} are copied "
                       f"from content/; {PAGE}. {REPLACE}",
    "images/page.html": f"a .html file is not published: only pictures and PDFs {LISTED} are "
                        f"copied from content/; {PAGE}. {REPLACE}",
    "images/page.xhtml": f"a .xhtml file is not published: only pictures and PDFs {LISTED} are "
                         f"copied from content/; {PAGE}. {REPLACE}",
    "images/script.pdf": "this PDF does more than show pages (JS: it runs a script; JavaScript: it runs a "
                         "script), so it is not published: a PDF opened from the site must not run or "
                         "open anything on its own. Print it again to PDF (File > Print > Save as PDF) "
                         "and put that copy here",
    "images/opens.pdf": "this PDF does more than show pages (URI on opening: it opens a website as soon "
                        "as the PDF is opened), so it is not published: a PDF opened from the site must "
                        "not run or open anything on its own. Print it again to PDF (File > Print > Save "
                        "as PDF) and put that copy here",
    "images/photo.png": "this file ends in .png but is not a PNG picture inside (a web page or "
                        "another file renamed?), so it is not published; open it in a picture "
                        "program and save it again as a PNG picture",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / "static_allowlist",
                      tmp_path_factory.mktemp("static-allowlist") / "output")


def test_each_file_that_is_not_a_picture_or_pdf_is_an_error_at_the_file(site):
    messages = sorted(r.getMessage() for r in site.records if r.name.startswith("safe_files"))
    assert messages == sorted(f"{SITE}/{path}:1: error: {message}"
                              for path, message in EXPECTED.items())


def test_no_refused_file_is_published_and_the_rest_of_the_site_is(site):
    for path in EXPECTED:
        assert not (site.output / path).exists(), path
        assert not (site.output / os.path.basename(path)).exists(), path
    published = [p.read_bytes() for p in site.output.rglob("*") if p.is_file()]
    assert not any(b"attacker.example" in data for data in published)
    assert (site.output / "images" / "square.png").read_bytes().startswith(b"\x89PNG")
    assert (site.output / "images" / "flyer.pdf").read_bytes().startswith(b"%PDF-")
    page = site.soup("")
    assert page.select_one('img[src$="/images/square.png"]') is not None
    assert page.select_one('a[href$="/images/flyer.pdf"]') is not None


def test_the_real_content_holds_only_published_types():
    for folder in ("images", "extra"):
        for path in (ROOT / "content" / folder).rglob("*"):
            if path.is_file():
                assert type_problem(str(path)) is None, path


def test_a_static_link_out_of_content_is_refused_and_nothing_is_written_outside_output(tmp_path):
    """{static}/../secret.png: Pelican would copy the file from outside content/ and write it
    outside the output folder, at the same ../ from it."""
    content = tmp_path / "site" / "content"
    shutil.copytree(FIXTURES / "sites" / "static_allowlist", content)
    deep = tmp_path / "elsewhere" / "deeper"
    deep.mkdir(parents=True)
    shutil.copy(content / "images" / "square.png", tmp_path / "site" / "secret.png")
    (content / "pages" / "leak.md").write_text(
        "Title: Leak\nSummary: A picture from outside.\n\n![A secret]({static}/../secret.png)\n")
    before = sorted(p for p in tmp_path.rglob("*"))
    os.chdir(tmp_path / "site")
    try:
        site = build_site(content, deep / "output")
    finally:
        os.chdir(ROOT)
    assert ("secret.png:1: error: a page links to this file with {static}, but it is outside content/, "
            "so it is not published (nothing outside content/ ever is); copy it into content/images/ "
            "and link to that copy") in site.errors
    after = sorted(p for p in tmp_path.rglob("*") if not p.is_relative_to(deep / "output"))
    assert after == before  # nothing new outside the output folder
    assert not list((deep / "output").rglob("secret.png"))
