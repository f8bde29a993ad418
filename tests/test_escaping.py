"""Escaping by default: hostile titles, summaries, menu labels, Menu_link titles and glossary
terms (tests/fixtures/sites/hostile_text) go through every place they are printed and create no
element and no attribute; titles show as the literal text that was written.
"""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, build_site

#: The one script the theme loads; anything else is an injection.
THEME_SCRIPT = "/theme/js/navigation.js"
#: Words the hostile values use as element names; none may become an element.
INJECTED_TAGS = ("svg", "img", "b", "i", "u")

EMERGENCY = "Emergency help <script>alert(1)</script>"
EMERGENCY_LABEL = "Help \"><svg onload=alert('label')>"
SECTION = "Resources <img src=x onerror=alert('section')>"
QUOTES = "Quotes \" onmouseover=\"alert('q') ' onclick='alert(2)"
GLOSSARY = "Words &lt;we&gt; use"
NEWS = "News <script>alert('news')</script> &lt;b&gt;"
HOME = 'Home <b>bold</b> & "quoted"'
LINK = "Other site <script>alert('link')</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(FIXTURES / "sites" / "hostile_text", tmp_path_factory.mktemp("hostile") / "output")


def all_pages(site):
    return [(page, BeautifulSoup(site.output.joinpath(page).read_text(encoding="utf-8"), "lxml"))
            for page in site.pages()]


def test_no_element_or_attribute_is_created_on_any_page(site):
    pages = all_pages(site)
    assert len(pages) >= 8
    for page, soup in pages:
        scripts = [s.get("src") for s in soup.find_all("script")]
        assert scripts == [THEME_SCRIPT], page
        handlers = [(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs
                    if name.lower().startswith("on")]
        assert handlers == [], page
        # An attribute only a break-out of a quoted value could have made.
        assert not soup.find_all(attrs={"alert('q')": True}), page
        main = soup.find("main")
        assert main is not None, page
        for name in INJECTED_TAGS:
            assert soup.find_all(name) == [], (page, name)


def test_titles_are_literal_text_in_every_place(site):
    emergency = site.soup("resources/emergency/")
    assert emergency.title.string == f"{EMERGENCY} | Sonoma County Peer Council"
    assert emergency.h1.get_text() == EMERGENCY
    assert emergency.find("meta", property="og:title")["content"] == EMERGENCY
    crumbs = [a.get_text() for a in emergency.select(".breadcrumbs a")]
    assert crumbs == [HOME, SECTION, EMERGENCY_LABEL]
    menu = [a.get_text() for a in emergency.select(".site-nav__sub a")]
    assert EMERGENCY_LABEL in menu and QUOTES in menu and GLOSSARY in menu
    assert LINK + " (another website)" in menu
    pager = [a.get_text(" ", strip=True) for a in emergency.select(".pager a")]
    assert pager == [f"Previous : {SECTION}", f"Next : {QUOTES}"]

    section = site.soup("resources/")
    listed = [h.get_text(" ", strip=True) for h in section.select(".section-list__title")]
    assert listed[:3] == [EMERGENCY, QUOTES, GLOSSARY]
    assert section.find("meta", attrs={"name": "description"})["content"] == \
        "Help </title><script>alert(‘entity’)</script> and more."

    quotes = site.soup("resources/quotes/")
    assert quotes.find("meta", property="og:title")["content"] == QUOTES
    assert quotes.find("meta", attrs={"name": "description"})["content"] == "What <script> does."

    news = site.soup("news/2021/hostile/")
    assert news.title.string == f"{NEWS} | Sonoma County Peer Council"
    for url in ("", "news/", "news/sonoma-county/"):
        titles = [a.get_text() for a in site.soup(url).select(".article-list__title a")]
        assert titles == [NEWS], url


def test_summaries_keep_their_markdown_but_no_markup_of_their_own(site):
    home = site.soup("")
    assert home.find("meta", attrs={"name": "description"})["content"] == "The home page of a test site."
    news = site.soup("news/2021/hostile/")
    description = news.find("meta", attrs={"name": "description"})["content"]
    assert description == "A post <img src=x onerror=alert(‘summary’)> about <things>."
    summary = site.soup("news/").select_one(".article-list__summary")
    assert summary.find("img") is None
    assert summary.get_text(strip=True) == description


def test_glossary_terms_are_text(site):
    cells = [td.get_text(" ", strip=True) for td in site.soup("resources/glossary/").select("table td")]
    assert cells == ["<script>alert('term')</script>", "<img src=x onerror=alert('alternative')>",
                     "Patient \" onclick=\"alert('attr')", "Person &amp; peer <b>bold</b>"]


def test_feed_and_sitemap_are_well_formed_with_literal_titles(site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site.output / "feeds" / "news.atom.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == [NEWS]
    for entry in entries:
        for part in ("summary", "content"):
            html = entry.find(f"{atom}{part}")
            if html is not None:
                soup = BeautifulSoup(html.text, "lxml")
                assert not soup.find_all(["script", "img", "iframe"])
                assert not [n for t in soup.find_all(True) for n in t.attrs if n.startswith("on")]
    sitemap = ET.parse(site.output / "sitemap.xml").getroot()
    assert len(sitemap) >= 8
    assert "<script" not in (site.output / "sitemap.xml").read_text(encoding="utf-8")
