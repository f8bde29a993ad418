"""Pelican adapter for the navigation tree (the pure core is tree.py).

Once every generator has read its files, the published pages, the news categories with their
articles, and the blog index become :class:`~navigation_tree.tree.Entry` objects; the core
nests them into one tree. Then every page Pelican writes (pages, articles, category pages, the
blog) gets in its template context:

``nav``
    the tree; ``nav.menu`` is the top level, each section's ``menu_children`` its drop-down
    (at most ``max_children``), and ``item.aria_current`` says "page" / "true" / None.
``breadcrumbs``
    Home, the sections above the page, and the page itself (empty on the home page).
``section``, ``previous_page``, ``next_page``
    the section the page belongs to, and its neighbours there.
``in_this_section``
    on a section's landing page, its children (their ``summary`` too), at most
    ``section_list_size`` of them: a larger section's list goes on over pages 2, 3, … written
    at ``<section>/page/<n>/`` (paginate.py), with ``section_paginator`` and ``section_page``
    in the context for the pager (the same questions Pelican's ``articles_paginator`` and
    ``articles_page`` answer), so a landing page stays within the page budget at any size.
``lang``, ``T``
    the page's language and the theme's words in it (``THEME_STRINGS[lang]``).

One tree per language (``LANGUAGES``): the default language's tree holds its pages; another
language's tree has the same shape, each page replaced by its translation where there is one
and otherwise kept, marked with the original's ``lang`` (the menu says "(en inglés)"), so every
page stays reachable from every menu. A page that exists only in another language sits in that
language's tree alone. Each page is rendered with the tree of its own language.

Per-page state is set just before each page is rendered and cleared just after, by a Writer
subclass (Pelican's ``get_writer`` signal): it is the one place every rendered page passes
through, categories and the blog index included. Only one plugin can supply a Writer.

Settings, merged over DEFAULTS (see README.md, "Ordering, hiding and labelling pages")::

    NAV = {"max_children": 10, "section_list_size": 20, "categories_in": "news",
           "category_order": [...], "blog_order": None}

Problems are logged as ``path:line: error: …`` (tools/sitelib/findings.py), so ``make check`` fails on them.
"""

import logging
import os
import posixpath

from sitelib.findings import display_path
from sitelib.findings import FIELD_LINES, LINK_ORIGINS, field_line
from sitelib.findings import log as log_finding
from jinja2 import TemplateNotFound
from markupsafe import Markup
from pelican import signals
from pelican.writers import Writer
from sitelib.settings import merge_settings

from .paginate import PageOfList, SectionPaginator
from .tree import DEFAULT_MAX_CHILDREN, Entry, build_navigation

log = logging.getLogger(__name__)

SETTING = "NAV"
CONTEXT_KEY = "navigation_tree"
DEFAULTS = {
    # How many pages a section's drop-down shows before "More in <section>": keeps every
    # page's menu the same size however many pages a section has.
    "max_children": DEFAULT_MAX_CHILDREN,
    # How many pages a section's landing page lists under "In this section"; the rest are on
    # pages 2, 3, … (<section>/page/2/), so no landing page outgrows the page budget.
    "section_list_size": 20,
    # The folder (under the pages) whose section lists the news categories; "" puts them at
    # the top level of the menu.
    "categories_in": "news",
    # Category names in the order the menu lists them; categories not named follow by name.
    "category_order": [],
    # Where the blog index sits among the top-level entries (a number like Order:); None puts
    # it after every entry that has an Order.
    "blog_order": None,
}


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


CHECKS = {
    "max_children": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
                     "a whole number of 1 or more"),
    "section_list_size": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
                          "a whole number of 1 or more"),
    "categories_in": (lambda v: isinstance(v, str), 'a folder name like "news", or ""'),
    "category_order": (lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v),
                       "a list of category names"),
    "blog_order": (lambda v: v is None or _is_number(v), "a number, or None"),
}


def get_config(settings):
    """NAV merged over DEFAULTS (the user's dict is never changed); each bad key or value is
    logged once, prefixed "navigation_tree:", and its default kept."""
    return merge_settings(settings, SETTING, DEFAULTS, log, "navigation_tree", valid=CHECKS)


