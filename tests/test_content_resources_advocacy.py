"""The sourced pages of resources/ and advocacy/ (issue 12), asserted on the real build: the key
facts of each page, checked against their public sources when written, and a Sources list of
links under each one, so a later edit cannot drop a fact or its source unnoticed."""

import re

import pytest

from test_content import list_after, main_text, plain

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


# --- Resources ----------------------------------------------------------------------------------------

def test_advance_directives_psychiatric_directive_form_and_signing_rules(real_site):
    url = "resources/advanced-care-directives/"
    text = main_text(real_site, url)
    assert "psychiatric advance directive" in text and "Probate Code § 4679" in text
    assert "Probate Code § 4701" in text and "do not have to use this exact form (§ 4700)" in text
    parts = list_after(real_site, url, "What you can put in it")
    assert [p.split(":")[0] for p in parts] == ["Part 1", "Part 2", "Part 3", "Part 4"]
    assert "agent" in parts[0] and "Power of attorney for health care" in parts[0]
    steps = list_after(real_site, url, "How to make it valid")
    assert len(steps) == 3
    assert steps[0].startswith("Date it") and steps[1].startswith("Sign it")
    assert "notary public" in steps[2] and "two adult witnesses" in steps[2]
    not_witnesses = " ".join(list_after(real_site, url, "Who cannot be a witness"))
    for who in ("agent", "health-care provider", "community care facility", "residential care home"):
        assert who in not_witnesses
    assert "not related to you by blood, marriage or adoption" in text
    assert "ombudsman" in text and "(§ 4675)" in text
    assert "change your directive or cancel it at any time" in text


def test_advance_directives_point_to_the_official_form_and_free_help(real_site):
    url = "resources/advanced-care-directives/"
    text = main_text(real_site, url)
    assert "California Attorney General" in text and "Disability Rights California" in text
    assert "Advance Health Care Directive Registry" in text and "valid without it" in text
    hrefs = [href for _, links in sources(real_site, url) for href in links]
    assert "https://oag.ca.gov/consumers/general/adv_hc_dir" in hrefs
    assert any(h.startswith("https://www.disabilityrightsca.org/") for h in hrefs)
    assert any("lawCode=PROB&sectionNum=4673" in h for h in hrefs)
    assert any("lawCode=PROB&sectionNum=4674" in h for h in hrefs)


def test_advance_directives_say_what_an_agent_cannot_consent_to(real_site):
    """AB 1029 (2023): an agent may not consent to these, in the law and on the statutory form."""
    url = "resources/advanced-care-directives/"
    limits = " ".join(list_after(real_site, url, "What your agent cannot agree to for you"))
    for treatment in ("mental-health treatment facility", "convulsive", "psychosurgery", "sterilization", "abortion"):
        assert treatment in limits, treatment
    hrefs = [href for _, links in sources(real_site, url) for href in links]
    assert any("bill_id=202320240AB1029" in h for h in hrefs)
    spanish = main_text(real_site, "es/" + url)
    for treatment in ("salud mental", "convulsivo", "psicocirugía", "esterilización", "aborto"):
        assert treatment in spanish, treatment


def test_law_enforcement_local_crisis_teams(real_site):
    url = "resources/law-enforcement/"
    teams = list_after(real_site, url, "Crisis teams in Sonoma County")
    assert [t.split(" ")[0] for t in teams] == ["inRESPONSE", "SAFE", "The"]
    assert "Santa Rosa" in teams[0] and "January 11, 2022" in teams[0] and "do not carry weapons" in teams[0]
    assert all(city in teams[1] for city in ("Petaluma", "Cotati", "Rohnert Park", "Sonoma State University"))
    assert "Mobile Support Team" in teams[2] and "Cloverdale" in teams[2] and "backs up" in teams[2]
    text = main_text(real_site, url)
    assert "24 hours a day, every day of the year" in text


def test_law_enforcement_5150_basics_and_rights(real_site):
    url = "resources/law-enforcement/"
    text = main_text(real_site, url)
    assert "Welfare and Institutions Code § 5150" in text and "up to 72 hours" in text
    criteria = list_after(real_site, url, 'The "5150": a hold of up to 72 hours')
    assert criteria[0].startswith("a danger to others") and criteria[1].startswith("a danger to themselves")
    assert '"gravely disabled"' in criteria[2]
    assert "first held" in text
    rights = list_after(real_site, url, "Your rights")
    assert rights[0].startswith("A hold is not an arrest") and "not under criminal arrest" in rights[0]
    assert "without a hold" in rights[1]
    assert "14 more days" in rights[3] and "within 4 days" in rights[3]
    # AB 2275 (2022): still held on the 5150 after 72 hours without certification.
    assert "72 hours" in rights[4] and "patients' rights advocate" in rights[4] and "7 days" in rights[4]


