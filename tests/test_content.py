"""The council's content, asserted on the real build: the key facts of each page, the glossary
table, the drafts that must stay unpublished, and no empty or placeholder page."""

import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import CONTENT, ROOT, in_ci
from front_matter.checks import parse
from kept_facts import facts as F

PLACEHOLDER = re.compile(r"\b(todo|tbd|placeholder|coming soon|lorem ipsum|under construction)\b", re.I)
#: In Spanish "todo" is an everyday word ("all"), so there only the capitals mark a to-do; the
#: Spanish phrases for "coming soon", "under construction" and "to be decided" count too.
PLACEHOLDER_ES = re.compile(r"\b(?:TODO|TBD)\b|(?i:\b(?:placeholder|coming soon|lorem ipsum|under construction"
                            r"|próximamente|en construcción|por definir)\b)")


def placeholder_in(text, spanish):
    return (PLACEHOLDER_ES if spanish else PLACEHOLDER).search(text)

GLOSSARY = [
    ("Decompensated", ["Not doing well"]),
    ("Manipulative", ["Getting needs met", "Strategic"]),
    ("Non-compliant", ["Doesn't want to"]),
    ("High functioning", ["Doing well"]),
    ("Low functioning", ["Having difficulty"]),
    ("He's a schizophrenic", ["He's a person with schizophrenia"]),
    ("Mentally ill", ["Has a mental health challenge", "Has lived mental health experience"]),
    ("Unmotivated", ["Doesn't want to"]),
    ("Client, patient", ["The person's name", "Person I work with"]),
    ("Chronic", ["In recovery"]),
    ("Delusional", ["Sees or hears things that others don't"]),
]

STANDARDS = [
    ("Community collaboration", "9 CCR § 3200.060"),
    ("Cultural competence", "9 CCR § 3200.100"),
    ('"Client driven"', "9 CCR § 3200.050"),
    ("Family driven", "9 CCR § 3200.120"),
    ("Wellness, recovery and resilience focused", "WIC § 5813.5(d)"),
    ("Integrated service experience", "9 CCR § 3200.190"),
]


def plain(text):
    """Text as a reader sees it, with smart quotes made plain and whitespace collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.replace("\xa0", " ").split())


def main_text(site, url):
    return plain(site.soup(url).find("main").get_text(" "))


def front_matter(path):
    """The file's fields (the first value of each), read by the project's one parser."""
    entries = parse(path.read_text(encoding="utf-8")).entries
    return {e.key: " ".join(e.values) for e in reversed(entries)}


def source_files():
    return sorted(p for p in (CONTENT / "pages").rglob("*.md")) + sorted((CONTENT / "news").rglob("*.md"))


def page_url(path):
    """Where a page under content/pages is published: pages/resources/emergency.md -> resources/emergency/,
    and its Spanish version pages/resources/emergency.es.md -> es/resources/emergency/."""
    rel = path.relative_to(CONTENT / "pages").with_suffix("").as_posix()
    lang = ""
    if rel.endswith(".es"):
        rel, lang = rel[: -len(".es")], "es/"
    rel = re.sub(r"(^|/)index$", "", rel)
    return f"{lang}{rel}/" if rel else lang


# The facts each page must keep (a number, a law's name and section, a date, a name, an official
# address) are its front matter's `Keep:` lines: the strict build errs at the line of any that is
# gone (plugins/kept_facts), so test_real_site_builds_without_errors guards them all, and
# tests/test_rewording.py proves that rewording the pages around them passes. The tests here
# guard what is not a sentence: links, lists of sources, the glossary's rows, tables.

def keep_facts(path):
    """The facts a page's `Keep:` lines name."""
    return [F.parse(e.value, e.line).words for e in parse(path.read_text(encoding="utf-8")).entries
            if e.key == "keep"]


#: Pages whose facts the content tests used to pin as sentences: each must name them in `Keep:`
#: lines, in English and in Spanish.
KEEPS_FACTS = ["index", "about/welcome", "about/org-dev", "about/get-involved", "resources/emergency",
               "resources/peer-support", "resources/intentional-peer-support", "resources/employment",
               "resources/advanced-care-directives", "resources/law-enforcement", "resources/data-library",
               "activities/sb-803-peer-certification", "activities/mental-health-board",
               "activities/may-mh-month", "activities/conferences", "advocacy/mhsa",
               "advocacy/community-planning", "advocacy/california", "advocacy/employment",
               "advocacy/policy-decision-makers", "advocacy/board-of-supervisors", "history/index",
               "history/sonoma-county", "history/peer-movement"]


