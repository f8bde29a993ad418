"""Pelican adapter: no file from outside content/ and no unsafe SVG reaches output/.

* **Symbolic links.** A link under content/ (``hosts -> /etc/hosts``, ``env ->
  /proc/self/environ``) would make Pelican publish a file of the build machine. Every link
  anywhere under content/ is an error naming it, and nothing read through a link is published:
  a static file is taken out of the list Pelican copies, a page or post is left out.
* **SVG files** (svg.py): a picture that holds a script, an event handler or a reference to
  another website is an error at its line, and the file is not published.

Both are reported with the shared findings format, so ``make check`` fails on them.
"""

import logging
import os

from pelican import signals
from pelican.contents import Article, Page

from sitelib import findings

from . import svg

log = logging.getLogger(__name__)


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
    for static in generator.staticfiles:
        source = static.source_path
        if through_link(source, root):
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
