"""Extract: every link-bearing attribute of a built HTML page, and the ids links can point at.

One parse per file with lxml (BeautifulSoup on lxml reads the same tree several times slower;
this runs on every page of every build). Elements are visited in document order, so the links
of a Markdown fragment come out in the order Markdown wrote them.
"""

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

_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)
_TAGS = (*LINK_ATTRIBUTES, "meta")


class ParsedPage:
    """The links of one HTML file and the fragment targets (ids, <a name>) it offers."""

    __slots__ = ("path", "links", "ids", "names")

    def __init__(self, path):
        self.path = path
        self.links = []  # [Link] in document order
        self.ids = {}  # id -> [line, ...] (more than one line: a duplicate)
        self.names = set()  # <a name="…">, the old way to make a fragment target


def srcset_urls(value):
    """The URLs of a srcset ("a.png 1x, b.png 2x" -> ["a.png", "b.png"])."""
    urls = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


def parse_page(path, data, link_class):
    """Parse one HTML file (``data``: its bytes) into a :class:`ParsedPage`."""
    page = ParsedPage(path)
    if not data.strip():
        return page
    root = etree.fromstring(data, _PARSER)
    if root is None:
        return page
    links = page.links
    for element in root.iter(*_TAGS):
        tag = element.tag
        if tag == "meta":
            kind = element.get("property")
            if kind in META_URL_PROPERTIES and element.get("content") is not None:
                links.append(link_class(path, tag, "content", element.get("content"), element.sourceline,
                                        property=kind))
            continue
        for attribute in LINK_ATTRIBUTES[tag]:
            value = element.get(attribute)
            if value is None:
                continue
            alt = element.get("alt") if tag == "img" else None
            if attribute == "srcset":
                for url in srcset_urls(value):
                    links.append(link_class(path, tag, attribute, url, element.sourceline, alt))
            else:
                links.append(link_class(path, tag, attribute, value, element.sourceline, alt))
        if tag == "a":
            name = element.get("name")
            if name:
                page.names.add(name)
    ids = page.ids
    for element in root.iterfind(".//*[@id]"):
        ids.setdefault(element.get("id"), []).append(element.sourceline)
    return page


def element_at(data, tag, line, attribute=None, value=None):
    """The element of ``data`` (HTML bytes) with ``tag`` (None: any) at ``line`` (and
    ``attribute`` equal to ``value``), or None. Used only to describe a finding, so a second
    parse is fine."""
    if not data.strip():
        return None
    root = etree.fromstring(data, _PARSER)
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
