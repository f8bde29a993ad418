"""Nested navigation for Pelican: a menu, breadcrumbs, "In this section" lists and
previous/next links, built from the folders the pages sit in.

How it plugs into Pelican (public signals and Jinja only; see README.md):

``generator_init``
    Adds the package's ``templates/`` folder to each generator's Jinja loader *after* the
    theme's (so a theme overrides any partial by having a file of the same name) and the Jinja
    global ``nested_navigation()``, which a partial calls to get the page's place in the tree.
``all_generators_finalized``
    Every page, article and category has been read and has its final URL: the tree is built,
    one per language (the default language, and every ``lang`` a page or article has), and put
    in the context as ``nested_navigation_trees``. Problems with the content are logged as
    ``path:line: error: …``.
``link_checker_origins`` (a blinker signal named by pelican-link-checker; no import of it)
    Answers with ``{address: (file, line)}`` of every ``Menu_link``, so the checker reports a
    broken menu link at the line that wrote it (setting ``link_checker_origins``). When the
    checker is not installed nobody sends the signal, and nothing happens.
``get_generators``
    :class:`NavigationGenerator` writes pages 2, 3, … of a long section list (at
    ``<section>/page/<n>/``) and copies the menu's script (and stylesheet) into the output.

No Writer subclass: which page is being rendered is read from the template context Pelican's
writer builds (``page``, ``article``, ``category``, ``output_file``), when a partial asks.
"""

import copy
import logging
import os
import posixpath
import re
import shutil
from pathlib import Path

from blinker import signal
from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator
from pelican.readers import HTMLReader, RstReader

from . import findings
from .paginate import PageOfList, SectionPaginator
from .tree import Entry, build_navigation, index_name, menu_link_value, order_value

__all__ = ["register", "get_config", "DEFAULTS", "DEFAULT_STRINGS", "PageNavigation",
           "NavigationGenerator", "TREES_KEY", "LINK_ORIGINS_KEY", "LIST_PAGE_KEY", "LIST_TITLE_KEY",
           "ORIGINS_SIGNAL", "link_checker_origins", "order_value", "menu_link_value"]

log = logging.getLogger(__name__)

NAME = "pelican.plugins.nested_navigation"
SETTING = "NESTED_NAVIGATION"
HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Context key: ``{lang: tree}``, the trees of the site (a tree is a
#: :class:`~.tree.Navigation`), set once every generator has finished reading.
TREES_KEY = "nested_navigation_trees"
#: Context key: ``{address as in the HTML: (source file, line)}`` for every ``Menu_link`` the
#: menu draws, so a link checker can report a broken menu link at the line that wrote it.
LINK_ORIGINS_KEY = "nested_navigation_link_origins"
#: Context key of pages 2, 3, … of a section's list: their :class:`~.paginate.SectionPage`
#: (``number``, ``paginator``, ``object_list``). Absent on every other page, the landing page
#: (page 1) included.
LIST_PAGE_KEY = "nested_navigation_page"
#: Context key of pages 2, 3, … of a section's list: the title for their ``<title>``, the
#: section's title and the page's number in the words of ``strings["list_page_title"]`` ("Guides
#: – page 2 of 3"), as Markup (escaped text), so each page of the list has a title of its own.
#: Absent on every other page: ``{{ nested_navigation_title | default(super()) }}``.
LIST_TITLE_KEY = "nested_navigation_title"
#: The name of pelican-link-checker's signal asking plugins for links written outside a page's
#: text (its README, "Links from elsewhere"). Connected by name, so neither package imports the
#: other.
ORIGINS_SIGNAL = "link_checker_origins"

#: The words the templates show, in English; ``strings`` in the settings gives them per language.
DEFAULT_STRINGS = {
    "main_nav": "Main",
    "menu": "Menu",
    "breadcrumb": "Breadcrumb",
    "in_this_section": "In this section",
    "nav_section_pages": "%s pages",
    "nav_more_in": "More in %s",
    "nav_external": "(another website)",
    "pager": "Previous and next page",
    "previous": "Previous",
    "next": "Next",
    "pagination": "Pages",
    "page_of": "Page %s of %s",
    "list_page_title": "{title} – page {number} of {count}",
    "in_other_language": "({lang})",
    "home": "Home",
    "blog": "Blog",
}

DEFAULTS = {
    "max_children": 10,
    "section_list_size": 20,
    "categories_in": "",
    "category_order": [],
    "category_summaries": {},
    "blog_title": None,
    "blog_summary": "",
    "blog_order": None,
    "missing_index": "warning",
    "missing_home": "ignore",
    "strings": {},
    "summary_filter": None,
    "static_path": "nested-navigation",
    "stylesheet": True,
    "check_fields": True,
    "link_checker_origins": True,
}

SEVERITY = ("error", "warning", "ignore")


def _whole(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def _number_or_none(v):
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))


