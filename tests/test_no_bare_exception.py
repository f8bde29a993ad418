"""No bare exception from content: every content-facing entry point is fed names and values
with control characters, XML specials, invisible characters and extreme numbers, and answers
with findings (or a built page), never with an exception.

Hypothesis, pinned in requirements.txt, runs derandomized: the same examples on every run, so a
failure in CI is one a developer can reproduce."""

import logging
import os
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, build_site
from front_matter import checks, event_checks
from front_matter import fields as F
from safe_files import safe_files, svg
from sitelib import names
from sitelib.findings import Finding
from translations import core

#: What a hurried volunteer pastes and a stranger types: XML and HTML specials, URL delimiters,
#: C0 and C1 controls (Word's U+000B), invisible and right-to-left marks, non-characters,
#: accented letters, digits and signs for extreme numbers.
HOSTILE = ("&<>\"'`\\/#?%;:=[]{}()|*!~^$@\t\n\r\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x80\x85\x9f"
           "\u00a0\u200b\u200d\u2028\u2029\u202e\ufeff\ufffe\uffff\U0001f600éñÅ-_. +")
TEXT = st.text(alphabet=st.sampled_from(HOSTILE + string.ascii_letters + string.digits), max_size=40)
NUMBER = st.one_of(st.integers(min_value=-10**30, max_value=10**30).map(str),
                   st.sampled_from(["9999", "0", "-1", "1e309", "nan", "inf", "00000000001",
                                    "99999-12-31", "0000-00-00", "9999-12-31 23:59",
                                    "1900-01-01", "2024-02-30", "2024-13-01 25:61"]))
VALUE = st.one_of(TEXT, NUMBER)
FIELD_NAMES = [f.name for f in F.FIELDS] + ["Slug", "Save_as", "Lang", "Translation_of"]
FAST = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def front_matter(draw_fields):
    return "\n".join(f"{name}: {value}" for name, value in draw_fields)


FIELDS = st.lists(st.tuples(st.sampled_from(FIELD_NAMES), VALUE), max_size=12)
RULES = checks.Rules(categories=("Action Alert", "Sonoma County"), templates=("page",),
                     read_date=lambda value: __import__("pelican.utils").utils.get_date(value),
                     fallback_title="Page", fallback_date="2024-01-01")


@FAST
@given(FIELDS, TEXT, st.sampled_from([F.PAGE, F.SECTION, F.ARTICLE, F.EVENT]))
def test_front_matter_checks_answer_with_findings(fields, body, kind):
    text = front_matter(fields) + "\n\n" + body
    cleaned, _ = checks.hidden_characters(text, "content/x.md")
    result = checks.check(cleaned, kind, "content/x.md", RULES)
    assert all(f.severity in ("error", "warning", "note") for f in result.findings)
    if kind == F.EVENT:
        event_checks.check(result.front_matter, result.meta, "content/x.md", "America/Los_Angeles",
                           RULES.read_date)
        event_checks.read(result.meta, "America/Los_Angeles", RULES.read_date)
    checks.undefined_references(cleaned, result.front_matter.body_line, cleaned, "content/x.md")


@FAST
@given(st.lists(TEXT.filter(bool), min_size=1, max_size=4))
def test_every_name_gets_an_answer(parts):
    found = names.path_problem("/".join(parts))
    assert found is None or found[0] in ("error-left-out", "error", "warning")
    for part in parts:
        assert names.suggested(part)  # the advice always names something


@FAST
@given(VALUE, st.sampled_from(["es", "en", "fr", "xml"]), TEXT)
def test_translation_checks_answer_with_findings(target, lang, name):
    path = f"pages/{name}.{lang}.md"
    record = core.Record(path=path, shown="content/" + path, lang=lang, slug=name,
                         translation_of=core.normalise_target(target) or None)
    found = core.check([record], {"en": "English", "es": "Español"}, "en", exists=lambda p: False, shown_of=str)
    assert all(f.severity == "error" for f in found)
    core.original_of(record, "en")


