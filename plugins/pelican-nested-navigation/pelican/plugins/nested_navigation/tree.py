"""The navigation tree: sections, pages and links, built in one pass from folder paths.

Pure Python: imports nothing from Pelican, so it is tested on its own (tests/test_tree.py).
Shaped like mkdocs' ``structure/nav.py``: a small base item with ``parent``, ``children`` and
``ancestors``; an ``active`` setter that lights the whole ancestor chain; a readable ``repr``; and
a :class:`Navigation` that prints itself indented, so a test compares the tree with a ``dedent``-ed
string instead of ``items[1].children[3]`` chains.

The input is a flat list of :class:`Entry` (one per published page, plus whatever else the
adapter puts in the menu: news categories, articles, the blog index). An entry's ``folder`` says
which section it belongs to; the entry named ``index`` is the section's landing page, which gives
the section its title. ``build_navigation`` nests them like mkdocs' ``nest_paths`` does and
returns the tree with every problem found as a :class:`~.findings.Finding`.
"""

import math
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field

from .findings import Finding, refused_scheme

DEFAULT_MAX_CHILDREN = 10

#: ``Menu_link: [Title](https://example.org/)`` or ``[Title](/a/page/)`` in a section's index.md.
#: The address may hold balanced parentheses, as Markdown allows: ``…/wiki/Markdown_(language)``.
MENU_LINK = re.compile(r"^\s*\[(?P<title>[^\]]+)\]\(\s*(?P<url>(?:[^()\s]|\([^()\s]*\))+)\s*\)\s*$")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
HIDE_VALUES = {"hide", "hidden"}


class Item:
    """What every menu entry has: a title, a short label, an address, a place in the tree."""

    kind = "Item"
    is_section = is_page = is_link = False

    def __init__(self, title, url, *, label=None, summary="", in_menu=True, source=None, line=1,
                 ref=None, lang=None, path=None):
        self.title = title
        #: The language of the page the entry links to, when it differs from the menu's own
        #: (a page not yet translated, in a translated menu); None otherwise.
        self.lang = lang
        #: Site-relative address as Pelican writes it ("" is the home page, "about/" a section);
        #: a Link's address may also be absolute (https://…).
        self.url = url
        #: Where the address points in HTML (SITEURL + "/" + url); set by build_navigation.
        self.href = url
        self.label = label or title
        self._summary = summary
        #: False for ``Menu: hide``: out of the menu, still listed on its section's page.
        self.in_menu = in_menu
        self.source = source  # the file to name in messages
        self.path = path  # the file as the adapter opened it (None when it has no other name)
        self.line = line
        #: The adapter's own object for this item (a Pelican page, category …); opaque here.
        self.ref = ref
        self.parent = None
        self.children = []
        #: The page being rendered. Only one item at a time; see Navigation.set_current.
        self.current = False
        self._active = False
        #: While Navigation.marked() renders: what aria_current gives instead (see there).
        self._token = None
        self._external = None
        # Where it sorts among its siblings (see _sort_key): its Order, and for a Link the
        # place it was written.
        self._order = None
        self._position = 0
        # Filled once by build_navigation (never per page):
        self.menu_children = []  # the first max_children children shown in the drop-down
        self.menu_more = False  # True when the drop-down leaves some out ("More in …")
        self.previous_page = None
        self.next_page = None

    @property
    def summary(self):
        """The summary shown in "In this section"; the adapter may pass a function, so a
        summary is only worked out for the pages whose section lists it."""
        if callable(self._summary):
            self._summary = self._summary() or ""
        return self._summary

    @property
    def active(self):
        """True for the current page and every section above it."""
        return self._active

    @active.setter
    def active(self, value):
        # Like mkdocs: lighting a page lights its whole ancestor chain, and clearing it clears it.
        self._active = bool(value)
        if self.parent is not None:
            self.parent.active = value

    @property
    def ancestors(self):
        """Parent first, then the parent's parent, up to the top level."""
        chain, item = [], self.parent
        while item is not None:
            chain.append(item)
            item = item.parent
        return chain

    @property
    def aria_current(self):
        """The ``aria-current`` value for this item's link: "page" for the page being read,
        "true" for the sections it sits in, None otherwise."""
        if self._token is not None:
            return self._token
        if self.current:
            return "page"
        if self._active:
            return "true"
        return None

    @property
    def is_external(self):
        """True for an address on another website (https://…, mailto:…)."""
        if self._external is None or self._external[0] != self.url:
            self._external = (self.url, bool(EXTERNAL.match(self.url)))
        return self._external[1]

    def _flags(self):
        flags = []
        if self.label != self.title:
            flags.append(f"label={self.label!r}")
        if not self.in_menu:
            flags.append("hidden")
        if self.lang:
            flags.append(f"lang={self.lang!r}")
        if self.current:
            flags.append("current")
        elif self._active:
            flags.append("active")
        return flags

    def __repr__(self):
        parts = [f"title={self.title!r}", f"url={self.url!r}", *self._flags()]
        return f"{self.kind}({', '.join(parts)})"

    def _indent_print(self, depth=0):
        lines = ["    " * depth + repr(self)]
        lines.extend(child._indent_print(depth + 1) for child in self.children)
        return "\n".join(lines)


