"""Facts a page must keep (plugins/kept_facts): a page's `Keep:` lines name the facts its text
must go on saying; rewording around them passes, dropping one is an error at its line."""

import pytest

from conftest import build_site, fixture_copy_with_essentials
from kept_facts import facts as F

PAGE = """Title: Crisis lines
Summary: Who to call in a crisis.
Keep: 1-800-746-8181 — the county's 24/7 line, which can send a mobile crisis team
Keep: SB 43 -- the law behind today's meaning of "gravely disabled"
Keep: https://988lifeline.org/
Keep: 7 days

{body}
"""
KEPT = ("Call the county at [1-800-746-8181](tel:+18007468181), day or night. Since **SB 43**, the "
        "words mean more. A hearing must come within 7 days. More at [the Lifeline](https://988lifeline.org/).")
REWORDED = ("Within 7 days, a hearing. SB&nbsp;43 changed the words. Day or night: "
            "[1-800-746-8181](tel:+18007468181). [Lifeline](https://988lifeline.org/).")
DROPPED = "Call the county, day or night. A hearing must come within a week."
#: Written with non-breaking hyphens (U+2011), so the number never breaks over two lines.
NO_BREAK = ("Call [1\u2011800\u2011746\u20118181](tel:+18007468181). SB 43. Within 7 days. "
            "[Lifeline](https://988lifeline.org/).")


def build(tmp_path, body):
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    (content / "pages" / "resources" / "crisis-lines.md").write_text(PAGE.format(body=body), encoding="utf-8")
    return build_site(content, tmp_path / "output")


def kept_findings(site):
    return [m for m in site.messages() if "crisis-lines.md" in m]


@pytest.mark.parametrize("body", [KEPT, REWORDED, NO_BREAK], ids=["as written", "reworded", "no-break hyphens"])
def test_any_wording_that_keeps_the_facts_passes(tmp_path, body):
    site = build(tmp_path, body)
    assert kept_findings(site) == []
    assert site.file_for("resources/crisis-lines/").exists()


def test_a_dropped_fact_is_an_error_at_its_keep_line_saying_why_it_matters(tmp_path):
    site = build(tmp_path, DROPPED)
    found = kept_findings(site)
    assert [m.split(": error: ")[0].rsplit(":", 1)[1] for m in found] == ["3", "4", "5", "6"]
    first = found[0]
    assert first.startswith("content/pages/resources/crisis-lines.md:3: error: the page no longer says "
                            '"1-800-746-8181", a fact this page must keep')
    assert "It matters because: the county's 24/7 line, which can send a mobile crisis team." in first
    assert '"SB 43"' in found[1] and 'gravely disabled' in found[1]
    assert "It matters because" not in found[3]  # "7 days" was given no reason
    # The page is still published: the error fails `make check`, it does not hide the page.
    assert site.file_for("resources/crisis-lines/").exists()


@pytest.mark.parametrize("value, words, why", [
    ("988 — the crisis line", "988", "the crisis line"),
    ("1-800-746-8181 - the county line", "1-800-746-8181", "the county line"),
    ('"Proposition 1" -- approved in 2024', "Proposition 1", "approved in 2024"),
    ("CalMHSA", "CalMHSA", ""),
])
def test_a_keep_line_is_the_fact_then_why(value, words, why):
    fact = F.parse(value, 7)
    assert (fact.words, fact.why, fact.line) == (words, why, 7)


def test_facts_are_found_in_any_case_spacing_and_typography():
    assert F.missing([F.parse("Mental Patients' Liberation Front", 1)],
                     "the mental   patients’ liberation front, 1971") == []
    assert F.missing([F.parse("1 July 2026", 1)], "1\u00a0July 2026") == []
    assert F.missing([F.parse("SB 43", 1)], "SB 4 and 3") != []


WHOLE_NUMBERS = """Title: Fees
Summary: What it costs.
Keep: $100 — the fee
Keep: 988 — the crisis line
Keep: 2023 — the year the law passed
Keep: 1 July 2026 — the day it starts

{body}
"""


