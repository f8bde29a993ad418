"""Pelican adapter for the front-matter checks (checks.py holds the logic).

Three hooks, each because Pelican would otherwise drop a page, crash, or say something a
volunteer cannot act on:

* the Markdown reader is replaced by :class:`CheckedMarkdownReader`, which reads the file's bytes
  itself (a file that is not UTF-8 is reported at the line of the bad byte instead of "Could not
  process"), checks the front matter before Pelican sees it, and hands Pelican corrected values
  (a missing title made from the file name, an unreadable date or an Order that is not a number
  left out), so the page is still built and the mistake is reported once;
* the findings travel with the file's metadata and are logged when Pelican sends the file's
  metadata to the generator, so they are reported on every build, also when Pelican's content
  cache skips the reader for an unchanged file;
* two files that publish to the same address: the second one read is left out (Pelican would
  otherwise stop the whole build with "Failed to overwrite") and both are named.

Settings, merged over :data:`DEFAULTS`::

    FRONT_MATTER = {"categories": ["Action Alert", "Sonoma County", "Peer Voices Now"]}

``categories`` defaults to the keys of ``CATEGORY_SUMMARIES``. The fields themselves are listed
once, in fields.py.

Ownership: this plugin validates the value of every field, Order included. An Order that is not
a number is reported here and not passed on, so the navigation plugin never sees it.
"""

import datetime
import functools
import html
import logging
import os
import re
import subprocess
from urllib.parse import urlsplit

from blinker import signal
from markdown import Markdown
from pelican import signals
from pelican.contents import Article, Page
from pelican.readers import BaseReader, MarkdownReader
from pelican.utils import get_date, slugify

from sitelib import findings, names
from sitelib.languages import site_languages
from sitelib.settings import merge_settings

from . import checks, content_files, event_checks
from . import fields as F

log = logging.getLogger(__name__)

SETTING = "FRONT_MATTER"
DEFAULTS = {
    # The news categories a post may name; None means the keys of CATEGORY_SUMMARIES.
    "categories": None,
    # Files and folders (ending in /) the build writes besides pages, which no page may take.
    "reserved": {"sitemap.xml": "the sitemap", "_headers": "the security headers",
                 "pagefind/": "the search index"},
}
#: Where the reader leaves its findings in a file's metadata, until they are logged.
FINDINGS_KEY = "front_matter_findings"
#: Where the reader leaves each field's line(s), by lower-case name, and the line the text
#: starts on (BODY_LINE); Pelican makes it the page's ``field_lines`` attribute.
LINES_KEY = findings.FIELD_LINES
BODY_LINE = findings.BODY_LINE
META_EXTENSION = "markdown.extensions.meta"
#: Where a build's content records which file publishes to which address.
ADDRESSES_KEY = "front_matter_addresses"
#: The files and folders whose name a build has already reported.
NAMED_KEY = "front_matter_named"


def _is_list_of_names(value):
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def get_config(settings):
    """FRONT_MATTER merged over DEFAULTS; never changes the user's dict."""
    config = merge_settings(settings, SETTING, DEFAULTS, log, "front_matter", valid={
        "categories": (_is_list_of_names, "a list of category names"),
        "reserved": (lambda v: isinstance(v, dict), 'a dict like {"sitemap.xml": "the sitemap"}')})
    if config["categories"] is None:
        config["categories"] = list(settings.get("CATEGORY_SUMMARIES") or {})
    return config


def kind_of(source_path, settings):
    """page, section (a folder's index.md) or article (a news post), from where the file is."""
    relative = os.path.relpath(source_path, settings["PATH"]).replace(os.sep, "/")
    for folder in settings.get("ARTICLE_PATHS", []):
        if relative.startswith(folder.rstrip("/") + "/"):
            return F.ARTICLE
    for folder in settings.get("EVENT_PATHS", []):  # plugins/events
        if relative.startswith(folder.rstrip("/") + "/"):
            return F.EVENT
    stem = os.path.splitext(os.path.basename(relative))[0]
    return F.SECTION if stem == "index" else F.PAGE


def title_from_file_name(source_path):
    """ "housing-help.md" gives "Housing help"; a section's index.md is named after its folder."""
    stem = os.path.splitext(os.path.basename(source_path))[0]
    if stem == "index":
        stem = os.path.basename(os.path.dirname(source_path))
    words = stem.replace("-", " ").replace("_", " ").strip() or "Untitled"
    return words[:1].upper() + words[1:]


