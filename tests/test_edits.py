"""Every edit accounted for (issue 10): one fixture site per class of slip
(tests/fixtures/sites/edits_*), built for real; each asserts the exact messages, that the pages
are still built, and that `make check` fails on the errors.

Classes: front matter written in the ways volunteers write it; files Pelican would pass over;
dates and quoted values; mistakes that used to abort the whole build; findings reported at
their real source; a missing home page; repeated keys in the glossary's YAML.
"""

import logging
import subprocess

import pytest

from conftest import FIXTURES, ROOT, build_site, fixture_copy_with_essentials
from recovery_language.terms import load_terms

P = "content"  # paths as a build of a copy shows them


def messages(site):
    return sorted(r.getMessage() for r in site.records if r.levelno >= logging.WARNING)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sites = {}

    def build(name):
        if name not in sites:
            tmp = tmp_path_factory.mktemp(name)
            content = fixture_copy_with_essentials(tmp, name)
            sites[name] = build_site(content, tmp / "output")
        return sites[name]

    return build


def make_check(tmp_path, name):
    content = fixture_copy_with_essentials(tmp_path, name)
    done = subprocess.run(["make", "--no-print-directory", "check", f"INPUTDIR={content}",
                           f"OUTPUTDIR={tmp_path / 'output'}"], cwd=ROOT, capture_output=True, text=True)
    return done, done.stdout + done.stderr


# --- Front matter as volunteers write it ----------------------------------------------------------

def test_front_matter_forms_are_read_or_reported_at_their_line(built):
    site = built("edits_front_matter_forms")
    assert messages(site) == [
        f"{P}/pages/no-colon.md:3: error: `Order` needs a colon after its name; write `Order: 2`",
        f"{P}/pages/text-after.md:4: warning: this line comes straight after the fields, with no "
        "blank line between, so it is printed as the page's text; if it belongs to the field "
        "above, indent it by four spaces, else leave a blank line above it",
    ]
    titles = {"wrapped/": "Wrapped summary", "no-colon/": "No colon", "blank-first/": "Blank first",
              "tabbed/": "Tabbed", "spaced/": "Spaced", "yaml/": "Emergency help", "text-after/": "Text after"}
    for url, title in titles.items():
        soup = site.soup(url)
        assert soup.h1.get_text(strip=True) == title, url
        body = soup.find("main").get_text(" ")
        # No field line ever ends up as page text.
        assert "Order" not in body and "Summary" not in body and "---" not in body, url
    # The wrapped Summary is whole, and the Order after it counted: the menu's order is 1…7.
    assert site.soup("").find("meta", attrs={"name": "description"}) is not None
    assert "Where to find housing help in Sonoma County." in site.soup("wrapped/").find(
        "meta", attrs={"name": "description"})["content"]
    menu = [a.get_text(strip=True) for a in site.soup("").select(".site-nav__item > .site-nav__link")]
    assert menu[1:8] == ["Wrapped summary", "No colon", "Blank first", "Tabbed", "Spaced",
                         "Emergency help", "Text after"]
    # The line of text is kept, as text.
    assert "We meet on Mondays." in site.soup("text-after/").find("main").get_text()


# --- Files Pelican would pass over ------------------------------------------------------------------

def test_files_pelican_would_pass_over_are_warnings_with_the_fix(built):
    site = built("edits_unread_files")
    warning = "warning: this file is not published:"
    assert messages(site) == sorted([
        f"{P}/stray.md:1: {warning} pages go in content/pages/ (in their section's folder) and news "
        "posts in content/news/<category>/; move it there",
        f"{P}/data/notes.md:1: {warning} pages go in content/pages/ (in their section's folder) and "
        "news posts in content/news/<category>/; move it there",
        f"{P}/pages/housing.MD:1: {warning} only a lower-case .md ending is read; rename it to housing.md",
        f"{P}/pages/housing.md~:1: {warning} it looks like a backup copy an editor left behind; delete it",
        f"{P}/pages/housing.txt:1: {warning} only Markdown files (ending in .md) are read here; rename "
        "it to housing.md if it is a page, or move it to content/images/ if it is a picture",
    ])
    # A .markdown file gets its address from its folder and name, as a .md file does.
    assert site.file_for("guide/").exists()


def test_a_file_or_folder_whose_name_starts_with_a_dot_is_named_not_published_at_a_hidden_address(tmp_path):
    """A volunteer's `.draft.md` used to be published at /.draft/ (hosts drop such addresses);
    it is left out, as Pelican leaves out hidden files, and named with how to publish it. What
    editors and systems leave beside a file (.DS_Store, a swap file, .obsidian/) is not named."""
    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    pages = content / "pages"
    page = "Title: Draft\nSummary: Not ready.\n\nText.\n"
    (pages / ".draft.md").write_text(page, encoding="utf-8")
    (pages / ".old").mkdir()
    (pages / ".old" / "about.md").write_text(page, encoding="utf-8")
    (pages / ".obsidian").mkdir()
    (pages / ".obsidian" / "workspace.md").write_text(page, encoding="utf-8")
    for artefact in (".DS_Store", ".about.md.swp", "._about.md", ".~lock.about.md#", ".gitkeep"):
        (pages / artefact).write_text("x", encoding="utf-8")
    site = build_site(content, tmp_path / "output")
    hidden = "its name starts with a dot, which hides a file, so the build leaves it out"
    assert messages(site) == [
        f"{P}/pages/.draft.md:1: warning: this file is not published: {hidden}; to publish it, rename "
        "it to draft.md (a page not ready yet can keep `Status: draft` in its front matter instead)",
        f"{P}/pages/.old/about.md:1: warning: this file is not published: it is in the folder .old, "
        "whose name starts with a dot, which hides a folder, so the build leaves it out; to publish "
        "it, rename the folder to old",
    ]
    assert not [p for p in site.output.rglob(".*")], "nothing is published at a hidden address"


