"""The front-matter fields this site knows: the one list. Imports nothing from Pelican.

The checks (checks.py), the page scaffold (newpage.py) and the volunteers' guide
(CONTRIBUTING.md, whose table :func:`markdown_table` writes and a test compares) all read
:data:`FIELDS`. To add a field, add it here; the checks then accept it, and
``python -m front_matter`` prints the guide's new table to paste.

Kinds of content file:

* ``page``: a Markdown file under content/pages/ (``about/welcome.md``);
* ``section``: a section's own page, ``index.md`` (``about/index.md``; ``pages/index.md`` is
  the home page);
* ``article``: a news post under content/news/;
* ``event``: a meeting or event under content/events/ (plugins/events; its own checks, such as
  an end before the start, are in event_checks.py).
"""

from dataclasses import dataclass

from pelican.plugins.nested_navigation import menu_link_value, order_value

PAGE, SECTION, ARTICLE = "page", "section", "article"
EVENT = "event"
KINDS = (PAGE, SECTION, ARTICLE, EVENT)
PAGES = (PAGE, SECTION)
EVERYWHERE = KINDS

# Kinds of value. Each one is checked in checks.py.
TEXT = "text"  # one line of words
LONG_TEXT = "long text"  # may continue on lines indented by four spaces
DATE = "date"  # YYYY-MM-DD, optionally a time (2024-07-01 18:30); nothing else is guessed at
NUMBER = "number"  # a number: 3, or 2.5 to slip a page between 2 and 3
CHOICE = "choice"  # one of ``choices``
CATEGORY = "category"  # one of the site's news categories (FRONT_MATTER["categories"])
LINK = "link"  # a Markdown link: [words](https://…) or [words](/a/page/ of this site)
TEMPLATE = "template"  # a page layout of the theme: page.html or one that extends it
LANGUAGE = "language"  # one of the site's languages (LANGUAGES in pelicanconf.py, the one list)


@dataclass(frozen=True)
class Field:
    name: str  # as volunteers write it; matched without regard to case
    kind: str
    used_on: tuple  # the kinds of content file it means something on
    required_on: tuple = ()
    choices: tuple = ()
    synonyms: tuple = ()  # other spellings accepted as they are, e.g. "hidden" for "hide"
    repeats: bool = False  # may be given on several lines, one value each
    example: str = ""
    purpose: str = ""

    @property
    def key(self):
        """The name as Pelican stores it (lower case)."""
        return self.name.lower()