EXTENDS_PAGE = re.compile(r"""{%-?\s*extends\s+["']page\.html["']""")


def page_layouts(settings):
    """The theme's templates a page may name in ``Template:``: page.html and every template
    that extends it (glossary, home, …). A news post's or a list's template would stop the
    build when given a page, so those are not offered."""
    folder = os.path.join(settings.get("THEME", ""), "templates")
    layouts = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return ()
    for name in names:
        stem, extension = os.path.splitext(name)
        if extension != ".html":
            continue
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            continue
        if stem == "page" or EXTENDS_PAGE.search(text):
            layouts.append(stem)
    return tuple(layouts)


class CheckedMarkdownReader(BaseReader):
    """Reads Markdown files: the front matter through checks.parse (the project's one parser),
    the text after it through Python-Markdown.

    A reader of its own rather than a subclass of Pelican's MarkdownReader, whose private
    ``_md`` and ``_parse_metadata`` could change in any release: only BaseReader's public
    ``process_metadata`` is used. Markdown's ``meta`` extension is left out, so a first line
    of page text such as "Note: bring ID" is never taken for a field.
    """

    enabled = True
    file_extensions = MarkdownReader.file_extensions

    def __init__(self, settings):
        super().__init__(settings)
        self.categories = tuple(get_config(settings)["categories"])
        self.languages = tuple(site_languages(settings))

    # Made when the first file is read, not with the reader: Pelican makes a reader for each of
    # its generators on every build, and with its content cache (the live preview) most of
    # them read nothing; making these up front took a tenth of the preview's time to reload.

    @functools.cached_property
    def templates(self):
        return page_layouts(self.settings)

    @functools.cached_property
    def markdown(self):
        # As Pelican's MarkdownReader: every configured extension is loaded; but not "meta".
        markdown = self.settings["MARKDOWN"]
        configs = {k: v for k, v in markdown.get("extension_configs", {}).items() if k != META_EXTENSION}
        extensions = [e for e in dict.fromkeys([*markdown.get("extensions", []), *configs])
                      if e != META_EXTENSION]
        # One Markdown object for every file, reset between files: making a new one per file
        # (as Pelican's reader does) cost more than all the checks (bench/RESULTS.md).
        return Markdown(**{**markdown, "extensions": extensions, "extension_configs": configs})

    def rules_for(self, source_path):
        mtime = datetime.date.fromtimestamp(os.path.getmtime(source_path))
        return checks.Rules(
            categories=self.categories,
            languages=self.languages,
            templates=self.templates,
            # The function Pelican reads a Date with, to tell "unreadable" from "not ISO".
            read_date=lambda value: get_date(value.replace("_", " ")),
            fallback_title=title_from_file_name(source_path),
            fallback_date=mtime.isoformat(),
        )

    def read(self, source_path):
        shown = findings.display_path(source_path, self.settings.get("PATH"))
        with open(source_path, "rb") as f:
            text, not_utf8 = checks.decode(f.read(), shown)
        text, hidden = checks.hidden_characters(text, shown)
        kind = kind_of(source_path, self.settings)
        rules = self.rules_for(source_path)
        result = checks.check(text, kind, shown, rules)
        if kind == F.EVENT:  # the fields of an event taken together (event_checks.py)
            result.findings.extend(event_checks.check(
                result.front_matter, result.meta, shown, self.settings.get("TIMEZONE") or "UTC",
                rules.read_date))
        markdown = self.markdown.reset()
        content = markdown.convert(checks.body_of(text, result.front_matter))
        content, broken = unparsable_links(content, text, shown)
        broken += checks.undefined_references(text, result.front_matter.body_line, content, shown)
        metadata = {}
        for name, values in result.meta.items():
            if name in self.settings["FORMATTED_FIELDS"]:
                value = markdown.reset().convert("\n".join(values))
            else:
                value = values if len(values) > 1 or F.BY_KEY[name].repeats else values[0]
            metadata[name] = self.process_metadata(name, value)
        metadata[FINDINGS_KEY] = tuple(([not_utf8] if not_utf8 else []) + hidden + result.findings
                                       + broken)
        # Each field's line, for the other plugins' messages (navigation: Order, Menu_link;
        # recovery language: where the text starts). They never read the file's fields again.
        metadata[LINES_KEY] = {**result.lines, BODY_LINE: result.front_matter.body_line}
        return content, metadata


