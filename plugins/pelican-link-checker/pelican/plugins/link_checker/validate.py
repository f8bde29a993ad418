"""The validator: extract every link of a built site, check each, and place each problem at
the line that wrote it. ``validate(site, config)`` returns a :class:`Result`; nothing here
imports Pelican.
"""

import difflib
import os
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from . import checks
from .config import DEFAULTS, EXAMPLES
from .extract import LineCache, anchor_names, content_ids, parse_page
from .locate import Locator
from .findings import Finding, display_path
from .model import Link


@dataclass
class Result:
    findings: list = field(default_factory=list)  # sorted Findings
    pages: int = 0  # HTML files read
    links: int = 0  # link attributes checked (internal and external)
    external: int = 0  # distinct external URLs checked (with --external)

    def count(self, severity):
        return sum(1 for f in self.findings if f.severity == severity)


class Checker:
    """What the checks may ask about the site: the files, the pages, the settings."""

    def __init__(self, site, config):
        self.site = site
        self.config = config
        self.examples = {**EXAMPLES, **(config.get("examples") or {})}
        self.disabled = frozenset(config.get("disable") or ())
        self.ignore = [re.compile(p) for p in config.get("ignore", ())]
        siteurl = (site.siteurl or "").rstrip("/")
        origin = re.match(r"^(https?://[^/?#]+)(/[^?#]*)?", siteurl, re.I)
        self.site_origin = origin.group(1).lower() if origin else ""
        self.prefix = unquote(origin.group(2) or "").rstrip("/") if origin else ""
        if not origin and siteurl.startswith("/"):
            self.prefix = siteurl  # SITEURL = "/subfolder"
        self.files = set()
        self.html = []  # the HTML files, in order (scan)
        self.pages = {}
        self.locator = Locator(site, self.pages, self.origin_key)
        self._bases = {}
        self._lookups = {}
        self._lower = None
        self._urls = None
        self._content_files = None
        self._anchors = {}
        self._content_ids = {}
        self._lines = LineCache()  # the lines the theme repeats, parsed once

    # --- reading the output -----------------------------------------------------------------

    def scan(self):
        """Read every file name of the output (the HTML files' list is kept for parse()), in
        os.walk's order (each folder's files, then its folders, both sorted; links to folders
        are not followed), without a relpath per folder."""
        files = self.files
        html = self.html = []

        def walk(folder, prefix):
            try:
                with os.scandir(folder) as found:
                    entries = list(found)
            except OSError:
                return
            folders, names = [], []
            for entry in entries:
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    is_folder = False
                (folders if is_folder else names).append(entry)
            for name in sorted(entry.name for entry in names):
                path = prefix + name
                files.add(path)
                if name.endswith((".html", ".htm")):
                    html.append(path)
            for entry in sorted(folders, key=lambda entry: entry.name):
                if not entry.is_symlink():
                    walk(entry.path, prefix + entry.name + "/")

        walk(self.site.output, "")

    def parse(self, known=None):
        """Each HTML file parsed once, in order, as the caller checks them: a big site's links
        are never all in memory at once. One thread: with the theme's lines parsed once
        (extract.LineCache), what is left is mostly Python, which threads would only slow."""
        for path in self.html:
            yield self._read(path, known)

    def _read(self, path, known=None):
        with open(os.path.join(self.site.output, path), "rb") as f:
            data = f.read()
        source = self.site.pages.get(path)
        if source is not None:
            place_fragments(source.fragments, data)
        return parse_page(path, data, Link, known, self._lines)

    # --- where links point -------------------------------------------------------------------

    def base(self, page):
        """The site-relative URL path relative links of a page are read from: the page's own
        ("resources/index.html" -> "/resources/"), or its <base href>; None when the <base>
        is on another site."""
        if page not in self._bases:
            base = checks.page_url(page)
            parsed = self.pages.get(page)
            if parsed is not None and parsed.base is not None:
                base = self._base_href(base, parsed.base.strip())
            self._bases[page] = base
        return self._bases[page]

    def _base_href(self, own, href):
        href = href.partition("#")[0].partition("?")[0]
        if self.site_origin and href.lower().startswith(self.site_origin):
            href = href[len(self.site_origin):] or "/"
        if href.startswith("//") or checks._SCHEME.match(href):
            return None
        if href.startswith("/"):
            if self.prefix and (href == self.prefix or href.startswith(self.prefix + "/")):
                href = href[len(self.prefix):] or "/"
            return href
        return checks._join(own, href)

    def internal_absolute(self, path, fragment):
        """A root-absolute URL path: inside SITEURL's path, or outside the site."""
        if self.prefix:
            if path == self.prefix or path.startswith(self.prefix + "/"):
                path = path[len(self.prefix):] or "/"
            else:
                return checks.Target("outside")
        return self.internal(path, fragment)

    def internal(self, path, fragment):
        decoded = unquote(path) if "%" in path else path
        return checks.Target("internal", path=decoded, fragment=fragment,
                             file=self.lookup(decoded), site_path=self.prefix + decoded)

    def lookup(self, path):
        """The output file serving a site-relative URL path, or None. Case-sensitive, as the web
        server is, whatever the file system here."""
        if path in self._lookups:
            return self._lookups[path]
        relative = path.lstrip("/")
        found = None
        if relative == "" or relative.endswith("/"):
            if relative + "index.html" in self.files:
                found = relative + "index.html"
        elif relative in self.files:
            found = relative
        elif relative + "/index.html" in self.files:
            found = relative + "/index.html"  # /about is served as /about/
        self._lookups[path] = found
        return found

    def case_match(self, path):
        """The address that differs from ``path`` only in letter case, if one is published."""
        if self._lower is None:
            self._lower = {}
            for name in sorted(self.files):
                self._lower.setdefault(name.lower(), name)
        relative = path.lstrip("/")
        for candidate in (relative + "index.html" if relative == "" or relative.endswith("/") else relative,
                          relative + "/index.html"):
            found = self._lower.get(candidate.lower())
            if found:
                if found.endswith("index.html") and not relative.endswith(".html"):
                    return self.prefix + checks.page_url(found)
                return self.prefix + "/" + found
        return None

    def suggest_url(self, path):
        """The published address closest to a missing one (difflib), or None. Remembered: a
        broken link in the theme is asked about once per page."""
        if self._urls is None:
            self._urls = sorted({checks.page_url(p) for p in self.html} | {"/" + f for f in self.files
                                                                            if not f.endswith(".html")})
            self._suggestions = {}
        if path not in self._suggestions:
            close = difflib.get_close_matches(path, self._urls, n=1, cutoff=0.8)
            if not close:  # "/resources/history/" for "/history/": a relative link gone astray
                close = sorted((u for u in self._urls if len(u) > 1 and path.endswith(u)), key=len)[-1:]
            self._suggestions[path] = self.prefix + close[0] if close else None
        return self._suggestions[path]

    def has_anchor(self, page, name):
        """Whether ``page`` has an <a name="…">: rare, so looked for only when no id matched."""
        if page not in self._anchors:
            self._anchors[page] = anchor_names(self.locator.html_bytes(page))
        return name in self._anchors[page]

    def content_ids(self, page):
        """The ids of ``page``'s own text (extract.content_ids), asked only to suggest a fragment."""
        if page not in self._content_ids:
            source = self.site.pages.get(page)
            spans = [(f.first_line, f.last_line) for f in (source.fragments if source else ())
                     if f.first_line is not None]
            self._content_ids[page] = content_ids(self.locator.html_bytes(page), spans or None)
        return self._content_ids[page]

    def ignored(self, url):
        return any(p.search(url) for p in self.ignore) if self.ignore else False

    def is_content(self, link):
        return self.locator.trace(link).kind == "content"

    def written_in_field(self, link):
        return self.locator.trace(link).kind == "field"

    def source_word(self, link):
        """What to call the file a link was written in: "Markdown", "reStructuredText"."""
        origin = self.locator.trace(link)
        if origin.kind == "content" and origin.path.lower().endswith((".rst", ".rest")):
            return "reStructuredText"
        return "Markdown"

    def origin_key(self, url):
        """The key a link is found under in Site.origins: a page of this site by its path from
        the site's root ("site:/about/"), however the address is written (root-relative, with
        SITEURL, or site-relative as "about/"); any other address as it is."""
        url = url.strip()
        if self.site_origin and url.lower().startswith(self.site_origin):
            url = url[len(self.site_origin):] or "/"
        if url.startswith("//") or checks._SCHEME.match(url) or url.startswith("#") or not url:
            return url
        path = url.partition("#")[0].partition("?")[0]
        if not path.startswith("/"):
            path = "/" + path
        elif self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            path = path[len(self.prefix):] or "/"
        return "site:" + (unquote(path) if "%" in path else path)

    def pick_duplicate(self, page, lines):
        """Of the lines holding one id, the one to report: the one in Markdown, else the second."""
        for line in lines:
            if self.locator.in_content(page, line) is not None:
                return line
        return lines[1]

    # --- messages that need the content folder ------------------------------------------------

    def content_files(self):
        if self._content_files is None:
            self._content_files = []
            content = self.site.content
            if content and os.path.isdir(content):
                for folder, folders, names in os.walk(content):
                    folders.sort()
                    for name in sorted(names):
                        relative = os.path.relpath(os.path.join(folder, name), content)
                        self._content_files.append("/" + relative.replace(os.sep, "/"))
        return self._content_files

    def describe_placeholder(self, link, shown):
        match = checks.PLACEHOLDER.match(link.url.strip())
        what = match.group(1)
        thing = checks.noun(link)
        origin = self.locator.trace(link)
        source = origin.path if origin.kind == "content" else None
        target = checks.content_target(link.url.strip(), source, self.site.content) if self.site.content else None
        if target is None:
            return (f'the {thing} "{shown}" was not replaced: Pelican found no file for {{{what}}}. '
                    "Check the file name and folder")
        shown_target = display_path(target, self.site.content)
        if os.path.exists(target) and link.attribute == "srcset":
            return (f'the {thing} "{shown}" was not replaced: Pelican replaces {{{what}}} only in src '
                    "and href, not in srcset: write the address the file is published at")
        if os.path.exists(target):
            return (f'the {thing} "{shown}" points to {shown_target}, which Pelican does not publish (it '
                    "is not a page, an article or a file in STATIC_PATHS): link to a published page instead")
        text = (f'the {thing} "{shown}" points to {shown_target}, which does not exist, so Pelican '
                "could not replace it.")
        relative = "/" + os.path.relpath(target, self.site.content).replace(os.sep, "/")
        close = difflib.get_close_matches(relative, self.content_files(), n=1, cutoff=0.6)
        if close:
            return f'{text} Did you mean "{{{what}}}{close[0]}"?'
        return f"{text} Check the file name and folder"

    def markdown_hint(self, link, shown):
        """For a link to a source file (.md, .rst) written without {filename}: how to write it."""
        path = shown.split("#", 1)[0].split("?", 1)[0]
        kinds = {".md": "Markdown", ".markdown": "Markdown", ".rst": "reStructuredText"}
        kind = next((name for ending, name in kinds.items() if path.lower().endswith(ending)), None)
        if kind is None or checks.PLACEHOLDER.match(shown) or not self.site.content:
            return None
        origin = self.locator.trace(link)
        source = origin.path if origin.kind == "content" else None
        target = checks.content_target("{filename}" + shown, source, self.site.content)
        if target and os.path.exists(target):
            return f'To link to a {kind} file, put {{filename}} in front: "{{filename}}{shown}"'
        return (f"To link to a {kind} file, write {{filename}} and its path in the content folder, "
                f'like "{self.examples["source_file"]}"')