SVG_PARTS = st.sampled_from([
    "<circle r='1'/>", "<script>x</script>", "<?xml-stylesheet href='//x'?>", "<!--c-->",
    "<style>@\\69mport 'x';a{fill:u\\72l(//x)}</style>", "<a href='javascript:x'/>",
    "<h:iframe xmlns:h='http://www.w3.org/1999/xhtml' srcdoc='&lt;script&gt;'/>",
    "<use href='#a'/>", "<image href='data:image/png;base64,AA'/>", "&amp;", "&lt;", "&x;",
    "<rect style='fill:url(\"#a\")' fill='url(//x)'/>", "\x0b", "\x00", "]]>", "<![CDATA[<]]>"])


@FAST
@given(st.lists(st.one_of(SVG_PARTS, TEXT), max_size=8), st.booleans())
def test_svg_check_answers_with_problems(parts, declare):
    head = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>' if declare else ""
    data = (head + '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(parts) + "</svg>")
    for encoded in (data.encode("utf-8", "surrogatepass"), data.encode("utf-16", "surrogatepass")):
        for problem in svg.problems(encoded):
            assert problem.line >= 1 and problem.message


@settings(max_examples=300, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=64), st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
                     st.binary(max_size=64).map(lambda b: b"\x89PNG\r\n\x1a\n" + b)),
       ending=st.sampled_from(
    ["png", "jpg", "pdf", "webp", "avif", "gif", "svg", "html", "", "PNG", "tar.gz"]))
def test_static_type_check_answers(tmp_path, data, ending):
    path = tmp_path / (f"file.{ending}" if ending else "file")
    path.write_bytes(data)
    why = safe_files.type_problem(str(path))
    assert why is None or isinstance(why, str)


# --- Whole builds: a hostile name and hostile values in each kind of content ---------------------

SAFE_FOR_DISK = st.text(alphabet=st.sampled_from(
    "&<>\"'`#?%;=[]{}()|!~^$@ \t\n\x0b\x1b\u00a0\u200b\u202e\ufeffé" + string.ascii_lowercase + "-_."),
    min_size=1, max_size=24).filter(lambda n: n not in (".", "..") and not n.startswith("."))


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")


@settings(max_examples=12, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=SAFE_FOR_DISK, title=TEXT, value=VALUE, year=NUMBER, target=VALUE)
def test_a_build_with_hostile_names_and_values_never_raises(tmp_path_factory, name, title, value,
                                                            year, target):
    base = tmp_path_factory.mktemp("hostile-build")
    content = base / "content"
    _write(content / "pages" / "index.md", "Title: Home\nSummary: Home.\n\nHome.\n")
    _write(content / "pages" / "about" / "index.md", "Title: About\nSummary: About.\n\nAbout.\n")
    _write(content / "pages" / "about" / f"{name}.md",
           f"Title: {title}\nSummary: {value}\nOrder: {year}\n\n{value} [x][{title}]\n")
    _write(content / "pages" / "about" / f"{name}.es.md",
           f"Title: {title}\nSummary: {value}\nTranslation_of: {target}\n\nTexto.\n")
    _write(content / "news" / "sonoma-county" / f"{name}.md",
           f"Title: {title}\nDate: {year}\nCategory: {value}\nSummary: {value}\n\n{title}\n")
    _write(content / "events" / f"{name}.md",
           f"Title: {title}\nSummary: {value}\nStart: {year}-01-01 10:00\nEnd: {year}-01-01 11:00\n"
           f"Time_zone: {value}\nPlace: {value}\nRepeat: {value}\nRepeat_until: {year}\n\nText.\n")
    _write(content / "images" / f"{name}.svg", f"<svg xmlns='http://www.w3.org/2000/svg'>"
                                               f"<title>{title}</title></svg>")
    os.chdir(base)
    try:
        site = build_site(content, base / "output")  # raises if anything is bare
    finally:
        os.chdir(ROOT)
    bare = [r.getMessage() for r in site.records if r.exc_info or r.levelno >= logging.CRITICAL]
    assert bare == []
    # Every finding is one line, whatever the file's name holds (a tab, Word's line break).
    assert not [m for m in site.messages() if "\n" in m or "\x0b" in m]
    assert not any(m.startswith(("Could not process", "Skipping")) for m in site.messages())
    assert (base / "output" / "index.html").is_file()  # the rest of the site is built
    assert (base / "output" / "about" / "index.html").is_file()


def test_a_finding_about_a_name_with_a_line_break_stays_one_line():
    assert str(Finding("content/pages/new\nline\t.md", 1, "error", "m")) == \
        "content/pages/new\\nline\\t.md:1: error: m"
