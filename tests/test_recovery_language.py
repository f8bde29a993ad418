"""The recovery_language plugin: the pure loader (no Pelican) and its messages, its settings, and
a real build that must report a broken data file at the right line."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_content, get_settings
from recovery_language import load_terms
from recovery_language.recovery_language import DEFAULTS, get_config
from sitelib.languages import other_languages

DATA = ROOT / "content/data/recovery-language.yml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "recovery_language"
SHOWN = "content/data/recovery-language.yml"


def test_real_data_file_has_the_eleven_pairs():
    terms, errors = load_terms(DATA, SHOWN, other_languages(get_settings()))
    assert errors == []
    assert len(terms) == 11
    assert terms[0].clinical == "Decompensated" and terms[0].recovery == ("Not doing well",)
    manipulative = next(t for t in terms if t.clinical == "Manipulative")
    assert manipulative.recovery == ("Getting needs met", "Strategic")
    assert [t.line for t in terms] == sorted(t.line for t in terms)
    assert DATA.read_text().splitlines()[manipulative.line - 1].strip() == "- clinical: Manipulative"


@pytest.mark.parametrize("fixture, valid, expected", [
    ("missing_recovery.yml", 1, [
        "5: error: term 2 ('Chronic') has no 'recovery' list; add 'recovery:' followed by one or more "
        "'- <alternative>' lines"]),
    ("recovery_not_a_list.yml", 0, [
        "3: error: term 1 ('Decompensated'), 'recovery' must be a list (one '- item' per line), not text; "
        "write it as '- Not doing well' on the next line"]),
    ("empty_recovery.yml", 0, [
        "3: error: term 1 ('Decompensated'), 'recovery' is an empty list; add at least one "
        "'- <alternative>' line"]),
    ("unknown_key.yml", 0, [
        "5: error: term 1 ('Decompensated') has an unknown key 'recovey'; only 'clinical', 'recovery' "
        "and 'es' are allowed (check the spelling)"]),
    ("yes_no_value.yml", 1, [
        "5: error: term 2, 'clinical' must be text, not the yes/no value false; put it in quotes: \"no\""]),
    ("blank_alternative.yml", 0, [
        "5: error: term 1 ('Decompensated'), 'recovery' item 2 is blank; write the words or remove the line"]),
    ("duplicate_term.yml", 1, [
        "5: error: the clinical term 'chronic' is listed twice (first on line 2); merge the two entries "
        "into one"]),
    ("no_terms_key.yml", 0, [
        "1: error: the file needs a top-level 'terms:' list of clinical terms and their alternatives",
        "1: error: the file has an unknown key 'glossary'; only 'terms' is allowed (check the spelling)"]),
    ("bad_indentation.yml", 0, [
        "5: error: this is not valid YAML (expected <block end>, but found '<block sequence start>'); "
        "check the indentation and quotes on this line and the one above"]),
    ("empty.yml", 0, ["1: error: the file is empty; it needs a top-level 'terms:' list"]),
])
def test_each_malformed_file_gets_one_path_line_message(fixture, valid, expected):
    terms, errors = load_terms(FIXTURES / fixture, SHOWN, ("es",))
    assert errors == [f"{SHOWN}:{line}" for line in expected]
    assert len(terms) == valid


def test_yaml_anchors_and_aliases_are_an_error_at_their_lines_and_never_expanded(tmp_path):
    """Aliases of aliases ("billion laughs") would turn a few lines into millions of words for
    the glossary and its checks; the file is refused, as the search words' file is."""
    data = tmp_path / "recovery-language.yml"
    data.write_text("terms:\n  - clinical: Decompensated\n    recovery: &a [lol, lol, lol, lol, lol]\n"
                    "  - clinical: Chronic\n    recovery: &b [*a, *a, *a, *a, *a]\n"
                    "  - clinical: Manipulative\n    recovery: [*b, *b, *b, *b, *b]\n", encoding="utf-8")
    terms, errors = load_terms(data, SHOWN, ("es",))
    assert terms == []
    assert errors == [f"{SHOWN}:{line}: error: this line uses a YAML anchor or alias (&name or *name), "
                      "which this file does not read; write the words out in full" for line in (3, 5, 7)]


def test_lists_nested_thousands_deep_are_an_error_not_a_traceback(tmp_path):
    data = tmp_path / "recovery-language.yml"
    data.write_text("terms: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")  # past Python's 1,000 frames
    terms, errors = load_terms(data, SHOWN)
    assert terms == []
    [error] = errors
    assert error.startswith(f"{SHOWN}:1: error: ") and "nested too deep" in error


def test_a_number_thousands_of_digits_long_is_an_error_not_a_traceback(tmp_path):
    # Valid YAML, but Python will not turn a 100,000-digit integer into a number (ValueError).
    data = tmp_path / "recovery-language.yml"
    data.write_text("terms:\n  - clinical: " + "9" * 100_000 + "\n    recovery: person\n", encoding="utf-8")
    terms, errors = load_terms(data, SHOWN)
    assert terms == []
    [error] = errors
    assert error.startswith(f"{SHOWN}:1: error: ") and "digits" in error


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    terms, errors = load_terms(tmp_path / "nope.yml", SHOWN)
    assert terms == []
    assert errors == [f"{SHOWN}:1: error: cannot read the glossary data file (No such file or directory); "
                      "create it with a top-level 'terms:' list"]


