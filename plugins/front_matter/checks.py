"""Read a Markdown file's front matter with line numbers and check it against the one list of
fields (fields.py). Imports nothing from Pelican: the Pelican adapter (front_matter.py) passes
in what it needs (the categories, Pelican's own date reader).

Front matter is the block of ``Key: value`` lines at the top of a file, ended by a blank line
(or a YAML ``---`` block); :func:`parse` is the project's one reader of it, and reads it the
ways volunteers write it. :func:`check` returns each problem as a :class:`~findings.Finding` with the line to fix,
and the values to give Pelican instead of the broken ones, so that a mistake is reported once,
here, in words a volunteer can act on, and the page is still built (a missing title becomes one
made from the file name, an unreadable date is left out) rather than dropped.
"""

import calendar
import datetime
import difflib
import html
import re
import unicodedata
from dataclasses import dataclass, field

from sitelib.findings import Finding
from sitelib.schemes import ALLOWED, refused_scheme, scheme_of, why_refused

from . import fields as F

# A field line as volunteers write it: ``Order: 3``, also with spaces or a tab before the name
# or before the colon (``Title : Housing``). The name starts with a letter, so "10:30" and
# "https://…" are never fields.
FIELD_RE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(?P<value>.*)|[ \t]*$)")
# A known field's name followed by its value with the colon left out: ``Order 1``.
NO_COLON_RE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]+(?P<value>\S.*)$")
YAML_BEGIN_RE = re.compile(r"^-{3}\s*$")
YAML_END_RE = re.compile(r"^(-{3}|\.{3})\s*$")

# ISO 8601 as volunteers write it: 2024-07-01, optionally a time and a UTC offset.
ISO_DATE = re.compile(r"(?P<date>\d{4}-\d{1,2}-\d{1,2})"
                      r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s*(?P<zone>Z|[+-]\d{2}:?\d{2}))?)?")
#: The fields whose year is checked here (an event's times are checked in event_checks.py).
YEAR_CHECKED = ("date", "modified", "reviewed")
FIRST_YEAR, LAST_YEAR = 1970, 2200
UNKNOWN_STATUS_BECOMES = "draft"  # never publish what a volunteer may not have meant to
#: The address of anything written like a Markdown link, parentheses and all (javascript:f(1)).
ANY_TARGET = re.compile(r"\]\(\s*(\S.*?)\s*\)\s*$")


@dataclass
class Entry:
    """One field line, with the lines that continue it."""

    name: str  # as written
    value: str
    line: int
    more: list = field(default_factory=list)  # [(line, text)]
    items: set = field(default_factory=set)  # the lines of ``more`` that are YAML list items ("- …")

    @property
    def key(self):
        return self.name.lower()

    @property
    def values(self):
        return [self.value] + [text for _, text in self.more]


@dataclass
class FrontMatter:
    entries: list
    body_line: int  # the first line of the page's text (1-based)
    #: How the block was written, where it needs telling: [(line, severity, message)].
    problems: list = field(default_factory=list)


def split_lines(text):
    """The lines as Python-Markdown sees them (line endings normalised, tabs expanded)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")


def unquote(value):
    """``"Emergency help"`` gives ``Emergency help``: YAML's quotes, as Jekyll and Hugo write them."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _field(line, known_only=False):
    """(name, value, colon_missing) when ``line`` is a field line, else None."""
    match = FIELD_RE.match(line)
    if match and (not known_only or match.group("key").lower() in F.BY_KEY):
        return match.group("key"), unquote(match.group("value") or ""), False
    match = NO_COLON_RE.match(line)
    if match and match.group("key").lower() in F.BY_KEY:
        return match.group("key"), unquote(match.group("value")), True
    return None


