"""The checks only an event needs (content/events/, plugins/events), beside the field-by-field
checks of checks.py. Imports nothing from Pelican.

checks.py has already checked each value's form (a readable date and time, one line); here the
fields are read together, as an event: both times present and in order, a known time zone, a
place to go, a repeat rule this site can turn into a calendar rule, and (from the events plugin,
which knows when each file last changed) an event that was over before its file was written.
Each problem is a :class:`~findings.Finding` at the line to fix. :func:`read` gives the events
plugin the same reading of the times and the rule, so the two never disagree.
"""

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from sitelib.findings import Finding

from . import fields as F

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_DAY = "(?P<day>" + "|".join(WEEKDAYS) + ")s?"
WEEKLY_RE = re.compile(rf"(?:every|each) {_DAY}", re.IGNORECASE)
MONTHLY_RE = re.compile(rf"(?:the )?(?P<ordinal>{'|'.join(ORDINALS)}) {_DAY} of (?:each|every) month",
                        re.IGNORECASE)
#: The years an event's dates may fall in: a calendar, a feed and the time-zone rules need
#: dates they can compute a year either side of; anything outside is a mistyped year.
FIRST_YEAR, LAST_YEAR = 1970, 2200
#: An Online link: https, a host, then no space, quote, angle bracket or backslash anywhere.
ONLINE_RE = re.compile(r"https://[^\s/\"'<>\\`]+[^\s\"'<>\\`]*")
REPEAT_ADVICE = ("write `every Tuesday`, or `first Tuesday of each month` (first, second, third, "
                 "fourth or last; any day of the week)")


@dataclass(frozen=True)
class Repeat:
    """A repeat rule: weekly on ``weekday`` (0 = Monday), or monthly on its ``ordinal`` one."""

    weekday: int
    ordinal: int = 0  # 0: every week; 1..4 or -1 (last): that one of each month

    @property
    def rrule(self):
        """The rule as RFC 5545's RRULE parts (FREQ, BYDAY)."""
        day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[self.weekday]
        if self.ordinal:
            return {"FREQ": "MONTHLY", "BYDAY": f"{self.ordinal}{day}"}
        return {"FREQ": "WEEKLY", "BYDAY": day}

    def words(self):
        day = WEEKDAYS[self.weekday]
        if not self.ordinal:
            return f"every {day}"
        ordinal = next(word for word, number in ORDINALS.items() if number == self.ordinal)
        return f"{ordinal} {day} of each month"


def parse_repeat(text):
    """The :class:`Repeat` that ``text`` says, or None if it is not one this site knows."""
    text = " ".join(text.split())
    weekly = WEEKLY_RE.fullmatch(text)
    if weekly:
        return Repeat(WEEKDAYS.index(weekly.group("day").capitalize()))
    monthly = MONTHLY_RE.fullmatch(text)
    if monthly:
        return Repeat(WEEKDAYS.index(monthly.group("day").capitalize()),
                      ORDINALS[monthly.group("ordinal").lower()])
    return None


@dataclass(frozen=True)
class EventTimes:
    start: datetime.datetime  # aware, in the event's time zone
    end: datetime.datetime
    time_zone: str
    repeat: Repeat = None
    until: datetime.date = None


def _value(meta, key):
    value = meta.get(key)
    if isinstance(value, (list, tuple)):
        value = " ".join(v for v in value if v)
    return value.strip() if isinstance(value, str) else value


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder ("Pacific")
        return None


def _localise(value, zone, read_date):
    when = read_date(value)
    if isinstance(when, datetime.datetime) and when.tzinfo is not None:
        return when.astimezone(zone)
    if not isinstance(when, datetime.datetime):
        when = datetime.datetime.combine(when, datetime.time())
    return when.replace(tzinfo=zone)


def read(meta, default_zone, read_date):
    """The event's times and rule from checked values (lower-case keys, as Pelican stores them),
    or None when a time is missing or unreadable (then :func:`check` has said why)."""
    zone_name = _value(meta, "time_zone") or default_zone
    zone = _zone(zone_name) or _zone(default_zone)
    try:
        start = _localise(_value(meta, "start"), zone, read_date)
        end = _localise(_value(meta, "end"), zone, read_date)
    except (TypeError, AttributeError, ValueError, OverflowError):
        return None
    if not all(FIRST_YEAR <= when.year <= LAST_YEAR for when in (start, end)):
        return None  # check() has said which year to correct
    repeat = parse_repeat(_value(meta, "repeat") or "") if _value(meta, "repeat") else None
    until = None
    if _value(meta, "repeat_until"):
        try:
            until = read_date(_value(meta, "repeat_until")).date()
        except (ValueError, OverflowError, AttributeError, TypeError):
            until = None
        if until is not None and not FIRST_YEAR <= until.year <= LAST_YEAR:
            until = None
    return EventTimes(start, end, str(zone.key if hasattr(zone, "key") else zone_name), repeat, until)


