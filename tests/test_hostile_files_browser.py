"""A hostile page, hostile SVGs and web pages of every kind under content/: each is refused at
its file (or line), none is published, and Chromium, opening the built site and the address of
every refused file, sends no request to another host. The same files opened straight from the
fixture folder do reach another host, so the test would see a file that slipped through."""

import os

import pytest

from browser_support import SiteServer, Tab
from conftest import FIXTURES, ROOT, build_site

NAME = "hostile_files"
SITE = f"tests/fixtures/sites/{NAME}"
#: Every file of the fixture that must be refused, with the line its error is at.
REFUSED = {
    "images/iframe.svg": 2,  # an XHTML <iframe srcdoc> whose script would run with the site's origin
    "images/img.svg": 2,  # an XHTML <img> from another host
    "images/stylesheet.svg": 2,  # <?xml-stylesheet?> from another host
    "images/refresh.svg": 2,  # an XHTML <meta http-equiv=refresh>
    "images/escaped-import.svg": 2,  # @\69mport, u\72l(…), URL(//…)
    "images/script.svg": 2,
    "images/page.html": 1,
    "images/page.htm": 1,
    "images/page.xhtml": 1,
    "images/photo.png": 1,  # a web page named .png
    "extra/feed.xml": 1,
}


UNTIL = "; until then the file is not published"
XHTML = ("is a web page (XHTML) element, not an SVG one: inside a picture it can load other sites or run "
         f"code; remove it and draw the content instead{UNTIL}")
#: The SVGs the issue found passing the old check, each with its exact message.
SVG_MESSAGES = [
    f"{SITE}/images/iframe.svg:2: error: <iframe> {XHTML}",
    f"{SITE}/images/img.svg:2: error: <img> {XHTML}",
    f"{SITE}/images/refresh.svg:2: error: <meta> {XHTML}",
    f"{SITE}/images/stylesheet.svg:2: error: <?xml-stylesheet …?> tells the browser to load or run "
    f"something with the picture (a stylesheet from elsewhere): remove the line{UNTIL}",
    f"{SITE}/images/escaped-import.svg:2: error: the SVG's <style> loads something (@import loads a "
    f"stylesheet from elsewhere): keep every style inside the file, with no @import and no url() but "
    f"url(#id){UNTIL}",
    f"{SITE}/images/escaped-import.svg:3: error: the style attribute on <circle> loads something "
    f"(url(https://attacker.example/g) loads a file): keep every style inside the file{UNTIL}",
    f"{SITE}/images/escaped-import.svg:4: error: the fill attribute on <rect> loads something "
    f"(url(//attacker.example/h#p) loads a file): point only inside the file, like url(#gradient){UNTIL}",
    f"{SITE}/images/script.svg:2: error: <script> in an SVG runs when the file is opened at its own "
    f"address: remove it (pictures on this site never run code){UNTIL}",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / NAME, tmp_path_factory.mktemp("hostile") / "output")


def test_each_hostile_svg_gets_its_exact_message(site):
    assert sorted(r.getMessage() for r in site.records
                  if r.name.startswith("safe_files") and ".svg:" in r.getMessage()) == sorted(SVG_MESSAGES)


def test_every_hostile_file_is_an_error_at_its_file_and_not_published(site):
    errors = [r.getMessage() for r in site.records if r.name.startswith("safe_files")]
    for path, line in REFUSED.items():
        assert any(e.startswith(f"{SITE}/{path}:{line}: error: ") for e in errors), path
        assert not (site.output / path).exists(), path
    assert (site.output / "images" / "drawing.svg").exists()
    assert site.soup("").select_one('img[src$="/images/drawing.svg"]') is not None
    hostile = site.soup("hostile/")
    assert "The text stays." in hostile.get_text()
    assert not any(b"attacker.example" in p.read_bytes()
                   for p in site.output.rglob("*") if p.is_file() and p.suffix != ".html")


def test_chromium_opens_the_built_site_and_every_refused_address_with_no_request_elsewhere(
        site, browser):
    with SiteServer(site.output) as server:
        tab = Tab(browser, server.url)
        try:
            tab.goto("")
            tab.goto("hostile/")
            tab.goto("images/drawing.svg")
            for path in REFUSED:
                tab.goto(path, expect_status=404)
                tab.goto(os.path.basename(path), expect_status=404)
            tab.page.wait_for_timeout(300)  # a refresh or a late fetch would be recorded by now
            tab.assert_no_foreign_requests()
        finally:
            tab.close()


@pytest.mark.parametrize("path", sorted(p for p in REFUSED if not p.endswith(".png")))
def test_each_refused_file_would_reach_another_host_if_it_were_published(browser, path):
    """The control: served as they are, the files do what the checks refuse them for."""
    with SiteServer(FIXTURES / "sites" / NAME) as server:
        tab = Tab(browser, server.url)
        try:
            tab.page.goto(tab.url(path), wait_until="load")
            tab.page.wait_for_timeout(300)
            assert tab.foreign_requests(), f"{path} asked no other host when served as it is"
        finally:
            tab.close()