class Section(Item):
    """A folder: its index.md is the landing page, its other files are its children."""

    kind = "Section"
    is_section = True

    def __init__(self, title, url, **kwargs):
        super().__init__(title, url, **kwargs)
        #: True when the folder has no index.md: the section borrows its first page's address.
        self.borrowed_url = False


class Page(Item):
    kind = "Page"
    is_page = True


class Link(Item):
    """A menu entry that is only an address (often another website), from ``Menu_link:``."""

    kind = "Link"
    is_link = True


class Navigation:
    """The whole menu: the top-level items in order, and what each page's template needs."""

    def __init__(self, items, home=None, lang=None):
        self.items = items
        self.home = home
        self.current = None
        #: The language this menu is in (one tree per language); None for a one-language site.
        self.lang = lang

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __str__(self):
        return "\n".join(item._indent_print() for item in self.items)

    def walk(self):
        """Every item, depth first, in menu order."""
        stack = list(reversed(self.items))
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.children))

    @property
    def menu(self):
        """The top-level entries the menu shows."""
        return [item for item in self.items if item.in_menu]

    def set_current(self, item):
        """Mark ``item`` as the page being rendered, and light its sections; None clears."""
        if self.current is not None:
            self.current.current = False
            self.current.active = False
        self.current = item
        if item is not None:
            item.current = True
            item.active = True

    def menu_state(self):
        """What the menu's marks depend on: the current item's chain, as far as a two-level
        menu shows it. Pages with equal states get byte-identical menus, so the adapter
        renders the menu once per state instead of once per page."""
        item = self.current
        if item is None:
            return ()
        chain = [item, *item.ancestors]
        top = chain[-1]
        if not top.in_menu:
            return ()
        state = [(id(top), top.aria_current)]
        if len(chain) > 1 and chain[-2] in top.menu_children:
            state.append((id(chain[-2]), chain[-2].aria_current))
        return tuple(state)

    def marked(self, render):
        """``render()`` (a menu template's rendering) with each item's ``aria_current`` a token
        naming the item instead of its value: ``(html, items)``, ``items[n]`` being the item of
        token ``\ue000n\ue001``. From that one rendering the adapter writes any page's menu by
        putting each token's attribute back only where the page marks its item, instead of
        rendering the menu again for each page's marks."""
        items = list(self.walk())
        for number, item in enumerate(items):
            item._token = f"\ue000{number}\ue001"
        try:
            return render(), items
        finally:
            for item in items:
                item._token = None

    def context_for(self, item):
        """What a page's template gets, computed here so templates only render.

        ``section`` is the section a page belongs to (for a section's landing page, that
        section itself); ``in_this_section`` is a landing page's children, every one of them,
        including pages kept out of the menu; ``breadcrumbs`` starts at Home and ends with the
        page itself, and is empty on the home page and on pages outside the tree (like 404).
        """
        if item is None:
            return {"nav": self, "breadcrumbs": [], "section": None, "previous_page": None,
                    "next_page": None, "in_this_section": []}
        section = item if item.is_section else item.parent
        trail = [*reversed(item.ancestors), item]
        if self.home is not None and item is not self.home:
            trail.insert(0, self.home)
        return {
            "nav": self,
            "breadcrumbs": trail if len(trail) > 1 else [],
            "section": section,
            "previous_page": item.previous_page,
            "next_page": item.next_page,
            "in_this_section": item.children if item.is_section else [],
        }