# --- Dates and values ------------------------------------------------------------------------------------

def test_dates_must_be_iso_and_quotes_come_off(built):
    site = built("edits_dates")
    assert messages(site) == [
        f'{P}/news/sonoma-county/slashes.md:2: error: the date "03/04/2022" is not written as '
        "YYYY-MM-DD, so it could be read as the wrong day; write it as YYYY-MM-DD, e.g. 2022-03-04",
        f'{P}/news/sonoma-county/weekday.md:2: error: the date "Tuesday" is not written as '
        "YYYY-MM-DD, so it could be read as the wrong day; write it as YYYY-MM-DD, e.g. 2024-02-29",
        f"{P}/pages/quoted.md:3: warning: `Date` is only used on news posts, not on pages; delete this line",
    ]
    # The page with an impossible Date is built, with its quotes taken off its title.
    assert site.soup("quoted/").h1.get_text(strip=True) == "Emergency help"
    titles = {site.soup(p[: -len("index.html")]).h1.get_text(strip=True)
              for p in site.pages() if p.startswith("news/2")}
    assert titles == {"A weekday", "Slashes"}  # dated by the file instead, and built


# --- Nothing aborts the build -------------------------------------------------------------------------------

def test_no_bad_file_costs_another_page(built):
    site = built("edits_no_abort")
    assert messages(site) == [
        f"{P}/news/sonoma-county/meeting.md:4: warning: `Template` is only used on pages, not on "
        "news posts; delete this line",
        f'{P}/pages/news/sonoma-county.md:1: error: this file would publish to /news/sonoma-county/, '
        'the address of the news category "Sonoma County", which the site makes itself, so it was '
        "not built; rename the file or move it to another folder",
        f'{P}/pages/oops.md:4: error: the address "{{filename}}//[oops" cannot be read (a stray '
        '"[", "]" or "//" in it?), so this link was left out; write it like '
        "`[words](https://example.org/)` or `[words]({filename}/pages/about/welcome.md)`",
        f'{P}/pages/welcome.md:3: error: "article" is not a known `Template`; write one of: events, glossary, '
        "home, news, not_found, page, search",
    ]
    for url in ("welcome/", "oops/", "news/2024/meeting/", "news/sonoma-county/"):
        assert site.file_for(url).exists(), url
    assert "See this page." in " ".join(site.soup("oops/").find("main").get_text().split())
    # /news/sonoma-county/ is still the category the site makes, not the page that claimed it.
    category = site.file_for("news/sonoma-county/").read_text()
    assert "A page at the address of a news category" not in category
    assert site.soup("news/sonoma-county/").find("a", href="/news/2024/meeting/") is not None
    assert not any("Traceback" in m or "Could not process" in m for m in site.messages())


# --- Each finding at its real source ---------------------------------------------------------------------

def test_findings_are_reported_where_they_were_written(built):
    site = built("edits_wrong_place")
    plan = ('error: the link "{filename}/pages/plan.md" points to content/pages/plan.md, which '
            'does not exist, so Pelican could not replace it. Did you mean "{filename}/pages/index.md"?')
    assert messages(site) == [
        f"{P}/pages/help/guide.md:2: {plan}",  # in the Summary, shown on the section's page
        f"{P}/pages/help/guide.md:4: {plan}",  # and in the body
        f'{P}/pages/help/index.md:3: error: the link "/nowhere/" leads to a page that does not '
        "exist: nothing is published at /nowhere/. Check the address: write the page's address on "
        "this site, like /resources/emergency/",
        f"{P}/pages/history/index.md:3: error: this page is a draft (`Status: draft`), so its "
        f'section "{P}/pages/history" has no landing page and no title in the menu; delete this '
        "line to publish it",
    ]
    assert site.file_for("history/early/").exists()


def test_a_missing_home_page_is_named_where_it_belongs(built):
    site = built("edits_no_home")
    assert (f"{P}/pages/index.md:1: error: the content has no home page (index.md in the top "
            "folder of the pages), so the menu has no Home. Add one with a Title and a Summary."
            ) in messages(site)


def test_a_repeated_key_in_the_glossary_data_is_an_error_at_its_line():
    terms, errors = load_terms(FIXTURES / "recovery_language" / "repeated_keys.yml", "glossary.yml")
    assert errors == [
        "glossary.yml:5: error: 'clinical' is given twice here (first on line 4), and only the "
        "last one would count; merge the two into one",
        "glossary.yml:8: error: 'terms' is given twice here (first on line 3), and only the last "
        "one would count; merge the two into one",
    ]
    assert [t.clinical for t in terms] == ["Client"]


# --- make check fails on each error class, and names the line ----------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("edits_front_matter_forms", "content/pages/no-colon.md:3: error:"),
    ("edits_dates", "content/news/sonoma-county/slashes.md:2: error:"),
    ("edits_no_abort", "content/pages/news/sonoma-county.md:1: error:"),
    ("edits_wrong_place", "content/pages/help/index.md:3: error:"),
    ("edits_no_home", "content/pages/index.md:1: error:"),
])
def test_make_check_fails_on_each_class(tmp_path, name, expected):
    done, output = make_check(tmp_path, name)
    assert done.returncode == 2, output
    assert any(line.startswith(expected) for line in output.splitlines()), output
    assert "Traceback" not in output


def test_make_check_passes_with_only_warnings_for_unread_files(tmp_path):
    done, output = make_check(tmp_path, "edits_unread_files")
    assert done.returncode == 0, output
    assert "build: 0 errors, 5 warnings" in output
