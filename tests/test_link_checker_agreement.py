"""The link checker agrees with browsers and the HTML standard (and with html-proofer's and
lychee's fixtures): one named file of tests/fixtures/links_agreement per case, each asserting
its exact findings (or none)."""

import os

import pytest

from conftest import FIXTURES, ROOT
from pelican.plugins.link_checker import Site, validate
from pelican.plugins.link_checker.extract import srcset_urls

HTML = "tests/fixtures/links_agreement"

EXPECTED = {
    # A data: URL holds commas; the standard ends a srcset URL at whitespace, not at a comma.
    "srcset_data_url.html": [],
    # Every <img> needs alt, also one given only srcset.
    "img_srcset_no_alt.html": [
        f'{HTML}/img_srcset_no_alt.html:9: error: the image "/images/dot.svg" has no alt text: add '
        'alt="what the image shows" (in Markdown, ![what the image shows](…)), or alt="" if it is only '
        "decoration",
    ],
    "img_no_source.html": [
        f"{HTML}/img_no_source.html:9: error: the image has no address (neither src nor srcset), so it "
        "shows nothing: give it the picture, ![what it shows]({static}/images/name.jpg), or remove it",
    ],
    # Relative links are read from <base href>, as browsers read them.
    "base_href.html": [
        f'{HTML}/base_href.html:9: error: the link "missing.html" leads to a page that does not exist: '
        "nothing is published at /sub/missing.html (an address without a leading / is read from the "
        "page's <base href>, /sub/). Check the address, or link to the page's Markdown file with {filename}",
    ],
    # id="caf%C3%A9" is reached by #caf%C3%A9 as written; "100%" is no escape at all.
    "fragment_as_written.html": [],
    # Browsers fetch a stylesheet, not a canonical, license or alternate link.
    "link_rel_http.html": [
        f'{HTML}/link_rel_http.html:6: warning: the link "http://example.org/page/" is not encrypted '
        '(http): use "https://example.org/page/" if the site offers it',
        f'{HTML}/link_rel_http.html:7: warning: the link "http://creativecommons.org/licenses/by/4.0/" is '
        'not encrypted (http): use "https://creativecommons.org/licenses/by/4.0/" if the site offers it',
        f'{HTML}/link_rel_http.html:8: warning: the link "http://example.org/feed.xml" is not encrypted '
        '(http): use "https://example.org/feed.xml" if the site offers it',
        f'{HTML}/link_rel_http.html:9: error: the file "http://example.org/site.css" would load over plain '
        'http, which browsers block on a secure (https) site: use "https://example.org/site.css"',
    ],
    # dns-prefetch and preconnect name an origin, written //host by design.
    "preconnect.html": [],
    # "," is a pause and ";" a wait in a dialled number.
    "tel_pause.html": [],
}


@pytest.fixture(scope="module")
def result():
    os.chdir(ROOT)
    return validate(Site(output=str(FIXTURES / "links_agreement")))


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_each_case_is_reported_exactly(result, fixture):
    assert [str(f) for f in result.findings if f.path == f"{HTML}/{fixture}"] == EXPECTED[fixture]


def test_no_other_findings(result):
    assert {f.path for f in result.findings} == {f"{HTML}/{name}" for name, e in EXPECTED.items() if e}


@pytest.mark.parametrize("value, urls", [
    ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
    ("data:image/png;base64,iVBO,AAAA 1x, b.png 2x", ["data:image/png;base64,iVBO,AAAA", "b.png"]),
    ("a.png,b.png", ["a.png,b.png"]),  # no whitespace: one URL that ends in ",b.png"
    ("a.png, b.png", ["a.png", "b.png"]),
    ("a.png,, b.png 2x,", ["a.png", "b.png"]),
    ("  a.png  100w (x, y) , b.png", ["a.png", "b.png"]),
    ("", []),
])
def test_srcset_is_split_by_the_html_rules(value, urls):
    assert srcset_urls(value) == urls
