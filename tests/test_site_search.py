"""Site search (plugins/site_search): the A–Z list, the search page, Pagefind's index.

Real builds: the real content (``real_site``) for what the search page lists and links, and
which pages Pagefind is told to index. The browser half is test_site_search_browser.py.
"""

import json
from types import SimpleNamespace

from site_search import a_to_z
from site_search.site_search import collect

SEARCH_PAGE = "search/index.html"
SEARCH_PAGES = {"en": SEARCH_PAGE, "es": "es/search/index.html"}
PAGEFIND_SCRIPT = "/pagefind/pagefind-component-ui.js"


def test_a_to_z_groups_by_first_letter_ignoring_case_accents_and_quotes():
    entries = [a_to_z.Entry(title, f"/{n}/") for n, title in enumerate(
        ["emergency help", "Émergence", "988 starts", "“Peer” voices", "About", "zebra"])]

    letters = a_to_z.group(entries)

    assert [(letter.letter, [e.title for e in letter.entries]) for letter in letters] == [
        ("#", ["988 starts"]),
        ("A", ["About"]),
        ("E", ["Émergence", "emergency help"]),
        ("P", ["“Peer” voices"]),
        ("Z", ["zebra"]),
    ]
    assert [letter.anchor for letter in letters] == ["a-z-other", "a-z-a", "a-z-e", "a-z-p", "a-z-z"]


def _item(title, url, lang=None, template="page", summary=""):
    return SimpleNamespace(title=title, url=url, lang=lang, template=template, summary=summary)


def test_each_language_gets_its_own_search_page_and_list():
    pages = [_item("Search", "search/", template="search"), _item("Buscar", "es/search/", "es", "search"),
             _item("Emergency help", "resources/emergency/"), _item("Ayuda urgente", "es/resources/emergency/", "es"),
             _item("Only in English", "only/")]
    generators = [SimpleNamespace(pages=pages)]

    search = collect(generators, {"SITEURL": "https://example.org", "DEFAULT_LANG": "en"})

    assert search.url_for("en") == "https://example.org/search/"
    assert search.url_for("es") == "https://example.org/es/search/"
    assert search.url_for("fr") == "https://example.org/search/"  # no French page: the default's
    assert [e.url for letter in search.a_to_z("es") for e in letter.entries] == [
        "https://example.org/es/resources/emergency/"]
    assert [e.title for letter in search.a_to_z("en") for e in letter.entries] == [
        "Emergency help", "Only in English"]


def test_without_a_search_page_there_is_no_search_link():
    search = collect([SimpleNamespace(pages=[_item("Home", "")])], {"SITEURL": "", "DEFAULT_LANG": "en"})
    assert search.url_for("en") == ""


def test_only_the_search_page_loads_pagefind(real_site):
    loading = [path for path in real_site.pages()
               if real_site.soup(path).find("script", src=PAGEFIND_SCRIPT)]
    assert loading == sorted(SEARCH_PAGES.values())
    head = real_site.soup(SEARCH_PAGE).head
    assert head.find("link", rel="stylesheet", href="/pagefind/pagefind-component-ui.css")
    assert head.find("script", src=PAGEFIND_SCRIPT).has_attr("defer")


def test_every_page_links_to_the_search_page_of_its_language_from_its_header(real_site):
    wrong = []
    for path in real_site.pages():
        soup = real_site.soup(path)
        expected = "/" + SEARCH_PAGES.get(soup.html["lang"], SEARCH_PAGE).removesuffix("index.html")
        link = soup.select_one("header .site-header__search a")
        if link is None or link["href"] != expected:
            wrong.append(path)
    assert wrong == []
    assert real_site.soup("es/").select_one(".site-header__search a").get_text() == "Buscar"


def test_content_pages_are_indexed_and_the_search_and_404_pages_are_not(real_site):
    indexed = {path for path in real_site.pages()
               if real_site.soup(path).find("main", attrs={"data-pagefind-body": True})}
    assert "index.html" in indexed
    assert "resources/emergency/index.html" in indexed
    assert "news/2020/sb-803-signed/index.html" in indexed
    assert not indexed & set(SEARCH_PAGES.values())
    assert "404.html" not in indexed
    # What pages repeat (the section list, the pager, "Last updated") is not indexed.
    page = real_site.soup("resources/index.html")
    assert page.select_one("main .section-list").has_attr("data-pagefind-ignore")


def indexed_by_language(site):
    pages = {}
    for path in site.pages():
        soup = site.soup(path)
        if soup.find("main", attrs={"data-pagefind-body": True}):
            pages.setdefault(soup.html["lang"], set()).add("/" + path.removesuffix("index.html"))
    return pages


def test_the_a_to_z_list_holds_every_indexed_page_of_its_language_with_its_summary(real_site):
    indexed = indexed_by_language(real_site)
    assert sorted(indexed) == ["en", "es"]
    for lang, search_page in SEARCH_PAGES.items():
        soup = real_site.soup(search_page)
        assert {a["href"] for a in soup.select(".a-to-z__entry > a")} == indexed[lang], lang
    soup = real_site.soup(SEARCH_PAGE)
    emergency = soup.select_one('.a-to-z__entry > a[href="/resources/emergency/"]').parent
    assert emergency.select_one(".a-to-z__summary p").get_text(strip=True)
    letters = [a.get_text() for a in soup.select(".a-to-z__letters a")]
    assert letters == sorted(letters) and len(letters) == len(soup.select(".a-to-z__letter"))
    spanish = real_site.soup(SEARCH_PAGES["es"])
    assert spanish.select_one('.a-to-z__entry > a[href="/es/resources/emergency/"]')
    assert spanish.select_one("#a-to-z-heading").get_text() == "Todas las páginas, de la A a la Z"


def test_pagefind_wrote_one_index_per_language(real_site):
    entry = json.loads((real_site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["en", "es"]
    for lang, search_page in SEARCH_PAGES.items():
        assert entry["languages"][lang]["page_count"] == len(
            real_site.soup(search_page).select(".a-to-z__entry")), lang


def test_the_link_checker_covers_the_search_page(real_site, tmp_path):
    """The search page's links to Pagefind's files are checked like any other link."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    copy = tmp_path / "site"
    shutil.copytree(real_site.output, copy)
    (copy / "pagefind" / "pagefind-component-ui.js").unlink()
    result = subprocess.run([sys.executable, "-m", "pelican.plugins.link_checker", "--settings",
                             str(ROOT / "pelicanconf.py"), str(copy)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    errors = sorted(line for line in result.stdout.splitlines() if ": error: " in line)
    assert len(errors) == 2, result.stdout  # the English and the Spanish search page
    assert all('"/pagefind/pagefind-component-ui.js"' in error for error in errors)
    assert "es/search/index.html" in errors[0] and "/search/index.html" in errors[1]
