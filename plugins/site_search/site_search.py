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
Spanish index because the page's ``<html lang>`` says so, and speaks Spanish because the
template gives the same language to ``<pagefind-config lang>``.

Ranking: the words people type to find a page that it does not say itself (other names,
acronyms, misspellings) are kept by page address in one data file, ``content/data/
search-words.yml`` (search_words.py, read with the rest at ``all_generators_finalized``; each
page gets them as ``search_words``). They reach Pagefind as the page's metadata field
``keywords`` (templates/partials/search_words.html), which the search page's script
(static/js/search.js) weighs above a title; the script also runs a search given as ``?q=``.
tests/search_queries.yml holds the searches that must find their page.

Settings, merged over :data:`DEFAULTS`::

    SITE_SEARCH = {"index": True, "words": "data/search-words.yml"}

``index: False`` skips Pagefind (the A–Z list is still made); tests that do not search use it.
``words`` is the search-words file, under the content folder (a missing file: no words).
"""

import logging
import os

from pelican import signals

from sitelib import findings
from sitelib.languages import lang_of
from sitelib.settings import merge_settings, published

from . import a_to_z, pagefind, search_words

log = logging.getLogger(__name__)

SETTING = "SITE_SEARCH"
DEFAULTS = {
    # Run Pagefind after the build. False: no index (the search page then finds nothing).
    "index": True,
    # The search-words file (search_words.py), relative to the content folder (PATH).
    "words": "data/search-words.yml",
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
        "index": (lambda v: isinstance(v, bool), "True or False"),
        "words": (lambda v: isinstance(v, str) and v.strip() != "", "a file name, like 'data/search-words.yml'")})


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


def _is_search_page(item):
    return getattr(item, "template", "") == TEMPLATE


def listed(generators):
    """(item, its ``url``) of every published page, news post and event: Pelican works an
    item's address out again at each reading of ``url``, so it is read once here."""
    return [(item, item.url) for item in published(generators, LISTED)]


def collect(generators, settings, items=None):
    """``items``: :func:`listed` of ``generators``, when it is already at hand."""
    site_url = settings.get("SITEURL", "")
    default_lang = settings.get("DEFAULT_LANG", "en")
    search_pages, entries = {}, {}
    for item, url in listed(generators) if items is None else items:
        lang = lang_of(item, settings)
        if _is_search_page(item):
            search_pages.setdefault(lang, item)
            continue
        entries.setdefault(lang, []).append(a_to_z.Entry(
            title=str(item.title), url=f"{site_url}/{url}",
            summary=getattr(item, "summary", "") or ""))
    letters = {lang: a_to_z.group(items) for lang, items in entries.items()}
    return SiteSearch(site_url, default_lang, search_pages, letters)


#: Where the generators keep what is not published (Pelican's PagesGenerator and
#: ArticlesGenerator): a search word for one of these is a note, not an error.
DRAFTS = ("draft_pages", "draft_translations", "drafts", "drafts_translations", "hidden_pages",
          "hidden_translations")


def _published_address(item, settings):
    """The address a draft will have once published (a draft's own ``url`` is DRAFT_URL's)."""
    kind = "ARTICLE" if type(item).__name__ == "Article" else "PAGE"
    lang = getattr(item, "lang", None)
    key = f"{kind}_LANG_URL" if lang and lang != settings.get("DEFAULT_LANG") else f"{kind}_URL"
    try:
        return "/" + settings.get(key, "").format(**item.url_format)
    except (KeyError, ValueError, AttributeError):
        return None


def add_search_words(generators, settings, items=None):
    """Give each published page its words from the search-words file (``search_words``, read by
    templates/partials/search_words.html), and log what is wrong in the file at its line.
    ``items``: :func:`listed` of ``generators``, when it is already at hand."""
    path = os.path.join(settings.get("PATH", ""), get_config(settings)["words"])
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return
    except UnicodeDecodeError:
        shown = findings.display_path(path, settings.get("PATH"))
        findings.log(log, findings.Finding(shown, 1, "error", "the search words cannot be read: "
                                           "save the file as UTF-8 text (the editor's encoding)"))
        return
    except OSError as exc:
        shown = findings.display_path(path, settings.get("PATH"))
        findings.log(log, findings.Finding(shown, 1, "error", f"the search words cannot be read "
                                           f"({exc.strerror or exc}); check the file is there and readable"))
        return
    shown = findings.display_path(path, settings.get("PATH"))
    entries, found = search_words.parse(text, shown)
    pages = {f"/{url}": item for item, url in (listed(generators) if items is None else items)}
    drafts = {_published_address(item, settings) for generator in generators for name in DRAFTS
              for item in getattr(generator, name, [])}
    words, unmatched = search_words.match(entries, shown, pages, drafts)
    for address, text in words.items():
        pages[address].search_words = text
    for finding in found + unmatched:
        findings.log(log, finding)


def add_search_to_context(generators):
    if not generators:
        return
    items = listed(generators)
    add_search_words(generators, generators[0].settings, items)
    # One context dict is shared by every generator of a build: set once, seen by all templates.
    generators[0].context["site_search"] = collect(generators, generators[0].settings, items)


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
