"""Slips that used to pass in silence or in the wrong place (tests/fixtures/sites/slips): a
reStructuredText or HTML page (refused: README, "Design decisions"), a news post saved among the
pages, a reference-style link with no definition, and a deleted 404 page."""

import os
import shutil
import subprocess

import pytest

from conftest import FIXTURES, ROOT, build_site

NAME = "slips"
S = f"tests/fixtures/sites/{NAME}"
NOT_READ = "this file is not published: this site reads pages in Markdown only;"

EXPECTED = [
    f"{S}/news/sonoma-county/far-future.md:2: error: the year 9999 in `Date` cannot be right (it must be "
    "between 1970 and 2200), so it was left out; correct the year",
    f"{S}/pages/news/picnic.md:2: error: this file has a `Date` and a `Category` like a news post, but it "
    "is among the pages (content/pages/), so it is published as a page, not as news; move it to "
    "content/news/sonoma-county/",
    f"{S}/pages/about/links.md:4: error: the link [NAMI Sonoma][nami] has no address: no line "
    '`[nami]: …` defines "nami", so the page shows the brackets as they are; add a line '
    "`[nami]: https://…` below the text, or write it as [NAMI Sonoma](https://…)",
    f"{S}/pages/about/links.md:6: error: the link [the county][] has no address: no line "
    '`[the county]: …` defines "the county", so the page shows the brackets as they are; add a line '
    "`[the county]: https://…` below the text, or write it as [the county](https://…)",
    f"{S}/pages/about/old.html:1: error: {NOT_READ} a page written in HTML would bring its own scripts "
    "and styles and escape the checks every page gets; write the page in Markdown, as old.md",
    f"{S}/pages/about/raw.rst:1: error: {NOT_READ} a reStructuredText page escapes the checks every page "
    "gets, and its `include` and `raw` directives can pull a file of the build machine, or a script, "
    "into the page; write the page in Markdown, as raw.md",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / NAME, tmp_path_factory.mktemp("slips") / "output")


def test_each_slip_is_one_message_at_its_line(site):
    assert sorted(r.getMessage() for r in site.records if r.name.startswith("front_matter")) == \
        sorted(EXPECTED)


def test_refused_pages_publish_nothing_and_the_rest_is_built(site):
    files = [p for p in site.output.rglob("*") if p.is_file()]
    data = b"".join(p.read_bytes() for p in files)
    assert b"attacker.example" not in data
    # Pelican would have published raw.rst at /raw-page/ with /etc/hostname pulled in.
    assert not any(word in p.relative_to(site.output).as_posix() for word in ("raw", "old")
                   for p in files if "pagefind" not in p.as_posix())
    assert list(site.output.glob("news/*/far-future/index.html"))  # dated by its file instead
    assert not (site.output / "news" / "9999").exists()
    for page in ("", "about/", "about/links/", "news/picnic/", "404.html"):
        assert site.file_for(page).is_file(), page
    links = site.soup("about/links/")
    assert links.select_one('a[href="https://988lifeline.org/"]') is not None  # the defined one


def test_a_deleted_404_page_is_an_error_naming_it(tmp_path):
    """Deleted (Git knows it was there): an error at its path. A site that never had one
    (a test fixture) is not told to add it."""
    repo = tmp_path / "site"
    shutil.copytree(FIXTURES / "sites" / NAME, repo / "content")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "site"], cwd=repo, check=True)
    subprocess.run([*git, "rm", "-q", "content/pages/404.md"], cwd=repo, check=True)
    os.chdir(repo)
    try:
        built = build_site(repo / "content", tmp_path / "output")
    finally:
        os.chdir(ROOT)
    assert ("content/pages/404.md:1: error: this file is gone (deleted), but the site publishes it as "
            "/404.html (EXTRA_PATH_METADATA in pelicanconf.py); without it visitors get the host's own "
            "page instead, with no crisis line and no menu. Put it back (it is in the repository's "
            "history) or write it again") in built.errors
    assert (tmp_path / "output" / "index.html").is_file()
