"""The real site in a real browser (Chromium): keyboard use, phones, print, JavaScript off.

Every page is served on 127.0.0.1 and loaded in Chromium; every load is checked for requests to
other hosts (see browser_support.py). Screenshots of the home page go to tests/artifacts/.
"""

from urllib.parse import urldefrag, urlsplit

import pytest

from browser_support import DESKTOP, MISSING_PAGE, NARROWEST, PHONE
from conftest import ROOT, url_of

ARTIFACTS = ROOT / "tests" / "artifacts"

# Everything a pointer can aim at.
TARGETS = ("a[href], button, summary, input:not([type=hidden]), select, textarea, "
           "[role=button], [tabindex]:not([tabindex='-1'])")

UNDERSIZED_TARGETS_JS = """
(selector) => {
  // WCAG 2.5.8 Target Size (Minimum): 24 x 24 CSS px, except a target inside a sentence,
  // whose size is set by the line height of the text around it.
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith('inline')) node = node.parentElement;
    return node;
  };
  const words = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = blockOf(el);
    return block !== null && words(block).length > words(el).length;
  };
  const undersized = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
    if (box.width <= 1 && box.height <= 1) continue;  // visually hidden until focused
    if (box.width >= 24 && box.height >= 24) continue;
    if (inSentence(el)) continue;
    undersized.push(`${el.outerHTML.slice(0, 100)} is ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px`);
  }
  return undersized;
}
"""

