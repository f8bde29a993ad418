"""pelican-link-checker: every broken link of a Pelican site, reported at the source line that
wrote it (Markdown or reStructuredText), after every file of the build has been written.

Organised like lychee: **extract** (extract.py: every link-bearing attribute of every HTML
file, by lxml; a line the theme repeats is parsed once per build) → **check** (checks.py:
one small function per problem, each named in the registry ``CHECKS``) → **locate**
(locate.py: the source file and line, or the theme template) → **report** (report.py: text,
GitHub annotations and step summary, JSON). model.py, extract.py, checks.py, locate.py,
validate.py, report.py, record.py and external.py import nothing from Pelican; link_checker.py
is the Pelican adapter and __main__.py the command line. Settings: ``LINK_CHECKER = {...}``
(config.py); the README lists every check and message.
"""

from .link_checker import *  # noqa: F403 (register, link_checker_origins, ORIGINS_SIGNAL)
from .checks import CHECKS  # noqa: F401 (the package's public API)
from .findings import Finding  # noqa: F401 (the package's public API)
from .model import Site  # noqa: F401 (the package's public API)
from .validate import validate  # noqa: F401 (the package's public API)
