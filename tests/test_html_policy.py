"""The HTML policy (plugins/html_policy) and link schemes, asserted on a real build of
tests/fixtures/sites/html_policy: one page per case, each test asserting the exact finding at
its Markdown line and that nothing refused reaches the built page.
"""

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, build_site, fixture_copy_with_essentials
from html_policy import html_policy, policy
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
EXPECTED.update({
    "attribute_list.md": [
        f'{PAGES}/attribute_list.md:4: error: <p onclick="alert(1)">: the onclick attribute runs code in '
        "the reader's browser, and pages on this site never run code from content: remove it",
    ],
    "base_href.md": [
        f'{PAGES}/base_href.md:3: error: <base href="https://example.org/"> changes where every link of '
        'the page leads: remove it and write each link in full',
    ],
    "data_image.md": [
        f'{PAGES}/data_image.md:3: error: the image "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" is '
        'refused: a data: address carries a whole file inside the link and can hide a page or a script. '
        'Save the file under content/ and link to it with {static}',
    ],
    "event_handler.md": [
        f'{PAGES}/event_handler.md:3: error: <img src="{{static}}/images/dot.svg" alt="A dot" '
        'onerror="alert(1)">: the onerror attribute runs code in the reader\'s browser, and pages on this '
        'site never run code from content: remove it',
        f'{PAGES}/event_handler.md:5: error: <details ontoggle="alert(2)">: the ontoggle attribute runs '
        "code in the reader's browser, and pages on this site never run code from content: remove it",
    ],
    "form_remote.md": [
        f'{PAGES}/form_remote.md:3: error: <form action="https://collect.example.org/signup" '
        'method="post"> is a form, which would send what a reader types somewhere: link to the form on '
        'the site that runs it instead',
        f'{PAGES}/form_remote.md:3: error: <input name="email"> is a form field: link to the form on the '
        'site that runs it instead',
        f'{PAGES}/form_remote.md:3: error: <button> is a form button: link to the form on the site that '
        'runs it instead',
    ],
    "iframe_video.md": [
        f'{PAGES}/iframe_video.md:5: error: <iframe width="560" height="315" '
        'src="https://www.youtube.com/embed/abc123" all…> embeds another website in the page, which loads'
        ' that site (and lets it follow visitors) when the page opens: link to it instead, e.g. [Watch '
        'the video](https://…)',
    ],
    "link_stylesheet.md": [
        f'{PAGES}/link_stylesheet.md:3: error: <link rel="stylesheet" '
        'href="https://fonts.example.org/font.css"> loads a file (a stylesheet, a font) from inside a '
        'page: remove it; the theme loads everything a page needs',
    ],
    "meta_refresh.md": [
        f'{PAGES}/meta_refresh.md:3: error: <meta http-equiv="refresh" content="0; '
        'url=https://example.org/"> can redirect readers or change how the page loads: remove it (to send'
        ' readers to another page, link to it)',
    ],
    "object_embed.md": [
        f'{PAGES}/object_embed.md:3: error: <object data="https://example.org/flash.swf"> embeds another '
        'website in the page, which loads that site (and lets it follow visitors) when the page opens: '
        'link to it instead, e.g. [Watch the video](https://…)',
        f'{PAGES}/object_embed.md:5: error: <embed src="https://example.org/movie.swf"> embeds another '
        'website in the page, which loads that site (and lets it follow visitors) when the page opens: '
        'link to it instead, e.g. [Watch the video](https://…)',
    ],
    "remote_image.md": [
        f'{PAGES}/remote_image.md:3: error: the image "https://tracker.example.org/pixel.gif" loads an '
        'image from another website, which tells that site who reads this page (and may change or '
        'vanish): save the image under content/images and show it with ![what it '
        'shows]({static}/images/name.jpg)',
        f'{PAGES}/remote_image.md:5: error: the image "//tracker.example.org/p.gif" loads an image from '
        'another website, which tells that site who reads this page (and may change or vanish): save the '
        'image under content/images and show it with ![what it shows]({static}/images/name.jpg)',
        f'{PAGES}/remote_image.md:7: error: the image "https://cdn.example.org/a.webp" loads an image from'
        ' another website, which tells that site who reads this page (and may change or vanish): save the'
        ' image under content/images and show it with ![what it shows]({static}/images/name.jpg)',
    ],
    "script_inline.md": [
        f'{PAGES}/script_inline.md:5: error: <script> is a script, and pages on this site never run code '
        'from content (the site must work without it and promises readers it runs nothing they did not '
        'ask for): remove it; ask for a theme change if a page needs something interactive',
    ],
    "script_remote.md": [
        f'{PAGES}/script_remote.md:3: error: <script src="https://cdn.example.com/widget.js"> is a script,'
        ' and pages on this site never run code from content (the site must work without it and promises '
        'readers it runs nothing they did not ask for): remove it; ask for a theme change if a page needs'
        ' something interactive',
    ],
    "style_attribute.md": [
        f'{PAGES}/style_attribute.md:3: error: <p style="background-image: '
        'url(\'https://tracker.example.org/p.gif\')">: the style attribute loads a file (url(…)) and '
        "changes the site's look from inside a page: remove it; for a picture use ![what it "
        'shows]({static}/images/name.jpg)',
        f'{PAGES}/style_attribute.md:5: error: <p style="color: red">: the style attribute is blocked by '
        "the site's Content-Security-Policy, so it would do nothing: remove it; the theme styles every "
        'page, so ask for a theme change if something needs a different look',
    ],
    "style_element.md": [
        f"{PAGES}/style_element.md:3: error: <style> changes the site's look from inside a page (and may "
        'load files from elsewhere): remove it; the theme styles every page, so ask for a theme change '
        'instead',
    ],
    "summary_html.md": [
        f'{PAGES}/summary_html.md:2: error: <script> is a script, and pages on this site never run code '
        'from content (the site must work without it and promises readers it runs nothing they did not '
        'ask for): remove it; ask for a theme change if a page needs something interactive',
    ],
    "unknown_element.md": [
        f'{PAGES}/unknown_element.md:3: warning: <marquee> is not among the HTML elements a page may use '
        '(tables, <details>, <abbr>, images from this site and the like), so it is left out of the '
        'published page: use Markdown or one of those instead',
        f'{PAGES}/unknown_element.md:5: warning: <div align="center" data-x="1">: the align attribute is '
        'not among those a page may use, so it is left out of the published page: remove it',
        f'{PAGES}/unknown_element.md:5: warning: <div align="center" data-x="1">: the data-x attribute is '
        'not among those a page may use, so it is left out of the published page: remove it',
    ],
    "allowed_html.md": [],
})

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


