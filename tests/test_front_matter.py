"""The front-matter checks: one fixture site per mistake (tests/fixtures/sites/front_matter_*),
each built for real and asserted on its exact message, line, page and `make check` exit code;
then the pure core (checks.py) on its own, and the guide's table against the one list."""

import logging
import re
import subprocess
from pathlib import Path

import pytest
from pelican.plugins.nested_navigation import menu_link_value, order_value
from pelican.utils import get_date

from conftest import FIXTURES, ROOT, build_site, fixture_copy_with_essentials, get_settings
from front_matter import checks, front_matter
from front_matter import fields as F

SITES = FIXTURES / "sites"
PREFIX = "tests/fixtures/sites"  # paths as the build shows them, relative to the repository

# One fixture per mistake: (fixture, the exact error it must give).
MISTAKES = {
    "missing_title": f"{PREFIX}/front_matter_missing_title/pages/housing-help.md:1: error: this "
    "page has no title; add a first line like `Title: Housing help` (until then it is built "
    "with that title)",
    "unknown_field": f"{PREFIX}/front_matter_unknown_field/pages/housing-help.md:2: error: "
    "`Sumary` is not a field; did you mean `Summary`?",
    "bad_date": f"{PREFIX}/front_matter_bad_date/news/sonoma-county/meeting.md:2: error: the "
    'date "31/02/2024" is not a date Pelican can read; write it as YYYY-MM-DD, e.g. 2024-02-29',
    "bad_order": f"{PREFIX}/front_matter_bad_order/pages/housing-help.md:3: error: `Order` must "
    'be a number, not "second"; write e.g. `Order: 3`',
    "unknown_status": f"{PREFIX}/front_matter_unknown_status/pages/housing-help.md:3: error: "
    '"publshed" is not a known `Status`; did you mean "published"? Write one of: draft, hidden, '
    "published",
    "unknown_category": f"{PREFIX}/front_matter_unknown_category/news/sonoma-county/meeting.md:3: "
    'error: "Sonoma" is not a known `Category`; did you mean "Sonoma County"? Write one of: '
    "Action Alert, Sonoma County, Peer Voices Now",
    "same_url": f"{PREFIX}/front_matter_same_url/pages/about/index.md:1: error: this file and "
    f"{PREFIX}/front_matter_same_url/pages/about.md both publish to /about/, and an address can "
    "hold only one page, so only one of the two was built; rename or move one of them",
    "not_utf8": f"{PREFIX}/front_matter_not_utf8/pages/cafe.md:5: error: this file is not saved "
    "as UTF-8: the byte 0xE9 on this line cannot be read, so a letter may show wrongly. Open the "
    'file in a text editor and save it with the encoding "UTF-8" (GitHub\'s web editor always '
    "saves UTF-8)",
}

# Where each fixture's page must still be, mistake and all: nothing a volunteer wrote vanishes.
STILL_BUILT = {
    "missing_title": ("housing-help/", "Housing help"),
    "unknown_field": ("housing-help/", "Housing help"),
    "bad_date": (None, "A public meeting"),  # dated by the file instead; its year varies
    "bad_order": ("housing-help/", "Housing help"),
    "unknown_status": ("housing-help/", "Housing help"),  # built as the status it suggests
    "unknown_category": ("news/2024/meeting/", "A public meeting"),
    "same_url": ("about/", None),  # one of the two: which one depends on the reading order
    "not_utf8": ("cafe/", "Peer cafe"),
}


def front_matter_messages(site, level=logging.WARNING):
    return [r.getMessage() for r in site.records
            if r.name.startswith("front_matter") and r.levelno >= level]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each mistake's fixture site, built once for this module."""
    sites = {}

    def build(name):
        if name not in sites:
            output = tmp_path_factory.mktemp(f"front_matter_{name}") / "output"
            sites[name] = build_site(SITES / f"front_matter_{name}", output)
        return sites[name]

    return build


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_one_error_at_its_line(built, mistake):
    site = built(mistake)
    assert front_matter_messages(site) == [MISTAKES[mistake]]
    assert MISTAKES[mistake] in site.errors


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_pelican_neither_drops_the_page_nor_says_it_its_own_way(built, mistake):
    site = built(mistake)
    for message in site.messages():
        assert not message.startswith(("Skipping", "Could not process", "Unknown status")), message
        assert "Failed to overwrite" not in message and "Traceback" not in message
    url, title = STILL_BUILT[mistake]
    if url is None:
        [page] = [p for p in site.pages() if p.endswith("/meeting/index.html")]
        url = page[: -len("index.html")]
    assert site.file_for(url).exists(), f"{mistake}: {url} was not built"
    if title:
        assert site.soup(url).h1.get_text(strip=True) == title