@pytest.mark.parametrize("page", KEEPS_FACTS)
def test_each_page_and_its_translation_name_the_facts_they_keep(real_site, page):
    for suffix in (".md", ".es.md"):
        path = CONTENT / "pages" / (page + suffix)
        if path.exists():
            assert keep_facts(path), f"{path.name}: no `Keep:` line"
    assert not [m for m in real_site.errors if "a fact this page must keep" in m]


def test_the_crisis_pages_keep_every_crisis_number():
    for name, numbers in (("emergency.md", ("988", "911", "1-800-746-8181", "(855) 845-7415", "838255",
                                            "sms:741741?body=HOME", "sms:988?body=AYUDA")),
                          ("emergency.es.md", ("988", "911", "1-800-746-8181", "(855) 845-7415",
                                               "sms:741741?body=AYUDA", "sms:988?body=AYUDA", "442-AYUDAME"))):
        assert set(numbers) <= set(keep_facts(CONTENT / "pages" / "resources" / name)), name


# --- Home and About --------------------------------------------------------------------------------

def test_home_links_to_the_councils_phone_emergency_help_and_the_ways_to_take_part(real_site):
    main = real_site.soup("").find("main")
    assert main.find("a", href="tel:+17074817965", string="(707) 481-7965")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    assert {"/resources/emergency/", "/about/get-involved/", "/resources/peer-support/"} <= hrefs


def test_welcome_links_to_the_councils_phone_and_the_ideas_it_shares(real_site):
    main = real_site.soup("about/welcome/").find("main")
    assert main.find("a", href="tel:+17074817965")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    assert {"/resources/intentional-peer-support/", "/resources/recovery-language/"} <= hrefs


# --- Resources ----------------------------------------------------------------------------------------

def test_emergency_page_links_every_crisis_line_and_marks_its_spanish(real_site):
    main = real_site.soup("resources/emergency/").find("main")
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    assert {"tel:988", "sms:988", "sms:988?body=AYUDA", "sms:838255", "tel:911", "tel:+18007468181",
            "sms:741741?body=HOME", "tel:+18558457415"} <= hrefs
    # The Spanish option is written in Spanish, marked as such for screen readers.
    spanish = main.find(attrs={"lang": "es"})
    assert spanish is not None and spanish.find("a", href="sms:988?body=AYUDA")


@pytest.mark.parametrize("url", ["resources/emergency/", "es/resources/emergency/"])
def test_emergency_page_gives_the_county_line_first_and_crisis_text_line_in_spanish(real_site, url):
    """Issue 20/24: the county's 24/7 line is in the page's first screen (the first section, before
    the 988 details), and both languages link the Crisis Text Line's Spanish option (its WhatsApp
    number, 442-AYUDAME, is a Keep line of both)."""
    main = real_site.soup(url).find("main")
    county = main.find("h2").find_next("a", href=re.compile(r"^tel:"))
    assert county["href"] == "tel:+18007468181"
    assert main.find("a", href="sms:741741?body=AYUDA")


@pytest.mark.parametrize("url", ["activities/sb-803-peer-certification/",
                                 "es/activities/sb-803-peer-certification/"])
def test_sb_803_page_links_to_the_certifying_body_and_the_state(real_site, url):
    """Issue 24: who certifies, the training, the fees and renewal (CalMHSA's figures, checked
    2026-12-04) are Keep lines; the page links to CalMHSA's site and to DHCS."""
    hrefs = [a["href"] for a in real_site.soup(url).find("main").find_all("a", href=True)]
    assert any(h.startswith("https://www.capeercertification.org/") for h in hrefs)
    assert any(h.startswith("https://www.dhcs.ca.gov/") for h in hrefs)


