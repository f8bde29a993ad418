"""Pelican adapter for the link checker.

While Pelican writes the site, remembers for each HTML file the page or article it shows and
the Markdown fragments in it (with their links as written). Once the whole site is written,
checks every link of the output and logs each finding as ``path:line: error|warning: message``
(``make html`` prints them and goes on; ``make check`` fails on any error), and records the
build for ``python -m link_checker``.
"""

import gc
import logging
import os

from pelican import signals

from sitelib.findings import BODY_LINE, LINK_ORIGINS, field_line
from sitelib.findings import log as log_finding

from .config import get_config
from .extract import parse_page
from .model import Fragment, Link, PageSource, Site
from .record import write_record
from .validate import validate

log = logging.getLogger(__name__)

#: Where the current build's record lives: in the build's shared context (which every
#: content_written receiver gets a copy of) and in its settings (which finalized reaches through
#: the Pelican object). Made when the build's files are read, removed when it is checked, so no
#: state outlives a build (the live preview runs many in one process).
RECORD_KEY = "LINK_CHECKER_BUILD"


class BuildRecord:
    """What one build wrote: which page or article each HTML file shows, the drafts, what was
    published, and where front-matter fields wrote links (Menu_link)."""

    def __init__(self):
        self.pages = {}  # output-relative HTML path -> PageSource
        self.drafts = set()
        self.published = []
        self.origins = {}


def link_pairs(resolved_html, written_html):
    """The links of a fragment, in order: (as in the built page, as Markdown wrote them)."""
    if not resolved_html:
        return []
    resolved = parse_page("", resolved_html.encode("utf-8"), Link).links
    if written_html == resolved_html:  # nothing for Pelican to resolve: one parse is enough
        return [(r.url, r.url) for r in resolved]
    written = parse_page("", (written_html or "").encode("utf-8"), Link).links
    pairs = [(r.url, w.url) for r, w in zip(resolved, written)]
    pairs.extend((r.url, r.url) for r in resolved[len(written):])
    return pairs


def _body(item):
    return Fragment(item.source_path, link_pairs(item.content, item._content), html=item.content,
                    source_line=field_line(item.metadata, BODY_LINE))


def summaries(items):
    """The summaries that hold links: a list page shows them, so a link in one is traced to
    the Markdown of the page or article it summarises."""
    fragments = []
    for item in items:
        summary = item.summary
        if not summary or "<" not in summary:
            continue
        raw = getattr(item, "_summary", None) if "summary" in item.metadata else item._content
        links = link_pairs(summary, raw)
        if links:
            line = field_line(item.metadata, "summary" if "summary" in item.metadata else BODY_LINE)
            fragments.append(Fragment(item.source_path, links, html=summary, source_line=line))
    return fragments


class _ReportedHere(logging.Filter):
    """Leaves out Pelican's own lines about a ``{filename}`` it could not find and an image with
    an empty alt attribute: this checker reports both at the Markdown line, with the fix, so
    Pelican's line would only say it again, without a line number, and count twice."""

    MESSAGES = ("Unable to find '%s', skipping url replacement.", "Empty alt attribute for image %s in %s")

    def filter(self, record):
        return record.msg not in self.MESSAGES


_reported_here = _ReportedHere()


def quiet_pelican_duplicates(pelican):
    for name in ("pelican.contents", "pelican.readers"):
        logger = logging.getLogger(name)
        if _reported_here not in logger.filters:
            logger.addFilter(_reported_here)


def start_build(generators):
    """A fresh record for this build; note the drafts and what is published."""
    if not generators:
        return
    record = BuildRecord()
    generators[0].context[RECORD_KEY] = generators[0].settings[RECORD_KEY] = record
    for generator in generators:
        content = generator.settings.get("PATH", "")
        record.published.extend([*getattr(generator, "articles", []), *getattr(generator, "pages", [])])
        for item in [*getattr(generator, "draft_pages", []), *getattr(generator, "drafts", [])]:
            record.drafts.add(os.path.relpath(item.source_path, content).replace(os.sep, "/"))


def remember_page(path, context):
    """Note which page or article an HTML file shows."""
    record = context.get(RECORD_KEY)
    if record is None or not path.endswith((".html", ".htm")):
        return
    record.origins.update(context.get(LINK_ORIGINS) or {})
    output = context.get("OUTPUT_PATH") or ""
    relative = os.path.relpath(path, output).replace(os.sep, "/")
    item = context.get("article") or context.get("page")
    if item is not None and getattr(item, "source_path", None):
        # Page 2, 3, … of a section's list (navigation_tree) shows the list, not the body.
        list_page = getattr(context.get("section_page"), "number", 1) > 1
        record.pages[relative] = PageSource(
            source=item.source_path,
            kind="article" if context.get("article") is not None else "page",
            hidden=getattr(item, "status", "") == "hidden",
            fragments=[] if list_page else [_body(item)],
        )
        return
    record.pages[relative] = PageSource()  # a list page (blog, category): summaries, traced lazily


def check_links(pelican):
    """Check every link of the written site and log what is wrong, at its Markdown line."""
    settings = pelican.settings
    record = settings.pop(RECORD_KEY, None) or BuildRecord()
    site = Site(
        output=os.path.abspath(pelican.output_path),
        siteurl=settings.get("SITEURL", ""),
        content=os.path.abspath(settings.get("PATH", "content")),
        theme=os.path.abspath(settings.get("THEME", "")) if settings.get("THEME") else None,
        drafts=frozenset(record.drafts),
        pages=record.pages,
        origins=record.origins,
    )
    try:
        site.summaries = summaries(record.published)
        # The checker makes a Link object for every link (700,000 at 5,000 pages) and no
        # cycles; with the whole site's content in memory, each full collection they trigger
        # walks it all: about 1 s of a 5,000-page build. Collection resumes right after.
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = validate(site, get_config(settings, log))
        finally:
            if collecting:
                gc.enable()
        for finding in result.findings:
            log_finding(log, finding)
        if settings.get("CACHE_PATH"):
            write_record(site, settings["CACHE_PATH"])
    except Exception:  # a bug here must not hide the site that was built; -D shows the traceback
        log.error("link_checker: could not check the links (a bug in the checker, not in your "
                  "content); run with -D for details", exc_info=True)


def register():
    # initialized: before any file is read, so Pelican's duplicate lines are left out from the start.
    signals.initialized.connect(quiet_pelican_duplicates)
    # all_generators_finalized: every file has been read, so the drafts are known, and
    # nothing has been written yet.
    signals.all_generators_finalized.connect(start_build)
    # content_written: sent once per written file with the context it was rendered from: the
    # only moment that says which page or article an output file shows.
    signals.content_written.connect(remember_page)
    # finalized: the whole site is in the output folder, static files included.
    signals.finalized.connect(check_links)