def make_check(tmp_path, name):
    """`make check` on a copy of the fixture (plus the pages every page links to), as CI runs
    it; the messages then name the copy's files as content/…"""
    content = fixture_copy_with_essentials(tmp_path, f"front_matter_{name}")
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"INPUTDIR={content}",
         f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    return result, result.stdout + result.stderr


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_make_check_fails_with_the_message_and_only_it(tmp_path, mistake):
    result, output = make_check(tmp_path, mistake)
    assert result.returncode == 2, output  # make's status when build_report --strict exits 1
    expected = MISTAKES[mistake].replace(f"{PREFIX}/front_matter_{mistake}/", "content/")
    assert expected in output.splitlines()
    assert "build: 1 error," in output and "build: failed. Fix each error above" in output
    assert "Traceback" not in output


def test_make_check_passes_on_correct_front_matter(tmp_path):
    result, output = make_check(tmp_path, "clean")
    assert result.returncode == 0, output
    assert "build: 0 errors" in result.stdout


def test_correct_front_matter_gives_no_findings(fixture_site):
    site = fixture_site("front_matter_clean")
    assert front_matter_messages(site, logging.INFO) == []
    assert site.soup("housing-help/").h1.get_text(strip=True) == "Housing help"
    assert site.file_for("news/2024/meeting/").exists()
    assert not site.file_for("draft/").exists()


def test_the_real_content_has_no_front_matter_findings(real_site):
    assert front_matter_messages(real_site, logging.INFO) == []


def test_the_missing_title_is_made_from_the_file_name(built):
    soup = built("missing_title").soup("housing-help/")
    assert soup.title.get_text().startswith("Housing help")


def test_an_unreadable_date_keeps_the_post_under_the_files_own_date(built):
    pages = built("bad_date").pages()
    assert any(re.fullmatch(r"news/\d{4}/meeting/index\.html", p) for p in pages), pages


def test_a_file_that_is_not_utf8_is_read_as_windows_1252(built):
    text = built("not_utf8").soup("cafe/").find("article").get_text()
    assert "The Café is open to all." in text


def test_the_cache_does_not_hide_findings(tmp_path):
    """A rebuild that reads an unchanged file from Pelican's cache reports its mistake again."""
    settings = dict(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH=str(tmp_path / "cache"))
    source = SITES / "front_matter_unknown_field"
    first = build_site(source, tmp_path / "one", **settings)
    again = build_site(source, tmp_path / "two", **settings)
    assert front_matter_messages(first) == [MISTAKES["unknown_field"]]
    assert front_matter_messages(again) == [MISTAKES["unknown_field"]]


# --- The core, without Pelican ----------------------------------------------------------------

RULES = checks.Rules(
    categories=("Action Alert", "Sonoma County", "Peer Voices Now"),
    templates=("glossary", "home", "page"),
    read_date=get_date,
    fallback_title="Housing help",
    fallback_date="2024-01-01",
)


def messages(text, kind=F.PAGE):
    return [str(f) for f in checks.check(text, kind, "p.md", RULES).findings]


def test_parse_reads_lines_like_markdown():
    front = checks.parse("---\nTitle: A\nSummary: one\n    two\n---\nText: not a field\n")
    assert [(e.name, e.values, e.line) for e in front.entries] == [
        ("Title", ["A"], 2), ("Summary", ["one", "two"], 3)]
    assert front.body_line == 6


def test_parse_reads_a_value_wrapped_onto_an_unindented_line():
    front = checks.parse("Title: A\nSummary: We meet\non Mondays.\nOrder: 2\n\nText\n")
    assert [(e.name, e.values, e.line) for e in front.entries] == [
        ("Title", ["A"], 1), ("Summary", ["We meet", "on Mondays."], 2), ("Order", ["2"], 4)]
    assert (front.body_line, front.problems) == (6, [])


WRAPPED = ("p.md:3: warning: each field is one line: this line is the rest of `Summary` wrapped "
           "onto a line of its own, so it was read as part of it; join it to the end of the line above")


