"""Read a Markdown file's front matter with line numbers and check it against the one list of
fields (fields.py). Imports nothing from Pelican: the Pelican adapter (front_matter.py) passes
in what it needs (the categories, the templates, Pelican's own date reader).

Front matter is the block of ``Key: value`` lines at the top of a file, ended by a blank line,
exactly as Python-Markdown's meta extension reads it (the regular expressions below are its
own). :func:`check` returns each problem as a :class:`~findings.Finding` with the line to fix,
and the values to give Pelican instead of the broken ones, so that a mistake is reported once,
here, in words a volunteer can act on, and the page is still built (a missing title becomes one
made from the file name, an unreadable date is left out) rather than dropped.
"""

import calendar
import difflib
import re
from dataclasses import dataclass, field

from sitelib.findings import Finding

from . import fields as F

# Python-Markdown's meta extension (markdown/extensions/meta.py), line for line.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")

# What the navigation plugin sorts by: a number, decimals allowed (2.5 goes between 2 and 3).
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
UNKNOWN_STATUS_BECOMES = "draft"  # never publish what a volunteer may not have meant to


@dataclass
class Entry:
    """One ``Key: value`` line, with the lines that continue it (indented by four spaces)."""

    name: str  # as written
    value: str
    line: int
    more: list = field(default_factory=list)  # [(line, text)]

    @property
    def key(self):
        return self.name.lower()

    @property
    def values(self):
        return [self.value] + [text for _, text in self.more]


@dataclass
class FrontMatter:
    entries: list
    body_line: int  # the first line after the front matter (1-based)


def split_lines(text):
    """The lines as Python-Markdown sees them (line endings normalised, tabs expanded)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")


def parse(text):
    """The front matter's entries, each with its line number, the way Markdown reads them."""
    lines = split_lines(text)
    number = 0
    if lines and BEGIN_RE.match(lines[0]):
        number = 1
    entries = []
    while number < len(lines):
        line = lines[number]
        match = META_RE.match(line)
        if line.strip() == "" or END_RE.match(line):
            number += 1
            break
        if match:
            entries.append(Entry(match.group("key"), match.group("value").strip(), number + 1))
        else:
            more = META_MORE_RE.match(line)
            if not (more and entries):
                break
            entries[-1].more.append((number + 1, more.group("value").strip()))
        number += 1
    return FrontMatter(entries, number + 1)


