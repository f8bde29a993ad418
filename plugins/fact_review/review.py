"""Review dates: when a page's facts were last checked against its sources, and when they are
due for a new check. Imports nothing from Pelican (the adapter is fact_review.py; the command
``python -m fact_review`` is __main__.py).

A page or news post that cites sources (a ``## Sources`` heading, ``## Fuentes`` in Spanish)
says in its front matter the day its facts were last checked (``Reviewed: 2026-12-04``) and, if
they go stale faster than the site's default, how long they stay trusted (``Review_in: 6
months``). GOV.UK's Tech Docs Template keeps review dates the same way (``last_reviewed_on`` and
``review_in``); here the page shows the date without JavaScript and ``make check`` and
``make review`` do the telling.

The front matter is read by front_matter's one parser (``front_matter.checks.parse``), so the
field lines here are the lines every other message names.
"""

import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from front_matter import checks as front_matter
from sitelib.fences import in_fenced_code
from sitelib.findings import Finding

#: As front_matter reads a date: 2026-12-04, also 2026-12-4; a time after it is ignored.
ISO_DAY = re.compile(r"(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
INTERVAL = re.compile(r"(?P<count>\d{1,3})\s*(?P<unit>day|week|month|year)s?", re.IGNORECASE)
#: Links in Markdown: [words](address "title") and <address>.
MARKDOWN_URL = re.compile(r"\]\(\s*<?(?P<a>[^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)|<(?P<b>https?://[^>\s]+)>")
HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")


def parse_interval(text):
    """``6 months`` -> relativedelta(months=6); None when it is not one number and a unit."""
    match = INTERVAL.fullmatch(text.strip())
    if not match or int(match.group("count")) == 0:
        return None
    unit = match.group("unit").lower() + "s"
    return relativedelta(**{unit: int(match.group("count"))})


#: The years a Reviewed date may have: those front_matter allows for Date and Modified. Outside
#: them a date is a typing slip (9999-12-31, 0001-01-01), and adding an interval to it could
#: pass the last day Python counts to.
FIRST_YEAR, LAST_YEAR = front_matter.FIRST_YEAR, front_matter.LAST_YEAR


def parse_day(text):
    """The day of ``2026-12-04`` (a time after it is allowed and ignored); None otherwise, and
    None for a year outside FIRST_YEAR..LAST_YEAR."""
    match = ISO_DAY.fullmatch(text.strip())
    if not match or not match.group("date").isascii():
        return None
    try:
        day = datetime.date(*(int(n) for n in match.group("date").split("-")))
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def sources_in(lines, headings):
    """(line of the Sources heading, [addresses listed under it]) or (None, []).

    The list runs from a heading whose words are one of ``headings`` (any level, any case) to
    the next heading of the same or a higher level. What a fenced code block shows (an example
    page's ``## Sources``, an address in it) is neither heading nor source."""
    wanted = {h.casefold() for h in headings}
    start = level = None
    urls = []
    for number, (line, code) in enumerate(zip(lines, in_fenced_code(lines), strict=True), 1):
        if code:
            continue
        heading = HEADING.match(line)
        if heading:
            if start is not None and len(heading.group("hashes")) <= level:
                break
            if start is None and heading.group("text").strip().casefold() in wanted:
                start, level = number, len(heading.group("hashes"))
                continue
        if start is not None:
            for match in MARKDOWN_URL.finditer(line):
                url = match.group("a") or match.group("b")
                if url.startswith(("http://", "https://")) and url not in urls:
                    urls.append(url)
    return start, urls


@dataclass
class Review:
    """What one file says about its review."""

    path: str  # as messages show it
    sources_line: int = None  # the line of its Sources heading; None: it cites no sources
    sources: list = field(default_factory=list)
    reviewed_text: str = None  # the Reviewed value as written; None: no Reviewed line
    reviewed_line: int = 1
    interval_text: str = None  # the Review_in value as written
    interval_line: int = 1

    @property
    def reviewed(self):
        return parse_day(self.reviewed_text) if self.reviewed_text else None

    def interval(self, default):
        return (parse_interval(self.interval_text) if self.interval_text else None) or default

    def due(self, default):
        """The day the facts need a new check; None when there is no readable Reviewed date."""
        day = self.reviewed
        return day + self.interval(default) if day else None


def read(path, text, headings):
    """The :class:`Review` of a Markdown file's ``text``, read as the build reads it: without
    control or invisible characters (front_matter reports them), so no address from the page
    can carry a terminal's escape codes into ``make review``'s output or a log."""
    text, _ = front_matter.hidden_characters(text, path)
    found = _read(path, text, tuple(headings))
    return dataclasses.replace(found, sources=list(found.sources))


@functools.lru_cache(maxsize=1024)
def _read(path, text, headings):
    # Remembered by the text: the live preview builds again on every save, and reading every
    # unchanged file each time held its reload (tools/devserver).
    if not _may_say_anything(text, headings):
        return Review(path)
    front = front_matter.parse(text)
    lines = front_matter.split_lines(text)
    start, urls = sources_in(lines[front.body_line - 1:], headings)
    review = Review(path, sources_line=start + front.body_line - 1 if start else None, sources=urls)
    for entry in front.entries:
        if entry.key == "reviewed" and review.reviewed_text is None:
            review.reviewed_text, review.reviewed_line = entry.value, entry.line
        elif entry.key == "review_in" and review.interval_text is None:
            review.interval_text, review.interval_line = entry.value, entry.line
    return review


def _may_say_anything(text, headings):
    """False when ``text`` can have neither a Sources heading nor a Reviewed or Review_in field,
    so that its Review is empty: most pages, told apart without parsing them (issue 22). A field
    name is ASCII letters; a heading is a line with a "#"."""
    lowered = text.lower()
    if "reviewed" in lowered or "review_in" in lowered:
        return True
    wanted = {h.casefold() for h in headings}
    for line in front_matter.split_lines(text):
        if "#" in line:
            heading = HEADING.match(line)
            if heading and heading.group("text").strip().casefold() in wanted:
                return True
    return False


def interval_words(delta):
    """relativedelta(months=6) -> "6 months"."""
    for unit in ("years", "months", "weeks", "days"):
        count = getattr(delta, unit)
        if count:
            return f"{count} {unit[:-1] if count == 1 else unit}"
    return "0 days"


def unreadable(review):
    """Errors for the review fields of ``review`` that cannot be read: what ``make review``
    reports, as ``make check`` does through front_matter, since it reads no other check."""
    found = []
    text = review.reviewed_text
    if text is not None and review.reviewed is None:
        match = ISO_DAY.fullmatch(text.strip())
        year = match.group("date")[:4] if match and match.group("date").isascii() else None
        if year and not FIRST_YEAR <= int(year) <= LAST_YEAR:
            why = (f"the year {year} cannot be right (it must be between {FIRST_YEAR} and "
                   f"{LAST_YEAR}); correct the year")
        else:
            why = ("there is no such day, or it is not written as YYYY-MM-DD; write the day the "
                   "facts were checked, e.g. 2026-12-04")
        found.append(Finding(review.path, review.reviewed_line, "error",
                             f'the Reviewed date "{text}" cannot be used: {why}'))
    if review.interval_text is not None and parse_interval(review.interval_text) is None:
        found.append(_interval_error(review))
    return found


def _interval_error(review):
    return Finding(review.path, review.interval_line, "error",
                   f'"{review.interval_text}" is not a review interval; write a number '
                   f"and a unit, e.g. `Review_in: 6 months` or `Review_in: 1 year`")


def findings(review, today, default):
    """What ``make check`` says about one file: errors for what must be mended before the page
    can say when it was checked, a warning when its facts are due for a new check (a warning, so
    an overdue page never fails a volunteer's pull request)."""
    found = []
    if review.interval_text is not None and parse_interval(review.interval_text) is None:
        found.append(_interval_error(review))
    if review.sources_line is None:
        return found
    if review.reviewed_text is None:
        found.append(Finding(review.path, review.sources_line, "error",
                             "this page lists sources but does not say when its facts were last "
                             "checked against them; check them, then add the line `Reviewed: "
                             "YYYY-MM-DD` (the day you checked) to the front matter"))
        return found
    day = review.reviewed
    if day is None:
        return found  # front_matter reports an unreadable date at its line, once
    if day > today:
        found.append(Finding(review.path, review.reviewed_line, "error",
                             f"the Reviewed date {day.isoformat()} is in the future; write the "
                             f"day the facts were checked (today is {today.isoformat()})"))
        return found
    due = review.due(default)
    if due <= today:
        recheck = ", ".join(review.sources) or "the links under its Sources heading"
        found.append(Finding(review.path, review.reviewed_line, "warning",
                             f"the facts on this page were last checked on {day.isoformat()} and "
                             f"were due for a new check on {due.isoformat()} (every "
                             f"{interval_words(review.interval(default))}); check them again "
                             f"against {recheck}, then set Reviewed to the day you checked"))
    return found


def due_soon(reviews, today, default, within_days):
    """The reviews whose facts are due on or before ``today + within_days``, soonest first."""
    limit = today + datetime.timedelta(days=within_days)
    listed = [r for r in reviews if r.sources_line is not None and r.due(default) is not None
              and r.due(default) <= limit]
    return sorted(listed, key=lambda r: (r.due(default), r.path))


#: A row of the table shows this many sources, each cut to CELL_CHARACTERS: a page with
#: thousands of links, or one link of megabytes, must not push the others out of the issue.
ROW_SOURCES, CELL_CHARACTERS = 20, 300


def _cell(text):
    """Text for a table cell, shown as code: a page's path or a source's address is written by
    whoever wrote the page, so nothing in it may turn into markup (an image, a link, HTML) in the
    issue or summary GitHub renders from this table."""
    text = str(text).replace("\n", " ").replace("`", "'").replace("|", "\\|")
    if len(text) > CELL_CHARACTERS:
        text = text[:CELL_CHARACTERS - 1].rstrip("\\") + "…"
    return f"`{text}`"


def _sources_cell(sources):
    shown = "<br>".join(_cell(url) for url in sources[:ROW_SOURCES])
    more = len(sources) - ROW_SOURCES
    return f"{shown}<br>and {more} more" if more > 0 else shown or "(the Sources list)"


def table(reviews, today, default):
    """A Markdown table of ``reviews`` (as :func:`due_soon` gives them) for people and GitHub."""
    rows = ["| Page | Facts checked | Every | Due | Sources to recheck |", "|---|---|---|---|---|"]
    for review in reviews:
        due = review.due(default)
        when = f"**{due.isoformat()} (overdue)**" if due <= today else due.isoformat()
        sources = _sources_cell(review.sources)
        rows.append(f"| {_cell(review.path)} | {review.reviewed.isoformat()} | "
                    f"{interval_words(review.interval(default))} | {when} | {sources} |")
    return "\n".join(rows)
