"""Site search (plugins/site_search): the A–Z list, the search page, Pagefind's index.

Real builds: the real content (``real_site``) for what the search page lists and links, and
which pages Pagefind is told to index. The browser half is test_site_search_browser.py.
"""

import json
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, ROOT, build_site
from site_search import a_to_z, pagefind, search_words
from site_search.site_search import collect

SEARCH_PAGE = "search/index.html"
SEARCH_PAGES = {"en": SEARCH_PAGE, "es": "es/search/index.html"}
PAGEFIND_SCRIPT = "/pagefind/pagefind-component-ui.js"


def test_a_to_z_groups_by_first_letter_ignoring_case_accents_and_quotes():
    entries = [a_to_z.Entry(title, f"/{n}/") for n, title in enumerate(
        ["emergency help", "Émergence", "988 starts", "“Peer” voices", "About", "zebra"])]

    letters = a_to_z.group(entries)

    assert [(letter.letter, [e.title for e in letter.entries]) for letter in letters] == [
        ("#", ["988 starts"]),
        ("A", ["About"]),
        ("E", ["Émergence", "emergency help"]),
        ("P", ["“Peer” voices"]),
        ("Z", ["zebra"]),
    ]
    assert [letter.anchor for letter in letters] == ["a-z-other", "a-z-a", "a-z-e", "a-z-p", "a-z-z"]


def _item(title, url, lang=None, template="page", summary=""):
    return SimpleNamespace(title=title, url=url, lang=lang, template=template, summary=summary)


def test_each_language_gets_its_own_search_page_and_list():
    pages = [_item("Search", "search/", template="search"), _item("Buscar", "es/search/", "es", "search"),
             _item("Emergency help", "resources/emergency/"), _item("Ayuda urgente", "es/resources/emergency/", "es"),
             _item("Only in English", "only/")]
    generators = [SimpleNamespace(pages=pages)]

    search = collect(generators, {"SITEURL": "https://example.org", "DEFAULT_LANG": "en"})

    assert search.url_for("en") == "https://example.org/search/"
    assert search.url_for("es") == "https://example.org/es/search/"
    assert search.url_for("fr") == "https://example.org/search/"  # no French page: the default's
    assert [e.url for letter in search.a_to_z("es") for e in letter.entries] == [
        "https://example.org/es/resources/emergency/"]
    assert [e.title for letter in search.a_to_z("en") for e in letter.entries] == [
        "Emergency help", "Only in English"]


def test_without_a_search_page_there_is_no_search_link():
    search = collect([SimpleNamespace(pages=[_item("Home", "")])], {"SITEURL": "", "DEFAULT_LANG": "en"})
    assert search.url_for("en") == ""


def test_only_the_search_page_loads_pagefind(real_site):
    loading = [path for path in real_site.pages()
               if real_site.soup(path).find("script", src=PAGEFIND_SCRIPT)]
    assert loading == sorted(SEARCH_PAGES.values())
    head = real_site.soup(SEARCH_PAGE).head
    assert head.find("link", rel="stylesheet", href="/pagefind/pagefind-component-ui.css")
    assert head.find("script", src=PAGEFIND_SCRIPT).has_attr("defer")


def test_every_page_links_to_the_search_page_of_its_language_from_its_header(real_site):
    wrong = []
    for path in real_site.pages():
        soup = real_site.soup(path)
        expected = "/" + SEARCH_PAGES.get(soup.html["lang"], SEARCH_PAGE).removesuffix("index.html")
        link = soup.select_one("header .site-header__search a")
        if link is None or link["href"] != expected:
            wrong.append(path)
    assert wrong == []
    assert real_site.soup("es/").select_one(".site-header__search a").get_text() == "Buscar"


def test_content_pages_are_indexed_and_the_search_and_404_pages_are_not(real_site):
    indexed = {path for path in real_site.pages()
               if real_site.soup(path).find("main", attrs={"data-pagefind-body": True})}
    assert "index.html" in indexed
    assert "resources/emergency/index.html" in indexed
    assert "news/2020/sb-803-signed/index.html" in indexed
    assert not indexed & set(SEARCH_PAGES.values())
    assert "404.html" not in indexed
    # What pages repeat (the section list, the pager, "Last updated") is not indexed.
    page = real_site.soup("resources/index.html")
    assert page.select_one("main .section-list").has_attr("data-pagefind-ignore")


