"""Crisis help within one tap on any screen (issue 20), in Chromium, on every page of the real
site in both languages:

* at 320 x 568 (a small phone) each page's <h1> starts within the first 260 px, the footer
  offers 988 (call and text), the county's 24/7 line and 911 as tel:/sms: links, no
  Content-Security-Policy is violated and axe-core finds nothing (test_accessibility.py runs axe
  at 1280 x 800 and 375 x 740, in both colour schemes);
* at 1280 x 800 the footer's crisis links are there and shown too;
* the county's crisis line is on the first screen of the Emergency page, in both languages;
* the glossary's cells start on the line of their term, and a long address written out wraps
  inside the page.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import DESKTOP
from test_accessibility import AXE_OPTIONS, describe
from test_security_policy import RECORD_VIOLATIONS

SMALL_PHONE = {"width": 320, "height": 568}
#: Where the <h1> must start at the latest on a 320 x 568 screen: under the crisis strip, the
#: site's name, the menu button with the language and search links, and the breadcrumbs.
H1_LIMIT = 260
#: The crisis links every footer has: 988 to call and to text, the county's 24/7 line (which
#: can send a mobile crisis team), 911.
FOOTER_LINKS = ("tel:988", "sms:988", "tel:+18007468181", "tel:911")
COUNTY_LINE = "tel:+18007468181"

PAGE_STATE_JS = """
(links) => {
  const h1 = document.querySelector('main h1');
  const footer = document.querySelector('footer');
  const shown = (a) => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden';
  const hrefs = [...footer.querySelectorAll('a[href]')].filter(shown).map((a) => a.getAttribute('href'));
  return {
    h1Top: h1 ? h1.getBoundingClientRect().top : null,
    missing: links.filter((link) => !hrefs.some((href) => href === link || href.startsWith(link + '?'))),
  };
}
"""


def _tab(open_tab, viewport):
    tab = open_tab(viewport=viewport)
    tab.context.add_init_script(RECORD_VIOLATIONS)
    return tab


def _violations(tab, page):
    page.wait_for_timeout(20)  # the event is queued as a task after the load
    return page.evaluate("window.__cspViolations") + [e for e in tab.errors if "Content Security Policy" in e]


def test_every_page_at_320_by_568_heading_footer_policy_and_axe(real_site, open_tab):
    pages = real_site.pages()
    assert any(p.startswith("es/") for p in pages) and "index.html" in pages
    tab = _tab(open_tab, SMALL_PHONE)
    axe = Axe()
    problems = {}
    for path in pages:
        page = tab.goto_built(path)
        state = page.evaluate(PAGE_STATE_JS, list(FOOTER_LINKS))
        why = []
        if state["h1Top"] is None:
            why.append("no <h1> in <main>")
        elif state["h1Top"] > H1_LIMIT:
            why.append(f"the <h1> starts at {state['h1Top']:.0f} px (at most {H1_LIMIT})")
        if state["missing"]:
            why.append(f"the footer lacks {state['missing']}")
        violations = _violations(tab, page)
        if violations:
            why.append(f"Content-Security-Policy violated: {violations}")
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            why += [describe(v) for v in results.response["violations"]]
        tab.errors.clear()
        if why:
            problems[path] = why
    assert not problems, "at 320 x 568:\n" + "\n".join(
        f"  {path}: {line}" for path, lines in problems.items() for line in lines)


def test_every_footer_shows_the_crisis_links_on_a_desktop(real_site, open_tab):
    tab = _tab(open_tab, DESKTOP)
    problems = {}
    for path in real_site.pages():
        page = tab.goto_built(path)
        state = page.evaluate(PAGE_STATE_JS, list(FOOTER_LINKS))
        violations = _violations(tab, page)
        if state["missing"] or violations:
            problems[path] = (state["missing"], violations)
    assert not problems, problems


@pytest.mark.parametrize("url", ["resources/emergency/", "es/resources/emergency/"])
@pytest.mark.parametrize("viewport", [SMALL_PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_county_line_is_on_the_first_screen_of_the_emergency_page(open_tab, url, viewport):
    """The county's 24/7 line (the one that can send a mobile crisis team) in the page's own
    text, above the fold: not only in the footer, several screens down."""
    page = open_tab(viewport=viewport).goto(url)
    tops = page.evaluate("""(href) => [...document.querySelectorAll(`main a[href="${href}"]`)]
        .filter((a) => a.getClientRects().length).map((a) => a.getBoundingClientRect().top)""", COUNTY_LINE)
    assert tops, f"/{url}: no {COUNTY_LINE} link in the page's text"
    assert min(tops) < viewport["height"], (
        f"/{url}: the county line's first link is at {min(tops):.0f} px, below the first "
        f"{viewport['height']} px")


def test_glossary_cells_start_on_the_line_of_their_term_on_a_phone(open_tab):
    for url in ("resources/recovery-language/", "es/resources/recovery-language/"):
        page = open_tab(viewport=SMALL_PHONE).goto(url)
        offsets = page.evaluate("""() => [...document.querySelectorAll('table.glossary tbody tr')]
            .map((row) => {
              const [term, words] = row.querySelectorAll('td');
              const first = words.querySelector('li') || words;
              const textTop = (el) => { const r = document.createRange(); r.selectNodeContents(el);
                                        return r.getClientRects()[0].top; };
              return Math.abs(textTop(first) - textTop(term));
            })""")
        assert offsets and max(offsets) < 4, f"/{url}: a cell starts {max(offsets):.0f} px below its term"


def test_a_long_address_wraps_inside_the_page_on_a_phone(open_tab):
    """The sources' raw addresses break where they must, not past the page's edge."""
    page = open_tab(viewport=SMALL_PHONE).goto("es/resources/emergency/")
    widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('main a[href^="http"]')]
        .map((a) => a.getBoundingClientRect().right))""")
    assert widest <= SMALL_PHONE["width"]
