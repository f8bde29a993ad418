"""Locate: trace a link of the built HTML back to the line that wrote it.

* A link inside a Markdown fragment (a page's body, or an article's summary on a list page) is
  matched, in document order, to the fragment's list of (resolved, as written) links, and then
  found as written in the Markdown file: ``content/pages/x.md:12``.
* A link that a front-matter field, a setting or a data file put in the theme's HTML is
  reported at the line ``Site.origins`` names for it (LINK_CHECKER["origins"] and the
  ``link_checker_origins`` signal fill it).
* Any other link comes from the theme: the template tag whose attributes fit the element best
  names the template and its line: ``theme/templates/partials/crisis_strip.html:10``.
* Failing both (no record of the build, or a theme that is not this one), the built HTML file
  and its line.

This runs only for links that have a problem, so it may be slow-ish and re-read files.
"""

import bisect
import collections
import html
import itertools
import os
import re

from .extract import LINK_ATTRIBUTES, element_at, elements_with
from .model import Fragment


class Origin:
    """Where a link or element was written."""

    __slots__ = ("path", "line", "shown", "kind")

    def __init__(self, path, line, shown, kind):
        self.path = path  # absolute path of the Markdown file, template or built HTML file
        self.line = line
        self.shown = shown  # the link as written there
        self.kind = kind  # "content", "theme" or "html"


#: The forms a link takes in a source file that are found by one pass over it (inline
#: Markdown, angle brackets, an HTML attribute): a lookahead, so overlapping ones count too.
_FORM = r"""\]\([^()\s]*[) ]|<[^<>\s]*>|=(?:"[^"]*"|'[^']*')"""
_FORMS = re.compile(f"(?=({_FORM}))")
_ONE_FORM = re.compile(_FORM)