@pytest.mark.parametrize("body, missing", [
    ("The fee is $100. Call 988. Passed in 2023; it starts on 1 July 2026.", []),
    ("The fee is $1000. Call 9880. Passed in 12023; it starts on 11 July 2026.", ["3", "4", "5", "6"]),
    ("The fee is $100.50. Call 1988. Passed in 2023.5; it starts on 1 July 20260.", ["3", "4", "5", "6"]),
    ("The fee is $1,100. Call 988, or 988-1. Passed in 2023-24; it starts on 1 July 2026.", ["3"]),
], ids=["whole", "longer numbers", "decimals and prefixes", "thousands"])
def test_a_number_in_a_kept_fact_must_be_a_whole_number_in_the_page(tmp_path, body, missing):
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    (content / "pages" / "resources" / "fees.md").write_text(WHOLE_NUMBERS.format(body=body), encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    found = [m for m in site.messages() if "fees.md" in m]
    assert [m.split(": error: ")[0].rsplit(":", 1)[1] for m in found] == missing, found


EMPTY_KEEPS = """Title: Crisis lines
Summary: Who to call in a crisis,
    day or night, in the county.
Keep:
Keep: — the county's crisis line
Keep: 988 — the national line
Keep: SB 43

Call the county.
"""
YAML_KEEPS = """---
Title: "Crisis lines"
Summary: >
    Who to call in a crisis.
Keep:
  - 988 — the national line
  - SB 43 — the law
---

Call the county.
"""


def test_an_empty_keep_or_one_without_a_fact_is_an_error_at_its_line_saying_what_to_write(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    (content / "pages" / "resources" / "crisis-lines.md").write_text(EMPTY_KEEPS, encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    found = sorted(kept_findings(site), key=lambda m: int(m.split(":")[1]))
    assert [m.split(": error: ")[0].rsplit(":", 1)[1] for m in found] == ["4", "5", "6", "7"], found
    assert "`Keep` is empty; write its value after the colon (e.g. `Keep: 988 — " in found[0]
    assert "names no fact before its dash" in found[1] and "`Keep: 988 — " in found[1]
    assert '"988"' in found[2] and "the national line" in found[2]
    assert '"SB 43"' in found[3]


def test_keep_lines_of_a_yaml_list_are_reported_at_their_own_lines(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    (content / "pages" / "resources" / "crisis-lines.md").write_text(YAML_KEEPS, encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    found = kept_findings(site)
    assert [(m.split(":")[1], '"988"' in m, '"SB 43"' in m) for m in found] == [
        ("6", True, False), ("7", False, True)], found


def test_a_kept_number_cannot_be_shown_backwards_by_an_invisible_override(tmp_path):
    """U+202E shows "1-800-746-8181" as "1818-647-008-1" while the text still holds the fact;
    the override is taken out of the page and named at its line."""
    body = "Call \u202e1-800-746-8181\u202c, SB\u200b 43, 7 days, https://988lifeline.org/."
    site = build(tmp_path, body)
    found = kept_findings(site)
    assert len(found) == 1 and found[0].startswith("content/pages/resources/crisis-lines.md:8: warning: "), found
    assert "U+200B (ZERO WIDTH SPACE)" in found[0] and "U+202C (POP DIRECTIONAL FORMATTING)" in found[0]
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in found[0] and "delete it" in found[0]
    text = site.soup("resources/crisis-lines/").main.get_text()
    assert "Call 1-800-746-8181, SB 43" in text
    assert not any(c in text for c in "\u200b\u202c\u202e")


def test_a_number_only_in_a_link_address_is_not_said(tmp_path):
    """Only a fact that is an address may be kept by a link's address: a crisis number hidden in
    one ("call us" linking to tel:988) is not on the page for a reader, nor on paper."""
    body = ("[Call us](tel:1-800-746-8181), day or night. Since SB 43, within 7 days. "
            "[Lifeline](https://988lifeline.org/).")
    site = build(tmp_path, body)
    found = kept_findings(site)
    assert [m.split(": error: ")[0].rsplit(":", 1)[1] for m in found] == ["3"], found
    assert '"1-800-746-8181"' in found[0]


def test_any_keep_line_and_any_page_text_give_an_answer_not_an_exception():
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415 (only this test fuzzes)
    from hypothesis import strategies as st  # noqa: PLC0415 (as above)

    from test_no_bare_exception import HOSTILE  # noqa: PLC0415 (the project's hostile alphabet)

    text = st.text(alphabet=st.sampled_from(HOSTILE + "0123456789$—–-"), max_size=40)

    @settings(max_examples=300, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(text, text, text)
    def check(value, page, addresses):
        fact = F.parse(value, 3)
        assert fact.line == 3
        found = F.missing([fact], page, addresses)
        assert found in ([], [fact])
        if fact.words and not found:
            assert F.normalise(fact.words) in F.normalise(f"{page} {addresses}")
        assert F.message(fact) and F.no_words_message(fact)

    check()


WRAPPED = """Title: Crisis lines
Summary: Who to call
in a crisis.
Keep: 988 — the national line, by call or text,
    and by chat at 988lifeline.org
Keep: SB 43 — the law
    behind "gravely disabled"
Keep: 7 days

Call or text 988. A hearing within 7 days.
"""


def test_a_keep_line_wrapped_onto_the_next_is_one_fact_at_its_first_line(tmp_path):
    """The second line of a wrapped Keep continues why the fact matters; it is not a fact of its
    own (which the page would then "no longer say")."""
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    (content / "pages" / "resources" / "crisis-lines.md").write_text(WRAPPED, encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    found = kept_findings(site)
    assert len(found) == 1 and found[0].startswith("content/pages/resources/crisis-lines.md:6: error: "), found
    assert 'It matters because: the law behind "gravely disabled".' in found[0]