def parse(text):
    """The front matter of ``text``: each field with its line, the line the page's text starts
    on, and what was written in a way that needs telling. The one front-matter parser of the
    project: the checks, ``make newpage``, the other plugins (through the values the reader hands
    on) and the tests all read front matter through it.

    Read as volunteers write it: blank lines before the fields, a tab or spaces before a name or
    before the colon, a value wrapped onto the next line (indented or not), YAML's ``---``
    block with quoted values. A known field written without its colon is read and reported; a
    line of text right after the fields with no blank line between is reported, not swallowed.
    """
    lines = split_lines(text)
    number = 0
    while number < len(lines) and not lines[number].strip():
        number += 1
    entries, problems = [], []
    if number < len(lines) and YAML_BEGIN_RE.match(lines[number]):
        return _parse_yaml(lines, number + 1, entries, problems)
    if number >= len(lines) or not _field(lines[number]):
        return FrontMatter([], 1, [])
    while number < len(lines):
        line = lines[number]
        if not line.strip():
            number += 1
            break
        indented = line[:1].isspace()
        found = _field(line, known_only=indented)
        if found and _wrapped_value(entries, found):
            _add_wrapped(entries, problems, number + 1, line)
        elif found:
            _add(entries, problems, found, number + 1)
        elif entries and (indented or _more_fields_follow(lines, number + 1)):
            entries[-1].more.append((number + 1, line.strip()))
        else:
            problems.append((number + 1, "warning", _TEXT_WITHOUT_BLANK_LINE))
            break
        number += 1
    return FrontMatter(entries, number + 1, problems)


_TEXT_WITHOUT_BLANK_LINE = (
    "this line comes straight after the fields, with no blank line between, so it is printed "
    "as the page's text; if it belongs to the field above, indent it by four spaces, else leave "
    "a blank line above it")


def _add(entries, problems, found, line):
    name, value, colon_missing = found
    if colon_missing:
        problems.append((line, "error", f"`{name}` needs a colon after its name; write "
                                        f"`{name}: {value}`"))
    entries.append(Entry(name, value, line))


def _wrapped_value(entries, found):
    """True when a line that reads as a field without its colon is the value above wrapped
    onto a line of its own (an editor or a paste broke ``Summary: Events listed by`` before
    ``date and place.``): the name is in lower case, as the middle of a sentence is, and more
    than one word follows it. ``Order 2`` and ``date 2024-05-01`` stay fields missing a colon."""
    name, value, colon_missing = found
    return bool(colon_missing and entries and name[:1].islower() and len(value.split()) > 1)


def _add_wrapped(entries, problems, line, text):
    """Read ``text`` as the rest of the field above; a field that must fit on one line is told
    so by the check of its value, a long text here."""
    above = entries[-1]
    above.more.append((line, unquote(text.strip())))
    spec = F.BY_KEY.get(above.key)
    if spec and spec.kind == F.LONG_TEXT:
        problems.append((line, "warning", f"each field is one line: this line is the rest of "
                                          f"`{above.name}` wrapped onto a line of its own, so it "
                                          "was read as part of it; join it to the end of the "
                                          "line above"))


def _more_fields_follow(lines, number):
    """True when a field line comes later in the same block (so this line is a wrapped value)."""
    while number < len(lines) and lines[number].strip():
        if _field(lines[number]):
            return True
        number += 1
    return False


def _parse_yaml(lines, number, entries, problems):
    """A ``---`` block (Jekyll, Hugo): ``Key: value`` lines up to the closing ``---``."""
    opened = number
    while number < len(lines):
        line = lines[number]
        if YAML_END_RE.match(line):
            return FrontMatter(entries, number + 2, problems)
        found = _field(line, known_only=line[:1].isspace())
        if found and _wrapped_value(entries, found):
            _add_wrapped(entries, problems, number + 1, line)
        elif found:
            _add(entries, problems, found, number + 1)
        elif line.strip() and entries:
            if line.strip() == "-" or line.strip().startswith("- "):
                entries[-1].items.add(number + 1)
            entries[-1].more.append((number + 1, unquote(line.strip().lstrip("- "))))
        number += 1
    problems.append((opened, "error", "the fields start with `---` but no line `---` ends them, "
                                      "so the whole file was read as fields; add a line `---` "
                                      "after the last field"))
    return FrontMatter(entries, len(lines) + 1, problems)


