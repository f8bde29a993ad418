"""Build report: what a volunteer needs to read at the end of a build.

Every check in this project logs its findings as ``path:line: error|warning: message``. This
plugin adds no pages; it remembers the drafts a build skipped so the report can list them as a
to-do list. ``python -m build_report`` (see ``__main__.py``) runs Pelican, counts what was
logged, prints the to-do list and a summary, and under ``--strict`` exits with status 1 when any
error was logged. The Makefile builds through it: ``make html`` reports and keeps going,
``make check`` is strict.

(The summary cannot be a ``finalized`` receiver: blinker calls receivers in no fixed order, so
it could run before the link checker has reported.)

What a build adds to the report lives in that build, not in this module: a :class:`Report` in the
build's context (the one dict every generator of a ``Pelican.run()`` shares, made afresh for each
run, so the live preview's rebuilds never see an earlier build's lists). A plugin gets it with
:func:`report_of` ``(generator.context)``; whoever runs the build collects it with
:func:`reports`. ``BUILD_REPORT = {"full": True}`` (set by ``python -m build_report
--list-drafts``, i.e. ``make check``) asks the slow checks for their sections.
"""

import contextlib
import logging
from dataclasses import dataclass, field

from pelican import signals

from sitelib.findings import Finding, display_path
from sitelib.settings import merge_settings, published

log = logging.getLogger(__name__)

SETTING = "BUILD_REPORT"
DEFAULTS = {"full": False}
#: The key of a build's :class:`Report` in its context.
CONTEXT_KEY = "build_report"


@dataclass
class Report:
    """What one build adds to the end of its report."""

    #: True under ``make check`` (``BUILD_REPORT = {"full": True}``): checks too slow for every
    #: build (readability) run then, and add a section to the report.
    full: bool = False
    #: ``path:1: note: …`` lines for the build's drafts.
    drafts: list = field(default_factory=list)
    #: Sections the checks add to the end of the report, ``{heading: [line, …]}``.
    sections: dict = field(default_factory=dict)


def report_of(context):
    """The :class:`Report` of the build whose context (a generator's ``context``) this is."""
    report = context.get(CONTEXT_KEY)
    if report is None:
        config = merge_settings(context, SETTING, DEFAULTS, log, "build_report", valid={
            "full": (lambda v: isinstance(v, bool), "True or False")})
        report = context[CONTEXT_KEY] = Report(full=config["full"])
    return report


@contextlib.contextmanager
def reports():
    """``with reports() as found:`` each build run inside the block appends its Report to
    ``found`` (``python -m build_report`` and the tests read the report this way)."""
    found = []

    def keep(generators):
        if generators:
            found.append(report_of(generators[0].context))

    # blinker holds receivers by weak reference; ``keep`` lives until the block ends.
    signals.all_generators_finalized.connect(keep)
    try:
        yield found
    finally:
        signals.all_generators_finalized.disconnect(keep)

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
    if not generators:
        return
    settings = generators[0].settings
    report = report_of(generators[0].context)
    report.drafts[:] = draft_lines(generators, settings.get("PATH", "content"))
    needs = published_needs_lines(generators, settings.get("PATH", "content"))
    if needs:
        report.sections[PUBLISHED_NEEDS_HEADING] = needs


def register():
    # all_generators_finalized: every file has been read, so every draft is known.
    signals.all_generators_finalized.connect(remember_drafts)