def _strings(v):
    return isinstance(v, dict) and all(
        isinstance(lang, str) and isinstance(words, dict)
        and all(isinstance(k, str) and isinstance(t, str) for k, t in words.items())
        for lang, words in v.items())


CHECKS = {
    "max_children": (_whole, "a whole number of 1 or more"),
    "section_list_size": (_whole, "a whole number of 1 or more"),
    "categories_in": (lambda v: isinstance(v, str), 'a folder under the pages like "news", or ""'),
    "category_order": (lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v),
                       "a list of category names"),
    "category_summaries": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
                           "a dict of category name -> summary text"),
    "blog_title": (lambda v: v is None or isinstance(v, str), "a title, or None"),
    "blog_summary": (lambda v: isinstance(v, str), "a summary text"),
    "blog_order": (_number_or_none, "a number, or None"),
    "missing_index": (lambda v: v in SEVERITY, '"error", "warning" or "ignore"'),
    "missing_home": (lambda v: v in SEVERITY, '"error", "warning" or "ignore"'),
    "strings": (_strings, 'a dict of language -> {word key: text}, like {"fr": {"menu": "Menu"}}'),
    "summary_filter": (lambda v: v is None or isinstance(v, str), "the name of a Jinja filter, or None"),
    "static_path": (lambda v: isinstance(v, str) and v.strip("/") != "" and ".." not in v.split("/"),
                    'a folder in the output, like "nested-navigation"'),
    "stylesheet": (lambda v: isinstance(v, bool), "True or False"),
    "check_fields": (lambda v: isinstance(v, bool), "True or False"),
    "link_checker_origins": (lambda v: isinstance(v, bool), "True or False"),
}

def _warn(text):
    log.warning("%s: %s", NAME, text)


def get_config(settings):
    """``NESTED_NAVIGATION`` merged over :data:`DEFAULTS` (the user's dict is never changed).
    A bad value is reported and its default kept; an unknown key is reported and ignored. The
    plugin calls it once per build."""
    user = settings.get(SETTING)
    config = copy.deepcopy(DEFAULTS)
    if user is None:
        return config
    if not isinstance(user, dict):
        _warn(f"{SETTING} must be a dict, like {{'max_children': 10}}, not {user!r}; "
                   "using the defaults")
        return config
    for key, value in user.items():
        if key not in DEFAULTS:
            _warn(f"unknown key {key!r} in {SETTING} (known keys: {', '.join(DEFAULTS)}); ignored")
        elif not CHECKS[key][0](value):
            _warn(f"{SETTING}[{key!r}] must be {CHECKS[key][1]}, not {value!r}; "
                       f"using {DEFAULTS[key]!r}")
        else:
            config[key] = copy.deepcopy(value)
    # The folder as the templates write it (SITEURL + "/" + folder), so no template strips it.
    config["static_path"] = config["static_path"].strip("/")
    return config


# --- Reading the content ----------------------------------------------------------------------

def _roots(settings):
    return [root.replace(os.sep, "/").strip("/") + "/" for root in settings.get("PAGE_PATHS") or [] if root]


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


def _display_path(settings):
    """A function giving a content file's path as messages show it: relative to the working
    directory when the content is under it (``content/pages/about.md``), else to the content
    folder's parent."""
    content = os.path.abspath(settings.get("PATH") or ".")
    cwd = os.getcwd()
    if os.path.commonpath([content, cwd]) == cwd:
        base = os.path.relpath(content, cwd)
    else:
        base = os.path.relpath(content, os.path.dirname(content))
    base = base.replace(os.sep, "/")

    def shown(content_object):
        return posixpath.join(base, (content_object.relative_source_path or "").replace(os.sep, "/"))

    return shown


_FIELD = {}


def field_lines(source_path, name):
    """The lines on which the metadata field ``name`` is written in a Markdown (``Name: value``)
    or reStructuredText (``:name: value``) file, read once per file; [] when not found."""
    key = (source_path, name)
    if key in _FIELD:
        return _FIELD[key]
    lines = []
    pattern = re.compile(rf"^\s*:?{re.escape(name)}:", re.IGNORECASE)
    try:
        with open(source_path, encoding="utf-8", errors="replace") as f:
            for number, text in enumerate(f, 1):
                if pattern.match(text):
                    lines.append(number)
    except OSError:
        pass
    _FIELD[key] = lines
    return lines