@pytest.mark.parametrize("wrapped", [
    "summary of housing help.",  # was "`summary` needs a colon" and "`Summary` is given twice"
    "date and place.",  # was "`date` needs a colon" and "`Date` is only used on news posts"
    "order of their date.",  # was "`order` needs a colon" and "`Order` must be a number"
])
@pytest.mark.parametrize("after", ["Order: 2\n", ""])
def test_a_summary_wrapped_onto_a_line_that_starts_like_a_field_is_one_warning_there(wrapped, after):
    """GitHub's web editor or a paste can break a long `Summary:` before a word that is also a
    field's name; the volunteer is told the line belongs to the one above, not that a field
    lacks its colon."""
    result = checks.check(f"Title: Housing\nSummary: Where to find a\n{wrapped}\n{after}\nText\n",
                          F.PAGE, "p.md", RULES)
    assert [str(f) for f in result.findings] == [WRAPPED]
    assert result.meta["summary"] == ["Where to find a", wrapped]


@pytest.mark.parametrize("text, message", [
    ("Title: A\nOrder 2\n\nText\n", "p.md:2: error: `Order` needs a colon after its name; write `Order: 2`"),
    ("Title: A\norder 2\n\nText\n", "p.md:2: error: `order` needs a colon after its name; write `order: 2`"),
])
def test_a_field_missing_its_colon_is_still_read_as_that_field(text, message):
    assert messages(text) == [message]


def test_parse_stops_at_text_with_no_field_after_it_and_says_so():
    front = checks.parse("Title: A\nWe meet on Mondays.\n")
    assert [e.name for e in front.entries] == ["Title"]
    assert front.body_line == 2
    assert [(line, severity) for line, severity, _ in front.problems] == [(2, "warning")]


@pytest.mark.parametrize("text", [
    "\n\nTitle: A\nOrder: 2\n\nText\n",  # blank lines first
    "\tTitle: A\n\tOrder: 2\n\nText\n",  # a tab before each name
    "Title : A\nOrder  :  2\n\nText\n",  # spaces before the colon
    "---\ntitle: \"A\"\norder: '2'\n\n---\n\nText\n",  # Jekyll's and Hugo's YAML, quoted
])
def test_parse_reads_front_matter_as_volunteers_write_it(text):
    front = checks.parse(text)
    assert [(e.key, e.value) for e in front.entries] == [("title", "A"), ("order", "2")]
    assert front.problems == []
    assert checks.body_of(text, front).strip() == "Text"


def test_a_field_given_twice():
    assert messages("Title: A\nOrder: 1\nOrder: 2\n\nText\n") == [
        "p.md:3: error: `Order` is given twice (first on line 2); keep one of the two lines"]


def test_a_field_meant_for_news_posts_on_a_page_is_a_warning():
    assert messages("Title: A\nDate: 2024-01-02\n\nText\n") == [
        "p.md:2: warning: `Date` is only used on news posts, not on pages; delete this line"]


def test_a_news_post_needs_a_date_and_a_category():
    assert messages("Title: A\n\nText\n", F.ARTICLE) == [
        "p.md:1: error: this news post has no date; add a line like `Date: 2024-02-29` (the day "
        "it was published)",
        "p.md:1: error: this news post has no category; add a line like `Category: Action "
        "Alert` (one of: Action Alert, Sonoma County, Peer Voices Now)"]


def test_a_field_this_site_does_not_use_says_why():
    assert messages("Title: A\nSlug: a\n\nText\n") == [
        "p.md:2: error: `Slug` is not used on this site (a page's address comes from its file "
        "name and folder; rename the file to change it); delete this line"]


def test_a_text_line_without_a_blank_line_before_it():
    assert messages("Title: A\nImportant: bring ID\n\nText\n") == [
        "p.md:2: error: `Important` is not a field (the fields are "
        + ", ".join(f.name for f in F.FIELDS)
        + "); if this line is meant as text, leave a blank line between the fields and the text"]


def test_values_are_matched_in_any_case_and_passed_on_as_spelt_in_the_list():
    result = checks.check("Title: A\nStatus: Draft\nCategory: sonoma county\nDate: 2024-1-2\n\nT",
                          F.ARTICLE, "p.md", RULES)
    assert result.findings == []
    assert result.meta["status"] == ["draft"] and result.meta["category"] == ["Sonoma County"]


def test_an_unknown_status_without_a_near_one_is_held_back_as_a_draft():
    result = checks.check("Title: A\nStatus: skip\n\nT", F.PAGE, "p.md", RULES)
    assert result.meta["status"] == ["draft"]
    assert [str(f) for f in result.findings] == [
        'p.md:2: error: "skip" is not a known `Status`; write one of: draft, hidden, published']


