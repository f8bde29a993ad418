""""Edit this page" and "Last updated" (plugins/page_meta): on every page a Markdown file makes,
in a real build of the real content; dated by Git, or by the file outside Git."""

import datetime
import os
import shutil
import subprocess

import pytest
import yaml
from pelican.utils import slugify

from conftest import FIXTURES, ROOT, build_site, get_settings
from page_meta import history, page_meta

EDIT = "https://github.com/example-owner/example-site/edit/main/"
#: The theme's words per language: a Spanish page says "Editar esta página".
STRINGS = {lang: yaml.safe_load((ROOT / "theme" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
           for lang in ("en", "es")}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real content, built with a known repository address."""
    output = tmp_path_factory.mktemp("page-meta") / "output"
    return build_site(ROOT / "content", output, PAGE_META={"edit_url": EDIT})


def generated_pages():
    """The pages no Markdown file makes: the direct templates (none on this site: the News page
    lists the posts) and one page per news category."""
    settings = get_settings()
    categories = [slugify(name, settings["SLUG_REGEX_SUBSTITUTIONS"])
                  for name in settings["CATEGORY_SUMMARIES"]]
    return {settings[f"{name.upper()}_SAVE_AS"] for name in settings["DIRECT_TEMPLATES"]} | {
        settings["CATEGORY_SAVE_AS"].format(slug=slug) for slug in categories}


def git_date(path):
    """The way the issue says it, one file at a time: the oracle for the plugin's batch."""
    result = subprocess.run(["git", "log", "-1", "--first-parent", "--diff-merges=first-parent",
                             "--format=%cI", "--", str(path)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.strip()[:10]


def test_every_page_from_a_markdown_file_has_the_edit_link_and_date(site):
    pages = site.pages()
    assert len(pages) > 20
    generated = generated_pages()
    assert generated <= set(pages)
    for path in pages:
        meta = site.soup(path).select("article p.page-meta")
        if path in generated:
            assert meta == [], f"{path}: made from no one file, so nothing to edit"
            continue
        if path == "404.html":
            assert meta == [], "the error page shows no date: the visitor needs a way on (issue 12)"
            continue
        assert len(meta) == 1, f"{path}: no 'Last updated' / 'Edit this page'"
        words = STRINGS["es" if path.startswith("es/") else "en"]
        link = meta[0].find("a", string=words["edit_this_page"])
        assert link is not None, path
        assert link["href"].startswith(EDIT), path
        source = ROOT / link["href"][len(EDIT):]
        assert source.is_file() and source.suffix == ".md", f"{path}: {link['href']}"
        time = meta[0].find("time")
        assert meta[0].get_text(" ", strip=True).startswith(words["last_updated"])
        expected = git_date(source) or datetime.date.fromtimestamp(source.stat().st_mtime).isoformat()
        assert time["datetime"] == expected, f"{path}: {source}"
        day = datetime.date.fromisoformat(expected)
        assert time.get_text() == words["date_format"].format(
            day=day.day, month=words["months"][day.month - 1], year=day.year)
        if not path.startswith("es/"):
            assert time.get_text() == day.strftime("%-d %B %Y")


def test_the_link_opens_the_file_that_made_the_page(site):
    link = site.soup("resources/emergency/").select_one("p.page-meta a")
    assert link["href"] == EDIT + "content/pages/resources/emergency.md"
    link = site.soup("news/2020/sb-803-signed/").select_one("p.page-meta a")
    assert link["href"] == EDIT + "content/news/action-alert/sb-803-signed.md"


def test_outside_git_the_date_is_the_files_own_and_no_link_without_an_address(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "sites" / "front_matter_clean", content)
    page = content / "pages" / "housing-help.md"
    when = datetime.datetime(2021, 3, 4, 12, 0).timestamp()
    os.utime(page, (when, when))
    built = build_site(content, tmp_path / "output", PAGE_META={"edit_url": ""})
    meta = built.soup("housing-help/").select_one("p.page-meta")
    assert meta.find("time")["datetime"] == "2021-03-04"
    assert meta.find("a") is None


def test_parse_log_keeps_each_files_newest_commit():
    text = ("\x1e2024-05-02T10:00:00+00:00\n\ncontent/a.md\ncontent/b.md\n"
            "\x1e2023-01-01T09:00:00-08:00\n\ncontent/a.md\ncontent/c.md\n")
    dates = {os.path.basename(k): v.date().isoformat() for k, v in history.parse_log(text, "/r").items()}
    assert dates == {"a.md": "2024-05-02", "b.md": "2024-05-02", "c.md": "2023-01-01"}


def test_last_changes_is_empty_outside_git(tmp_path):
    (tmp_path / "a.md").write_text("Title: A\n")
    assert history.last_changes(str(tmp_path)) == {}


def test_the_address_comes_from_github_actions_or_the_remote():
    actions = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "council/site"}
    assert page_meta.repository_on_github("/nonexistent", actions) == "https://github.com/council/site"
    for remote in ("https://github.com/council/site.git", "git@github.com:council/site.git"):
        assert page_meta.GITHUB_REMOTE.match(remote).group("repository") == "council/site"
    assert page_meta.GITHUB_REMOTE.match("https://gitlab.com/council/site.git") is None


def test_config_problems_are_logged_once_and_the_users_dict_is_left_alone(caplog):
    user = {"edit_url": 3, "colour": "red"}
    for _ in range(2):
        config = page_meta.get_config({"PAGE_META": user})
    assert config == page_meta.DEFAULTS and user == {"edit_url": 3, "colour": "red"}
    problems = [r.getMessage() for r in caplog.records if r.getMessage().startswith("page_meta:")]
    assert len(problems) == 2


def test_a_page_read_through_a_linked_folder_or_file_gets_its_real_path(tmp_path):
    # The real path of each folder is remembered for the pass; the file itself is still checked.
    real = tmp_path / "real"
    (real / "pages").mkdir(parents=True)
    (real / "pages" / "a.md").write_text("Title: A\n", encoding="utf-8")
    (tmp_path / "content").symlink_to(real)
    (real / "pages" / "b.md").symlink_to(real / "pages" / "a.md")
    folders = {}
    for path in ("content/pages/a.md", "content/pages/b.md", "content/pages/../pages/a.md",
                 "real/pages/missing.md", "content/pages"):
        assert page_meta._real_path(str(tmp_path / path), folders) == os.path.realpath(tmp_path / path), path
    assert page_meta._real_path(str(tmp_path / "content/pages/b.md"), folders) == str(real / "pages" / "a.md")