class SourceText:
    """A source file's text, indexed once so that finding many links in it is linear: the
    offset of each line, and the positions of every link form :data:`_FORMS` knows (a page
    with 20,000 links is read once, not once per link)."""

    __slots__ = ("text", "markdown", "_lines", "_forms", "_found", "_starts", "_tokens", "_places",
                 "_references", "_linkable")

    def __init__(self, text, markdown=False):
        self.text = text
        self.markdown = markdown
        self._linkable = None
        self._lines = None
        self._forms = {}
        self._found = {}
        self._starts = {}
        self._tokens = None
        self._places = {}
        self._references = {}

    def line_offsets(self):
        if self._lines is None:
            self._lines = [0, *(m.end() for m in re.finditer("\n", self.text))]
        return self._lines

    def line_of(self, position):
        """The 1-based line of ``position``."""
        return bisect.bisect_right(self.line_offsets(), position)

    def offset_of(self, line):
        """Where 1-based ``line`` starts, or None past the end."""
        offsets = self.line_offsets()
        return offsets[line - 1] if 1 <= line <= len(offsets) else None

    def positions(self, needle, linkable=False):
        """Every position of ``needle`` in the text (with ``linkable``, in :meth:`linkable`'s
        text: not in Markdown's code or comments), in order (each later one starting after the
        end of the one before)."""
        text = self.linkable() if linkable else self.text
        if _ONE_FORM.fullmatch(needle):
            if linkable not in self._forms:
                forms = self._forms[linkable] = collections.defaultdict(list)
                for match in _FORMS.finditer(text):
                    forms[match.group(1)].append(match.start())
            return self._forms[linkable].get(needle, ())
        key = (needle, linkable)
        if key not in self._found:
            found, start = [], text.find(needle)
            while start != -1:
                found.append(start)
                start = text.find(needle, start + len(needle))
            self._found[key] = found
        return self._found[key]

    def start_line(self, part, path):
        key = (part, path)
        if key not in self._starts:
            self._starts[key] = start_line(self.text, part, path)
        return self._starts[key]

    def link_places(self, value):
        """Every place the text writes a link to ``value``, in the order the links come out in the
        HTML, whatever the syntax: [(position, line to report)]. An inline Markdown link, an
        autolink, an HTML attribute, an image, a reStructuredText ``<url>`` or standalone
        address are each one place, at their own line; a reference definition (Markdown's
        ``[label]: url``, reStructuredText's ``.. _label: url``) is one place for each
        reference to its label (``[text][label]``, ```label`_``), placed where that reference
        stands but reported at the definition's line, where the address can be fixed. The
        address as a link's visible text (``[url](url)``, ``<a …>url</a>``) is not a place.
        Worked out once per address, from one pass over the text (:meth:`_token_index`)."""
        if value in self._places:
            return self._places[value]
        index, escaped = self._token_index(), value.replace("&", "&amp;")
        positions = sorted({*index.get(value, ()), *index.get(escaped, ())})
        text = self.text
        places = []
        for position in positions:
            end = position + (len(value) if text.startswith(value, position) else len(escaped))
            before, after = text[position - 1:position] if position else "", text[end:end + 2]
            if (before == "[" and after[:1] == "]") or (before == ">" and after == "</") or (
                    before == "`" and after[:1].isspace()):
                continue  # the link's text, not its address
            line = self.line_of(position)
            # What stands before it on its line (a label is short: a long line is no definition).
            head = text[max(self.line_offsets()[line - 1], position - _HEAD):position]
            label = _DEFINITION.match(head) if position - self.line_offsets()[line - 1] <= _HEAD else None
            if label is not None:
                name = label.group(1) or label.group(2) or label.group(3)
                places.extend((use, line) for use in self.references(name, bool(label.group(1))))
                continue
            places.append((position, line))
            named = _INLINE_TARGET.search(head) if head.endswith("<") else None
            if named is not None and text.startswith(">`_", end) and not text.startswith(">`__", end):
                # `text <url>`_ names a target too: `text`_ elsewhere links to the same address.
                places.extend((use, line) for use in self.references(named.group(1), False))
        places.sort()
        self._places[value] = places
        return places

    def linkable(self):
        """The text where a link can stand: in Markdown, fenced code blocks, code spans and
        HTML comments are blanked out (spaces; lines and positions kept), so an address shown
        as code is not taken for the link the HTML holds."""
        if self._linkable is None:
            self._linkable = _NOT_LINKS.sub(_blank, self.text) if self.markdown else self.text
        return self._linkable

    def references(self, label, markdown):
        """The positions of the references to ``label`` (see :func:`_uses`). Markdown's are
        indexed for every label in one pass over the text, so a file that defines thousands of
        labels is still read once; reStructuredText's are looked for once per label."""
        if markdown:
            if True not in self._references:
                self._references[True] = _markdown_references(self.linkable())
            return self._references[True].get(_label_key(label), ())
        key = (False, label)
        if key not in self._references:
            self._references[key] = [use.start() for use in _uses(label, False).finditer(self.linkable())]
        return self._references[key]

    def _token_index(self):
        """Every address-like run of the text (between spaces, quotes, brackets, parentheses and
        backticks; also without a sentence's final punctuation) -> its positions."""
        if self._tokens is None:
            self._tokens = collections.defaultdict(list)
            for match in _TOKEN.finditer(self.linkable()):
                token = match.group()
                self._tokens[token].append(match.start())
                bare = token.rstrip(".,;:!?")
                if bare and bare != token:
                    self._tokens[bare].append(match.start())
        return self._tokens


#: What writes no link in Markdown (as Python-Markdown reads it): a fenced code block (its fence
#: at the start of a line, closed by the same fence), an HTML comment, a code span on one line.
_NOT_LINKS = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[^\n]*\n(?:[\s\S]*?\n)?(?P=fence)[ \t]*$"
    r"|<!--[\s\S]*?-->"
    r"|(?<![\\`])(?P<ticks>`+)[^\n]+?(?<!`)(?P=ticks)(?!`)", re.M)


def _blank(match):
    return re.sub(r"[^\n]", " ", match.group())


