"""Findings: ``path:line: severity: message``, the one shape every finding takes, so that a
writer, an editor (which opens the file at the line) and CI all see the same thing::

    content/pages/about.md:12: error: the link "/contact/" leads to a page that does not exist: …

``path`` is relative to the working directory when the file is inside it (a build run from the
site's folder names ``content/…``), else relative to the content folder's parent when it is
inside it, else in full (a theme installed with Pelican).
"""

import logging
import os
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "note")
_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "note": logging.INFO}


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: str
    message: str
    #: The name of the check that found it (``missing``, ``fragment`` …: README, "Checks").
    check: str = field(default="", compare=False)

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def __str__(self):
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def display_path(source_path, content_path=None):
    """The path to show for a source file: relative to the working directory where possible."""
    source_path = os.path.abspath(source_path)
    cwd = os.getcwd()
    if os.path.commonpath([source_path, cwd]) == cwd:
        return os.path.relpath(source_path, cwd)
    if content_path:
        parent = os.path.dirname(os.path.abspath(content_path))
        if os.path.commonpath([source_path, parent]) == parent:
            return os.path.relpath(source_path, parent)
    return source_path  # a theme installed with Pelican, say: its full path


def log(logger, finding):
    """Log a finding at the level its severity names (error, warning, note=info)."""
    logger.log(_LEVELS[finding.severity], "%s", finding)
