"""When each event happens, and the files that describe it. Imports nothing from Pelican.

* :func:`next_time` and :func:`split`: which events are still to come (a repeating one until its
  last time) and which are over, from the times event_checks.read gives;
* :func:`ics`: RFC 5545 iCalendar with the ``icalendar`` library (DTSTAMP, UID, a VTIMEZONE for
  each time zone from zoneinfo, an RRULE for a repeating event), one event or the whole feed;
* :func:`json_ld`: schema.org ``Event`` data, and :func:`script_json`, which writes it so that
  no title can close the ``<script>`` element it sits in.
"""

import datetime
import json
from dataclasses import dataclass

from dateutil import rrule

from front_matter.event_checks import last_end

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass
class Details:
    """What an event says, as plain text (the files below need no HTML)."""

    uid: str
    title: str
    url: str  # absolute where SITEURL is set
    summary: str = ""
    place: str = ""
    online: str = ""
    accessibility: str = ""
    cost: str = ""


def _rule(times):
    repeat = times.repeat
    until = None
    over = last_end(times)
    if over is not None:
        until = over
    byweekday = WEEKDAYS[repeat.weekday](repeat.ordinal) if repeat.ordinal else WEEKDAYS[repeat.weekday]
    freq = rrule.MONTHLY if repeat.ordinal else rrule.WEEKLY
    return rrule.rrule(freq, dtstart=times.start, byweekday=byweekday, until=until)


def next_time(times, now):
    """(start, end) of the event's next time that has not ended by ``now``, or None."""
    duration = times.end - times.start
    if times.repeat is None:
        return (times.start, times.end) if times.end >= now else None
    start = _rule(times).after(now - duration, inc=True)
    return (start, start + duration) if start is not None else None


def split(events, now, times_of):
    """(upcoming, past): upcoming soonest first with their next time, past latest first.
    ``times_of(event)`` gives an event's EventTimes (None: unreadable, left out of both)."""
    upcoming, past = [], []
    for event in events:
        times = times_of(event)
        if times is None:
            continue
        coming = next_time(times, now)
        if coming is not None:
            upcoming.append((coming, event))
        else:
            past.append((times.start, event))
    upcoming.sort(key=lambda pair: pair[0][0])
    past.sort(key=lambda pair: pair[0], reverse=True)
    return upcoming, past


#: The words of :func:`when_words` and :func:`repeat_words` in English; a theme passes its own
#: (the site's theme/strings/<lang>.yml has the same keys), so each page shows them in its language.
ENGLISH = {
    "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "months": ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"],
    "event_day": "{weekday} {day} {month} {year}",
    "event_times": "{day}, {start} to {end} {zone}",
    "event_times_two_days": "{day}, {start} to {end_day}, {end} {zone}",
    "event_clock": "{hour}:{minute} {am_pm}",
    "event_am_pm": ["am", "pm"],
    "event_time_zones": {},
    "event_every": [f"Every {day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday")],
    "event_monthly": "The {ordinal} {weekday} of each month",
    "event_ordinals": {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"},
}


def _words(words):
    """``words`` over :data:`ENGLISH`: a key the caller lacks keeps its English."""
    return {**ENGLISH, **(words or {})}


def _clock(when, words):
    hour = when.hour % 12 or 12
    return words["event_clock"].format(hour=hour, minute=f"{when.minute:02d}",
                                       am_pm=words["event_am_pm"][when.hour >= 12])


def _day(when, words):
    return words["event_day"].format(weekday=words["weekdays"][when.weekday()], day=when.day,
                                     month=words["months"][when.month - 1], year=when.year)


def when_words(start, end, words=None):
    """"Tuesday 5 January 2027, 6:00 pm to 7:30 pm PST" (the end's date too if it differs), in
    the language of ``words`` (see :data:`ENGLISH`)."""
    words = _words(words)
    zone = end.tzname()
    zone = words["event_time_zones"].get(zone, zone)
    if end.date() == start.date():
        return words["event_times"].format(day=_day(start, words), start=_clock(start, words),
                                           end=_clock(end, words), zone=zone)
    return words["event_times_two_days"].format(
        day=_day(start, words), start=_clock(start, words), end_day=_day(end, words),
        end=_clock(end, words), zone=zone)


def repeat_words(repeat, words=None):
    """A repeat rule (front_matter's ``Repeat``) in words: "Every Tuesday", "The first Tuesday
    of each month", in the language of ``words``."""
    words = _words(words)
    if not repeat.ordinal:
        return words["event_every"][repeat.weekday]
    return words["event_monthly"].format(ordinal=words["event_ordinals"][repeat.ordinal],
                                         weekday=words["weekdays"][repeat.weekday])


def _vevent(times, details, stamp):
    from icalendar import Event as VEvent  # noqa: PLC0415 - icalendar takes about 30 ms to import, and a site without events never needs it

    event = VEvent()
    event.add("uid", details.uid)
    event.add("dtstamp", stamp.astimezone(datetime.timezone.utc))
    event.add("dtstart", times.start)
    event.add("dtend", times.end)
    event.add("summary", details.title)
    description = "\n\n".join(part for part in (
        details.summary,
        f"Accessibility: {details.accessibility}" if details.accessibility else "",
        f"Cost: {details.cost}" if details.cost else "",
        f"Join online: {details.online}" if details.online else "",
        details.url) if part)
    event.add("description", description)
    if details.place or details.online:
        event.add("location", details.place or details.online)
    if details.url.startswith("http"):
        event.add("url", details.url)
    if times.repeat is not None:
        rule = dict(times.repeat.rrule)
        over = last_end(times)
        if over is not None:
            rule["UNTIL"] = over.astimezone(datetime.timezone.utc)
        event.add("rrule", rule)
    return event


def ics(entries, name, stamp):
    """An iCalendar file (bytes) of ``entries``, a list of (times, details)."""
    from icalendar import Calendar  # noqa: PLC0415 - icalendar takes about 30 ms to import, and a site without events never needs it

    calendar = Calendar()
    calendar.add("prodid", f"-//{name}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for times, details in entries:
        calendar.add_component(_vevent(times, details, stamp))
    if entries:
        # VTIMEZONE rules from a year before the first event to a year after the last one (ten
        # years on for a rule with no end): what a calendar needs, and no more.
        year = datetime.timedelta(days=366)
        first = min(times.start for times, _ in entries).date() - year
        last = max(last_end(times) or times.start + 10 * year for times, _ in entries).date() + year
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def json_ld(times, details, organizer, organizer_url, coming=None):
    """schema.org Event data for one event (its next time when it repeats)."""
    start, end = coming or (times.start, times.end)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": details.title,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": organizer},
    }
    if organizer_url:
        data["organizer"]["url"] = organizer_url
    if details.summary:
        data["description"] = details.summary
    if details.url.startswith("http"):
        data["url"] = details.url
    locations = []
    if details.place:
        locations.append({"@type": "Place", "name": details.place, "address": details.place})
    if details.online:
        locations.append({"@type": "VirtualLocation", "url": details.online})
    mode = ("MixedEventAttendanceMode" if details.place and details.online
            else "OnlineEventAttendanceMode" if details.online else "OfflineEventAttendanceMode")
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if details.cost.strip().lower() == "free":
        data["isAccessibleForFree"] = True
    return data


def script_json(data):
    """JSON for a <script type="application/ld+json"> element: "<", ">" and "&" as \\u escapes,
    so a title like "</script><script>…" stays text inside the JSON."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
