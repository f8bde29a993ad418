"""Extract: every link-bearing attribute of a built HTML page, and the ids links can point at.

One parse per file with lxml (BeautifulSoup on lxml reads the same tree several times slower;
this runs on every page of every build). Elements are visited in document order, so the links
of a Markdown fragment come out in the order Markdown wrote them.
"""

import threading

from lxml import etree


#: The attributes that hold a URL, per element (html-proofer's and lychee's lists).
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "link": ("href",),
    "script": ("src",),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "form": ("action",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
}
#: <meta property="og:image" content="…">: the Open Graph URLs a link preview fetches.
META_URL_PROPERTIES = frozenset({"og:image", "og:url"})

_THREAD = threading.local()
_ASCII_WHITESPACE = " \t\n\r\f"


def srcset_urls(value):
    """The URLs of a srcset, split by the HTML standard's rules ("parse a srcset attribute"):
    a URL ends at whitespace, not at a comma, so ``data:image/png;base64,AAA 1x`` stays one
    candidate; trailing commas end a candidate; descriptors run to the next comma outside
    parentheses."""
    urls, i, n = [], 0, len(value or "")
    while True:
        while i < n and (value[i] in _ASCII_WHITESPACE or value[i] == ","):
            i += 1
        if i >= n:
            return urls
        start = i
        while i < n and value[i] not in _ASCII_WHITESPACE:
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while i < n:
                char = value[i]
                i += 1
                if char == "(":
                    depth += 1
                elif char == ")" and depth:
                    depth -= 1
                elif char == "," and not depth:
                    break
        if url:
            urls.append(url)


def _parser():
    """This thread's parser: lxml parses without holding the GIL, so pages can be parsed on
    several threads at once, but a parser object must not be shared between threads.
    (collect_ids=False: libxml2's id table serves XML's id() lookups; filling it costs time.)"""
    parser = getattr(_THREAD, "parser", None)
    if parser is None:
        parser = _THREAD.parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True,
                                                   collect_ids=False)
    return parser

_TAGS = (*LINK_ATTRIBUTES, "meta")
_OTHER_TAGS = tuple(tag for tag in _TAGS if tag != "a")
_A_HREFS = etree.XPath("//a/@href", smart_strings=False)
_IDS = etree.XPath("//@id", smart_strings=False)
#: The document's base URL: the first <base> with an href (HTML: "the frozen base URL").
_BASE = etree.XPath("(//base[@href])[1]/@href", smart_strings=False)
_WITH_ID = etree.XPath("//*[@id=$id]")


class ParsedPage:
    """The links of one HTML file and the ids it offers as fragment targets."""

    __slots__ = ("path", "links", "known", "ids", "duplicates", "base", "sourceless_images")

    def __init__(self, path):
        self.path = path
        self.links = []  # [Link] in document order
        self.known = []  # <a href> values already known to pass (parse_page's ``known``): no Link made
        self.ids = set()  # every id="…" of the page
        self.duplicates = {}  # id -> [line, ...] for an id used more than once
        self.base = None  # the href of the page's <base>, if it has one
        self.sourceless_images = []  # (line, alt) of each <img> with neither src nor srcset


def parse_page(path, data, link_class, known=None):
    """Parse one HTML file (``data``: its bytes) into a :class:`ParsedPage`. ``known``: a set
    of <a href> values that passed every check on another page (a theme's menu): those go to
    ``page.known`` without a Link each, which is most of a big site's links."""
    page = ParsedPage(path)
    if not data.strip():
        return page
    root = etree.fromstring(data, _parser())
    if root is None:
        return page
    links = page.links
    tags = _TAGS
    if known is not None:
        hrefs = _A_HREFS(root)  # in C, without an element object each
        if known.issuperset(hrefs):  # one call, so one moment: the checking thread adds meanwhile
            page.known = hrefs
            tags = _OTHER_TAGS  # every <a> is known: only the other elements are read
        else:
            page.known = [href for href in hrefs if href in known]
            # This page's own snapshot: a link must be in exactly one of page.known and page.links.
            known = set(page.known)
    else:
        known = ()
    for element in root.iter(*tags):
        tag = element.tag
        if tag == "a":  # nine links in ten: the short way
            href = element.get("href")
            if href is not None and href not in known:
                links.append(link_class(path, "a", "href", href, element.sourceline))
        elif tag == "meta":
            kind = element.get("property")
            if kind in META_URL_PROPERTIES and element.get("content") is not None:
                links.append(link_class(path, tag, "content", element.get("content"), element.sourceline,
                                        None, kind))
        else:
            line = element.sourceline
            alt = element.get("alt") if tag == "img" else None
            # <link>: its rel says whether the browser fetches it (a stylesheet) or not (canonical).
            # <img> without src: its first srcset URL stands for the image in the alt check.
            kind = element.get("rel", "").lower() if tag == "link" else None
            if tag == "img" and element.get("src") is None:
                if element.get("srcset") is None:
                    page.sourceless_images.append((line, alt))
                kind = "no-src"
            for attribute in LINK_ATTRIBUTES[tag]:
                value = element.get(attribute)
                if value is None:
                    continue
                if attribute == "srcset":
                    for url in srcset_urls(value):
                        links.append(link_class(path, tag, attribute, url, line, alt, kind))
                        kind = None
                else:
                    links.append(link_class(path, tag, attribute, value, line, alt, kind))
    base = _BASE(root)
    page.base = base[0] if base else None
    ids = page.ids
    for id_ in _IDS(root):
        if id_ in ids and id_ not in page.duplicates:
            page.duplicates[id_] = [e.sourceline for e in _WITH_ID(root, id=id_)]
        ids.add(id_)
    return page


def anchor_names(data):
    """The names of a page's <a name="…"> anchors (HTML bytes)."""
    if not data.strip():
        return set()
    root = etree.fromstring(data, _parser())
    return set() if root is None else {a.get("name") for a in root.iter("a") if a.get("name")}


def element_at(data, tag, line, attribute=None, value=None):
    """The element of ``data`` (HTML bytes) with ``tag`` (None: any) at ``line`` (and
    ``attribute`` equal to ``value``), or None. Used only to describe a finding, so a second
    parse is fine."""
    if not data.strip():
        return None
    root = etree.fromstring(data, _parser())
    if root is None:
        return None
    for element in root.iter(tag) if tag else root.iter():
        if element.sourceline != line:
            continue
        if attribute is None or value is None:
            return element
        found = element.get(attribute)
        if found == value or (attribute == "srcset" and found and value in srcset_urls(found)):
            return element
    return None


#: Where a theme puts what is not the page's own text: ids there are not worth suggesting.
_CHROME = frozenset({"header", "nav", "footer", "aside"})


def content_ids(data, spans=None):
    """The ids a page's own text offers (HTML bytes), in document order: those of the elements
    on the lines ``spans`` ([(first, last), ...]: where the page's Markdown is) when known; else
    those outside the theme's header, nav, footer and aside."""
    if not data.strip():
        return []
    root = etree.fromstring(data, _parser())
    if root is None:
        return []
    found = []
    for element in _WITH_ANY_ID(root):
        if spans is not None:
            if any(first <= element.sourceline <= last for first, last in spans):
                found.append(element.get("id"))
        elif not any(ancestor.tag in _CHROME for ancestor in element.iterancestors()) and element.tag not in _CHROME:
            found.append(element.get("id"))
    return [id_ for id_ in dict.fromkeys(found) if id_]


_WITH_ANY_ID = etree.XPath("//*[@id]")