def indexed_by_language(site):
    pages = {}
    for path in site.pages():
        soup = site.soup(path)
        if soup.find("main", attrs={"data-pagefind-body": True}):
            pages.setdefault(soup.html["lang"], set()).add("/" + path.removesuffix("index.html"))
    return pages


def test_the_a_to_z_list_holds_every_indexed_page_of_its_language_with_its_summary(real_site):
    indexed = indexed_by_language(real_site)
    assert sorted(indexed) == ["en", "es"]
    for lang, search_page in SEARCH_PAGES.items():
        soup = real_site.soup(search_page)
        assert {a["href"] for a in soup.select(".a-to-z__entry > a")} == indexed[lang], lang
    soup = real_site.soup(SEARCH_PAGE)
    emergency = soup.select_one('.a-to-z__entry > a[href="/resources/emergency/"]').parent
    assert emergency.select_one(".a-to-z__summary p").get_text(strip=True)
    letters = [a.get_text() for a in soup.select(".a-to-z__letters a")]
    assert letters == sorted(letters) and len(letters) == len(soup.select(".a-to-z__letter"))
    spanish = real_site.soup(SEARCH_PAGES["es"])
    assert spanish.select_one('.a-to-z__entry > a[href="/es/resources/emergency/"]')
    assert spanish.select_one("#a-to-z-heading").get_text() == "Todas las páginas, de la A a la Z"


