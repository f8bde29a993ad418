"""The link checker's data: what a build produced, where each link came from, what was found.

Nothing here imports Pelican. The Pelican adapter (``link_checker.py``) and the command line
(``__main__.py``) both turn what they know into a :class:`Site` and hand it to
:func:`link_checker.validate.validate`.
"""

from dataclasses import dataclass, field

from .extract import link_pairs


class Fragment:
    """A piece of a page's HTML that Markdown produced: a page's body, or a summary that a list
    of pages or articles shows.

    ``links`` pairs each link attribute in the fragment, in document order, as it ended up in
    the HTML (``resolved``) with the value Markdown wrote before Pelican replaced
    ``{filename}`` and friends (``written``). Given as None, it is worked out from ``html`` and
    ``written`` (the fragment as its source wrote it; None: as ``html``) the first time it is
    asked for: only a page with a broken link needs it. ``first_line``/``last_line`` are the
    lines of the built HTML file the fragment occupies; they are found from ``html`` when not
    yet known.
    """

    __slots__ = ("source", "_links", "first_line", "last_line", "html", "source_line", "part", "written")

    def __init__(self, source, links=None, first_line=None, last_line=None, html=None, source_line=None,
                 part="body", written=None):
        self.source = source  # absolute path of the source file (Markdown, reStructuredText …)
        self._links = links  # [(resolved, written), ...], or None until asked for
        self.first_line = first_line
        self.last_line = last_line
        self.html = html  # the fragment as rendered
        #: The line of the source file where the fragment's text starts (the body after the
        #: metadata, or the Summary field), so a link written in both is found at each; None: found
        #: from the file itself (locate.start_line) when a link needs it.
        self.source_line = source_line
        self.part = part  # "body" or "summary"
        self.written = written

    @property
    def links(self):
        if self._links is None:
            self._links = link_pairs(self.html, self.html if self.written is None else self.written)
        return self._links

    def __repr__(self):
        return f"<Fragment {self.part} of {self.source} lines {self.first_line}-{self.last_line}>"


@dataclass
class PageSource:
    """What an HTML file of the output was made from."""

    source: str | None = None  # the Markdown file of the page or article itself, if any
    kind: str = ""  # "page", "article", or "" for list pages (blog, categories)
    hidden: bool = False  # Status: hidden (and the 404 page): not meant to be linked
    fragments: list = field(default_factory=list)


@dataclass
class Site:
    """Everything the checks need to know beyond the files of the output folder."""

    output: str  # absolute path of the built site
    siteurl: str = ""  # SITEURL the site was built with ("" in development)
    content: str | None = None  # absolute path of the content folder (PATH)
    theme: str | None = None  # absolute path of the theme (its templates/ name theme links)
    #: Every folder the build's Jinja loader reads templates from, in its order (the
    #: THEME_TEMPLATES_OVERRIDES, the theme's templates/, a plugin's own templates, Pelican's
    #: "simple" theme); empty: the theme's templates/ alone.
    templates: list = field(default_factory=list)
    drafts: frozenset = frozenset()  # draft sources, relative to the content folder
    pages: dict = field(default_factory=dict)  # output-relative HTML path -> PageSource
    # The summaries (with links) of every page and article, as list pages and section pages
    # show them: Fragments with ``html``, placed in a built page only when a link needs it.
    summaries: list = field(default_factory=list)
    # Links a front-matter field, a setting or a data file put into the theme's HTML: the
    # address (as in the HTML, or from the site's root) -> (file, line).
    origins: dict = field(default_factory=dict)


class Link:
    """One URL in one attribute of one element of one built page (lychee's "raw URI").

    Where it was written (the Markdown file and line, or the template) is worked out only for
    a link with a problem (locate.py): tracing all of them would cost more than checking them.
    """

    __slots__ = ("page", "element", "attribute", "url", "line", "alt", "property")

    def __init__(self, page, element, attribute, url, line, alt=None, property=None):
        self.page = page  # output-relative path of the HTML file, e.g. "resources/index.html"
        self.element = element  # tag name: "a", "img", ...
        self.attribute = attribute  # "href", "src", "srcset", "content", ...
        self.url = url  # the value as it stands in the HTML
        self.line = line  # line of the element in the HTML file
        self.alt = alt  # for <img>: its alt attribute (None when absent)
        # for <meta>: its property ("og:image", "og:url"); for <link>: its rel ("stylesheet");
        # for the first URL of an <img> without src: "no-src"
        self.property = property

    def __repr__(self):
        return f"<Link {self.page}:{self.line} <{self.element} {self.attribute}={self.url!r}>>"


@dataclass
class Problem:
    """What a check found, before it is placed at a source line.

    ``describe(shown)`` builds the message from the link as the author wrote it (``shown``),
    which is only known once the link has been traced back to its Markdown. Problems that are
    not about a link (duplicate ids, orphan pages) give ``element`` (tag, line, id) or
    ``at_source`` instead.
    """

    check: str
    severity: str
    describe: object  # callable(shown: str) -> str
    page: str  # output-relative HTML path
    link: Link | None = None
    element: tuple | None = None  # (tag, line, attribute, value) of a non-link element
    at_source: str | None = None  # report at line 1 of this source file (orphans)
