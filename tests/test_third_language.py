"""A third language is a settings line, a strings file and translations (issue 22).

The test makes exactly those three changes to copies (the real pelicanconf.py, theme and content
stay as they are): French added to LANGUAGES in a copy of pelicanconf.py, a small
theme/strings/fr.yml in a copy of the theme, and French versions of two pages of a fixture site.
Nothing else names the languages (tools/sitelib/languages.py), so the French pages must come
out under /fr/ with lang="fr", in every language switcher, and with no error.
"""

import re
import shutil

import pytest
import yaml

from conftest import ROOT, build_site, fixture_copy_with_essentials
from sitelib import languages

#: The small strings file: a few of the theme's words in French; the rest fall back to English,
#: and the build says which (a warning at the file, not an error).
FRENCH_WORDS = {
    "skip_link": "Aller au contenu principal",
    "home": "Accueil",
    "language_switcher": "Autres langues",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("third-language")
    # 1. The settings line.
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings, added = re.subn(r"^LANGUAGES = \{(.*)\}$", r'LANGUAGES = {\1, "fr": "Français"}', settings,
                              flags=re.MULTILINE)
    assert added == 1, "pelicanconf.py should set LANGUAGES on one line"
    (root / "pelicanconf.py").write_text(settings, encoding="utf-8")
    (root / "plugins").symlink_to(ROOT / "plugins")
    # 2. The strings file.
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / "theme" / "strings" / "fr.yml").write_text(
        yaml.safe_dump(FRENCH_WORDS, allow_unicode=True), encoding="utf-8")
    # 3. The translations.
    content = fixture_copy_with_essentials(root, "translations_clean")
    (content / "pages" / "housing-help.fr.md").write_text(
        "Title: Aide au logement\nSummary: Où trouver de l'aide au logement.\n\nAide au logement.\n",
        encoding="utf-8")
    (content / "pages" / "index.fr.md").write_text(
        "Title: Accueil\nMenu_label: Accueil\nSummary: La page d'accueil.\n\nBienvenue.\n", encoding="utf-8")
    return build_site(content, root / "output", settings_file=root / "pelicanconf.py")


def test_nothing_errors(site):
    assert site.errors == []


def test_french_pages_come_out_in_fr_with_lang_fr(site):
    for url in ("fr/housing-help/", "fr/"):
        soup = site.soup(url)
        assert soup.html["lang"] == "fr", url
    assert site.soup("fr/housing-help/").h1.get_text(strip=True) == "Aide au logement"


def test_the_language_switcher_lists_french_on_every_version(site):
    for url in ("housing-help/", "es/housing-help/"):
        links = {a["hreflang"]: a.get_text(strip=True)
                 for a in site.soup(url).select("a.language-switcher__link")}
        assert links.get("fr") == "Français", (url, links)
    french = {a["hreflang"] for a in site.soup("fr/housing-help/").select("a.language-switcher__link")}
    assert french == {"en", "es"}
    alternates = {link["hreflang"] for link in site.soup("housing-help/").select('link[rel="alternate"][hreflang]')}
    assert {"en", "es", "fr"} <= alternates


def test_french_pages_use_the_french_words_and_english_for_the_rest(site):
    soup = site.soup("fr/housing-help/")
    assert "Aller au contenu principal" in soup.get_text()
    assert soup.select_one("nav.language-switcher")["aria-label"] == "Autres langues"
    # Not in fr.yml: the English words stand in, and the build says which are missing.
    english = yaml.safe_load((ROOT / "theme" / "strings" / "en.yml").read_text(encoding="utf-8"))
    assert english["crisis_label"] in str(soup)
    [warning] = [m for m in site.warnings if "fr.yml" in m]
    assert "theme/strings/fr.yml:1: warning: " in warning
    missing = warning.split("missing here (", 1)[1].split(")", 1)[0].split(", ")
    assert "crisis_label" in missing and "tagline" in missing
    assert not set(FRENCH_WORDS) & set(missing)


def test_a_language_without_a_strings_file_is_an_error_at_the_file(tmp_path):
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings = re.sub(r"^LANGUAGES = \{(.*)\}$", r'LANGUAGES = {\1, "fr": "Français"}', settings,
                      flags=re.MULTILINE)
    (tmp_path / "pelicanconf.py").write_text(settings, encoding="utf-8")
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    site = build_site(fixture_copy_with_essentials(tmp_path, "translations_clean"), tmp_path / "output",
                      settings_file=tmp_path / "pelicanconf.py")
    [error] = site.errors
    assert error.endswith(
        "theme/strings/fr.yml:1: error: this file of the theme's words is missing or is not a list of "
        '`key: words` lines, so pages in "fr" (Français; LANGUAGES in pelicanconf.py) show the en '
        "words; copy en.yml to fr.yml and translate each value")
    # The site is still built, in its two languages with pages.
    assert site.soup("es/housing-help/").html["lang"] == "es"


def test_the_list_is_read_the_same_way_everywhere():
    settings = {"DEFAULT_LANG": "en", "LANGUAGES": {"es": "Español", "en": "English", "fr": "Français"}}
    assert list(languages.site_languages(settings)) == ["en", "es", "fr"]  # the originals' first
    assert languages.other_languages(settings) == ["es", "fr"]
    assert languages.name_language("pages/a/emergency.fr.md") == "fr"
    assert languages.name_language("pages/a/emergency.md") is None
    assert languages.original_by_name("pages/a/index.fr.md") == "pages/a/index.md"


@pytest.mark.parametrize(("value", "words"), [
    ({"es": "Español"}, "LANGUAGES must include DEFAULT_LANG ('en')"),
    (["en", "es"], "LANGUAGES must be a dict of language codes and their names"),
    ({}, "LANGUAGES must be a dict of language codes and their names"),
])
def test_a_broken_list_is_said_in_words_and_the_site_builds_in_its_own_language(value, words):
    settings = {"DEFAULT_LANG": "en", "LANGUAGES": value}
    assert languages.settings_problem(settings).startswith(words)
    assert languages.site_languages(settings) == {"en": "en"}


def test_without_a_list_the_site_has_its_default_language_only():
    assert languages.site_languages({"DEFAULT_LANG": "en"}) == {"en": "en"}
