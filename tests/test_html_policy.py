"""The HTML policy (plugins/html_policy) and link schemes, asserted on a real build of
tests/fixtures/sites/html_policy: one page per case, each test asserting the exact finding at
its Markdown line and that nothing refused reaches the built page.
"""

import logging
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site, fixture_copy_with_essentials
from html_policy import policy
from sitelib import schemes

SITE = "tests/fixtures/sites/html_policy"
PAGES = f"{SITE}/pages"

JS = ("is refused: a javascript: address runs code when clicked, and pages on this site never run code "
      "from content. Link to a page (https://… or /…) instead")
DATA = ("is refused: a data: address carries a whole file inside the link and can hide a page or a "
        "script. Save the file under content/ and link to it with {static}")

EXPECTED = {
    "javascript_link.md": [f'{PAGES}/javascript_link.md:3: error: the link "javascript:alert(1)" {JS}'],
    "javascript_entities.md": [
        f'{PAGES}/javascript_entities.md:3: error: the link " JaVascript:alert(1)" {JS}',
        f'{PAGES}/javascript_entities.md:3: error: the link "java\\x09script:alert(2)" {JS}',
    ],
    "vbscript_link.md": [
        f'{PAGES}/vbscript_link.md:3: error: the link "VBScript:msgbox(1)" is refused: a vbscript: '
        "address runs code when clicked, and pages on this site never run code from content. Link to "
        "a page (https://… or /…) instead"],
    "data_link.md": [
        f'{PAGES}/data_link.md:3: error: the link '
        f'"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" {DATA}'],
    "file_link.md": [
        f'{PAGES}/file_link.md:3: error: the link "file:///home/volunteer/notes.txt" is refused: a '
        "file: address points at a file on the writer's own computer, which no visitor has. Save the "
        "file under content/ and link to it with {static}"],
    "allowed_schemes.md": [],
}
MENU_LINKS = [
    f'{PAGES}/index.md:3: error: Menu_link "[Run this](JavaScript:alert(1))" is not put in the menu: '
    "a javascript: address runs code when clicked, and pages on this site never run code from content. "
    "Link to a page (https://… or /…) instead.",
    f'{PAGES}/index.md:4: error: Menu_link "[A page in a link](data:text/html,hello)" is not put in the '
    "menu: a data: address carries a whole file inside the link and can hide a page or a script. Save the "
    "file under content/ and link to it with {static}.",
]


@pytest.fixture(autouse=True)
def from_the_repository(monkeypatch):
    monkeypatch.chdir(ROOT)  # findings name files relative to the working directory


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import os

    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / "html_policy", tmp_path_factory.mktemp("html-policy") / "output")


def policy_findings(site, path):
    return [r.getMessage() for r in site.records
            if r.name.startswith("html_policy") and r.getMessage().startswith(path + ":")]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_each_refused_thing_is_reported_at_its_markdown_line(site, fixture):
    assert policy_findings(site, f"{PAGES}/{fixture}") == EXPECTED[fixture]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_nothing_refused_reaches_the_page(site, fixture):
    soup = site.soup(fixture.removesuffix(".md") + "/")
    main = soup.find("main")
    for element in main.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (fixture, element)
            if name in ("href", "src", "srcset", "action", "poster", "data"):
                for url in schemes.srcset_urls(value) if name == "srcset" else [value]:
                    assert schemes.refused_scheme(url) is None, (fixture, element)
    assert main.find_all(["script", "iframe", "object", "embed", "form", "meta", "base", "style",
                          "link", "video", "audio", "svg"]) == []


def test_allowed_schemes_are_kept(site):
    hrefs = [a["href"] for a in site.soup("allowed_schemes/").select("main .prose a")]
    assert hrefs[:7] == ["https://example.org/", "http://example.org/", "mailto:council@example.org",
                         "tel:+17074817965", "sms:741741", "/", "#top"]


def test_a_menu_link_with_a_refused_scheme_is_an_error_and_not_in_the_menu(site):
    messages = [r.getMessage() for r in site.records if r.getMessage().startswith(f"{PAGES}/index.md:")]
    assert messages == MENU_LINKS
    hrefs = [a["href"] for a in site.soup("").select(".site-nav a")]
    assert "https://www.nami.org/" in hrefs
    assert [h for h in hrefs if schemes.scheme_of(h) not in ("", "https", "http")] == []


@pytest.mark.parametrize("url, scheme", [
    ("javascript:alert(1)", "javascript"), ("JAVASCRIPT:alert(1)", "javascript"),
    (" \x01javascript:x", "javascript"), ("java\tscr\nipt:x", "javascript"),
    ("&#106;avascript:x", "javascript"), ("jav&#x61;script&colon;x", "javascript"),
    ("vbscript:x", "vbscript"), ("data:text/html,x", "data"), ("file:///etc/hosts", "file"),
    ("ftp://example.org/", "ftp"), ("https://example.org/", None), ("mailto:a@example.org", None),
    ("tel:988", None), ("sms:741741", None), ("/a/", None), ("a/b", None), ("#x", None),
    ("{filename}/pages/a.md", None),
])
def test_refused_scheme_however_it_is_written(url, scheme):
    assert schemes.refused_scheme(url, decode_entities=True) == scheme


def test_make_check_fails_on_a_refused_link(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "html_policy")
    result = subprocess.run(
        [sys.executable, "-m", "build_report", "--strict", str(content), "-o", str(tmp_path / "out"),
         "--log-handler", "plain", "-s", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "javascript_link.md:3: error: the link \"javascript:alert(1)\"" in result.stdout + result.stderr


def test_clean_is_stable():
    html = '<p>a &amp; b <a href="/x">x</a> ’ <img src="/i.png" alt="i"></p>'
    assert policy.clean(policy.clean(html)) == policy.clean(html)
