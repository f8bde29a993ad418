"""The link checker (plugins/pelican-link-checker, installed) on this site, asserted on real builds.

One fixture per kind of broken link: a page of tests/fixtures/sites/links_broken named after
it, or a small HTML file of tests/fixtures/links for what Markdown cannot write; each test
asserts the exact finding and its line. Then a clean site with no findings, the real site with
no errors, the three report formats, the command line and `make check`.
"""

import json
import logging
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, build_site

from pelican.plugins.link_checker import Site, validate
from pelican.plugins.link_checker.checks import _join, _valid_phone, page_url
from pelican.plugins.link_checker.config import DEFAULTS, get_config
from pelican.plugins.link_checker.report import github_report, json_report, text_report
from pelican.plugins.link_checker.validate import Result
from pelican.plugins.link_checker.findings import Finding

BROKEN = "tests/fixtures/sites/links_broken"
PAGES = f"{BROKEN}/pages"
HTML = "tests/fixtures/links"


@pytest.fixture(autouse=True)
def from_the_repository(monkeypatch):
    # Findings name files relative to the working directory, as `make` runs from the root.
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / "links_broken", tmp_path_factory.mktemp("links-broken") / "output")


def link_findings(site, level=logging.WARNING):
    """What the link checker logged during a build, in order."""
    return [r.getMessage() for r in site.records
            if r.name.startswith("pelican.plugins.link_checker") and r.levelno >= level]


def findings_in(site, path):
    return [m for m in link_findings(site) if m.startswith(path + ":")]


# --- one fixture per kind of broken link -------------------------------------------------------

