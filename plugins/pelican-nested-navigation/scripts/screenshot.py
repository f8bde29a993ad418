"""The README's screenshot (menu.png): the test site built with notmyidea, the Guides drop-down open.

Run from the repository root with Playwright and Chromium:

    python plugins/pelican-nested-navigation/scripts/screenshot.py notmyidea \\
        plugins/pelican-nested-navigation/menu.png
"""

import sys
import tempfile
from pathlib import Path

# The tests folder is not a package: its module is found through sys.path.
sys.path.insert(0, "plugins/pelican-nested-navigation/pelican/plugins/nested_navigation/tests")
import test_nested_navigation as t
from playwright.sync_api import sync_playwright

tmp = Path(tempfile.mkdtemp())
out = t.build(tmp, theme=sys.argv[1], RELATIVE_URLS=True, DISPLAY_PAGES_ON_MENU=False,
              DISPLAY_CATEGORIES_ON_MENU=False, MENUITEMS=[])
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 900, "height": 420})
    page.goto((out / "pages/install.html").as_uri())
    page.locator(".site-nav__button").first.click()
    page.screenshot(path=sys.argv[2])
    browser.close()
