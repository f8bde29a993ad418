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
import logging
import os

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican import signals
from pelican.contents import Article, Page
from pelican.readers import MarkdownReader
from pelican.utils import get_date

from sitelib import findings
from sitelib.settings import merge_settings

from . import checks
from . import fields as F

log = logging.getLogger(__name__)

SETTING = "FRONT_MATTER"
DEFAULTS = {
    # The news categories a post may name; None means the keys of CATEGORY_SUMMARIES.
    "categories": None,
}
#: Where the reader leaves its findings in a file's metadata, until they are logged.
FINDINGS_KEY = "front_matter_findings"
#: Where a build's content records which file publishes to which address.
ADDRESSES_KEY = "front_matter_addresses"


def _is_list_of_names(value):
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def get_config(settings):
    """FRONT_MATTER merged over DEFAULTS; never changes the user's dict."""
    config = merge_settings(settings, SETTING, DEFAULTS, log, "front_matter", valid={
        "categories": (_is_list_of_names, "a list of category names")})
    if config["categories"] is None:
        config["categories"] = list(settings.get("CATEGORY_SUMMARIES") or {})
    return config


def kind_of(source_path, settings):
    """page, section (a folder's index.md) or article (a news post), from where the file is."""
    relative = os.path.relpath(source_path, settings["PATH"]).replace(os.sep, "/")
    for folder in settings.get("ARTICLE_PATHS", []):
        if relative.startswith(folder.rstrip("/") + "/"):
            return F.ARTICLE
    stem = os.path.splitext(os.path.basename(relative))[0]
    return F.SECTION if stem == "index" else F.PAGE


def title_from_file_name(source_path):
    """ "housing-help.md" gives "Housing help"; a section's index.md is named after its folder."""
    stem = os.path.splitext(os.path.basename(source_path))[0]
    if stem == "index":
        stem = os.path.basename(os.path.dirname(source_path))
    words = stem.replace("-", " ").replace("_", " ").strip() or "Untitled"
    return words[:1].upper() + words[1:]


def templates_of(settings):
    folder = os.path.join(settings.get("THEME", ""), "templates")
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return ()
    return tuple(os.path.splitext(n)[0] for n in names if n.endswith(".html") and n != "base.html")


class CheckedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, reading bytes itself and checking the front matter first."""

    def __init__(self, settings):
        super().__init__(settings)
        self.categories = tuple(get_config(settings)["categories"])
        self.templates = templates_of(settings)
        self._md = None

    def rules_for(self, source_path):
        mtime = datetime.date.fromtimestamp(os.path.getmtime(source_path))
        return checks.Rules(
            categories=self.categories,
            templates=self.templates,
            # The function Pelican reads a Date with, so "readable" means the same here.
            read_date=lambda value: get_date(value.replace("_", " ")),
            fallback_title=title_from_file_name(source_path),
            fallback_date=mtime.isoformat(),
        )

    def read(self, source_path):
        shown = findings.display_path(source_path, self.settings.get("PATH"))
        with open(source_path, "rb") as f:
            text, not_utf8 = checks.decode(f.read(), shown)
        result = checks.check(text, kind_of(source_path, self.settings), shown,
                              self.rules_for(source_path))

        # As MarkdownReader.read, on the text read above and with the checked front matter.
        self._source_path = source_path
        # One Markdown object for every file, reset between files: making a new one per file
        # (as Pelican's reader does) cost more than all the checks (bench/RESULTS.md). Pelican's
        # _parse_metadata takes "meta" out to convert the Summary; it goes back in here.
        if self._md is None:
            self._md = Markdown(**self.settings["MARKDOWN"])
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(MetaPreprocessor(self._md), "meta", 27)
        self._md.reset()
        content = self._md.convert(text)
        metadata = self._parse_metadata(result.meta)
        metadata[FINDINGS_KEY] = tuple(([not_utf8] if not_utf8 else []) + result.findings)
        return content, metadata


def use_checked_reader(readers):
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = CheckedMarkdownReader


def log_findings(generator, metadata):
    for finding in sorted(metadata.pop(FINDINGS_KEY, ())):
        findings.log(log, finding)


def _left_out():
    return False


def refuse_second_file_at_same_address(content):
    """Leave out the second file that publishes to an address another file already has."""
    if not isinstance(content, (Page, Article)) or not content._context:
        return
    save_as = content.save_as
    if not save_as or _will_become_draft(content):
        return
    addresses = content._context.setdefault(ADDRESSES_KEY, {})
    first = addresses.setdefault(save_as, content.source_path)
    if first == content.source_path:
        return
    # Pelican skips a file whose is_valid() is False without a message of its own; ours is below.
    content.is_valid = _left_out
    content_path = content.settings.get("PATH")
    earlier, later = sorted([findings.display_path(first, content_path),
                             findings.display_path(content.source_path, content_path)])
    url = "/" + content.url
    findings.log(log, findings.Finding(
        later, 1, "error",
        f"this file and {earlier} both publish to {url}, and an address can hold only one "
        "page, so only one of the two was built; rename or move one of them",
    ))


def _will_become_draft(content):
    """Pelican turns a post dated in the future into a draft after this signal: not published."""
    if not isinstance(content, Article) or content.settings.get("WITH_FUTURE_DATES", True):
        return False
    date = getattr(content, "date", None)
    if date is None:
        return False
    now = datetime.datetime.now(date.tzinfo) if date.tzinfo else datetime.datetime.now()
    return date > now


def register():
    # readers_init: the one moment to swap the reader class before Pelican builds its readers.
    signals.readers_init.connect(use_checked_reader)
    # *_generator_context: sent for every file with its metadata, cached or freshly read.
    signals.page_generator_context.connect(log_findings)
    signals.article_generator_context.connect(log_findings)
    # content_object_init: each page's address is known here, before any page is written.
    signals.content_object_init.connect(refuse_second_file_at_same_address)