MENU_TEMPLATE = "partials/navigation.html"
#: Settings that differ by language, ``{lang: {"CRISIS_PAGE": …}}``, put in the context by
#: plugins/translations (the crisis strip links to the Emergency page in the page's language).
LANGUAGE_SETTINGS_KEY = "LANGUAGE_SETTINGS"


class SiteNavigation:
    """The tree, which item each URL renders (so the writer can light it), and the menu's HTML
    for each state of its marks."""

    def __init__(self, navigation, items_by_url, section_list_size=DEFAULTS["section_list_size"]):
        self.navigation = navigation
        self.items_by_url = items_by_url
        self.section_list_size = section_list_size
        self.menus = {}

    def context_for_page(self, url, environment, context):
        item = self.items_by_url.get(url)
        self.navigation.set_current(item)
        page_context = self.navigation.context_for(item)
        page_context["nav_menu_html"] = self.menu_html(environment, context, page_context)
        return page_context

    def menu_html(self, environment, context, page_context):
        """The menu for the current state, rendered once per state from the theme's partial.

        Rendering the same menu for every page made the build about a third slower at 1,000
        pages; the menu differs between pages only in its aria-current marks, so equal marks
        share one rendering (bench/RESULTS.md has the figures). So the partial may use only
        ``nav`` and what is the same for every page (settings, ``T``)."""
        state = self.navigation.menu_state()
        if state not in self.menus:
            try:
                template = environment.get_template(MENU_TEMPLATE)
            except TemplateNotFound:  # a theme without the partial renders its own menu
                self.menus[state] = None
            else:
                # The partial's own output, escaped by autoescaping as it was rendered: safe to
                # print as it is in the page that includes it.
                self.menus[state] = Markup(template.render({**context, **page_context, "nav_menu_html": None}))
        return self.menus[state]

    def clear(self):
        self.navigation.set_current(None)


def _page_folder(page, page_roots):
    """The page's folders below its PAGE_PATHS root, and its file name without extension (and
    without a language: "emergency.es.md" is "emergency")."""
    path = (page.relative_source_path or "").replace(os.sep, "/")
    for root in page_roots:
        if path.startswith(root):
            path = path[len(root):]
            break
    *folder, file_name = path.split("/")
    name = posixpath.splitext(file_name)[0]
    stem, dot, lang = name.rpartition(".")
    if dot and lang == getattr(page, "lang", None):
        name = stem
    return tuple(folder), name


def _summary_of(content):
    return lambda: getattr(content, "summary", "") or ""


def shown_paths(settings):
    """A function giving a content file's path as messages show it (findings.display_path),
    worked out from the content folder's path once rather than for every page."""
    content_path = settings.get("PATH")
    base = display_path(content_path, content_path).replace(os.sep, "/")

    def shown(content):
        return posixpath.join(base, (content.relative_source_path or "").replace(os.sep, "/"))

    return shown


def page_entries(pages_generator, settings, lang=None):
    """The published pages as the menu of ``lang`` lists them (None: the default language).

    In another language's menu a page is its translation when it has one, else itself marked
    with its own language; the place in the menu (folder, Order) is always the original's."""
    default = settings.get("DEFAULT_LANG")
    lang = lang or default
    page_roots = [root.replace(os.sep, "/").strip("/") + "/" for root in settings.get("PAGE_PATHS") or []]
    shown_path = shown_paths(settings)
    for page in pages_generator.pages:  # published only: drafts and Status: hidden stay out
        page_lang = getattr(page, "lang", default)
        if page_lang != default and page_lang != lang:
            continue  # a page only in another language is in that language's menu alone
        folder, name = _page_folder(page, page_roots)
        shown = page
        if page_lang != lang:
            shown = next((t for t in getattr(page, "translations", ()) if t.lang == lang), page)
        meta = shown.metadata
        yield Entry(
            folder=folder, name=name, title=str(shown.title), url=shown.url,
            summary=_summary_of(shown), label=meta.get("menu_label"),
            order=page.metadata.get("order"), menu=meta.get("menu"),
            links=meta.get("menu_link") or [], source=shown_path(shown),
            lines=meta.get(FIELD_LINES) or {}, ref=shown,
            lang=page_lang if shown is page and page_lang != lang else None)