#: Files whose reader gives the title as HTML: docutils escapes a reST title ("Q&amp;A") and
#: may mark it up (<em>); Pelican's HTML reader keeps the <title>'s entities. Markdown's reader
#: gives the title line as written, which is text.
HTML_TITLE_EXTENSIONS = frozenset(ext.lower() for ext in (*RstReader.file_extensions,
                                                         *HTMLReader.file_extensions))


def title_text(content, settings):
    """The title of a page or article as plain text, so the templates escape it exactly once,
    whatever the reader: an HTML title (reST, HTML files, a title in FORMATTED_FIELDS, or any
    title once TYPOGRIFY has marked it up) loses its tags and entities; a Markdown title is
    text already."""
    title = str(content.title)
    extension = posixpath.splitext(content.source_path or "")[1].lstrip(".").lower()
    if (extension in HTML_TITLE_EXTENSIONS or settings.get("TYPOGRIFY")
            or "title" in (settings.get("FORMATTED_FIELDS") or ())):
        return Markup(title).striptags()
    return title


def _summary_of(content):
    # Pelican's summary is HTML it made from the file; worked out only when a list shows it.
    return lambda: Markup(getattr(content, "summary", "") or "")


def _lines_of(page, meta):
    """The lines of the fields a message may name (read from the file only when needed)."""
    lines = {}
    if meta.get("menu_link"):
        lines["menu_link"] = field_lines(page.source_path, "menu_link")
    order = meta.get("order")
    if order is not None:
        try:
            float(str(order))
        except ValueError:  # only a bad Order needs its line
            lines["order"] = field_lines(page.source_path, "order")
    return lines


def _in_language(content, lang):
    """``content`` in ``lang``: itself, or its translation (Pelican's, by ``lang`` and slug)
    into ``lang``; itself when it has none."""
    if getattr(content, "lang", None) == lang:
        return content
    return next((t for t in getattr(content, "translations", ()) if t.lang == lang), content)


def page_entries(pages, settings, lang, default):
    """The published pages as the menu of ``lang`` lists them.

    In another language's menu a page is its translation when it has one, else itself marked
    with its own language; the place in the menu (folder, Order) is always the original's."""
    roots = _roots(settings)
    shown_path = _display_path(settings)
    for page in pages:  # published only: drafts and hidden pages stay out
        page_lang = getattr(page, "lang", None) or default
        shown = _in_language(page, lang)
        if page_lang != default and shown is page and page_lang != lang:
            continue  # a page in no version of the default language or of ``lang``
        folder, name = _page_folder(page, roots)
        meta = shown.metadata
        yield Entry(
            folder=folder, name=name, title=title_text(shown, settings), url=shown.url,
            summary=_summary_of(shown), label=meta.get("menu_label"),
            order=page.metadata.get("order"), menu=meta.get("menu"),
            links=meta.get("menu_link") or [], source=shown_path(shown), path=shown.source_path,
            lines=_lines_of(shown, meta), ref=shown,
            lang=page_lang if shown is page and page_lang != lang else None,
            origin=shown_path(page) if shown is not page else None)


def category_entries(categories, settings, config, folder, lang=None, menu_lang=None):
    """Each category as a section of ``folder``, holding its articles oldest first (so "Next"
    is the next thing that happened); articles are never in the drop-downs.

    ``lang`` marks the categories (Pelican writes a category's page once, in the default
    language) in the menu of ``menu_lang`` (None: the default language). There an article is
    its translation into ``menu_lang`` when it has one, else itself, marked with its own
    language when that is not ``menu_lang``; its place is always the original's."""
    summaries = config["category_summaries"]
    shown_path = _display_path(settings)
    wanted = list(config["category_order"])
    default = settings.get("DEFAULT_LANG")
    menu_lang = menu_lang or default
    for category, articles in categories:
        order = wanted.index(category.name) + 1 if category.name in wanted else None
        cat_folder = (*folder, category.slug)
        yield Entry(folder=cat_folder, name="index", title=category.name, url=category.url,
                    summary=summaries.get(category.name, ""), order=order, ref=category, lang=lang)
        for position, article in enumerate(sorted(articles, key=lambda a: a.date)):
            shown = _in_language(article, menu_lang)
            shown_lang = getattr(shown, "lang", None) or default
            yield Entry(folder=cat_folder, name=article.slug, title=title_text(shown, settings),
                        url=shown.url, summary=_summary_of(shown), order=position,
                        source=shown_path(shown), ref=shown, never_in_menu=True,
                        lang=shown_lang if shown_lang != menu_lang else None)


