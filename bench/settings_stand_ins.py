"""Settings for make bench's comparison builds (``PLUGINS = []`` and navigation only):
pelicanconf.py as it is, plus stand-ins for what the theme takes from plugins (html_policy's
two filters, security_policy's two globals), so the theme renders without them. The stand-ins do what stock Pelican does
with Markdown's HTML: print it as it is (``markdown_html``) or as text (``html_text``). Never
used for a real build: without html_policy nothing is cleaned.

Pelican reads relative paths in a settings file from the file's own folder, so the theme's and
the plugins' folders are given from the repository root.
"""

import os
import sys

from markupsafe import Markup

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from pelicanconf import *  # noqa: E402,F403 (from the root the line above puts on sys.path; every setting, as publishconf.py)
from pelicanconf import JINJA_FILTERS  # noqa: E402 (from the root put on sys.path above)

THEME = os.path.join(ROOT, "theme")
PLUGIN_PATHS = [os.path.join(ROOT, "plugins")]
CACHE_PATH = os.path.join(ROOT, "cache")
JINJA_FILTERS = {**JINJA_FILTERS, "markdown_html": Markup,
                 "html_text": lambda value: Markup(str(value or "")).striptags()}
# The security_policy plugin's two globals: the base policy, the same on every page.
JINJA_GLOBALS = {"content_security_policy": lambda extra=None, output_file=None: "default-src 'self'",
                 "referrer_policy": "no-referrer"}
