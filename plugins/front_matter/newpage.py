"""Scaffold a new page: ``make newpage SECTION=resources TITLE="Housing help"``, which runs
``python -m front_matter.newpage --content content resources "Housing help"``.

Writes ``content/pages/resources/housing-help.md`` with the front matter a page needs (the
fields of fields.py): its title, a summary to replace, the next Order in its section, and
``Status: draft`` with a ``Needs`` line, so `make check` lists it as a to-do until it is written.
Refuses, with a message that says what to do, when the section does not exist or the file does.
"""

import argparse
import os
import sys

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from sitelib import findings

from . import checks
from . import fields as F

PAGES = "pages"  # PAGE_PATHS in pelicanconf.py


class Refused(Exception):
    """What to tell the volunteer instead of writing the file."""


def sections(pages_folder):
    """Every section (a folder under content/pages with an index.md), as "about", "about/x"."""
    found = []
    for folder, _, files in os.walk(pages_folder):
        if "index.md" in files and folder != pages_folder:
            found.append(os.path.relpath(folder, pages_folder).replace(os.sep, "/"))
    return sorted(found)


def next_order(folder):
    """One more than the largest Order among the section's pages (1 when there is none)."""
    orders = []
    for name in os.listdir(folder):
        if not name.endswith(".md") or name == "index.md":
            continue
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            for entry in checks.parse(f.read()).entries:
                order = F.parse_number(entry.value) if entry.key == "order" else None
                if order is not None:
                    orders.append(order)
    return int(max(orders, default=0)) + 1


def scaffold(title, order):
    return (
        f"Title: {title}\n"
        f"Summary: {F.SCAFFOLD_SUMMARY}\n"
        f"Order: {order}\n"
        "Status: draft\n"
        "Needs: the page's text and its summary; then delete this line and the Status line\n"
        "\n"
    )


def new_page(content, section, title):
    """Write the page; return its path. Raises Refused with the reason."""
    section = section.strip().strip("/")
    title = " ".join(title.split())
    if not section or not title:
        raise Refused('say which section and what title, e.g. make newpage SECTION=resources '
                      'TITLE="Housing help"')
    pages_folder = os.path.join(content, PAGES)
    folder = os.path.join(pages_folder, *section.split("/"))
    known = sections(pages_folder)
    if section not in known:
        suggestion = checks.nearest(section, known)
        hint = f'Did you mean "{suggestion}"? ' if suggestion else ""
        shown = findings.display_path(os.path.join(folder, "index.md"), content)
        raise Refused(f'there is no section "{section}" (no {shown}). {hint}The sections are: '
                      f"{', '.join(known)}")
    # As Pelican makes a slug from a title: "Housing help" gives "housing-help".
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Refused(f'the title "{title}" has no letters or digits to make a file name from')
    path = os.path.join(folder, f"{slug}.md")
    if os.path.exists(path):
        raise Refused(f"{findings.display_path(path, content)} already exists; open it to edit "
                      "it, or choose another title")
    with open(path, "x", encoding="utf-8") as f:
        f.write(scaffold(title, next_order(folder)))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m front_matter.newpage", description=__doc__)
    parser.add_argument("--content", default="content", help="the content folder")
    # `make newpage` passes SECTION and TITLE in the environment, never in a shell command
    # line, so a title with `backticks` or $(…) is written as typed and nothing runs.
    parser.add_argument("section", nargs="?", default=os.environ.get("SECTION", ""),
                        help='a folder under content/pages, e.g. "resources" (default: $SECTION)')
    parser.add_argument("title", nargs="?", default=os.environ.get("TITLE", ""),
                        help='the page\'s title, e.g. "Housing help" (default: $TITLE)')
    args = parser.parse_args(argv)
    try:
        path = new_page(args.content, args.section, args.title)
    except Refused as refusal:
        print(f"newpage: {refusal}", file=sys.stderr)
        return 1
    except OSError as error:  # e.g. a title too long for a file name
        shown = findings.display_path(error.filename or args.content, args.content)
        print(f"newpage: cannot write {shown} ({error.strerror}); choose a shorter title",
              file=sys.stderr)
        return 1
    shown = findings.display_path(path, args.content)
    address = os.path.relpath(os.path.splitext(path)[0], os.path.join(args.content, PAGES))
    print(f"newpage: wrote {shown}. It is a draft: write the text and the summary, then delete "
          f"the Status and Needs lines to publish it at /{address.replace(os.sep, '/')}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