class BlogIndex:
    """What the tree's ``ref`` is for the blog index (Pelican has no object for it)."""

    def __init__(self, url, save_as):
        self.url, self.save_as = url, save_as


def blog_entry(settings, config, home, lang=None):
    """The blog index (``index`` in DIRECT_TEMPLATES) as a menu entry; the home page itself
    when the site has no home page of its own and the blog is at the site's root."""
    if "index" not in (settings.get("DIRECT_TEMPLATES") or []) or not settings.get("INDEX_SAVE_AS"):
        return None
    save_as = settings["INDEX_SAVE_AS"]
    url = settings.get("INDEX_URL") or ("" if save_as == "index.html" else save_as)
    words = {**DEFAULT_STRINGS, **config["strings"].get(settings.get("DEFAULT_LANG"), {})}
    at_root = not home and save_as == "index.html"
    title = config["blog_title"] or (words["home"] if at_root else words["blog"])
    return Entry(folder=(), name="index" if at_root else "blog", title=title, url=url,
                 summary=config["blog_summary"], order=config["blog_order"], lang=lang,
                 ref=BlogIndex(url, save_as))


def held_back_indexes(pages_generator, settings, lang):
    """Folder -> (source, Status line, status) of each folder's index page that exists in
    ``lang`` but is not published, so a message names it rather than calling it missing."""
    roots = _roots(settings)
    shown = _display_path(settings)
    held_back = {}
    for status, pages in (("draft", getattr(pages_generator, "draft_pages", [])),
                          ("hidden", getattr(pages_generator, "hidden_pages", []))):
        for page in pages:
            folder, name = _page_folder(page, roots)
            # A tree shows the default language's page where its own is missing, so an index
            # held back in either explains the folder; its own language's comes first.
            if name == "index" and (folder not in held_back or getattr(page, "lang", lang) == lang):
                line = (field_lines(page.source_path, "status") or [1])[0]
                held_back[folder] = (shown(page), line, status)
    return held_back


def _languages(default, *lists):
    found = set()
    for items in lists:
        for item in items:
            found.add(getattr(item, "lang", None) or default)
            found.update(getattr(t, "lang", None) or default for t in getattr(item, "translations", ()))
    found.discard(default)
    return [default, *sorted(found)]


