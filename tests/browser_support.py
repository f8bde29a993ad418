"""Browser-test support: the real site served on 127.0.0.1 and one Chromium for the session.

Loaded by conftest.py as a pytest plugin, so test modules just ask for the fixtures:

- ``site_server`` serves the ``real_site`` build with a threaded ``http.server`` on a free port,
  answering a missing path with the site's 404.html and a 404 status, as a real host does;
- ``browser`` is Debian's Chromium driven by Playwright, launched once per test module;
- ``open_tab(**context_options)`` gives a fresh context and page (viewport, colour scheme,
  JavaScript on or off) that records every request and every console or page error.
  ``Tab.goto(url_path)`` loads a page and fails the test if it asked any host but 127.0.0.1.

Chromium cannot be downloaded by ``playwright install`` here, so the system package is used.
When it is missing the browser tests skip on a laptop, but fail in CI (``CI`` set) with the
command that installs it.
"""

import os
import shutil
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error, sync_playwright

from conftest import in_ci, url_of

HOST = "127.0.0.1"
MISSING_PAGE = "no-such-page/"

# First match wins: CHROMIUM_PATH, then Debian's package, then Google Chrome (preinstalled on
# GitHub's Ubuntu runners), then Ubuntu's chromium-browser, a snap that Playwright may not start.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "google-chrome", "google-chrome-stable",
                       "/usr/bin/chromium-browser", "chromium-browser")
# No sandbox: tests may run as root in a container. The rest stop Chromium from calling
# Google's hosts on its own (updates, sync, field trials), which would break the "no request
# to another host" assertions and leak traffic from a test run.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-features=Translate,OptimizationHints"]
INSTALL_HINT = ("install Debian's Chromium with `sudo apt-get install chromium` "
                "(or set CHROMIUM_PATH to a Chromium or Chrome executable)")

PHONE = {"width": 375, "height": 740}
NARROWEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


def find_chromium():
    """The Chromium executable to drive, or None."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if found and os.access(found, os.X_OK):
            return found
    return None


def browser_unavailable(reason):
    """Skip on a developer's machine; in CI a browser test that cannot run is a failure."""
    message = f"browser tests cannot run: {reason}; {INSTALL_HINT}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files from the built site; 404.html for anything missing, like a real host."""

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found_page.is_file():
            return super().send_error(code, message, explain)
        body = not_found_page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # the test report is the place for failures, not a line per request


class SiteServer:
    """Serve a folder on 127.0.0.1 on a free port, from a thread in the test process."""

    def __init__(self, folder):
        handler = partial(_SiteHandler, directory=str(folder))
        self.httpd = ThreadingHTTPServer((HOST, 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{HOST}:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def is_local(url):
    """True for URLs that stay on this machine's test server (and for inline data)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == HOST


class Tab:
    """One browser context with one page, recording what every load asked for and reported."""

    def __init__(self, browser, base_url, **context_options):
        self.base_url = base_url
        self.context = browser.new_context(**context_options)
        self.requests = []
        self.errors = []
        # Context-wide, so requests from pages opened by clicks are recorded too.
        self.context.on("request", lambda request: self.requests.append(request.url))
        # Nothing leaves the machine even if a page does ask: the request is recorded, then refused.
        self.context.route(lambda url: not is_local(url), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def url(self, url_path):
        return self.base_url + url_path.lstrip("/")

    def foreign_requests(self):
        return [url for url in self.requests if not is_local(url)]

    def goto(self, url_path, expect_status=200):
        """Load a site-relative URL; fail if it answered otherwise or asked another host."""
        response = self.page.goto(self.url(url_path), wait_until="load")
        assert response is not None and response.status == expect_status, (
            f"/{url_path}: HTTP {response and response.status}, expected {expect_status}")
        self.assert_no_foreign_requests(url_path)
        return self.page

    def goto_built(self, path):
        """Load a built HTML file as a visitor meets it; 404.html is the answer to a wrong address."""
        if path == "404.html":
            return self.goto(MISSING_PAGE, expect_status=404)
        return self.goto(url_of(path))

    def assert_no_foreign_requests(self, url_path=""):
        foreign = self.foreign_requests()
        assert not foreign, f"/{url_path}: requests to hosts other than {HOST}: {foreign}"

    def close(self):
        self.context.close()


@pytest.fixture(scope="session")
def site_server(real_site):
    """The real site, served on 127.0.0.1 for the whole session."""
    with SiteServer(real_site.output) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, launched once per test module (headless).

    Per module, not per session: while Playwright's sync API runs, the main thread has a running
    asyncio loop, and code under test that calls asyncio.run() (the external link check, the
    devserver) would fail in any module that ran after the first browser test."""
    executable = find_chromium()
    if executable is None and os.environ.get("CHROMIUM_PATH"):
        browser_unavailable(f"CHROMIUM_PATH={os.environ['CHROMIUM_PATH']} is not an executable")
    if executable is None:
        browser_unavailable("no Chromium found (looked for " + ", ".join(CHROMIUM_CANDIDATES) + ")")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            browser_unavailable(f"{executable} did not start ({error.message.splitlines()[0]})")
        yield chromium
        chromium.close()


@pytest.fixture
def open_tab(browser, site_server):
    """Factory for fresh tabs on the served site: ``open_tab(viewport=PHONE, ...)``.

    Each test gets its own contexts (no cookies or focus state leak between tests); they
    are closed at the end of the test, and no tab may have asked another host.
    """
    tabs = []

    def open_(**context_options):
        context_options.setdefault("viewport", DESKTOP)
        tab = Tab(browser, site_server.url, **context_options)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.close()
    for tab in tabs:
        tab.assert_no_foreign_requests()
