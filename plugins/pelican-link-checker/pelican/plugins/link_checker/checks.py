"""Check: one small function per kind of broken link, each named in the registry CHECKS.

Each link is classified once (:func:`classify`); each check then looks at the link and its
:class:`Target` and returns a :class:`~link_checker.model.Problem` or None. The severities are
decided here and listed in the package docstring; a check never raises on odd input.

Messages follow one shape: what the link is, as the author wrote it (filled in later, when the
link has been traced to its Markdown line), what was expected, and how to fix it.
"""

import difflib
import os
import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from .model import Problem

ERROR, WARNING, NOTE = "error", "warning", "note"

#: Pelican's intrasite placeholders ({filename}, {static}, …; also the old |filename| form).
PLACEHOLDER = re.compile(r"^[{|](filename|static|attach|index|category|tag|author)[|}]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_EMAIL = re.compile(r"^[^@\s,;<>()\[\]\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# RFC 3966 allows "-", ".", "(" and ")" as visual separators; spaces are tolerated by phones.
# A dialer reads "," as a pause and ";" as a wait (then the extension's digits).
_PHONE = re.compile(r"^\+?[0-9(][0-9().\- ,;]*(?:;ext=[0-9]+)?$")

#: What to call the thing an element links to, in a message.
NOUNS = {"a": "link", "area": "link", "img": "image", "iframe": "embedded page", "form": "form",
         "script": "script", "link": "file", "source": "file", "video": "video", "audio": "audio",
         "track": "captions file"}
#: Elements whose URL the browser loads by itself: plain http there is blocked on an https page.
EMBEDDED = frozenset({"img", "script", "link", "source", "iframe", "video", "audio", "track", "form"})
#: <link rel=…> values the browser fetches by itself; the others (canonical, alternate,
#: license, author, …) only name an address, like <a>.
FETCHED_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest",
                          "preload", "modulepreload", "prefetch", "prerender"})
#: <link rel=…> values that name only an origin, written //host by design.
ORIGIN_RELS = frozenset({"dns-prefetch", "preconnect"})


def _rels(link):
    return set((link.property or "").split()) if link.element == "link" else set()


def is_fetched(link):
    """Whether the browser loads this URL by itself (blocked over http on an https page)."""
    if link.element == "link":
        return bool(_rels(link) & FETCHED_RELS)
    return link.element in EMBEDDED


def noun(link):
    if link.element == "link" and not is_fetched(link):
        return "link"  # rel=canonical, alternate, license …: an address, not a file to load
    if link.element == "meta":
        return "image" if link.property == "og:image" else "link"
    return NOUNS.get(link.element, "link")


class Target:
    """What a link points at, worked out once for all the checks."""

    __slots__ = ("kind", "path", "fragment", "file", "site_path")

    def __init__(self, kind, path="", fragment="", file=None, site_path=""):
        self.kind = kind  # empty, hash, placeholder, mailto, tel, sms, external, insecure,
        # protocol-relative, internal, outside, other
        self.path = path  # internal: the URL path within the site, percent-decoded ("/a/b/")
        self.fragment = fragment  # the part after "#", as written (check_fragment also decodes it)
        self.file = file  # internal: the output-relative file that serves it, if any
        self.site_path = site_path  # internal: the address to show ("/a/b/", with SITEURL's path)


def page_url(page):
    """The site-relative URL that serves an output file: "a/index.html" -> "/a/"."""
    if page == "index.html":
        return "/"
    if page.endswith("/index.html"):
        return "/" + page[: -len("index.html")]
    return "/" + page


def _join(base, path):
    """Resolve a relative URL path against the URL path of the page holding it."""
    if not path:
        return base
    directory = base[: base.rfind("/") + 1]
    parts = []
    for part in (directory + path).split("/"):
        if part == "..":
            if len(parts) > 1:
                parts.pop()
        elif part != ".":
            parts.append(part)
    joined = "/".join(parts)
    if path.endswith(("/.", "/..")) or path in (".", ".."):
        joined += "/"
    return joined if joined.startswith("/") else "/" + joined