def check(front, meta, shown, default_zone, read_date):
    """Findings for an event's fields taken together. ``front`` is checks.parse's front matter
    (for line numbers), ``meta`` the checked values checks.check gives Pelican; an Online value
    that is not an https link is taken out of ``meta``."""
    findings = []
    lines = {}
    for entry in front.entries:
        lines.setdefault(entry.key, entry.line)

    def report(key, message):
        findings.append(Finding(shown, lines.get(key, 1), "error", message))

    for key in ("start", "end"):
        spec = F.BY_KEY[key]
        if key not in lines:
            report(key, f"this event has no `{spec.name}`; add a line like "
                        f"`{spec.name}: {spec.example}`")
    zone_name = _value(meta, "time_zone")
    if zone_name and _zone(zone_name) is None:
        report("time_zone", f'"{zone_name}" is not a time zone; write one like '
                            f"`Time_zone: {default_zone}` (until then {default_zone} is used)")
    if not _value(meta, "place") and not _value(meta, "online"):
        report("title", "this event has neither a `Place` nor an `Online` link; add one (or both) "
                        "so people know where to go")
    online = _value(meta, "online")
    if online and not ONLINE_RE.fullmatch(online):
        # Left out of what Pelican gets, so the page, its .ics and its JSON-LD never link to it
        # (a javascript: or data: address would run code from the event's page).
        meta.pop("online", None)
        report("online", f'`Online` must be a link that starts with https://, not "{online}", so '
                         "it is left out of the event's page and calendar; write the meeting's "
                         "address with no spaces or quotes, like "
                         f"`Online: {F.BY_KEY['online'].example}`")
    repeat = _value(meta, "repeat")
    if repeat and parse_repeat(repeat) is None:
        report("repeat", f'"{repeat}" is not a repeat rule this site knows; {REPEAT_ADVICE}')
    if _value(meta, "repeat_until") and not repeat:
        report("repeat_until", "`Repeat_until` is only used with `Repeat`; add a `Repeat` line "
                               "or delete this one")

    for key in ("start", "end", "repeat_until"):
        year = _year(_value(meta, key))
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            report(key, f"the year {year} in `{F.BY_KEY[key].name}` is not one an event can be "
                        f"in (it must be between {FIRST_YEAR} and {LAST_YEAR}), so the event is "
                        "not listed; correct the year")
    times = read(meta, default_zone, read_date) if "start" in meta and "end" in meta else None
    if times is not None and times.end <= times.start:
        report("end", f"the event ends ({_format(times.end)}) before it starts "
                      f"({_format(times.start)}); correct `End` or `Start`")
    if times is not None and times.until is not None and times.until < times.start.date():
        report("repeat_until", f"`Repeat_until` ({times.until.isoformat()}) is before the first "
                               f"time the event happens ({times.start.date().isoformat()}); "
                               "correct one of the two")
    return findings


def _year(value):
    match = re.match(r"\s*(\d{4,})-", value or "") if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def _format(when):
    return when.strftime("%Y-%m-%d %H:%M")


def last_end(times):
    """When the event is over for good: its end, or for a repeating one the end of its last
    time (None: it repeats with no end)."""
    if times.repeat is None:
        return times.end
    if times.until is None:
        return None
    day_end = datetime.datetime.combine(times.until, datetime.time(23, 59), times.end.tzinfo)
    return day_end


def past_when_written(front, shown, times, changed):
    """A finding when the event was already over when its file was last changed (``changed``,
    an aware datetime): a past event a volunteer means to list as upcoming, usually a wrong
    year. A record of a past meeting belongs in a news post."""
    over = last_end(times)
    if over is None or changed is None or over >= changed:
        return None
    line = next((e.line for e in front.entries if e.key == "start"), 1)
    return Finding(shown, line, "error",
                   f"this event ended on {over.strftime('%Y-%m-%d')}, before this file was last "
                   "changed, so it can only be listed under "
                   "past events, not upcoming ones; if it is still to come, correct the year in "
                   "`Start` and `End`; to tell people about a meeting that has happened, write a "
                   "news post instead")
