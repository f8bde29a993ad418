"""The Spanish edition of the real site: every /es/ page in Spanish around its text (lang, the
theme's words, crisis strip, menu), paired both ways with its English page, and the listed pages
translated. The browser tests (axe), the 14 KB budget and the link checker walk every built page,
so they cover the Spanish pages too: test_the_spanish_pages_are_among_the_built_pages keeps it so."""

import re

import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, url_of

STRINGS = ROOT / "theme" / "strings"
EN = yaml.safe_load((STRINGS / "en.yml").read_text(encoding="utf-8"))
ES = yaml.safe_load((STRINGS / "es.yml").read_text(encoding="utf-8"))

#: The pages issue 13 asks for in Spanish: (English address, Spanish address).
TRANSLATED = {
    "": "es/",
    "resources/emergency/": "es/resources/emergency/",
    "resources/recovery-language/": "es/resources/recovery-language/",
    "about/welcome/": "es/about/welcome/",
    "resources/peer-support/": "es/resources/peer-support/",
    "about/get-involved/": "es/about/get-involved/",
}


def spanish_pages(site):
    return [p for p in site.pages() if p.startswith("es/")]


def test_es_yml_translates_every_key_of_en_yml():
    assert set(EN) <= set(ES), f"missing in es.yml: {sorted(set(EN) - set(ES))}"
    assert len(ES["months"]) == 12


def test_the_spanish_pages_are_among_the_built_pages(real_site):
    pages = set(real_site.pages())
    for spanish in TRANSLATED.values():
        assert spanish + "index.html" in pages


def test_every_page_says_its_language(real_site):
    for path in real_site.pages():
        lang = "es" if path.startswith("es/") else "en"
        assert real_site.soup(url_of(path)).html["lang"] == lang, path


def test_the_listed_pages_are_translated_and_paired_both_ways(real_site):
    for english, spanish in TRANSLATED.items():
        expected = {("en", f"/{english}"), ("es", f"/{spanish}"), ("x-default", f"/{english}")}
        for url, other, other_lang, name in ((english, spanish, "es", "Español"),
                                             (spanish, english, "en", "English")):
            soup = real_site.soup(url)
            links = soup.find_all("link", rel="alternate", hreflang=True)
            assert {(link["hreflang"], link["href"]) for link in links} == expected, url
            switch = soup.select_one(".language-switcher").find_all("a")
            assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in switch] == [
                (f"/{other}", other_lang, other_lang, name)], url


def test_every_alternate_is_reciprocal(real_site):
    sets = {}
    for path in real_site.pages():
        links = real_site.soup(url_of(path)).find_all("link", rel="alternate", hreflang=True)
        if links:
            sets["/" + url_of(path)] = {(link["hreflang"], link["href"]) for link in links}
    assert sets
    for url, alternates in sets.items():
        assert any(href == url for _, href in alternates), f"{url} does not name itself"
        assert sum(1 for lang, _ in alternates if lang == "x-default") == 1, url
        for _, href in alternates:
            assert sets.get(href) == alternates, f"{url} -> {href} is not reciprocal"


def test_spanish_crisis_strip_and_menu_on_every_spanish_page(real_site):
    for path in spanish_pages(real_site):
        soup = real_site.soup(url_of(path))
        strip = soup.select_one(".crisis-strip")
        text = " ".join(strip.get_text().split())
        assert strip["aria-label"] == ES["crisis_label"], path
        for key in ("crisis_lead", "crisis_988", "crisis_text"):
            assert ES[key] in text, (path, key)
        assert strip.find("a", href="/es/resources/emergency/"), path
        nav = soup.select_one(".site-nav")
        assert nav["aria-label"] == ES["main_nav"], path
        first = nav.select_one(".site-nav__link")
        assert (first["href"], first.get_text(strip=True)) == ("/es/", "Inicio"), path
        # Every link to a page not in Spanish says so, in lang and in words.
        for link in nav.find_all("a", href=True):
            if link["href"].startswith("/es/"):
                assert "lang" not in link.attrs, (path, link)
            else:
                assert link.get("hreflang") == "en", (path, link)
                assert "(en inglés)" in link.get_text() or "site-nav__more" in link.get("class", []), (path, link)


