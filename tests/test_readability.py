"""The reading grade (plugins/readability): a warning above grade 10 at the longest sentence's
line, none on a page marked `Readability: legal`, and a table in the `make check` report only."""

import subprocess

import pytest

from conftest import ROOT, build_site, fixture_copy_with_essentials
from readability import grade
from readability import readability as plugin

SITE = "tests/fixtures/sites/readability"


def test_a_hard_page_gets_a_warning_at_its_longest_sentence(fixture_site):
    site = fixture_site("readability", READABILITY={"every_build": True})
    warnings = [m for m in site.warnings if "reads at grade" in m]
    assert len(warnings) == 1
    rows = site.report.sections[plugin.HEADING.format(max_grade=10)]
    [level] = [row.split()[0] for row in rows if row.endswith("/planning.md")]
    assert warnings[0] == (
        f"{SITE}/pages/planning.md:8: warning: this page reads at grade {level}, above 10; aim "
        'for 8. Shorten the longest sentences (the longest starts "The implementation of '
        'comprehensive community-based behavioral health infrastructure…") and prefer everyday words. '
        "If the page quotes law or regulation, add "
        "the line `Readability: legal` to its front matter")
    assert float(level) > 10


def test_the_report_table_lists_every_page_hardest_first(fixture_site):
    site = fixture_site("readability", READABILITY={"every_build": True})
    rows = site.report.sections[plugin.HEADING.format(max_grade=10)]
    assert [row.split(None, 1)[1] for row in rows] == [
        f"{SITE}/pages/planning.md",
        f"{SITE}/pages/regulation.md (legal: no warning)",
        f"{SITE}/pages/index.md (7 words: too short to grade)",
    ]
    grades = [float(row.split()[0]) for row in rows[:2]]
    assert grades == sorted(grades, reverse=True) and grades[-1] > 10


def test_no_grading_in_an_ordinary_build(fixture_site):
    site = fixture_site("readability")
    assert not [m for m in site.warnings if "reads at grade" in m]
    assert site.report.sections == {}


def run_make(target, tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "readability")
    return subprocess.run(
        ["make", "--no-print-directory", target, f"INPUTDIR={content}",
         f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT, capture_output=True, text=True, check=False)


def test_make_check_prints_the_table_and_warnings_do_not_fail_it(tmp_path):
    result = run_make("check", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    heading = lines.index("Reading grade (Flesch-Kincaid; aim for 8 or below, warning above 10):")
    assert lines[heading + 1].endswith("  content/pages/planning.md")
    assert "build: 0 errors, 1 warning" in result.stdout
    assert "content/pages/planning.md:8: warning: this page reads at grade" in result.stderr


def test_make_html_has_no_table(tmp_path):
    result = run_make("html", tmp_path)
    assert result.returncode == 0
    assert "Reading grade" not in result.stdout and "reads at grade" not in result.stderr


def test_plain_text_makes_each_block_a_sentence():
    html = ("<h2>Who we are</h2><ul><li>Peers</li><li>Allies!</li></ul>"
            "<p>We meet <em>weekly</em>.</p><pre>code here</pre><table><tr><td>A cell</td></tr></table>")
    assert grade.plain_text(html) == "Who we are. Peers. Allies! We meet weekly. A cell."


def test_grade_level_uses_textstat():
    assert grade.grade_level("We meet on Mondays. All are welcome.") < 4
    assert grade.grade_level("") == 0.0


def test_line_of_finds_a_sentence_through_markdown():
    source = "Title: A\n\nIntro.\n\nThe *county* [plans](x.md) services every year.\n"
    assert grade.line_of(source, "The county plans services every year.") == 5
    assert grade.line_of(source, "Not in the page.") == 1


@pytest.mark.content  # the real glossary and pages: the content lane's
def test_the_mhsa_page_is_marked_legal_in_the_real_report(tmp_path):
    site = build_site(ROOT / "content", tmp_path / "output", READABILITY={"every_build": True})
    rows = site.report.sections[plugin.HEADING.format(max_grade=10)]
    assert any(row.endswith("content/pages/advocacy/mhsa.md (legal: no warning)") for row in rows)
    assert len(rows) > 20
