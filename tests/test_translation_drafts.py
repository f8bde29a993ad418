"""Translations respect drafts, and Translation_of names a file inside content/
(tests/fixtures/sites/translations_drafts)."""

import os
import shutil

import pytest

from conftest import FIXTURES, ROOT, build_site

NAME = "translations_drafts"
S = f"tests/fixtures/sites/{NAME}"
OUTSIDE = (f'{S}/pages/about/afuera.md:4: error: `Translation_of` names "../../outside.md", which is not '
           "a file inside content/; write the path of the page this one translates, as it is under "
           "content/, e.g. `Translation_of: pages/resources/emergency.md`")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.chdir(ROOT)
    return build_site(FIXTURES / "sites" / NAME, tmp_path_factory.mktemp("drafts") / "output")


def test_a_translation_of_a_draft_is_not_published_and_is_listed_as_a_draft(site):
    published = [p for p in site.output.rglob("*") if p.is_file()]
    assert not any(b"privad" in p.read_bytes() for p in published)  # no draft's text anywhere
    assert not (site.output / "es" / "about" / "stories").exists()
    assert not (site.output / "es" / "about" / "plans").exists()  # by Translation_of
    assert not (site.output / "drafts").exists()  # Pelican's default place for a translated draft
    drafts = site.report.drafts
    assert (f"{S}/pages/about/stories.es.md:1: note: draft, not published. Needs: its original, "
            f"{S}/pages/about/stories.md, is still a draft; this translation is published together "
            "with it (when the original's `Status: draft` line is deleted)") in drafts
    assert any(line.startswith(f"{S}/pages/about/consejo.md:1: note: draft") for line in drafts)
    # A published original's translation is published, with its language switcher.
    assert (site.output / "es" / "about" / "welcome" / "index.html").is_file()
    assert site.soup("about/welcome/").select_one('link[hreflang="es"]') is not None


def test_translation_of_outside_content_is_refused_the_same_whatever_exists_there(site, tmp_path):
    assert OUTSIDE in site.errors
    content = tmp_path / "site" / "content"
    shutil.copytree(FIXTURES / "sites" / NAME, content)
    answers = []
    for exists in (False, True):
        if exists:  # content/pages/about/../../outside.md, i.e. content/../outside.md
            (tmp_path / "site" / "outside.md").write_text("Title: Outside\n\nA file outside.\n")
        os.chdir(tmp_path / "site")
        try:
            built = build_site(content, tmp_path / f"out-{exists}")
        finally:
            os.chdir(ROOT)
        answers.append(sorted(m for m in built.errors if "Translation_of" in m))
    assert answers[0] == answers[1] == [OUTSIDE.replace(f"{S}/", "content/")]
