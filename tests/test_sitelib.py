"""tools/sitelib: what the plugins share remembers answers (issue 22's build time) without ever
giving a stale one: a path is shown from the working directory of the moment, and a strings
file saved again is read again."""

import os

import pytest

import yaml

from sitelib import findings, languages


def test_a_path_is_shown_from_the_working_directory_of_the_moment(tmp_path, monkeypatch):
    page = tmp_path / "site" / "content" / "pages" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text("Title: A\n", encoding="utf-8")
    content = tmp_path / "site" / "content"
    monkeypatch.chdir(tmp_path / "site")
    assert findings.display_path(str(page), str(content)) == "content/pages/a.md"
    assert findings.display_path(str(page), str(content)) == "content/pages/a.md"  # remembered
    monkeypatch.chdir(content)
    assert findings.display_path(str(page), str(content)) == "pages/a.md"
    monkeypatch.chdir(tmp_path / "site" / "content" / "pages")
    assert findings.display_path("a.md", "..") == "a.md"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    # Outside the working directory: relative to the content folder's parent.
    assert findings.display_path(str(page), str(content)) == os.path.join("content", "pages", "a.md")
    assert findings.display_path(str(page)) == str(page)


def _write(path, words, later=0):
    path.write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    if later:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + later))


def test_a_strings_file_saved_again_is_read_again(tmp_path):
    folder = tmp_path / "strings"
    folder.mkdir()
    both = {"en": "English", "es": "Español"}
    _write(folder / "en.yml", {"home": "Home", "menu": "Menu"})
    _write(folder / "es.yml", {"home": "Inicio"})
    assert languages.theme_strings(folder, both, "en")["es"] == {"home": "Inicio", "menu": "Menu"}
    assert [(os.path.basename(path), severity) for path, _, severity, _ in
            languages.strings_problems(folder, both, "en")] == [("es.yml", "warning")]

    # The same size and the same modification time to the nanosecond: a new inode (an editor
    # that saves by renaming) is enough to be read again.
    replacement = folder / "es.new"
    _write(replacement, {"home": "Hogar!"})
    os.utime(replacement, ns=(os.stat(folder / "es.yml").st_atime_ns, os.stat(folder / "es.yml").st_mtime_ns))
    replacement.replace(folder / "es.yml")
    assert languages.theme_strings(folder, both, "en")["es"]["home"] == "Hogar!"

    # Saved in place with the missing word added, a second later.
    _write(folder / "es.yml", {"home": "Inicio", "menu": "Menú"}, later=10**9)
    assert languages.theme_strings(folder, both, "en")["es"] == {"home": "Inicio", "menu": "Menú"}
    assert languages.strings_problems(folder, both, "en") == []

    # A file that can no longer be read is said so, not taken from memory.
    (folder / "es.yml").unlink()
    assert [severity for _, _, severity, _ in languages.strings_problems(folder, both, "en")] == ["error"]


def test_a_strings_file_with_an_anchor_is_refused_at_its_line_not_expanded(tmp_path):
    folder = tmp_path / "strings"
    folder.mkdir()
    both = {"en": "English", "es": "Español"}
    _write(folder / "en.yml", {"home": "Home", "menu": "Menu"})
    (folder / "es.yml").write_text('home: &a "Inicio"\nmenu: *a\n', encoding="utf-8")
    [(path, line, severity, message)] = languages.strings_problems(folder, both, "en")
    assert (os.path.basename(path), line, severity) == ("es.yml", 1, "error")
    assert "es.yml" not in message and "en words" in message
    # Its pages fall back to the default language's words; nothing of the alias is used.
    assert languages.theme_strings(folder, both, "en")["es"] == {"home": "Home", "menu": "Menu"}

    (folder / "es.yml").write_text('home: "Inicio"\nmenu: [unclosed\n', encoding="utf-8")
    [(_, line, severity, message)] = languages.strings_problems(folder, both, "en")
    assert (line, severity) == (2, "error") and "YAML" in message

    # A bracket left open on a line above others is named where it opened, not on the next line.
    (folder / "es.yml").write_text('home: "Inicio"\nmenu: [open\nfooter: "Pie"\n', encoding="utf-8")
    [(_, line, _, _)] = languages.strings_problems(folder, both, "en")
    assert line == 2


@pytest.mark.parametrize("text", ["home: " + "9" * 100_000 + "\n", "home: 2024-13-45\n",
                                  "home: " + "[" * 2_000 + "]" * 2_000 + "\n"],
                         ids=["a 100,000-digit number", "a 13th month", "brackets nested 2,000 deep"])
def test_a_strings_file_python_cannot_hold_is_refused_with_its_path_not_a_traceback(tmp_path, text):
    folder = tmp_path / "strings"
    folder.mkdir()
    both = {"en": "English", "es": "Español"}
    _write(folder / "en.yml", {"home": "Home"})
    (folder / "es.yml").write_text(text, encoding="utf-8")
    [(path, line, severity, _)] = languages.strings_problems(folder, both, "en")
    assert (os.path.basename(path), line, severity) == ("es.yml", 1, "error")
    assert languages.theme_strings(folder, both, "en")["es"] == {"home": "Home"}


def test_a_strings_file_not_in_utf8_is_said_to_be_unreadable_not_a_bad_number(tmp_path):
    folder = tmp_path / "strings"
    folder.mkdir()
    both = {"en": "English", "es": "Español"}
    _write(folder / "en.yml", {"home": "Home"})
    (folder / "es.yml").write_bytes("home: Página\n".encode("latin-1"))
    [(_, _, severity, message)] = languages.strings_problems(folder, both, "en")
    assert severity == "error" and "number" not in message
