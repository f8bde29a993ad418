"""Extract: every link-bearing attribute of a built HTML page, and the ids links can point at.

One parse per file with lxml (BeautifulSoup on lxml reads the same tree several times slower;
this runs on every page of every build). Elements are visited in document order, so the links
of a Markdown fragment come out in the order Markdown wrote them.
"""

import re
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


def parse_page(path, data, link_class, known=None, lines=None):
    """Parse one HTML file (``data``: its bytes) into a :class:`ParsedPage`. ``known``: a set
    of <a href> values that passed every check on another page (a theme's menu): those go to
    ``page.known`` without a Link each, which is most of a big site's links. ``lines``: a
    :class:`LineCache` shared by the pages of one site, so that the lines a theme repeats are
    parsed once (same result)."""
    if lines is not None and _reusable(data):
        return _parse_with_lines(path, data, link_class, known, lines)
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


# --- the lines a theme repeats on every page ---------------------------------------------------
#
# A theme writes the same lines on every page (the menu, the header, the footer): most of a big
# site's bytes. ``parse_page(..., lines=LineCache())`` parses each such line once: a line it has
# read before is left out (emptied, so every other line keeps its number) of the copy of the page
# lxml parses, and what it holds is taken from the cache. That gives the same result as parsing
# the whole page when the line is read the same way wherever it stands, which holds when
#
# - every line before it is complete (see _COMPLETE): each tag, comment and raw-text element
#   (<script>, <style>, <title> …) on it ends on it, so a parser starts the next line outside
#   any tag, as it started the first; every HTML parser (libxml2's old one and its HTML5
#   tokenizer) then reads the line into the same tags with the same attributes;
# - it holds no <html>, <head> or <body> tag (the only tags a parser may merge into an element
#   already open instead of making one), and it comes after the page's <body> tag, or after
#   its <head> tag and holds only what a head holds (<meta>, <link>, <base>, <script>, <style>,
#   <title>, spaces): leaving it out then changes nowhere a parser opens the body.
#
# A line known to hold no link, id or <base> (no "<a ", "<img " …, no " id") is not parsed
# at all. A page with a line that is not complete is read in full from that line on; a page
# with a carriage return, a NUL byte or bytes that are not UTF-8 (which a parser may read
# differently depending on what came before) is read in full, like every page without a cache.

_NAME = rb"[A-Za-z][A-Za-z0-9-]*+"
_ATTRIBUTES = (rb"(?:[ \t]++[A-Za-z_:][A-Za-z0-9_:.-]*+"
               rb"(?:[ \t]*+=[ \t]*+(?:\"[^\"]*+\"|'[^']*+'|[^ \t\"'=<>`]++))?+)*+")
#: Elements whose content is not read as tags: complete only with their end tag on the same
#: line and no "<" before it (plaintext never ends, so it is never complete).
_RAW = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")


def _token(name):
    """One piece of a complete line: text, a start tag (``name``: the group of its name), a
    raw-text element with its content and end tag, an end tag, a comment or a doctype.
    (Written out for each raw-text element: Python 3.11's re fails on a back reference, or
    any capturing group, inside a possessive repetition.)"""
    not_raw = rb"(?!(?:" + "|".join((*_RAW, "plaintext")).encode() + rb")(?![A-Za-z0-9-]))"
    raw = b"".join(rb"|<" + tag.encode() + rb"(?![A-Za-z0-9-])" + _ATTRIBUTES + rb"[ \t]*+>[^<]*+</" + tag.encode()
                   + rb"[ \t]*+>" for tag in _RAW)
    return (rb"[^<]++"
            rb"|<" + name + not_raw + _NAME + rb")" + _ATTRIBUTES + rb"[ \t]*+/?>"
            + raw +
            rb"|</" + _NAME + rb"[ \t]*+>"
            rb"|<!--(?!-?>)(?:[^-]|-(?!-))*+-->"
            rb"|<!doctype[ \t][^<>]*+>")


_COMPLETE = re.compile(rb"(?:" + _token(rb"(?:") + rb")*+", re.IGNORECASE)
_TOKENS = re.compile(_token(rb"("), re.IGNORECASE)
_HTML_HEAD_BODY = re.compile(rb"<(?:html|head|body)(?![A-Za-z0-9-])", re.IGNORECASE)
#: Every "<name" and "</name" of a complete line (and any in its quoted attribute values).
_TAG_NAMES = re.compile(rb"</?([A-Za-z][A-Za-z0-9-]*)")
_HEAD_TAGS = frozenset({b"meta", b"link", b"base", b"script", b"style", b"title"})
#: What a line holding a link, an id or a <base> must contain (more lines have it: those are
#: parsed, and found to hold nothing).
_MAY_HOLD = re.compile(rb"<(?:a|area|img|link|script|source|iframe|form|video|audio|track|base)(?![A-Za-z0-9-])"
                       rb"|[ \t]id(?![A-Za-z0-9_:.-])", re.IGNORECASE)