def news_entries(articles_generator, settings, config, folder, lang=None):
    """Each category as a section of ``folder``, holding its articles oldest first (so "Next"
    is the next thing that happened); articles are never in the drop-downs."""
    summaries = settings.get("CATEGORY_SUMMARIES") or {}
    shown_path = shown_paths(settings)
    wanted = list(config["category_order"])
    for category, articles in articles_generator.categories:
        order = wanted.index(category.name) + 1 if category.name in wanted else None
        cat_folder = (*folder, category.slug)
        yield Entry(folder=cat_folder, name="index", title=category.name, url=category.url,
                    summary=summaries.get(category.name, ""), order=order, ref=category, lang=lang)
        for position, article in enumerate(sorted(articles, key=lambda a: a.date)):
            yield Entry(folder=cat_folder, name=article.slug, title=str(article.title),
                        url=article.url, summary=_summary_of(article), order=position,
                        source=shown_path(article), ref=article,
                        never_in_menu=True, lang=lang)


def blog_entry(settings, config, lang=None):
    if "index" not in settings.get("DIRECT_TEMPLATES", []) or not settings.get("INDEX_SAVE_AS"):
        return None
    return Entry(folder=(), name="blog", title=settings.get("BLOG_TITLE") or "Blog",
                 url=settings.get("INDEX_URL", "index.html"), summary=settings.get("BLOG_SUMMARY", ""),
                 order=config["blog_order"], lang=lang)


def held_back_indexes(pages_generator, settings, lang):
    """Folder -> (source, Status line, status) of each section's index.md that exists in
    ``lang`` but is not published, so the tree names it rather than calling it missing."""
    roots = [root.replace(os.sep, "/").strip("/") + "/" for root in settings.get("PAGE_PATHS") or []]
    shown = shown_paths(settings)
    held_back = {}
    for status, pages in (("draft", pages_generator.draft_pages), ("hidden", pages_generator.hidden_pages)):
        for page in pages:
            folder, name = _page_folder(page, roots)
            # A tree shows the default language's page where its own is missing, so an index
            # held back in either explains the folder; its own language's comes first.
            if name == "index" and (folder not in held_back or getattr(page, "lang", lang) == lang):
                line = field_line(page.metadata, "status")
                held_back[folder] = (shown(page), line, status)
    return held_back


def build_site_navigation(generators):
    """Build the tree from every generator's published content and share it with the writer."""
    pages_generator = articles_generator = None
    for generator in generators:
        if hasattr(generator, "pages") and hasattr(generator, "hidden_pages"):
            pages_generator = generator
        elif hasattr(generator, "articles") and hasattr(generator, "categories"):
            articles_generator = generator
    if pages_generator is None:
        return
    settings = pages_generator.settings
    config = get_config(settings)
    default = settings.get("DEFAULT_LANG")
    # The default language first: its tree is the one messages about the shared shape come from.
    languages = [default, *(lang for lang in settings.get("LANGUAGES") or () if lang != default)]

    roots = [root.replace(os.sep, "/").strip("/") + "/" for root in settings.get("PAGE_PATHS") or []]
    home_source = posixpath.join(display_path(settings["PATH"], settings["PATH"]).replace(os.sep, "/"),
                                 roots[0] if roots else "", "index.md")
    sites, findings, origins = {}, set(), {}
    for lang in languages:
        other = None if lang == default else default  # news and blog are in the default language
        entries = list(page_entries(pages_generator, settings, lang))
        if articles_generator is not None and articles_generator.categories:
            folder = tuple(part for part in config["categories_in"].strip("/").split("/") if part)
            if folder and not any(e.folder == folder and e.is_index for e in entries):
                if lang == default:
                    log.warning("navigation_tree: NAV['categories_in'] is %r, but no published "
                                "index.md is in that folder; the news categories are listed at "
                                "the top level", config["categories_in"])
                folder = ()
            entries.extend(news_entries(articles_generator, settings, config, folder, other))
        blog = blog_entry(settings, config, other)
        if blog is not None:
            entries.append(blog)

        navigation, found = build_navigation(
            entries, max_children=config["max_children"], site_url=settings.get("SITEURL", ""),
            lang=lang, held_back=held_back_indexes(pages_generator, settings, lang),
            home_source=home_source)
        findings.update(found)  # the trees share pages: a problem is reported once
        # Pelican tells the writer each page's URL; a Link is not a page of this site.
        items_by_url = {item.url: item for item in navigation.walk() if not item.is_link}
        sites[lang] = SiteNavigation(navigation, items_by_url, config["section_list_size"])
        # Where each Menu_link was written, for the link checker's messages.
        origins.update({item.href: (item.source, item.line) for item in navigation.walk() if item.is_link})
    for finding in sorted(findings):
        log_finding(log, finding)
    # The generators share one context dict, so the writer finds the trees in any page's context.
    pages_generator.context[CONTEXT_KEY] = sites
    pages_generator.context[LINK_ORIGINS] = origins


