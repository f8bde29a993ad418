"""Events (plugins/events, front_matter/event_checks.py): one fixture site per mistake with its
exact message; the clean fixture's pages, .ics files (parsed back with icalendar), calendar
feed and JSON-LD; the Events page of the real site, which lists no event."""

import datetime
import json
import re
import subprocess
import sys
import zoneinfo

import pytest
from icalendar import Calendar
from pelican.utils import get_date

from conftest import FIXTURES, ROOT, build_site, fixture_copy_with_essentials
from events import schedule
from front_matter import checks, event_checks
from test_spanish import ES, english_on_page

SITES = FIXTURES / "sites"
PREFIX = "tests/fixtures/sites"

MISTAKES = {
    "end_before_start": f"{PREFIX}/events_end_before_start/events/meeting.md:4: error: the event "
    "ends (2027-05-04 17:00) before it starts (2027-05-04 18:00); correct `End` or `Start`",
    "past_listed_upcoming": f"{PREFIX}/events_past_listed_upcoming/events/meeting.md:3: error: "
    "this event ended on 2020-05-04, before this file was last changed, so it can only be listed "
    "under past events, not upcoming ones; if it is still to come, correct the year in `Start` "
    "and `End`; to tell people about a meeting that has happened, write a news post instead",
    "unknown_repeat": f"{PREFIX}/events_unknown_repeat/events/meeting.md:6: error: \"every second "
    "Tuesday\" is not a repeat rule this site knows; write `every Tuesday`, or `first Tuesday of "
    "each month` (first, second, third, fourth or last; any day of the week)",
}