def classify(link, ctx):
    """Classify a link: where it points and which checks apply (see :class:`Target`)."""
    url = link.url.strip()
    if url == "":
        return Target("empty")
    if url == "#":
        return Target("hash")
    if PLACEHOLDER.match(url):
        return Target("placeholder")
    if url.startswith("#"):
        base = ctx.base(link.page)
        return ctx.internal(base, url[1:]) if base is not None else Target("external")
    if url.startswith("//"):
        return Target("protocol-relative")
    if url.startswith("/"):
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        return ctx.internal_absolute(path, fragment)
    match = _SCHEME.match(url)
    if match:
        scheme = match.group(1).lower()
        if scheme in ("http", "https"):
            if ctx.site_origin and url.lower().startswith(ctx.site_origin):
                rest = url[len(ctx.site_origin):]
                if rest == "" or rest[0] in "/?#":
                    path, _, fragment = rest.partition("#")
                    return ctx.internal_absolute(path.partition("?")[0] or "/", fragment)
            return Target("insecure" if scheme == "http" else "external")
        if scheme in ("mailto", "tel", "sms"):
            return Target(scheme, path=url[len(scheme) + 1:])
        return Target("other")  # data:, javascript:, ftp: …: not ours to judge
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    base = ctx.base(link.page)
    if base is None:
        return Target("external")  # <base href> on another site: the link leads there
    return ctx.internal(_join(base, path) if path else base, fragment)


# --- the checks, one per kind of problem --------------------------------------------------------


def check_empty(link, target, ctx):
    """No href="" and no href="#" (html-proofer: "links with no href" and "#")."""
    if target.kind == "empty" and link.element != "form":  # form action="" posts to the page itself
        if link.element in ("a", "area"):
            return Problem("empty-link", ERROR, lambda shown: (
                'the link "" is empty: give it the address of a page, or remove the link'), link.page, link)
        return Problem("empty-link", ERROR, lambda shown: (
            f'the {noun(link)} has no address ({link.attribute}=""): give it the file it should '
            "show, or remove it"), link.page, link)
    if target.kind == "hash" and link.element in ("a", "area"):
        return Problem("empty-link", ERROR, lambda shown: (
            'the link "#" leads nowhere: give it the address of a page, or of a heading on this page '
            "(#the-heading-id), or remove the link"), link.page, link)
    return None


def check_placeholder(link, target, ctx):
    """No {filename}, {static} or {attach} left over: Pelican found no such file and warned."""
    if target.kind != "placeholder":
        return None
    return Problem("placeholder", ERROR, lambda shown: ctx.describe_placeholder(link, shown), link.page, link)


def check_mailto(link, target, ctx):
    """mailto: links are well-formed, so a mail program can use them."""
    if target.kind != "mailto":
        return None
    addresses = unquote(target.path.partition("?")[0]).split(",")
    if all(_EMAIL.match(a.strip()) for a in addresses):
        return None
    example = ctx.examples["mailto"]
    return Problem("mailto", ERROR, lambda shown: (
        f'the email link "{shown}" is not a valid address: expected mailto: and an address, '
        f"like {example}"), link.page, link)


def check_tel(link, target, ctx):
    """tel: links are well-formed, so a phone can dial them."""
    if target.kind != "tel" or _valid_phone(unquote(target.path).strip()):
        return None
    example = ctx.examples["tel"]
    return Problem("tel", ERROR, lambda shown: (
        f'the phone link "{shown}" is not a valid phone number: expected tel: and the digits, '
        f"with the country code for a full number, like {example}"), link.page, link)


def check_sms(link, target, ctx):
    """sms: links are well-formed, so a phone can text them."""
    if target.kind != "sms":
        return None
    numbers = unquote(target.path).partition("?")[0].split(",")
    if all(_valid_phone(n.strip()) for n in numbers):
        return None
    example = ctx.examples["sms"]
    return Problem("sms", ERROR, lambda shown: (
        f'the text-message link "{shown}" is not a valid number: expected sms: and the digits, '
        f"like {example}"), link.page, link)


def _valid_phone(number):
    digits = sum(c.isdigit() for c in number)
    return bool(_PHONE.match(number)) and 3 <= digits <= 15