LINK_VALUE = re.compile(r' (?P<name>href|src)="(?P<value>[^"]*)"')


def unparsable_links(content, text, shown):
    """Addresses no URL parser can read (``{filename}//[oops``): Pelican would stop the whole
    build on the first one. Each is reported at its line and left out of the page (the words
    of the link stay), so the other pages are still built."""
    found = []

    def replace(match):
        value = html.unescape(match.group("value"))
        try:
            urlsplit(re.sub(r"^\{\w+\}", "", value))
        except ValueError:
            position = text.find(value)
            line = text.count("\n", 0, position) + 1 if position != -1 else 1
            found.append(findings.Finding(
                shown, line, "error",
                f'the address "{value}" cannot be read (a stray "[", "]" or "//" in it?), so '
                "this link was left out; write it like `[words](https://example.org/)` or "
                "`[words]({filename}/pages/about/welcome.md)`"))
            return ""  # <a> without href: the words stay, as text
        return match.group(0)

    return LINK_VALUE.sub(replace, content), found


def use_checked_reader(readers):
    # Pelican registers every direct subclass of BaseReader by its file_extensions on its own;
    # setting them here as well says so explicitly and does not depend on that discovery.
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def report_unread_files(generators):
    """A warning for each file in content/ that Pelican passes over without a word."""
    if not generators:
        return
    settings = generators[0].settings
    for finding in content_files.unread_files(
            settings["PATH"], settings.get("PAGE_PATHS", []),
            [*settings.get("ARTICLE_PATHS", []), *settings.get("EVENT_PATHS", [])],  # plugins/events
            settings.get("STATIC_PATHS", []), settings.get("IGNORE_FILES", []),
            markdown_extensions=CheckedMarkdownReader.file_extensions):
        findings.log(log, finding)


def was_committed(path):
    """True when Git's history has ``path`` (so it was deleted, not never there)."""
    folder = os.path.dirname(os.path.abspath(path))
    while folder and not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%h", "--", os.path.abspath(path)],
                              cwd=folder, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and bool(done.stdout.strip())


def report_missing_named_pages(generators):
    """A page the settings give an address of its own (EXTRA_PATH_METADATA: the home page, the
    page for a wrong address, 404.html) that is gone or not published: without it the host
    shows its own page, with no crisis line and no way back, and nothing else would say so."""
    if not generators:
        return
    settings = generators[0].settings
    root = settings["PATH"]
    published = {os.path.abspath(item.source_path)
                 for generator in generators
                 for name in ("pages", "hidden_pages", "translations", "hidden_translations",
                              "articles", "hidden_articles")
                 for item in getattr(generator, name, [])}
    for path, meta in sorted((settings.get("EXTRA_PATH_METADATA") or {}).items()):
        save_as = meta.get("save_as") if isinstance(meta, dict) else None
        if not save_as or os.path.splitext(path)[1] not in (
                "." + e for e in CheckedMarkdownReader.file_extensions):
            continue
        source = os.path.join(root, path)
        shown = findings.display_path(source, root)
        if not os.path.isfile(source):
            if not was_committed(source):
                continue  # a site that never had it (a small test site) is not told to add it
            what = "gone (deleted)"
        elif os.path.abspath(source) not in published:
            what = "not published (a draft, or left out for an error above)"
        else:
            continue
        findings.log(log, findings.Finding(
            shown, 1, "error",
            f"this file is {what}, but the site publishes it as /{save_as} (EXTRA_PATH_METADATA in "
            f"pelicanconf.py); without it visitors get the host's own page instead, with no crisis "
            "line and no menu. Put it back (it is in the repository's history) or write it again"))


def log_findings(generator, metadata):
    for finding in sorted(metadata.pop(FINDINGS_KEY, ())):
        findings.log(log, finding)


def _left_out():
    return False