def place_fragments(fragments, data):
    """Find each fragment's HTML in the built page and note the lines it spans."""
    for fragment in fragments:
        if fragment.first_line is not None or not fragment.html:
            continue
        needle = fragment.html.strip().encode("utf-8")
        position = data.find(needle) if needle else -1
        if position == -1:
            continue  # changed after rendering: links are then matched by value alone
        fragment.first_line = data.count(b"\n", 0, position) + 1
        fragment.last_line = fragment.first_line + needle.count(b"\n")


def validate(site, config=None, *, external=False, external_checker=None):
    """Check every link of the built ``site`` (a :class:`~link_checker.model.Site`)."""
    config = {**DEFAULTS, **(config or {})}
    checker = Checker(site, config)
    checker.scan()
    problems = []
    linked = set()
    outbound = []
    count = 0
    disabled = checker.disabled
    link_checks = checks.enabled("link", disabled)
    page_checks = checks.enabled("page", disabled)
    external = external and "external" not in disabled
    # The theme repeats its links (menu, footer) on every page. An absolute URL on one kind of
    # element means the same wherever it is, so once it passed every check it passes again.
    passed = {}
    # The <a href> values among them: a page's parse leaves those out (not with --external,
    # which asks about every link to another site).
    passed_hrefs = None if external else set()
    passed_files = {}  # those <a href> values -> the output file each leads to (None: another site)
    # Links to a #fragment of a page not parsed yet: checked once every page is.
    deferred = []
    keep = set()  # pages whose links the locator may still need

    def check(link, target, path):
        found = [p for p in (run(link, target, checker) for run in link_checks) if p is not None]
        if found:
            problems.extend(found)
            keep.add(path)
        elif link.element != "img" and _absolute(link.url):  # alt text is per element
            passed[(link.url, link.element)] = target
            if passed_hrefs is not None and link.element == "a":
                passed_files[link.url] = target.file
                passed_hrefs.add(link.url)

    for page in checker.parse(passed_hrefs):
        path = page.path
        checker.pages[path] = page
        if page.known:
            count += len(page.known)
            files = set(map(passed_files.__getitem__, page.known))  # in C: a menu is 1,000 links
            files.discard(None)
            files.discard(path)
            linked |= files
        page.known = None
        for link in page.links:
            count += 1
            target = passed.get((link.url, link.element))
            if target is None:
                if checker.ignore and checker.ignored(link.url):
                    continue
                target = checks.classify(link, checker)
                if target.fragment and target.file is not None and target.file not in checker.pages:
                    deferred.append((link, target, path))
                    keep.add(path)
                else:
                    check(link, target, path)
            if external and target.kind in ("external", "insecure"):
                outbound.append(link)
            if target.file is not None and link.element == "a" and target.file != path:
                linked.add(target.file)
        before = len(problems)
        for run in page_checks:
            problems.extend(run(page, checker))
        if len(problems) > before:
            keep.add(path)
        if path not in keep:
            page.links = None  # checked and clean: the locator will not ask for them
    for link, target, path in deferred:
        check(link, target, path)
    if "orphan" not in disabled:
        problems.extend(checks.check_orphans(checker, linked))
    if "draft" not in disabled:
        problems.extend(checks.check_draft_links(checker))
    distinct = 0
    if external and outbound:
        if external_checker is None:
            from .external import check_external as external_checker  # noqa: PLC0415 (httpx is optional: loaded only for --external)
        external_problems, distinct = external_checker(outbound, config)
        problems.extend(external_problems)
    return Result(findings=place(problems, checker), pages=len(checker.pages), links=count, external=distinct)


