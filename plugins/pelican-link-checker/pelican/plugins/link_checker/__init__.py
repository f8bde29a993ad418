"""Link checker: every broken link of the built site, reported at the Markdown line that wrote it.

Organised like lychee: **extract** (extract.py: every link-bearing attribute of every HTML
file, one lxml parse each) → **check** (checks.py: one small function per problem, listed
explicitly) → **locate** (locate.py: the Markdown file and line, or the theme template) →
**report** (report.py: text, GitHub annotations, JSON). model.py, extract.py, checks.py,
locate.py, validate.py, report.py, record.py and external.py import nothing from Pelican;
link_checker.py is the Pelican adapter and __main__.py the command line.

During every build (signal ``finalized``) the findings are logged as
``path:line: error|warning: message``; ``make html`` prints them and goes on, ``make check``
fails on any error. ``python -m link_checker [--format text|github|json] [--external] [OUTPUT]``
checks a built folder; ``make check-external`` adds the links to other sites.

Errors (the link does not work, or works only by luck):
  empty href or href="#"; a {filename}/{static}/{attach} Pelican could not replace; a
  {filename} link to a draft (it would lead to the home page); a missing page, image or
  file; a link that matches a page only when letter case is ignored; a #fragment with no
  such id on its page; a root-absolute link outside SITEURL's path; a malformed mailto:,
  tel: or sms: ("," and ";" are a dialler's pause and wait); an <img> with no alt attribute
  (also one given only srcset), or with neither src nor srcset; an id used twice on a page; a
  protocol-relative URL (//host/…; dns-prefetch and preconnect name origins that way, so
  those pass); plain http where the browser loads the URL by itself (images, scripts,
  stylesheets, frames: blocked as mixed content; not rel=canonical, license or alternate).
  As browsers do, srcset is split by the HTML standard's rules (a data: URL keeps its commas),
  relative links are read from <base href>, and a #fragment is tried as written before it is
  percent-decoded.
  External (with --external): 404, 410 and other 4xx, 5xx and timeouts after the retries,
  unreachable hosts, redirect loops.
Warnings (worth a look, not always wrong):
  a plain-http link (the other site may offer no https); an image in Markdown with empty
  alt text (fine if it is only decoration); a published page no other page links to and the
  menu does not list (hidden pages, the 404 page among them, are exempt).
  External: 401/403/999 (sites that block robots), 429 after the retries, permanent
  redirects (301/308: update the link). Temporary redirects are notes.

Settings: ``LINKS = {...}`` in pelicanconf.py, merged over ``config.DEFAULTS``.
"""

from .model import Site  # noqa: F401
from .validate import validate  # noqa: F401


def register():
    # Imported here, not at the top, so the command line and the benchmark can use the
    # checker without loading Pelican. link_checker.register() connects the signals.
    from .link_checker import register as connect_signals

    connect_signals()