EXPECTED = {
    "broken_fragment.md": [
        f'{PAGES}/broken_fragment.md:3: error: the link "{{filename}}/pages/target.md#second-headin" points '
        'to a part of /target/ that does not exist: no heading or element there has id="second-headin". '
        "Did you mean #second-heading?",
    ],
    "missing_alt.md": [
        f'{PAGES}/missing_alt.md:5: error: the image "{{static}}/images/dot.svg" has no alt text: add '
        'alt="what the image shows" (in Markdown, ![what the image shows](…)), or alt="" if it is only '
        "decoration",
    ],
    "empty_alt.md": [
        f'{PAGES}/empty_alt.md:5: warning: the image "{{static}}/images/dot.svg" has empty alt text, so '
        "screen readers skip it: describe it in the brackets, ![what the image shows](…), unless it is "
        "only decoration",
    ],
    "missing_page.md": [
        f'{PAGES}/missing_page.md:3: error: the link "/targit/" leads to a page that does not exist: '
        "nothing is published at /targit/. Did you mean /target/?",
    ],
    "markdown_link.md": [
        f'{PAGES}/markdown_link.md:3: error: the link "target.md" leads to a page that does not exist: '
        "nothing is published at /markdown_link/target.md (an address without a leading / is read from "
        "this page's own, /markdown_link/). To link to a Markdown file, put {filename} in front: "
        '"{filename}target.md"',
    ],
    "empty_href.md": [
        f'{PAGES}/empty_href.md:3: error: the link "" is empty: give it the address of a page, or remove '
        "the link",
        f'{PAGES}/empty_href.md:5: error: the link "#" leads nowhere: give it the address of a page, or of '
        "a heading on this page (#the-heading-id), or remove the link",
    ],
    "bad_mailto.md": [
        f'{PAGES}/bad_mailto.md:3: error: the email link "mailto:council@example" is not a valid address: '
        "expected mailto: and an address, like mailto:name@example.org",
    ],
    "bad_tel.md": [
        f'{PAGES}/bad_tel.md:3: error: the phone link "tel:855-845-74l5" is not a valid phone number: '
        "expected tel: and the digits, with the country code for a full number, like tel:+17074817965",
    ],
    "bad_sms.md": [
        f'{PAGES}/bad_sms.md:3: error: the text-message link "sms:HOME-741741" is not a valid number: '
        "expected sms: and the digits, like sms:741741",
    ],
    "plain_http.md": [
        f'{PAGES}/plain_http.md:3: warning: the link "http://example.org/county/" is not encrypted (http): '
        'use "https://example.org/county/" if the site offers it',
        # Line 5's image from another host is refused before the link checker sees it: the HTML
        # policy reports it at the same line and leaves it out of output/ (test_html_policy.py).
    ],
    "protocol_relative.md": [
        f'{PAGES}/protocol_relative.md:3: error: the link "//example.org/county/" does not say https: and '
        'breaks when the page is opened from a file or over http: write "https://example.org/county/"',
    ],
    "case_mismatch.md": [
        f'{PAGES}/case_mismatch.md:3: error: the link "/Target/" differs from /target/ only in letter '
        'case; web servers treat them as different addresses: write "/target/"',
    ],
    "duplicate_id.md": [
        f'{PAGES}/duplicate_id.md:5: error: the id "main-content" is used 2 times on /duplicate_id/: a '
        "link to #main-content reaches only the first. Give this heading or element an id of its own",
    ],
    "unresolved_placeholder.md": [
        f'{PAGES}/unresolved_placeholder.md:3: error: the link "{{filename}}/pages/targte.md" points to '
        f"{PAGES}/targte.md, which does not exist, so Pelican could not replace it. Did you mean "
        '"{filename}/pages/target.md"?',
    ],
    "unpublished_file.md": [
        f'{PAGES}/unpublished_file.md:3: error: the link "{{filename}}/data/notes.yml" points to '
        f"{BROKEN}/data/notes.yml, which Pelican does not publish (it is not a page, an article or a file "
        "in STATIC_PATHS): link to a published page instead",
    ],
    "missing_image.md": [
        f'{PAGES}/missing_image.md:3: error: the image "/images/dott.svg" does not exist: nothing is '
        "published at /images/dott.svg. Did you mean /images/dot.svg?",
    ],
    "draft_link.md": [
        f'{PAGES}/draft_link.md:3: error: the link "{{filename}}/pages/draft.md" points to a draft page, '
        "which is not published: readers would land on the home page instead. Publish that page first "
        '(remove "Status: draft" from it), or remove the link for now',
    ],
    "orphan.md": [
        f"{PAGES}/orphan.md:1: warning: no page links to /orphan/ and the menu does not list it, so "
        "readers cannot find it: link to it from a related page, or add \"Status: hidden\" if only "
        "direct links should reach it",
    ],
}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_each_broken_link_is_reported_at_its_markdown_line(broken_site, fixture):
    assert findings_in(broken_site, f"{PAGES}/{fixture}") == EXPECTED[fixture]


def test_a_link_in_a_summary_is_reported_once_at_the_article_line(broken_site):
    # The News page, the category page and the home page show the summary too: still one finding,
    # at the Markdown line, not at the template that printed the summary.
    article = f"{BROKEN}/news/sonoma-county/broken_summary.md"
    assert findings_in(broken_site, article) == [
        f'{article}:5: error: the link "/no-such-page/" leads to a page that does not exist: nothing is '
        "published at /no-such-page/. Check the address, or link to the page's Markdown file with {filename}",
    ]
    assert broken_site.html("news/").count("/no-such-page/") == 1


def test_the_broken_fixture_has_no_other_findings(broken_site):
    expected = sorted(m for ms in EXPECTED.values() for m in ms)
    others = [m for m in link_findings(broken_site) if m not in expected and "broken_summary.md" not in m]
    assert others == []
    # Every finding goes through logging at its own level, so build_report can count them.
    errors = [r for r in broken_site.records
              if r.name.startswith("pelican.plugins.link_checker") and r.levelno == logging.ERROR]
    assert len(errors) == sum(": error: " in m for m in expected) + 1


def test_pelican_does_not_repeat_what_the_checker_reports(broken_site):
    # The fixture has a {filename} to a missing file and an image with empty alt text: Pelican
    # would say so too, without a line number; only the checker's path:line findings remain.
    messages = broken_site.messages(logging.DEBUG)
    assert any("missing_page.md" in m and ": error: " in m for m in messages)
    assert not [m for m in messages if m.startswith(("Unable to find", "Empty alt attribute"))]