def test_glossary_table_has_one_row_per_entry_of_the_data_file_in_order(real_site):
    terms = yaml.safe_load((CONTENT / "data" / "recovery-language.yml").read_text(encoding="utf-8"))["terms"]
    # The data file keeps the council's list (Kate Roberge, 2020): its pairs are the glossary's facts.
    assert [(plain(t["clinical"]), [plain(r) for r in t["recovery"]]) for t in terms] == GLOSSARY
    soup = real_site.soup("resources/recovery-language/")
    table = soup.find("main").find("table")
    assert table.caption and plain(table.caption.get_text())
    assert [th.get("scope") for th in table.thead.find_all("th")] == ["col", "col"]
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(terms)
    for row, term in zip(rows, terms, strict=True):
        cells = row.find_all("td")
        assert plain(cells[0].get_text()) == plain(term["clinical"])
        alternatives = [plain(li.get_text()) for li in cells[1].find_all("li")] or [plain(cells[1].get_text())]
        assert alternatives == [plain(r) for r in term["recovery"]], term["clinical"]
    # The page's own text comes first, then the table.
    assert table.find_previous("h2") is not None


def test_intentional_peer_support_does_not_name_the_wrong_task(real_site):
    # The third task is Mutuality (IPS; fact-check of 2026-12-04), a `Keep` line; "mutual respect" was wrong.
    assert "Mutual respect" not in main_text(real_site, "resources/intentional-peer-support/")


def test_both_employment_pages_are_distinct(real_site):
    resources = real_site.file_for("resources/employment/")
    advocacy = real_site.file_for("advocacy/employment/")
    assert resources.exists() and advocacy.exists()
    assert main_text(real_site, "resources/employment/") != main_text(real_site, "advocacy/employment/")


# --- Advocacy -------------------------------------------------------------------------------------

