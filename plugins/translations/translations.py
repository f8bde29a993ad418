"""Pelican adapter for the translations (core.py holds the checks, sitemap.py the sitemap).

Pelican 4.12 pairs a page with its translations itself: files with the same slug and another
``lang`` (pelicanconf.py captures the language from ``NAME.es.md`` and sends such a page to
``/es/…`` with PAGE_LANG_URL). This plugin adds what Pelican leaves out:

* ``Translation_of: pages/resources/emergency.md`` gives a translation with a file name of its
  own the original's slug, so Pelican pairs the two (done on the metadata, before the page
  exists, so its address is final from the start);
* the checks of core.py, each a ``path:line: error:`` with the fix;
* on every page and news post that has versions in other languages, ``alternates`` (its own
  version included, the original first: what the ``<link rel="alternate" hreflang>`` tags and
  the language switcher show) and ``x_default`` (the original's address);
* ``news_languages`` in the context: the languages that have news posts, so a page links to a
  feed in its language only when that feed exists;
* under ``make check`` (build_report's full report): the pages with no version in each other
  language, and the translations whose original changed after them (Git dates), as to-do lists.

* at every build, each language of the site without the theme's words for it
  (``theme/strings/<code>.yml``), or with some missing, at that file.

The languages are the site's one list, ``LANGUAGES`` in pelicanconf.py (read through
sitelib.languages), each named in its own words, as the switcher shows it; the site's
DEFAULT_LANG is the language of the originals. The plugin has no setting of its own.
"""

import logging
import os
import re
from types import SimpleNamespace

from pelican import signals
from pelican.contents import Article, Page

from build_report import build_report
from front_matter import checks as front_matter_checks
from page_meta.history import last_changes
from sitelib import findings
from sitelib.languages import lang_of, settings_problem, site_languages, strings_problems

from . import core
from .sitemap import sitemap

log = logging.getLogger(__name__)

#: Where a build's context keeps the files read, for the checks at the end of reading.
RECORDS_KEY = "translations_records"
FIELD_TARGET = "translation_of"
TODO_HEADING = "To translate (not an error): {pages} no version in {lang} ({name}) yet:"
STALE_HEADING = "Translations to update: the original changed after the translation:"


def _relative(path, settings):
    return os.path.relpath(path, settings["PATH"]).replace(os.sep, "/")


def pair_by_translation_of(generator, metadata):
    """Give a file with ``Translation_of`` the slug of the page it translates, so Pelican
    pairs them and its address mirrors the original's (/es/resources/emergency/)."""
    target = core.normalise_target(metadata.get(FIELD_TARGET))
    default = generator.settings.get("DEFAULT_LANG")
    if not target or metadata.get("lang", default) == default:
        return  # not a translation: the check reports the stray Translation_of
    match = re.search(generator.settings.get("PATH_METADATA") or r"$^", target)
    if match and match.groupdict().get("slug"):
        metadata["slug"] = match.group("slug")


def remember_file(content):
    """Note every page and news post read, whatever becomes of it, for the checks."""
    if not isinstance(content, (Page, Article)) or content._context is None:
        return
    settings = content.settings
    default = settings.get("DEFAULT_LANG")
    metadata = content.metadata
    target = core.normalise_target(metadata.get(FIELD_TARGET))
    record = core.Record(
        path=_relative(content.source_path, settings),
        shown=findings.display_path(content.source_path, settings.get("PATH")),
        lang=lang_of(content, settings),
        slug=getattr(content, "slug", "") or "",
        translation_of=target or None,
        translation_of_line=findings.field_line(metadata, "translation_of"),
        lang_line=findings.field_line(metadata, "lang"),
    )
    records = content._context.setdefault(RECORDS_KEY, {})
    records[content.source_path] = record
    hold_back_with_draft_original(content, record, default)


#: The Needs line a translation gets while its original is a draft (build_report lists it).
HELD_BACK = ("its original, {original}, is still a draft; this translation is published together "
             "with it (when the original's `Status: draft` line is deleted)")


def original_status(path):
    """The Status an original's front matter gives (lower case), "" when it has none, None when
    the file cannot be read. Read with front_matter's parser, the project's one reader of it."""
    try:
        with open(path, "rb") as f:
            text, _ = front_matter_checks.decode(f.read(), path)
    except OSError:
        return None
    status = ""
    for entry in front_matter_checks.parse(text).entries:
        if entry.key == "status":
            status = entry.value.strip().lower()
    return status


def hold_back_with_draft_original(content, record, default):
    """A translation of a draft is a draft too: the Spanish version of a personal story waiting
    for its author's consent must not be published before the English one."""
    if content.status == "draft":
        return
    original = core.original_of(record, default)
    if not original:
        return
    path = os.path.join(content.settings["PATH"], original)
    if not os.path.isfile(path):
        return
    status = original_status(path)
    if status is None or status in ("published", "hidden", ""):
        return
    # "draft", or a Status the front-matter check does not know (which it also treats as draft).
    content.status = "draft"
    shown = findings.display_path(path, content.settings.get("PATH"))
    content.metadata.setdefault("needs", HELD_BACK.format(original=shown))


def _contents(generators, names):
    for generator in generators:
        for name in names:
            yield from getattr(generator, name, [])


#: Pelican's lists of published content, translations included.
EVERY_LIST = ("pages", "translations", "hidden_pages", "hidden_translations", "articles",
              "hidden_articles")


