"""Pelican adapter: every published page and post keeps the facts its ``Keep:`` lines name
(facts.py holds the logic; the field is in front_matter's table of fields).

After every file is read, each published page, post and translation with ``Keep`` lines has its
text (the HTML Markdown made, as words; for a fact that is an address, its link addresses too)
searched for each fact; a missing one is an error at its ``Keep`` line, so ``make check`` fails
and says what is missing and why it matters.
"""

import logging

from pelican import signals

from sitelib import findings
from sitelib.settings import PUBLISHED, published

from . import facts as F

log = logging.getLogger(__name__)

FIELD = "keep"
LISTS = (*PUBLISHED, "translations", "hidden_translations")


def visible_text(html):
    """(the words of ``html``, the addresses it links to), for finding facts in."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 (50 ms to import, paid only by a site with a Keep line)

    soup = BeautifulSoup(html or "", "lxml")
    addresses = [str(a.get("href", "")) for a in soup.find_all("a")]
    return soup.get_text(" "), " ".join(addresses)


def facts_of(item):
    values = item.metadata.get(FIELD) or []
    values = [values] if isinstance(values, str) else values
    lines = (item.metadata.get(findings.FIELD_LINES) or {}).get(FIELD) or []
    return [F.parse(value, lines[i] if i < len(lines) else 1) for i, value in enumerate(values)]


def check_kept_facts(generators):
    content_path = generators[0].settings.get("PATH") if generators else None
    for item in published(generators, LISTS):
        kept = facts_of(item)
        if not kept:
            continue
        shown = findings.display_path(item.source_path, content_path)
        for fact in kept:
            if not fact.words:
                findings.log(log, findings.Finding(shown, fact.line, "error", F.no_words_message(fact)))
        for fact in F.missing(kept, *visible_text(item.content)):
            findings.log(log, findings.Finding(shown, fact.line, "error", F.message(fact)))


#: It only reports, and changes nothing a page shows: the live preview (tools/devserver) runs it
#: once the saved page is written, so its tenth of a second or more does not hold the reload.
check_kept_facts.after_reload = True


def register():
    # all_generators_finalized: every file has been read and converted; nothing is written.
    signals.all_generators_finalized.connect(check_kept_facts)