FIELDS = (
    Field("Title", TEXT, EVERYWHERE, required_on=EVERYWHERE, example="Housing help",
          purpose="The page's heading, and its name in the menu and in search results."),
    Field("Summary", LONG_TEXT, EVERYWHERE, example="Where to find housing help in Sonoma County.",
          purpose="One or two sentences shown under the page's link in lists and in search results."),
    Field("Date", DATE, (ARTICLE,), required_on=(ARTICLE,), example="2024-02-29",
          purpose="The day a news post was published, written YYYY-MM-DD."),
    Field("Modified", DATE, (ARTICLE,), example="2024-03-15",
          purpose="The day a news post was last changed in a way readers should know about."),
    Field("Category", CATEGORY, (ARTICLE,), required_on=(ARTICLE,), example="Sonoma County",
          purpose="The news category the post is listed in."),
    Field("Order", NUMBER, PAGES, example="3",
          purpose="The page's place in its menu: 1 comes first. Pages without one follow, by title."),
    Field("Menu_label", TEXT, PAGES, example="Housing",
          purpose="A shorter name for the menu, when the title is long."),
    Field("Menu", CHOICE, PAGES, choices=("hide", "show"), synonyms=("hidden", "shown"),
          example="hide",
          purpose="`hide` keeps the page out of the menu; it is still published."),
    Field("Menu_link", LINK, (SECTION,), repeats=True, example="[988 Lifeline](https://988lifeline.org/)",
          purpose="An extra link at the end of a section's menu, written as a Markdown link; "
                  "one line per link."),
    Field("Status", CHOICE, EVERYWHERE, choices=("draft", "hidden", "published"), example="draft",
          purpose="`draft`: not published (listed by `make check` as a to-do). "
                  "`hidden`: published but listed nowhere. `published` is the default."),
    Field("Needs", LONG_TEXT, EVERYWHERE, example="A list of local housing programmes",
          purpose="For a draft: what the page still needs. `make check` lists it."),
    Field("Reviewed", DATE, (PAGE, SECTION, ARTICLE), example="2026-12-04",
          purpose="The day the page's facts were last checked against its Sources, written "
                  "YYYY-MM-DD. Every page or post with a Sources list needs one; set it only "
                  "after checking. `make review` lists the pages due for a new check."),
    Field("Review_in", TEXT, (PAGE, SECTION, ARTICLE), example="6 months",
          purpose="How long the checked facts stay trusted before `make review` asks for a new "
                  "check: `6 months`, `1 year`. Without it, the site's default (12 months)."),
    Field("Keep", TEXT, EVERYWHERE, repeats=True,
          example="988 — the national crisis line, by call or text",
          purpose="A fact the page must keep saying (a number, a law, a date), then a dash and "
                  "why it matters; one line per fact. Reword the page freely: `make check` fails "
                  "only if a fact is gone."),
    Field("Template", TEMPLATE, PAGES, example="glossary",
          purpose="A special layout from theme/templates/, e.g. `glossary`. Most pages leave it out."),
    Field("Recovery_language_check", CHOICE, EVERYWHERE, choices=("off",), example="off",
          purpose="`off` stops the recovery-language check on this page (the glossary uses it)."),
    Field("Readability", CHOICE, EVERYWHERE, choices=("legal",), example="legal",
          purpose="`legal` marks a page that quotes law or regulation: no warning about its reading grade."),
    # The languages are LANGUAGES in pelicanconf.py; plugins/translations checks the pairing.
    Field("Lang", LANGUAGE, EVERYWHERE, example="es",
          purpose="The page's language. Not needed in `NAME.es.md`, whose name says it; use it "
                  "for a page written only in Spanish, or with `Translation_of`."),
    Field("Translation_of", TEXT, EVERYWHERE, example="pages/resources/emergency.md",
          purpose="For a translation with a file name of its own: the page it translates, as "
                  "its path under content/. Not needed in `NAME.es.md` beside `NAME.md`."),
    Field("Flyer", CHOICE, PAGES, choices=("yes",), example="yes",
          purpose="`yes` makes a printable one-page flyer of the page, with a QR code of its "
                  "address (plugins/flyers); the page links to it."),
    # Events (content/events/): each value is checked in event_checks.py as well.
    Field("Start", DATE, (EVENT,), required_on=(EVENT,), example="2027-01-05 18:00",
          purpose="When the event starts: the date, then the time on a 24-hour clock."),
    Field("End", DATE, (EVENT,), required_on=(EVENT,), example="2027-01-05 19:30",
          purpose="When the event ends, written like `Start`; it must come after the start."),
    Field("Time_zone", TEXT, (EVENT,), example="America/Los_Angeles",
          purpose="The time zone of `Start` and `End`, if not the site's own (Pacific time)."),
    Field("Place", TEXT, (EVENT,), example="Community room, 123 Example St, Santa Rosa, CA",
          purpose="Where the event is: the name of the place and its street address. "
                  "An event needs a `Place`, an `Online` link, or both."),
    Field("Online", TEXT, (EVENT,), example="https://example.org/join",
          purpose="The link to join online (https://)."),
    Field("Accessibility", LONG_TEXT, (EVENT,), example="Step-free entrance. Live captions online.",
          purpose="What helps people take part: access to the building, captions, interpreters, "
                  "who to ask for more."),
    Field("Cost", TEXT, (EVENT,), example="Free",
          purpose="What it costs to take part (write `Free` when it is free)."),
    Field("Repeat", TEXT, (EVENT,), example="first Tuesday of each month",
          purpose="For an event that happens again: `every Tuesday`, or `first` (`second`, `third`, "
                  "`fourth`, `last`) `Tuesday of each month`. `Start` and `End` are the first time."),
    Field("Repeat_until", DATE, (EVENT,), example="2027-06-30",
          purpose="The last day a repeating event happens. Without it, it repeats with no end."),
)

