"""Pelican adapter for the link checker.

While Pelican writes the site, remembers for each HTML file the page or article it shows and
the HTML fragments its source became (with their links as written). Once every file is written,
checks every link of the output and logs each finding as ``path:line: error|warning: message``
(``pelican`` prints them; ``--fatal errors`` makes any error fail the build), and records the
build for ``python -m pelican.plugins.link_checker``.

Everything one build needs lives on one :class:`LinkCheck` object, made when the build's files
have been read and dropped when they have been checked: no state outlives a build (a live
preview runs many in one process), and nothing is kept in Pelican's settings.
"""

import gc
import logging
import os
import weakref

from blinker import signal
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from pelican import signals

from .config import get_config, valid_origin
from .extract import link_pairs
from .findings import PLUGIN, message, place_of
from .findings import log as log_finding
from .model import Fragment, PageSource, Site
from .record import write_record
from .validate import validate

log = logging.getLogger(PLUGIN)  # pelican.plugins.link_checker, whichever module logs

__all__ = ["register", "link_checker_origins", "ORIGINS_SIGNAL"]

#: The hand-off for links that are not in a page's own text: a plugin that puts an address into
#: the pages from somewhere else (a front-matter field, a data file, a setting) connects a
#: receiver that returns ``{address: (file, line)}``; a broken one is then reported at that
#: line. Sent once per build, just before the check, with the Pelican object as sender and
#: ``generators=`` Pelican's generators (README, "Links from elsewhere").
ORIGINS_SIGNAL = "link_checker_origins"
link_checker_origins = signal(ORIGINS_SIGNAL)

#: Where content_written receivers find the build's LinkCheck: the generators' shared context
#: (every written file's context is a copy of it).
CONTEXT_KEY = "link_checker"


class LinkCheck:
    """One build: which page or article each HTML file shows, the drafts, what is published."""

    def __init__(self, generators):
        self.generators = generators
        self.pages = {}  # output-relative HTML path -> PageSource
        self.drafts = set()
        self.published = []
        self.summaries = {}  # source path -> the Summary field as written (before {filename})
        self.own_file = {}  # source path -> the output file of the page or article itself
        self.templates = template_folders(generators)
        content = generators[0].settings.get("PATH", "")
        for generator in generators:
            for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", []),
                         *getattr(generator, "translations", []), *getattr(generator, "hidden_pages", []),
                         *getattr(generator, "hidden_articles", []), *getattr(generator, "hidden_translations", [])]:
                self.note(item)
            self.published.extend([*getattr(generator, "articles", []), *getattr(generator, "pages", [])])
            for item in [*getattr(generator, "draft_pages", []), *getattr(generator, "drafts", [])]:
                self.drafts.add(os.path.relpath(item.source_path, content).replace(os.sep, "/"))

    def note(self, item):
        source = getattr(item, "source_path", None)
        if not source:
            return
        save_as = getattr(item, "save_as", "")
        if save_as:
            self.own_file[source] = save_as.replace(os.sep, "/")
        # Before Pelican replaces {filename} in the summary (right after all_generators_finalized),
        # the metadata holds it as written.
        summary = item.metadata.get("summary")
        if isinstance(summary, str):
            self.summaries[source] = summary

    def remember(self, path, context):
        """Note which page or article an HTML file shows."""
        output = context.get("OUTPUT_PATH") or ""
        relative = os.path.relpath(path, output).replace(os.sep, "/")
        item = context.get("article") or context.get("page")
        source = getattr(item, "source_path", None) if item is not None else None
        if not source:
            self.pages[relative] = PageSource()  # a list page (blog, category): summaries, traced lazily
            return
        # A file that is not the item's own page (page 2 of a section's list, say) shows the
        # item's place, not its text.
        own = self.own_file.get(source)
        its_own = own is None or own == relative
        self.pages[relative] = PageSource(
            source=source,
            kind="article" if context.get("article") is not None else "page",
            hidden=getattr(item, "status", "") == "hidden",
            fragments=[body(item)] if its_own else [],
        )

    def summary_fragments(self):
        """The summaries that hold links, and the articles' whole text: a list page shows them
        (Pelican's default theme shows the newest article in full), so a link in one is traced
        to the source of the page or article it came from."""
        fragments = []
        for item in self.published:
            summary = item.summary
            if summary and "<" in summary:
                written = self.summaries.get(item.source_path)
                part = "summary" if written is not None else "body"
                links = link_pairs(summary, written if written is not None else raw_content(item))
                if links:
                    fragments.append(Fragment(item.source_path, links, html=summary, part=part))
            if getattr(item, "date", None) is not None and getattr(item, "category", None) is not None:
                content = item.content
                if content and content != summary and "<a" in content:
                    links = link_pairs(content, raw_content(item))
                    if links:
                        fragments.append(Fragment(item.source_path, links, html=content, part="body"))
        return fragments

    def origins(self, pelican, config):
        """Addresses written elsewhere than in a page's text: LINK_CHECKER["origins"], then what
        the receivers of ``link_checker_origins`` return."""
        origins = dict(config["origins"])
        for receiver, value in link_checker_origins.send(pelican, generators=self.generators):
            if value is None:
                continue
            name = getattr(receiver, "__qualname__", repr(receiver))
            place = place_of(receiver)
            if not isinstance(value, dict):
                log.error("%s", message("error", f"{name} answered link_checker_origins with "
                                        f"{type(value).__name__!r}, not a dict of {{address: (file, line)}}; ignored",
                                        place))
                continue
            for address, origin in value.items():
                checked = valid_origin(origin)
                if isinstance(address, str) and checked is not None:
                    origins.setdefault(address, checked)
                else:
                    log.error("%s", message("error", f"{name} gave {address!r} -> {origin!r} to "
                                            "link_checker_origins, not an address and (file, line); ignored", place))
        return origins