def check_protocol_relative(link, target, ctx):
    """No protocol-relative URLs (//host/…): they break when a page is opened from a file."""
    if target.kind != "protocol-relative" or _rels(link) & ORIGIN_RELS:
        return None  # <link rel="preconnect" href="//host">: an origin, as the standard writes it
    fixed = "https:" + link.url.strip()
    return Problem("protocol-relative", ERROR, lambda shown: (
        f'the {noun(link)} "{shown}" does not say https: and breaks when the page is opened from '
        f'a file or over http: write "{fixed}"'), link.page, link)


def check_plain_http(link, target, ctx):
    """No plain http: an error where the browser loads the URL by itself (blocked as mixed
    content on an https site), a warning on a link."""
    if target.kind != "insecure":
        return None
    fixed = "https:" + link.url.strip()[len("http:"):]
    if is_fetched(link):
        return Problem("plain-http", ERROR, lambda shown: (
            f'the {noun(link)} "{shown}" would load over plain http, which browsers block on a '
            f'secure (https) site: use "{fixed}"'), link.page, link)
    return Problem("plain-http", WARNING, lambda shown: (
        f'the {noun(link)} "{shown}" is not encrypted (http): use "{fixed}" if the site offers it'),
        link.page, link)


def check_outside(link, target, ctx):
    """A root-absolute link stays inside SITEURL's path."""
    if target.kind != "outside":
        return None
    if noun(link) != "link":  # an image, a script …: a file, written with {static}
        return Problem("outside", ERROR, lambda shown: (
            f'the {noun(link)} "{shown}" leads outside the site, which is published under '
            f"{ctx.prefix}/: write the file's address with {{static}}, like {ctx.examples['image']}, so "
            "the address is always right"), link.page, link)
    return Problem("outside", ERROR, lambda shown: (
        f'the {noun(link)} "{shown}" leads outside the site, which is published under '
        f"{ctx.prefix}/: link to the page's {ctx.source_word(link)} file with {{filename}} so the "
        "address is always right"), link.page, link)


def _missing(link, target):
    """A link to this site that no file serves (a form may post to a server-side handler)."""
    return target.kind == "internal" and target.file is None and link.element != "form"


def check_case(link, target, ctx):
    """A link that matches a published file only when letter case is ignored."""
    if not _missing(link, target):
        return None
    exact = ctx.case_match(target.path)
    if exact is None:
        return None
    return Problem("case", ERROR, lambda shown: (
        f'the {noun(link)} "{shown}" differs from {exact} only in letter case; web servers treat '
        f'them as different addresses: write "{exact}"'), link.page, link)


def check_missing(link, target, ctx):
    """The page, image or file a link to this site names exists (a difference in letter case
    alone is the ``case`` check's)."""
    if not _missing(link, target) or ctx.case_match(target.path) is not None:
        return None
    site_path = target.site_path

    relative = not link.url.strip().startswith(("/", "#")) and not _SCHEME.match(link.url.strip())

    def describe(shown):
        what = "leads to a page that does not exist" if noun(link) == "link" else "does not exist"
        text = f'the {noun(link)} "{shown}" {what}: nothing is published at {site_path}'
        # Only for an address written relative: Pelican makes {static}/x relative itself.
        if relative and not PLACEHOLDER.match(shown):
            here = ctx.prefix + ctx.base(link.page)
            page = ctx.pages.get(link.page)
            if page is not None and page.base is not None:
                text += f" (an address without a leading / is read from the page's <base href>, {here})"
            else:
                text += f" (an address without a leading / is read from this page's own, {here})"
        text += "."
        hint = ctx.markdown_hint(link, shown)
        if hint:
            return f"{text} {hint}"
        suggestion = ctx.suggest_url(target.path)
        if suggestion:
            return f"{text} Did you mean {suggestion}?"
        if noun(link) == "link" and ctx.written_in_field(link):
            return f"{text} Check the address: write the page's address on this site, like {ctx.examples['page']}"
        if noun(link) == "link":
            return f"{text} Check the address, or link to the page's {ctx.source_word(link)} file with {{filename}}"
        return f"{text} Check the file name and folder"

    return Problem("missing", ERROR, describe, link.page, link)