def body_of(text, front=None):
    """The page's text without its front matter, with blank lines in its place, so that line
    numbers stay those of the file."""
    front = front or parse(text)
    lines = split_lines(text)
    return "\n" * (front.body_line - 1) + "\n".join(lines[front.body_line - 1:])


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


#: Characters no XML file (the feed, the sitemap) can hold, which a word processor leaves in
#: pasted text: U+000B is Word's line break (Shift+Enter), U+000C its page break.
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


#: Invisible characters that change how text reads without showing: the bidirectional
#: embeddings, overrides and isolates (U+202E shows "1-800-746-8181" as "1818-647-008-1" while
#: the file, a `Keep` check and a search still see the right number), the zero-width space,
#: word joiner and a byte-order mark inside the text (a word with one is not found by a search).
#: An English and Spanish site needs none of them; zero-width joiners stay (emoji use them).
INVISIBLE = re.compile("[\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def hidden_characters(text, shown):
    """The text with each control character replaced by a space and each invisible character
    (INVISIBLE) removed, and a warning for each line that held one (the feed and the sitemap,
    which are XML, cannot carry control characters)."""
    found = []
    if INVISIBLE.search(text):
        text, found = _invisible_characters(text, shown)
    if not HIDDEN.search(text):
        return text, found
    for number, line in enumerate(split_lines(text), start=1):
        codes = sorted({f"U+{ord(c):04X}" for c in HIDDEN.findall(line)})
        if codes:
            word = " (U+000B is the line break Word adds with Shift+Enter)" if "U+000B" in codes else ""
            found.append(Finding(shown, number, "warning",
                                 f"this line holds a hidden control character, {', '.join(codes)}"
                                 f"{word}, that a web page, the news feed and the sitemap cannot "
                                 "carry, so it was replaced by a space; delete it (retype the space)"))
    return HIDDEN.sub(" ", text), found


def _invisible_characters(text, shown):
    found = []
    for number, line in enumerate(split_lines(text), start=1):
        chars = sorted(set(INVISIBLE.findall(line)))
        if chars:
            named = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c)})" for c in chars)
            found.append(Finding(shown, number, "warning",
                                 f"this line holds an invisible character, {named}, that can "
                                 "change how the text reads (show a number backwards) or hide a "
                                 "word from the search, so it was left out; delete it (retype "
                                 "the words around it)"))
    return INVISIBLE.sub("", text), found


#: A reference-style link or image, ``[words][label]`` or ``[words][]``.
REFERENCE_LINK = re.compile(r"(!?)\[([^\[\]]+)\]\[([^\[\]]*)\]")
#: A link definition, ``[label]: https://…`` (up to three spaces before it).
DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*\S", re.MULTILINE)
#: Inline code (`` `[a][b]` ``): left out before reference links are looked for.
CODE_SPAN = re.compile(r"`[^`]*`")


def _label(text):
    return " ".join(text.lower().split())


def undefined_references(text, body_line, html_text, shown):
    """An error for each ``[words][label]`` whose label no ``[label]: address`` line defines:
    Markdown then prints the brackets as they are, and the reader sees no link."""
    found = []
    # A reference link holds "][" once its line's inline code is left out, so a text with
    # neither "][" nor a backtick has none (most pages): no line need be looked at (issue 22).
    if "][" not in text and "`" not in text:
        return found
    defined = {_label(label) for label in DEFINITION.findall(text)}
    fenced = False
    for number, line in enumerate(split_lines(text), start=1):
        if number < body_line:
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or line.startswith("    ") or ("][" not in line and "`" not in line):
            continue
        for match in REFERENCE_LINK.finditer(CODE_SPAN.sub("", line)):
            label = match.group(3) or match.group(2)
            if _label(label) in defined:
                continue
            literal = match.group(0)
            if literal not in html_text and html.escape(literal, quote=False) not in html_text:
                continue  # Markdown made something of it after all
            what = "picture" if match.group(1) else "link"
            found.append(Finding(
                shown, number, "error",
                f"the {what} {literal} has no address: no line `[{label}]: …` defines "
                f'"{label}", so the page shows the brackets as they are; add a line '
                f"`[{label}]: https://…` below the text, or write it as "
                f"{match.group(1)}[{match.group(2)}](https://…)"))
    return found