class SiteNavigation:
    """The trees of one build, and what the templates ask of them."""

    def __init__(self, settings):
        self.settings = settings
        self.config = get_config(settings)
        self.default_lang = settings.get("DEFAULT_LANG")
        self.trees = {}
        #: lang -> {id of a page, article or category: its tree item}
        self.items_by_ref = {}
        #: lang -> the blog index's item (Pelican has no object for it: found by its file)
        self.blog_items = {}
        #: (lang, menu state, SITEURL) -> the menu's HTML
        self.menus = {}
        #: (lang, SITEURL) -> the menu rendered once with tokens for its marks (a
        #: :class:`MarkedMenu`), or False where the template's output cannot be filled in so
        #: (then each menu state is rendered on its own).
        self.marked_menus = {}
        self.link_origins = {}
        #: The same, with each file as Pelican opened it, for the link checker's signal.
        self.checker_origins = {}
        self.site_url = settings.get("SITEURL", "")
        self._last = (None, None)
        #: id of a section's item -> its list's paginator (see :meth:`paginator`)
        self.paginators = {}
        #: The package's templates, compiled once for every generator's environment.
        self.bytecode = _SharedBytecode()
        #: Pelican's generator of pages: pages 2, 3, … of a list are drawn with its templates.
        self.pages_generator = None
        #: (id of a Jinja environment, partial's name) -> (its template, whether it is the
        #: package's own assets.html); ((that), SITEURL) -> that assets.html rendered (see
        #: :meth:`partial`)
        self.partials = {}
        #: The context the partials of the page being rendered share (see :meth:`partial`)
        self._partial_context = None

    # Building

    def build(self, generators):
        pages_generator = articles_generator = None
        for generator in generators:
            if hasattr(generator, "pages") and hasattr(generator, "hidden_pages"):
                pages_generator = generator
            elif hasattr(generator, "articles") and hasattr(generator, "categories"):
                articles_generator = generator
        if pages_generator is None:
            return
        self.pages_generator = pages_generator
        settings, config, default = self.settings, self.config, self.default_lang
        pages = pages_generator.pages
        articles = articles_generator.articles if articles_generator is not None else []
        roots = _roots(settings)
        # Where the home page belongs, in the format of the first page file (one the site reads).
        first = min((page.relative_source_path or "" for page in pages), default=None)
        home_source = posixpath.join(_display_path(settings)(_Relative(roots[0] if roots else "")),
                                     index_name(first))
        strings = config["strings"]
        found = set()
        for lang in _languages(default, pages, articles):
            other = None if lang == default else default  # news and blog are in the default language
            entries = list(page_entries(pages, settings, lang, default))
            has_home = any(e.folder == () and e.is_index for e in entries)
            if articles_generator is not None and articles_generator.categories:
                folder = tuple(part for part in config["categories_in"].strip("/").split("/") if part)
                if folder and not any(e.folder == folder and e.is_index for e in entries):
                    if lang == default:
                        _warn(f"{SETTING}['categories_in'] is {config['categories_in']!r}, but no "
                                   "published index page is in that folder; the categories are "
                                   "listed at the top level")
                    folder = ()
                entries.extend(category_entries(articles_generator.categories, settings, config,
                                                folder, other, lang))
            blog = blog_entry(settings, config, has_home, other)
            if blog is not None:
                entries.append(blog)
            tree, problems = build_navigation(
                entries, max_children=config["max_children"], site_url=settings.get("SITEURL", ""),
                lang=lang, held_back=held_back_indexes(pages_generator, settings, lang),
                home_source=home_source, missing_index=config["missing_index"],
                missing_home=config["missing_home"], check_fields=config["check_fields"])
            found.update(problems)  # the trees share pages: a problem is reported once
            tree.strings = {**DEFAULT_STRINGS, **strings.get(default, {}), **strings.get(lang, {})}
            self.trees[lang] = tree
            # By object, not by address: Pelican works a page's save_as out anew at each call.
            by_ref = self.items_by_ref[lang] = {}
            self.blog_items[lang] = None
            for item in tree.walk():
                item.href_html = escape(item.href)
                ref = item.ref
                if isinstance(ref, BlogIndex):
                    if self.blog_items[lang] is None:
                        self.blog_items[lang] = item
                elif ref is not None:
                    by_ref[id(ref)] = item
                if item.is_link:
                    self.link_origins[item.href] = (item.source, item.line)
                    self.checker_origins[item.href] = (item.path or item.source, item.line)
        for finding in sorted(found):
            findings.log(log, finding)

    # Rendering

    def for_context(self, context):
        """The :class:`PageNavigation` of the page whose template context this is. A page's
        partials all ask, so the last answer is kept: asking again costs a few dict lookups."""
        get = _lookup(context)
        content = get("article") or get("page")
        key = (get("output_file"), get("SITEURL", ""), id(content))
        last_key, here = self._last
        if last_key == key:
            if here is not None and here.tree.current is not here.item:
                here.tree.set_current(here.item)
            return here
        here = self._page_navigation(get, content, key[0], key[1])
        self._last = (key, here)
        return here

    def _page_navigation(self, get, content, output_file, site_url):
        list_page = get(LIST_PAGE_KEY)
        if isinstance(content, PageOfList):
            content = content.original
        lang = getattr(content, "lang", None) or self.default_lang
        tree = self.trees.get(lang) or self.trees.get(self.default_lang)
        if tree is None:
            return None
        if list_page is not None:
            item = list_page.paginator.section
        elif content is not None or get("category") is not None:
            # A page, article or category page: the item is the object itself (a plugin that
            # writes another page with a stand-in object, like a flyer, gets none).
            item = self.items_by_ref.get(lang, {}).get(id(content if content is not None else get("category")))
        else:
            blog = self.blog_items.get(lang)
            paginator = get("articles_paginator")
            name = getattr(paginator, "name", None) if paginator is not None else output_file
            item = blog if blog is not None and name == blog.ref.save_as else None
        return PageNavigation(self, tree, item, lang, site_url, list_page)

    def paginator(self, item):
        """The :class:`~.paginate.SectionPaginator` of a section's list (one per section, so
        its pages and their addresses are worked out once)."""
        paginator = self.paginators.get(id(item))
        if paginator is None:
            ref = item.ref
            paginator = self.paginators[id(item)] = SectionPaginator(
                item.children, self.config["section_list_size"], getattr(ref, "url", item.url),
                getattr(ref, "save_as", ""), item)
        return paginator

    def partial(self, name, context):
        """``nested_navigation/<name>`` rendered for the page whose context this is: what
        ``{% include %}`` of it gives (a theme's file of that name first), for less. An include
        looks the template up and copies every variable of the page (several hundred with
        Pelican's settings) into a new context, for each partial of each page. Here the template
        is looked up once per environment, and the partials of one page share one context over
        the page's variables, emptied of what the last partial set (a partial that defines
        blocks gets a context of its own). The package's own ``assets.html``, which depends on
        SITEURL and the settings alone, is rendered once per SITEURL."""
        environment = context.environment
        key = (id(environment), name)
        template, own_assets = self.partials.get(key) or (None, False)
        if template is None:
            template = environment.get_template(f"nested_navigation/{name}")
            own_assets = (name == "assets.html" and template.filename is not None
                          and Path(template.filename).is_relative_to(TEMPLATES))
            self.partials[key] = (template, own_assets)
        parent = context.get_all()
        if own_assets:
            key = (key, parent.get("SITEURL"))
            html = self.partials.get(key)
            if html is None:
                html = self.partials[key] = self._render(template, parent)
            return html
        return self._render(template, parent)

    def _render(self, template, parent):
        shared = self._partial_context
        if (shared is not None and shared.parent is parent and shared.environment is template.environment
                and not template.blocks):
            shared.vars.clear()
            shared.exported_vars.clear()
            page_context = shared
        else:
            page_context = template.new_context(parent, shared=True)
            if not template.blocks:
                # Holding it keeps its page's variables alive, so ``is`` above never mistakes a
                # later page's for them.
                self._partial_context = page_context
        return Markup(template.environment.concat(template.root_render_func(page_context)))

    def menu_html(self, here, context):
        """The menu for the page's marks, from ``nested_navigation/nav_markup.html``: rendered
        once per language and SITEURL with tokens for ``aria-current``, each page's marks then put
        in by joining strings; pages whose menus have the same marks share the result."""
        key = (here.lang, here.tree.menu_state(), here.site_url)
        menu = self.menus.get(key)
        if menu is not None:
            return menu

        def render():
            template = context.environment.get_template("nested_navigation/nav_markup.html")
            return Markup(template.render(
                {**context.get_all(), "here": here, "nav": here.tree, "strings": here.strings}))

        base_key = (here.lang, here.site_url)
        marked = self.marked_menus.get(base_key)
        if marked is None:
            marked = self.marked_menus[base_key] = _checked(MarkedMenu.of(*here.tree.marked(render)),
                                                            here.tree, render)
        menu = self.menus[key] = marked.fill() if marked else render()
        return menu