def check_fragment(link, target, ctx):
    """A #fragment names an id (or an old-style <a name>) on its target page."""
    if target.kind != "internal" or target.file is None or not target.fragment:
        return None
    fragment = target.fragment
    if fragment.lower() == "top" or fragment.startswith(":~:"):
        return None  # HTML scrolls to the top for #top; :~:text= is a text fragment
    page = ctx.pages.get(target.file)
    # As a browser does: the fragment as written first, then percent-decoded.
    decoded = unquote(fragment) if "%" in fragment else fragment
    if page is None or any(f in page.ids or ctx.has_anchor(target.file, f) for f in dict.fromkeys([fragment, decoded])):
        return None
    fragment = decoded
    own = target.file == link.page
    where = "this page" if own else target.site_path

    def describe(shown):
        text = (f'the link "{shown}" points to a part of {where} that does not exist: no heading '
                f'or element there has id="{fragment}".')
        # Only the ids of the page's own text: the theme's (#banner, a footer's heading) are
        # never what a writer meant.
        close = difflib.get_close_matches(fragment, ctx.content_ids(target.file), n=1, cutoff=0.6)
        if close:
            return f"{text} Did you mean #{close[0]}?"
        return f"{text} Check the heading's id on {'this' if own else 'that'} page"

    return Problem("fragment", ERROR, describe, link.page, link)


def check_alt(link, target, ctx):
    """Images have alt text (WCAG 1.1.1). Missing: error. Empty, in Markdown content: warning,
    because ![](photo.jpg) is far more often forgotten than meant as decoration."""
    if link.element != "img" or (link.attribute != "src" and link.property != "no-src"):
        return None
    if link.alt is None:
        def missing(shown):
            if ctx.source_word(link) == "reStructuredText":
                how = "in reStructuredText, an :alt: line under the image"
            else:
                how = "in Markdown, ![what the image shows](…)"
            return (f'the image "{shown}" has no alt text: add alt="what the image shows" ({how}), '
                    'or alt="" if it is only decoration')
        return Problem("alt", ERROR, missing, link.page, link)
    if not link.alt.strip() and ctx.is_content(link):
        def empty(shown):
            if ctx.source_word(link) == "reStructuredText":
                how = "in its :alt: line"
            else:
                how = "in the brackets, ![what the image shows](…)"
            return (f'the image "{shown}" has empty alt text, so screen readers skip it: describe it {how}, '
                    "unless it is only decoration")
        return Problem("alt", WARNING, empty, link.page, link)
    return None


# --- checks over a whole page or the whole site ----------------------------------------------


def check_duplicate_ids(page, ctx):
    """No id used twice on a page: a link to #it reaches only the first."""
    problems = []
    for id_, lines in page.duplicates.items():
        where = ctx.prefix + page_url(page.path)
        line = ctx.pick_duplicate(page.path, lines)
        count = len(lines)
        problems.append(Problem("duplicate-id", ERROR, lambda shown, id_=id_, n=count, w=where: (
            f'the id "{id_}" is used {n} times on {w}: a link to #{id_} reaches only the first. '
            "Give this heading or element an id of its own"), page.path, element=(None, line, "id", id_)))
    return problems


def check_image_sources(page, ctx):
    """Every <img> has a source: an image with neither src nor srcset shows nothing."""
    example = ctx.examples["image"]
    return [Problem("no-source", ERROR, lambda shown: (
        "the image has no address (neither src nor srcset), so it shows nothing: give it the "
        f"picture, ![what it shows]({example}), or remove it"), page.path,
        element=("img", line, "alt", alt) if alt else ("img", line, "src", ""))
        for line, alt in page.sourceless_images]


def check_orphans(ctx, linked):
    """Warning: a published page or article that no other page links to (the menu is on every
    page, so a page the menu lists is linked). Hidden pages, the 404 page among them, are meant
    to be reached only directly."""
    problems = []
    for path in sorted(ctx.pages):
        if path in linked or path == "index.html":
            continue
        source = ctx.site.pages.get(path)
        if ctx.site.pages:
            if source is None or source.kind not in ("page", "article") or source.hidden:
                continue
        elif path == "404.html":
            continue
        url = ctx.prefix + page_url(path)
        if ctx.ignored(url):
            continue
        problems.append(Problem("orphan", WARNING, lambda shown, url=url: (
            f"no page links to {url} and the menu does not list it, so readers cannot find it: "
            'link to it from a related page, or add "Status: hidden" if only direct links should '
            "reach it"), path, at_source=(source.source, None, 0) if source else None))
    return problems