def test_allowed_html_is_published_as_written(site):
    main = site.soup("allowed_html/").find("main")
    assert main.find("table").find("caption").get_text() == "Meetings"
    assert main.find("details").find("summary").find("abbr")["title"] == "Mental Health Services Act"
    assert [img["src"] for img in main.find_all("img")] == ["/images/dot.svg", "/images/dot.svg"]
    assert [td.get("align") for td in main.find_all("table")[1].find_all("td")] == ["left", "right"]
    assert main.select("sup a[href='#fn:1']")


def test_the_summary_is_cleaned_before_any_template_sees_it(site):
    soup = site.soup("summary_html/")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "A summary that runs code."
    assert "alert(1)" not in site.html("summary_html/")


def test_a_remote_image_is_left_out_and_a_local_one_kept(site):
    main = site.soup("remote_image/").find("main")
    assert [img.get("src") for img in main.find_all("img")] == ["/images/dot.svg"]
    assert main.find("source") is None and main.find("picture") is not None


def test_clean_is_stable():
    html = '<p>a &amp; b <a href="/x">x</a> ’ <img src="/i.png" alt="i"></p>'
    assert policy.clean(policy.clean(html)) == policy.clean(html)


def test_clean_remembers_within_a_build_and_forgets_after_it(monkeypatch):
    """The same HTML is cleaned once per build (issue 22): a page's body when Pelican reads it and
    again when its template prints it. The memory goes at the end of each build (finalized)."""
    calls = []
    real = policy._CLEANER

    class Counting:
        def clean(self, html):
            calls.append(html)
            return real.clean(html)

    monkeypatch.setattr(policy, "_CLEANER", Counting())
    policy.forget()
    html = '<p onclick="x()">a <a href="/x">x</a></p>'
    first = policy.clean(html)
    assert policy.clean(html) == first == real.clean(html)
    assert calls == [html]
    html_policy.forget_cleaned(None)
    assert policy.clean(html) == first and calls == [html, html]
    policy.forget()


def test_the_link_checkers_plain_http_image_is_refused_here_at_its_line(tmp_path):
    site = build_site(FIXTURES / "sites" / "links_broken", tmp_path / "output")
    path = "tests/fixtures/sites/links_broken/pages/plain_http.md"
    assert policy_findings(site, path) == [
        f'{path}:5: error: the image "http://example.org/dot.png" loads an image from another website, '
        "which tells that site who reads this page (and may change or vanish): save the image under "
        "content/images and show it with ![what it shows]({static}/images/name.jpg)"]
    assert "example.org/dot.png" not in site.html("plain_http/")