#: An attribute whose value is one of Navigation.marked's tokens: `` aria-current="\ue0003\ue001"``.
_MARKED_ATTRIBUTE = re.compile(' ([^\\s="\ue000\ue001]+)="\ue000(\\d+)\ue001"')


class MarkedMenu:
    """A menu rendered once with a token for each item's ``aria_current``, cut where the tokens
    were; :meth:`fill` writes the menu for the marks the tree has now."""

    def __init__(self, texts, names, items):
        self.texts, self.names, self.items = texts, names, items

    @classmethod
    def of(cls, html, items):
        """False when the template shows a token other than as a whole attribute's value."""
        parts = _MARKED_ATTRIBUTE.split(html)
        texts = parts[0::3]
        if any("\ue000" in text or "\ue001" in text for text in texts):
            return False
        return cls(texts, parts[1::3], [items[int(number)] for number in parts[2::3]])

    def fill(self):
        out = [self.texts[0]]
        for text, name, item in zip(self.texts[1:], self.names, self.items, strict=True):
            value = item.aria_current
            if value:
                out.append(f' {name}="{value}"')
            out.append(text)
        return Markup("".join(out))


def _checked(marked, tree, render):
    """``marked`` if it gives the menu a plain rendering gives, for a page in a section's
    drop-down (the page "page", its section "true") and for the page being rendered; else False,
    so a theme's nav_markup.html that uses aria_current otherwise than as an attribute's value
    is rendered once per state of the marks, as it would be without this."""
    if not marked:
        return False
    here = tree.current
    probe = next((child for item in tree.menu for child in item.menu_children), None)
    try:
        for item in (probe, here):
            tree.set_current(item)
            if marked.fill() != render():
                return False
    finally:
        tree.set_current(here)
    return marked


class _PackageLoader(FileSystemLoader):
    """The package's own templates. They do not change while Pelican runs (its autoreload
    mode makes new generators, so new environments, for each build), so a template that Jinja
    has compiled is never checked against its file again: no ``stat`` per ``include``."""

    def get_source(self, environment, template):
        source, filename, _ = super().get_source(environment, template)
        return source, filename, _always


def _always():
    return True