#: Keys whose words are a date's or a time's parts ("Tuesday", "November", "pm"): looked for in
#: the dates the theme writes (<time>), not in the page's own text, where a Spanish author may
#: name "The Saturday Evening Post".
DATE_KEYS = {"months", "weekdays", "event_am_pm"}
#: Keys that are not words shown to a reader: a format, or the word a text message starts with.
NOT_SHOWN = {"date_format", "crisis_text_body", "crisis_988_text_body"}


def _phrases(value):
    """The fixed phrases of one string: lists and mappings item by item, each split at its
    placeholders ("%s", "{day}"). A whole string counts from three letters ("Más"); a piece
    between placeholders from four, so that "The" of "The {ordinal} {weekday} …" does not."""
    if isinstance(value, dict):
        value = list(value.values())
    for item in value if isinstance(value, list) else [value]:
        parts = re.split(r"%s|\{\w*\}", str(item))
        for part in parts:
            part = part.strip(" ,.:;()")
            if len(part) > (2 if len(parts) == 1 else 3):
                yield part


def _theme_words(strings, keys=None):
    """Every fixed phrase of a strings file, or of its ``keys`` only."""
    for key, value in strings.items():
        if key not in NOT_SHOWN and (keys is None or key in keys):
            yield from _phrases(value)


def english_theme_words():
    """(phrases, date words): the English theme strings that the Spanish ones do not share,
    derived from en.yml, so a string added there is checked from then on."""
    spanish = set(_theme_words(ES))
    phrases = [w for w in _theme_words(EN, set(EN) - DATE_KEYS) if w not in spanish]
    dates = [w for w in _theme_words(EN, DATE_KEYS) if w not in spanish]
    return phrases, dates


def english_on_page(soup):
    """The English theme strings a Spanish page shows: in its visible text (the <title> too),
    in the attributes a reader meets (title, aria-label, placeholder, alt) or in its <meta>
    content, and, for the words of a date, in the dates it writes. What is marked lang="en" (a
    link to a page that is only in English, said to be so) and a bare address are left out."""
    phrases, dates = english_theme_words()
    for element in soup.select("[lang=en]"):
        element.decompose()
    for link in soup.find_all("a", href=True):  # a bare address shows its own words
        if link.get_text(strip=True) == link["href"]:
            link.decompose()
    for hidden in soup.find_all(["script", "style"]):
        hidden.decompose()
    text = " ".join(soup.get_text(" ").split())
    attributes = " ".join(str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items()
                          if k in ("aria-label", "title", "alt", "placeholder", "content"))
    times = " ".join(time.get_text(" ") for time in soup.find_all("time"))
    found = []
    for words, where in ((phrases, text), (phrases, attributes), (dates, times)):
        for phrase in words:
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", where):
                found.append(phrase)
    return found


def test_the_list_of_english_theme_strings_comes_from_en_yml():
    phrases, dates = english_theme_words()
    assert {"Skip to main content", "A diverse, collaborative learning community",
            "Sonoma County Peer Council", "Every Tuesday", "first"} <= set(phrases)
    assert {"November", "Tuesday"} <= set(dates)


def test_no_english_theme_string_on_a_spanish_page(real_site):
    found = {path: english_on_page(real_site.soup(url_of(path))) for path in spanish_pages(real_site)}
    assert not {path: words for path, words in found.items() if words}


def test_the_check_finds_english_in_text_attributes_and_dates():
    soup = BeautifulSoup('<html lang="es"><title>Inicio | Sonoma County Peer Council</title>'
                         '<input placeholder="Search"><p><time>martes 5 November 2027</time></p>'
                         '<a href="/x/" lang="en">Menu</a></html>', "lxml")
    assert set(english_on_page(soup)) == {"Sonoma County Peer Council", "Search", "November"}