def template_folders(generators):
    """The folders the generators' Jinja loaders read templates from, in the loaders' order:
    THEME_TEMPLATES_OVERRIDES, the theme's templates/, Pelican's "simple" theme, and any a
    plugin added (a ChoiceLoader around Pelican's own, say). A template's broken link is then
    named in the file that wrote it, wherever it lives."""
    folders = []

    def walk(loader):
        if isinstance(loader, ChoiceLoader):
            for inner in loader.loaders:
                walk(inner)
        elif isinstance(loader, PrefixLoader):
            for inner in loader.mapping.values():
                walk(inner)
        elif isinstance(loader, FileSystemLoader):
            folders.extend(os.path.abspath(os.fspath(path)) for path in loader.searchpath)

    for generator in generators:
        env = getattr(generator, "env", None)
        if env is not None:
            walk(env.loader)
    return list(dict.fromkeys(folders))


def raw_content(item):
    """A page's HTML as its reader made it, before Pelican replaced {filename} and friends.
    Pelican keeps it only in ``_content`` (``content`` and ``get_content()`` always replace);
    without it (another Pelican), links are traced by their address alone."""
    return getattr(item, "_content", None) or item.content


def body(item):
    """The page's text, its links paired when a broken one needs it (model.Fragment)."""
    content = item.content
    written = raw_content(item)
    return Fragment(item.source_path, html=content, written=None if written == content else written)


class _ReportedHere(logging.Filter):
    """Leaves out Pelican's own lines about a ``{filename}`` it could not find and an image with
    an empty alt attribute: this checker reports both at the source line, with the fix, so
    Pelican's line would only say it again, without a line number, and count twice."""

    MESSAGES = ("Unable to find '%s', skipping url replacement.", "Empty alt attribute for image %s in %s")

    def filter(self, record):
        return record.msg not in self.MESSAGES


_reported_here = _ReportedHere()
#: The build under way, by its settings (Pelican hands generators the Pelican object's own
#: settings dict, and finalized the Pelican object): found again at finalized, then dropped.
_builds = {}


def quiet_pelican_duplicates(pelican):
    for name in ("pelican.contents", "pelican.readers"):
        logger = logging.getLogger(name)
        if _reported_here not in logger.filters:
            logger.addFilter(_reported_here)