@dataclass
class Entry:
    """One thing the menu may list, as the adapter found it.

    ``folder`` is the path of folders it sits in (``("about",)``; ``()`` is the top level);
    ``name`` is its file name without extension, and ``"index"`` marks a section's landing page.
    Front-matter values (``order``, ``menu``, ``links``) arrive checked by front_matter, with
    their lines in ``lines``.
    """

    folder: tuple
    name: str
    title: str
    url: str
    summary: object = ""  # text, or a function that returns it when first needed
    label: str = None
    order: object = None
    menu: str = None
    links: list = field(default_factory=list)
    source: str = None  # path shown in messages
    path: str = None  # the file as it was opened (absolute, or relative to the working folder)
    lines: dict = field(default_factory=dict)  # each field's line(s), from front_matter
    ref: object = None
    #: True for entries that are never in the drop-downs (articles under a news category).
    never_in_menu: bool = False
    #: The language of the page, when the tree is built for another language (the page is
    #: not translated yet, so the menu links to the original).
    lang: str = None
    #: For a translation: its original's path as shown in messages. A folder without an index
    #: page is named at its first file by this, so every language's tree reports it alike.
    origin: str = None

    @property
    def is_index(self):
        return self.name == "index"


# The values reach the tree already checked by the front_matter plugin, which owns every
# field and reports each mistake once, at its line; what it could not accept it left out. So the
# tree only converts them.


def order_value(raw):
    """An ``Order`` value as the menu sorts by it: a finite number (``3``, ``"2.5"``), or None."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return raw if math.isfinite(raw) else None
    try:
        number = float(str(raw).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def menu_link_value(raw):
    """A ``Menu_link`` value as the menu reads it: ``(title, address)``, or None when it is not
    a Markdown link ``[Title](address)`` (whether the address is safe is checked apart)."""
    match = MENU_LINK.match(str(raw))
    return (match.group("title"), match.group("url")) if match else None


def parse_order(entry):
    """The entry's ``Order`` as a number, or None."""
    return order_value(entry.order)


def parse_menu(entry):
    """False when the front matter says ``Menu: hide`` (or the entry never shows in the menu)."""
    return not (entry.never_in_menu or str(entry.menu or "").strip().lower() in HIDE_VALUES)


def parse_links(entry, findings=None):
    """The ``Menu_link`` values of a section's index.md as Links, each with its line. A value
    that is not a Markdown link, or whose address is ``javascript:``, ``data:`` … never reaches
    the menu; with ``findings`` (a list) each is reported there."""
    raw = [entry.links] if isinstance(entry.links, str) else entry.links or []
    lines = entry.lines.get("menu_link") or []
    links = []
    for occurrence, value in enumerate(raw):
        match = MENU_LINK.match(str(value))
        line = lines[occurrence] if occurrence < len(lines) else 1
        scheme = refused_scheme(match.group("url"), decode_entities=True) if match else None
        if findings is not None and not match:
            findings.append(Finding(
                entry.source or "?", line, "error",
                f"Menu_link must be a Markdown link like [Example](https://example.org/), not {str(value)!r}; "
                "this menu entry is left out until it is fixed"))
        elif findings is not None and scheme:
            findings.append(Finding(
                entry.source or "?", line, "error",
                f'the Menu_link address starts with "{scheme}:", which a menu never links to; use '
                "https://, http://, mailto:, tel:, sms: or an address on this site"))
        if not match or scheme:
            continue
        url = match.group("url")
        # Addresses on this site are kept site-relative, like Pelican's own URLs, so two
        # entries for one page compare equal.
        url = url if EXTERNAL.match(url) else url.lstrip("/")
        links.append(Link(match.group("title").strip(), url, source=entry.source, line=line,
                          path=entry.path))
    return links


def _held_back(held, what, severity="error"):
    source, line, status = held
    field = f":status: {status}" if source.lower().endswith(".rst") else f"Status: {status}"
    return Finding(source, line, severity,
                   f"this page is {'a draft' if status == 'draft' else status} (`{field}`), "
                   f"so {what} has no landing page and no title in the menu; delete this line to publish it")


def title_sort_key(title):
    """How titles sort among siblings: by their letters without accents and case first
    ("Esperanza", "Ética", "Familia"; "apple" beside "Apple"), then, for titles equal in that,
    by the case-folded title itself, so the order is always the same. Unicode normalisation
    (NFKD, combining marks dropped), not the machine's locale: every build sorts alike."""
    folded = title.casefold()
    if folded.isascii():  # NFKD leaves ASCII as it is, and no ASCII character is a combining mark
        return (folded, folded)
    decomposed = unicodedata.normalize("NFKD", folded)
    return ("".join(c for c in decomposed if not unicodedata.combining(c)), folded)


