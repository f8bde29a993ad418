"""The searches people make (tests/search_queries.yml), typed into the real search page in
Chromium: for each, the page people need must be among the first results (three unless the
row says ``within: 1``). The query goes through Pagefind's Component UI on the English or the
Spanish search page, with the page's own script (static/js/search.js) and policy, so this is
the ranking a visitor gets.

A row that names a page the site does not publish fails with that message rather than a
ranking: a moved or renamed page shows up here too.
"""

from pathlib import Path

import pytest
import yaml

from browser_support import Tab

TABLE = Path(__file__).resolve().parent / "search_queries.yml"
SEARCH_PAGES = {"en": "search/", "es": "es/search/"}
WITHIN = 3


def load_table(path=TABLE):
    """The rows of the table as (lang, query, page, within); a malformed row is an error that
    names its place in the file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = []
    for lang, entries in data.items():
        assert lang in SEARCH_PAGES, (
            f"{path.name}: `{lang}:` is not a language of the site's search (use "
            f"{' or '.join(f'`{k}:`' for k in SEARCH_PAGES)})")
        for number, entry in enumerate(entries or [], start=1):
            where = f"{path.name}, {lang} search {number}"
            assert isinstance(entry, dict) and {"query", "page"} <= set(entry), (
                f"{where}: write it as {{query: words people type, page: /the/page/}}")
            query, page = str(entry["query"]).strip(), str(entry["page"]).strip()
            within = entry.get("within", WITHIN)
            assert query, f"{where}: the query is empty"
            assert page.startswith("/") and page.endswith("/"), (
                f"{where}: the page `{page}` is an address of this site, starting and ending "
                "with / (e.g. /resources/emergency/)")
            assert isinstance(within, int) and within >= 1, f"{where}: `within` is a number, 1 or more"
            rows.append((lang, query, page, within))
    return rows


ROWS = load_table()

# When the summary names the query and no longer ends "…" ("Searching for 988..."), the search
# is done: it reads "5 results for 988" or "No results for 988". Then the links of the first
# results, in their order: Pagefind fills each result in as its data arrives, not in order.
FIRST_RESULTS = """
([query, wanted]) => {
  const summary = document.querySelector('pagefind-summary')?.textContent.trim() || '';
  if (!summary.includes(query) || /(\\.\\.\\.|…)$/.test(summary)) return null;
  const count = parseInt(summary, 10) || 0;
  const results = [...document.querySelectorAll('pagefind-results li.pf-result')];
  if (results.length < Math.min(count, wanted)) return null;
  const links = results.slice(0, wanted)
    .map(result => result.querySelector('.pf-result-link')?.getAttribute('href'));
  return links.every(Boolean) ? links : null;
}
"""


def test_the_table_has_twenty_searches_in_each_language():
    for lang in SEARCH_PAGES:
        assert sum(1 for row in ROWS if row[0] == lang) >= 20, lang


@pytest.fixture(scope="module")
def search_pages(browser, site_server):
    """One search page per language, kept open for every query of the module."""
    tabs = {}

    def page_for(lang):
        if lang not in tabs:
            tab = Tab(browser, site_server.url, viewport={"width": 1280, "height": 800})
            tab.goto(SEARCH_PAGES[lang]).wait_for_selector("pagefind-input input")
            tabs[lang] = tab
        return tabs[lang]

    yield page_for
    for tab in tabs.values():
        errors = list(tab.errors)
        tab.close()
        tab.assert_no_foreign_requests()
        assert errors == [], "console errors (a CSP violation is one):\n" + "\n".join(errors)


def first_results(page, query, wanted):
    box = page.locator("pagefind-input input")
    box.fill("")
    box.fill(query)
    return page.wait_for_function(FIRST_RESULTS, arg=[query, wanted]).json_value()


@pytest.mark.parametrize(("lang", "query", "page", "within"), ROWS,
                         ids=[f"{lang}-{query}" for lang, query, _, _ in ROWS])
def test_the_page_people_need_comes_first(search_pages, real_site, lang, query, page, within):
    assert real_site.file_for(page).is_file(), (
        f"tests/search_queries.yml: {query!r} expects {page}, which the site does not publish; "
        "correct the address, or move the row to the comments until the page is published")
    found = first_results(search_pages(lang).page, query, within)
    assert page in found, (
        f"searching {query!r} on /{SEARCH_PAGES[lang]} should show {page} in the first "
        f"{within}, but shows {found or 'nothing'}; add the words to that page's line in "
        "content/data/search-words.yml (see README.md, Search)")