def test_the_spanish_header_links_home_in_spanish_and_titles_are_spanish(real_site):
    for path in spanish_pages(real_site):
        soup = real_site.soup(url_of(path))
        name = soup.select_one(".site-header__name a")
        assert (name["href"], name.get_text()) == ("/es/", ES["site_name"]), path
        assert soup.select_one(".site-header__tagline").get_text() == ES["tagline"], path
        assert soup.title.get_text().endswith(ES["site_name"]) or soup.title.get_text().startswith(
            ES["site_name"]), path
    home = real_site.soup("es/")
    assert home.title.get_text() == f"{ES['site_name']}: {ES['tagline']}"
    assert real_site.soup("").select_one(".site-header__name a")["href"] == "/"


def test_english_news_on_a_spanish_page_is_marked_and_said_to_be_english(real_site):
    for url in ("es/", "es/news/"):
        items = real_site.soup(url).select(".article-list__item")
        assert items, url
        for item in items:
            link = item.select_one(".article-list__title a")
            assert link["lang"] == "en" and link["hreflang"] == "en", url
            assert item.select_one(".in-other-language").get_text() == ES["in_other_language"], url
            assert item.select_one(".article-list__summary")["lang"] == "en", url
    more = real_site.soup("es/").select_one(".latest-news > p a")
    assert (more["href"], more.get_text()) == ("/es/news/", ES["all_news"])


def test_dates_are_in_spanish_on_spanish_pages(real_site):
    months = "|".join(ES["months"])
    for spanish in TRANSLATED.values():
        stamp = real_site.soup(spanish).select_one(".page-meta time").get_text()
        assert re.fullmatch(rf"\d{{1,2}} de ({months}) de \d{{4}}", stamp), stamp


def test_the_spanish_glossary_shows_the_spanish_pairs(real_site):
    table = real_site.soup("es/resources/recovery-language/").select_one("table.glossary")
    assert table.caption.get_text() == ES["glossary_caption"]
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody td")]
    assert "Enfermo mental, enferma mental" in cells
    assert "Es una persona con esquizofrenia" in cells
    assert "Mentally ill" not in cells


def test_the_spanish_emergency_page_links_the_spanish_options(real_site):
    # Its facts (988's option 2, AYUDA, 442-AYUDAME) are Keep lines of emergency.es.md.
    soup = real_site.soup("es/resources/emergency/")
    hrefs = {a["href"] for a in soup.select_one("main").find_all("a", href=True)}
    assert {"tel:988", "sms:988?body=AYUDA", "sms:741741?body=AYUDA", "tel:911", "tel:+18007468181"} <= hrefs
    sources = soup.find("h2", id="fuentes") or soup.find("h2", string="Fuentes")
    assert sources is not None
    hrefs = [a["href"] for a in sources.find_next("ul").find_all("a")]
    assert "https://988lifeline.org/get-help/what-to-expect/" in hrefs
    assert any("crisistextline.org" in href for href in hrefs)


def test_no_spanish_feed_without_spanish_news(real_site):
    assert not (real_site.output / "feeds" / "news.es.atom.xml").exists()
    for path in spanish_pages(real_site):
        assert real_site.soup(url_of(path)).find("link", type="application/atom+xml") is None, path


def test_the_sitemap_lists_each_pair_with_valid_links(real_site):
    root = etree.fromstring((real_site.output / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    found = {url.findtext("s:loc", namespaces=ns): {(link.get("hreflang"), link.get("href"))
                                                    for link in url.findall("x:link", ns)}
             for url in root.findall("s:url", ns)}
    for english, spanish in TRANSLATED.items():
        expected = {("en", f"/{english}"), ("es", f"/{spanish}"), ("x-default", f"/{english}")}
        assert found[f"/{english}"] == expected and found[f"/{spanish}"] == expected


def test_the_404_page_speaks_both_languages(real_site):
    soup = real_site.soup("404.html")
    spanish = soup.select_one('main [lang="es"]')
    assert spanish is not None and soup.select_one('main a[href="/es/"]')
