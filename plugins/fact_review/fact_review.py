"""Pelican adapter for review dates (review.py holds the logic).

After every file is read, each published page and news post that cites sources gets
``reviewed``, the day its facts were last checked (a ``datetime.date``), which the theme shows
beside its Sources as "Facts checked on …" in the page's language (``partials/page_meta.html``).
The same pass logs, at the file's line: an error for a page with sources but no ``Reviewed``
line, a Reviewed date in the future or a ``Review_in`` that is not an interval; a warning for a
page whose facts are due for a new check (never an error: a page falling due must not fail a
volunteer's unrelated pull request). ``make review`` lists what is due (``__main__.py``).

Settings, merged over :data:`DEFAULTS`::

    FACT_REVIEW = {"review_in": "12 months", "headings": ["Sources", "Fuentes"]}
"""

import datetime
import logging

from pelican import signals
from pelican.readers import MarkdownReader

from sitelib import findings
from sitelib.settings import PUBLISHED, merge_settings, published

from . import review

log = logging.getLogger(__name__)

#: Review dates are read from Markdown front matter (a reST page's sources are not looked for).
MARKDOWN_SUFFIXES = tuple(f".{ext}" for ext in MarkdownReader.file_extensions)

SETTING = "FACT_REVIEW"
DEFAULTS = {
    # How long checked facts stay trusted, unless a page's Review_in says otherwise.
    "review_in": "12 months",
    # The headings (any level, any case) whose list is a page's sources, in every language.
    "headings": ["Sources", "Fuentes"],
    # make review also lists the pages that fall due within this many days.
    "due_soon_days": 30,
}


def _is_interval(value):
    return isinstance(value, str) and review.parse_interval(value) is not None


def get_config(settings):
    """FACT_REVIEW merged over DEFAULTS; never changes the user's dict."""
    return merge_settings(settings, SETTING, DEFAULTS, log, "fact_review", valid={
        "review_in": (_is_interval, "an interval such as '12 months'"),
        "headings": (lambda v: isinstance(v, (list, tuple)) and all(isinstance(h, str) for h in v)
                     and bool(v), "a list of heading words"),
        "due_soon_days": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
                          "a whole number of days")})


def read_item(item, config, content_path):
    """The :class:`review.Review` of a content object's source file."""
    with open(item.source_path, encoding="utf-8", errors="replace") as source:
        text = source.read()
    return review.read(findings.display_path(item.source_path, content_path), text,
                       config["headings"])


def today():
    return datetime.date.today()


def check_reviews(generators):
    if not generators:
        return
    settings = generators[0].settings
    config = get_config(settings)
    default = review.parse_interval(config["review_in"])
    day = today()
    for item in published(generators, (*PUBLISHED, "translations", "hidden_translations")):
        if not str(item.source_path).endswith(MARKDOWN_SUFFIXES):
            continue
        found = read_item(item, config, settings["PATH"])
        for finding in review.findings(found, day, default):
            findings.log(log, finding)
        reviewed = found.reviewed
        item.reviewed = reviewed if found.sources_line and reviewed and reviewed <= day else None


def register():
    # all_generators_finalized: every file has been read (translations paired), nothing is
    # written yet, so the templates see ``reviewed``.
    signals.all_generators_finalized.connect(check_reviews)