WIDER_THAN_VIEWPORT_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 && getComputedStyle(el).position !== 'absolute') {
      culprits.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round(box.right)} px`);
    }
  }
  return culprits.slice(0, 5);
}
"""

VISIBLE_LINKS_JS = """
() => [...document.querySelectorAll('a[href]')]
  .filter((a) => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden')
  .map((a) => a.href)
"""


def focused(page):
    """A short description of the element that has keyboard focus."""
    return page.evaluate("""() => {
      const el = document.activeElement;
      return el ? {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                   href: el.getAttribute('href'), text: el.textContent.trim().slice(0, 60)} : null;
    }""")


def tab_stops(page, limit=200):
    """Every element Tab reaches, in order, from the top of the page until focus leaves it."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None or element["tag"] == "body" or element in stops[:1]:
            break
        stops.append(element)
    return stops


# ---- Skip link --------------------------------------------------------------------------------

@pytest.mark.parametrize("url_path", ["", "resources/emergency/"])
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(open_tab, url_path):
    page = open_tab().goto(url_path)
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["cls"] == "skip-link" and first["href"] == "#main-content", first
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24, f"the focused skip link is not on screen: {box}"

    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main-content"
    assert urlsplit(page.url).fragment == "main-content"
    # The next Tab continues from the main content, past the crisis strip and the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


# ---- The menu, by keyboard (WAI-ARIA APG disclosure navigation) -------------------------------

def tab_to(page, selector, limit=100):
    """Press Tab until the focused element matches ``selector``; return that element (a handle
    that keeps pointing at it when focus moves on). Fail if Tab never reaches one."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.evaluate_handle("() => document.activeElement").as_element()
    raise AssertionError(f"Tab never reached {selector}")


def controlled_list(page, button):
    return page.locator(f"#{button.get_attribute('aria-controls')}")


def test_menu_drop_downs_open_with_enter_and_space_and_close_with_escape(open_tab):
    page = open_tab(viewport=DESKTOP).goto("")
    buttons = page.locator("nav.site-nav .site-nav__button")
    assert buttons.count() >= 3, "expected a drop-down button for each menu section"
    for index in range(buttons.count()):
        controls = buttons.nth(index).get_attribute("aria-controls")
        button = tab_to(page, f".site-nav__button[aria-controls='{controls}']")
        sub_list = controlled_list(page, button)
        label = button.get_attribute("aria-label")
        assert button.get_attribute("aria-expanded") == "false", label
        assert not sub_list.is_visible(), f"{label}: open before it was asked"

        page.keyboard.press("Enter" if index % 2 == 0 else "Space")
        assert button.get_attribute("aria-expanded") == "true", label
        assert sub_list.is_visible(), f"{label}: aria-expanded is true but the list is hidden"
        # The list follows its button, so Tab goes into it.
        page.keyboard.press("Tab")
        assert page.evaluate("(list) => list.contains(document.activeElement)", sub_list.element_handle()), label

        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false", label
        assert not sub_list.is_visible(), f"{label}: still shown after Escape"
        assert page.evaluate("(b) => document.activeElement === b", button), (
            f"{label}: Escape did not return focus to its button")


def test_menu_drop_down_toggles_with_space_and_links_inside_are_followable(open_tab):
    tab = open_tab(viewport=DESKTOP)
    page = tab.goto("")
    button = tab_to(page, ".site-nav__button")
    sub_list = controlled_list(page, button)
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "true" and sub_list.is_visible()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false" and not sub_list.is_visible()

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == href
    tab.assert_no_foreign_requests(href)


def test_phone_menu_button_opens_and_closes_the_menu(open_tab):
    page = open_tab(viewport=PHONE).goto("")
    toggle = page.locator("nav.site-nav .nav-toggle")
    menu = page.locator("nav.site-nav .site-nav__list")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Menu"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible(), "the menu should wait behind its button on a phone"
    box = toggle.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    for link in menu.locator(":scope > li > a").all():
        assert link.is_visible(), link.get_attribute("href")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()

    # By keyboard: Enter opens it, Escape closes it and leaves focus on "Menu".
    focused_toggle = tab_to(page, ".nav-toggle")
    page.keyboard.press("Enter")
    assert focused_toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    tab_to(page, ".site-nav__link")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert page.evaluate("(t) => document.activeElement === t", focused_toggle)


def test_phone_menu_opens_a_second_section_with_one_tap(open_tab):
    page = open_tab(viewport=PHONE, has_touch=True, is_mobile=True).goto("")
    page.locator(".nav-toggle").tap()
    buttons = page.locator(".site-nav__button")
    buttons.nth(0).tap()
    buttons.nth(1).tap()
    assert buttons.nth(1).get_attribute("aria-expanded") == "true"
    assert buttons.nth(0).get_attribute("aria-expanded") == "false"


def test_phone_menu_open_with_a_drop_down_fits_in_320_px(open_tab):
    page = open_tab(viewport=NARROWEST).goto("")
    page.locator(".nav-toggle").click()
    page.locator(".site-nav__button").first.click()
    assert page.locator(".site-nav__sub").first.is_visible()
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll_width <= client_width, "; ".join(page.evaluate(WIDER_THAN_VIEWPORT_JS))


# ---- Layout: phones, narrow screens -----------------------------------------------------------

LAYOUT_SHIFT_JS = """
() => new Promise((resolve) => {
  new PerformanceObserver((list) => resolve(list.getEntries().filter((e) => !e.hadRecentInput)
      .reduce((sum, e) => sum + e.value, 0))).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(0), 1000);  // no shift at all: the observer never calls back
})
"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_page_does_not_jump_when_the_menu_script_runs(open_tab, viewport):
    """A slow connection paints the page before navigation.js arrives; when it runs, nothing
    that was painted may move (cumulative layout shift under 0.1, Web Vitals' "good")."""
    tab = open_tab(viewport=viewport)
    held = []

    def hold(route):  # every script waits until the page has painted
        held.append(route)

    tab.context.route("**/*.js", hold)
    page = tab.page
    page.goto(tab.url(""), wait_until="commit")
    page.wait_for_function(
        "() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint')")
    assert held, "the page asked for no script: nothing arrives late"
    tab.context.unroute("**/*.js")
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    tab.assert_no_foreign_requests()
    shift = page.evaluate(LAYOUT_SHIFT_JS)
    assert shift < 0.1, f"cumulative layout shift {shift:.3f} when the menu script ran"


def test_no_horizontal_scroll_at_320_px_on_any_page(real_site, open_tab):
    tab = open_tab(viewport=NARROWEST)
    wide = {}
    for path in real_site.pages():
        page = tab.goto_built(path)
        scroll_width, client_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll_width > client_width:
            wide[path] = f"{scroll_width} px wide in a {client_width} px window: " + "; ".join(
                page.evaluate(WIDER_THAN_VIEWPORT_JS))
    assert not wide, "pages that scroll sideways at 320 px:\n" + "\n".join(
        f"  {path}: {why}" for path, why in wide.items())


SMALL_PHONE = {"width": 320, "height": 568}

FIRST_SCREEN_JS = """
() => {
  const strip = document.querySelector('.crisis-strip');
  const line = strip.querySelector('p');
  const h1 = document.querySelector('main h1');
  const firstAfterSkip = document.querySelector('.skip-link').nextElementSibling;
  const links = [...strip.querySelectorAll('a')].filter((a) => a.getClientRects().length > 0);
  return {
    stripFirst: firstAfterSkip === strip,
    stripTop: strip.getBoundingClientRect().top,
    lineHeight: parseFloat(getComputedStyle(line).lineHeight),
    lineBox: line.getBoundingClientRect().height - parseFloat(getComputedStyle(line).paddingTop)
             - parseFloat(getComputedStyle(line).paddingBottom),
    lineOverflow: line.scrollWidth - line.clientWidth,
    links: links.map((a) => a.getAttribute('href')),
    h1Top: h1.getBoundingClientRect().top,
  };
}
"""


def test_crisis_strip_is_one_line_and_the_heading_is_on_the_first_screen_at_320_by_568(real_site, open_tab):
    """On a small phone the crisis strip stays first and in its place but takes one line, so the
    page's own <h1> starts within the first 568 px (the whole first screen of a 320 x 568 phone)."""
    tab = open_tab(viewport=SMALL_PHONE)
    problems = {}
    for path in real_site.pages():
        if path == "404.html" or not real_site.soup(url_of(path)).select_one("main h1"):
            continue
        state = tab.goto_built(path).evaluate(FIRST_SCREEN_JS)
        why = []
        if not state["stripFirst"] or state["stripTop"] != 0:
            why.append("the crisis strip is not first, at the top")
        if state["lineBox"] > 1.5 * state["lineHeight"] or state["lineOverflow"] > 0:
            why.append(f"the crisis strip is not one line ({state['lineBox']:.0f} px high, "
                       f"{state['lineOverflow']} px cut off)")
        if state["links"][:2] != ["tel:988", "tel:911"] or len(state["links"]) != 3:
            why.append(f"the crisis strip shows {state['links']}, expected 988, 911 and more help")
        if state["h1Top"] >= SMALL_PHONE["height"]:
            why.append(f"the <h1> starts at {state['h1Top']:.0f} px, below the first screen")
        if why:
            problems[path] = "; ".join(why)
    assert not problems, "at 320 x 568:\n" + "\n".join(f"  {p}: {w}" for p, w in problems.items())


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_targets_are_at_least_24_px_square_on_any_page(real_site, open_tab, viewport):
    tab = open_tab(viewport=viewport)
    small = {}
    for path in real_site.pages():
        undersized = tab.goto_built(path).evaluate(UNDERSIZED_TARGETS_JS, TARGETS)
        if undersized:
            small[path] = undersized
    assert not small, "targets smaller than 24 x 24 px outside a sentence (WCAG 2.5.8):\n" + "\n".join(
        f"  {page}: {target}" for page, targets in small.items() for target in targets)


def test_home_page_screenshots(open_tab):
    """Phone and desktop screenshots of the home page, kept as artefacts of the run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        target = ARTIFACTS / f"home-{name}.png"
        target.unlink(missing_ok=True)
        tab = open_tab(viewport=viewport)
        tab.goto("").screenshot(path=str(target), full_page=True)
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", target


# ---- Errors -----------------------------------------------------------------------------------

def test_no_console_or_page_errors_on_any_page(real_site, open_tab):
    tab = open_tab()
    errors = {}
    for path in real_site.pages():
        tab.errors.clear()
        tab.goto_built(path)
        # Chromium logs the 404 page's own status as a console error; that one is intended.
        found = [e for e in tab.errors if not (path == "404.html" and "status of 404" in e
                                               and e.endswith(f"{MISSING_PAGE})"))]
        if found:
            errors[path] = found
    assert not errors, "\n".join(f"{path}: {e}" for path, found in errors.items() for e in found)


# ---- Print ------------------------------------------------------------------------------------

def test_print_hides_navigation_and_keeps_crisis_numbers(open_tab):
    page = open_tab(viewport=PHONE).goto("resources/emergency/")
    screen_only = (".skip-link", "nav.site-nav", ".nav-toggle")
    for selector in screen_only:
        assert page.locator(selector).count() == 1, f"no {selector} on the page"
    page.emulate_media(media="print")
    for selector in screen_only:
        assert not page.locator(selector).is_visible(), f"{selector} is printed"
    strip = page.locator(".crisis-strip")
    assert strip.is_visible()
    for number in ("tel:988", "tel:911", "sms:741741"):
        assert strip.locator(f'a[href^="{number}"]').is_visible(), f"{number} is not printed"
    assert page.locator("main h1").is_visible()
    # On paper a link is no use without its address: external links print it after the text.
    external = page.locator('main a[href^="http"]').all()
    assert external, "the emergency page was expected to link to other websites"
    for link in external:
        after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after, f"{link.get_attribute('href')} is printed without its address"


# ---- Without JavaScript -----------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_every_menu_link_is_visible_and_reachable_by_tab(open_tab, viewport):
    tab = open_tab(viewport=viewport, java_script_enabled=False)
    page = tab.goto("")
    links = page.locator("nav.site-nav a[href]")
    hrefs = [link.get_attribute("href") for link in links.all()]
    assert hrefs, "the menu has no links"
    for link in links.all():
        assert link.is_visible(), f"menu link {link.get_attribute('href')} is hidden without JavaScript"
    reached = {stop["href"] for stop in tab_stops(page)}
    missing = [href for href in hrefs if href not in reached]
    assert not missing, f"menu links Tab never reaches without JavaScript: {missing}"


def test_without_javascript_every_page_is_reachable_from_home(real_site, open_tab, site_server):
    """Follow the links a visitor can see, starting from the home page, with JavaScript off."""
    tab = open_tab(java_script_enabled=False)
    origin = site_server.url.rstrip("/")
    expected = {"/" + url_of(path) for path in real_site.pages() if path != "404.html"}
    seen, queue = set(), ["/"]
    while queue:
        url_path = queue.pop()
        if url_path in seen:
            continue
        seen.add(url_path)
        page = tab.goto(url_path)
        for href in page.evaluate(VISIBLE_LINKS_JS):
            href, _ = urldefrag(href)
            if href.startswith(origin + "/"):
                target = href[len(origin):]
                if target in expected and target not in seen:
                    queue.append(target)
    unreachable = sorted(expected - seen)
    assert not unreachable, f"pages no visible link leads to from the home page: {unreachable}"
