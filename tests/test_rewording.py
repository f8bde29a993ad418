"""A copy edit never fails CI (issue 22). Every page of the real content is reworded mechanically,
keeping the facts its ``Keep:`` lines name: in each paragraph and list item of its text (not
headings, tables, front matter, link addresses or the Sources list) common little words are
swapped and the sentences put in reverse order. The reworded site must pass ``make check``'s
strict build with no error the site as written does not have, and the content lane of the suite
(the tests that read the real pages) must pass on it. Dropping one kept fact from a reworded page
must be an error at that fact's ``Keep`` line.

These tests are in the content lane but marked ``rewording``: the content lane they run leaves
them out.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import CONTENT, ROOT
from front_matter.checks import parse, split_lines
from kept_facts import facts as F

#: Content-lane tests that the content lane run inside them leaves out (it would recurse).
pytestmark = [pytest.mark.content, pytest.mark.rewording]

#: Little words swapped for others: the sentences change, the facts do not.
SWAPS = {
    "en": {"the": "that", "and": "plus", "you": "one", "your": "one's", "can": "may", "with": "alongside",
           "is": "remains", "are": "remain", "to": "toward", "of": "from"},
    "es": {"el": "ese", "la": "esa", "los": "esos", "las": "esas", "y": "e", "usted": "uno", "puede": "podrá",
           "de": "desde", "que": "cual", "en": "dentro de"},
}
#: Spans that are not prose: links' addresses, attribute lists, HTML tags, code, entities, bare
#: addresses. They are held out of the rewording, like each kept fact.
NOT_PROSE = re.compile(r"\]\([^)]*\)|\{:[^}]*\}|\{#[^}]*\}|<[^>]+>|`[^`]*`|&#?\w+;|https?://\S+")
#: Lines that are not prose: headings, table rows, attribute lists, HTML, rules, fences,
#: reference definitions.
NOT_PROSE_LINE = re.compile(r"^\s*(#|\||\{:|<|```|~~~|---|\*\*\*|\[[^\]]+\]:\s)")
LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+\.)\s+|\s*>\s*)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“¿¡(\x00A-ZÁÉÍÓÚÑ*_])")
SOURCES = re.compile(r"^#+\s*(Sources|Fuentes)\s*(\{.*\})?$")


SPACE = r"[*_]*\s+[*_]*"


def fact_pattern(words):
    """The fact as the Markdown may write it: any case, any spacing, either kind of quote."""
    parts = []
    for char in words:
        if char.isspace():  # emphasis may open or close between words: "press **2**"
            if parts and parts[-1] != SPACE:
                parts.append(SPACE)
        elif char in "'’‘":
            parts.append("['’‘]")
        elif char in "\"“”":
            parts.append("[\"“”]")
        elif char in "-–—":
            parts.append("[-–—]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE)


def reword_prose(text, lang, facts):
    """``text`` (one paragraph or list item) with its little words swapped and its sentences in
    reverse order; each fact and each span that is not prose is left exactly as it was."""
    held = []

    def hold(match):
        held.append(match.group(0))
        return f"\x00{len(held) - 1}\x00"

    for fact in facts:
        text = fact_pattern(fact.words).sub(hold, text)
    text = NOT_PROSE.sub(hold, text)

    def swap(match):
        word = match.group(0)
        new = SWAPS[lang].get(word.lower())
        if new is None:
            return word
        return new[0].upper() + new[1:] if word[0].isupper() else new

    text = re.sub(r"(?<![\w\x00])[^\W\d_]+(?![\w\x00])", swap, text)
    text = " ".join(reversed(SENTENCE_END.split(text)))
    while "\x00" in text:  # held spans may hold others
        text = re.sub(r"\x00(\d+)\x00", lambda m: held[int(m.group(1))], text)
    return text


def reword_page(source, lang):
    """The page's Markdown reworded: front matter as it was, each prose block rewritten on one
    line. Returns (text, facts)."""
    front = parse(source)
    facts = [F.parse(e.value, e.line) for e in front.entries if e.key == "keep"]
    lines = split_lines(source)
    head, body = lines[: front.body_line - 1], lines[front.body_line - 1:]
    out, block, fenced, in_sources = [], [], False, False

    def flush():
        if block:
            prefix = LIST_ITEM.match(block[0])
            prefix = prefix.group(0) if prefix else ""
            text = " ".join([block[0][len(prefix):].strip(), *(line.strip() for line in block[1:])])
            out.append(prefix + reword_prose(text, lang, facts))
            block.clear()

    for line in body:
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
        if SOURCES.match(line.strip()):
            in_sources = True
        if fenced or in_sources or not line.strip() or NOT_PROSE_LINE.match(line):
            flush()
            out.append(line)
        elif LIST_ITEM.match(line):
            flush()
            block.append(line)
        else:
            block.append(line)
    flush()
    return "\n".join(head + out), facts


def pages(content):
    return sorted((content / "pages").rglob("*.md")) + sorted((content / "news").rglob("*.md"))


def reword_content(target):
    """A reworded copy of the real content in ``target``; returns {path: facts} for each page
    with Keep lines."""
    shutil.copytree(CONTENT, target)
    kept = {}
    for path in pages(target):
        lang = "es" if path.name.endswith(".es.md") else "en"
        text, facts = reword_page(path.read_text(encoding="utf-8"), lang)
        path.write_text(text, encoding="utf-8")
        if facts:
            kept[path] = facts
    return kept


def strict_build(content, output):
    """`make check`'s build of ``content``: (exit status, its error lines, as file: message)."""
    result = subprocess.run(
        [sys.executable, "-m", "build_report", "--strict", str(content), "-o", str(output),
         "--log-handler", "plain", "-s", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, capture_output=True, text=True, check=False)
    lines = (result.stdout + result.stderr).splitlines()
    return result.returncode, [line for line in lines if ": error: " in line]


def without_line(error):
    """``.../pages/x.md:12: error: …`` -> ``pages/x.md: error: …``: the body's lines move when a
    paragraph is rewritten on one line."""
    where, message = error.split(": error: ", 1)
    where = re.sub(r":\d+$", "", where)
    where = where[where.find("pages/") if "pages/" in where else where.find("news/"):]
    return f"{where}: error: {message}"


@pytest.fixture(scope="module")
def reworded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reworded") / "content"
    return folder, reword_content(folder)


# --- The rewording itself ------------------------------------------------------------------------

def test_the_rewording_keeps_facts_links_and_headings_and_changes_the_words():
    source = ("Title: T\nKeep: 1-800-746-8181 — the county line\n\n## The heading\n\n"
              "You can call the county at [1-800-746-8181](tel:+18007468181). It is open and free.\n"
              "The line is open all day.\n\n- The first item. And another.\n\n## Sources\n\n- The source. 2020.\n")
    text, facts = reword_page(source, "en")
    assert [f.words for f in facts] == ["1-800-746-8181"]
    assert "## The heading" in text and "- The source. 2020." in text
    assert ("That line remains open all day. It remains open plus free. One may call that county at "
            "[1-800-746-8181](tel:+18007468181).") in text
    assert "- Plus another. That first item." in text


def test_every_page_with_keep_lines_is_reworded(reworded):
    folder, kept = reworded
    assert len(kept) >= 20, "expected the real content's pages to keep their facts"
    for path in kept:
        original = (CONTENT / path.relative_to(folder)).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") != original, f"{path.name} was not reworded"


# --- What the rewording must pass -----------------------------------------------------------------

def test_the_reworded_site_passes_the_strict_build(reworded, tmp_path):
    """No error that the site as written does not have (the content tests' own
    test_real_site_builds_without_errors requires the site as written to have none)."""
    folder, _ = reworded
    _, as_written = strict_build(CONTENT, tmp_path / "as-written")
    status, errors = strict_build(folder, tmp_path / "reworded")
    new = sorted(set(map(without_line, errors)) - set(map(without_line, as_written)))
    assert new == [], "\n".join(new)
    assert status == (1 if as_written else 0)


def test_the_content_tests_pass_on_the_reworded_site(reworded):
    folder, _ = reworded
    env = dict(os.environ, PEER_COUNCIL_CONTENT=str(folder))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "content and not browser and not rewording", "-q",
         "-p", "no:cacheprovider", "--no-header"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


# --- The guard works ------------------------------------------------------------------------------

def test_a_fact_dropped_from_a_reworded_page_is_an_error_at_its_keep_line(reworded, tmp_path):
    folder, kept = reworded
    target = tmp_path / "content"
    shutil.copytree(folder, target)
    page = target / "pages" / "resources" / "emergency.md"
    fact = kept[folder / "pages" / "resources" / "emergency.md"][0]
    text = page.read_text(encoding="utf-8")
    front = parse(text)
    lines = split_lines(text)
    body = "\n".join(lines[front.body_line - 1:])
    assert fact_pattern(fact.words).search(body), fact.words
    page.write_text("\n".join(lines[: front.body_line - 1]) + "\n" + fact_pattern(fact.words).sub("", body),
                    encoding="utf-8")
    status, errors = strict_build(target, tmp_path / "output")
    assert status == 1
    at_keep = [e for e in errors if re.search(rf"pages/resources/emergency\.md:{fact.line}: error: ", e)]
    assert len(at_keep) == 1, errors
    assert f'the page no longer says "{fact.words}"' in at_keep[0] and "It matters because" in at_keep[0]