_META = re.compile(rb"<meta(?![A-Za-z0-9-])", re.IGNORECASE)
#: A <meta> holds a link only with property="og:image" or "og:url", written so or with a
#: character reference.
_META_URL = re.compile(rb"og:image|og:url|&")
#: What the cache says of a line it holds nothing for: not complete (the rest of the page is
#: parsed as it is), or complete but parsed in every page: the <body> tag's line, the <head>
#: tag's, another with an <html>, <head> or <body> tag.
_INCOMPLETE = "incomplete"
_KEEP = "keep"
_HEAD = "head"
_BODY = "body"


class _Line:
    """What one line holds, without its number: its link items in order ((tag, attribute,
    url, alt, property)), the <a href> values among them, its ids, its <base href> and its
    images without a source (their alt). ``head``: whether it may be left out of a page's head
    (None: not yet known)."""

    __slots__ = ("items", "hrefs", "plain", "ids", "base", "sourceless", "extra", "head", "cut")

    def __init__(self):
        self.items = []
        self.hrefs = []
        self.plain = True  # only <a href> items: the hrefs say everything
        self.ids = []
        self.base = None
        self.sourceless = []
        self.extra = False  # ids, a <base> or a sourceless image (set by _lines_of)
        self.head = None
        #: Whether the line ends a run of cached lines. Runs are split where the text says, not
        #: where a page's own line falls, so that a theme listing every page in its menu (one
        #: line per page, the current one marked) repeats its runs from page to page.
        self.cut = False


class _Empty:
    """A complete line with nothing to extract (``head`` as for _Line)."""

    __slots__ = ("head",)

    def __init__(self, head):
        self.head = head


_EMPTY = _Empty(None)
_EMPTY_HEAD = _Empty(True)
_EMPTY_BODY = _Empty(False)
_LEFT_OUT = (_Line, _Empty)


def _head_safe(line):
    """Whether a complete line holds only what a page's head holds (and spaces)."""
    return (all(name.lower() in _HEAD_TAGS for name in _TAG_NAMES.findall(line))
            and all(token.group().isspace() for token in _TOKENS.finditer(line) if token.group()[0] != 60))  # "<"


class LineCache:
    """The lines read so far, for one check of one site (line -> a _Line, an _Empty or a
    verdict). Shared by whatever reads the pages: a line read twice at once is read twice,
    with one result."""

    def __init__(self):
        self.lines = {}
        self.runs = {}  # a run of lines left out (a tuple of their entries) -> _Run
        self.incomplete = set()  # the lines found not complete

    @staticmethod
    def verdict(line):
        """For a line not seen before: _INCOMPLETE, _KEEP, _HEAD or _BODY; _EMPTY for a
        complete line that holds nothing to extract; None for a complete line to parse."""
        if _COMPLETE.fullmatch(line) is None:
            return _INCOMPLETE
        if b"<" not in line:
            return _EMPTY
        if _HTML_HEAD_BODY.search(line) is not None:
            names = {match.group(1).lower() for match in _TOKENS.finditer(line) if match.group(1)}
            if b"body" in names:
                return _BODY
            if b"head" in names:
                return _HEAD
            if b"html" in names:
                return _KEEP
        if _MAY_HOLD.search(line) is None and (_META_URL.search(line) is None or _META.search(line) is None):
            return _EMPTY
        return None