def test_mhsa_six_standards_each_with_its_citation(real_site):
    table = real_site.soup("advocacy/mhsa/").find("main").find("table")
    rows = [[plain(td.get_text()) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    # The citations are the facts (Keep lines); the standards' names may be worded any way.
    assert [row[1] for row in rows] == [citation for _, citation in STANDARDS]
    assert all(row[0] for row in rows)


def sources(site, url):
    """The items of the page's "Sources" list, which must be its last heading."""
    article = site.soup(url).find("main").find("article")
    heading = article.find("h2", id="sources")
    assert heading is not None, f"{url}: no Sources list"
    assert article.find_all(["h2", "h3"])[-1] is heading, f"{url}: Sources must come last"
    return [plain(li.get_text(" ")) for li in heading.find_next("ul").find_all("li", recursive=False)]


BHSA_PAGES = ["advocacy/mhsa/", "advocacy/community-planning/", "history/sonoma-county/", "history/",
              "news/2026/bhsa-plans-start/"]
BHSA_SOURCES = {"advocacy/mhsa/": "pages/advocacy/mhsa.md", "advocacy/community-planning/":
                "pages/advocacy/community-planning.md", "history/sonoma-county/": "pages/history/sonoma-county.md",
                "history/": "pages/history/index.md", "news/2026/bhsa-plans-start/":
                "news/sonoma-county/bhsa-plans-start.md"}


@pytest.mark.parametrize("url", BHSA_PAGES)
def test_bhsa_change_is_told_where_the_mhsa_is(real_site, url):
    # Proposition 1 and the Behavioral Health Services Act are Keep lines of each page.
    assert {"Proposition 1", "Behavioral Health Services Act"} <= set(keep_facts(CONTENT / BHSA_SOURCES[url]))
    sources(real_site, url)  # a Sources list, last on the page
    ul = real_site.soup(url).find("main").find("h2", id="sources").find_next("ul")
    cited = " ".join(sources(real_site, url) + [a.get("href", "") for a in ul.find_all("a")])
    assert "dhcs.ca.gov" in cited, url


def test_mhsa_page_cites_the_law_that_made_the_bhsa(real_site):
    assert any("SB 326" in item and "2023" in item for item in sources(real_site, "advocacy/mhsa/"))


# --- History and News ---------------------------------------------------------------------------------

def test_both_sonoma_county_pages_are_distinct(real_site):
    history = main_text(real_site, "history/sonoma-county/")
    news = main_text(real_site, "news/sonoma-county/")
    assert history != news


ARTICLES = {
    "news/2020/sb-803-signed/": ("Action Alert", "2020-09-25"),
    "news/2021/pal-year-three/": ("Peer Voices Now", "2021-04-01"),
    "news/2022/988-starts/": ("Sonoma County", "2022-07-16"),
    "news/2026/bhsa-plans-start/": ("Sonoma County", "2026-07-01"),
}


@pytest.mark.parametrize("url, expected", ARTICLES.items())
def test_articles_have_real_dates_and_categories(real_site, url, expected):
    category, date = expected
    soup = real_site.soup(url)
    assert soup.find("time", attrs={"datetime": re.compile("^" + date)}) is not None, url
    assert category in plain(soup.get_text(" "))
    assert soup.h1.get_text(strip=True) in main_text(real_site, "news/")


# --- Get involved ------------------------------------------------------------------------------------

GET_INVOLVED = "about/get-involved/"
PUBLISHED_WITH_NEEDS = {
    "pages/about/get-involved.md", "pages/about/contact.md", "pages/advocacy/homeless.md",
    "pages/resources/education.md", "pages/activities/mhsa-committees.md",
}


def test_get_involved_is_reachable_from_home_and_the_menu(real_site):
    home = real_site.soup("")
    assert home.find("main").find("a", href="/" + GET_INVOLVED), "no link to Get involved in the home page's text"
    assert home.select_one(".site-nav").find("a", href="/" + GET_INVOLVED), "Get involved is not in the menu"


def test_get_involved_links_to_the_councils_phone_pal_and_the_countys_meetings(real_site):
    main = real_site.soup(GET_INVOLVED).find("main")
    assert main.find("a", href="tel:+17074817965", string="(707) 481-7965")
    assert main.find("a", href="https://www.camhpro.org/")
    assert main.find("a", href="https://sonoma-county.legistar.com/")
    assert any("dhcs.ca.gov" in item for item in sources(real_site, GET_INVOLVED))


def test_make_check_lists_what_get_involved_still_needs(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"INPUTDIR={CONTENT}", f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    heading = lines.index("To do: published pages that still need something (not an error):")
    [note] = [line for line in lines[heading:]
              if re.match(r"(.*/)?content/pages/about/get-involved\.md:1: note:", line)]
    assert "published, still needs:" in note
    assert front_matter(CONTENT / "pages" / "about" / "get-involved.md")["needs"] in note


# --- Menu labels ---------------------------------------------------------------------------------------

#: Pages whose titles are long or jargon: the menu shows their `Menu_label` instead.
MENU_LABELLED = {"/about/org-dev/": "pages/about/org-dev.md", "/advocacy/community-planning/":
                 "pages/advocacy/community-planning.md", "/advocacy/california/": "pages/advocacy/california.md",
                 "/advocacy/mhsa/": "pages/advocacy/mhsa.md", "/history/sonoma-county/":
                 "pages/history/sonoma-county.md"}


def test_menu_uses_each_pages_menu_label_and_no_jargon(real_site):
    nav = real_site.soup("").select_one(".site-nav")
    labels = {a["href"]: plain(a.get_text(" ")) for a in nav.find_all("a", href=True)}
    for href, source in MENU_LABELLED.items():
        label = front_matter(CONTENT / source).get("menu_label")
        assert label and labels.get(href) == plain(label), href
    jargon = {"Org Dev", "CPP", "Community Planning (CPP)", "California", "MHSA"}
    assert not jargon & set(labels.values()), jargon & set(labels.values())


# --- Smaller points -----------------------------------------------------------------------------------

def test_pal_year_three_is_told_as_plans_not_as_events_that_happened(real_site):
    # "plans" is a Keep line of each page; these words would tell the plans as events.
    for url in ("advocacy/california/", "news/2021/pal-year-three/", "history/"):
        text = main_text(real_site, url)
        assert "events included" not in text and "runs the third year" not in text, url
    for source in ("pages/advocacy/california.md", "news/peer-voices-now/pal-year-three.md"):
        assert "plans" in keep_facts(CONTENT / source), source


def test_peer_certification_cites_sb_803(real_site):
    assert any("SB 803" in item and "2020" in item for item in sources(real_site, "resources/peer-support/"))


def test_the_404_page_has_no_last_updated_date(real_site):
    assert "Last updated" not in real_site.soup("404.html").get_text()
    assert "Last updated" in real_site.soup("about/welcome/").get_text()


def test_welcome_promises_only_what_it_says(real_site):
    assert "what to expect" not in main_text(real_site, "about/welcome/").lower()


# --- Every page ---------------------------------------------------------------------------------------

def test_drafts_are_unpublished_and_say_what_they_need():
    drafts = [p for p in source_files() if front_matter(p).get("status") == "draft"]
    assert drafts, "expected the pages without sources to be drafts"
    for path in drafts:
        needs = front_matter(path).get("needs", "")
        assert len(needs.split()) >= 6, f"{path}: a draft needs a 'Needs:' sentence"


def test_drafts_are_not_built(real_site):
    for path in (CONTENT / "pages").rglob("*.md"):
        if front_matter(path).get("status") == "draft":
            assert not real_site.file_for(page_url(path)).exists(), f"{path} was published"


def test_published_pages_have_a_summary_and_real_content(real_site):
    for path in source_files():
        meta = front_matter(path)
        if meta.get("status") in ("draft", "hidden") or path.name == "404.md":
            continue
        rel = path.relative_to(CONTENT).as_posix()
        assert meta.get("title"), rel
        assert meta.get("summary", "").endswith("."), f"{rel}: Summary should be one plain sentence"
        # 'Needs:' belongs on drafts, and on the few published pages that are useful now but
        # wait for the council's own facts; `make check` lists those too (test below).
        assert "needs" not in meta or rel in PUBLISHED_WITH_NEEDS, f"{rel}: 'Needs:' belongs on drafts only"
        if path.is_relative_to(CONTENT / "pages"):
            text = main_text(real_site, page_url(path))
            assert len(text.split()) >= 40, f"{rel}: published with almost no content"


def test_no_placeholder_words_anywhere(real_site):
    for path in source_files():
        assert not placeholder_in(path.read_text(encoding="utf-8"), path.name.endswith(".es.md")), path
    for page in real_site.pages():
        main = real_site.soup(page).find("main")
        if main is not None:
            assert not placeholder_in(main.get_text(" "), page.startswith("es/")), page


def test_placeholder_words_in_either_language():
    assert placeholder_in("Text to come. TODO: sources", spanish=False)
    assert placeholder_in("todo: sources", spanish=False)
    assert placeholder_in("Texto. TODO: fuentes", spanish=True)
    assert placeholder_in("Esta página estará lista próximamente.", spanish=True)
    assert placeholder_in("Página en construcción", spanish=True)
    assert not placeholder_in("Todo el mundo puede venir: es para todos y todo es gratis.", spanish=True)


def test_only_the_councils_phone_number_and_known_crisis_lines(real_site):
    allowed = {"tel:+17074817965", "tel:988", "tel:911", "sms:741741?body=HOME", "tel:+18558457415",
               "sms:741741?body=AYUDA",  # Crisis Text Line in Spanish (the Spanish pages)
               "sms:988", "sms:988?body=AYUDA", "sms:838255", "tel:+18007468181"}
    for page in real_site.pages():
        for a in real_site.soup(page).find_all("a", href=re.compile(r"^(tel|sms):")):
            assert a["href"] in allowed, f"{page}: {a['href']}"


SHARED_TOOL = ROOT.parent / "shared" / "tools" / "own_words.py"


def test_content_is_in_our_own_words():
    if not SHARED_TOOL.exists():
        # ../shared sits beside the project on the council's machines and in .ci/run, where a
        # missing tool is a failure; a GitHub runner never has it, so there it is a skip.
        message = "../shared/tools/own_words.py is not beside the project (../shared)"
        if in_ci() and not os.environ.get("GITHUB_ACTIONS"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([sys.executable, str(SHARED_TOOL), str(CONTENT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "0 files with prose copied" in result.stdout


def test_every_published_page_is_reachable_from_home(real_site):
    seen, todo = set(), [""]
    while todo:
        url = todo.pop()
        if url in seen or not real_site.file_for(url).exists():
            continue
        seen.add(url)
        for a in real_site.soup(url).find_all("a", href=True):
            href = a["href"].split("#")[0]
            if href.startswith("/") and not href.startswith("//"):
                todo.append(href.lstrip("/"))
    pages = [page_url(p) for p in (CONTENT / "pages").rglob("*.md")
             if front_matter(p).get("status") not in ("draft", "hidden") and p.name != "404.md"]
    assert sorted(p for p in pages if p not in seen) == []