#: How far before an address on its line a reference definition or an inline target is looked for.
_HEAD = 1000
_TOKEN = re.compile(r"""[^\s"'<>()\[\]`]+""")
#: What stands before an address on the line that defines a reference to it: Markdown's
#: ``[label]: `` (group 1), reStructuredText's ``.. _label: `` or ``.. _`label`: `` (2, 3).
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?$|^\s*\.\. _(?:([^`:][^:]*)|`([^`]+)`):[ \t]*$")
#: What stands before the address of a reStructuredText `text <url>`_ on its line.
_INLINE_TARGET = re.compile(r"`([^`<]+?)\s*<$")


def _uses(label, markdown):
    """A pattern for the references to ``label`` (case and runs of spaces ignored, as both
    syntaxes do): ``[text][label]``, ``[label][]``, ``[label]`` in Markdown; ```label`_``,
    ``label_`` and ``<label_>`_`` in reStructuredText."""
    name = r"\s+".join(map(re.escape, label.split()))
    if markdown:
        return re.compile(rf"\[[^\]]*\][ \t]?\[{name}\]|\[{name}\]\[\]|(?<![\]\\])\[{name}\](?![\[(:])", re.I)
    return re.compile(rf"`{name}`_(?!_)|(?<![\w`.-]){name}_(?![\w])|<{name}_>`_", re.I)


def _label_key(label):
    """A reference label as both syntaxes compare them: case and runs of spaces ignored."""
    return " ".join(label.split()).casefold()


_BRACKETS = re.compile(r"(?=\[([^\]]*)\])")
_SECOND = re.compile(r"[ \t]?\[([^\]]*)\]")


def _markdown_references(text):
    """{label key: positions} of every Markdown reference in ``text``, the forms :func:`_uses`
    finds for one label found for all at once: ``[text][label]`` (and ``[text] [label]``),
    ``[label][]`` and a lone ``[label]``."""
    found = collections.defaultdict(list)
    taken = {}  # label key -> where its last reference ended: references do not overlap

    def add(label, start, end):
        key = _label_key(label)
        if start >= taken.get(key, 0):
            found[key].append(start)
            taken[key] = end

    for match in _BRACKETS.finditer(text):
        start, inside = match.start(), match.group(1)
        end = start + len(inside) + 2
        second = _SECOND.match(text, end)
        label = second.group(1) if second is not None else ""
        if _is_label(label):  # [text][label], [text] [label]
            add(label, start, second.end())
            if _label_key(label) == _label_key(inside):
                continue
        if not _is_label(inside):
            continue
        if text.startswith("[]", end):  # [label][]
            add(inside, start, end + 2)
        elif text[start - 1:start] not in ("]", "\\") and text[end:end + 1] not in ("[", "(", ":"):
            add(inside, start, end)  # a lone [label]
    return found


def _is_label(inside):
    return bool(inside) and inside == inside.strip()


def find_line(text, needles, occurrence=0, from_line=1):
    """The 1-based line of the ``occurrence``-th (0-based) appearance of the first of
    ``needles`` that ``text`` (a str or a :class:`SourceText`) contains from line ``from_line``
    on (the last appearance if there are fewer), or None."""
    source = text if isinstance(text, SourceText) else SourceText(text)
    offset = source.offset_of(from_line)
    if offset is None:
        return None
    # Where a link can stand first (Markdown's code and comments left out), then anywhere.
    for linkable in (True, False) if source.markdown else (False,):
        for needle in needles:
            if not needle:
                continue
            positions = source.positions(needle, linkable)
            first = bisect.bisect_left(positions, offset)
            if first < len(positions):
                return source.line_of(positions[min(first + occurrence, len(positions) - 1)])
    return None


MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
_MARKDOWN_FIELD = re.compile(r"^[A-Za-z][\w-]*[ \t]*:")
_RST_FIELD = re.compile(r"^:([\w-]+):", re.M)


def start_line(text, part, path=""):
    """The line of a source file where its body (``part`` "body") or its Summary field
    ("summary") starts, read from the file as Pelican's readers read it, so that a link written
    in both is found at each. Markdown: the metadata lines at the top (``Key: value``, or a
    ``---`` YAML block) end at the first blank line; reStructuredText: fields are ``:key:``
    lines, and the body is searched from the top."""
    lines = text.split("\n")
    if path.lower().endswith(MARKDOWN_EXTENSIONS):
        end, yaml = 0, bool(lines) and lines[0].strip() == "---"
        for number, line in enumerate(lines[1:] if yaml else lines, 2 if yaml else 1):
            if yaml and line.strip() in ("---", "..."):
                end = number
                break
            if not yaml and not line.strip():
                end = number
                break
            if not yaml and number == 1 and not _MARKDOWN_FIELD.match(line):
                break  # no metadata at all: the body starts at line 1
        if part == "summary":
            for number, line in enumerate(lines[: end or len(lines)], 1):
                if re.match(r"^summary\s*:", line, re.I):
                    return number
            return 1
        return end + 1 if end else 1
    if part == "summary":
        for match in _RST_FIELD.finditer(text):
            if match.group(1).lower() == "summary":
                return text.count("\n", 0, match.start()) + 1
    return 1


def written_forms(value):
    """How a URL that Markdown turned into ``value`` may look in the Markdown source, most
    telling first: inline link, angle brackets, HTML attribute, reference definition, bare."""
    forms = []
    for text in dict.fromkeys([value, value.replace("&", "&amp;")]):
        forms += [f"]({text})", f"]({text} ", f"<{text}>", f'="{text}"', f"='{text}'", f"]: {text}"]
    if value and value != "#":
        forms.append(value)
        path = value.split("#", 1)[0]
        if path and path != value:
            forms.append(path)
    return forms


class Locator:
    def __init__(self, site, pages, key=None):
        self.site = site
        self.pages = pages  # output-relative path -> ParsedPage
        self.key = key or (lambda url: url)  # how Site.origins are matched (Checker.origin_key)
        self._origins = None
        self._texts = {}
        self._alignments = {}
        self._counted = {}
        self._placed = {}  # (source, address, its part's bounds) -> the lines that write it
        self._traced = {}
        self._templates = {}
        self._ranked = None  # (page, {id(link): (rank, count)}) for the page last asked about
        self._summaries_by_url = None
        self._theme = None

    # --- files ---------------------------------------------------------------------------

    def source(self, path):
        """The file's :class:`SourceText` (read once)."""
        if path not in self._texts:
            try:
                with open(path, encoding="utf-8") as f:
                    self._texts[path] = SourceText(f.read(), path.lower().endswith(MARKDOWN_EXTENSIONS))
            except (OSError, UnicodeDecodeError):
                self._texts[path] = SourceText("")
        return self._texts[path]

    def text(self, path):
        return self.source(path).text

    def html_bytes(self, page):
        try:
            with open(os.path.join(self.site.output, page), "rb") as f:
                return f.read()
        except OSError:
            return b""

    # --- links -------------------------------------------------------------------------------

    def trace(self, link):
        """The :class:`Origin` of a link (memoised: several checks may ask)."""
        key = id(link)
        if key not in self._traced:
            self._traced[key] = self._trace(link)
        return self._traced[key]

    def _trace(self, link):
        source = self.site.pages.get(link.page)
        bodies = (((link.page, "body", n), f) for n, f in enumerate(source.fragments if source else ()))
        for key, fragment in itertools.chain(bodies, self._summaries_on(link)):
            inside = fragment.first_line is None or fragment.first_line <= link.line <= fragment.last_line
            if not inside:
                continue
            index = self._alignment(key, link.page, fragment).get(id(link))
            if index is None:
                continue
            written = fragment.links[index][1]
            occurrences, totals = self._occurrences(key, fragment)
            source = self.source(fragment.source)
            start = fragment.source_line or source.start_line(fragment.part, fragment.source)
            line = None
            if totals[written] > 1:
                line = self._nth_place(source, fragment, written, occurrences[index], totals[written], start)
            if line is None:
                line = find_line(source, written_forms(written), occurrences[index], start)
            return Origin(fragment.source, line or 1, written, "content")
        written_in_field = self.site.origins.get(link.url)
        if written_in_field is None and self.site.origins:
            if self._origins is None:
                self._origins = {}
                for url, origin in self.site.origins.items():
                    self._origins.setdefault(self.key(url), origin)
            written_in_field = self._origins.get(self.key(link.url))
        if written_in_field is not None:
            return Origin(written_in_field[0], written_in_field[1], link.url, "field")
        # Without a record of the build, a Markdown link could pass for the theme's: name the
        # built HTML file instead of guessing.
        template = self._template(link) if self.site.pages else None
        if template is not None:
            return Origin(template[0], template[1], link.url, "theme")
        return Origin(os.path.join(self.site.output, link.page), link.line, link.url, "html")

    def _template(self, link):
        """The template tag that wrote a theme link. The same URL on the same kind of element
        comes from the same tag on every page (the menu, the crisis strip): asked once. A page
        that holds it several times (two lines of a template write it) has each of them traced
        to its own tag, once for the pages of its kind that hold it as many times."""
        rank, count = self._rank(link)
        if count == 1:
            key = (link.element, link.attribute, link.url)
            if key not in self._templates:
                self._templates[key] = self.theme().find(link, self)
            return self._templates[key]
        source = self.site.pages.get(link.page)
        key = (link.element, link.attribute, link.url, source.kind if source else "", count)
        if key not in self._templates:
            self._templates[key] = self.theme().find_each(link, count, self)
        return self._templates[key][rank]

    def _rank(self, link):
        """(how many links of ``link``'s page before it have its element, attribute and
        address; how many there are in all), counted once per page."""
        if self._ranked is None or self._ranked[0] != link.page:
            seen, ranks = collections.Counter(), {}
            page = self.pages.get(link.page)
            for other in (page.links or ()) if page is not None else ():
                key = (other.element, other.attribute, other.url)
                ranks[id(other)] = key, seen[key]
                seen[key] += 1
            self._ranked = (link.page, {id_: (rank, seen[key]) for id_, (key, rank) in ranks.items()})
        return self._ranked[1].get(id(link), (0, 1))

    def _summaries_on(self, link):
        """The summaries holding ``link``'s URL that this page shows, placed on its lines
        (a generator: asked only when the page's own Markdown did not hold the link)."""
        if self._summaries_by_url is None:
            self._summaries_by_url = {}
            for number, summary in enumerate(self.site.summaries):
                for resolved in {resolved for resolved, _ in summary.links}:
                    self._summaries_by_url.setdefault(resolved, []).append(number)
        data = None
        for number in self._summaries_by_url.get(link.url, ()):
            summary = self.site.summaries[number]
            data = self.html_bytes(link.page) if data is None else data
            needle = summary.html.strip().encode("utf-8")
            position = data.find(needle)
            if position != -1:
                first = data.count(b"\n", 0, position) + 1
                copy = Fragment(summary.source, summary.links, first, first + needle.count(b"\n"),
                                source_line=summary.source_line, part=summary.part)
                yield (link.page, "summary", number), copy

    def _occurrences(self, key, fragment):
        """For each link of ``fragment``, how many links before it were written the same way
        (so the fifth "/x/" is looked for at the fifth place "/x/" is written), and how many
        there are of each: counted in one pass."""
        if key not in self._counted:
            seen = collections.Counter()
            counts = []
            for _, written in fragment.links:
                counts.append(seen[written])
                seen[written] += 1
            self._counted[key] = counts, seen
        return self._counted[key]

    def _nth_place(self, source, fragment, written, occurrence, total, start):
        """The line of the ``occurrence``-th of the ``total`` links to ``written`` that the
        fragment holds, when its part of the source writes exactly ``total`` links to it (in
        any syntax: :meth:`SourceText.link_places`): the nth link of the HTML is the nth of the
        source. None when the counts differ (the address also in prose or code, say): the
        caller then looks it up by its form alone, as for an address written once."""
        begin = source.offset_of(start) or 0
        end = len(source.text)
        if fragment.part == "summary" and fragment.source.lower().endswith(MARKDOWN_EXTENSIONS):
            body = source.offset_of(source.start_line("body", fragment.source))
            if body is not None and body > begin:
                end = body  # a Summary field: its own lines, not the body that follows
        key = (fragment.source, written, begin, end)
        if key not in self._placed:  # once per address: a page may write it 20,000 times
            self._placed[key] = [line for position, line in source.link_places(written) if begin <= position < end]
        places = self._placed[key]
        return places[occurrence] if len(places) == total else None

    def _alignment(self, key, page, fragment):
        """Match the page's links inside ``fragment`` to the fragment's list, in order."""
        if key in self._alignments:
            return self._alignments[key]
        mapping = {}
        where = collections.defaultdict(list)  # resolved URL -> its indexes in the fragment's list
        for index, (resolved, _) in enumerate(fragment.links):
            where[resolved].append(index)
        position = 0
        for link in self.pages[page].links:
            if fragment.first_line is not None and not fragment.first_line <= link.line <= fragment.last_line:
                continue
            # The first index at or after ``position`` that holds this URL: a bisection, not a
            # scan of the list (a link the list does not hold would scan it all, for every such link).
            indexes = where.get(link.url, ())
            found = bisect.bisect_left(indexes, position)
            if found < len(indexes):
                mapping[id(link)] = indexes[found]
                position = indexes[found] + 1
        self._alignments[key] = mapping
        return mapping

    def in_content(self, page, line):
        """The fragment of ``page`` that covers ``line`` of the built HTML, if any."""
        source = self.site.pages.get(page)
        for fragment in source.fragments if source else ():
            if fragment.first_line is not None and fragment.first_line <= line <= fragment.last_line:
                return fragment
        return None

    # --- elements that are not links (duplicate ids) ------------------------------------------

    def trace_element(self, page, line, attribute, value):
        fragment = self.in_content(page, line)
        shown = f'{attribute}="{value}"'
        if fragment is not None:
            needles = [f'{attribute}="{value}"', f"{attribute}='{value}'", f"{{#{value}}}", f"#{value}"]
            element = element_at(self.html_bytes(page), None, line, attribute, value)
            if element is not None:
                needles.append(" ".join("".join(element.itertext()).split()))
            found = find_line(self.source(fragment.source), needles)
            return Origin(fragment.source, found or 1, shown, "content")
        for path, text in self.theme().files() if self.site.pages else ():
            found = find_line(text, [f'{attribute}="{value}"'])
            if found:
                return Origin(path, found, shown, "theme")
        return Origin(os.path.join(self.site.output, page), line, shown, "html")

    def source_line(self, source, written, occurrence):
        if written is None:
            return 1
        return find_line(self.source(source), written_forms(written), occurrence) or 1

    def theme(self):
        if self._theme is None:
            folders = self.site.templates or (
                [os.path.join(self.site.theme, "templates")] if self.site.theme else [])
            self._theme = ThemeIndex(folders, self.site.siteurl)
        return self._theme


# --- theme templates -----------------------------------------------------------------------------

_JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)
_TAG = re.compile(r"<(" + "|".join([*LINK_ATTRIBUTES, "meta"]) + r")\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class TemplateTag:
    __slots__ = ("path", "line", "tag", "attributes", "file_words", "context", "order")

    def __init__(self, path, line, tag, attributes, file_words, context=(), order=0):
        self.path = path
        self.line = line
        self.tag = tag
        self.attributes = attributes  # name -> (compiled pattern, number of literal characters)
        self.file_words = file_words
        #: The classes and ids of the elements the tag sits in, in its template, nearest first
        #: (elements without either left out).
        self.context = context
        self.order = order  # the loader's order of its folder: an override before the theme


_SITEURL = re.compile(r"{{-?\s*SITEURL\s*-?}}")


def _pattern(raw, siteurl):
    """A template attribute value as a regex: ``{{ SITEURL }}`` is the site's address (or a
    relative path, under RELATIVE_URLS), other Jinja parts match anything, the rest literally."""
    pieces, literal, last = [], 0, 0
    for match in _JINJA.finditer(raw):
        text = html.unescape(raw[last:match.start()])
        pieces.append(re.escape(text))
        literal += len(text.strip())
        if _SITEURL.fullmatch(match.group()):
            pieces.append(f"(?:{re.escape(siteurl)}|\\.\\.?(?:/\\.\\.)*)" if siteurl else "(?:\\.\\.?(?:/\\.\\.)*)?")
        else:
            pieces.append(".*?")
        last = match.end()
    text = html.unescape(raw[last:])
    pieces.append(re.escape(text))
    literal += len(text.strip())
    pattern = r"\s*".join("".join(pieces).split("\\ "))
    return re.compile(pattern, re.S), literal


_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)\b([^>]*)>")
_CLASS_OR_ID = re.compile(r"""\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def _words(element):
    """An element's classes and id."""
    words = set((element.get("class") or "").split())
    if element.get("id"):
        words.add(element.get("id"))
    return words


class ThemeIndex:
    """Every link-bearing tag of the templates the build's Jinja loader reads (every folder of
    it: overrides, the theme, a plugin's own), to name the one a theme link came from."""

    def __init__(self, folders, siteurl=""):
        self.siteurl = (siteurl or "").rstrip("/")
        self._files = []
        self.tags = []
        seen = set()
        for order, directory in enumerate(folders or ()):
            if not directory or not os.path.isdir(directory):
                continue
            for folder, _, names in sorted(os.walk(directory)):
                for name in sorted(names):
                    path = os.path.join(folder, name)
                    if name.endswith((".html", ".htm", ".j2", ".jinja")) and os.path.realpath(path) not in seen:
                        seen.add(os.path.realpath(path))
                        self._index(path, order)

    def files(self):
        return self._files

    def _index(self, path, order=0):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            return
        self._files.append((path, text))
        # Hide Jinja's own "<", ">" and quotes from the tag regex, keeping every position.
        masked = _JINJA.sub(lambda m: "\0" * len(m.group()), text)
        words = set(re.findall(r"[\w-]+", _JINJA.sub(" ", text)))
        # The elements each link tag sits in, by following the template's open and close tags
        # (roughly: Jinja's branches are read as they stand, and a class Jinja writes is unseen).
        stack, contexts = [], {}
        for match in _ANY_TAG.finditer(masked):
            closing, name = match.group(1), match.group(2).lower()
            if closing:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
                continue
            contexts[match.start()] = tuple(own for _, own in reversed(stack) if own)
            if name not in _VOID and not match.group(3).rstrip().endswith("/"):
                own = set()
                for found in _CLASS_OR_ID.finditer(match.group(3)):
                    own.update((found.group(1) if found.group(1) is not None else found.group(2)).split())
                stack.append((name, own))
        for tag_match in _TAG.finditer(masked):
            tag = tag_match.group(1).lower()
            attributes = {}
            link_line = None
            link_names = LINK_ATTRIBUTES.get(tag, ("content",))
            for attribute in _ATTRIBUTE.finditer(tag_match.group(2)):
                name = attribute.group(1).lower()
                group = 2 if attribute.group(2) is not None else 3
                start = tag_match.start(2) + attribute.start(group)
                end = tag_match.start(2) + attribute.end(group)
                attributes[name] = _pattern(text[start:end], self.siteurl)
                if name in link_names and link_line is None:
                    link_line = text.count("\n", 0, start) + 1
            if link_line is not None:
                self.tags.append(TemplateTag(path, link_line, tag, attributes, words,
                                             contexts.get(tag_match.start(), ()), order))

    def find(self, link, locator):
        """(template path, line) of the tag that most likely wrote ``link``, or None."""
        candidates = [t for t in self.tags if t.tag == link.element and link.attribute in t.attributes]
        if not candidates:
            return None
        element = element_at(locator.html_bytes(link.page), link.element, link.line, link.attribute, link.url)
        best = self._best(candidates, element, link)
        return (best[0].path, best[0].line) if best else None  # no evidence at all: not the theme's

    def find_each(self, link, count, locator):
        """The (template path, line) of each of the ``count`` elements of ``link``'s page that
        hold its address in the same attribute, in the page's order. Each is matched to its tag
        on its own; elements alike in every way (two identical tags in one <div>) go to the
        tags that fit them best in turn, the templates' order standing for the page's. When the
        page does not show ``count`` such elements, all go where :meth:`find` says."""
        candidates = [t for t in self.tags if t.tag == link.element and link.attribute in t.attributes]
        elements = elements_with(locator.html_bytes(link.page), link.element, link.attribute, link.url)
        if not candidates or len(elements) != count:
            return [self.find(link, locator)] * count
        places, turns = [], collections.Counter()
        for element in elements:
            best = self._best(candidates, element, link)
            if not best:
                places.append(None)
                continue
            group = tuple(map(id, best))
            places.append((best[min(turns[group], len(best) - 1)].path, best[min(turns[group], len(best) - 1)].line))
            turns[group] += 1
        return places

    def _best(self, candidates, element, link):
        """The tags that fit ``element`` (None: unknown, matched by ``link``'s address alone)
        best, all with the same score, the folder the loader reads first first; empty when none
        fits at all."""
        best, best_score = [], None
        # The classes and ids of the element's ancestors, nearest first (those with either).
        around = [] if element is None else [words for words in map(_words, element.iterancestors()) if words]
        for tag in candidates:
            pattern, literal = tag.attributes[link.attribute]
            value = element.get(link.attribute) if element is not None else link.url
            if not pattern.fullmatch(value or "") and not pattern.fullmatch(link.url):
                continue
            score = literal * 2
            if element is not None:
                for name, (other, other_literal) in tag.attributes.items():
                    if name == link.attribute:
                        continue
                    found = element.get(name)
                    score += other_literal + 1 if found is not None and other.fullmatch(found) else -5
                # The classes and ids around the element that the template's file mentions.
                for ancestor in element.iterancestors():
                    for word in (ancestor.get("class") or "").split() + [ancestor.get("id") or ""]:
                        if word and word in tag.file_words:
                            score += 1
                # The tag's own surroundings in its template, from the nearest out, as far as
                # they agree with the element's: of two tags alike, the one in the same place.
                for theirs, ours in zip(around, tag.context, strict=False):
                    if not theirs & ours:
                        break
                    score += 5
            if score <= 0:
                continue
            if best_score is None or score > best_score:
                best, best_score = [tag], score
            elif score == best_score:
                best.append(tag)
        # Equal scores: the folder the loader reads first (an override before the theme).
        first = min((tag.order for tag in best), default=0)
        return [tag for tag in best if tag.order == first]