def test_core_does_not_import_pelican():
    # Load terms.py on its own (not through the package, whose register() needs Pelican).
    code = ("import importlib.util, sys; "
            "spec = importlib.util.spec_from_file_location('terms', 'plugins/recovery_language/terms.py'); "
            "spec.loader.exec_module(importlib.util.module_from_spec(spec)); "
            "print(any(m == 'pelican' or m.startswith('pelican.') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_settings_merge_over_defaults_without_changing_the_users_dict(caplog):
    user = {"data": "glossary/words.yml", "colour": "blue"}
    with caplog.at_level(logging.WARNING):
        config = get_config({"RECOVERY_LANGUAGE": user})
    assert config == {"data": "glossary/words.yml"}
    assert user == {"data": "glossary/words.yml", "colour": "blue"}
    assert DEFAULTS == {"data": "data/recovery-language.yml"}
    assert [r.getMessage() for r in caplog.records] == [
        "recovery_language: unknown key 'colour' in RECOVERY_LANGUAGE (known keys: data); ignored"]
    assert get_config({}) == DEFAULTS


def break_line_three(content):
    data = content / "data/recovery-language.yml"
    lines = data.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- clinical: Manipulative")
    # Turn Manipulative's list into plain text: a schema error on the line of 'recovery:'.
    del lines[start + 2:start + 4]
    lines[start + 1] = "    recovery: Getting needs met\n"
    data.write_text("".join(lines))
    return start + 2  # 1-based line of 'recovery:'


@pytest.mark.content  # the real glossary and pages: the content lane's
def test_real_build_logs_a_bad_entry_at_its_line(tmp_path):
    content = copy_content(tmp_path)
    line = break_line_three(content)
    site = build_site(content, tmp_path / "output")
    # (The clinical-term warnings on pages are test_recovery_language_check.py's business.)
    ours = [r for r in site.records if r.name.startswith("recovery_language")
            and "is clinical language" not in r.getMessage()]
    assert [(r.levelno, r.getMessage()) for r in ours] == [(logging.ERROR, (
        f"content/data/recovery-language.yml:{line}: error: term 2 ('Manipulative'), 'recovery' must be a "
        "list (one '- item' per line), not text; write it as '- Getting needs met' on the next line"))]
    # The other ten pairs still render, so one typo does not blank the page.
    rows = site.soup("resources/recovery-language/").select("table tbody tr")
    assert len(rows) == 10


@pytest.mark.content  # the real glossary and pages: the content lane's
def test_strict_build_fails_on_malformed_yaml(tmp_path):
    content = copy_content(tmp_path)
    data = content / "data/recovery-language.yml"
    data.write_text(data.read_text().replace("  - clinical: Chronic", "   - clinical: Chronic"))
    bad_line = data.read_text().splitlines().index("   - clinical: Chronic") + 1
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"), "-s",
         str(ROOT / "pelicanconf.py"), "--fatal", "errors", "--log-handler", "plain"],
        cwd=ROOT, capture_output=True, text=True, env={"PATH": ""})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"content/data/recovery-language.yml:{bad_line}: error: this is not valid YAML" in output
    # Pelican's own --fatal handling ends the build with a RuntimeError; the YAML problem itself
    # must come out as the message above, never as a yaml exception.
    assert "RuntimeError: Warning or error encountered" in output
    assert "yaml." not in output and "ParserError" not in output


@pytest.mark.content  # the real glossary and pages: the content lane's
def test_missing_data_file_is_an_error_only_when_a_glossary_page_needs_it(tmp_path):
    content = copy_content(tmp_path)
    (content / "data/recovery-language.yml").unlink()
    site = build_site(content, tmp_path / "with-glossary")
    assert [r.getMessage() for r in site.records if r.name.startswith("recovery_language")
            and r.levelno == logging.ERROR] == [
        "content/data/recovery-language.yml:1: error: cannot read the glossary data file (No such file or "
        "directory); create it with a top-level 'terms:' list (the glossary page "
        "pages/resources/recovery-language.md needs it)"]

    for name in ("recovery-language.md", "recovery-language.es.md"):  # both languages' glossary
        (content / "pages/resources" / name).unlink()
    for page in (content / "pages").rglob("*.md"):  # drop the links to the removed pages
        text = page.read_text().replace("{filename}/pages/resources/recovery-language.md", "/")
        page.write_text(text.replace("{filename}/pages/resources/recovery-language.es.md", "/es/"))
    site = build_site(content, tmp_path / "without-glossary")
    assert [r for r in site.records if r.name.startswith("recovery_language") and r.levelno >= logging.WARNING] == []
