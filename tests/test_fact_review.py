"""Review dates (plugins/fact_review): a page with sources says when its facts were checked,
shows it in its language, and `make check` / `make review` say when a new check is due.

Each test writes a small site with dates relative to today, so the tests hold on any day."""

import datetime
import os
import subprocess
import sys

import pytest
from dateutil.relativedelta import relativedelta

from conftest import ROOT, build_site, fixture_copy_with_essentials
from fact_review import review

TODAY = datetime.date.today()
TWO_YEARS_AGO = TODAY - relativedelta(years=2)
SEVEN_MONTHS_AGO = TODAY - relativedelta(months=7)
TOMORROW = TODAY + datetime.timedelta(days=1)
SOURCES = ("## Sources\n\n- [California law](https://leginfo.legislature.ca.gov/faces/codes.xhtml)\n"
           "- [988 Lifeline](https://988lifeline.org/)\n")


def page(title, front, body="Some facts."):
    return f"Title: {title}\nSummary: A page about {title.lower()}.\n{front}\n{body}\n\n{SOURCES}"


PAGES = {
    # name: (front-matter lines, expected finding or None)
    "fresh.md": (f"Reviewed: {TODAY.isoformat()}\n", None),
    "fresh.es.md": (f"Reviewed: {TODAY.isoformat()}\n", None),
    "stale.md": (f"Reviewed: {TWO_YEARS_AGO.isoformat()}\n", "warning"),
    "short-interval.md": (f"Reviewed: {SEVEN_MONTHS_AGO.isoformat()}\nReview_in: 6 months\n", "warning"),
    "default-interval.md": (f"Reviewed: {SEVEN_MONTHS_AGO.isoformat()}\n", None),
    "undated.md": ("", "error"),
    "future.md": (f"Reviewed: {TOMORROW.isoformat()}\n", "error"),
    "malformed.md": ("Reviewed: 4/12/2026\n", "error"),
    "bad-interval.md": (f"Reviewed: {TODAY.isoformat()}\nReview_in: soon\n", "error"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fact-review")
    content = fixture_copy_with_essentials(tmp, "front_matter_clean")
    folder = content / "pages" / "facts"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("Title: Facts\nSummary: Pages with sources.\n\nFacts.\n",
                                     encoding="utf-8")
    for name, (front, _) in PAGES.items():
        title = name.split(".")[0].replace("-", " ").capitalize()
        (folder / name).write_text(page(title, front), encoding="utf-8")
    (folder / "no-sources.md").write_text("Title: No sources\nSummary: Opinion only.\n\nText.\n",
                                          encoding="utf-8")
    (folder / "example.md").write_text("Title: Example\nSummary: How to cite.\n\nEnd a page with:\n\n"
                                       f"```markdown\n{SOURCES}```\n", encoding="utf-8")
    return build_site(content, tmp / "output")


def findings_for(site, name):
    return [m for m in site.messages() if f"pages/facts/{name}:" in m]


def run_review(content, *options, summary=None):
    """`make review` as CI runs it, on `content`: with GITHUB_STEP_SUMMARY set to `summary`, or
    unset (so a CI runner's own summary file is never written to) when no summary is asked for."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(
        [sys.executable, "-m", "fact_review", "--settings", str(ROOT / "pelicanconf.py"), *options, str(content)],
        capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_gets_the_finding_its_dates_call_for(site, name):
    expected = PAGES[name][1]
    found = findings_for(site, name)
    if expected is None:
        assert found == []
    else:
        assert found and all(f": {expected}: " in f for f in found), found


def test_a_stale_page_is_a_warning_at_its_reviewed_line_naming_the_sources(site):
    [warning] = findings_for(site, "stale.md")
    assert ":3: warning:" in warning  # Title, Summary, Reviewed
    assert TWO_YEARS_AGO.isoformat() in warning
    assert "https://leginfo.legislature.ca.gov/faces/codes.xhtml" in warning
    assert "https://988lifeline.org/" in warning


def test_a_page_with_sources_and_no_date_is_an_error_at_its_sources_heading(site):
    [error] = findings_for(site, "undated.md")
    lines = (site.content / "pages/facts/undated.md").read_text(encoding="utf-8").splitlines()
    line = int(error.split(":")[1])
    assert lines[line - 1] == "## Sources"
    assert "Reviewed: YYYY-MM-DD" in error


def test_a_future_date_is_an_error_at_its_line(site):
    [error] = findings_for(site, "future.md")
    assert ":3: error:" in error and TOMORROW.isoformat() in error


def test_a_malformed_date_is_an_error_at_its_line(site):
    [error] = findings_for(site, "malformed.md")
    assert ":3: error:" in error and "YYYY-MM-DD" in error


def test_a_page_without_sources_needs_no_date(site):
    assert findings_for(site, "no-sources.md") == []


@pytest.mark.parametrize("path, words", [("facts/fresh/", "Facts checked on"),
                                         ("es/facts/fresh/", "Datos comprobados el")])
def test_the_page_shows_the_day_its_facts_were_checked_in_its_language(site, path, words):
    soup = site.soup(path)
    note = soup.select_one(".facts-checked")
    assert note is not None and words in note.get_text()
    assert note.time["datetime"] == TODAY.isoformat()
    assert not soup.select_one(".facts-checked script")


def test_a_sources_heading_shown_as_code_is_not_the_pages_sources(site):
    """A page that shows how to cite, in a fenced code block, cites nothing: no date needed."""
    assert findings_for(site, "example.md") == []
    assert site.soup("facts/example/").select_one("pre code") is not None


@pytest.mark.parametrize("body, expected", [
    ("```\n## Sources\n- [a](https://a.example/)\n```\n", (None, [])),
    ("~~~~ markdown\n## Sources\n~~~\n- [a](https://a.example/)\n~~~~\n", (None, [])),
    # A fence never closed opens no code block (Python-Markdown): the heading is shown.
    ("````\n## Sources\n- [a](https://a.example/)\n", (2, ["https://a.example/"])),
    ("```\n## Sources\n````\n- [a](https://a.example/)\n", (2, ["https://a.example/"])),
    ("## Sources\n\n- [a](https://a.example/)\n\n```\n# Not a heading\n<https://b.example/>\n```\n"
     "- [c](https://c.example/)\n", (1, ["https://a.example/", "https://c.example/"])),
    ("``` `x` ```\n## Sources\n- [a](https://a.example/)\n", (2, ["https://a.example/"])),  # a code span
])
def test_sources_in_passes_over_fenced_code(body, expected):
    assert review.sources_in(body.splitlines(), ["Sources"]) == expected


def test_an_undated_or_future_page_shows_no_checked_date(site):
    assert site.soup("facts/undated/").select_one(".facts-checked") is None
    assert site.soup("facts/future/").select_one(".facts-checked") is None


def test_make_review_lists_what_is_due_and_writes_the_step_summary(site, tmp_path):
    summary = tmp_path / "summary.md"
    body = tmp_path / "issue.md"
    result = run_review(site.content, "--issue-body", str(body), summary=summary)
    assert "Traceback" not in result.stderr
    # Two pages' review fields cannot be read (4/12/2026, "soon"): errors at their lines, exit 1.
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert [line.split(":")[0].rsplit("/", 1)[1] + ":" + line.split(":")[1] for line in errors] == [
        "bad-interval.md:4", "malformed.md:3"]
    listed = [line for line in result.stdout.splitlines() if ": note: " in line]
    assert {line.split(":")[0].rsplit("/", 1)[1] for line in listed} == {
        "stale.md", "short-interval.md"}
    table = summary.read_text(encoding="utf-8")
    assert "| Page | Facts checked | Every | Due | Sources to recheck |" in table
    assert table.count("(overdue)") == 2
    assert "6 months" in table and "1 year" in table  # the default, 12 months
    assert "https://988lifeline.org/" in table
    assert body.read_text(encoding="utf-8") in table


def test_make_review_with_nothing_due_writes_no_issue_body(tmp_path):
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    (content / "fresh.md").write_text(page("Fresh", f"Reviewed: {TODAY.isoformat()}\n"),
                                      encoding="utf-8")
    body = tmp_path / "issue.md"
    result = run_review(tmp_path / "content", "--issue-body", str(body))
    assert result.returncode == 0 and "review: 0 pages" in result.stdout
    assert not body.exists()


def test_the_review_table_shows_what_a_page_wrote_as_code_never_as_markup():
    hostile = review.Review("content/pages/x|y.md", sources_line=5,
                            sources=["https://example.org/<img/src=https://evil.example/p.png>",
                                     "https://example.org/`x`"],
                            reviewed_text=TWO_YEARS_AGO.isoformat(), reviewed_line=3)
    table = review.table([hostile], TODAY, relativedelta(years=1))
    row = table.splitlines()[-1]
    assert "`content/pages/x\\|y.md`" in row
    assert "`https://example.org/<img/src=https://evil.example/p.png>`" in row
    assert "`https://example.org/'x'`" in row


EXTREME = {
    # name: Reviewed line, and the words its error must hold
    "far-future.md": ("Reviewed: 9999-12-31", "the year 9999 cannot be right"),
    "year-one.md": ("Reviewed: 0001-01-01", "the year 0001 cannot be right"),
    "before-1970.md": ("Reviewed: 1969-12-31\nReview_in: 999 years", "the year 1969 cannot be right"),
    "no-such-day.md": ("Reviewed: 2026-02-30", "no such day"),
    "five-digit-year.md": ("Reviewed: 99999-01-01", "YYYY-MM-DD"),
}


def test_make_review_reports_an_extreme_or_malformed_date_at_its_line_and_fails(tmp_path):
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    for name, (front, _) in EXTREME.items():
        (content / name).write_text(page("Odd", front + "\n"), encoding="utf-8")
    (content / "stale.md").write_text(page("Stale", f"Reviewed: {TWO_YEARS_AGO.isoformat()}\n"),
                                      encoding="utf-8")
    result = run_review(tmp_path / "content")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    errors = {line.split(":")[0].rsplit("/", 1)[1]: line for line in result.stdout.splitlines()
              if ": error: " in line}
    assert sorted(errors) == sorted(EXTREME)
    for name, (_, words) in EXTREME.items():
        assert errors[name].split(":")[1] == "3" and words in errors[name], errors[name]
    # What can be read is still listed.
    assert any("stale.md:3: note:" in line for line in result.stdout.splitlines())


def test_a_build_reports_an_extreme_reviewed_date_once_and_shows_no_checked_date(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    (content / "pages" / "far-future.md").write_text(page("Far", "Reviewed: 9999-12-31\n"), encoding="utf-8")
    (content / "pages" / "short-day.md").write_text(page("Short", f"Reviewed: {TODAY.year}-1-2\n"),
                                                    encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    found = [m for m in site.messages() if "far-future.md" in m]
    assert len(found) == 1 and ":3: error:" in found[0] and "9999" in found[0], found
    assert site.soup("far-future/").select_one(".facts-checked") is None
    # 2026-1-2, which front_matter accepts, is read as a day too, not silently ignored.
    assert [m for m in site.messages() if "short-day.md" in m] == []
    assert site.soup("short-day/").select_one(".facts-checked time")["datetime"] == f"{TODAY.year}-01-02"


def test_make_review_prints_no_control_character_from_a_page(tmp_path):
    """A source's address with a terminal escape (ESC [2J clears the screen) or a bidi override
    in it is printed without them: the page's text is read as the build reads it."""
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    sources = "## Sources\n\n- [law](https://example.org/\x1b[2J\x1b]0;pwned\x07law\u202etxt)\n"
    (content / "odd.md").write_text(f"Title: Odd\nSummary: s.\nReviewed: {TWO_YEARS_AGO.isoformat()}\n\n"
                                    f"Text.\n\n{sources}", encoding="utf-8")
    result = run_review(tmp_path / "content")
    assert result.returncode == 0, result.stderr
    [note] = [line for line in result.stdout.splitlines() if ": note: " in line]
    assert note.startswith("content/pages/odd.md:3: note:")
    assert all(c.isprintable() for c in result.stdout.replace("\n", "")), repr(result.stdout)


def test_make_review_reads_no_file_through_a_symbolic_link(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(page("Secret", f"Reviewed: {TWO_YEARS_AGO.isoformat()}\n"), encoding="utf-8")
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    (content / "linked.md").symlink_to(outside)
    (content / "stale.md").write_text(page("Stale", f"Reviewed: {TWO_YEARS_AGO.isoformat()}\n"),
                                      encoding="utf-8")
    result = run_review(tmp_path / "content")
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[0].rsplit("/", 1)[1] for line in result.stdout.splitlines()
            if ": note: " in line] == ["stale.md"]


def test_the_review_issue_stays_within_githubs_limit_however_many_sources_a_page_lists(tmp_path):
    """GitHub refuses an issue body over 65,536 characters, so the daily workflow failed and the
    council's one to-do list went stale; a page's thousands of links or one huge link must not
    push the other pages out of the table either."""
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    many = "".join(f"- [s{n}](https://example.org/{'p' * 200}/{n})\n" for n in range(2000))
    huge = f"- [one](https://example.org/{'q' * 100_000})\n"
    for name, links in (("many.md", many), ("huge.md", huge), ("zz-plain.md", "- [a](https://example.org/a)\n")):
        (content / name).write_text(f"Title: T\nSummary: s.\nReviewed: {TWO_YEARS_AGO.isoformat()}\n\nText.\n\n"
                                    f"## Sources\n\n{links}", encoding="utf-8")
    body, summary = tmp_path / "issue.md", tmp_path / "summary.md"
    result = run_review(tmp_path / "content", "--issue-body", str(body), summary=summary)
    assert result.returncode == 0, result.stderr
    text = body.read_text(encoding="utf-8")
    assert len(text) <= 65536
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1].rsplit("/", 1)[1] for row in rows] == ["huge.md", "many.md", "zz-plain.md"]
    assert "and 1980 more" in rows[1] and "…`" in rows[0]
    assert [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| `")] == rows


def test_any_review_fields_give_findings_not_an_exception():
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415 (only this test fuzzes)
    from hypothesis import strategies as st  # noqa: PLC0415 (as above)

    from test_no_bare_exception import NUMBER, TEXT  # noqa: PLC0415 (the project's hostile values)

    value = st.one_of(TEXT, NUMBER, st.sampled_from(["9999-12-31", "0001-01-01", "2200-12-31",
                                                     "1970-01-01", "2026-1-2", "999 years", "0 days"]))

    @settings(max_examples=300, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(value, value, TEXT)
    def check(reviewed, interval, source):
        text = (f"Title: T\nReviewed: {reviewed}\nReview_in: {interval}\n\nText.\n\n## Sources\n\n"
                f"- [s](https://example.org/{source})\n")
        found = review.read("p.md", text, ["Sources"])
        problems = review.unreadable(found)
        assert all(p.severity == "error" for p in problems)
        review.findings(found, TODAY, relativedelta(years=1))
        if found.due(relativedelta(years=1)) is not None:
            assert review.table([found], TODAY, relativedelta(years=1)).count("\n") == 2
        else:
            assert problems or reviewed.strip() == ""

    check()
