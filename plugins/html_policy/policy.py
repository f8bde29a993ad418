"""The HTML policy: which HTML a page's Markdown may hold, what is wrong with the rest, and the
sanitized HTML that is published. Imports nothing from Pelican.

Two halves that share one allow-list, so what is reported is what is removed:

* :func:`clean` is the sanitizer: nh3 (the Python binding of Ammonia, a well-kept
  html5ever-based sanitizer) keeps only :data:`TAGS`, :data:`ATTRIBUTES` and links with
  :data:`sitelib.schemes.ALLOWED` schemes, and :func:`_keep_attribute` drops any image source from
  another host. Whatever a page says, only this reaches ``output/``.
* :func:`review` cleans and, for each thing :func:`clean` removes, says why it is refused and
  what to do instead (an error for what could run code, load something from another website
  or send the reader elsewhere; a warning for harmless markup the site does not use), with the
  start tag as written so the adapter can find its line in the Markdown file.

Why so strict: many readers arrive in distress, and the site promises them that no page runs
code they did not ask for or tells another website that they are reading it.
"""

import functools
import html as html_module
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from sitelib import schemes

#: The elements a page may use: Ammonia's default list (text, lists, tables, <details>,
#: <abbr>, images, …) and the few Markdown or a volunteer needs beyond it.
TAGS = frozenset(nh3.ALLOWED_TAGS | {"picture", "source", "tfoot", "section", "address"})

#: The attributes each element may carry ("*": every element). Never ``style`` (the site's
#: Content-Security-Policy blocks inline styles) and never an event handler (``on…``).
ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir", "role", "translate"},
    "a": {"href", "hreflang", "name", "rel", "type"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"src", "srcset", "sizes", "media", "type", "width", "height"},
    "details": {"open"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
}
for _cell in ("td", "th"):
    ATTRIBUTES[_cell] = ATTRIBUTES.get(_cell, set()) | {"colspan", "rowspan", "headers"}
ATTRIBUTES["th"] |= {"scope", "abbr"}
#: ARIA attributes are allowed on every element.
ATTRIBUTE_PREFIXES = {"aria-"}

#: Attributes whose URL the browser fetches by itself: they must point at this site.
RESOURCES = frozenset({("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset")})
#: Attributes holding one URL: their scheme must be allowed.
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background",
                            "data", "longdesc", "xlink:href", "ping", "lowsrc", "dynsrc"})

_EMBED = ("embeds another website in the page, which loads that site (and lets it follow "
          "visitors) when the page opens: link to it instead, e.g. [Watch the video](https://…)")
_FORBIDDEN = {
    "script": "is a script, and pages on this site never run code from content (the site must "
              "work without it and promises readers it runs nothing they did not ask for): remove "
              "it; ask for a theme change if a page needs something interactive",
    "iframe": _EMBED, "frame": _EMBED, "frameset": _EMBED, "object": _EMBED, "embed": _EMBED,
    "applet": _EMBED, "portal": _EMBED, "fencedframe": _EMBED,
    "video": "plays a video inside the page: link to the video instead, e.g. [Watch the video](https://…)",
    "audio": "plays a recording inside the page: link to the recording instead",
    "form": "is a form, which would send what a reader types somewhere: link to the form on the "
            "site that runs it instead",
    "input": "is a form field: link to the form on the site that runs it instead",
    "button": "is a form button: link to the form on the site that runs it instead",
    "select": "is a form field: link to the form on the site that runs it instead",
    "textarea": "is a form field: link to the form on the site that runs it instead",
    "meta": "can redirect readers or change how the page loads: remove it (to send readers to "
            "another page, link to it)",
    "base": "changes where every link of the page leads: remove it and write each link in full",
    "style": "changes the site's look from inside a page (and may load files from elsewhere): "
             "remove it; the theme styles every page, so ask for a theme change instead",
    "link": "loads a file (a stylesheet, a font) from inside a page: remove it; the theme "
            "loads everything a page needs",
    "svg": "is a drawing written into the page: save it as an .svg file under content/images "
           "and show it with ![what it shows]({static}/images/name.svg)",
    "math": "is not published: write the formula in words or as an image from content/images",
}
_STYLE_URL = re.compile(r"url\s*\(|@import|expression\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing :func:`clean` removes: the start tag as written, and why."""

    start_tag: str
    severity: str
    message: str
    value: str = ""  # the attribute value concerned, as the browser reads it (to find its line)


def is_remote(url):
    """True for an address on another host: http(s)://…, //host/… (and /\\host, read the same)."""
    url = schemes.normalise(url).replace("\\", "/")
    return url.startswith("//") or schemes.scheme_of(url) in ("http", "https")


def _resource_problem(url):
    """Why an image address is refused, or None."""
    scheme = schemes.scheme_of(url)
    if scheme == "data":
        return schemes.why_refused("data")
    if scheme and scheme not in ("http", "https"):
        return schemes.why_refused(scheme)
    if is_remote(url):
        return ("loads an image from another website, which tells that site who reads this page "
                "(and may change or vanish): save the image under content/images and show it with "
                "![what it shows]({static}/images/name.jpg)")
    return None


def _keep_attribute(tag, attribute, value):
    """nh3's attribute_filter: drop image sources from other hosts or with other schemes."""
    if (tag, attribute) in RESOURCES:
        urls = schemes.srcset_urls(value) if attribute == "srcset" else [value]
        if any(_resource_problem(url) for url in urls):
            return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
    attribute_filter=_keep_attribute,
    url_schemes=set(schemes.ALLOWED),
    link_rel=None,  # authors may write rel; the site-wide referrer policy covers the rest
    strip_comments=True,
)