def _reusable(data):
    """Whether a page's lines can be read one by one (see above)."""
    if b"\r" in data or b"\0" in data or data.count(b"\n") >= 65535:  # libxml2 counts lines in 16 bits
        return False
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _parse_with_lines(path, data, link_class, known, cache):
    """parse_page's result, reading only the lines ``cache`` does not know."""
    lines = data.split(b"\n")
    seen = cache.lines
    got = list(map(seen.get, lines))
    fresh = []  # indexes of complete lines to cache once parsed
    for index in [index for index, entry in enumerate(got) if entry is None]:
        verdict = cache.verdict(lines[index])
        if verdict is None:
            fresh.append(index)
        else:
            seen[lines[index]] = got[index] = verdict
            if verdict is _INCOMPLETE:
                cache.incomplete.add(lines[index])
    stop = len(got)
    if cache.incomplete and not cache.incomplete.isdisjoint(lines):  # (a set's test: no scan of got)
        stop = got.index(_INCOMPLETE)  # from here on, the page is parsed as it is
        fresh = [index for index in fresh if index < stop]
    try:
        body = got.index(_BODY, 0, stop)
    except ValueError:
        body = stop  # no <body> tag: nothing after the head is left out
    try:
        head = got.index(_HEAD, 0, body) + 1
    except ValueError:
        head = body
    # ``got`` becomes: for each line left out, what it holds (a _Line or an _Empty); None for
    # the lines parsed: up to the <head> tag's, the <body> tag's, those from ``stop`` on, and
    # in the head, those holding more than a head holds.
    for index in range(head, body):
        entry = got[index]
        if entry.__class__ not in _LEFT_OUT:
            continue
        if entry.head is None:
            safe = _head_safe(lines[index])
            if entry.__class__ is _Line:
                entry.head = safe
            else:
                seen[lines[index]] = entry = _EMPTY_HEAD if safe else _EMPTY_BODY
        if not entry.head:
            got[index] = None
    before = min(head, body + 1)
    got[:before] = [None] * before
    if body < stop:
        got[body] = None
    got[stop:] = [None] * (len(got) - stop)
    kept = [index for index, entry in enumerate(got) if entry.__class__ not in _LEFT_OUT]
    pieces = []  # the kept lines, each after as many line breaks as lines before it
    breaks = 0
    for index in kept:
        pieces.append(b"\n" * (index - breaks))
        pieces.append(lines[index])
        breaks = index
    remaining = b"".join(pieces)
    parsed = {}
    if remaining.strip():
        root = etree.fromstring(remaining, _parser())
        if root is not None:
            parsed = _lines_of(root)
    for index in fresh:
        entry = parsed.get(index + 1)
        if entry is None:
            seen[lines[index]] = _EMPTY
        else:
            # One line in about 16, chosen by its text, ends a run (see _assemble).
            entry.cut = hash(lines[index]) & 15 == 0
            seen[lines[index]] = entry
    # Runs of cached lines with something in them, between the lines parsed or holding nothing
    # and the lines that end a run.
    between = [index for index, entry in enumerate(got) if entry.__class__ is not _Line or entry.cut]
    return _assemble(path, got, between, parsed, link_class, known, cache.runs)


def _lines_of(root):
    """{line number: _Line} of what a parsed page holds."""
    found = {}

    def line_of(element):
        line = found.get(element.sourceline)
        if line is None:
            line = found[element.sourceline] = _Line()
        return line

    for element in root.iter(*_TAGS):
        tag = element.tag
        if tag == "a":
            href = element.get("href")
            if href is not None:
                line = line_of(element)
                line.items.append(("a", "href", href, None, None))
                line.hrefs.append(href)
            continue
        if tag == "meta":
            kind = element.get("property")
            if kind in META_URL_PROPERTIES and element.get("content") is not None:
                line = line_of(element)
                line.items.append((tag, "content", element.get("content"), None, kind))
                line.plain = False
            continue
        line = line_of(element)
        alt = element.get("alt") if tag == "img" else None
        kind = element.get("rel", "").lower() if tag == "link" else None
        if tag == "img" and element.get("src") is None:
            if element.get("srcset") is None:
                line.sourceless.append(alt)
            kind = "no-src"
        for attribute in LINK_ATTRIBUTES[tag]:
            value = element.get(attribute)
            if value is None:
                continue
            line.plain = False
            if attribute == "srcset":
                for url in srcset_urls(value):
                    line.items.append((tag, attribute, url, alt, kind))
                    kind = None
            else:
                line.items.append((tag, attribute, value, alt, kind))
    for element in _WITH_ANY_ID(root):
        line_of(element).ids.append(element.get("id"))
    for element in _BASES(root):
        line = line_of(element)
        if line.base is None:
            line.base = element.get("href")
    for line in found.values():
        line.extra = bool(line.ids or line.base is not None or line.sourceless)
    return found


class _Run:
    """What a run of consecutive lines left out holds, by offset in the run: the <a href>
    values of its lines that hold no other link (``hrefs``), its other lines (``lines``), and
    every line's links (``every``), ids, <base> and images without a source."""

    __slots__ = ("hrefs", "lines", "every", "ids", "id_set", "unique", "base", "sourceless")

    def __init__(self, entries):
        self.hrefs, self.lines, self.every, self.ids, self.sourceless = [], [], [], [], []
        self.base = None
        for offset, line in enumerate(entries):
            if line.__class__ is not _Line:
                continue
            if line.items:
                self.every.append((offset, line))
                if line.plain:
                    self.hrefs.extend(line.hrefs)
                else:
                    self.lines.append((offset, line))
            self.ids.extend((offset, id_) for id_ in line.ids)
            if line.base is not None and self.base is None:
                self.base = line.base
            self.sourceless.extend((offset, alt) for alt in line.sourceless)
        self.id_set = frozenset(id_ for _, id_ in self.ids)
        self.unique = len(self.id_set) == len(self.ids)


