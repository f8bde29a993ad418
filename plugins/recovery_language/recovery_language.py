"""Pelican adapter for the recovery-language glossary.

Adds ``recovery_language`` (a list of :class:`~recovery_language.terms.Term`) to the context of
every template, so the glossary page (``Template: glossary``) can render the term pairs as a
table. The pairs are read once per build from the data file named by the setting::

    RECOVERY_LANGUAGE = {"data": "data/recovery-language.yml"}  # relative to PATH

Every problem in the file is logged at ERROR as ``path:line: error: …``, so a strict build
(``pelican --fatal errors`` or ``make check``) fails and the editor can jump to the line.

It also reads every published page and news post for the clinical terms (usage.py) and logs a
warning with the alternatives at the line of each use. Warnings never fail the build. A page
opts out with the front-matter line ``Recovery_language_check: off`` (the glossary page, which
must name the terms); a term quoted on purpose is written in double quotes.
"""

import logging
import os

from pelican import signals

from sitelib import findings
from sitelib.languages import lang_of, other_languages, site_languages
from sitelib.settings import published

from .terms import load_terms
from .usage import find_clinical_terms, message

log = logging.getLogger(__name__)

SETTING = "RECOVERY_LANGUAGE"
CONTEXT_KEY = "recovery_language"
DEFAULTS = {
    # The data file, relative to the content folder (PATH). Keep it out of Pelican's readers
    # with IGNORE_FILES, or Pelican will try to read it as a page.
    "data": "data/recovery-language.yml",
}


def get_config(settings):
    """The plugin's settings merged over DEFAULTS; never changes the user's dict."""
    user = settings.get(SETTING) or {}
    if not isinstance(user, dict):
        log.error("recovery_language: %s must be a dict like %r; using the defaults", SETTING, DEFAULTS)
        return dict(DEFAULTS)
    config = dict(DEFAULTS)
    for key, value in user.items():
        if key not in DEFAULTS:
            log.warning("recovery_language: unknown key %r in %s (known keys: %s); ignored",
                        key, SETTING, ", ".join(DEFAULTS))
        elif not isinstance(value, str) or not value.strip():
            log.error("recovery_language: %s[%r] must be a path relative to the content folder, "
                      "not %r; using %r", SETTING, key, value, DEFAULTS[key])
        else:
            config[key] = value
    return config


def data_paths(settings, config):
    """The data file's absolute path, and the path to show in messages (relative to the
    folder holding the content folder, e.g. ``content/data/recovery-language.yml``)."""
    content = os.path.abspath(settings.get("PATH", "content"))
    path = os.path.join(content, config["data"])
    shown = os.path.relpath(path, os.path.dirname(content))
    return path, shown.replace(os.sep, "/")


def glossary_pages(generator):
    """Published and hidden pages that render the term pairs (``Template: glossary``)."""
    return [page for page in [*generator.pages, *generator.hidden_pages]
            if getattr(page, "template", None) == "glossary"]


def add_terms_to_context(generator):
    """Load the term pairs, log every problem, and share the valid pairs with the templates."""
    path, shown = data_paths(generator.settings, get_config(generator.settings))
    users = glossary_pages(generator)
    if not os.path.exists(path) and not users:
        # A site without a glossary page and without the data file has nothing to check.
        log.debug("recovery_language: no %s and no glossary page; nothing to do", shown)
        terms, errors = [], []
    else:
        terms, errors = load_terms(path, shown, other_languages(generator.settings))
    if users and not os.path.exists(path):
        pages = ", ".join(sorted(page.relative_source_path for page in users))
        errors = [f"{errors[0]} (the glossary page {pages} needs it)"] if errors else errors
    for error in errors:
        log.error("%s", error)
    # The generators share one context dict, so every template (pages and articles) sees it.
    generator.context[CONTEXT_KEY] = terms
    # The pairs in each language, for a glossary page in that language (glossary.html).
    generator.context[BY_LANG_KEY] = terms_by_language(terms, generator.settings)


BY_LANG_KEY = "recovery_language_by_lang"


def terms_by_language(terms, settings):
    """``{lang: [Term, …]}``: the pairs given in each of the site's languages."""
    default = settings.get("DEFAULT_LANG")
    table = {}
    for lang in site_languages(settings):
        table[lang] = list(terms) if lang == default else [
            t for t in (term.in_language(lang) for term in terms) if t is not None]
    return table


OPT_OUT_FIELD = "recovery_language_check"  # front matter: "off" skips the page
#: Pelican's lists of published content, translations (pages in another language) included.
LISTS = ("pages", "hidden_pages", "translations", "hidden_translations", "articles",
         "hidden_articles")


def warn_about_clinical_terms(generator, writer=None):
    """A warning, with the alternatives, at each use of a clinical term in a published page or
    post of ``generator``."""
    terms = generator.context.get(CONTEXT_KEY) or []
    if not terms:
        return
    settings = generator.settings
    content_path = settings.get("PATH")
    by_lang = terms_by_language(terms, settings)
    for item in published([generator], LISTS):
        if str(item.metadata.get(OPT_OUT_FIELD, "")).strip().lower() == "off":
            continue
        # A page is checked with the pairs of its own language (Spanish terms on Spanish pages).
        lang = lang_of(item, settings)
        with open(item.source_path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        shown = findings.display_path(item.source_path, content_path)
        body_line = findings.field_line(item.metadata, findings.BODY_LINE)
        for usage in find_clinical_terms(text, by_lang.get(lang, terms), body_line):
            findings.log(log, findings.Finding(shown, usage.line, "warning", message(usage)))


def register():
    # page_generator_finalized: sent once per build, after every page is read (so we know
    # whether any page is a glossary) and before any is written (so the glossary template
    # sees the terms in the context it is rendered with).
    signals.page_generator_finalized.connect(add_terms_to_context)
    # page_writer_finalized / article_writer_finalized: the terms are loaded (above), and the
    # pages (or posts) are written, so the live preview has shown an edited page before this
    # site-wide check runs; its warnings still reach the terminal. One check per generator.
    signals.page_writer_finalized.connect(warn_about_clinical_terms)
    signals.article_writer_finalized.connect(warn_about_clinical_terms)
