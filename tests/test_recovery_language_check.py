"""The recovery-language check (plugins/recovery_language/usage.py and its adapter): a page that
uses a clinical term gets a warning at that line with the glossary's alternatives; quoted terms,
code, link addresses, the front matter and pages that opt out are left alone."""

import logging
import subprocess

import pytest

from conftest import CONTENT, FIXTURES, ROOT, build_site, fixture_copy_with_essentials
from recovery_language.terms import Term
from front_matter.checks import parse
from recovery_language.usage import find_clinical_terms

STORY = "tests/fixtures/sites/recovery_language_check/pages/story.md"
PATIENT = ('try "The person\'s name" or "Person I work with" (see the recovery-language '
           "glossary). If you quote it on purpose, put it in double quotes")


def term_warnings(site):
    return [r.getMessage() for r in site.records
            if r.name.startswith("recovery_language") and r.levelno == logging.WARNING]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("recovery-check") / "output"
    return build_site(FIXTURES / "sites" / "recovery_language_check", output)


def test_each_use_is_a_warning_with_its_alternatives_at_its_line(site):
    assert term_warnings(site) == [
        f'{STORY}:4: warning: "MENTALLY ill" is clinical language; try "Has a mental health '
        'challenge" or "Has lived mental health experience" (see the recovery-language glossary). '
        "If you quote it on purpose, put it in double quotes",
        f'{STORY}:7: warning: "patients" is clinical language; {PATIENT}',
        f"{STORY}:15: warning: \"He’s a schizophrenic\" is clinical language; try \"He's a "
        'person with schizophrenia" (see the recovery-language glossary). If you quote it on '
        "purpose, put it in double quotes",
    ]


def test_warnings_do_not_stop_the_page(site):
    assert site.file_for("story/").exists() and site.file_for("glossary/").exists()
    assert not [m for m in site.errors if "recovery" in m or "clinical" in m]


def test_make_check_passes_with_the_warnings(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "recovery_language_check")
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"INPUTDIR={content}",
         f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'content/pages/story.md:7: warning: "patients" is clinical language; {PATIENT}' in (
        result.stderr.splitlines())


TERMS = [Term("Client, patient", ("Person I work with",), 1),
         Term("Non-compliant", ("Doesn't want to",), 2),
         Term("He's a schizophrenic", ("He's a person with schizophrenia",), 3)]


def found(text):
    return [(u.line, u.written) for u in find_clinical_terms(text, TERMS, parse(text).body_line)]


def test_whole_words_in_any_case_and_the_plural():
    assert found("Title: A\n\nPatients, a CLIENT, outpatient, clientele, patient-led.\n") == [
        (3, "Patients"), (3, "CLIENT")]


def test_spacing_hyphens_and_apostrophes_vary():
    text = "Title: A\n\nHe is non compliant. Non-compliant. He’s a\nschizophrenic.\n"
    assert found(text) == [(3, "non compliant"), (3, "Non-compliant"), (3, "He’s a schizophrenic")]


def test_quotes_code_links_and_front_matter_are_left_alone():
    text = ('Title: Our patient voices\nSummary: client\n    patient\n\n'
            'We say “patient” and "client". `patient` [x](/patient/) <https://a.org/client>\n'
            "~~~\nclient\n~~~\nA client.\n")
    assert found(text) == [(9, "client")]


def test_a_page_without_front_matter_is_read_from_its_first_line():
    assert found("A patient.\n") == [(1, "patient")]


def test_the_real_glossary_page_opts_out(real_site):
    text = (CONTENT / "pages/resources/recovery-language.md").read_text(encoding="utf-8")
    assert "\nRecovery_language_check: off\n" in text.split("\n\n", 1)[0] + "\n"
    assert not [m for m in term_warnings(real_site) if "recovery-language.md" in m]