def check_draft_links(ctx):
    """A {filename} link to a draft: Pelican resolves it to the draft's URL, which is empty
    when ``DRAFT_URL``/``DRAFT_PAGE_URL`` are (readers land on the home page), or by default an
    address under drafts/ that nothing lists."""
    problems = []
    if not ctx.site.drafts or not ctx.site.content:
        return problems
    for path, source in ctx.site.pages.items():
        for fragment in source.fragments:
            seen = {}
            for resolved, written in fragment.links:
                occurrence = seen[written] = seen.get(written, -1) + 1
                match = PLACEHOLDER.match(written or "")
                if not match or match.group(1) != "filename":
                    continue
                target = content_target(written, fragment.source, ctx.site.content)
                if target is None:
                    continue
                relative = os.path.relpath(target, ctx.site.content).replace(os.sep, "/")
                if relative in ctx.site.drafts:
                    address = urlsplit(urljoin(ctx.prefix + page_url(path), resolved)).path if resolved else ""
                    lands = ("would land on the home page instead" if address.rstrip("/") == ctx.prefix
                             else f"would reach it only at its draft address, {address}, which nothing lists")
                    problems.append(Problem("draft", ERROR, lambda shown, lands=lands: (
                        f'the link "{shown}" points to a draft page, which is not published: readers '
                        f'{lands}. Publish that page first (remove '
                        '"Status: draft" from it), or remove the link for now'),
                        path, at_source=(fragment.source, written, occurrence)))
    return problems


def content_target(written, source, content):
    """The file a {filename}/{static}/{attach} link names, as Pelican looks it up: from the
    content folder when it starts with "/", else from the folder of the Markdown file."""
    match = PLACEHOLDER.match(written)
    if not match or match.group(1) not in ("filename", "static", "attach"):
        return None
    path = urlsplit(written[match.end():]).path
    path = unquote(path)
    if path.startswith("/"):
        return os.path.normpath(os.path.join(content, path.lstrip("/")))
    base = os.path.dirname(source) if source else content
    return os.path.normpath(os.path.join(base, path))


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One check, by the name a user gives in ``LINK_CHECKER["disable"]`` (html-proofer's habit:
    every check can be turned off on its own)."""

    name: str
    scope: str  # "link": run on each link; "page": on each HTML file; "site": once; "external"
    run: object  # the function (None for "external": external.py, with --external only)
    summary: str  # what it reports, for the README and --list-checks


#: Every check, in the order they run. Listed, not discovered: adding a check is one line here,
#: one fixture in the tests and one entry in the README.
CHECKS = (
    Check("empty-link", "link", check_empty, 'a link with href="" or href="#", an element with src=""'),
    Check("placeholder", "link", check_placeholder, "a {filename}, {static} or {attach} Pelican could not replace"),
    Check("mailto", "link", check_mailto, "a malformed mailto: link"),
    Check("tel", "link", check_tel, "a malformed tel: link"),
    Check("sms", "link", check_sms, "a malformed sms: link"),
    Check("protocol-relative", "link", check_protocol_relative, "a //host/… address without https:"),
    Check("plain-http", "link", check_plain_http, "plain http (an error where the browser loads it by itself)"),
    Check("outside", "link", check_outside, "a root-absolute link outside SITEURL's path"),
    Check("case", "link", check_case, "a link that matches a published file only when letter case is ignored"),
    Check("missing", "link", check_missing, "a missing page, image or file"),
    Check("fragment", "link", check_fragment, "a #fragment with no such id on its page"),
    Check("alt", "link", check_alt, "an image without alt text (empty alt in content: a warning)"),
    Check("duplicate-id", "page", check_duplicate_ids, "an id used twice on a page"),
    Check("no-source", "page", check_image_sources, "an <img> with neither src nor srcset"),
    Check("orphan", "site", check_orphans, "a published page no other page links to (a warning)"),
    Check("draft", "site", check_draft_links, "a {filename} link to a draft"),
    Check("external", "external", None, "a link to another site that fails (with --external only)"),
)
CHECK_NAMES = tuple(check.name for check in CHECKS)


def enabled(scope, disabled=()):
    """The functions of the checks of ``scope`` that are not turned off."""
    return tuple(check.run for check in CHECKS if check.scope == scope and check.name not in disabled)
