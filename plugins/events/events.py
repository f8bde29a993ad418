"""Pelican adapter: events from content/events/ (EVENT_PATHS), read with the checked Markdown
reader (front_matter), each with its own page, an .ics file and schema.org JSON-LD, and the
whole calendar as one subscribable .ics feed.

An event is a Markdown file like a news post, with the fields Start, End, Time_zone, Place,
Online, Accessibility, Cost, Repeat and Repeat_until (plugins/front_matter/fields.py; their
checks are in front_matter/event_checks.py). The generator adds to every template's context:

* ``events_upcoming``: [(next start, next end), event], soonest first; a repeating event is
  listed at its next time;
* ``events_past``: [(start, event)], latest first;
* ``events_feed_url``: the address of the calendar feed.

The Events page is a Markdown page with ``Template: events`` (content/pages/activities/events.md):
its own words, then the two lists, or, with no event, how to ask the council about meetings.
"Upcoming" is decided when the site is built: a published site needs a rebuild (the daily
scheduled build) to move an event that has ended to the past list.

Settings, merged over :data:`DEFAULTS`::

    EVENTS = {"feed": "events/calendar.ics", "today": None}

``today`` (YYYY-MM-DD) fixes the build's date, for tests; None is the real date.
``EVENT_URL`` and ``EVENT_SAVE_AS`` (Pelican's names, like PAGE_URL) default to
``events/{slug}/``; the slug is the file's name.
"""

import datetime
import logging
import os
import posixpath
from urllib.parse import urlsplit

from blinker import signal
from markupsafe import Markup
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.utils import get_date

from front_matter import checks, event_checks
from front_matter.front_matter import log_findings
from page_meta import history
from sitelib import findings, languages
from sitelib.settings import merge_settings

from . import schedule

log = logging.getLogger(__name__)

SETTING = "EVENTS"
DEFAULTS = {
    # Where the calendar feed of every event is written (and its address, below SITEURL).
    "feed": "events/calendar.ics",
    # The build's date, YYYY-MM-DD; None: today, in the site's time zone.
    "today": None,
}
#: The .ics file beside each event's page.
EVENT_ICS = "event.ics"

#: Sent with each event's metadata as it is read, as Pelican sends page_generator_context for
#: pages: front_matter's findings are logged from it, so a cached event reports them too.
event_generator_context = signal("event_generator_context")


def get_config(settings):
    return merge_settings(settings, SETTING, DEFAULTS, log, "events", valid={
        "feed": (lambda v: isinstance(v, str) and v.endswith(".ics"), "a path ending in .ics"),
        "today": (lambda v: v is None or isinstance(v, str), "a date YYYY-MM-DD (or None)")})


def read_date(value):
    return get_date(value.replace("_", " "))


class Event(Page):
    """A meeting or event: a page with times. Its address comes from EVENT_URL/EVENT_SAVE_AS
    (Pelican looks these up by the class's name) and its slug from its file name."""

    default_template = "event"

    def __init__(self, content, metadata=None, settings=None, source_path=None, context=None):
        # The slug before Pelican's own set-up, so that the address every plugin sees when the
        # event is made (front_matter checks it for clashes then) is already the final one.
        metadata = dict(metadata or {})
        if "slug" not in metadata and source_path:
            metadata["slug"] = os.path.splitext(os.path.basename(source_path))[0]
        super().__init__(content, metadata, settings, source_path, context)
        self.times = event_checks.read(self.metadata, self.settings.get("TIMEZONE") or "UTC",
                                       read_date)
        self.ics_url = posixpath.join(self.url, EVENT_ICS)
        self.next_time = None  # (start, end), set by the generator when it is still to come

    def _pair(self):
        return self.next_time or ((self.times.start, self.times.end) if self.times else None)

    def when_in(self, words=None):
        """The next time (or the only one) in words, in the language of ``words`` (a theme's
        strings with schedule.ENGLISH's keys; English without); "" when the times are unreadable."""
        pair = self._pair()
        return schedule.when_words(*pair, words) if pair else ""

    @property
    def when(self):
        return self.when_in()

    @property
    def start_iso(self):
        pair = self._pair()
        return pair[0].isoformat() if pair else ""

    def repeat_in(self, words=None):
        """The repeat rule in words ("Every Tuesday"), in the language of ``words``; "" if none."""
        return schedule.repeat_words(self.times.repeat, words) if self.times and self.times.repeat else ""

    @property
    def repeat_words(self):
        return self.repeat_in()

    def text(self, key):
        value = self.metadata.get(key) or ""
        return " ".join(value) if isinstance(value, (list, tuple)) else str(value)


def _absolute(settings, url):
    return f"{settings.get('SITEURL', '')}/{url}"


def details_of(event, settings):
    site = urlsplit(settings.get("SITEURL", "")).hostname or "localhost"
    return schedule.Details(
        uid=f"{event.slug}@{site}",
        title=str(event.title),  # plain text; script_json escapes what could end the script
        url=_absolute(settings, event.url),
        summary=str(Markup(event.summary or "").striptags()),
        place=event.text("place"), online=event.text("online"),
        accessibility=event.text("accessibility"), cost=event.text("cost"))


