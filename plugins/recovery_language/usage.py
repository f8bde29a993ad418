"""Find the glossary's clinical terms in a page's Markdown. Imports nothing from Pelican.

A term counts when it stands as whole words, in any case, also in the plural ("patients"); the
words of a term may be split over a line break. It does not count:

* inside double quotes, straight or curly ("mentally ill", “mentally ill”): the marker for a
  term quoted on purpose, which anyone can type in GitHub's editor;
* inside `backticks` or a fenced code block;
* in a link's address or a bare URL;
* in the front matter (the caller says where the text starts: the front_matter plugin's
  reader hands on that line, so this module never parses front matter itself).

An entry whose clinical side lists several words ("Client, patient") is looked for word by word.
"""

import re
from dataclasses import dataclass

# What is not prose, replaced by spaces of the same length so positions and lines stay true.
NOT_PROSE = re.compile(
    r"^[ ]{0,3}(```|~~~).*?^[ ]{0,3}\1[^\n]*$"  # fenced code block
    r"|`[^`\n]+`"  # code span
    r'|"[^"\n]*"|“[^”\n]*”'  # double quotes, straight or curly: quoted on purpose
    r"|\]\([^)\n]*\)"  # a link's address
    r"|<?https?://[^\s>)]+>?",  # a bare URL
    re.MULTILINE | re.DOTALL,
)
APOSTROPHES = "'’"


@dataclass(frozen=True)
class Usage:
    line: int
    written: str  # the words as they appear in the page
    clinical: str  # the glossary's clinical term
    recovery: tuple  # the glossary's alternatives


def phrases(term):
    """The words to look for: "Client, patient" gives "Client" and "patient"."""
    return [p.strip() for p in term.clinical.split(",") if p.strip()]


def pattern_for(phrase):
    """Whole words, any case, any spacing, either apostrophe, hyphen or space, plural allowed."""
    parts = []
    for word in phrase.split():
        word = re.escape(word)
        word = re.sub(r"\\?['’]", f"[{APOSTROPHES}]", word)
        word = word.replace(r"\-", r"[-\s]?")
        parts.append(word)
    return re.compile(r"(?<![\w'’-])" + r"\s+".join(parts) + r"(?:e?s)?(?![\w-])", re.IGNORECASE)


def prose_of(text, body_line=1):
    """``text`` with everything that is not prose blanked out, line breaks kept; the lines
    before ``body_line`` (the front matter) are blanked too."""
    start = 0
    for _ in range(body_line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            start = len(text)
            break
    masked = re.sub(r"[^\n]", " ", text[:start]) + text[start:]
    return NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def find_clinical_terms(text, terms, body_line=1):
    """Every use of a clinical term in the Markdown ``text`` from ``body_line`` on, in the order
    of the page."""
    prose = prose_of(text, body_line)
    found = []
    for term in terms:
        for phrase in phrases(term):
            for match in pattern_for(phrase).finditer(prose):
                line = prose.count("\n", 0, match.start()) + 1
                written = " ".join(text[match.start():match.end()].split())
                found.append((match.start(), Usage(line, written, term.clinical, term.recovery)))
    return [usage for _, usage in sorted(found, key=lambda item: item[0])]


def message(usage):
    """What to tell the volunteer: the words, what to say instead, and how to keep them."""
    instead = " or ".join(f'"{words}"' for words in usage.recovery)
    return (f'"{usage.written}" is clinical language; try {instead} (see the recovery-language '
            "glossary). If you quote it on purpose, put it in double quotes")
