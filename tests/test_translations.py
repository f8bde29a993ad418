"""Translations (plugins/translations): one fixture site per mistake, each built for real and
asserted on its exact message and line; a bilingual fixture for the pairing, the alternates,
the switcher and the per-language menus; the to-do lists of `make check`; and the pure core."""

import datetime
import logging
import os
import shutil
import subprocess

import pytest
from lxml import etree

from conftest import FIXTURES, build_site
from translations import core
from translations.sitemap import correct_alternates

SITES = FIXTURES / "sites"
PREFIX = "tests/fixtures/sites"

# One fixture per mistake: (fixture, the logger that reports it, the exact error).
MISTAKES = {
    "missing_original": (
        "translations",
        f"{PREFIX}/translations_missing_original/pages/vivienda.es.md:1: error: this file's name "
        f"makes it a translation of {PREFIX}/translations_missing_original/pages/vivienda.md, "
        'which does not exist; give it the name of the page it translates with ".es" before '
        '".md", or, for a page only in this language, name it vivienda.md and add the line '
        "`Lang: es`"),
    "missing_target": (
        "translations",
        f"{PREFIX}/translations_missing_target/pages/vivienda.md:3: error: `Translation_of` names "
        f"{PREFIX}/translations_missing_target/pages/housing.md, which does not exist; write the "
        "path of the page this one translates, as it is under content/, e.g. "
        "`Translation_of: pages/resources/emergency.md`"),
    "two_versions": (
        "translations",
        f"{PREFIX}/translations_two_versions/pages/vivienda.md:3: error: this file and "
        f"{PREFIX}/translations_two_versions/pages/housing-help.es.md are both the es version of "
        f"{PREFIX}/translations_two_versions/pages/housing-help.md, and a page can have one "
        "version per language; keep one file (move any text you need into it) and delete the "
        "other"),
    "unknown_language": (
        "translations",
        f"{PREFIX}/translations_unknown_language/pages/housing-help.fr.md:1: error: the language "
        '"fr" in this file\'s name is not one this site has: its languages are en (English), '
        'es (Español). If the page is in one of them, rename the file to end in ".es.md"; for '
        'a new language, add "fr" to LANGUAGES in pelicanconf.py with a theme/strings/fr.yml'),
    "unknown_lang_field": (
        "front_matter",
        f"{PREFIX}/translations_unknown_lang_field/pages/housing-help.md:2: error: \"fr\" is not "
        "a known `Lang`; write one of: en, es"),
    "translation_of_english": (
        "translations",
        f"{PREFIX}/translations_translation_of_english/pages/housing.md:3: error: "
        "`Translation_of` is for a translation, but this page is in the site's own language "
        "(en); add a line like `Lang: es`, or delete the `Translation_of` line"),
}


def messages_of(site, logger):
    return [r.getMessage() for r in site.records
            if r.name.startswith(logger) and r.levelno >= logging.WARNING]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sites = {}

    def build(name, **overrides):
        key = (name, tuple(sorted(overrides.items())))
        if key not in sites:
            output = tmp_path_factory.mktemp(f"translations_{name}") / "output"
            sites[key] = build_site(SITES / f"translations_{name}", output, **overrides)
        return sites[key]

    return build


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_translation_mistake_is_one_error_at_its_line(built, mistake):
    logger, expected = MISTAKES[mistake]
    site = built(mistake)
    assert messages_of(site, "translations") == ([expected] if logger == "translations" else [])
    assert expected in site.errors
    for message in site.messages():
        assert "Traceback" not in message and not message.startswith("Skipping"), message


def test_a_clean_bilingual_site_has_no_translation_findings(built):
    site = built("clean")
    assert messages_of(site, "translations") == []
    assert messages_of(site, "front_matter") == []
    assert messages_of(site, "pelican.plugins.nested_navigation") == []


