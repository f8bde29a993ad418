"""The reading grade of a page's HTML. Imports nothing from Pelican.

textstat counts sentences by their end punctuation, so a list of short items without full
stops would read as one long sentence. :func:`plain_text` therefore takes the text block by
block (paragraph, list item, table cell, heading) and ends each block that has no end
punctuation with a full stop.
"""

import re

import lxml.html
import textstat

BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption",
          "caption", "blockquote")
SKIPPED = ("pre", "script", "style")
END = ".!?:;"
SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def plain_text(html):
    """The words of ``html``, one block at a time, each ending like a sentence."""
    if not html or not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter(*SKIPPED)):
        element.drop_tree()
    chunks = []
    for element in root.iter(*BLOCKS):
        if any(child.tag in BLOCKS for child in element.iterdescendants()):
            continue  # its inner blocks are taken on their own
        text = " ".join(element.text_content().split())
        if text:
            chunks.append(text if text[-1] in END else text + ".")
    return " ".join(chunks)


#: The formula for each language this project has one for, and textstat's language for
#: counting syllables. Which languages the site has is LANGUAGES in pelicanconf.py, not this
#: table. Both give a grade (years of school), so one limit serves both: Flesch-Kincaid for
#: English; for Spanish, Crawford's formula (1989), made for Spanish texts (Flesch-Kincaid
#: counts Spanish's longer words as hard and overstates its grade).
FORMULAS = {
    "en": ("Flesch-Kincaid", "en_US", textstat.flesch_kincaid_grade),
    "es": ("Crawford", "es", textstat.crawford),
}
#: The fallback, documented in README.md ("Translations"): a page in a language without a
#: formula here is graded with this one's, and the report's table says so on its row.
FALLBACK = "en"


def has_formula(lang):
    return lang in FORMULAS


def formula_name(lang):
    return FORMULAS.get(lang, FORMULAS[FALLBACK])[0]


def grade_level(text, lang=FALLBACK):
    """The grade of ``text`` in ``lang`` (a school grade), rounded to one decimal; never below
    0, which the formulas give for a few very short words. A language without a formula of its
    own is graded with the fallback's (English)."""
    if not text.strip():
        return 0.0
    _, textstat_lang, formula = FORMULAS.get(lang, FORMULAS[FALLBACK])
    textstat.set_lang(textstat_lang)
    try:
        return max(0.0, round(formula(text), 1))
    finally:
        textstat.set_lang(FORMULAS[FALLBACK][1])


def longest_sentence(text):
    """The sentence with the most words: usually the first one to shorten."""
    sentences = [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    return max(sentences, key=lambda s: len(s.split()), default="")


def line_of(source, sentence):
    """The line of ``source`` (Markdown) where ``sentence`` (plain text) starts, else 1.

    Looks for its first three words with anything but letters between them, since the
    Markdown may have emphasis or a link where the plain text has none."""
    words = re.findall(r"\w+", sentence)[:3]
    if not words:
        return 1
    pattern = r"\W+".join(re.escape(word) for word in words)
    match = re.search(pattern, source)
    return source.count("\n", 0, match.start()) + 1 if match else 1
