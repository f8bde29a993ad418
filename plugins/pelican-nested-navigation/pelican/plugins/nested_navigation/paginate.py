"""Pages of a section's "In this section" list, so a landing page stays small at any size.

A section of 2,000 pages listed on one landing page weighed 563 KB. So a landing page lists
the first ``section_list_size`` children, and pages 2, 3, … at ``<section>/page/<n>/`` list the
rest: the addresses Pelican gives the blog's own pages (PAGINATION_PATTERNS). Nothing here imports Pelican.

:class:`SectionPaginator` and :class:`SectionPage` answer what a theme's pagination partial
asks of Pelican's own ``articles_paginator`` and ``articles_page`` (``num_pages``, ``page(n)``,
``number``, ``url``, ``has_previous()``, ``has_next()``, ``object_list``), so one partial draws
the pager of the blog, a category and a section alike.
"""

import math
import posixpath


def numbered(address, number, *, save_as=False):
    """The address of page ``number`` of a list whose first page is at ``address``.

    ``resources/`` -> ``resources/page/2/``; ``resources/index.html`` (a file to write) ->
    ``resources/page/2/index.html``; an address without a folder form (``resources.html``)
    -> ``resources/page/2/``."""
    if number == 1:
        return address
    if address.endswith("index.html"):
        base = address[: -len("index.html")]
    elif address == "" or address.endswith("/"):
        base = address
    else:
        base = posixpath.splitext(address)[0] + "/"
    return f"{base}page/{number}/" + ("index.html" if save_as else "")


class SectionPage:
    """One page of a section's list."""

    def __init__(self, paginator, number):
        self.paginator = paginator
        self.number = number
        self.url = numbered(paginator.url, number)
        self.save_as = numbered(paginator.save_as, number, save_as=True)
        start = (number - 1) * paginator.per_page
        self.object_list = paginator.items[start:start + paginator.per_page]

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.paginator.num_pages

    def __repr__(self):
        return f"<SectionPage {self.number} of {self.paginator.num_pages}: {self.url}>"


class SectionPaginator:
    """A section's children, ``per_page`` to a page; page 1 is the landing page itself."""

    def __init__(self, items, per_page, url, save_as, section=None):
        #: The section (a tree item) whose list this is.
        self.section = section
        self.items = list(items)
        self.per_page = per_page
        self.url = url
        self.save_as = save_as
        self.num_pages = max(1, math.ceil(len(self.items) / per_page))
        self._pages = {}

    def page(self, number):
        page = self._pages.get(number)
        if page is None:
            if not 1 <= number <= self.num_pages:
                raise ValueError(f"no page {number}: the list has {self.num_pages}")
            page = self._pages[number] = SectionPage(self, number)
        return page

    def pages(self):
        return [self.page(number) for number in range(1, self.num_pages + 1)]


class PageOfList:
    """A page or article seen from page ``number`` (2, 3, …) of its list: its own ``url`` and
    ``save_as``, an empty ``content``, everything else the page's. Page 2 of /resources/ is then
    /resources/page/2/ for the template (its og:url and canonical address) and for other plugins
    that read the page from the context (the sitemap lists it under its own address), and a
    theme that prints ``page.content`` shows the section's own text on page 1 only: pages 2, 3,
    … are the list and its pager."""

    #: The section's text is on its first page; further pages of the list show no text of it.
    content = ""

    def __init__(self, content, section_page):
        #: The page itself (its ``content`` is the page's HTML, as on any page).
        self.original = content
        self._shown = content
        self.url = section_page.url
        self.save_as = section_page.save_as

    def __getattr__(self, name):
        return getattr(self._shown, name)