def test_lang_es_publishes_the_page_under_es_instead_of_dropping_it(built):
    site = built("clean")
    soup = site.soup("es/solo-en-espanol/")
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text(strip=True) == "Solo en español"
    # A page only in Spanish is in the Spanish menu, and in no English one.
    assert soup.select_one(".site-nav").find("a", href="/es/solo-en-espanol/")
    assert not site.soup("").select_one(".site-nav").find("a", href="/es/solo-en-espanol/")
    # ... and has no switcher or alternates: it has no counterpart.
    assert soup.select_one(".language-switcher") is None
    assert soup.find("link", hreflang=True) is None


def test_file_name_and_translation_of_both_pair_a_translation(built):
    site = built("clean")
    for english, spanish, title in (("housing-help/", "es/housing-help/", "Ayuda con la vivienda"),
                                    ("food/", "es/food/", "Comida"), ("", "es/", "Inicio")):
        soup = site.soup(spanish)
        assert soup.h1.get_text(strip=True) == title
        switch = soup.select_one(".language-switcher").find_all("a")
        assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in switch] == [
            (f"/{english}", "en", "en", "English")]
        back = site.soup(english).select_one(".language-switcher").find_all("a")
        assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in back] == [
            (f"/{spanish}", "es", "es", "Español")]


def test_alternates_are_reciprocal_with_self_and_x_default(built):
    site = built("clean")
    pairs = {"housing-help/": "es/housing-help/", "food/": "es/food/", "": "es/"}
    for english, spanish in pairs.items():
        expected = {("en", f"/{english}"), ("es", f"/{spanish}"), ("x-default", f"/{english}")}
        for url in (english, spanish):
            links = site.soup(url).find_all("link", rel="alternate", hreflang=True)
            assert {(link["hreflang"], link["href"]) for link in links} == expected, url
    assert site.soup("work/").find("link", hreflang=True) is None


def test_alternates_are_absolute_when_siteurl_is_set(built):
    site = built("clean", SITEURL="https://peers.example.org")
    links = site.soup("es/food/").find_all("link", rel="alternate", hreflang=True)
    assert {link["href"] for link in links} == {"https://peers.example.org/food/",
                                                "https://peers.example.org/es/food/"}
    assert site.soup("food/").find("link", hreflang="x-default")["href"] == \
        "https://peers.example.org/food/"