def _sort_key(item):
    order = item._order
    if item.is_link:  # links come after the pages, in the order they were written
        return (2, 0, item._position, ("", ""))
    if order is None:
        return (1, 0, 0, title_sort_key(item.title))
    return (0, order, 0, title_sort_key(item.title))


#: How an index page gives its title, summary and order, by the file's format, for the messages
#: that ask for one (a format not listed gets plain words).
_FIELD_WORDS = {
    **dict.fromkeys(("md", "markdown", "mkd", "mdown"), ("a Title", "a Summary", "an Order")),
    "rst": ("a title", "a :summary: field", "an :order: field"),
    **dict.fromkeys(("html", "htm"), ("a <title>", 'a <meta name="summary">', 'a <meta name="order">')),
}
_PLAIN_WORDS = ("a title", "a summary", "an order")


def index_name(source, default="md"):
    """The index page to ask for beside ``source`` (a page file the site has read, so one its
    readers take): ``index`` with the same extension, or ``index.<default>`` without a source."""
    extension = posixpath.splitext(source or "")[1].lstrip(".")
    return f"index.{extension or default}"


def _field_words(name):
    return _FIELD_WORDS.get(posixpath.splitext(name)[1].lstrip(".").lower(), _PLAIN_WORDS)


def _folder_title(folder):
    return folder[-1].replace("-", " ").replace("_", " ").capitalize() if folder else "Home"


def _first_page_url(section):
    for child in section.children:
        if child.is_section:
            return _first_page_url(child)
        if not child.is_link:
            return child.url
    return section.url


