"""The sourced pages of the History and Activities sections, asserted on the real build: each
page's key facts (dates, names, the law's rules), that each ends with a Sources list whose
entries link to their publisher and give a year, and that none invents a meeting time or an
upcoming date. The MHSA committees page stays a draft until the county's own notices say
which committees meet now."""

import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from test_content import front_matter, list_after, plain

PEER_MOVEMENT = "history/peer-movement/"
BOARD = "activities/mental-health-board/"
MAY = "activities/may-mh-month/"
CONFERENCES = "activities/conferences/"
SOURCED = [PEER_MOVEMENT, BOARD, MAY, CONFERENCES]

# How a Sources entry ends: a year, or a plain statement that the page has none.
ENTRY_END = re.compile(r"(\b(19|20)\d\d|no date|current text)\.$")
# A clock time or a weekday: the signs of a meeting time the council has not confirmed.
MEETING_TIME = re.compile(
    r"\b\d{1,2}(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)(?!\w)|\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.I)


def text_before_sources(site, url):
    """The page's own text, without its Sources list (whose titles may hold any words)."""
    main = site.soup(url).find("main")
    sources = main.find("h2", id="sources")
    if sources is not None:
        for node in [sources, *sources.find_all_next()]:
            node.extract()
    return plain(main.get_text(" "))


# --- History: the peer movement --------------------------------------------------------------------

def test_peer_movement_has_the_key_dates_in_order(real_site):
    text = text_before_sources(real_site, PEER_MOVEMENT)
    for fact in ("1908", "A Mind That Found Itself", "1909", "National Committee for Mental Hygiene",
                 "Mental Health America", "Mental Patients' Liberation Front", "1971",
                 "Network Against Psychiatric Assault in San Francisco", "1974",
                 "1978", "Judi Chamberlin", "On Our Own", "1985", "Alternatives", "Baltimore",
                 "Support Coalition International", "MindFreedom International",
                 "Americans with Disabilities Act", "22 June 1999", "Olmstead v. L.C.",
                 "Lois Curtis and Elaine Wilson", "15 August 2007", "Medi-Cal",
                 "working definition of recovery"):
        assert fact in text, fact
    years = [int(m.group(1)) for m in re.finditer(r"\*?\b(1[89]\d\d|20\d\d)\b", " ".join(
        li.split(".")[0] for heading in ("Early voices", "People speak for themselves", "Rights in law",
                                         "Peer support becomes a paid service")
        for li in list_after(real_site, PEER_MOVEMENT, heading)))]
    assert years == sorted(years) and len(years) >= 8


def test_peer_movement_keeps_the_california_milestones_and_the_bhsa_change(real_site):
    california = list_after(real_site, PEER_MOVEMENT, "In California")
    assert [item.split(".")[0] for item in california] == [
        "November 2004", "20 March 2012", "25 September 2020", "March 2024"]
    assert "Proposition 63" in california[0] and "Mental Health Services Act" in california[0]
    assert "CAMHPRO" in california[1]
    assert "SB 803" in california[2]
    change = california[3]
    assert "Proposition 1" in change and "Behavioral Health Services Act" in change
    assert "substance use" in change and "July 2026" in change
    # What stayed: planning with the people who use services.
    assert "with the people they serve, their families and the community" in change


def test_peer_movement_links_to_the_pages_it_names(real_site):
    main = real_site.soup(PEER_MOVEMENT).find("main")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    for page in ("/advocacy/mhsa/", "/activities/sb-803-peer-certification/", "/activities/conferences/",
                 "/activities/may-mh-month/", "/advocacy/california/", "/history/sonoma-county/"):
        assert page in hrefs, page


# --- Activities: the Behavioral Health Board --------------------------------------------------------

def test_board_has_its_current_name_and_the_old_one(real_site):
    soup = real_site.soup(BOARD)
    assert plain(soup.h1.get_text()) == "Behavioral Health Board"
    text = text_before_sources(real_site, BOARD)
    assert "it was long called the Mental Health Board" in text
    assert "Since January 2025, state law calls these boards behavioral health boards" in text


def test_board_duties_follow_section_5604_2(real_site):
    text = text_before_sources(real_site, BOARD)
    assert "section 5604.2" in text
    duties = list_after(real_site, BOARD, "What the board does")
    assert len(duties) == 7
    assert "Advise the Board of Supervisors" in duties[2]
    assert "lived experience" in duties[3]
    assert "yearly report" in duties[4]
    assert "three-year plan" in text


def test_board_membership_follows_section_5604(real_site):
    members = " ".join(list_after(real_site, BOARD, "Who sits on the board"))
    for rule in ("10 to 15 members", "One member is a county supervisor", "Half of the members",
                 "parents, spouses, brothers and sisters, or adult children", "1 in 5",
                 "25 years old or younger", "local education agency"):
        assert rule in members, rule


def test_board_meetings_are_open_under_the_brown_act(real_site):
    rules = " ".join(list_after(real_site, BOARD, "Meetings are open to everyone"))
    assert "do not have to give your name" in rules
    assert "at least 72 hours before" in rules
    assert "items on the agenda" in rules and "time limit" in rules
    assert "Ralph M. Brown Act" in text_before_sources(real_site, BOARD)


def test_board_points_to_the_county_for_meetings_and_invents_no_time(real_site):
    steps = list_after(real_site, BOARD, "How to take part")
    assert len(steps) == 4 and steps[3].startswith("Apply to serve")
    main = real_site.soup(BOARD).find("main")
    county = [a for a in main.find_all("a", href=True)
              if urlparse(a["href"]).hostname == "sonomacounty.ca.gov" and "board" in a["href"]]
    assert county and county[0].find_parent("ol") is not None
    assert not MEETING_TIME.search(text_before_sources(real_site, BOARD))
    assert main.find("a", href="tel:+17074817965")


# --- Activities: May is Mental Health Month ------------------------------------------------------------

def test_may_page_gives_the_origin_and_the_bell(real_site):
    text = text_before_sources(real_site, MAY)
    assert "Mental Health America" in text and "1949" in text
    assert "1909" in text and "Clifford Beers" in text
    assert "13 April 1953" in text and "300 pounds" in text


def test_may_page_says_what_anyone_can_do_without_inventing_an_event(real_site):
    ideas = list_after(real_site, MAY, "What you can do in May")
    assert len(ideas) >= 5
    assert any("988" in idea for idea in ideas)
    hrefs = {a["href"] for a in real_site.soup(MAY).find("main").find_all("a", href=True)}
    assert {"/resources/emergency/", "/activities/mental-health-board/", "/resources/recovery-language/"} <= hrefs
    text = text_before_sources(real_site, MAY)
    assert not MEETING_TIME.search(text)
    assert not re.search(r"\b(May|on) \d{1,2}\b|\b\d{1,2} May\b", text), "no dated event the council has not confirmed"


# --- Activities: Conferences -----------------------------------------------------------------------

def test_conferences_name_each_host_and_link_to_it(real_site):
    text = text_before_sources(real_site, CONFERENCES)
    assert "Alternatives" in text and "1985" in text and "Baltimore" in text
    assert "National Coalition for Mental Health Recovery" in text
    assert "CAMHPRO" in text and "Peer Action League" in text
    assert "National Association of Peer Supporters" in text and "June 2025" in text
    assert "no longer takes place" in text
    main = real_site.soup(CONFERENCES).find("main")
    sources = main.find("h2", id="sources")
    hosts = {urlparse(a["href"]).hostname for a in main.find_all("a", href=True)
             if a.find_previous("h2") is not sources}
    assert {"www.alternatives-conference.org", "camhpro.org"} <= hosts


def test_conferences_invent_no_upcoming_date(real_site):
    text = text_before_sources(real_site, CONFERENCES)
    assert not re.search(r"\b20(2[6-9]|[3-9]\d)\b", text)
    assert not MEETING_TIME.search(text)
    # The PAL conference was the grant's plan: the page must not say it happened.
    assert "planned a two-day statewide conference" in text


# --- Every sourced page -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", SOURCED)
def test_each_page_ends_with_a_sources_list_of_linked_dated_entries(real_site, url):
    main = real_site.soup(url).find("main")
    headings = main.find_all("h2")
    assert headings and headings[-1].get("id") == "sources", f"{url}: Sources must be the last section"
    entries = headings[-1].find_next("ul").find_all("li", recursive=False)
    assert len(entries) >= 3, url
    for li in entries:
        links = li.find_all("a", href=True)
        assert len(links) == 1 and links[0]["href"].startswith("https://"), plain(li.get_text())
        assert plain(links[0].get_text()), "a source's link needs its title as text"
        text = plain(li.get_text(" "))
        assert ":" in text.split(links[0].get_text(strip=True))[0], f"{text}: the publisher comes first"
        assert ENTRY_END.search(text), f"{text}: end with the year (or 'no date')"


@pytest.mark.parametrize("url", SOURCED)
def test_each_page_is_published_in_its_section(real_site, url):
    section = url.split("/")[0]
    listed = {a["href"] for a in real_site.soup(f"{section}/").find("main").find_all("a", href=True)}
    assert f"/{url}" in listed


def test_mhsa_committees_is_published_in_both_languages_and_says_what_it_still_needs(real_site):
    """Published from the county's 2020 notice and the state's BHSA rules; whether a committee
    meets today is unknown, so the page keeps a Needs line that `make check` lists."""
    path = ROOT / "content" / "pages" / "activities" / "mhsa-committees.md"
    meta = front_matter(path)
    assert meta.get("status") != "draft"
    assert "county's own current notices" in meta["needs"]
    for url in ("activities/mhsa-committees/", "es/activities/mhsa-committees/"):
        main = real_site.soup(url).find("main")
        assert "BHSA" in main.get_text(" ") and "2020" in main.get_text(" "), url
        assert main.find(id=re.compile("^(sources|fuentes)$")), url