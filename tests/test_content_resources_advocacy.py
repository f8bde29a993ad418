"""The sourced pages of resources/ and advocacy/ (issue 12), asserted on the real build: the key
facts of each page (its `Keep:` lines, checked by the strict build) and a Sources list of links
under each one, so a later edit cannot drop a fact or its source unnoticed."""

import re

import pytest

from test_content import main_text, plain

SOURCED_PAGES = [
    "resources/advanced-care-directives/",
    "resources/law-enforcement/",
    "resources/data-library/",
    "advocacy/policy-decision-makers/",
    "advocacy/board-of-supervisors/",
]


def sources(site, url):
    """The items of the list under the page's "Sources" heading: (text, link addresses)."""
    main = site.soup(url).find("main")
    heading = main.find("h2", string=lambda s: s and plain(s) == "Sources")
    assert heading is not None, f"{url}: no Sources heading"
    items = heading.find_next("ul").find_all("li", recursive=False)
    return [(plain(li.get_text(" ")), [a["href"] for a in li.find_all("a", href=True)]) for li in items]


@pytest.mark.parametrize("url", SOURCED_PAGES)
def test_each_page_ends_with_a_sources_list_of_links(real_site, url):
    items = sources(real_site, url)
    assert len(items) >= 5, url
    for text, hrefs in items:
        assert hrefs and all(href.startswith("https://") for href in hrefs), f"{url}: {text}"
        # Publisher first, then the linked title, then a year (or "no date" for an undated page).
        assert re.search(r"\b(19|20)\d\d\b|no date", text), f"{url}: source without a year: {text}"
    # Sources is the page's last section: nothing follows its list inside <main>'s content.
    main = real_site.soup(url).find("main")
    last_heading = main.find_all("h2")[-1]
    assert plain(last_heading.get_text()) == "Sources", url


def test_each_sourced_page_is_published(real_site):
    for url in SOURCED_PAGES:
        assert real_site.file_for(url).exists(), f"{url} was not published"


# Each page's key facts (laws and sections, names, dates, crisis teams) are its `Keep:` lines: the
# strict build errs at the line of any that is gone, and tests/test_rewording.py proves rewording
# around them passes. What stays here is not a sentence: the official links, and what a page must
# not hold.

def source_links(site, url):
    return [href for _, links in sources(site, url) for href in links]


def test_advance_directives_cite_the_official_form_free_help_and_the_law(real_site):
    hrefs = source_links(real_site, "resources/advanced-care-directives/")
    assert "https://oag.ca.gov/consumers/general/adv_hc_dir" in hrefs
    assert any(h.startswith("https://www.disabilityrightsca.org/") for h in hrefs)
    assert any("lawCode=PROB&sectionNum=4673" in h for h in hrefs)
    assert any("lawCode=PROB&sectionNum=4674" in h for h in hrefs)


def test_advance_directives_cite_ab_1029(real_site):
    """AB 1029 (2023): what an agent may not consent to (Keep lines of both twins)."""
    assert any("bill_id=202320240AB1029" in h for h in source_links(real_site, "resources/advanced-care-directives/"))


def test_law_enforcement_cites_sb_43_and_the_law_it_changed(real_site):
    """SB 43 (2023) widened "gravely disabled" (its needs and its date are Keep lines)."""
    hrefs = source_links(real_site, "resources/law-enforcement/")
    assert any("bill_id=202320240SB43" in h for h in hrefs)
    assert any("lawCode=WIC&sectionNum=5256" in h for h in hrefs)


@pytest.mark.parametrize("url", ["resources/law-enforcement/", "es/resources/law-enforcement/"])
def test_law_enforcement_gives_the_county_line_for_a_crisis_team_without_911(real_site, url):
    assert real_site.soup(url).find("main").find("a", href="tel:+18007468181")


def test_law_enforcement_in_spanish_never_calls_a_hold_an_arrest(real_site):
    # "Detener" is to arrest: the page says a hold is not an arrest, so it never uses the word.
    assert not re.search(r"\bdet(ener|iene)\b", main_text(real_site, "es/resources/law-enforcement/"))


def test_law_enforcement_sends_readers_to_the_emergency_page_for_numbers(real_site):
    main = real_site.soup("resources/law-enforcement/").find("main")
    assert main.find("a", href=re.compile(r"/resources/emergency/$"))
    # The other numbers live on the Emergency page: here only 911 and the county's crisis line.
    assert not main.find("a", href=re.compile(r"^tel:(?!911$|\+18007468181$)"))


def test_data_library_cites_each_publisher(real_site):
    hrefs = source_links(real_site, "resources/data-library/")
    for host in ("https://ask.chis.ucla.edu/", "https://www.dhcs.ca.gov/", "https://www.samhsa.gov/",
                 "https://sonoma-county.legistar.com/"):
        assert any(h.startswith(host) for h in hrefs), host


# --- Advocacy -------------------------------------------------------------------------------------

def test_policy_decision_makers_links_to_the_board_of_supervisors_page(real_site):
    main = real_site.soup("advocacy/policy-decision-makers/").find("main")
    assert main.find("a", href=re.compile(r"/advocacy/board-of-supervisors/$"))


def test_board_of_supervisors_cites_the_calendar_and_the_law_and_promises_no_date(real_site):
    url = "advocacy/board-of-supervisors/"
    hrefs = source_links(real_site, url)
    assert "https://sonoma-county.legistar.com/Calendar.aspx" in hrefs
    assert any("lawCode=GOV&sectionNum=54954.3" in h for h in hrefs)
    # No meeting date is promised: the page sends readers to the county's calendar instead.
    assert not re.search(r"\b(January|February|March|April|May|June|July|August|September|October|"
                         r"November|December) \d{1,2}, 2026\b", main_text(real_site, url))
