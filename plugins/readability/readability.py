"""Pelican adapter for the reading grade (grade.py holds the logic).

Runs when ``python -m build_report --list-drafts`` asks for the full report (``make check``),
not in every build: textstat spends about three seconds loading its pronouncing dictionary,
which ``make html`` and the live preview should not wait for. For each published page and
news post it logs a warning above the limit, and adds a table of every grade, hardest first,
to the end of the report::

    Reading grade (Flesch-Kincaid; aim for 8 or below, warning above 10):
       8.1  content/pages/advocacy/california.md
       6.9  content/pages/advocacy/mhsa.md (legal: no warning)
       5.2  content/pages/index.es.md (es, Crawford)
        –  content/pages/404.md (37 words: too short to grade)

A Spanish page is graded with Crawford's formula, made for Spanish (grade.py), and marked so.
A page that quotes law or regulation (the MHSA page) says so in its front matter,
``Readability: legal``, and gets no warning.

Settings, merged over :data:`DEFAULTS`::

    READABILITY = {"max_grade": 10, "every_build": False, "min_words": 100}

A page of fewer than ``min_words`` words is listed as too short to grade: on a few words the
formula swings wildly (a page holding only "Resources." reads as grade 20).
"""

import logging

from pelican import signals

from sitelib import findings
from build_report import build_report
from sitelib.languages import lang_of
from sitelib.settings import merge_settings, published


log = logging.getLogger(__name__)

SETTING = "READABILITY"
DEFAULTS = {
    # Above this Flesch-Kincaid grade a page gets a warning. The content aims for 8.
    "max_grade": 10,
    # Grade every build, not only `make check` (tests use it).
    "every_build": False,
    # Fewer words than this and the formula means little ("Resources." alone is grade 20):
    # such a page is listed, not graded.
    "min_words": 100,
}
FIELD = "readability"  # the front-matter field; "legal" means: no warning
HEADING = "Reading grade (Flesch-Kincaid; aim for 8 or below, warning above {max_grade}):"
#: Pelican's lists of published content, translations (pages in another language) included.
LISTS = ("pages", "hidden_pages", "translations", "hidden_translations", "articles",
         "hidden_articles")



def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def get_config(settings):
    """READABILITY merged over DEFAULTS; never changes the user's dict."""
    return merge_settings(settings, SETTING, DEFAULTS, log, "readability", valid={
        "max_grade": (_is_number, "a number"),
        "every_build": (lambda v: isinstance(v, bool), "True or False"),
        "min_words": (lambda v: _is_number(v) and v >= 0, "a number of words")})


def grade_pages(generators):
    if not generators:
        return
    settings = generators[0].settings
    config = get_config(settings)
    report = build_report.report_of(generators[0].context)
    if not (report.full or config["every_build"]):
        return
    # Imported here, not at the top: textstat and lxml.html cost every build about 30 ms to
    # load, and grading runs only under `make check` (bench/RESULTS.md, "Whole build").
    from . import grade  # noqa: PLC0415 (30 ms of imports only make check needs, as said above)

    rows = []
    for item in published(generators, LISTS):
        text = grade.plain_text(item.content)
        shown = findings.display_path(item.source_path, settings.get("PATH"))
        words = len(text.split())
        if words < config["min_words"]:
            rows.append((-1.0, f"    –  {shown} ({words} words: too short to grade)"))
            continue
        lang = lang_of(item, settings)
        level = grade.grade_level(text, lang)
        legal = str(item.metadata.get(FIELD, "")).strip().lower() == "legal"
        formula = grade.formula_name(lang) + ("" if grade.has_formula(lang) else
                                              f", no formula for {lang} yet")
        notes = [f"{lang}, {formula}"] if lang != grade.FALLBACK else []
        notes += ["legal: no warning"] if legal else []
        rows.append((level, f"{level:5.1f}  {shown}{''.join(f' ({n})' for n in notes)}"))
        if level > config["max_grade"] and not legal:
            findings.log(log, warning_for(item, shown, text, level, config["max_grade"]))
    rows.sort(key=lambda row: (-row[0], row[1].split("  ", 1)[-1]))
    report.sections[HEADING.format(max_grade=config["max_grade"])] = [
        line for _, line in rows]


def warning_for(item, shown, text, level, max_grade):
    from . import grade  # noqa: PLC0415 (see grade_pages)

    sentence = grade.longest_sentence(text)
    with open(item.source_path, encoding="utf-8", errors="replace") as f:
        line = grade.line_of(f.read(), sentence)
    start = " ".join(sentence.split()[:8])
    return findings.Finding(
        shown, line, "warning",
        f"this page reads at grade {level:.1f}, above {max_grade}; aim for 8. Shorten the "
        f'longest sentences (the longest starts "{start}…") and prefer everyday words. If the '
        "page quotes law or regulation, add the line `Readability: legal` to its front matter")


def register():
    # all_generators_finalized: every page's HTML exists, and the report is printed after.
    signals.all_generators_finalized.connect(grade_pages)
