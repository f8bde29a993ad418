"""Names that cannot be an address, addresses two files want, and events that used to stop the
build: each is a ``path:line: error|warning:`` with the fix, never a bare exception, and the rest
of the site is still built (tests/fixtures/sites/names_and_events)."""

import os

import pytest

from conftest import FIXTURES, ROOT, build_site

NAME = "names_and_events"
S = f"tests/fixtures/sites/{NAME}"
LEFT_OUT = "so it is not published; rename it to"
BOTH = "and an address can hold only one page, so only one of the two was built; rename or move one of them"

EXPECTED = [
    f"{S}/news/sonoma-county/word-break.md:1: warning: this line holds a hidden control character, U+000B "
    "(U+000B is the line break Word adds with Shift+Enter), that a web page, the news feed and the sitemap "
    "cannot carry, so it was replaced by a space; delete it (retype the space)",
    f'{S}/pages/about/my page.md:1: error: the name "my page.md" has a space in it, which breaks links to '
    'it; rename it to "my-page.md" (small letters and hyphens, no spaces)',
    f'{S}/pages/about/faq#1.md:1: error: the name "faq#1.md" has `#` in it, which cannot go in a web address '
    f'(the page would be cut off there or stop the build), {LEFT_OUT} "faq-1.md" (small letters, digits and '
    "hyphens)",
    f'{S}/pages/about/why?.md:1: error: the name "why?.md" has `?` in it, which cannot go in a web address '
    f'(the page would be cut off there or stop the build), {LEFT_OUT} "why.md" (small letters, digits and '
    "hyphens)",
    f'{S}/pages/about/q&a.md:1: error: the name "q&a.md" has `&` in it, which cannot go in a web address '
    f'(the page would be cut off there or stop the build), {LEFT_OUT} "q-a.md" (small letters, digits and '
    "hyphens)",
    f'{S}/pages/about/Old Notes:1: error: the name "Old Notes" has a space in it, which breaks links to '
    'it; rename it to "old-notes" (small letters and hyphens, no spaces)',
    f'{S}/pages/about/Caps.md:1: warning: the name "Caps.md" has capital letters or letters outside a-z, so '
    'its address is easy to mistype; rename it to "caps.md" (small letters, digits and hyphens)',
    f"{S}/pages/index.md:3: error: this page's flyer would publish to /flyer/, which {S}/pages/flyer.md "
    "already takes, so no flyer was made; rename that file, or delete the line `Flyer: yes`",
    f"{S}/pages/pagefind.md:1: error: this file would publish to /pagefind/, the address of the search "
    "index, which the site makes itself, so it was not built; rename the file or move it to another folder",
    f'{S}/events/meeting.es.md:1: error: this event\'s name ends in ".es", which makes a page a translation, '
    "but events are listed and put in the calendar in one language only, so it is not published (it would "
    "show as a second event); put the details in Español into the text of meeting.md, or, for an event of "
    "its own, name it meeting-es.md",
    f"{S}/events/meeting.md:1: error: this file and {S}/events/2027/meeting.md both publish to "
    f"/events/meeting/, {BOTH}",
    f"{S}/events/calendar.ics.md:1: error: this file would publish to /events/calendar.ics/, the address of "
    "the calendar feed, which the site makes itself, so it was not built; rename the file or move it to "
    "another folder",
    f"{S}/pages/events/peer-night.md:1: error: this file and {S}/events/peer-night.md both publish to "
    f"/events/peer-night/, {BOTH}",
    f"{S}/events/encuentro.md:3: error: `Lang: es` makes this event a translation, but events are listed "
    "and put in the calendar in one language only, so it is not published (it would show as a second "
    "event); delete the `Lang` line and write the event in English, with the details in other languages "
    "in its text",
    f"{S}/events/far.md:3: error: the year 9999 in `Start` is not one an event can be in (it must be between "
    "1970 and 2200), so the event is not listed; correct the year",
    f"{S}/events/far.md:4: error: the year 9999 in `End` is not one an event can be in (it must be between "
    "1970 and 2200), so the event is not listed; correct the year",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / NAME, tmp_path_factory.mktemp("names") / "output")


def test_each_name_address_and_event_mistake_is_one_message_with_the_fix(site):
    messages = [r.getMessage() for r in site.records
                if r.name.startswith(("front_matter", "events", "safe_files"))]
    assert sorted(messages) == sorted(EXPECTED)


def test_no_bare_exception_and_the_rest_of_the_site_is_built(site):
    assert not [r for r in site.records if r.exc_info]
    out = site.output
    for page in ("index.html", "about/index.html", "about/welcome/index.html", "flyer/index.html",
                 "events/picnic/index.html", "events/picnic/event.ics",
                 "news/2026/word-break/index.html", "about/Caps/index.html", "sitemap.xml"):
        assert (out / page).is_file(), page
    assert "Word break" in site.soup("news/2026/word-break/").h1.get_text()
    assert "Word break" in (out / "feeds" / "news.atom.xml").read_text()
    for gone in ("about/q&a", "about/faq#1", "about/why?", "pagefind/index.html",
                 "events/calendar.ics/index.html", "es/events/meeting"):
        assert not (out / gone).exists(), gone
    calendar = (out / "events" / "calendar.ics").read_text()
    assert "Picnic" in calendar and "Far away" not in calendar
    assert "Reunión" not in calendar and "Encuentro" not in calendar
    assert not (out / "es" / "events").exists()
    assert site.soup("flyer/").h1.get_text(strip=True) == "Flyer"
    # One of the two meeting.md files has the address; the one with the earlier path wins.
    assert (out / "events" / "meeting" / "index.html").is_file()
    assert "Peer night page" in site.soup("events/peer-night/").h1.get_text()