def clean(html):
    """The HTML with everything outside the policy removed (what is published). An <img> or
    <source> whose picture is refused goes as a whole: without its address it would show nothing.

    Remembered by the HTML it is given until :func:`forget`: a build cleans the same HTML three
    times or more (when Pelican reads a page, then each time a template prints its body or its
    Summary: three calls in four at 1,000 pages, issue 22), and the result depends on nothing
    else."""
    return _clean(html or "")


def forget():
    """Empty :func:`clean`'s memory (the adapter does, after each build)."""
    _clean.cache_clear()


@functools.lru_cache(maxsize=None)
def _clean(html):
    if "<img" in html or "<source" in html:
        for start_tag in _refused_pictures(html):
            html = html.replace(start_tag, "", 1)
    return _CLEANER.clean(html)


class _Pictures(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refused = []

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "source"):
            for name, value in attrs:
                urls = schemes.srcset_urls(value or "") if name == "srcset" else [value or ""]
                if (tag, name) in RESOURCES and any(_resource_problem(url) for url in urls):
                    self.refused.append(self.get_starttag_text())
                    return

    handle_startendtag = handle_starttag


def _refused_pictures(html):
    parser = _Pictures()
    parser.feed(html)
    parser.close()
    return parser.refused


def _short(start_tag, limit=80):
    start_tag = " ".join(start_tag.split())
    return start_tag if len(start_tag) <= limit else start_tag[: limit - 1] + "…>"


def _shown(url, limit=60):
    """An address for a message: control characters made visible, long ones cut."""
    url = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in url)
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _allowed_attribute(tag, name):
    return (name in ATTRIBUTES.get("*", ()) or name in ATTRIBUTES.get(tag, ())
            or any(name.startswith(p) for p in ATTRIBUTE_PREFIXES))


def _attribute_problems(tag, name, value):
    """(severity, message) for one attribute of an allowed element, or None."""
    value = value or ""
    if name.startswith("on"):
        return "error", (f"the {name} attribute runs code in the reader's browser, and pages on "
                         "this site never run code from content: remove it")
    if name == "style":
        if _STYLE_URL.search(value):
            return "error", ("the style attribute loads a file (url(…)) and changes the site's look "
                             "from inside a page: remove it; for a picture use "
                             "![what it shows]({static}/images/name.jpg)")
        return "error", ("the style attribute is blocked by the site's Content-Security-Policy, "
                         "so it would do nothing: remove it; the theme styles every page, so ask "
                         "for a theme change if something needs a different look")
    if name in ("srcdoc",):
        return "error", f"the {name} attribute puts a whole page inside this one: remove it"
    url_attribute = name in URL_ATTRIBUTES or name == "srcset"
    if url_attribute and (tag, name) in RESOURCES:
        urls = schemes.srcset_urls(value) if name == "srcset" else [value]
        for url in urls:
            why = _resource_problem(url)
            if why:
                verb = "" if why.startswith("loads") else "is refused: "
                return "error", f'the image "{_shown(url)}" {verb}{why}'
    elif url_attribute:
        scheme = schemes.refused_scheme(value)
        if scheme:
            return "error", f'the link "{_shown(value)}" is refused: {schemes.why_refused(scheme)}'
    if not _allowed_attribute(tag, name):
        if url_attribute and is_remote(value):
            return "error", (f"the {name} attribute loads something from another website: "
                             "remove it")
        return "warning", (f"the {name} attribute is not among those a page may use, so it is left "
                           "out of the published page: remove it")
    return None


class _Finder(HTMLParser):
    """Walks an HTML fragment (as Markdown wrote it) and collects :class:`Problem` s."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        start_tag = self.get_starttag_text() or f"<{tag}>"
        if tag in _FORBIDDEN:
            self.problems.append(Problem(start_tag, "error", f"{_short(start_tag)} {_FORBIDDEN[tag]}"))
            return
        if tag not in TAGS:
            self.problems.append(Problem(
                start_tag, "warning",
                f"<{tag}> is not among the HTML elements a page may use (tables, <details>, <abbr>, "
                "images from this site and the like), so it is left out of the published page: use "
                "Markdown or one of those instead"))
            return
        for name, value in attrs:
            found = _attribute_problems(tag, name, value)
            if found:
                severity, message = found
                if not message.startswith(("the link", "the image")):
                    message = f"{_short(start_tag)}: {message}"
                self.problems.append(Problem(start_tag, severity, message, value or name))

    handle_startendtag = handle_starttag


def _same(html, cleaned):
    """True when ``cleaned`` keeps everything of ``html`` (the sanitizer may only re-spell
    entities and quotes): the common case, decided at the sanitizer's speed instead of the
    slower walk of :class:`_Finder`."""
    return html_module.unescape(cleaned).replace("/>", ">") == html_module.unescape(html).replace("/>", ">")


def review(html):
    """``(cleaned, problems)``: what :func:`clean` publishes of ``html``, and what it removes and
    why, in document order. One pass of the sanitizer serves both."""
    cleaned, problems = _review(html)
    return cleaned, list(problems)


@functools.lru_cache(maxsize=4096)
def _review(html):
    # Remembered by the HTML itself: the live preview rebuilds every page from Pelican's cache
    # on each save, and sanitizing them all again took a quarter of its time to the reload.
    cleaned = clean(html)
    if not html or _same(html, cleaned):
        return cleaned, ()
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return cleaned, tuple(finder.problems)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(html):
    """The plain text of an HTML fragment (entities decoded once, tags dropped, spaces joined):
    for a <title>, a meta description or a feed title, where the text is escaped once more."""
    parser = _Text()
    parser.feed(str(html or ""))
    parser.close()
    return " ".join("".join(parser.parts).split())
