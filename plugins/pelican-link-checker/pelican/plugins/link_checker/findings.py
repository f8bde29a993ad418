"""Findings: ``path:line: severity: message``, the one shape every finding takes, so that a
writer, an editor (which opens the file at the line) and CI all see the same thing::

    content/pages/about.md:12: error: the link "/contact/" leads to a page that does not exist: …

``path`` is relative to the working directory when the file is inside it (a build run from the
site's folder names ``content/…``), else relative to the content folder's parent when it is
inside it, else in full (a theme installed with Pelican).
"""

import inspect
import logging
import os
import re
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
        return f"{one_line(self.path)}:{self.line}: {self.severity}: {one_line(self.message)}"

    @property
    def outside(self):
        """Whether the file is outside the folder the build ran in (a theme installed in
        site-packages, say): GitHub cannot show such a file on a pull request."""
        return os.path.isabs(self.path) or self.path == ".." or self.path.startswith(("../", "..\\"))


#: C0 and C1 control characters, DEL and the Unicode line and paragraph separators: a link
#: address may hold any of them (an HTML attribute keeps a newline), and printed as they are
#: they would start a new line (a GitHub workflow command, say) or drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text):
    """``text`` with every control character written as a visible escape (``\\n``, ``\\x1b``),
    so that a finding is always one line of plain text."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                              else f"\\u{ord(m.group()):04x}"), text)


def sort_key(finding):
    """The order GitHub annotations and the summary table follow: the most severe first; files
    outside the repository last; then by file, line and message."""
    return (SEVERITIES.index(finding.severity), finding.outside, finding.path, finding.line, finding.message)


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


#: The plugin's name: its logger's, and the prefix of a message that no file or line fits.
PLUGIN = "pelican.plugins.link_checker"


def place_of(function):
    """(path, line) where a Python function was defined, or None (a builtin, say)."""
    function = inspect.unwrap(function)
    try:
        return inspect.getsourcefile(function), inspect.getsourcelines(function)[1]
    except (TypeError, OSError):
        return None


def message(severity, text, place=None):
    """A message that is not a finding, in the same shape: ``path:line: severity: text`` at the
    place it is about, or ``pelican.plugins.link_checker: severity: text`` when no place fits."""
    if place is None or not place[0]:
        return f"{PLUGIN}: {severity}: {one_line(text)}"
    return f"{one_line(display_path(place[0]))}:{place[1]}: {severity}: {one_line(text)}"


def log(logger, finding):
    """Log a finding at the level its severity names (error, warning, note=info)."""
    logger.log(_LEVELS[finding.severity], "%s", finding)
