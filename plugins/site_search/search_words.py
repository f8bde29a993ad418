"""Search words: the words people type to find a page that the page does not say itself (other
names, acronyms, the English name on a Spanish page, common misspellings), kept in one data file
of the site (``content/data/search-words.yml``) by page address. Imports nothing from Pelican.

One file rather than a field on each page: every page's words are seen together, so a word is
given to the one page it means (a word given to several pages helps none), and the pages
themselves stay as their writers left them::

    /resources/emergency/: 988, crisis line, hotline, suicide, emergancy
    /es/resources/emergency/: 988, línea de crisis, suicidio, emergency

:func:`read` returns {address: words} and the findings about the file (``path:line``): an entry
that is not "address: words", an address no page has, a page listed twice.
"""

import functools
from dataclasses import dataclass

import yaml

from sitelib.findings import Finding

EXAMPLE = "/resources/emergency/: 988, crisis line, hotline"


@dataclass(frozen=True)
class Entry:
    address: str
    words: str
    line: int


def _text(node):
    """A YAML scalar, or a list of scalars, as one comma-separated line; None otherwise."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value).strip()
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return ", ".join(str(n.value).strip() for n in node.value if str(n.value).strip())
    return None


def parse(text, shown_path):
    """(entries, findings) from the file's text; nothing is guessed at."""
    entries, findings = _parse(text, shown_path)
    return list(entries), list(findings)


@functools.lru_cache(maxsize=8)
def _parse(text, shown_path):
    # Remembered by the text: the live preview builds again on every save, and parsing the
    # unchanged file each time held its reload (tools/devserver).
    findings = []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [Finding(shown_path, line, "error",
                            "this file cannot be read (a line is not `address: words`; a value "
                            "that starts with a quote, [ or { must be one whole line); write each "
                            f"page on one line, like `{EXAMPLE}`")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Finding(shown_path, root.start_mark.line + 1, "error",
                            f"write one page per line, like `{EXAMPLE}`")]
    entries, seen = [], {}
    for key, value in root.value:
        line = key.start_mark.line + 1
        address = _text(key) if isinstance(key, yaml.ScalarNode) else None
        words = _text(value)
        if not address or words is None:
            findings.append(Finding(shown_path, line, "error",
                                    f"write the page's address, a colon, then its words, like `{EXAMPLE}`"))
            continue
        if not (address.startswith("/") and address.endswith("/")):
            findings.append(Finding(shown_path, line, "error",
                                    f'"{address}" is not a page address; write it as the browser '
                                    "shows it after the site's name, starting and ending with / "
                                    "(e.g. /resources/emergency/)"))
            continue
        if address in seen:
            findings.append(Finding(shown_path, line, "error",
                                    f"{address} is listed twice (first on line {seen[address]}); "
                                    "put all its words on one line"))
            continue
        seen[address] = line
        if not words:
            findings.append(Finding(shown_path, line, "warning",
                                    f"{address} has no words; add them after the colon or delete the line"))
            continue
        entries.append(Entry(address, words, line))
    return entries, findings


def match(entries, shown_path, published, drafts=()):
    """{address: words} for the published pages; a finding for each other address."""
    words, findings = {}, []
    for entry in entries:
        if entry.address in published:
            words[entry.address] = entry.words
        elif entry.address in drafts:
            findings.append(Finding(shown_path, entry.line, "note",
                                    f"{entry.address} is not published yet (a draft); its search words count once it is"))
        else:
            findings.append(Finding(shown_path, entry.line, "error",
                                    f"no page has the address {entry.address}; correct it (as the "
                                    "browser shows it) or delete the line if the page is gone"))
    return words, findings
