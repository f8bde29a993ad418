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
#: Also the hyphens a phone number is often written with so that it never breaks over two lines
#: (U+2011, non-breaking; U+2010; the minus sign U+2212), which look the same as "-".
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ",
                       "\u202f": " ", "…": "...", "\u2010": "-", "\u2011": "-", "\u2212": "-"})


@dataclass(frozen=True)
class Fact:
    words: str  # what the page must say
    why: str  # why it matters, as the volunteer wrote it ("" when not given)
    line: int


#: A line that starts with the dash: the fact before it was left out ("Keep: — why").
NO_FACT = re.compile(r"^(?:—|–|--|-)(?:\s|$)")
EXAMPLE = "Keep: 988 — the national crisis line, by call or text"


def parse(value, line):
    """``"988 — the crisis line"`` on ``line`` -> Fact("988", "the crisis line", line); a line
    with nothing before its dash gives a Fact with no words (:func:`no_words_message`)."""
    value = value.strip()
    if NO_FACT.match(value):
        return Fact("", NO_FACT.sub("", value).strip(), line)
    parts = SEPARATOR.split(value, maxsplit=1)
    words = parts[0].strip().strip("\"'“”").strip()
    return Fact(words, parts[1].strip() if len(parts) > 1 else "", line)


def normalise(text):
    """Text compared as a reader sees it: any case, any spacing, plain quotes and dashes."""
    return " ".join(text.translate(PLAIN).casefold().split())


#: A number's neighbours that make it part of a longer number: a digit, or a decimal point or
#: thousands comma with a digit beyond it ("1,000", "100.50").
_DIGIT_BEFORE = r"(?<!\d)(?<!\d[.,])"
_DIGIT_AFTER = r"(?![.,]?\d)"


def pattern(words):
    """The fact's words as a pattern over normalised text; a number at either end must be a whole
    number there ("$100" is not found in "$1000", "988" not in "9880", "2023" not in "12023")."""
    words = normalise(words)
    before = _DIGIT_BEFORE if words[:1].isdigit() else ""
    after = _DIGIT_AFTER if words[-1:].isdigit() else ""
    return re.compile(before + re.escape(words) + after)


#: A fact that is itself an address (https://988lifeline.org/, help@example.org, a domain) may be
#: kept by a link's address; any other fact must be in the words the reader sees, so a number
#: hidden in a link (https://example.org/988, tel:988 behind "call us") does not count as said.
ADDRESS_LIKE = re.compile(r"[/@:]|[^\W\d_]\.[^\W\d_]")


def missing(facts, text, addresses=""):
    """The facts whose words are not in ``text`` (the page's visible text), nor, for a fact that
    is an address, in ``addresses`` (its link addresses)."""
    said = normalise(text)
    linked = normalise(f"{text} {addresses}")
    return [fact for fact in facts if fact.words and not pattern(fact.words).search(
        linked if ADDRESS_LIKE.search(fact.words) else said)]


def message(fact):
    why = f" It matters because: {fact.why.rstrip('.')}." if fact.why else ""
    return (f'the page no longer says "{fact.words}", a fact this page must keep (its `Keep` '
            f"line).{why} Put the fact back in the text, in any words around it; if the fact "
            "itself has changed, check it against the page's sources and change this `Keep` line "
            "to the new fact")


def no_words_message(fact):
    return ("this `Keep` line names no fact before its dash, so nothing is checked; write the "
            "words the page must keep saying first, then a dash and why they matter, e.g. "
            f"`{EXAMPLE}`")