def decode(data, shown):
    """The file's text, and a finding when it is not UTF-8 (then it is read as Windows-1252,
    what word processors usually save, so the page still builds)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = (f"this file is not saved as UTF-8: the byte 0x{data[exc.start]:02X} on this "
                   "line cannot be read, so a letter may show wrongly. Open the file in a text "
                   "editor and save it with the encoding \"UTF-8\" (GitHub's web editor always "
                   "saves UTF-8)")
        return data.decode("cp1252", errors="replace"), Finding(shown, line, "error", message)


@dataclass
class Rules:
    """What the checks need to know about this site."""

    categories: tuple = ()
    templates: tuple = ()
    read_date: object = None  # Pelican's date reader: str -> datetime, ValueError if unreadable
    fallback_title: str = "Untitled"  # a title made from the file name, for a page without one
    fallback_date: str = ""  # the file's own date (YYYY-MM-DD), for a news post without one


@dataclass
class Result:
    findings: list
    meta: dict  # what to give Pelican: lower-case key -> list of strings, as Markdown's Meta
    front_matter: FrontMatter


def nearest(word, choices):
    match = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1)
    if not match:
        return None
    return next(c for c in choices if c.lower() == match[0])


def check(text, kind, shown, rules):
    """Check the front matter of ``text`` (a file of ``kind``, shown as ``shown``)."""
    front = parse(text)
    findings = []
    meta = {}

    def report(line, message, severity="error"):
        findings.append(Finding(shown, line, severity, message))

    by_key = {}
    for entry in front.entries:
        by_key.setdefault(entry.key, []).append(entry)

    for key, entries in by_key.items():
        spec = F.BY_KEY.get(key)
        if spec is None:
            report(entries[0].line, _unknown_field(entries[0].name))
            meta[key] = [v for e in entries for v in e.values]
            continue
        values = _check_field(spec, entries, kind, rules, report)
        if values is not None:
            meta[key] = values

    if meta.get("summary") == [F.SCAFFOLD_SUMMARY] and meta.get("status") != ["draft"]:
        report(by_key["summary"][0].line, "`Summary` still has the words `make newpage` put "
                                          "there; write one or two sentences about the page")
    what = "news post" if kind == F.ARTICLE else "page"
    if "title" not in meta:
        title_line = by_key["title"][0].line if "title" in by_key else 1
        report(title_line, f"this {what} has no title; add a first line like "
                           f"`Title: {rules.fallback_title}` (until then it is built with that "
                           "title)")
        meta["title"] = [rules.fallback_title]
    if kind == F.ARTICLE and "date" not in meta and "date" not in by_key:
        report(1, f"this news post has no date; add a line like `Date: {F.BY_KEY['date'].example}` "
                  "(the day it was published)")
    if kind == F.ARTICLE and "date" not in meta and rules.fallback_date:
        meta["date"] = [rules.fallback_date]
    if kind == F.ARTICLE and "category" not in by_key and rules.categories:
        report(1, "this news post has no category; add a line like "
                  f"`Category: {rules.categories[0]}` (one of: {', '.join(rules.categories)})")
    return Result(findings, meta, front)


def _check_field(spec, entries, kind, rules, report):
    """The values of a known field to give Pelican (None: leave it out); reports what is wrong."""
    first = entries[0]
    if spec.repeats:
        values = [v for e in entries for v in e.values if v]
    else:
        for again in entries[1:]:
            report(again.line, f"`{spec.name}` is given twice (first on line {first.line}); "
                               "keep one of the two lines")
        values = first.values
        if spec.kind != F.LONG_TEXT and first.more:
            report(first.more[0][0], f"`{spec.name}` must fit on one line; join this line to "
                                     f"line {first.line}", "warning")
            values = [" ".join(v for v in values if v)]
    if kind not in spec.used_on:
        report(first.line, f"`{spec.name}` is only used on {F.used_on_words(spec)}, not on "
                           f"{F.KIND_WORDS[kind]}; delete this line", "warning")
        return values
    if spec.repeats:
        return values  # each value's form is checked by the plugin that reads it
    value = "\n".join(values).strip() if spec.kind == F.LONG_TEXT else values[0]
    if not value:
        if spec.key != "title":  # a missing title is reported once, by check()
            report(first.line, f"`{spec.name}` is empty; write its value after the colon "
                               f"(e.g. `{spec.name}: {spec.example}`) or delete the line")
        return None
    checked = _check_value(spec, value, first.line, rules, report)
    if checked is None:
        return None
    return values if spec.kind == F.LONG_TEXT else [checked]


def _unknown_field(name):
    reason = F.NOT_USED.get(name.lower())
    if reason:
        return f"`{name}` is not used on this site ({reason}); delete this line"
    suggestion = nearest(name, [f.name for f in F.FIELDS])
    if suggestion:
        return f"`{name}` is not a field; did you mean `{suggestion}`?"
    known = ", ".join(f.name for f in F.FIELDS)
    return (f"`{name}` is not a field (the fields are {known}); if this line is meant as text, "
            "leave a blank line between the fields and the text")


def _check_value(spec, value, line, rules, report):
    """The value to give Pelican, or None to leave the field out; reports what is wrong."""
    if spec.kind in (F.TEXT, F.LONG_TEXT):
        return value
    if spec.kind == F.DATE:
        try:
            rules.read_date(value)
        except (ValueError, OverflowError):
            report(line, f'the date "{value}" is not a date Pelican can read; write it as '
                         f"YYYY-MM-DD, e.g. {example_date(value) or spec.example}")
            return None
        return value
    if spec.kind == F.DATETIME:  # events: the date, then the time (event_checks.py reads it)
        try:
            rules.read_date(value)
        except (ValueError, OverflowError):
            report(line, f'"{value}" is not a date and time Pelican can read; write it as '
                         f"YYYY-MM-DD HH:MM, e.g. `{spec.name}: {spec.example}`")
            return None
        return value
    if spec.kind == F.NUMBER:
        if NUMBER.fullmatch(value):
            return value
        report(line, f'`{spec.name}` must be a number, not "{value}"; write e.g. '
                     f"`{spec.name}: {spec.example}`")
        return None
    if spec.kind == F.CHOICE:
        if value.lower() in spec.synonyms:
            return value.lower()
        return _one_of(spec, value, spec.choices, line, report)
    if spec.kind == F.CATEGORY:
        if not rules.categories:
            return value
        chosen = _one_of(spec, value, rules.categories, line, report)
        return chosen if chosen is not None else value
    if spec.kind == F.TEMPLATE:
        return _one_of(spec, value, rules.templates, line, report)
    raise AssertionError(f"no check for the kind {spec.kind!r}")


def _one_of(spec, value, choices, line, report):
    """``value`` spelt as in ``choices`` (any case), else the nearest choice, reported."""
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    listed = ", ".join(choices)
    suggestion = nearest(value, choices)
    advice = f'did you mean "{suggestion}"? Write one of: ' if suggestion else "write one of: "
    report(line, f'"{value}" is not a known `{spec.name}`; {advice}{listed}')
    if suggestion:
        return suggestion
    return UNKNOWN_STATUS_BECOMES if spec.key == "status" else None


def example_date(value):
    """A real date close to what was meant, in YYYY-MM-DD: "31/02/2024" gives "2024-02-29"."""
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    years = [n for n in numbers if n >= 1000]
    rest = [n for n in numbers if n < 1000]
    if len(years) != 1 or len(rest) != 2 or not all(rest):
        return None
    first, second = rest
    # Day first when the first number cannot be a month (31/02), else month first as in the US.
    month, day = (second, first) if first > 12 else (first, second)
    if month > 12:
        month, day = day, month
    if month > 12:
        return None
    year = years[0]
    day = min(day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"
