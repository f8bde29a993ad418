"""Pelican adapter: site search with Pagefind, and the search page's A–Z list.

* After every file is read (``all_generators_finalized``), the template context gets
  ``site_search``: the search page of each language (the page with ``Template: search``;
  the header links to it) and, per language, every published page, news post and event as an
  A–Z list (a_to_z.py) that the search page shows, so it is useful without JavaScript.
* After the site is written (``finalized``), Pagefind indexes ``output/`` (pagefind.py): one
  index per ``<html lang>``, of the ``<main data-pagefind-body>`` of the content pages. The
  link checker checks the search page's links to the bundle after every ``finalized``
  receiver, this one included, whatever the order of ``PLUGINS``.

A Spanish search page is one Markdown file beside the English one (``search.es.md`` with
``Template: search``): it lists the Spanish pages, and Pagefind's Component UI loads the
Spanish index and speaks Spanish because the page's ``<html lang>`` says so.

Settings, merged over :data:`DEFAULTS`::

    SITE_SEARCH = {"index": True}

``index: False`` skips Pagefind (the A–Z list is still made); tests that do not search use it.
"""

import logging
import os

from pelican import signals

from sitelib import findings
from sitelib.settings import merge_settings, published

from . import a_to_z, pagefind

log = logging.getLogger(__name__)

SETTING = "SITE_SEARCH"
DEFAULTS = {
    # Run Pagefind after the build. False: no index (the search page then finds nothing).
    "index": True,
}
#: The template that makes a page the search page of its language.
TEMPLATE = "search"
#: What the search page's Content-Security-Policy adds to the site's strict one (default-src
#: 'self', no inline script or style), directive by directive: Pagefind compiles WebAssembly
#: ('wasm-unsafe-eval'), searches in a worker, and its stylesheet draws its icons from data:
#: images. The search template hands this to base.html as ``csp_extra``; the browser test
#: runs the search under exactly this policy.
CSP_EXTRA = {
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "worker-src": ("'self'",),
    "img-src": ("'self'", "data:"),
}
#: What the A–Z list holds: the generators' lists of published content (events: plugins/events),
#: translations included (a Spanish page is in ``translations`` beside its English original).
LISTED = ("pages", "articles", "events", "translations")


def get_config(settings):
    return merge_settings(settings, SETTING, DEFAULTS, log, "site_search", valid={
        "index": (lambda v: isinstance(v, bool), "True or False")})


class SiteSearch:
    """What the templates are given as ``site_search``."""

    def __init__(self, site_url, default_lang, search_pages, letters):
        self.site_url = site_url
        self.default_lang = default_lang
        self.pages = search_pages  # {lang: page}
        self.letters = letters  # {lang: [a_to_z.Letter]}
        self.csp_extra = CSP_EXTRA

    def url_for(self, lang):
        """The search page for ``lang`` (the default language's when it has none), or ""."""
        page = self.pages.get(lang) or self.pages.get(self.default_lang)
        return f"{self.site_url}/{page.url}" if page else ""

    def a_to_z(self, lang):
        return self.letters.get(lang, [])


def _lang(item, default_lang):
    return getattr(item, "lang", None) or default_lang


def _is_search_page(item):
    return getattr(item, "template", "") == TEMPLATE


def collect(generators, settings):
    site_url = settings.get("SITEURL", "")
    default_lang = settings.get("DEFAULT_LANG", "en")
    search_pages, entries = {}, {}
    for item in published(generators, LISTED):
        lang = _lang(item, default_lang)
        if _is_search_page(item):
            search_pages.setdefault(lang, item)
            continue
        entries.setdefault(lang, []).append(a_to_z.Entry(
            title=str(item.title), url=f"{site_url}/{item.url}",
            summary=getattr(item, "summary", "") or ""))
    letters = {lang: a_to_z.group(items) for lang, items in entries.items()}
    return SiteSearch(site_url, default_lang, search_pages, letters)


def add_search_to_context(generators):
    if not generators:
        return
    # One context dict is shared by every generator of a build: set once, seen by all templates.
    generators[0].context["site_search"] = collect(generators, generators[0].settings)


def index_output(pelican):
    if not get_config(pelican.settings)["index"]:
        return
    outcome = pagefind.index_site(pelican.output_path)
    if not outcome.ok:
        shown = findings.display_path(pelican.output_path, pelican.settings.get("PATH"))
        findings.log(log, findings.Finding(
            os.path.join(shown, pagefind.BUNDLE), 1, "error",
            f"Pagefind could not index the site, so search finds nothing: {outcome.message}. "
            "Run `make html` again; if it keeps failing, reinstall with `rm -rf .venv && make html`"))


def register():
    # all_generators_finalized: every page, post and event is read and none is written yet.
    signals.all_generators_finalized.connect(add_search_to_context)
    # finalized: the whole site is on disk, which is what Pagefind reads.
    signals.finalized.connect(index_output)
