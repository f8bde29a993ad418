"""Production settings: everything in pelicanconf.py, with only what publishing changes.

The site's public address comes from the SITEURL environment variable (the GitHub Pages workflow
sets it), so the same code can be published to a project page or to the council's own domain.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403 (every development setting, overridden below)

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