def test_unknown_template():
    assert messages("Title: A\nTemplate: glosary\n\nT") == [
        'p.md:2: error: "glosary" is not a known `Template`; did you mean "glossary"? Write one '
        "of: glossary, home, page"]


def test_an_empty_value():
    assert messages("Title: A\nSummary:\n\nT") == [
        "p.md:2: error: `Summary` is empty; write its value after the colon (e.g. `Summary: "
        "Where to find housing help in Sonoma County.`) or delete the line"]


@pytest.mark.parametrize("written, example", [
    ("31/02/2024", "2024-02-29"), ("2/30/2023", "2023-02-28"), ("2024-13-01", "2024-01-13"),
    ("last tuesday", None), ("1/2", None)])
def test_example_date_is_near_what_was_meant(written, example):
    assert checks.example_date(written) == example


def test_decode_names_the_line_of_the_first_bad_byte():
    text, finding = checks.decode(b"Title: A\n\nline three\ncaf\xe9\n", "p.md")
    assert text.endswith("café\n")
    assert (finding.line, finding.severity) == (4, "error")
    assert checks.decode("Title: Ā\n".encode("utf-8-sig"), "p.md") == ("Title: Ā\n", None)


def test_the_guide_lists_the_same_fields():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    settings = get_settings()
    table = F.markdown_table(list(settings["CATEGORY_SUMMARIES"]), list(settings["LANGUAGES"]))
    assert table in guide, (
        "CONTRIBUTING.md's table of fields differs from plugins/front_matter/fields.py; paste "
        "the output of `python -m front_matter` over it")


def test_every_field_the_real_content_uses_is_known():
    used = set()
    for path in Path(ROOT / "content").rglob("*.md"):
        used |= {e.key for e in checks.parse(path.read_text(encoding="utf-8")).entries}
    assert used <= set(F.BY_KEY), sorted(used - set(F.BY_KEY))



def test_what_the_navigation_plugin_accepts_is_accepted():
    result = checks.check(
        "Title: A\nOrder: 2.5\nMenu: hidden\nMenu_link: [One](https://one.example/)\n"
        "Menu_link: [Two](/two/)\n\nT", F.SECTION, "index.md", RULES)
    assert result.findings == []
    assert result.meta["order"] == ["2.5"] and result.meta["menu"] == ["hidden"]
    assert result.meta["menu_link"] == ["[One](https://one.example/)", "[Two](/two/)"]


@pytest.mark.parametrize("value", ["[Markdown](https://en.wikipedia.org/wiki/Markdown_(language))",
                                   "[Two]( /two/ )", "Two /two/", "[Two](/a b/)", "[](/two/)"])
def test_menu_link_is_read_exactly_as_the_menu_reads_it(value):
    # One reader for both: what the checks accept, the menu shows, and the reverse.
    result = checks.check(f"Title: A\nMenu_link: {value}\n\nT", F.SECTION, "index.md", RULES)
    assert (result.findings == []) == (menu_link_value(value) is not None), [f.message for f in result.findings]


@pytest.mark.parametrize("value", ["3", "2.5", "-1", ".5", "three", "2.5.1", "nan", "inf", ""])
def test_order_is_read_exactly_as_the_menu_reads_it(value):
    result = checks.check(f"Title: A\nOrder: {value}\n\nT", F.PAGE, "a.md", RULES)
    order_findings = [f for f in result.findings if "Order" in f.message or "order" in f.message]
    assert (order_findings == []) == (order_value(value) is not None), value


def test_settings_are_merged_over_the_defaults_and_bad_ones_logged(caplog):
    user = {"categories": "Action Alert", "colours": 2}
    config = front_matter.get_config({"FRONT_MATTER": user, "CATEGORY_SUMMARIES": {"A": "", "B": ""}})
    reserved = front_matter.DEFAULTS["reserved"]
    assert config == {"categories": ["A", "B"], "reserved": reserved}
    assert user == {"categories": "Action Alert", "colours": 2}
    assert front_matter.get_config({"FRONT_MATTER": {"categories": ["A"]}}) == {
        "categories": ["A"], "reserved": reserved}
    problems = sorted(r.getMessage() for r in caplog.records)
    assert problems == [
        "front_matter: FRONT_MATTER['categories'] must be a list of category names, not 'Action "
        "Alert'; using None",
        "front_matter: unknown key 'colours' in FRONT_MATTER (known keys: categories, reserved); "
        "ignored"]