def _absolute(url):
    """Whether a URL means the same on every page: from the root, or with a scheme."""
    return (url.startswith("/") and not url.startswith("//")) or ":" in url.split("/", 1)[0]


def place(problems, checker):
    """Turn problems into findings at their source lines; one finding per source line and
    message (a theme link broken on every page is one finding, naming how many pages)."""
    locator = checker.locator
    grouped = {}
    for problem in problems:
        if problem.link is not None:
            origin = locator.trace(problem.link)
            path, line, shown, kind = origin.path, origin.line, origin.shown, origin.kind
        elif problem.element is not None:
            _, element_line, attribute, value = problem.element
            origin = locator.trace_element(problem.page, element_line, attribute, value)
            path, line, shown, kind = origin.path, origin.line, origin.shown, origin.kind
        elif problem.at_source is not None and problem.at_source[0]:
            source, written, occurrence = problem.at_source
            path, line, shown, kind = source, locator.source_line(source, written, occurrence), written, "content"
        else:
            path, line, shown, kind = os.path.join(checker.site.output, problem.page), 1, "", "html"
        message = problem.describe(shown)
        key = (display_path(path, checker.site.content), line, problem.severity, message)
        grouped.setdefault(key, [kind, set(), problem.check])[1].add(problem.page)
    findings = []
    for (path, line, severity, message), (kind, pages, name) in grouped.items():
        if kind == "theme":
            first = checker.prefix + min(checks.page_url(p) for p in pages)
            more = len(pages) - 1
            message += f" (on {first}" + (f" and {more} more page{'s' if more > 1 else ''})" if more else ")")
        findings.append(Finding(path, line, severity, message, name))
    return sorted(findings)