class _SharedBytecode(BytecodeCache):
    """Pelican gives each generator a Jinja environment of its own, so each would compile the
    package's templates again. This cache (one per build) hands a template's compiled code from
    the first environment to the others set up the same way; a theme's templates are left to
    Jinja as they are (no entry is made for a file outside the package)."""

    def __init__(self):
        self.codes = {}

    def get_bucket(self, environment, name, filename, source):
        bucket = super().get_bucket(environment, (name, _setup(environment)), filename, source)
        bucket.shared = filename is not None and Path(filename).is_relative_to(TEMPLATES)
        return bucket

    def get_cache_key(self, name, filename=None):
        return name  # (template name, environment set-up): made in get_bucket

    def load_bytecode(self, bucket):
        checksum, code = self.codes.get(bucket.key, (None, None))
        if getattr(bucket, "shared", True) and checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        if bucket.shared:
            self.codes[bucket.key] = (bucket.checksum, bucket.code)


def _setup(env):
    """What Jinja's compiled code depends on: two environments equal in these compile a
    template to the same code."""
    return (env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, env.optimized, env.finalize is None,
            env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
            env.is_async, tuple(sorted(env.extensions)), env.code_generator_class, env.context_class)


def _lookup(context):
    """``context.get`` without Jinja's machinery for each name: the template's own variables
    (``Context.vars``) over those it was rendered with (``Context.parent``), as Jinja resolves
    a name."""
    local, parent = context.vars, context.parent
    if not local:
        return parent.get
    return lambda name, default=None: local[name] if name in local else parent.get(name, default)


class _Relative:
    def __init__(self, path):
        self.relative_source_path = path.rstrip("/")


class PageNavigation:
    """A page's place in the tree: what ``nested_navigation()`` returns to a template."""

    def __init__(self, site, tree, item, lang, site_url, list_page=None):
        self.site = site
        #: The tree of the page's language (a :class:`~.tree.Navigation`), with this page lit.
        self.tree = tree
        #: The page's item in the tree, or None (a page outside the tree, like 404).
        self.item = item
        self.lang = lang
        self.site_url = site_url
        tree.set_current(item)
        context = tree.context_for(item)
        self.breadcrumbs = context["breadcrumbs"]
        self.section = context["section"]
        self.previous_page = context["previous_page"]
        self.next_page = context["next_page"]
        children = context["in_this_section"]
        size = site.config["section_list_size"]
        self.section_paginator = self.section_page = None
        self.in_this_section = children
        #: True when "In this section" goes on over several pages (its pager then has the
        #: rel="prev"/"next" links, so pager.html leaves them out).
        self.list_pager = False
        if item is not None and item is not tree.home and len(children) > size:
            self.section_paginator = list_page.paginator if list_page is not None else site.paginator(item)
            self.section_page = list_page or self.section_paginator.page(1)
            self.in_this_section = self.section_page.object_list
            self.list_pager = self.section_paginator.num_pages > 1
        #: The words, in the page's language.
        self.strings = tree.strings
        # Worked out here, once per page, so the partials call no function for an address.
        href = self.href
        #: ``(item, href(item))`` for each of ``breadcrumbs``.
        self.breadcrumb_links = [(crumb, href(crumb)) for crumb in self.breadcrumbs]
        #: ``href(previous_page)`` and ``href(next_page)`` (None when there is none).
        self.previous_href = href(self.previous_page) if self.previous_page is not None else None
        self.next_href = href(self.next_page) if self.next_page is not None else None
        #: ``(item, href(item))`` for each of ``in_this_section``.
        self.section_links = [(child, href(child)) for child in self.in_this_section]

    def href(self, item):
        """Where a link to ``item`` points from this page (SITEURL as this page has it, so
        RELATIVE_URLS works)."""
        # Escaped here, so an address is safe in an attribute with or without autoescaping.
        if self.site_url == self.site.site_url:
            return item.href_html  # worked out once, when the tree was built
        return escape(item.url if item.is_external else f"{self.site_url.rstrip('/')}/{item.url}")

    def summary(self, item, environment=None):
        return _summary_html(self.site.config, item, environment)


def _summary_html(config, item, environment):
    summary = item.summary
    name = config["summary_filter"]
    if name and environment is not None and name in environment.filters:
        return environment.filters[name](summary)
    return summary if isinstance(summary, Markup) else escape(summary)


# --- Signals ----------------------------------------------------------------------------------

SITE_KEY = "nested_navigation_site"
#: The partials a template can call as functions, ``nested_navigation_<name>()``, besides
#: ``nested_navigation_menu()`` (nav.html; ``assets=True`` puts assets.html before it).
PARTIALS = ("assets", "breadcrumbs", "section_list", "pager", "pagination_links")


def _site(context, settings):
    site = context.get(SITE_KEY)
    if site is None:
        site = context[SITE_KEY] = SiteNavigation(settings)
    return site