def refuse_unusable_name(content):
    """A file whose name (or folder's name) cannot go in an address is left out, and said so;
    a space is an error and capital letters a warning (sitelib.names). A folder's name is
    reported once, at the folder. True when the file is left out."""
    settings = content.settings
    root = os.path.abspath(settings["PATH"])
    relative = os.path.relpath(os.path.abspath(content.source_path), root).replace(os.sep, "/")
    found = names.path_problems(relative)
    if not found:
        return False
    told = content._context.setdefault(NAMED_KEY, set())
    for severity, message, where in found:
        if where in told:
            continue
        told.add(where)
        shown = findings.display_path(os.path.join(root, where), settings.get("PATH"))
        findings.log(log, findings.Finding(shown, 1, severity.replace("-left-out", ""), message))
    if names.left_out(found):
        content.is_valid = _left_out
        return True
    return False


def refuse_second_file_at_same_address(content):
    """Leave out the second file that publishes to an address another file already has (and,
    first, a file whose name cannot be an address)."""
    if not isinstance(content, (Page, Article)) or not content._context:
        return
    if content.source_path and refuse_unusable_name(content):
        return
    # Pelican formats save_as anew on every read of the attribute (its metadata copied, the
    # source path made relative again): read it once here and hand it on (issue 22).
    save_as = content.save_as
    if not save_as or _will_become_draft(content):
        return
    if ADDRESSES_KEY not in content._context:
        content._context[ADDRESSES_KEY] = generated_addresses(content.settings)
    addresses = content._context[ADDRESSES_KEY]
    page_clash = _clash(addresses, [save_as], content.source_path)
    if page_clash is None or isinstance(page_clash[1], FlyerClaim):
        if page_clash is not None:  # a page is worth more than another page's flyer
            _drop_flyer(addresses, page_clash[1], content)
        addresses[save_as] = content.source_path
        flyer = claims_of(content, save_as)[1:]
        flyer_clash = _clash(addresses, flyer, content.source_path) if flyer else None
        if flyer_clash is not None:
            content.metadata["flyer"] = ""
            _report_lost_flyer(content, flyer_clash[1])
        else:
            for path in flyer:
                addresses[path] = FlyerClaim(content)
        return
    clash = page_clash
    # Pelican skips a file whose is_valid() is False without a message of its own; ours is below.
    # (Pelican has no signal to leave a file out; tests/test_edits.py pins this.)
    content.is_valid = _left_out
    content_path = content.settings.get("PATH")
    shown = findings.display_path(content.source_path, content_path)
    path, first = clash
    url = "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)
    if isinstance(first, GeneratedPage):
        findings.log(log, findings.Finding(
            shown, 1, "error",
            f"this file would publish to {url}, the address of {first}, which the site makes "
            "itself, so it was not built; rename the file or move it to another folder"))
        return
    earlier, later = sorted([findings.display_path(first, content_path), shown])
    findings.log(log, findings.Finding(
        later, 1, "error",
        f"this file and {earlier} both publish to {url}, and an address can hold only one "
        "page, so only one of the two was built; rename or move one of them",
    ))


class FlyerClaim(str):
    """An address a page's flyer will take (plugins/flyers); a page there takes it instead."""

    def __new__(cls, content):
        claim = super().__new__(cls, content.source_path)
        claim.content = content
        return claim


def _drop_flyer(addresses, claim, taker):
    owner = claim.content
    owner.metadata["flyer"] = ""
    for path in [p for p, v in addresses.items() if isinstance(v, FlyerClaim) and v.content is owner]:
        del addresses[path]
    _report_lost_flyer(owner, taker.source_path)


def _report_lost_flyer(content, other):
    content_path = content.settings.get("PATH")
    shown = findings.display_path(content.source_path, content_path)
    other = other if isinstance(other, GeneratedPage) else findings.display_path(other, content_path)
    findings.log(log, findings.Finding(
        shown, findings.field_line(content.metadata, "flyer"), "error",
        f"this page's flyer would publish to /{content.url}flyer/, which {other} already takes, "
        "so no flyer was made; rename that file, or delete the line `Flyer: yes`"))


#: Where plugins/flyers puts the flyer of a page with ``Flyer: yes`` (below the page's address).
FLYER_FILES = ("flyer/index.html", "flyer/qr.svg")


