"""The navigation plugin end to end: fixture sites built by Pelican, asserted on their HTML.

tests/fixtures/sites/nav_basic is a small site shaped like the real one (two "Employment" pages,
two "Sonoma County" entries, a page kept out of the menu, a draft, an external menu link, news
categories); nav_errors holds one of each mistake the plugin reports.
"""

import re
import shutil

import pytest

from conftest import FIXTURES, build_site, get_settings

#: The council's NESTED_NAVIGATION (pelicanconf.py), which a test changes one key of.
COUNCIL_NAV = get_settings()["NESTED_NAVIGATION"]

PAGES_IN_TREE = [
    "", "about/", "about/welcome/", "about/members/", "about/org-dev/", "resources/",
    "resources/emergency/", "resources/employment/", "advocacy/", "advocacy/employment/",
    "history/", "history/sonoma-county/", "news/", "news/action-alert/", "news/sonoma-county/",
    "news/peer-voices-now/", "news/2020/sb-803-signed/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(FIXTURES / "sites" / "nav_basic", tmp_path_factory.mktemp("nav_basic") / "output")


def menu(site, url):
    return site.soup(url).find("nav", class_="site-nav")


def top_level(site, url):
    """(label, href) of each top-level entry."""
    return [(a.get_text(), a["href"]) for a in menu(site, url).select(".site-nav__item > .site-nav__link")]


def drop_down(site, url, section_label):
    for item in menu(site, url).select(".site-nav__item"):
        if item.find("a", class_="site-nav__link").get_text() == section_label:
            return [(a.get_text(" ", strip=True), a["href"]) for a in item.select(".site-nav__sub a")]
    raise AssertionError(f"no section {section_label!r} in the menu of /{url}")


def current(site, url):
    """(label, aria-current) of each marked menu link."""
    return [(a.get_text(" ", strip=True), a["aria-current"]) for a in menu(site, url).select("[aria-current]")]


def breadcrumbs(site, url):
    nav = site.soup(url).find("nav", attrs={"aria-label": "Breadcrumb"})
    if nav is None:
        return None
    return [(a.get_text(), a["href"], a.get("aria-current")) for a in nav.select("ol > li > a")]


def test_the_fixture_builds_without_errors_or_warnings(site):
    assert site.errors == [] and site.warnings == []


def test_top_level_order_and_labels(site):
    assert top_level(site, "") == [
        ("Home", "/"), ("About", "/about/"), ("Resources", "/resources/"),
        ("Advocacy", "/advocacy/"), ("History", "/history/"), ("News", "/news/")]


def test_drop_downs_follow_order_then_title_and_use_menu_labels(site):
    assert drop_down(site, "", "About") == [("Welcome", "/about/welcome/"), ("Org Dev", "/about/org-dev/")]
    assert drop_down(site, "", "Resources") == [
        ("Emergency", "/resources/emergency/"), ("Employment", "/resources/employment/"),
        ("NAMI Sonoma County (another website)", "https://namisonomacounty.org/")]
    assert drop_down(site, "", "News") == [
        ("Action Alert", "/news/action-alert/"), ("Sonoma County", "/news/sonoma-county/"),
        ("Peer Voices Now", "/news/peer-voices-now/")]


def test_same_titles_in_two_sections_are_two_entries_at_two_addresses(site):
    employment = [href for label, href in drop_down(site, "", "Resources") + drop_down(site, "", "Advocacy")
                  if label == "Employment"]
    assert employment == ["/resources/employment/", "/advocacy/employment/"]
    sonoma = [href for label, href in drop_down(site, "", "History") + drop_down(site, "", "News")
              if label == "Sonoma County"]
    assert sonoma == ["/history/sonoma-county/", "/news/sonoma-county/"]
    assert site.soup("resources/employment/").h1.string == "Employment resources"
    assert site.soup("advocacy/employment/").h1.string == "Employment and the peer workforce"
    assert site.soup("history/sonoma-county/").h1.string == "Peer support in Sonoma County"
    assert site.soup("news/sonoma-county/").h1.string == "Sonoma County"


def test_hidden_draft_and_404_pages_are_not_in_any_menu(site):
    for url in PAGES_IN_TREE:
        hrefs = [a["href"] for a in menu(site, url).find_all("a")]
        assert "/about/members/" not in hrefs, url
        assert not any(href.startswith("/about/diversity") or "404" in href for href in hrefs), url
    # Menu: hide is still published, and listed on its section's page, so it is no orphan.
    assert site.file_for("about/members/").exists()
    listed = [a["href"] for a in site.soup("about/").select(".section-list a")]
    assert listed == ["/about/welcome/", "/about/members/", "/about/org-dev/"]
    assert not site.file_for("about/diversity/").exists()


def test_aria_current_marks_the_page_and_its_section(site):
    assert current(site, "about/welcome/") == [("About", "true"), ("Welcome", "page")]
    assert current(site, "about/") == [("About", "page")]
    assert current(site, "") == [("Home", "page")]
    assert current(site, "news/action-alert/") == [("News", "true"), ("Action Alert", "page")]
    # An article is not a menu entry: its category and News are marked as where it belongs.
    assert current(site, "news/2020/sb-803-signed/") == [("News", "true"), ("Action Alert", "true")]
    # A page kept out of the menu still marks its section.
    assert current(site, "about/members/") == [("About", "true")]
    assert current(site, "404.html") == []


def test_disclosure_buttons_control_their_lists_and_start_closed(site):
    nav = menu(site, "about/welcome/")
    buttons = nav.select(".site-nav__button")
    assert len(buttons) == 5  # About, Resources, Advocacy, History, News; not Home
    for button in buttons:
        assert button["type"] == "button" and button["aria-expanded"] == "false"
        controlled = nav.find(id=button["aria-controls"])
        assert controlled.name == "ul" and controlled.find_previous_sibling("button") is button
        # The lists are in the page for readers without JavaScript (site.css shows them no
        # button; tests/test_navigation_browser.py checks what shows).
        assert not controlled.has_attr("hidden")
    assert [b["aria-label"] for b in buttons][:2] == ["About pages", "Resources pages"]
    toggle = nav.find("button", class_="nav-toggle")
    assert toggle.get_text() == "Menu" and toggle["aria-expanded"] == "false"
    assert nav.find(id=toggle["aria-controls"])["class"] == ["site-nav__list"]
    # Disclosure navigation, not an application menu.
    assert not nav.find(attrs={"role": re.compile("menu")})


def test_one_deferred_script_and_it_is_published(site):
    scripts = site.soup("about/").find_all("script")
    assert [(s["src"], s.has_attr("defer")) for s in scripts] == [("/theme/js/navigation.js", True)]
    assert (site.output / "theme/js/navigation.js").stat().st_size < 4096


def test_breadcrumbs_end_with_the_current_page(site):
    assert breadcrumbs(site, "advocacy/employment/") == [
        ("Home", "/", None), ("Advocacy", "/advocacy/", None),
        ("Employment", "/advocacy/employment/", "page")]
    assert breadcrumbs(site, "news/2020/sb-803-signed/") == [
        ("Home", "/", None), ("News", "/news/", None), ("Action Alert", "/news/action-alert/", None),
        ("Peer certification becomes law", "/news/2020/sb-803-signed/", "page")]
    assert breadcrumbs(site, "") is None  # the home page needs no trail
    # Before <main>, so a screen-reader user meets it with the other navigation.
    crumbs = site.soup("about/welcome/").find("nav", attrs={"aria-label": "Breadcrumb"})
    assert crumbs.find_next("main") is not None


def test_section_pages_list_their_children_with_summaries(site):
    section = site.soup("news/").find("section", class_="section-list")
    assert section.h2.get_text() == "In this section"
    items = [(li.h3.a.get_text(), li.h3.a["href"], li.find(class_="section-list__summary").get_text(strip=True))
             for li in section.select("li")]
    assert items == [
        ("Action Alert", "/news/action-alert/", "Times to speak up: laws, budgets and decisions that affect peers."),
        ("Sonoma County", "/news/sonoma-county/",
         "News about peer support and mental-health planning in Sonoma County."),
        ("Peer Voices Now", "/news/peer-voices-now/",
         "Peers on peer support, recovery and change, in their own words.")]
    resources = site.soup("resources/").select(".section-list h3")
    assert [h.get_text(" ", strip=True) for h in resources] == [
        "Emergency help", "Employment resources", "NAMI Sonoma County (another website)"]
    assert site.soup("about/welcome/").find("section", class_="section-list") is None


def test_pager_walks_the_section_in_menu_order(site):
    def pager(url):
        nav = site.soup(url).find("nav", class_="pager")
        return nav and [(a["rel"][0], a["href"]) for a in nav.find_all("a")]

    assert pager("about/") == [("next", "/about/welcome/")]
    assert pager("about/welcome/") == [("prev", "/about/"), ("next", "/about/members/")]
    assert pager("about/org-dev/") == [("prev", "/about/members/")]
    assert pager("resources/employment/") == [("prev", "/resources/emergency/")]  # not to NAMI
    assert pager("") is None


def test_every_menu_link_on_every_page_resolves_to_a_built_file(site):
    for path in site.pages():
        url = path[: -len("index.html")] if path.endswith("index.html") else path
        for a in menu(site, url).find_all("a"):
            href = a["href"]
            if href.startswith("https://"):
                continue
            assert href.startswith("/") and site.file_for(href).exists(), f"/{url}: {href}"


def test_the_menu_is_the_same_on_every_page_but_for_the_marks(site):
    def without_marks(url):
        return re.sub(r' aria-current="[a-z]+"', "", str(menu(site, url)))

    menus = {without_marks(url) for url in PAGES_IN_TREE}
    assert len(menus) == 1


def test_a_section_with_more_pages_than_fit_ends_with_a_link_to_its_page(tmp_path):
    site = build_site(FIXTURES / "sites" / "nav_basic", tmp_path / "output",
                      NESTED_NAVIGATION={**COUNCIL_NAV, "max_children": 1})
    assert drop_down(site, "", "About") == [("Welcome", "/about/welcome/"), ("More in About", "/about/")]
    assert drop_down(site, "", "Advocacy") == [("Employment", "/advocacy/employment/")]


def test_the_menu_does_not_grow_with_the_number_of_pages(tmp_path):
    """Two copies of the fixture, one with 12 more pages in Resources and one with 60: the
    home page's menu is byte for byte the same."""
    sizes = {}
    for extra in (12, 60):
        content = tmp_path / f"content-{extra}"
        shutil.copytree(FIXTURES / "sites" / "nav_basic", content)
        for n in range(extra):
            (content / f"pages/resources/guide-{n:03d}.md").write_text(
                f"Title: Guide {n:03d}\nSummary: Guide number {n}.\n\nA guide.\n")
        built = build_site(content, tmp_path / f"output-{extra}")
        assert built.errors == []
        sizes[extra] = str(menu(built, ""))
        # Every page is listed, on the landing page and the further pages of its list (20 a page).
        list_pages = ["resources/"] + [f"resources/page/{n}/" for n in range(2, (extra + 3 + 19) // 20 + 1)]
        assert sum(len(built.soup(page).select(".section-list__item")) for page in list_pages) == extra + 3
    assert sizes[12] == sizes[60]
    assert "More in Resources" in sizes[60]


def test_menu_settings_are_checked(tmp_path):
    site = build_site(FIXTURES / "sites" / "nav_basic", tmp_path / "output",
                      NESTED_NAVIGATION={**COUNCIL_NAV, "max_children": 0, "colour": "green"})
    assert ("pelican.plugins.nested_navigation: NESTED_NAVIGATION['max_children'] must be a whole number "
            "of 1 or more, not 0; using 10") in site.warnings
    assert any(w.startswith("pelican.plugins.nested_navigation: unknown key 'colour' in NESTED_NAVIGATION")
               for w in site.warnings)
    assert len(drop_down(site, "", "About")) == 2  # the default applies


# ---- Mistakes -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    return build_site(FIXTURES / "sites" / "nav_errors", tmp_path_factory.mktemp("nav_errors") / "output")


def test_a_folder_without_index_md(broken):
    folder = "tests/fixtures/sites/nav_errors/pages/groups"
    assert (
        f'{folder}/alpha.md:1: error: the folder "{folder}" has no index.md, so its section has '
        f"no title or landing page. Add {folder}/index.md with a Title and a Summary (and an "
        "Order for its place in the menu)."
    ) in broken.errors
    # Its pages are built and in the menu; the section's link leads to its first page.
    assert drop_down(broken, "", "Groups") == [("Alpha group", "/groups/alpha/"), ("Zebra group", "/groups/zebra/")]
    assert ("Groups", "/groups/alpha/") in top_level(broken, "")
    assert broken.file_for("groups/zebra/").exists()


def test_two_menu_entries_with_one_address(broken):
    path = "tests/fixtures/sites/nav_errors/pages/about"
    assert (
        f'{path}/index.md:4: error: the menu already has an entry for "/about/welcome/" '
        f"({path}/welcome.md). Two menu entries cannot share an address: remove this one, or "
        "point it somewhere else."
    ) in broken.errors
    assert drop_down(broken, "", "About us")[0] == ("Welcome", "/about/welcome/")
    assert [label for label, _ in drop_down(broken, "", "About us")].count("Welcome") == 1


def test_an_order_that_is_not_a_number(broken):
    # The front_matter plugin owns field values and reports it once (at the Order line); the
    # page is still built and listed after the pages that have an Order.
    orders = [e for e in broken.errors if "housing.md" in e]
    assert orders == ['tests/fixtures/sites/nav_errors/pages/about/housing.md:3: error: `Order` '
                      'must be a number, not "second"; write e.g. `Order: 3`']
    assert [label for label, _ in drop_down(broken, "", "About us")] == ["Welcome", "Housing"]


def test_mistakes_are_errors_not_tracebacks(broken):
    assert len(broken.errors) == 3, broken.errors
    assert not any("Traceback" in m for m in broken.messages())
    assert len(broken.pages()) == 8  # every page built, none dropped


def test_an_article_pager_walks_its_category_oldest_to_newest(site):
    def pager(url):
        nav = site.soup(url).find("nav", class_="pager")
        return None if nav is None else [(a["rel"][0], a["href"]) for a in nav.find_all("a")]

    # Like a section: the category's own page first, then its articles.
    assert pager("news/2020/sb-803-signed/") == [("prev", "/news/action-alert/"), ("next", "/news/2021/budget/")]
    assert pager("news/2021/budget/") == [("prev", "/news/2020/sb-803-signed/")]
    assert pager("news/2022/988-starts/") == [("prev", "/news/sonoma-county/")]
