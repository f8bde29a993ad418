"""Facts a page must keep: the ``Keep:`` lines of its front matter. Imports nothing from Pelican.

A page whose text carries a fact that matters (a crisis number, a law's name, a date, the body
that certifies peers) lists it in its front matter, one line each, with why it matters::

    Keep: 1-800-746-8181 — the county's 24/7 crisis line, which can send a mobile crisis team
    Keep: SB 43 — the 2023 law behind today's meaning of "gravely disabled"

Any rewording of the page passes as long as each fact is still in its text; dropping one is an
error at its ``Keep`` line that says what is missing and why it matters. The tests guard the
facts through this, never the sentences, so a volunteer's correct rewording never fails CI.
"""

import re
from dataclasses import dataclass

#: Between the fact and why it matters: a dash with a space on each side (— – -- or -), so a
#: fact such as a phone number may hold hyphens.
SEPARATOR = re.compile(r"\s+(?:—|–|--|-)\s+")
#: Typographic characters Markdown's smarty extension writes, and their plain forms.
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ",
                       "\u202f": " ", "…": "..."})


@dataclass(frozen=True)
class Fact:
    words: str  # what the page must say
    why: str  # why it matters, as the volunteer wrote it ("" when not given)
    line: int


def parse(value, line):
    """``"988 — the crisis line"`` on ``line`` -> Fact("988", "the crisis line", line)."""
    parts = SEPARATOR.split(value.strip(), maxsplit=1)
    words = parts[0].strip().strip("\"'“”")
    return Fact(words, parts[1].strip() if len(parts) > 1 else "", line)


def normalise(text):
    """Text compared as a reader sees it: any case, any spacing, plain quotes and dashes."""
    return " ".join(text.translate(PLAIN).casefold().split())


def missing(facts, text):
    """The facts whose words are not in ``text`` (the page's visible text and link addresses)."""
    said = normalise(text)
    return [fact for fact in facts if fact.words and normalise(fact.words) not in said]


def message(fact):
    why = f" It matters because: {fact.why.rstrip('.')}." if fact.why else ""
    return (f'the page no longer says "{fact.words}", a fact this page must keep (its `Keep` '
            f"line).{why} Put the fact back in the text, in any words around it; if the fact "
            "itself has changed, check it against the page's sources and change this `Keep` line "
            "to the new fact")