def check_languages(settings, languages, default):
    """The site's list of languages, and the theme's words in each: a missing strings file is
    an error at that file (its pages show the default language's words meanwhile)."""
    problem = settings_problem(settings)
    if problem:
        log.error("translations: %s; building in %s only", problem, default)
    folder = os.path.join(settings.get("THEME") or "", "strings")
    if not os.path.isdir(folder):
        return  # a theme without strings files (Pelican's own) has its words in its templates
    for path, line, severity, message in strings_problems(folder, languages, default):
        findings.log(log, findings.Finding(findings.display_path(path), line, severity, message))


def finish_reading(generators):
    """Check the pairing, give each page its alternates, and prepare the to-do lists."""
    if not generators:
        return
    settings = generators[0].settings
    context = generators[0].context
    languages = site_languages(settings)
    default = settings.get("DEFAULT_LANG")
    check_languages(settings, languages, default)
    content_path = settings["PATH"]

    records = list((context.get(RECORDS_KEY) or {}).values())
    context.pop(RECORDS_KEY, None)
    found = core.check(
        records, languages, default,
        exists=lambda path: os.path.isfile(os.path.join(content_path, path)),
        shown_of=lambda path: findings.display_path(os.path.join(content_path, path), content_path))
    for finding in sorted(found):
        findings.log(log, finding)

    site_url = settings.get("SITEURL", "")
    news = set()
    for item in _contents(generators, EVERY_LIST):
        versions = [item, *getattr(item, "translations", ())]
        if isinstance(item, Article):
            news.add(lang_of(item, settings))
        if len(versions) < 2 or item.status != "published":
            item.alternates, item.x_default = [], None
            continue
        listed = core.alternates([(v.lang, v.url) for v in versions], languages, default, site_url)
        item.alternates = [SimpleNamespace(lang=lang, name=name, href=href, current=lang == item.lang)
                           for lang, name, href in listed]
        item.x_default = listed[0][2]
    context["news_languages"] = sorted(news)
    context["LANGUAGE_SETTINGS"] = language_settings(generators, settings, default)

    report = build_report.report_of(context)
    if report.full:
        report_to_do(report, generators, languages, default, content_path)


#: Settings naming a page by its address; a page in another language gets its translation's.
ADDRESS_SETTINGS = ("CRISIS_PAGE", "ACCESSIBILITY_PAGE", "PRIVACY_PAGE", "CONTACT_PAGE")


def language_settings(generators, settings, default):
    """``{lang: {"CRISIS_PAGE": the address in that language}}`` for each setting in
    ADDRESS_SETTINGS whose page is published, so the crisis strip of a Spanish page leads to
    the Spanish Emergency page, and the footer links only to pages that exist.
    theme/templates/base.html sets them for each page from its language."""
    by_url = {p.url: p for p in _contents(generators, ("pages", "hidden_pages"))}
    table = {}
    for name in ADDRESS_SETTINGS:
        page = by_url.get(settings.get(name))
        if page is None:
            continue  # not published: the theme leaves the link out (the crisis strip keeps its own)
        table.setdefault(lang_of(page, settings), {})[name] = page.url
        for translation in getattr(page, "translations", ()):
            table.setdefault(translation.lang, {})[name] = translation.url
    return table


def report_to_do(report, generators, languages, default, content_path):
    """The pages not yet translated, and the translations older than their original."""
    originals = [p for p in _contents(generators, ("pages",))
                 if lang_of(p, p.settings) == default]

    def shown(item):
        return findings.display_path(item.source_path, content_path)

    for lang, name in languages.items():
        if lang == default:
            continue
        missing = core.untranslated(
            [(shown(p), {t.lang for t in p.translations}) for p in originals], lang)
        if missing:
            report.sections[TODO_HEADING.format(
                pages="1 page has" if len(missing) == 1 else f"{len(missing)} pages have",
                lang=lang, name=name)] = [
                f"{path}:1: note: no {lang} version yet" for path in missing]

    dates = last_changes(content_path)
    pairs = []
    for page in originals:
        for translation in page.translations:
            pairs.append((shown(translation), shown(page),
                          dates.get(os.path.realpath(translation.source_path)),
                          dates.get(os.path.realpath(page.source_path))))
    late = core.stale(pairs)
    if late:
        report.sections[STALE_HEADING] = [
            f"{translation}:1: note: {original} changed on {o_date.date().isoformat()}, after this "
            f"translation was last changed ({t_date.date().isoformat()}); bring the changes across"
            for translation, original, t_date, o_date in late]


def register():
    # *_generator_context: the metadata of each file before its page exists, so a slug set
    # here gives the page its final address (and pairing) from the start.
    signals.page_generator_context.connect(pair_by_translation_of)
    signals.article_generator_context.connect(pair_by_translation_of)
    # content_object_init: every file read, with its final path, language and slug.
    signals.content_object_init.connect(remember_file)
    # all_generators_finalized: Pelican has paired the translations, nothing is written yet.
    signals.all_generators_finalized.connect(finish_reading)
    # The sitemap (pelican-sitemap, with its alternates corrected): see sitemap.py.
    signals.get_generators.connect(sitemap.init)
    signals.content_written.connect(sitemap.queue_page)
    signals.finalized.connect(sitemap.finalize)