BY_KEY = {field.key: field for field in FIELDS}

# How ``Order`` and ``Menu_link`` are read: by the navigation's own readers (its package's
# documented functions), so what these checks accept is exactly what the menu uses. The checks
# (checks.py) accept a value by these; every other reader (``make newpage``'s next Order, the
# menu links' origins for the link checker) takes the parsed value from here.
#: ``Order: 2.5`` -> 2.5 (it goes between 2 and 3); None when the value is not a number.
parse_number = order_value
#: ``Menu_link: [NAMI](https://nami.org/)`` -> ("NAMI", "https://nami.org/"); None when the
#: value is not a Markdown link (whether its address is one the site allows is checks.py's).
parse_link = menu_link_value


def parse_choice(field, value):
    """A ``CHOICE`` field's value as the site stores it (lower case; a synonym such as
    ``hidden`` for ``Menu: hide`` kept as written), or None when it is not one of them."""
    value = str(value).strip().lower()
    return value if value in field.choices or value in field.synonyms else None

#: The summary `make newpage` writes; a page cannot be published with it (checks.py).
SCAFFOLD_SUMMARY = "Replace this line with one or two sentences about the page."

#: Fields Pelican understands but this site does not use, and what to do instead. An unknown
#: field in this list gets its reason instead of a spelling suggestion.
NOT_USED = {
    "slug": "a page's address comes from its file name and folder; rename the file to change it",
    "tags": "this site has no tag pages; use the Category field for news posts",
    "tag": "this site has no tag pages; use the Category field for news posts",
    "author": "pages and posts are signed by the council; put a writer's name in the text",
    "authors": "pages and posts are signed by the council; put a writer's name in the text",
    "save_as": "a page's address comes from its file name and folder",
    "url": "a page's address comes from its file name and folder",
}

KIND_WORDS = {PAGE: "pages", SECTION: "section pages (index.md)", ARTICLE: "news posts",
              EVENT: "events"}


def used_on_words(field):
    if set(field.used_on) == set(KINDS):
        return "all"
    if set(field.used_on) == set(PAGES):
        return "pages"
    return ", ".join(KIND_WORDS[kind] for kind in field.used_on)


def required_words(field):
    if not field.required_on:
        return "no"
    if set(field.required_on) == set(KINDS):
        return "yes"
    return "on " + ", ".join(KIND_WORDS[kind] for kind in field.required_on)


def value_words(field, categories=(), languages=()):
    if field.kind == CHOICE:
        return " or ".join(f"`{choice}`" for choice in field.choices)
    if field.kind == CATEGORY:
        return " or ".join(f"`{name}`" for name in categories) or "a category"
    if field.kind == LANGUAGE:
        return " or ".join(f"`{code}`" for code in languages) or "a language code"
    if field.kind == DATE:
        return "a date, YYYY-MM-DD"
    if field.kind == NUMBER:
        return "a number"
    if field.kind == LINK:
        return "a Markdown link"
    if field.kind == TEMPLATE:
        return "a page layout's name"
    return "words"


def markdown_table(categories=(), languages=()):
    """The fields as the Markdown table CONTRIBUTING.md shows (a test keeps the two equal);
    ``categories`` and ``languages`` are the site's (pelicanconf.py)."""
    rows = ["| Field | Used on | Required | Value | Example | What it does |",
            "|---|---|---|---|---|---|"]
    for field in FIELDS:
        rows.append(f"| `{field.name}` | {used_on_words(field)} | {required_words(field)} | "
                    f"{value_words(field, categories, languages)} | `{field.name}: {field.example}` | "
                    f"{field.purpose} |")
    return "\n".join(rows)
