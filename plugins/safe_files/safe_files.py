"""Pelican adapter: only files a page can safely show or link to reach output/.

* **Symbolic links.** A link under content/ (``hosts -> /etc/hosts``, ``env ->
  /proc/self/environ``) would make Pelican publish a file of the build machine. Every link
  anywhere under content/ is an error naming it, and nothing read through a link is published:
  a static file is taken out of the list Pelican copies, a page or post is left out.
* **Only pictures and PDFs, by an allowlist** (:data:`PUBLISHED_TYPES`). A file Pelican
  copies as it is (from STATIC_PATHS, or linked with ``{static}``) is published only when its
  ending is on the list *and* its first bytes are what that ending promises. Anything else
  (``.html``, ``.xhtml``, ``.js``, ``.css``, ``.xml``, a ``.png`` that is really a web page) is
  an error at the file, and it is not published: opened at the site's own address, a web page
  or a script from content would run with the site's origin, without the Content-Security-
  Policy every built page carries (GitHub Pages sends no headers).
* **SVG files** (svg.py): parsed by a hardened XML parser and held to an allowlist of SVG
  elements and attributes; anything else is an error at its line, and the file is not published.
* **Names** (sitelib.names): a file whose name cannot go in an address (``&``, ``?``, ``#``, a
  hidden character) is an error and not published; a space is an error, capitals a warning.

Both are reported with the shared findings format, so ``make check`` fails on them.
"""

import logging
import os

from pelican import signals
from pelican.contents import Article, Page

from sitelib import findings, names

from . import svg

log = logging.getLogger(__name__)

SETTING = "SAFE_FILES"

#: The endings published, each with the first bytes such a file starts with (None: checked by
#: svg.py instead). Pictures a page shows and PDFs it links to; nothing a browser would run.
#: (The signatures are the formats' own magic numbers: a table, not a file-type library.)
PUBLISHED_TYPES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),  # and "WEBP" at byte 8, see _starts_right
    "avif": (b"ftypavif", b"ftypavis"),  # at byte 4
    "pdf": (b"%PDF-",),
    "svg": None,
}
#: What each ending is, for the messages.
KIND = {"png": "a PNG picture", "jpg": "a JPEG photo", "jpeg": "a JPEG photo",
        "gif": "a GIF picture", "webp": "a WebP picture", "avif": "an AVIF picture", "pdf": "a PDF",
        "svg": "an SVG picture"}
LISTED = ", ".join(f".{e}" for e in PUBLISHED_TYPES)
#: Endings a volunteer may have a reason to add, with what to do instead.
ADVICE = {
    "html": "a web page here would be published as it is, with no menu, no crisis line and "
            "nothing to stop a script in it; write it as a Markdown page in content/pages/",
    "htm": None, "xhtml": None, "shtml": None, "svgz": None, "xht": None, "mht": None,
    "js": "pages on this site never run code from content; the theme has the site's one script",
    "mjs": None, "css": "the theme styles every page (theme/static/); a page's own styles are "
                        "not used",
    "xml": "an XML file can hold a web page with a script (with a stylesheet instruction); "
           "put what it says in a Markdown page",
    "xsl": None, "xslt": None,
    "doc": "save it as PDF (File > Save as > PDF) and put the .pdf here",
    "docx": None, "odt": None, "rtf": None, "ppt": None, "pptx": None, "xls": None, "xlsx": None,
    "tif": "save it as PNG or JPEG", "tiff": None, "bmp": None, "heic": None, "heif": None,
    "psd": None, "ai": None, "eps": None,
    "mp4": "link to the video where it is hosted instead (the site does not play video)",
    "mov": None, "webm": None, "mp3": None, "wav": None,
}


def through_link(path, root):
    """The first symbolic link on the way from ``root`` down to ``path`` (or ``path`` itself), or None."""
    root = os.path.abspath(root)
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative.startswith(os.pardir):
        return None
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current):
            return current
    return None


def symbolic_links(root):
    """Every symbolic link under ``root`` (files and folders), sorted; links are not followed."""
    found = []
    for folder, folders, files in os.walk(root, followlinks=False):
        for name in folders + files:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                found.append(path)
    return sorted(found)


def _link_message(path):
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    kind = "folder" if os.path.isdir(path) else "file"
    return (f"this is a symbolic link (to {target}), not a real {kind}, so nothing is published from it: "
            "a link can put a file from outside content/ (a password, the build machine's settings) on "
            "the website. Put a real copy here instead")


def _left_out():
    return False