def test_the_sitemap_lists_valid_alternates(built):
    site = built("clean")
    xml = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert " ref=" not in xml
    root = etree.fromstring(xml.encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    found = {}
    for url in root.findall("s:url", ns):
        found[url.findtext("s:loc", namespaces=ns)] = sorted(
            (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", ns))
    expected = [("en", "/food/"), ("es", "/es/food/"), ("x-default", "/food/")]
    assert found["/food/"] == expected and found["/es/food/"] == expected
    assert found["/work/"] == []


def test_one_menu_per_language_with_untranslated_pages_marked(built):
    site = built("clean")
    spanish = site.soup("es/housing-help/").select_one(".site-nav")
    links = {a["href"]: a for a in spanish.select("a")}
    assert links["/es/"].get_text(strip=True) == "Inicio"
    assert "lang" not in links["/es/housing-help/"].attrs
    work = links["/work/"]  # not translated: the English page, marked
    assert work["lang"] == "en" and work["hreflang"] == "en"
    marker = work.find("span", class_="in-other-language")
    assert marker.get_text() == "(en inglés)" and marker["lang"] == "es"
    english = site.soup("housing-help/").select_one(".site-nav")
    assert english.find("a", href="/housing-help/") and not english.find("a", href="/es/housing-help/")
    assert "(en inglés)" not in english.get_text() and not english.find("a", lang=True)


def test_breadcrumbs_and_pager_follow_the_language(built):
    site = built("clean")
    soup = site.soup("es/housing-help/")
    crumbs = [a.get_text(" ", strip=True) for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Inicio", "Ayuda con la vivienda"]
    assert soup.select_one(".breadcrumbs")["aria-label"] == "Ruta de navegación"
    assert soup.select_one(".skip-link").get_text() == "Ir al contenido principal"


def _git(folder, *args, date):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


def test_make_check_lists_pages_to_translate_and_outdated_translations(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "translations_clean", content)
    _git(content, "init", "-q", date="2026-01-01T12:00:00+00:00")
    _git(content, "add", "-A", date="2026-01-01T12:00:00+00:00")
    _git(content, "commit", "-qm", "first", date="2026-01-01T12:00:00+00:00")
    # The English original changes after its translation did.
    page = content / "pages" / "housing-help.md"
    page.write_text(page.read_text() + "\nMore housing help.\n")
    _git(content, "commit", "-qam", "more", date="2026-03-05T12:00:00+00:00")
    site = build_site(content, tmp_path / "output", BUILD_REPORT={"full": True})
    sections = site.report.sections
    shown = "content/pages"  # as the build shows a file outside the working directory
    assert sections["To translate (not an error): 1 page has no version in es (Español) yet:"] \
        == [f"{shown}/work.md:1: note: no es version yet"]
    assert sections["Translations to update: the original changed after the translation:"] == [
        f"{shown}/housing-help.es.md:1: note: {shown}/housing-help.md changed on 2026-03-05, "
        "after this translation was last changed (2026-01-01); bring the changes across"]


# The pure core.

def test_name_language_and_original():
    assert core.name_language("pages/resources/emergency.es.md") == "es"
    assert core.name_language("pages/resources/emergency.md") is None
    assert core.original_by_name("pages/about/index.es.md") == "pages/about/index.md"
    assert core.normalise_target("{filename}/pages/a.md") == "pages/a.md"
    assert core.normalise_target("content/pages/a.md") == "pages/a.md"


def test_an_unknown_language_is_told_the_sites_languages_whatever_they_are():
    """The message names the code written and the languages LANGUAGES has, not "Spanish"."""
    languages = {"en": "English", "es": "Español", "fr": "Français"}
    by_name = core.Record(path="pages/vivienda.de.md", shown="content/pages/vivienda.de.md",
                          lang="de", slug="vivienda")
    by_field = core.Record(path="pages/vivienda.md", shown="content/pages/vivienda.md", lang="pt",
                           slug="vivienda", lang_line=3)
    found = core.check([by_name, by_field], languages, "en", exists=lambda p: True, shown_of=str)
    assert [str(f) for f in found] == [
        'content/pages/vivienda.de.md:1: error: the language "de" in this file\'s name is not one '
        "this site has: its languages are en (English), es (Español), fr (Français). If the page is "
        'in one of them, rename the file to end in ".es.md" or ".fr.md"; for a new language, add '
        '"de" to LANGUAGES in pelicanconf.py with a theme/strings/de.yml',
        'content/pages/vivienda.md:3: error: the language "pt" in this file\'s front matter is not '
        "one this site has: its languages are en (English), es (Español), fr (Français). If the "
        "page is in one of them, write `Lang: en` or `Lang: es` or `Lang: fr`; for a new "
        'language, add "pt" to LANGUAGES in pelicanconf.py with a theme/strings/pt.yml']
    assert not any("Spanish" in f.message for f in found)


def test_alternates_put_the_original_first_then_the_order_of_the_languages():
    languages = {"en": "English", "fr": "Français", "es": "Español"}
    assert core.alternates([("es", "es/a/"), ("fr", "fr/a/"), ("en", "a/")], languages,
                           "en", "https://x.org/") == [
        ("en", "English", "https://x.org/a/"), ("fr", "Français", "https://x.org/fr/a/"),
        ("es", "Español", "https://x.org/es/a/")]


def test_stale_needs_both_dates():
    old, new = datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 1)
    assert core.stale([("t", "o", old, new), ("t2", "o2", new, old), ("t3", "o3", None, new)]) == [
        ("t", "o", old, new)]


def test_correct_alternates_replaces_the_plugins_links():
    xml = (b'<?xml version="1.0" encoding="utf-8"?><urlset xmlns:xhtml="http://www.w3.org/1999/xhtml" '
           b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a/</loc>'
           b'<xhtml:link rel="alternate" hreflang="es" ref="/es/a/"/></url></urlset>')
    out = correct_alternates(xml, {"/a/": [("en", "/a/"), ("es", "/es/a/"), ("x-default", "/a/")]})
    assert b"ref=" not in out.replace(b"href=", b"")
    assert out.count(b"<xhtml:link") == 3 and b'hreflang="x-default" href="/a/"' in out