def test_law_enforcement_gravely_disabled_is_the_sb_43_definition(real_site):
    """SB 43 (2023) widened "gravely disabled"; Sonoma County has applied it since 1 January 2026."""
    url = "resources/law-enforcement/"
    criteria = list_after(real_site, url, 'The "5150": a hold of up to 72 hours')
    for need in ("substance use disorder", "food", "clothing", "shelter", "personal safety", "medical care"):
        assert need in criteria[2], need
    assert "SB 43" in criteria[2] and "January 1, 2026" in criteria[2]
    hrefs = [href for _, links in sources(real_site, url) for href in links]
    assert any("bill_id=202320240SB43" in h for h in hrefs)
    assert any("lawCode=WIC&sectionNum=5256" in h for h in hrefs)


def test_law_enforcement_gives_the_county_line_for_a_crisis_team_without_911(real_site):
    main = real_site.soup("resources/law-enforcement/").find("main")
    assert main.find("a", href="tel:+18007468181")


def test_law_enforcement_sends_readers_to_the_emergency_page_for_numbers(real_site):
    main = real_site.soup("resources/law-enforcement/").find("main")
    assert main.find("a", href=re.compile(r"/resources/emergency/$"))
    # The other numbers live on the Emergency page: here only 911 and the county's crisis line.
    assert not main.find("a", href=re.compile(r"^tel:(?!911$|\+18007468181$)"))


def test_data_library_names_each_publisher_and_data_set(real_site):
    url = "resources/data-library/"
    text = main_text(real_site, url)
    for name in ("California Health Interview Survey", "AskCHIS", "UCLA Center for Health Policy Research",
                 "Medi-Cal Specialty Mental Health Services Performance Dashboards", "Transparency Suite",
                 "Data Notebook", "National Survey on Drug Use and Health", "SAMHSA"):
        assert name in text, name
    assert "2023 and 2024" in text  # the newest NSDUH state estimates (published December 2025)
    hrefs = [href for _, links in sources(real_site, url) for href in links]
    for host in ("https://ask.chis.ucla.edu/", "https://www.dhcs.ca.gov/", "https://www.samhsa.gov/",
                 "https://sonoma-county.legistar.com/"):
        assert any(h.startswith(host) for h in hrefs), host


# --- Advocacy -------------------------------------------------------------------------------------

def test_policy_decision_makers_county_and_state_bodies(real_site):
    url = "advocacy/policy-decision-makers/"
    county = list_after(real_site, url, "In Sonoma County")
    assert [c.split(".")[0] for c in county] == [
        "Sonoma County Board of Supervisors", "Department of Health Services, Behavioral Health Division",
        "Sonoma County Behavioral Health Board"]
    # Since 1 July 2026 the Board approves the three-year Integrated Plan (WIC § 5963.02), not an MHSA plan.
    assert "five members" in county[0] and "Integrated Plan" in county[0] and "§ 5963.02" in county[0]
    assert "Mental Health Board" in county[2] and "January 1, 2025" in county[2]
    state = list_after(real_site, url, "In California")
    assert [s.split(".")[0] for s in state] == [
        "The California Legislature", "Department of Health Care Services (DHCS)",
        "Behavioral Health Services Oversight and Accountability Commission",
        "California Behavioral Health Planning Council"]
    assert "MHSOAC" in state[2] and "Commission for Behavioral Health" in state[2] and "2004" in state[2]
    assert "At least half" in state[3] and "2018" in state[3]
    main = real_site.soup(url).find("main")
    assert main.find("a", href=re.compile(r"/advocacy/board-of-supervisors/$"))


def test_board_of_supervisors_meetings_agendas_and_public_comment(real_site):
    url = "advocacy/board-of-supervisors/"
    text = main_text(real_site, url)
    assert "five members, one from each district" in text
    assert "Tuesdays at 8:30 a.m." in text and "575 Administration Drive, Santa Rosa" in text
    assert "72 hours" in text and "Brown Act" in text
    speaking = list_after(real_site, url, "Speak at a meeting")
    assert speaking[0].startswith("You have the right to speak")
    assert any(s.startswith("The Board may not ban criticism") for s in speaking)
    assert any("in person, by email" in s for s in speaking)
    hrefs = [href for _, links in sources(real_site, url) for href in links]
    assert "https://sonoma-county.legistar.com/Calendar.aspx" in hrefs
    assert any("lawCode=GOV&sectionNum=54954.3" in h for h in hrefs)
    # No meeting date is promised: the page sends readers to the county's calendar instead.
    assert not re.search(r"\b(January|February|March|April|May|June|July|August|September|October|"
                         r"November|December) \d{1,2}, 2026\b", text)


def test_law_enforcement_spanish_twin_keeps_the_corrected_facts(real_site):
    url = "es/resources/law-enforcement/"
    text = main_text(real_site, url)
    for fact in ("SB 43", "1 de enero de 2026", "seguridad personal", "atención médica",
                 "trastorno grave por consumo de sustancias", "7 días", "4 días", "14 días"):
        assert fact in text, fact
    # "Detener" is to arrest: the page says a hold is not an arrest, so it never uses the word.
    assert not re.search(r"\bdet(ener|iene)\b", text)
    assert real_site.soup(url).find("main").find("a", href="tel:+18007468181")