class NavigationWriter(Writer):
    """Pelican's Writer, giving each page its place in the menu while it is rendered."""

    def write_file(self, name, template, context, *args, **kwargs):
        sites = context.get(CONTEXT_KEY)
        # Only HTML pages get a menu (robots.txt is written through here too). Every page of a
        # paginated list (blog/page/2/) has its first page's place in the menu.
        if not isinstance(sites, dict) or not str(name).endswith(".html"):
            return super().write_file(name, template, context, *args, **kwargs)
        lang, words = page_language(context, kwargs)
        site = sites.get(lang) or sites.get(context.get("DEFAULT_LANG"))
        if site is None:
            return super().write_file(name, template, context, *args, **kwargs)
        try:
            # The menu is rendered with the page's own words, so T goes in before it.
            language_context = {"lang": lang, "T": words,
                                **(context.get(LANGUAGE_SETTINGS_KEY) or {}).get(lang, {})}
            page_context = site.context_for_page(kwargs.get("url"), template.environment,
                                                 {**context, **language_context})
            page_context = {**language_context, **page_context}
            listed = page_context["in_this_section"]
            # The home page lists no section (home.html), so it never needs pages 2, 3, ….
            if (kwargs.get("page") is None or len(listed) <= site.section_list_size
                    or page_context["section"] is site.navigation.home):
                return super().write_file(name, template, context, *args, **{**page_context, **kwargs})
            return self.write_section_pages(name, template, context, site, page_context, *args, **kwargs)
        finally:
            site.clear()

    def write_section_pages(self, name, template, context, site, page_context, *args, **kwargs):
        """A section's landing page and the further pages of its list: each with the same
        place in the menu, ``section_list_size`` children and the pager's two objects."""
        paginator = SectionPaginator(page_context["in_this_section"], site.section_list_size,
                                     kwargs.get("url") or "", str(name))
        first = None
        for section_page in paginator.pages():
            extra = {"in_this_section": section_page.object_list, "section_paginator": paginator,
                     "section_page": section_page}
            if section_page.number == 1:
                first = super().write_file(name, template, context, *args,
                                           **{**page_context, **kwargs, **extra})
                continue
            super().write_file(section_page.save_as, template, context, *args, **{
                **page_context, **kwargs, **extra, "url": section_page.url,
                "page": PageOfList(kwargs["page"], section_page)})
        return first


def page_language(context, kwargs):
    """The language of the page being written (its ``lang``; pages no file makes are in the
    default language) and the theme's words in it (``THEME_STRINGS``, else ``T``)."""
    default = context.get("DEFAULT_LANG")
    content = kwargs.get("page") or kwargs.get("article")
    lang = getattr(content, "lang", None) or default
    strings = context.get("THEME_STRINGS") or {}
    return lang, strings.get(lang) or strings.get(default) or context.get("T")


def navigation_writer(pelican):
    return NavigationWriter


def register():
    # all_generators_finalized: every page, article and category has been read and has its
    # final URL, and nothing has been written yet.
    signals.all_generators_finalized.connect(build_site_navigation)
    # get_writer: the writer renders every page (categories and the blog index too, which no
    # per-page signal announces), so it is where each page's current item is lit and cleared.
    signals.get_writer.connect(navigation_writer)