def start_build(generators):
    """A fresh LinkCheck for this build; and the check moved behind every other receiver of
    ``finalized`` (see :func:`run_last`)."""
    if not generators:
        return
    build = LinkCheck(generators)
    generators[0].context[CONTEXT_KEY] = build
    _builds[id(generators[0].settings)] = build
    run_last()


def run_last():
    """Pelican calls the receivers of a signal in the order they were connected (it gives
    blinker an ordered set). Every plugin connects in its register(), before any file is read;
    connecting the check again now puts it after all of them, so a plugin that writes into the
    output on ``finalized`` (a search index, say) has written before the check reads it, whatever
    the order of PLUGINS. A wrapper a profiler put in the check's place in ``receivers``
    (``python -m build_report --timings``) is kept, so the check's time is counted."""
    held = signals.finalized.receivers.get(id(check_links))
    signals.finalized.disconnect(check_links)
    signals.finalized.connect(check_links)
    if held is not None and not isinstance(held, weakref.ref) and getattr(held, "__wrapped__", None) is check_links:
        signals.finalized.receivers[id(check_links)] = held


def remember_page(path, context):
    build = context.get(CONTEXT_KEY)
    if isinstance(build, LinkCheck) and path.endswith((".html", ".htm")):
        build.remember(path, context)


def check_links(pelican):
    """Check every link of the written site and log what is wrong, at its source line."""
    settings = pelican.settings
    build = _builds.pop(id(settings), None)
    receivers = [getattr(receiver, "__wrapped__", receiver) for receiver in signals.finalized.receivers_for(pelican)]
    later = receivers[receivers.index(check_links) + 1:] if check_links in receivers else []
    for receiver in later:
        log.warning("%s", message("warning", f"{getattr(receiver, '__qualname__', repr(receiver))} will run after "
                                  "the link check on `finalized` (connected during the build); files it writes are "
                                  "not checked", place_of(receiver)))
    config = get_config(settings, log)
    site = Site(
        output=os.path.abspath(pelican.output_path),
        siteurl=settings.get("SITEURL", ""),
        content=os.path.abspath(settings.get("PATH", "content")),
        theme=os.path.abspath(settings.get("THEME", "")) if settings.get("THEME") else None,
    )
    fatal = None
    try:
        if build is not None:
            site.drafts = frozenset(build.drafts)
            site.templates = build.templates
            site.pages = build.pages
            site.origins = build.origins(pelican, config)
            site.summaries = build.summary_fragments()
        # The checker makes a Link object for every link (700,000 at 5,000 pages) and no
        # cycles; with the whole site's content in memory, each full collection they trigger
        # walks it all: about 1 s of a 5,000-page build. Collection resumes right after.
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = validate(site, config)
        finally:
            if collecting:
                gc.enable()
        if settings.get("CACHE_PATH") and config["record"]:
            write_record(site, settings["CACHE_PATH"])
        for finding in result.findings:
            try:
                log_finding(log, finding)
            except RuntimeError as error:
                # `pelican --fatal errors` raises on the first error logged: log every finding
                # first, then let Pelican stop with a non-zero exit.
                fatal = fatal or error
    except Exception:  # a bug here must not hide the site that was built; -D shows the traceback
        # No traceback unless asked for (pelican -D): the message says what to do.
        log.error("%s", message("error", "could not check the links (a bug in the checker, not in your content); "
                                "run pelican with -D for details and report it"),
                  exc_info=log.isEnabledFor(logging.DEBUG))
    if fatal is not None:
        raise fatal


def register():
    # initialized: before any file is read, so Pelican's duplicate lines are left out from the start.
    signals.initialized.connect(quiet_pelican_duplicates)
    # all_generators_finalized: every file has been read, so the drafts are known, and
    # nothing has been written yet.
    signals.all_generators_finalized.connect(start_build)
    # content_written: sent once per written file with the context it was rendered from: the
    # only moment that says which page or article an output file shows.
    signals.content_written.connect(remember_page)
    # finalized: the whole site is in the output folder, static files included; start_build
    # moves this receiver behind every other one.
    signals.finalized.connect(check_links)
