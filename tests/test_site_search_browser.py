"""The search page in Chromium: Pagefind's Component UI under the page's own strict
Content-Security-Policy (its <meta>, from plugins/security_policy, with what site_search.CSP_EXTRA
adds for this page only), from the keyboard, with axe; and the A–Z list with JavaScript off.
A CSP violation is a console error, and any console error fails these tests.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import NARROWEST, PHONE, Tab
from site_search.site_search import CSP_EXTRA
from test_accessibility import AXE_OPTIONS, describe


@pytest.fixture
def tab(browser, site_server):
    tabs = []

    def open_(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        opened = Tab(browser, site_server.url, **options)
        tabs.append(opened)
        return opened

    yield open_
    for opened in tabs:
        assert opened.errors == [], "console errors (a CSP violation is one):\n" + "\n".join(opened.errors)
        opened.close()
        opened.assert_no_foreign_requests()


def test_only_the_search_page_policy_allows_what_pagefind_needs(real_site):
    def policy(path):
        meta = real_site.soup(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        return {part.split()[0]: part.split()[1:] for part in meta["content"].split("; ")}

    search, home = policy("search/index.html"), policy("index.html")
    for directive, sources in CSP_EXTRA.items():
        assert set(sources) <= set(search[directive]), directive
    assert "'wasm-unsafe-eval'" not in home["script-src"] and "worker-src" not in home
    assert "'unsafe-inline'" not in search["script-src"] + search["style-src"]


# Every text the live regions are given, as the search runs (they are cleared afterwards).
RECORD_ANNOUNCEMENTS = """
() => {
  window.announced = [];
  new MutationObserver(() => {
    for (const region of document.querySelectorAll('[aria-live]')) {
      const text = region.textContent.trim();
      if (text) window.announced.push(text);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def search(page, words):
    page.wait_for_selector("pagefind-input input")
    page.evaluate(RECORD_ANNOUNCEMENTS)
    page.get_by_role("searchbox", name="Search this site").fill(words)
    page.wait_for_selector("pagefind-results .pf-result-link")
    return page


def test_searching_peer_support_finds_the_peer_support_pages_and_follows_the_first(tab):
    page = search(tab().goto("search/"), "peer support")

    links = page.locator("pagefind-results .pf-result-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(min(links.count(), 3))]
    assert hrefs[0] == "/resources/peer-support/"
    assert "/history/sonoma-county/" in hrefs
    summary = page.locator("pagefind-summary").inner_text()
    assert "results for peer support" in summary
    page.wait_for_function("() => window.announced.some(t => /results? for peer support/.test(t))")

    # The keyboard: from the box, Tab leaves the clear button, then reaches the first result.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused == "/resources/peer-support/"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/resources/peer-support/")
    assert page.locator("h1").inner_text() == "Peer Support Specialists"


def test_searching_apoyo_on_the_spanish_page_finds_spanish_pages_in_spanish(tab):
    page = tab().goto("es/search/")
    page.wait_for_selector("pagefind-input input")
    page.evaluate(RECORD_ANNOUNCEMENTS)
    box = page.get_by_role("searchbox")
    box.fill("apoyo")
    page.wait_for_selector("pagefind-results .pf-result-link")
    links = page.locator("pagefind-results .pf-result-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith("/es/") for href in hrefs), hrefs
    assert "/es/resources/peer-support/" in hrefs
    assert page.locator("html").get_attribute("lang") == "es"
    assert "apoyo" in page.locator("pagefind-summary").inner_text()
    with page.expect_navigation():
        links.first.click()
    assert "/es/" in page.url and page.locator("html").get_attribute("lang") == "es"


def test_the_spanish_search_page_speaks_spanish_before_and_after_a_search(tab):
    # Pagefind's words come from its own Spanish translation (pagefind-config lang="es"): the
    # box, its label, its hint and the clear button, then the summary of the results.
    page = tab().goto("es/search/")
    box = page.get_by_role("searchbox", name="Buscar en este sitio")
    box.wait_for()
    assert box.get_attribute("placeholder") == "Buscar"
    clear = page.locator("pagefind-input .pf-input-clear")
    assert clear.inner_text() == "Limpiar"
    widget = page.locator(".site-search")
    box.fill("pares")
    page.wait_for_selector("pagefind-results .pf-result-link")
    assert "resultados" in page.locator("pagefind-summary").inner_text()
    english = {"Search", "Clear", "results", "Results will appear as you type", "Search this site"}
    shown = widget.inner_text() + " " + " ".join(
        widget.evaluate("w => [...w.querySelectorAll('[aria-label],[placeholder],[title]')]"
                        ".map(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder'),"
                        " e.getAttribute('title')].join(' '))"))
    assert not [word for word in english if f" {word} " in f" {shown} "], shown


@pytest.mark.parametrize(("path", "words", "first"), [
    ("search/?q=crisis", "crisis", "/resources/emergency/"),
    ("es/search/?q=suicidio", "suicidio", "/es/resources/emergency/"),
])
def test_a_search_in_the_address_runs_as_if_typed(tab, path, words, first):
    # The 404 page's search box is a plain form that sends ?q= to the search page.
    page = tab().goto(path)
    page.wait_for_selector("pagefind-results .pf-result-link")
    assert page.locator("pagefind-input input").input_value() == words
    assert words in page.locator("pagefind-summary").inner_text()
    page.wait_for_function("(href) => document.querySelector('pagefind-results li.pf-result .pf-result-link')"
                           "?.getAttribute('href') === href", arg=first)


def test_searching_a_glossary_term_finds_the_glossary_and_follows_it(tab):
    page = search(tab().goto("search/"), "recovery-oriented language")
    first = page.locator("pagefind-results .pf-result-link").first
    assert first.get_attribute("href") == "/resources/recovery-language/"
    with page.expect_navigation():
        first.click()
    assert page.locator("h1").inner_text() == "Recovery-oriented language"
    assert page.locator("table.glossary").is_visible()


def test_the_search_link_in_the_header_leads_to_the_search_box(tab):
    page = tab().goto("resources/emergency/")
    with page.expect_navigation():
        page.locator(".site-header__search a").click()
    page.wait_for_selector("pagefind-input input")
    assert page.get_by_role("searchbox", name="Search this site").is_visible()


def test_without_javascript_the_search_page_lists_every_page_a_to_z(tab, real_site):
    page = tab(java_script_enabled=False).goto("search/")
    assert page.locator(".site-search__no-script").is_visible()
    entries = page.locator(".a-to-z__entry > a")
    assert entries.count() == real_site.soup("search/index.html").select(".a-to-z__entry").__len__()
    assert entries.count() > 20
    emergency = page.locator('.a-to-z__entry > a[href="/resources/emergency/"]')
    assert emergency.is_visible()
    page.locator('.a-to-z__letters a[href="#a-z-e"]').click()
    assert page.url.endswith("#a-z-e")


def test_results_on_the_narrowest_phone_are_in_the_site_type_and_not_cut_to_one_line(tab):
    page = search(tab(viewport=NARROWEST).goto("search/"), "peer support")
    page.wait_for_selector("pagefind-results .pf-result-excerpt")
    excerpt = page.locator("pagefind-results .pf-result-excerpt").first
    style = excerpt.evaluate("e => { const s = getComputedStyle(e); return {font: s.fontFamily,"
                             " size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight),"
                             " overflow: s.textOverflow, width: e.scrollWidth - e.clientWidth}; }")
    body_font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert style["font"] == body_font
    assert style["size"] >= 16 and style["overflow"] != "ellipsis"
    assert excerpt.bounding_box()["height"] > 2 * style["line"], "the excerpt shows one line only"
    assert style["width"] <= 0, "the excerpt is wider than its box"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= NARROWEST["width"]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_axe_violations_on_the_search_page_with_results(tab, color_scheme, viewport):
    options = {"color_scheme": color_scheme}
    if viewport:
        options["viewport"] = viewport
    page = search(tab(**options).goto("search/"), "peer support")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, "\n".join(describe(v) for v in results.response["violations"])