def test_a_clean_site_has_no_findings(fixture_site):
    site = fixture_site("links_clean")
    assert link_findings(site, logging.INFO) == []
    assert site.errors == []
    # It did look: the guide links to the article, a heading of its own and an old-style anchor.
    guide = site.html("guide/")
    assert 'href="/news/2024/first-news/"' in guide and 'href="#old-anchor"' in guide


def test_the_real_site_has_no_link_errors(real_site):
    assert [m for m in link_findings(real_site) if ": error: " in m] == []


def test_a_broken_theme_link_names_its_template_and_every_page(tmp_path):
    # The theme writes CRISIS_PAGE twice on every page (the crisis strip and the footer): one
    # finding at each template line, each naming the pages.
    site = build_site(FIXTURES / "sites" / "links_clean", tmp_path / "output", CRISIS_PAGE="resources/emergencyy/")
    pages = len(site.pages())
    expected = []
    for name in ("crisis_strip.html", "footer.html"):
        template = ROOT / "theme" / "templates" / "partials" / name
        line = next(n for n, text in enumerate(template.read_text().splitlines(), 1) if "CRISIS_PAGE" in text)
        expected.append(
            f'theme/templates/partials/{name}:{line}: error: the link "/resources/emergencyy/" leads '
            "to a page that does not exist: nothing is published at /resources/emergencyy/. Did you mean "
            f"/resources/emergency/? (on / and {pages - 1} more pages)")
    assert link_findings(site) == expected


def test_root_absolute_links_honour_the_path_of_siteurl(tmp_path):
    # Published under https://example.org/council/: the theme's links include the folder and
    # pass; a link written from the root of the host leaves the site.
    site = build_site(FIXTURES / "sites" / "links_siteurl", tmp_path / "output",
                      SITEURL="https://example.org/council", RELATIVE_URLS=False)
    assert 'href="https://example.org/council/resources/emergency/"' in site.html("")
    assert link_findings(site) == [
        "tests/fixtures/sites/links_siteurl/pages/root_absolute.md:3: error: the link "
        '"/resources/emergency/" leads outside the site, which is published under /council/: link to '
        "the page's Markdown file with {filename} so the address is always right",
    ]


# --- HTML fixtures: what Markdown cannot write, and a site without a build record -----------------

HTML_EXPECTED = {
    "duplicate_id.html": [
        f'{HTML}/duplicate_id.html:10: error: the id "menu" is used 2 times on /duplicate_id.html: a link '
        "to #menu reaches only the first. Give this heading or element an id of its own",
    ],
    "form_plain_http.html": [
        f'{HTML}/form_plain_http.html:9: error: the form "http://example.org/subscribe" would load over '
        'plain http, which browsers block on a secure (https) site: use "https://example.org/subscribe"',
    ],
    "iframe_missing.html": [
        f'{HTML}/iframe_missing.html:9: error: the embedded page "/embed/map/" does not exist: nothing is '
        "published at /embed/map/. Check the file name and folder",
    ],
    "missing_stylesheet.html": [
        f'{HTML}/missing_stylesheet.html:6: error: the file "/css/missing.css" does not exist: nothing is '
        "published at /css/missing.css. Check the file name and folder",
    ],
    "og_image_missing.html": [
        f'{HTML}/og_image_missing.html:6: error: the image "/images/preview.png" does not exist: nothing '
        "is published at /images/preview.png. Check the file name and folder",
    ],
    "orphan.html": [
        f"{HTML}/orphan.html:1: warning: no page links to /orphan.html and the menu does not list it, so "
        'readers cannot find it: link to it from a related page, or add "Status: hidden" if only direct '
        "links should reach it",
    ],
    "script_protocol_relative.html": [
        f'{HTML}/script_protocol_relative.html:6: error: the script "//cdn.example.org/menu.js" does not '
        'say https: and breaks when the page is opened from a file or over http: write '
        '"https://cdn.example.org/menu.js"',
    ],
    "srcset_placeholder.html": [
        f'{HTML}/srcset_placeholder.html:9: error: the image "{{static}}/images/dot.svg" was not replaced: '
        "Pelican found no file for {static}. Check the file name and folder",
    ],
    "name_anchor.html": [],  # <a name>, #top and a relative link with a fragment are all fine
}


