"""The search page's list of every page, A to Z. Imports nothing from Pelican.

Without JavaScript the search box cannot work, so the search page still answers "where is
it?" with every published page in alphabetical order, under a heading for each first letter,
with the page's summary. Letters are compared without accents and case ("Émergence" goes
under E, beside "emergency"), the way a reader scans a printed index.
"""

import unicodedata
from dataclasses import dataclass

#: The heading for titles that do not start with a letter ("988 starts", "“Peer” …").
OTHER = "#"


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    summary: str = ""  # HTML, as Pelican renders a Summary


@dataclass(frozen=True)
class Letter:
    letter: str
    entries: tuple

    @property
    def anchor(self):
        return "a-z-other" if self.letter == OTHER else f"a-z-{self.letter.lower()}"


def sort_key(title):
    """Accents and case removed, leading punctuation skipped: the key a reader expects."""
    plain = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    stripped = plain.lstrip("\"'“”‘’«»¿¡([ ")
    return (stripped or plain, title)


def first_letter(title):
    key = sort_key(title)[0]
    letter = key[:1].upper()
    return letter if letter.isalpha() and letter.isascii() else OTHER


def group(entries):
    """``entries`` as :class:`Letter` groups: "#" first (numbers), then A to Z."""
    by_letter = {}
    for entry in sorted(entries, key=lambda e: sort_key(e.title)):
        by_letter.setdefault(first_letter(entry.title), []).append(entry)
    return [Letter(letter, tuple(by_letter[letter]))
            for letter in sorted(by_letter, key=lambda k: (k != OTHER, k))]