def add_templates(generator):
    """After the theme in the loader (a theme's own file wins), plus the global function."""
    env = generator.env
    loader = _PackageLoader(str(TEMPLATES))
    env.loader = ChoiceLoader([env.loader, loader]) if env.loader is not None else loader
    site = _site(generator.context, generator.settings)
    if env.bytecode_cache is None:  # one the user set up is left alone
        env.bytecode_cache = site.bytecode

    @pass_context
    def nested_navigation(context):
        return site.for_context(context)

    @pass_context
    def nested_navigation_menu(context, assets=False):
        here = site.for_context(context)
        menu = site.menu_html(here, context) if here is not None else ""
        return site.partial("assets.html", context) + Markup("\n") + menu if assets else menu

    def partial(name):
        @pass_context
        def render(context):
            return site.partial(name, context)
        return render

    @pass_context
    def nested_navigation_summary(context, item):
        return _summary_html(site.config, item, context.environment)

    env.globals["nested_navigation"] = nested_navigation
    env.globals["nested_navigation_menu"] = nested_navigation_menu
    env.globals["nested_navigation_summary"] = nested_navigation_summary
    # Each partial as a function: {{ nested_navigation_breadcrumbs() }} draws what
    # {% include "nested_navigation/breadcrumbs.html" %} does (a theme's own file of that name
    # first), faster (see SiteNavigation.partial).
    for name in PARTIALS:
        env.globals[f"nested_navigation_{name}"] = partial(f"{name}.html")
    env.globals["nested_navigation_config"] = site.config


def build_trees(generators):
    if not generators:
        return
    context = generators[0].context
    site = _site(context, generators[0].settings)
    site.build(generators)
    context[TREES_KEY] = site.trees
    context[LINK_ORIGINS_KEY] = site.link_origins


class NavigationGenerator(Generator):
    """Writes pages 2, 3, … of each long section list and copies the menu's script."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        site = self.context.get(SITE_KEY)
        if site is None:
            return
        self._copy_static(site.config)
        size = site.config["section_list_size"]
        for tree in site.trees.values():
            for item in tree.walk():
                ref = item.ref
                # A section's own landing page (a Pelican page, in this tree's language).
                if (not item.is_section or item.lang or item is tree.home
                        or not getattr(ref, "save_as", None) or not hasattr(ref, "template")
                        or len(item.children) <= size):
                    continue
                paginator = site.paginator(item)
                # The page generator's template: compiled already, for the section's first page.
                template = (site.pages_generator or self).get_template(ref.template)
                for section_page in paginator.pages()[1:]:
                    writer.write_file(
                        section_page.save_as, template, self.context,
                        relative_urls=self.settings.get("RELATIVE_URLS"),
                        override_output=False,
                        page=PageOfList(ref, section_page),
                        **{LIST_PAGE_KEY: section_page,
                           LIST_TITLE_KEY: list_page_title(tree.strings, item.title, section_page)})

    def _copy_static(self, config):
        target = Path(self.output_path) / config["static_path"]
        target.mkdir(parents=True, exist_ok=True)
        names = ["navigation.js"] + (["navigation.css"] if config["stylesheet"] else [])
        for name in names:
            shutil.copyfile(STATIC / name, target / name)


_PLACEHOLDER = re.compile(r"\{(title|number|count)\}")


def list_page_title(strings, title, section_page):
    """``strings["list_page_title"]`` filled in for a further page of a section's list, escaped."""
    # One pass, so a title that itself holds "{number}" or "{count}" is shown as written.
    values = {"title": escape(title), "number": str(section_page.number),
              "count": str(section_page.paginator.num_pages)}
    words = escape(strings["list_page_title"])
    return Markup(_PLACEHOLDER.sub(lambda match: values[match.group(1)], words))


def get_generators(pelican):
    return NavigationGenerator


def link_checker_origins(pelican, generators=(), **kwargs):
    """pelican-link-checker asks, just before it checks, where links that no page's text holds
    were written: ``{address as in the HTML: (file, line)}`` of every ``Menu_link``. None (adds
    nothing) when the setting ``link_checker_origins`` is False or no tree was built."""
    for generator in generators:
        site = getattr(generator, "context", {}).get(SITE_KEY)
        if site is not None:
            break
    else:
        return None
    if not site.config["link_checker_origins"]:
        return None
    return dict(site.checker_origins)


def register():
    signals.generator_init.connect(add_templates)
    signals.all_generators_finalized.connect(build_trees)
    signals.get_generators.connect(get_generators)
    # By name: the checker may be missing (then nobody sends it) or loaded after this plugin.
    signal(ORIGINS_SIGNAL).connect(link_checker_origins)