@dataclass
class Rules:
    """What the checks need to know about this site."""

    categories: tuple = ()
    languages: tuple = ()  # the site's language codes (LANGUAGES in pelicanconf.py)
    templates: tuple = ()  # the theme's page layouts: page.html and those that extend it
    read_date: object = None  # Pelican's date reader: str -> datetime, ValueError if unreadable
    fallback_title: str = "Untitled"  # a title made from the file name, for a page without one
    fallback_date: str = ""  # the file's own date (YYYY-MM-DD), for a news post without one


@dataclass
class Result:
    findings: list
    meta: dict  # what to give Pelican: lower-case key -> list of strings
    front_matter: FrontMatter
    #: For a field that repeats (Keep, Menu_link): the line of each value given to Pelican, in
    #: the order of meta's values, so a plugin's message about its n-th value names its line
    #: even when an empty or refused value was left out or a value came from a list's line.
    value_lines: dict = field(default_factory=dict)

    @property
    def lines(self):
        """Each field's line(s), by lower-case name: what the other plugins cite in messages."""
        found = {}
        for entry in self.front_matter.entries:
            found.setdefault(entry.key, []).append(entry.line)
        return {**found, **self.value_lines}


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

    for line, severity, message in front.problems:
        report(line, message, severity)

    by_key = {}
    for entry in front.entries:
        by_key.setdefault(entry.key, []).append(entry)

    value_lines = {}
    for key, entries in by_key.items():
        spec = F.BY_KEY.get(key)
        if spec is None:
            # Reported, and not passed on: Pelican would act on some (Slug, Lang, Save_as).
            report(entries[0].line, _unknown_field(entries[0].name))
            continue
        values = _check_field(spec, entries, kind, rules, report)
        if values is not None and spec.repeats:
            values, value_lines[key] = [v for v, _ in values], [n for _, n in values]
        if values is not None:
            meta[key] = values

    if kind in F.PAGES and "date" in by_key and "category" in by_key:
        # A news post saved among the pages: one message that says where it belongs, instead
        # of advice to delete its Date and Category.
        line = by_key["date"][0].line
        findings[:] = [f for f in findings if not (f.line in (line, by_key["category"][0].line)
                                                   and "is only used on" in f.message)]
        folder = _category_folder(by_key["category"][0].value, rules.categories)
        report(line, "this file has a `Date` and a `Category` like a news post, but it is among "
                     "the pages (content/pages/), so it is published as a page, not as news; move "
                     f"it to content/news/{folder}/")
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
    return Result(findings, meta, front, value_lines)


def _category_folder(value, categories):
    """The folder of a news category: "Sonoma County" -> "sonoma-county" (the nearest known one)."""
    chosen = next((c for c in categories if c.lower() == value.strip().lower()), None)
    chosen = chosen or nearest(value, categories) or (categories[0] if categories else "")
    return re.sub(r"[^a-z0-9]+", "-", chosen.lower()).strip("-") or "<category>"


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
        # Not passed on: Pelican would drop a page over a Date it cannot read, or stop the
        # whole build over a news post's Template.
        report(first.line, f"`{spec.name}` is only used on {F.used_on_words(spec)}, not on "
                           f"{F.KIND_WORDS[kind]}; delete this line", "warning")
        return None
    if spec.repeats:
        kept = []  # [(value, line)]
        for entry in entries:
            if not any(entry.values):
                report(entry.line, f"`{spec.name}` is empty; write its value after the colon "
                                   f"(e.g. `{spec.name}: {spec.example}`) or delete the line")
                continue
            for line, value in _one_per_line(entry):
                checked = _check_value(spec, value, line, rules, report)
                if checked is not None:
                    kept.append((checked, line))
        return kept or None
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