@pytest.fixture(scope="module")
def html_result():
    os.chdir(ROOT)
    return validate(Site(output=str(FIXTURES / "links")))


@pytest.mark.parametrize("fixture", sorted(HTML_EXPECTED))
def test_each_html_fixture_is_reported_at_its_html_line(html_result, fixture):
    found = [str(f) for f in html_result.findings if f.path == f"{HTML}/{fixture}"]
    assert found == HTML_EXPECTED[fixture]


def test_the_html_fixtures_have_no_other_findings(html_result):
    assert {f.path for f in html_result.findings} == {f"{HTML}/{name}" for name, e in HTML_EXPECTED.items() if e}
    assert html_result.pages == len(list((FIXTURES / "links").glob("*.html")))


# --- small parts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("number, valid", [
    ("988", True), ("+17074817965", True), ("707-481-7965", True), ("(707) 481-7965", True),
    ("+1.707.481.7965;ext=12", True), ("98", False), ("707-481-79x5", False), ("", False),
    ("1+707", False), ("1234567890123456", False),
])
def test_phone_numbers(number, valid):
    assert _valid_phone(number) is valid


@pytest.mark.parametrize("base, path, expected", [
    ("/resources/peer-support/", "../emergency/", "/resources/emergency/"),
    ("/resources/", "emergency/", "/resources/emergency/"),
    ("/", "../../x/", "/x/"),
    ("/404.html", "resources/", "/resources/"),
    ("/a/b/", "./", "/a/b/"),
    ("/a/b/", "..", "/a/"),
])
def test_relative_links_resolve_like_a_browser(base, path, expected):
    assert _join(base, path) == expected


def test_page_urls():
    assert [page_url(p) for p in ("index.html", "a/index.html", "404.html", "a/b.html")] == [
        "/", "/a/", "/404.html", "/a/b.html"]


def test_links_setting_is_merged_over_the_defaults_and_checked(caplog):
    user = {"ignore": ["^https://example\\.org/", "("], "timeout": -1, "per_host": 3, "colour": "red"}
    copy = dict(user)
    with caplog.at_level(logging.WARNING):
        config = get_config({"LINK_CHECKER": user})
    assert user == copy  # the user's dict is never changed
    assert config["ignore"] == ["^https://example\\.org/"]
    assert config["timeout"] == DEFAULTS["timeout"] and config["per_host"] == 3
    messages = [r.getMessage() for r in caplog.records]
    # No settings file defines this dict: the messages name the plugin instead of a line.
    assert len(messages) == 3 and all(m.startswith("pelican.plugins.link_checker: ") for m in messages)
    assert {r.name for r in caplog.records} == {"pelican.plugins.link_checker"}
    assert any("'colour'" in m for m in messages) and any("'('" in m for m in messages)
    assert any("['timeout']" in m for m in messages)


def test_ignored_links_are_not_checked(tmp_path):
    result = validate(Site(output=str(FIXTURES / "links")), {"ignore": [r"^/css/", r"/orphan\.html$"]})
    paths = {f.path for f in result.findings}
    assert f"{HTML}/missing_stylesheet.html" not in paths and f"{HTML}/orphan.html" not in paths
    assert f"{HTML}/iframe_missing.html" in paths


# --- report formats -------------------------------------------------------------------------------

RESULT = Result(
    findings=[
        Finding("content/pages/a.md", 3, "error", 'the link "/x/" leads to a page that does not exist: 100%, yes'),
        Finding("content/pages/a.md", 9, "warning", "the link \"http://e.org/\" is not encrypted"),
        Finding("theme/templates/base.html", 28, "note", "a note,\nin two lines"),
    ],
    pages=12,
    links=340,
)