def _advice(ending):
    """What to do with a file whose ending is not published."""
    said = ADVICE.get(ending, "")
    if said is None:  # same family as an ending above it
        keys = list(ADVICE)
        said = next(ADVICE[k] for k in reversed(keys[:keys.index(ending)]) if ADVICE[k])
    return said


def _starts_right(ending, head):
    signatures = PUBLISHED_TYPES[ending]
    if ending == "webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if ending == "avif":
        return head[4:12] in signatures
    return head.startswith(signatures)


def type_problem(source):
    """Why the file ``source`` is not published by its type, or None (an SVG: svg.py's turn)."""
    name = os.path.basename(source)
    ending = name.rpartition(".")[2].lower() if "." in name.lstrip(".") else ""
    if ending not in PUBLISHED_TYPES:
        what = f"a .{ending} file" if ending else "a file without an ending (.png, .pdf, …)"
        advice = _advice(ending)
        return (f"{what} is not published: only pictures and PDFs ({LISTED}) are copied from "
                f"content/{'; ' + advice if advice else ''}. Delete the file or replace it with "
                "one of those")
    if PUBLISHED_TYPES[ending] is None:
        return None
    try:
        with open(source, "rb") as f:
            head = f.read(16)
    except OSError as error:
        return f"the file cannot be read ({error.strerror}), so it is not published"
    if not _starts_right(ending, head):
        program = "the program that made it" if ending == "pdf" else "a picture program"
        return (f"this file ends in .{ending} but is not {KIND[ending]} inside (a web page or "
                f"another file renamed?), so it is not published; open it in {program} and save "
                f"it again as {KIND[ending]}")
    if ending == "pdf":
        from . import pdf  # noqa: PLC0415 - pypdf takes about 50 ms to import, and most builds have no PDF

        found = pdf.problems(source)
        if found:
            return (f"this PDF does more than show pages ({'; '.join(found)}), so it is not "
                    "published: a PDF opened from the site must not run or open anything on its "
                    "own. Print it again to PDF (File > Print > Save as PDF) and put that copy here")
    return None


def leave_out_linked_pages(content):
    """A page or post read through a symbolic link is not published (reported with the links)."""
    if isinstance(content, (Page, Article)) and content.source_path:
        if through_link(content.source_path, content.settings["PATH"]):
            content.is_valid = _left_out


def check_files(generator):
    """Report every symbolic link under content/, and every unsafe SVG; publish neither."""
    settings = generator.settings
    root = settings["PATH"]
    for path in symbolic_links(root):
        findings.log(log, findings.Finding(findings.display_path(path, root), 1, "error",
                                           _link_message(path)))
    kept = []
    told = set()
    for static in generator.staticfiles:
        source = static.source_path
        if through_link(source, root):
            continue
        shown = findings.display_path(source, root)
        relative = os.path.relpath(os.path.abspath(source), os.path.abspath(root)).replace(os.sep, "/")
        if relative == ".." or relative.startswith("../") or os.path.isabs(relative):
            # {static}/../x.png: Pelican would copy a file from outside content/ and write it
            # outside the output folder, at the same "../" from it.
            findings.log(log, findings.Finding(
                shown, 1, "error",
                "a page links to this file with {static}, but it is outside content/, so it is "
                "not published (nothing outside content/ ever is); copy it into content/images/ "
                "and link to that copy"))
            continue
        named = names.path_problems(relative)
        for severity, message, where in named:
            if where not in told:  # a folder's name once, at the folder
                told.add(where)
                findings.log(log, findings.Finding(
                    findings.display_path(os.path.join(os.path.abspath(root), where), root), 1,
                    severity.replace("-left-out", ""), message))
        if names.left_out(named):
            continue
        why = type_problem(source)
        if why:
            findings.log(log, findings.Finding(shown, 1, "error", why))
            continue
        if source.lower().endswith(".svg") and not _svg_is_safe(source, root):
            continue
        kept.append(static)
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = generator.staticfiles


def _svg_is_safe(source, root):
    try:
        with open(source, "rb") as f:
            data = f.read()
    except OSError:
        return False
    problems = svg.problems(data)
    shown = findings.display_path(source, root)
    for problem in problems:
        findings.log(log, findings.Finding(shown, problem.line, "error",
                                           f"{problem.message}; until then the file is not published"))
    return not problems


def register():
    # content_object_init: each page and post, before Pelican decides to publish it.
    signals.content_object_init.connect(leave_out_linked_pages)
    # static_generator_finalized: the list of files to copy is complete and not yet copied.
    signals.static_generator_finalized.connect(check_files)