class EventsGenerator(Generator):
    """Reads content/events/, decides what is upcoming, writes the pages and .ics files."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.events = []  # published and listed
        self.hidden_events = []  # Status: hidden: published, listed nowhere
        self.config = get_config(self.settings)

    def today(self):
        zone = event_checks._zone(self.settings.get("TIMEZONE") or "UTC")
        if self.config["today"]:
            day = datetime.date.fromisoformat(self.config["today"])
            return datetime.datetime.combine(day, datetime.time(), zone)
        return datetime.datetime.now(zone)

    def generate_context(self):
        paths = self.settings.get("EVENT_PATHS") or []
        changed = history.last_changes(os.path.realpath(self.path)) if paths else {}
        for path in self.get_files(paths, exclude=self.settings.get("EVENT_EXCLUDES", [])):
            if self._is_translation(path):
                continue
            event = self.readers.read_file(
                base_path=self.path, path=path, content_class=Event, context=self.context,
                context_signal=event_generator_context, context_sender=self)
            if event.status == "draft" or not event.is_valid():
                continue  # a draft, or left out with an error (its name, its address)
            if self._in_another_language(event):
                continue
            source = os.path.realpath(event.source_path)
            event.last_updated = changed.get(source) or history.file_date(source)
            self._check_written_after_it_ended(event)
            (self.hidden_events if event.status == "hidden" else self.events).append(event)
            self.add_source_path(event)
        upcoming, past = schedule.split(self.events, self.today(), lambda e: e.times)
        for coming, event in upcoming:
            event.next_time = coming
        self.context["events_upcoming"] = upcoming
        self.context["events_past"] = past
        self.context["events_feed_url"] = _absolute(self.settings, self.config["feed"])
        self._update_context(("events", "hidden_events"))

    def _is_translation(self, path):
        """True (and an error) for ``meeting.es.md`` or an event with ``Lang: es``: the events
        lists, the calendar feed and the event page are in the site's own language only, so a
        Spanish event would be listed as a second English one. The error says what to do."""
        named = (languages.name_language(path) or "").lower()
        if named not in languages.other_languages(self.settings):
            return False
        shown = findings.display_path(os.path.join(self.path, path), self.settings.get("PATH"))
        original = os.path.basename(path).rsplit(".", 2)[0]
        name = languages.site_languages(self.settings).get(named, named)
        findings.log(log, findings.Finding(
            shown, 1, "error",
            f'this event\'s name ends in ".{named}", which makes a page a translation, but events '
            f"are listed and put in the calendar in one language only, so it is not published "
            f"(it would show as a second event); put the details in {name} into the text of "
            f"{original}.md, or, for an event of its own, name it {original}-{named}.md"))
        return True

    def _in_another_language(self, event):
        """True (and an error at its Lang line) for an event with ``Lang: es``: see
        :meth:`_is_translation`."""
        default = self.settings.get("DEFAULT_LANG")
        if getattr(event, "lang", default) == default:
            return False
        shown = findings.display_path(event.source_path, self.settings.get("PATH"))
        default = languages.site_languages(self.settings).get(default, default)
        findings.log(log, findings.Finding(
            shown, findings.field_line(event.metadata, "lang"), "error",
            f"`Lang: {event.lang}` makes this event a translation, but events are listed and put "
            "in the calendar in one language only, so it is not published (it would show as a "
            f"second event); delete the `Lang` line and write the event in {default}, with the "
            "details in other languages in its text"))
        return True

    def _check_written_after_it_ended(self, event):
        if event.times is None:
            return
        with open(event.source_path, "rb") as f:
            text, _ = checks.decode(f.read(), "")
        front = checks.parse(text)
        shown = findings.display_path(event.source_path, self.settings.get("PATH"))
        finding = event_checks.past_when_written(front, shown, event.times, event.last_updated)
        if finding:
            findings.log(log, finding)

    def generate_output(self, writer):
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        name = self.settings.get("SITENAME", "Events")
        organizer_url = self.settings.get("SITEURL", "") + "/" if self.settings.get("SITEURL") else ""
        feed = []
        for event in self.events + self.hidden_events:
            details = details_of(event, self.settings)
            json_ld = ""
            if event.times is not None:
                if event in self.events:  # a hidden event is in no list, the feed included
                    feed.append((event.times, details))
                self._write(os.path.join(event.save_as.rsplit("/", 1)[0], EVENT_ICS),
                            schedule.ics([(event.times, details)], name, stamp))
                json_ld = schedule.script_json(schedule.json_ld(
                    event.times, details, name, organizer_url, event.next_time))
            writer.write_file(event.save_as, self.get_template(event.template), self.context,
                              page=event, event=event, event_json_ld=Markup(json_ld),
                              relative_urls=self.settings["RELATIVE_URLS"], override_output=True)
        if feed:  # RFC 5545 wants at least one event in a calendar; with none, no feed
            self._write(self.config["feed"], schedule.ics(feed, name, stamp))

    def _write(self, relative, data):
        path = os.path.join(self.output_path, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def set_event_urls(pelican):
    """EVENT_URL and EVENT_SAVE_AS, which Pelican's content classes need, unless set."""
    pelican.settings.setdefault("EVENT_URL", "events/{slug}/")
    pelican.settings.setdefault("EVENT_SAVE_AS", "events/{slug}/index.html")
    pelican.settings.setdefault("EVENT_LANG_URL", "{lang}/events/{slug}/")
    pelican.settings.setdefault("EVENT_LANG_SAVE_AS", "{lang}/events/{slug}/index.html")
    pelican.settings.setdefault("EVENT_PATHS", ["events"])


def get_generators(pelican):
    return EventsGenerator


def register():
    # initialized: settings are read and no content object exists yet.
    signals.initialized.connect(set_event_urls)
    # get_generators: the one way to add a generator; its context is ready before any output.
    signals.get_generators.connect(get_generators)
    # front_matter logs each file's findings when its metadata is sent (as for pages and posts).
    event_generator_context.connect(log_findings)