def test_text_report():
    assert text_report(RESULT) == (
        'content/pages/a.md:3: error: the link "/x/" leads to a page that does not exist: 100%, yes\n'
        'content/pages/a.md:9: warning: the link "http://e.org/" is not encrypted\n'
        # One line per finding, whatever it holds: a line break is written \n.
        "theme/templates/base.html:28: note: a note,\\nin two lines\n"
        "links: 1 error, 1 warning in 12 pages (340 links checked)\n"
    )


def test_github_report_annotates_each_line(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert github_report(RESULT) == (
        '::error file=content/pages/a.md,line=3,title=Link check::the link "/x/" leads to a page that does '
        "not exist: 100%25, yes\n"
        '::warning file=content/pages/a.md,line=9,title=Link check::the link "http://e.org/" is not encrypted\n'
        "::notice file=theme/templates/base.html,line=28,title=Link check::a note,%0Ain two lines\n"
        "links: 1 error, 1 warning in 12 pages (340 links checked)\n"
    )


def test_json_report():
    document = json.loads(json_report(RESULT))
    assert document["findings"][0] == {"path": "content/pages/a.md", "line": 3, "severity": "error", "check": "",
                                       "message": 'the link "/x/" leads to a page that does not exist: 100%, yes'}
    assert document["summary"] == {"errors": 1, "warnings": 1, "notes": 1, "pages": 12, "links": 340, "external": 0}


# --- the command line and make ---------------------------------------------------------------------


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run([sys.executable, "-m", "pelican.plugins.link_checker", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)


def test_cli_reads_the_build_record_and_names_markdown_lines(broken_site):
    done = run_cli("--format", "github", str(broken_site.output))
    assert done.returncode == 1
    assert "no record" not in done.stderr
    lines = done.stdout.splitlines()
    assert (f"::error file={PAGES}/case_mismatch.md,line=3,title=Link check (case)::the link \"/Target/\" differs "
            "from /target/ only in letter case; web servers treat them as different addresses%3A write "
            '"/target/"') not in lines  # the message part escapes only %, CR and LF
    assert (f"::error file={PAGES}/case_mismatch.md,line=3,title=Link check (case)::the link \"/Target/\" differs "
            'from /target/ only in letter case; web servers treat them as different addresses: write '
            '"/target/"') in lines
    errors = sum(": error: " in m for ms in EXPECTED.values() for m in ms) + 1  # + broken_summary.md
    warnings = sum(": warning: " in m for ms in EXPECTED.values() for m in ms)
    assert lines[-1].startswith(f"links: {errors} errors, {warnings} warnings in {len(broken_site.pages())} pages (")


def test_cli_formats_agree(broken_site):
    text = run_cli(str(broken_site.output))
    document = json.loads(run_cli("--format", "json", str(broken_site.output)).stdout)
    text_lines = text.stdout.splitlines()[:-1]
    assert text_lines == [f"{f['path']}:{f['line']}: {f['severity']}: {f['message']}" for f in document["findings"]]
    assert text_lines == sorted(link_findings(broken_site))
    assert document["summary"]["errors"] == sum(f["severity"] == "error" for f in document["findings"]) > 10


def test_cli_without_a_build_record_names_html_lines(tmp_path):
    done = run_cli("--settings", str(tmp_path / "none.py"), str(FIXTURES / "links"))
    assert done.returncode == 1
    assert "no record of the build" in done.stderr
    assert f"{HTML}/iframe_missing.html:9: error: " in done.stdout


def test_cli_on_a_missing_folder_says_so(tmp_path):
    done = run_cli(str(tmp_path / "nothing"))
    assert done.returncode == 2 and "build the site first" in done.stderr and done.stdout == ""


def test_make_check_fails_on_a_broken_link(tmp_path):
    done = subprocess.run(
        ["make", "--no-print-directory", "check", f"INPUTDIR={ROOT / BROKEN}", f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert f"{PAGES}/broken_fragment.md:3: error: " in output
    assert "build: failed" in output
    assert done.returncode == 2 and "Error 1" in output  # build_report exited 1; make says so
