"""Build report: what a volunteer needs to read at the end of a build.

Every check in this project logs its findings as ``path:line: error|warning: message``. This
plugin adds no pages; it remembers the drafts a build skipped so the report can list them as a
to-do list. ``python -m build_report`` (see ``__main__.py``) runs Pelican, counts what was
logged, prints the to-do list and a summary, and under ``--strict`` exits with status 1 when any
error was logged. The Makefile builds through it: ``make html`` reports and keeps going,
``make check`` is strict.

(The summary cannot be a ``finalized`` receiver: blinker calls receivers in no fixed order, so
it could run before the link checker has reported.)
"""

import logging

from pelican import signals

from sitelib.findings import Finding, display_path
from sitelib.settings import published

#: ``path:1: note: …`` lines for the drafts of the most recent build in this process.
drafts_of_last_build = []

#: True while ``python -m build_report --list-drafts`` (``make check``) runs its build: checks
#: too slow for every build (readability) run then, and add a section to the report.
full_report = False

#: Sections those checks add to the end of the report, ``{heading: [line, …]}``.
report_sections = {}

#: The report's section for published pages that still carry a ``Needs:`` line: a page can be
#: worth publishing with what is known while the council adds the rest (meeting times, an email).
PUBLISHED_NEEDS_HEADING = "To do: published pages that still need something (not an error):"


class Tally(logging.Handler):
    """Counts the records at WARNING and above that reach the root logger."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors = 0
        self.warnings = 0

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.errors += 1
        else:
            self.warnings += 1


def draft_lines(generators, content_path):
    """``path:1: note: draft …`` for every draft page and article, sorted by path."""
    drafts = []
    for generator in generators:
        for item in [*getattr(generator, "draft_pages", []), *getattr(generator, "drafts", []),
                     *getattr(generator, "draft_translations", []),
                     *getattr(generator, "drafts_translations", [])]:
            needs = str(item.metadata.get("needs", "")).strip()
            needs = needs or "write this page, then delete the line 'Status: draft'"
            path = display_path(item.source_path, content_path)
            drafts.append(Finding(path, 1, "note", f"draft, not published. Needs: {needs}"))
    return [str(finding) for finding in sorted(drafts)]


def published_needs_lines(generators, content_path):
    """``path:1: note: published; still needs …`` for every published page or post with Needs."""
    notes = []
    for item in published(generators):
        needs = str(item.metadata.get("needs", "")).strip()
        if needs:
            path = display_path(item.source_path, content_path)
            notes.append(Finding(path, 1, "note", f"published, still needs: {needs}"))
    return [str(finding) for finding in sorted(notes)]


def remember_drafts(generators):
    settings = generators[0].settings if generators else {}
    drafts_of_last_build[:] = draft_lines(generators, settings.get("PATH", "content"))
    # Replaced on every build (the live preview builds many times in one process).
    report_sections.pop(PUBLISHED_NEEDS_HEADING, None)
    needs = published_needs_lines(generators, settings.get("PATH", "content"))
    if needs:
        report_sections[PUBLISHED_NEEDS_HEADING] = needs


def register():
    # all_generators_finalized: every file has been read, so every draft is known.
    signals.all_generators_finalized.connect(remember_drafts)