def build_navigation(entries, *, max_children=DEFAULT_MAX_CHILDREN, site_url="", lang=None,
                     held_back=None, home_source=None, missing_index="error",
                     missing_home="error", check_fields=False):
    """Nest ``entries`` into a :class:`Navigation`; return it and a list of Findings.

    One pass groups the entries by folder (every folder is a Section, created the first time
    anything in or under it is seen), one pass sorts each section's children (``Order`` first,
    then title; external links last), and one pass sets each item's menu slice and neighbours.
    Nothing is dropped: a page with a bad field is still placed, and a folder without index.md
    still becomes a section (it borrows its first page's address) after the error is reported.
    ``held_back`` maps a folder to ``(source, line, status)`` of its index.md when that file
    exists but is not published (a draft), so the message names it rather than calling it
    missing; ``home_source`` is where the home page belongs, or None when a site without a home
    page is fine (the menu then starts with the top-level sections). ``missing_index`` and
    ``missing_home`` are the severity ("error", "warning", or "ignore") of a folder without an
    index page and of a site without a home page. ``check_fields`` reports a bad ``Order`` or
    ``Menu_link`` (leave it off when another plugin checks the front matter already).
    """
    held_back = held_back or {}
    findings = []
    sections = {(): None}  # folder -> Section; the top level has no Section
    top_level = []
    children_of = {(): top_level}
    first_source = {}  # folder -> first file (sorted) in or under it, for "no index.md"
    landing = {}  # folder -> its index entry's item
    home = None
    position = 0

    def section_for(folder):
        """The Section for ``folder``, creating it and its parents the first time."""
        if folder in sections:
            return sections[folder]
        parent = section_for(folder[:-1])
        section = Section(_folder_title(folder), "/".join(folder) + "/")
        section.parent = parent
        sections[folder] = section
        children_of[folder] = section.children
        children_of[folder[:-1]].append(section)
        return section

    for entry in entries:
        folder = tuple(entry.folder)
        file = entry.origin or entry.source
        if file:
            for depth in range(1, len(folder) + 1):
                prefix = folder[:depth]
                if prefix not in first_source or file < first_source[prefix][0]:
                    # The folder as the volunteer sees it: the file's path less what is below it.
                    shown = posixpath.dirname(file)
                    for _ in range(len(folder) - depth):
                        shown = posixpath.dirname(shown)
                    first_source[prefix] = (file, shown)
        order = parse_order(entry)
        if check_fields and entry.order is not None and order is None:
            findings.append(Finding(
                entry.source or "?", (entry.lines.get("order") or [1])[0], "error",
                f"Order must be a number like 3, not {str(entry.order)!r}; until then the page is "
                "sorted by its title after the pages that have an Order"))
        in_menu = parse_menu(entry)
        kwargs = dict(label=entry.label, summary=entry.summary or "", in_menu=in_menu,
                      source=entry.source, line=1, ref=entry.ref, lang=entry.lang)
        links = parse_links(entry, findings if check_fields else None)
        if entry.is_index and folder == ():
            # The top folder's index.md is the home page: first in the menu, first in every trail.
            home = Page(entry.title, entry.url, **kwargs)
            landing[()] = home
            owner_children = top_level
        elif entry.is_index:
            section = section_for(folder)
            section.title, section.url = entry.title, entry.url
            section.label = entry.label or entry.title
            section._summary = kwargs["summary"]
            section.in_menu, section.source, section.ref = in_menu, entry.source, entry.ref
            section.lang = entry.lang
            section._order = order
            landing[folder] = section
            owner_children = section.children
        else:
            parent = section_for(folder)
            page = Page(entry.title, entry.url, **kwargs)
            page._order = order
            page.parent = parent
            children_of[folder].append(page)
            owner_children = children_of[folder]
        for link in links:
            position += 1
            link._position = position
            link.parent = sections[folder] if folder else None
            owner_children.append(link)

    for folder, section in sections.items():
        if section is None or folder in landing:
            continue
        path, shown = first_source.get(folder, ("?", "/".join(folder)))
        if missing_index == "ignore":
            continue
        if folder in held_back:
            findings.append(_held_back(held_back[folder], f'its section "{shown}"', missing_index))
            continue
        # The index in the format of the folder's own first file, which the site's readers take.
        name = index_name(path if path != "?" else None)
        title, summary, order = _field_words(name)
        findings.append(Finding(
            path, 1, missing_index,
            f'the folder "{shown}" has no {name}, so its section has no title or landing '
            f"page. Add {shown}/{name} with {title} and {summary} (and {order} for its place "
            "in the menu)."))
    if () not in landing and entries and home_source and missing_home != "ignore":
        if () in held_back:
            findings.append(_held_back(held_back[()], "the site", missing_home))
        else:
            name = posixpath.basename(home_source)
            title, summary, _ = _field_words(name)
            findings.append(Finding(
                home_source, 1, missing_home,
                f"the content has no home page ({name} in the top folder of the pages), so the "
                f"menu has no Home. Add one with {title} and {summary}."))

    for children in children_of.values():
        children.sort(key=_sort_key)
    if home is not None:
        top_level.insert(0, home)

    for folder, section in sections.items():
        if section is not None and folder not in landing:
            section.url = _first_page_url(section)
            section.borrowed_url = True

    navigation = Navigation(top_level, home=home, lang=lang)
    findings.extend(_drop_duplicate_urls(navigation))
    _finish(navigation, max_children, site_url)
    return navigation, findings


def _drop_duplicate_urls(navigation):
    """Report every menu entry whose address an earlier entry already has.

    A duplicate Link is taken out of the menu; a duplicate page is only reported, because a
    page is never dropped (Pelican reports the clash of its files itself).
    """
    findings, seen = [], {}
    for item in list(navigation.walk()):
        if getattr(item, "borrowed_url", False):
            continue
        key = item.url.rstrip("/") if item.is_external else item.url
        first = seen.get(key)
        if first is None:
            seen[key] = item
            continue
        shown = item.url if item.is_external else "/" + item.url
        findings.append(Finding(
            item.source or "?", item.line, "error",
            f'the menu already has an entry for "{shown}" ({first.source or first.title}). '
            "Two menu entries cannot share an address: remove this one, or point it somewhere else."))
        if item.is_link:
            siblings = item.parent.children if item.parent else navigation.items
            siblings.remove(item)
    return findings


def _finish(navigation, max_children, site_url):
    """Set what every page shares once, so rendering a page does no work that grows with the site."""
    base = site_url.rstrip("/")
    for item in navigation.walk():
        item.href = item.url if item.is_external else f"{base}/{item.url}"
        if item.is_section:
            shown = [child for child in item.children if child.in_menu]
            item.menu_children = shown[:max_children]
            item.menu_more = len(shown) > max_children
            # A section's pager runs from its landing page through its pages, in menu order.
            sequence = [item, *(child for child in item.children if not child.is_link)]
            for before, after in zip(sequence, sequence[1:], strict=False):
                before.next_page, after.previous_page = after, before