def claims_of(content, save_as=None):
    """The files a page, post or event will write: its page, and its flyer's (Flyer: yes).
    ``save_as``: the page's own, when the caller has already read it."""
    claims = [save_as or content.save_as]
    if str(content.metadata.get("flyer", "")).lower() == "yes":
        claims += [content.url + name for name in FLYER_FILES]
    return claims


def _clash(addresses, claims, source):
    """(path, what is there) for the first of ``claims`` that another file or the site already
    writes, or that lies inside a file's place (events/calendar.ics/index.html when the calendar
    feed is the file events/calendar.ics); None when all are free."""
    for path in claims:
        first = addresses.get(path)
        if first is not None and first != source:
            return path, first
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            for taken in (folder, folder + "/"):
                first = addresses.get(taken)
                if first is not None and first != source:
                    return path, first
    return None


class GeneratedPage(str):
    """An address the site writes without a content file (the blog, a category, the feed)."""


def generated_addresses(settings):
    """save_as -> what the build writes there of its own, so a page cannot overwrite it."""
    made = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            made[save_as] = GeneratedPage("the news list" if name == "index" else f"the {name} page")
    category_save_as = settings.get("CATEGORY_SAVE_AS")
    if category_save_as:
        for category in get_config(settings)["categories"]:
            slug = slugify(category, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
            made[category_save_as.format(slug=slug, name=category)] = GeneratedPage(
                f'the news category "{category}"')
    for save_as in (settings.get("TEMPLATE_PAGES") or {}).values():
        made[save_as] = GeneratedPage(f"the file {save_as}")
    for key, value in settings.items():
        if key.endswith(("_ATOM", "_RSS")) and isinstance(value, str) and "{" not in value:
            made[value] = GeneratedPage("the news feed")
    if settings.get("EVENT_PATHS"):  # plugins/events: its calendar feed, a file
        feed = (settings.get("EVENTS") or {}).get("feed", "events/calendar.ics")
        made[feed] = GeneratedPage("the calendar feed")
    made[settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"] = GeneratedPage("the theme's files")
    for path, what in get_config(settings)["reserved"].items():
        made[path] = GeneratedPage(what)
    return made


def _will_become_draft(content):
    """Pelican turns a post dated in the future into a draft after this signal: not published."""
    if not isinstance(content, Article) or content.settings.get("WITH_FUTURE_DATES", True):
        return False
    date = getattr(content, "date", None)
    if date is None:
        return False
    now = datetime.datetime.now(date.tzinfo) if date.tzinfo else datetime.datetime.now()
    return date > now


def menu_link_origins(pelican, generators=(), **kwargs):
    """Where each ``Menu_link`` was written, for the link checker's messages: it asks through
    its ``link_checker_origins`` signal just before it checks (pelican-link-checker's README,
    "Links from elsewhere") and reports a broken menu link at this line, not at the theme's
    menu template."""
    origins = {}
    for generator in generators:
        for item in [*getattr(generator, "pages", []), *getattr(generator, "hidden_pages", []),
                     *getattr(generator, "translations", []), *getattr(generator, "hidden_translations", [])]:
            values = item.metadata.get("menu_link") or []
            values = [values] if isinstance(values, str) else values
            lines = (item.metadata.get(LINES_KEY) or {}).get("menu_link") or []
            lines = [lines] if isinstance(lines, int) else lines
            for occurrence, value in enumerate(values):
                link = F.parse_link(value)
                if link:
                    line = lines[occurrence] if occurrence < len(lines) else 1
                    origins.setdefault(link[1], (item.source_path, line))
    return origins


def register():
    # link_checker_origins: pelican-link-checker's hand-off (a named blinker signal, so this
    # plugin works without the checker installed).
    signal("link_checker_origins").connect(menu_link_origins)
    # readers_init: the one moment to swap the reader class before Pelican builds its readers.
    signals.readers_init.connect(use_checked_reader)
    # *_generator_context: sent for every file with its metadata, cached or freshly read.
    signals.page_generator_context.connect(log_findings)
    signals.article_generator_context.connect(log_findings)
    # all_generators_finalized: once per build, after every file Pelican wanted was read.
    signals.all_generators_finalized.connect(report_unread_files)
    signals.all_generators_finalized.connect(report_missing_named_pages)
    # content_object_init: each page's address is known here, before any page is written.
    signals.content_object_init.connect(refuse_second_file_at_same_address)
