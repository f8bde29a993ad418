"""Findings: the one message format every check in this project uses.

Not a Pelican plugin (it connects no signals); a small library the plugins share so that a
volunteer, an editor and CI all see the same thing::

    content/pages/resources/emergency.md:12: error: the link "{filename}/pages/crisis.md" points to a
        file that does not exist.
        Check the spelling, or link to an existing page.

``path`` is relative to the working directory when the file is inside it (``make`` runs from the
repository root, so paths start with ``content/``), else relative to the content folder's parent.
"""

import functools
import logging
import os
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "note")

#: Where the front_matter plugin's reader leaves each field's line(s) in a file's metadata, by
#: lower-case name, and under BODY_LINE the line the text starts on; read them with field_line.
FIELD_LINES = "field_lines"
BODY_LINE = "body"


def field_line(metadata, name, default=1):
    """The line of the field ``name`` (its first, if repeated), or of the text (BODY_LINE), as
    front_matter read it: so no other plugin reads a file's front matter again."""
    lines = (metadata.get(FIELD_LINES) or {}).get(name)
    if isinstance(lines, list):
        return lines[0] if lines else default
    return lines or default


#: Pelican context key shared by the plugins: for links that a front-matter field wrote into the
#: theme's HTML (Menu_link puts one in every page's menu), the address as it stands in the HTML
#: -> (Markdown file, line), so the link checker reports such a link at that line.
LINK_ORIGINS = "link_origins"
_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "note": logging.INFO}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: str
    message: str

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def __str__(self):
        # A control character in a file's name (a tab, a line break) is shown escaped, so a
        # finding stays one line that editors and CI can read.
        path = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                       for c in self.path)
        return f"{path}:{self.line}: {self.severity}: {self.message}"


def display_path(source_path, content_path=None):
    """The path to show for a source file: repository-relative where possible."""
    return _display_path(os.fspath(source_path), content_path and os.fspath(content_path), os.getcwd())


@functools.lru_cache(maxsize=1 << 16)
def _display_path(source_path, content_path, cwd):
    # Remembered: several plugins show the same files (front_matter's reader, translations,
    # fact_review: three times each page), and working the path out each time was about 35 ms
    # of CPU in a build of 1,000 pages (issue 22). The working directory is part of the key.
    source_path = os.path.normpath(os.path.join(cwd, source_path))  # os.path.abspath, given cwd
    if os.path.commonpath([source_path, cwd]) == cwd:
        return os.path.relpath(source_path, cwd)
    if content_path:
        return os.path.relpath(source_path, os.path.dirname(os.path.abspath(content_path)))
    return source_path


def log(logger, finding):
    """Log a finding at the level its severity names (error, warning, note=info)."""
    logger.log(_LEVELS[finding.severity], "%s", finding)