def event_messages(site):
    return [r.getMessage() for r in site.records
            if r.name.startswith(("front_matter", "events")) and r.levelno >= 30]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sites = {}

    def build(name, **overrides):
        key = (name, repr(sorted(overrides.items())))
        if key not in sites:
            output = tmp_path_factory.mktemp(f"events_{name}") / "output"
            sites[key] = build_site(SITES / f"events_{name}", output, **overrides)
        return sites[key]

    return build


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_event_mistake_is_one_error_at_its_line(built, mistake):
    site = built(mistake)
    assert event_messages(site) == [MISTAKES[mistake]]
    # The event is still published: a mistake is reported, never a page dropped.
    assert site.file_for("events/meeting/").exists()


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_make_check_fails_on_each_event_mistake(tmp_path, mistake):
    content = fixture_copy_with_essentials(tmp_path, f"events_{mistake}")
    result = subprocess.run(["make", "--no-print-directory", "check", f"INPUTDIR={content}",
                             f"OUTPUTDIR={tmp_path / 'output'}"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert MISTAKES[mistake].replace(f"{PREFIX}/events_{mistake}/", "content/") in output.splitlines()
    assert "build: 1 error," in output and "Traceback" not in output


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The clean fixture, with what every page links to, built on 1 December 2026."""
    folder = tmp_path_factory.mktemp("events_clean")
    content = fixture_copy_with_essentials(folder, "events_clean")
    return build_site(content, folder / "output", EVENTS={"today": "2026-12-01"},
                      SITEURL="https://example.org")


def test_the_clean_fixture_builds_without_findings(clean):
    assert clean.errors == [] and clean.warnings == []


def test_the_events_page_lists_upcoming_events_soonest_first(clean):
    soup = clean.soup("events/")
    upcoming = soup.select("#events-upcoming ~ ul .event-list__title a")
    assert [a["href"] for a in upcoming] == ["https://example.org/events/monthly-circle/",
                                             "https://example.org/events/peer-night/"]
    assert soup.select_one("#events-past") is None
    assert soup.select_one(".event-list__when time")["datetime"] == "2027-01-05T17:30:00-05:00"
    feed = soup.select_one(".events-feed a")
    assert feed["href"] == "https://example.org/events/calendar.ics"


@pytest.fixture(scope="module")
def with_spanish(tmp_path_factory):
    """The clean fixture with a Spanish Events page (events themselves have no translations:
    the Spanish page lists the English ones)."""
    folder = tmp_path_factory.mktemp("events_spanish")
    content = fixture_copy_with_essentials(folder, "events_clean")
    (content / "pages" / "events" / "index.es.md").write_text(
        "Title: Eventos\nSummary: Reuniones y eventos.\nTemplate: events\n\nReuniones del consejo.\n",
        encoding="utf-8")
    return build_site(content, folder / "output", EVENTS={"today": "2026-12-01"})


def test_the_spanish_events_page_marks_the_english_events_as_english(with_spanish):
    site = with_spanish
    assert site.errors == []
    spanish = site.soup("es/events/")
    assert spanish.html["lang"] == "es"
    items = spanish.select(".event-list__item")
    assert len(items) == 2
    for item in items:
        # The event's own words are marked English, and said to be; its date is the page's.
        title = item.select_one(".event-list__title a")
        assert title.select_one("[lang=en]") is not None
        assert title.select_one(".in-other-language").get_text() == "(en inglés)"
        assert item.select_one(".event-list__when").get("lang") is None
    assert all(item.select_one("[lang]") is None for item in site.soup("events/").select(".event-list__item"))


def test_dates_and_repeat_rules_are_in_the_page_language(with_spanish):
    site = with_spanish
    when = [t.get_text() for t in site.soup("es/events/").select(".event-list__when time")]
    assert when == ["martes 5 de enero de 2027, de 5:30 p. m. a 7:00 p. m. (hora del Este)",
                    "martes 2 de marzo de 2027, de 6:00 p. m. a 7:30 p. m. (hora del Pacífico)"]
    english = [t.get_text() for t in site.soup("events/").select(".event-list__when time")]
    assert english == ["Tuesday 5 January 2027, 5:30 pm to 7:00 pm EST",
                       "Tuesday 2 March 2027, 6:00 pm to 7:30 pm PST"]

    def facts(url):
        soup = site.soup(url)
        return {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
                for dt in soup.select(".event-facts dt")}

    assert facts("events/monthly-circle/")["Repeats"] == (
        "The first Tuesday of each month until 31 December 2027")


def test_no_english_theme_words_on_the_spanish_events_pages(with_spanish):
    assert english_on_page(with_spanish.soup("es/events/")) == []


@pytest.mark.parametrize("ordinal, weekday, english, spanish", [
    (0, 6, "Every Sunday", "Todos los domingos"),
    (-1, 4, "The last Friday of each month", "El último viernes de cada mes"),
    (3, 0, "The third Monday of each month", "El tercer lunes de cada mes"),
])
def test_repeat_words(ordinal, weekday, english, spanish):
    repeat = event_checks.Repeat(weekday, ordinal)
    assert schedule.repeat_words(repeat) == english
    assert schedule.repeat_words(repeat, ES) == spanish


def test_an_event_over_two_days_names_both_days():
    zone = zoneinfo.ZoneInfo("America/Los_Angeles")
    start = datetime.datetime(2027, 6, 5, 21, 0, tzinfo=zone)
    end = datetime.datetime(2027, 6, 6, 0, 30, tzinfo=zone)
    assert schedule.when_words(start, end) == (
        "Saturday 5 June 2027, 9:00 pm to Sunday 6 June 2027, 12:30 am PDT")
    assert schedule.when_words(start, end, ES) == (
        "del sábado 5 de junio de 2027, 9:00 p. m., al domingo 6 de junio de 2027, 12:30 a. m. "
        "(hora del Pacífico)")


def test_later_an_event_that_has_ended_moves_to_past_and_a_repeating_one_shows_its_next_time(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "events_clean")
    site = build_site(content, tmp_path / "output", EVENTS={"today": "2027-04-01"})
    soup = site.soup("events/")
    assert [a["href"] for a in soup.select("#events-upcoming ~ ul .event-list__title a")] == [
        "/events/monthly-circle/"]
    assert [a["href"] for a in soup.select("#events-past ~ ul .event-list__title a")] == [
        "/events/peer-night/"]
    # First Tuesday of April 2027, in New York's summer time.
    assert soup.select_one("#events-upcoming ~ ul time")["datetime"] == "2027-04-06T17:30:00-04:00"
    assert "Tuesday 6 April 2027, 5:30 pm to 7:00 pm EDT" in soup.select_one("#events-upcoming ~ ul time").text


def test_each_event_has_its_page_with_the_facts(clean):
    soup = clean.soup("events/peer-night/")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in soup.select(".event-facts dt")}
    assert facts == {
        "When": "Tuesday 2 March 2027, 6:00 pm to 7:30 pm PST",
        "Where": "Room </script><script>alert(1)</script> 2, 123 Example St, Santa Rosa, CA",
        "Cost": "Free",
        "Accessibility": "Step-free entrance. Quiet room next door.",
    }
    assert soup.select_one('a[href="https://example.org/events/peer-night/event.ics"]')
    online = clean.soup("events/monthly-circle/").select_one(".event-facts a")
    assert online["href"] == "https://meet.example.net/circle"


def _calendar(path):
    return Calendar.from_ical(path.read_bytes())


def test_each_event_ics_is_valid_rfc_5545(clean):
    calendar = _calendar(clean.output / "events" / "peer-night" / "event.ics")
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "peer-night@example.org"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event.decoded("DTSTART") == datetime.datetime(
        2027, 3, 2, 18, 0, tzinfo=event.decoded("DTSTART").tzinfo)
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(minutes=90)
    assert str(event["SUMMARY"]) == 'Peer night </script><script>alert(1)</script> & "friends"'
    assert str(event["URL"]) == "https://example.org/events/peer-night/"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    # Lines are folded at 75 octets and end in CRLF, as RFC 5545 says.
    raw = (clean.output / "events" / "peer-night" / "event.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_a_repeating_event_has_its_rule(clean):
    [event] = _calendar(clean.output / "events" / "monthly-circle" / "event.ics").walk("VEVENT")
    rule = event["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["1TU"]
    assert rule["UNTIL"][0].tzinfo is not None  # UTC, as RFC 5545 asks with a TZID start


def test_the_calendar_feed_holds_every_event(clean):
    calendar = _calendar(clean.output / "events" / "calendar.ics")
    assert sorted(str(e["UID"]) for e in calendar.walk("VEVENT")) == [
        "monthly-circle@example.org", "peer-night@example.org"]
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == [
        "America/Los_Angeles", "America/New_York"]


def test_json_ld_is_a_schema_org_event_and_no_title_ends_its_script(clean):
    html = clean.html("events/peer-night/")
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</script" not in script.lower() and "<" not in script
    data = json.loads(script)
    assert data["@type"] == "Event"
    assert data["name"] == 'Peer night </script><script>alert(1)</script> & "friends"'
    assert data["startDate"] == "2027-03-02T18:00:00-08:00"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"].startswith("Room </script>")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    online = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                  clean.html("events/monthly-circle/"), re.S).group(1))
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.net/circle"}
    assert online["startDate"] == "2027-01-05T17:30:00-05:00"


def test_the_real_site_lists_no_event_and_says_how_to_ask(real_site):
    soup = real_site.soup("activities/events/")
    none = soup.select_one(".events-none")
    assert none is not None
    assert none.select_one('a[href="tel:+17074817965"]').get_text() == "(707) 481-7965"
    assert soup.select(".event-list") == []
    assert not (real_site.output / "events" / "calendar.ics").exists()


# --- The checks on their own -------------------------------------------------------------

def _check(text):
    front = checks.parse(text)
    rules = checks.Rules(read_date=lambda v: get_date(v))
    result = checks.check(text, "event", "e.md", rules)
    return [str(f) for f in result.findings + event_checks.check(
        front, result.meta, "e.md", "America/Los_Angeles", rules.read_date)]


def test_an_event_needs_times_and_somewhere_to_go():
    assert _check("Title: A meeting\n\nText") == [
        "e.md:1: error: this event has no `Start`; add a line like `Start: 2027-01-05 18:00`",
        "e.md:1: error: this event has no `End`; add a line like `End: 2027-01-05 19:30`",
        "e.md:1: error: this event has neither a `Place` nor an `Online` link; add one (or both) "
        "so people know where to go",
    ]


def test_unknown_time_zone_plain_online_link_and_until_without_repeat():
    assert _check("Title: A\nStart: 2027-01-05 18:00\nEnd: 2027-01-05 19:00\nTime_zone: Pacific\n"
                  "Online: www.example.org\nRepeat_until: 2027-02-01\n\nText") == [
        'e.md:4: error: "Pacific" is not a time zone; write one like `Time_zone: America/Los_Angeles` '
        "(until then America/Los_Angeles is used)",
        'e.md:5: error: `Online` must be a link that starts with https://, not "www.example.org"',
        "e.md:6: error: `Repeat_until` is only used with `Repeat`; add a `Repeat` line or delete this one",
    ]


def test_an_unreadable_start_is_reported_by_the_field_check():
    assert _check("Title: A\nStart: next Tuesday\nEnd: 2027-01-05 19:00\nPlace: Hall\n\nText") == [
        'e.md:2: error: the date "next Tuesday" is not a date Pelican can read; write it as '
        "YYYY-MM-DD, e.g. 2027-01-05 18:00"]


@pytest.mark.parametrize("words, rule", [
    ("every Tuesday", {"FREQ": "WEEKLY", "BYDAY": "TU"}),
    ("Every   friday", {"FREQ": "WEEKLY", "BYDAY": "FR"}),
    ("first Tuesday of each month", {"FREQ": "MONTHLY", "BYDAY": "1TU"}),
    ("the last Sunday of every month", {"FREQ": "MONTHLY", "BYDAY": "-1SU"}),
    ("third Wednesday of each month", {"FREQ": "MONTHLY", "BYDAY": "3WE"}),
])
def test_repeat_rules(words, rule):
    assert event_checks.parse_repeat(words).rrule == rule


@pytest.mark.parametrize("words", ["every second Tuesday", "monthly", "fifth Monday of each month", ""])
def test_repeat_rules_this_site_does_not_know(words):
    assert event_checks.parse_repeat(words) is None


def test_the_link_checker_covers_ics_files(tmp_path):
    """A missing .ics file is an error of the built site's link check."""
    content = fixture_copy_with_essentials(tmp_path, "events_clean")
    site = build_site(content, tmp_path / "output", EVENTS={"today": "2026-12-01"})
    assert site.errors == []
    (site.output / "events" / "peer-night" / "event.ics").unlink()
    (site.output / "events" / "calendar.ics").unlink()
    result = subprocess.run([sys.executable, "-m", "pelican.plugins.link_checker", "--settings",
                             str(ROOT / "pelicanconf.py"), str(site.output)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 2, result.stdout
    assert any('"/events/peer-night/event.ics" ' in line for line in errors)
    assert any('"/events/calendar.ics" ' in line for line in errors)
