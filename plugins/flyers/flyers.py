"""Pelican adapter: a flyer for each page with ``Flyer: yes`` (the home page, Emergency, Get
involved, and their translations), at the page's address plus ``flyer/``.

A flyer is what the council pins up in clinics, libraries and peer centres: the page's title
and summary, the crisis numbers, the council's phone, and a QR code (qr.py, an SVG made at
build time) that leads to the published page, with the address written under it for people
who type it. Its stylesheet (flyer.css, on flyer pages only) prints it on one US Letter page in
black and white. The page itself links to its flyer (``page.flyer_url``).

The QR code must lead to the page's absolute address, so it is made from SITEURL. A
development build has none: its QR codes lead to ``development_url`` (the live preview's
address) and the flyer says so in print, so a development flyer is never mistaken for one to
hand out.

Settings, merged over :data:`DEFAULTS`::

    FLYERS = {"development_url": "http://127.0.0.1:8000"}
"""

import logging
import os

from pelican import signals
from pelican.generators import Generator

from sitelib import findings
from sitelib.settings import merge_settings

from . import qr

log = logging.getLogger(__name__)

SETTING = "FLYERS"
DEFAULTS = {
    # Where a development build's QR codes lead (no SITEURL): the live preview.
    "development_url": "http://127.0.0.1:8000",
}
FLYER = "flyer/"
QR_FILE = "qr.svg"


def get_config(settings):
    return merge_settings(settings, SETTING, DEFAULTS, log, "flyers", valid={
        "development_url": (lambda v: isinstance(v, str) and v.startswith("http"), "an http(s) address")})


def wants_flyer(page):
    return str(page.metadata.get("flyer", "")).lower() == "yes"


class Flyer:
    """What flyer.html is given as ``flyer``."""

    def __init__(self, page, base, development):
        self.page = page
        self.url = page.url + FLYER  # site-relative, like page.url
        self.save_as = self.url + "index.html"
        self.qr_url = self.url + QR_FILE
        self.target = f"{base}/{page.url}"  # where the QR code leads
        self.development = development
        self.qr_svg = b""  # the QR code's SVG, made by the generator


class FlyerPage:
    """The page as a flyer's templates see it: all the page has (title, summary, date, edit
    link, source for the link checker) but no language versions: those name the page's
    addresses, not the flyer's, so the flyer has no hreflang alternates or switcher."""

    alternates = None

    def __init__(self, page):
        self._page = page

    def __getattr__(self, name):
        return getattr(self._page, name)


def _with_translations(pages):
    for page in pages:
        yield page
        yield from getattr(page, "translations", [])


class FlyersGenerator(Generator):
    """Marks the pages that have a flyer (before any page is written), then writes the flyers."""

    def generate_context(self):
        site_url = self.settings.get("SITEURL", "")
        development = not site_url.startswith(("http://", "https://"))
        base = get_config(self.settings)["development_url"].rstrip("/") if development else site_url
        self.flyers = []
        seen = set()
        for page in _with_translations(self.context.get("pages", [])):
            if wants_flyer(page) and id(page) not in seen:
                seen.add(id(page))
                flyer = Flyer(page, base, development)
                try:
                    # Made now, so a page whose code cannot be made gets no flyer link.
                    flyer.qr_svg = qr.svg(flyer.target)
                except qr.TooLong:
                    self._too_long(page, flyer)
                    continue
                page.flyer_url = flyer.url
                self.flyers.append(flyer)

    def _too_long(self, page, flyer):
        shown = findings.display_path(page.source_path, self.settings.get("PATH"))
        findings.log(log, findings.Finding(
            shown, findings.field_line(page.metadata, "flyer"), "error",
            f"this page's address is {len(flyer.target)} characters long, more than a QR code "
            "can hold, so it has no flyer; shorten the names of its file and folders (a short "
            "address is also easier to type from paper), or delete the `Flyer` line"))

    def generate_output(self, writer):
        template = self.get_template("flyer")
        for flyer in self.flyers:
            writer.write_file(flyer.save_as, template, self.context, page=FlyerPage(flyer.page),
                              flyer=flyer, relative_urls=self.settings["RELATIVE_URLS"],
                              override_output=True)
            path = os.path.join(self.output_path, flyer.qr_url)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(flyer.qr_svg)


def get_generators(pelican):
    return FlyersGenerator


def register():
    # get_generators: its generate_context runs after the pages are read and before any is
    # written, so each page can link to its flyer.
    signals.get_generators.connect(get_generators)
