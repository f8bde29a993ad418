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
import unicodedata
from dataclasses import dataclass

import yaml

from sitelib.findings import Finding
from sitelib.yaml_refusals import ANCHOR_OR_ALIAS, TOO_DEEP, error_line, is_anchor_or_alias

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


#: Characters nobody sees or can type into a search box: control characters (but the tab),
#: format characters (zero-width spaces and joiners, bidi controls such as U+202E, soft hyphen,
#: a byte-order mark inside the file) and the Unicode line and paragraph separators, which YAML
#: reads as line breaks. A word holding one never matches what people type.
_HIDDEN_CATEGORIES = ("Cc", "Cf", "Zl", "Zp")
_NAMES = {"\x00": "NULL", "\x0b": "LINE TABULATION, Word's Shift+Enter", "\x0c": "FORM FEED",
          "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE"}


def _hidden(char):
    return char != "\t" and char != "\n" and unicodedata.category(char) in _HIDDEN_CATEGORIES


def hidden_characters(text, shown_path):
    """The text without its hidden characters (a control character becomes a space, the others
    are removed), and a warning for each line that held one, naming each character."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not any(_hidden(c) for c in text):
        return text, []
    found, lines = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        chars = sorted({c for c in line if _hidden(c)})
        if chars:
            named = ", ".join(f"U+{ord(c):04X} ({_NAMES.get(c) or unicodedata.name(c, 'a control character')})"
                              for c in chars)
            found.append(Finding(shown_path, number, "warning",
                                 f"this line holds a hidden character nobody can see or type, "
                                 f"{named}, so a search would not find the word it is in; it was "
                                 "left out here: delete it from the file (retype the word or "
                                 "address around it)"))
            line = "".join(" " if unicodedata.category(c) == "Cc" else "" if _hidden(c) else c
                           for c in line)
        lines.append(line)
    return "\n".join(lines), found


#: The tags a plain "address: words" file can hold without writing one; any other (!!python/…,
#: !!binary, a local !tag) is refused rather than read as words.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def _refused_yaml(text, shown_path):
    """Errors for YAML's anchors and aliases (``&a`` / ``*a``: one alias can repeat a long
    value thousands of times, so a small file would become gigabytes of words) and explicit
    tags, each at its line. Read event by event, which never expands an alias."""
    found = []
    for event in yaml.parse(text):
        line = event.start_mark.line + 1
        if found and found[-1].line == line:
            continue  # one error a line
        if is_anchor_or_alias(event):
            found.append(Finding(shown_path, line, "error",
                                 f"{ANCHOR_OR_ALIAS}; write the words out in full"))
        elif getattr(event, "tag", None) and event.tag not in _PLAIN_TAGS and not (
                isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            found.append(Finding(shown_path, line, "error",
                                 f"this line gives a YAML tag ({tag}), which this file does "
                                 f"not read; delete it and write the words as plain text, like `{EXAMPLE}`"))
    return found


def parse(text, shown_path):
    """(entries, findings) from the file's text; nothing is guessed at."""
    entries, findings = _parse(text, shown_path)
    return list(entries), list(findings)


@functools.lru_cache(maxsize=8)
def _parse(text, shown_path):
    # Remembered by the text: the live preview builds again on every save, and parsing the
    # unchanged file each time held its reload (tools/devserver).
    text, findings = hidden_characters(text, shown_path)
    try:
        refused = _refused_yaml(text, shown_path)
        if refused:
            return [], findings + refused
        root = yaml.compose(text)
    except RecursionError:  # brackets nested thousands deep
        return [], [*findings, Finding(shown_path, 1, "error",
                                       f"this file cannot be read: {TOO_DEEP}; "
                                       f"write each page on one line, like `{EXAMPLE}`")]
    except yaml.YAMLError as exc:
        return [], [*findings, Finding(shown_path, error_line(exc, text), "error",
                            "this file cannot be read (a line is not `address: words`; a value "
                            "that starts with a quote, [ or { must be one whole line); write each "
                            f"page on one line, like `{EXAMPLE}`")]
    if root is None:
        return [], findings
    if not isinstance(root, yaml.MappingNode):
        return [], [*findings, Finding(shown_path, root.start_mark.line + 1, "error",
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
                                    f"{entry.address} is not published yet (a draft); its search "
                                    "words count once it is"))
        else:
            findings.append(Finding(shown_path, entry.line, "error",
                                    f"no page has the address {entry.address}; correct it (as the "
                                    "browser shows it) or delete the line if the page is gone"))
    return words, findings