def test_pagefind_wrote_one_index_per_language(real_site):
    entry = json.loads((real_site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["en", "es"]
    for lang, search_page in SEARCH_PAGES.items():
        assert entry["languages"][lang]["page_count"] == len(
            real_site.soup(search_page).select(".a-to-z__entry")), lang


def _bundle(folder):
    """{relative path: bytes} of a Pagefind bundle; pagefind-entry.json parsed, as Pagefind
    writes its languages from a hash map, in any order."""
    files = {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    files["pagefind-entry.json"] = json.loads(files["pagefind-entry.json"])
    return files


def test_the_index_is_the_one_pagefind_writes_with_its_defaults(real_site, tmp_path):
    """The build gives Pagefind each page's body as its root (plugins/site_search/pagefind.py,
    half of Pagefind's time saved): the bundle is the one the plain Pagefind command writes for
    the same pages, file for file. It would not be if a template put something Pagefind reads
    (data-pagefind-meta, -filter, -sort) outside <main data-pagefind-body>."""
    copy = tmp_path / "site"
    shutil.copytree(real_site.output, copy, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--silent"], check=True,
                   capture_output=True)
    built, plain = _bundle(real_site.output / "pagefind"), _bundle(copy / "pagefind")
    assert built.keys() == plain.keys()
    assert [name for name in built if built[name] != plain[name]] == []


def test_a_site_without_a_pagefind_body_is_indexed_as_pagefind_does_by_default(tmp_path):
    """No page marks a body: the run with the body as root fails, and Pagefind indexes every
    <body> instead, as it does by default."""
    for name, words in {"a": "alpha words", "b": "beta words"}.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(
            f'<!doctype html><html lang="en"><head><title>{name}</title></head>'
            f"<body><main><h1>{name}</h1><p>{words}</p></main></body></html>")

    outcome = pagefind.index_site(tmp_path)

    assert outcome.ok and outcome.languages == ("en",), outcome.message
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2


def test_the_link_checker_covers_the_search_page(real_site, tmp_path):
    """The search page's links to Pagefind's files are checked like any other link."""
    copy = tmp_path / "site"
    shutil.copytree(real_site.output, copy)
    (copy / "pagefind" / "pagefind-component-ui.js").unlink()
    result = subprocess.run([sys.executable, "-m", "pelican.plugins.link_checker", "--settings",
                             str(ROOT / "pelicanconf.py"), str(copy)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    errors = sorted(line for line in result.stdout.splitlines() if ": error: " in line)
    assert len(errors) == 2, result.stdout  # the English and the Spanish search page
    assert all('"/pagefind/pagefind-component-ui.js"' in error for error in errors)
    assert "es/search/index.html" in errors[0] and "/search/index.html" in errors[1]


def test_search_words_are_hidden_metadata_that_pagefind_reads_and_does_not_excerpt(real_site):
    """Search words (content/data/search-words.yml): in the indexed <main>, as an attribute of an
    empty hidden element (never
    shown, never the page's text, so never an excerpt) that Pagefind reads as the metadata field
    the search page ranks."""
    def words_of(path):
        found = real_site.soup(path).select("main[data-pagefind-body] [data-search-words]")
        assert len(found) <= 1, path
        if not found:
            return None
        element = found[0]
        assert element.has_attr("hidden") and element.get_text() == "", path
        assert element["data-pagefind-meta"] == "keywords[data-search-words]", path
        return element["data-search-words"]

    assert "988" in words_of("resources/emergency/index.html").split(", ")
    assert "hotline" in words_of("resources/emergency/index.html")
    assert "suicidio" in words_of("es/resources/emergency/index.html")
    assert words_of("history/index.html") is None  # a page without the field has no element
    # The ranking for that field is set by the search page's own script, after Pagefind's.
    scripts = [s["src"] for s in real_site.soup(SEARCH_PAGE).head.find_all("script", src=True)]
    assert scripts.index("/theme/js/search.js") > scripts.index(PAGEFIND_SCRIPT)


def test_hostile_search_words_stay_an_attribute_value(tmp_path):
    site = build_site(FIXTURES / "sites" / "hostile_text", tmp_path / "output", SITE_SEARCH={"index": False})
    words = site.soup("").select_one("[data-search-words]")
    assert words["data-search-words"] == (
        '988 <script>alert("words")</script>, <img src=x onerror=alert(3)>, "quoted" & more')
    assert words.find_all(True) == [] and words.get_text() == ""
    assert set(words.attrs) == {"hidden", "data-pagefind-meta", "data-search-words"}


def test_the_search_words_file_is_read_by_address_and_wrong_lines_are_named():
    text = ("# comment\n"
            "/resources/emergency/: 988, crisis line\n"
            "/es/resources/emergency/:\n"
            "  - suicidio\n"
            "  - emergency\n"
            "resources/emergency: no slashes\n"
            "/resources/emergency/: again\n"
            "/nowhere/: lost words\n"
            "/advocacy/homeless/: housing\n"
            "/about/: \n")
    entries, found = search_words.parse(text, "content/data/search-words.yml")
    assert [(e.address, e.words, e.line) for e in entries] == [
        ("/resources/emergency/", "988, crisis line", 2),
        ("/es/resources/emergency/", "suicidio, emergency", 3),
        ("/nowhere/", "lost words", 8),
        ("/advocacy/homeless/", "housing", 9)]
    assert [(f.line, f.severity) for f in found] == [(6, "error"), (7, "error"), (10, "warning")]
    assert "listed twice (first on line 2)" in found[1].message
    words, unmatched = search_words.match(
        entries, "content/data/search-words.yml",
        published={"/resources/emergency/", "/es/resources/emergency/"}, drafts={"/advocacy/homeless/"})
    assert words == {"/resources/emergency/": "988, crisis line", "/es/resources/emergency/": "suicidio, emergency"}
    assert [(f.line, f.severity) for f in unmatched] == [(8, "error"), (9, "note")]
    assert str(unmatched[0]).startswith("content/data/search-words.yml:8: error: no page has the address /nowhere/")


def test_a_search_words_file_that_is_not_address_and_words_is_an_error_at_its_line():
    cases = (("/a/: [unclosed\n", 1), ("/a/: [open\n/b/: words\n", 1), ("- /a/: words\n", 1), ("/a/:\n  b: c\n", 1))
    for text, line in cases:
        entries, found = search_words.parse(text, "words.yml")
        assert entries == [] and [(f.line, f.severity) for f in found] == [(line, "error")], text


def test_a_wrong_address_in_the_search_words_fails_the_build_at_its_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "sites" / "hostile_text", content)
    (content / "data" / "search-words.yml").write_text("/: home words\n/not-a-page/: lost\n", "utf-8")
    site = build_site(content, tmp_path / "output", SITE_SEARCH={"index": False})
    assert [m for m in site.errors if "search-words.yml" in m] == [
        "content/data/search-words.yml:2: error: no page has the address /not-a-page/; correct it "
        "(as the browser shows it) or delete the line if the page is gone"]
    assert site.soup("").select_one("[data-search-words]")["data-search-words"] == "home words"


def test_a_search_words_file_not_in_utf8_is_an_error_saying_so(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "sites" / "hostile_text", content)
    (content / "data" / "search-words.yml").write_bytes("/: café\n".encode("latin-1"))
    site = build_site(content, tmp_path / "output", SITE_SEARCH={"index": False})
    assert [m for m in site.errors if "search-words.yml" in m] == [
        "content/data/search-words.yml:1: error: the search words cannot be read: save the file "
        "as UTF-8 text (the editor's encoding)"]


def test_hidden_characters_in_the_search_words_are_warnings_at_their_line_naming_them(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "sites" / "hostile_text", content)
    # A zero-width space before the address, a right-to-left override and a zero-width joiner in
    # the words: pasted from a chat or a word processor, invisible in every editor.
    (content / "data" / "search-words.yml").write_text(
        "# words\n\u200b/: home words, cr\u202eisis, 988\u200d\n", "utf-8")
    site = build_site(content, tmp_path / "output", SITE_SEARCH={"index": False})
    found = [m for m in site.messages() if "search-words.yml" in m]
    assert len(found) == 1 and found[0].startswith("content/data/search-words.yml:2: warning: "), found
    for code in ("U+200B (ZERO WIDTH SPACE)", "U+200D", "U+202E (RIGHT-TO-LEFT OVERRIDE)"):
        assert code in found[0]
    assert "delete it from the file" in found[0]
    assert site.soup("").select_one("[data-search-words]")["data-search-words"] == "home words, crisis, 988"


@pytest.mark.parametrize("text, codes", [
    ("/a/: one\x1btwo\n", ["U+001B"]),
    ("/a/: one\u2066two\u2069\n", ["U+2066", "U+2069"]),
    ("/a/: one\u00adtwo, \ufeffthree\n", ["U+00AD", "U+FEFF"]),
], ids=["escape", "bidi isolates", "soft hyphen and BOM"])
def test_each_hidden_character_in_the_search_words_is_named(text, codes):
    entries, found = search_words.parse(text, "words.yml")
    assert [(f.line, f.severity) for f in found] == [(1, "warning")]
    assert all(code in found[0].message for code in codes)
    assert [e.words.replace(" ", "") for e in entries] == ["onetwo" if "three" not in text else "onetwo,three"]


def test_yaml_tricks_in_the_search_words_are_errors_at_their_lines_and_give_no_words(tmp_path):
    """An alias repeats a value without its text (a few kilobytes of aliases became gigabytes of
    words); a tag such as !!python/object asks for something a list of words never needs."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "sites" / "hostile_text", content)
    aliases = ", ".join(["*long"] * 2000)
    (content / "data" / "search-words.yml").write_text(
        f"/nothing/: &long {'988 crisis line ' * 500}\n/: [{aliases}]\n"
        "/else/: !!python/object/apply:os.system ['echo words']\n", "utf-8")
    site = build_site(content, tmp_path / "output", SITE_SEARCH={"index": False})
    found = [m for m in site.errors if "search-words.yml" in m]
    assert [m.split(": error: ")[0] for m in found] == [
        f"content/data/search-words.yml:{n}" for n in (1, 2, 3)], found
    assert "anchor or alias (&name or *name)" in found[0] and "write the words out in full" in found[1]
    assert "YAML tag (!!python/object/apply:os.system)" in found[2]
    assert site.soup("").select_one("[data-search-words]") is None


def test_search_words_nested_too_deep_are_an_error_not_a_traceback():
    # Deeper than Python's recursion limit (yaml.compose takes more than one frame a level),
    # no deeper: PyYAML's scanner takes seconds on thousands of brackets.
    depth = sys.getrecursionlimit()
    entries, found = search_words.parse("/a/: " + "[" * depth + "]" * depth + "\n", "words.yml")
    assert entries == [] and [(f.line, f.severity) for f in found] == [(1, "error")]
    assert "nested too deep" in found[0].message


def test_any_search_words_file_gives_findings_not_an_exception():
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415 (only this test fuzzes)
    from hypothesis import strategies as st  # noqa: PLC0415 (as above)

    from test_no_bare_exception import HOSTILE  # noqa: PLC0415 (the project's hostile alphabet)

    yaml_bits = ["/a/", ": ", "\n", "- ", "&x ", "*x", "!!python/object ", "[", "]", "{", "}", "? ",
                 "|\n  ", "'", '"', "<<: ", "---\n", "%YAML 1.1\n", "\t", "#"]
    line = st.lists(st.one_of(st.sampled_from(yaml_bits), st.text(alphabet=st.sampled_from(HOSTILE),
                                                                    max_size=5)), max_size=12).map("".join)

    @settings(max_examples=400, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(line)
    def check(text):
        entries, found = search_words.parse(text, "words.yml")
        assert all(f.severity in ("error", "warning", "note") and f.line >= 1 for f in found)
        assert all(e.address.startswith("/") and isinstance(e.words, str) for e in entries)
        words, unmatched = search_words.match(entries, "words.yml", {"/a/"})
        assert set(words) <= {"/a/"}

    check()