def _one_per_line(entry):
    """[(line, value)] of a repeated field's entry: one value a line (``Keep: …`` or a YAML list
    item ``- …``); a line that only continues the one above (indented, or wrapped by an editor)
    is joined to it, as for any other field."""
    values = [[entry.line, entry.value]] if entry.value else []
    for line, text in entry.more:
        if line in entry.items or not values:
            values.append([line, text])
        else:
            values[-1][1] = f"{values[-1][1]} {text}".strip()
    return [(line, value) for line, value in values if value]


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
        return _check_date(spec, value, line, rules, report)
    if spec.kind == F.LINK:
        link = F.parse_link(value)
        target = link[1] if link else (ANY_TARGET.search(value) or [None, ""])[1]
        scheme = refused_scheme(target, decode_entities=True)
        if scheme:  # javascript:, data: … would run or carry code from every page's menu
            report(line, f'{spec.name} "{value}" is not put in the menu: {why_refused(scheme)}.')
            return None
        if not link or not link_target_allowed(link[1]):
            report(line, f'`{spec.name}` "{value}" is not a link the menu can use; write it as a '
                         "Markdown link to another site, like `[NAMI Sonoma County]"
                         "(https://namisonomacounty.org/)`, or to a page of this site by its "
                         "address, like `[Emergency help](/resources/emergency/)`")
            return None
        return value
    if spec.kind == F.NUMBER:
        if F.parse_number(value) is not None:
            return value
        report(line, f'`{spec.name}` must be a number, not "{value}"; write e.g. '
                     f"`{spec.name}: {spec.example}`")
        return None
    if spec.kind == F.TEMPLATE:
        return _one_of(spec, value, rules.templates, line, report) if rules.templates else value
    if spec.kind == F.CHOICE:
        if value.lower() in spec.synonyms:
            return F.parse_choice(spec, value)
        return _one_of(spec, value, spec.choices, line, report)
    if spec.kind == F.LANGUAGE:
        return _one_of(spec, value, rules.languages, line, report) if rules.languages else value
    if spec.kind == F.CATEGORY:
        if not rules.categories:
            return value
        chosen = _one_of(spec, value, rules.categories, line, report)
        return chosen if chosen is not None else value
    raise AssertionError(f"no check for the kind {spec.kind!r}")


def link_target_allowed(url):
    """A page of this site (``/…``), or an address with one of the schemes the site allows
    (sitelib.schemes: http, https, mailto, tel, sms), never ``javascript:`` however written."""
    if url.startswith("/"):
        return not url.startswith("//")
    scheme = scheme_of(url, decode_entities=True)
    if scheme in ("http", "https"):
        return url.split(":", 1)[1].startswith("//") and len(url.split(":", 1)[1]) > 2
    return scheme in ALLOWED and bool(url.split(":", 1)[1])


def _check_date(spec, value, line, rules, report):
    """An ISO date (2024-07-01, optionally with a time) as it was written; anything else is
    reported with the ISO form, never guessed: "03/04/2022" is 4 March in one country and 3 April
    in another, and "Tuesday" is a different day every week."""
    match = ISO_DATE.fullmatch(value)
    if match:
        try:
            day = datetime.date(*(int(n) for n in match.group("date").split("-")))
            if match.group("time"):
                datetime.time(*(int(n) for n in match.group("time").split(":")))
        except ValueError:
            pass
        else:
            if spec.key in YEAR_CHECKED and not FIRST_YEAR <= day.year <= LAST_YEAR:
                # 9999-12-31 would put the post above every other one for ever; 0001 below.
                report(line, f"the year {day.year} in `{spec.name}` cannot be right (it must be "
                             f"between {FIRST_YEAR} and {LAST_YEAR}), so it was left out; "
                             "correct the year")
                return None
            return value
    example = example_date(value) or spec.example
    readable = True
    try:
        rules.read_date(value)
    except (ValueError, OverflowError, TypeError):
        readable = False
    if readable and not match:
        report(line, f'the date "{value}" is not written as YYYY-MM-DD, so it could be read as '
                     f"the wrong day; write it as YYYY-MM-DD, e.g. {example}")
    else:
        report(line, f'the date "{value}" is not a date Pelican can read; write it as '
                     f"YYYY-MM-DD, e.g. {example}")
    return None


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