def _assemble(path, got, between, parsed, link_class, known, runs):
    """A ParsedPage from what each line holds, as parse_page makes it from the whole page:
    ``got[n - 1]``, the cached _Line of line n (a run of them at a time), or else
    ``parsed[n]``, if any (``between``: the indexes of the other lines, in order)."""
    page = ParsedPage(path)
    links = page.links
    passed = page.known
    ids = page.ids
    sourceless = page.sourceless_images
    id_lines = []  # (first line number, [(offset, id), ...]) in document order
    repeated = False  # an id seen twice: page.duplicates is worked out from id_lines
    superset = known.issuperset if known is not None else None

    def add(line, number):
        if line.plain and superset is not None and superset(line.hrefs):
            passed.extend(line.hrefs)
            return
        for tag, attribute, url, alt, kind in line.items:
            if known is not None and tag == "a" and url in known:
                passed.append(url)
            else:
                links.append(link_class(path, tag, attribute, url, number, alt, kind))

    last = max(len(got), max(parsed, default=0))  # (libxml2 numbers only the lines it was given)
    previous = -1
    for index in [*between, last]:
        if index - previous > 1:  # lines previous + 1 .. index - 1 were left out
            entries = tuple(got[previous + 1:index])
            run = runs.get(entries)
            if run is None:
                run = runs[entries] = _Run(entries)
            first = previous + 2
            if superset is not None and superset(run.hrefs):
                passed.extend(run.hrefs)
                for offset, line in run.lines:
                    add(line, first + offset)
            else:
                for offset, line in run.every:
                    add(line, first + offset)
            if run.ids:
                if not run.unique or not ids.isdisjoint(run.id_set):
                    repeated = True
                ids.update(run.id_set)
                id_lines.append((first, run.ids))
            if run.base is not None and page.base is None:
                page.base = run.base
            for offset, alt in run.sourceless:
                sourceless.append((first + offset, alt))
        if index < last:
            line = got[index]
            if line.__class__ is not _Line:
                line = parsed.get(index + 1)
            if line is not None:
                number = index + 1
                add(line, number)
                if line.ids:
                    if not repeated and (len(set(line.ids)) < len(line.ids) or not ids.isdisjoint(line.ids)):
                        repeated = True
                    ids.update(line.ids)
                    id_lines.append((number, [(0, id_) for id_ in line.ids]))
                if line.base is not None and page.base is None:
                    page.base = line.base
                for alt in line.sourceless:
                    sourceless.append((number, alt))
        previous = index
    if repeated:
        where = {}  # id -> [line, ...]
        for first, pairs in id_lines:
            for offset, id_ in pairs:
                if id_ in where:
                    where[id_].append(first + offset)
                    if id_ not in page.duplicates:
                        page.duplicates[id_] = where[id_]
                else:
                    where[id_] = [first + offset]
    return page


def _url(page, element, attribute, url, *rest):
    return url


def link_pairs(resolved_html, written_html):
    """The links of a fragment of HTML, in order: (as in the built page, as the source wrote
    them), ``written_html`` being the fragment before Pelican replaced {filename} and friends."""
    if not resolved_html or not any(name in resolved_html for name in ("href=", "src", "action=", "poster=")):
        return []  # no attribute that holds a URL: nothing to parse (most summaries)
    resolved = parse_page("", resolved_html.encode("utf-8"), _url).links
    if written_html == resolved_html:  # nothing for Pelican to resolve: one parse is enough
        return [(url, url) for url in resolved]
    written = parse_page("", (written_html or "").encode("utf-8"), _url).links
    pairs = list(zip(resolved, written, strict=False))  # the rest: below
    pairs.extend((url, url) for url in resolved[len(written):])
    return pairs


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


def elements_with(data, tag, attribute, value):
    """The elements of ``data`` (HTML bytes) with ``tag`` whose ``attribute`` is ``value`` (or,
    for srcset, names it), in document order. Used only to describe a finding."""
    if not data.strip():
        return []
    root = etree.fromstring(data, _parser())
    if root is None:
        return []
    return [element for element in root.iter(tag) if (found := element.get(attribute)) is not None
            and (found == value or (attribute == "srcset" and value in srcset_urls(found)))]


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
_BASES = etree.XPath("//base[@href]")
