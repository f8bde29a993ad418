"""Findings: a problem in a content file, logged as ``path:line: severity: message``.

The format compilers use, so editors and CI annotations jump to the line. Errors are logged at
ERROR, so ``pelican --fatal errors`` (or any build that counts errors) fails on them.
"""

import html
import logging
import re
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "note")
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
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def log(logger, finding):
    """Log a finding at the level its severity names (error, warning, note=info)."""
    logger.log(_LEVELS[finding.severity], "%s", finding)


#: The schemes a menu link may use; addresses on the site (no scheme) are allowed too.
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel", "sms")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def refused_scheme(url, *, decode_entities=False):
    """The scheme of ``url`` when a menu must not link to it (``javascript:``, ``data:`` …),
    else None. The scheme is read as a browser's URL parser reads it: entities decoded, spaces
    and control characters at the ends dropped, tabs and line breaks anywhere removed."""
    if decode_entities:
        url = html.unescape(url)
    match = _SCHEME.match(_TAB_OR_NEWLINE.sub("", url.strip(_EDGES)))
    scheme = match.group(1).lower() if match else ""
    return scheme if scheme and scheme not in ALLOWED_SCHEMES else None
