"""Find the line a front-matter field is on, so a message can point a volunteer straight at it.

Pelican's readers keep the values of the fields but not their lines. Only the messages need a
line, so the file is read again only when something is wrong with it.
"""

import re

FIELD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9_-]*)\s*:")


def field_line(path, name, occurrence=0):
    """The 1-based line of the ``occurrence``-th ``Name:`` field in the file's front matter.

    The front matter is the block of ``Name: value`` lines at the top of a Markdown file, ended
    by the first blank line. Field names compare case-insensitively, as Pelican reads them.
    Returns 1 when the file cannot be read or the field is not found.
    """
    if not path:
        return 1
    try:
        with open(path, encoding="utf-8-sig") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    seen = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = FIELD.match(line)
        if match and match.group("name").lower() == name.lower():
            if seen == occurrence:
                return number
            seen += 1
    return 1
