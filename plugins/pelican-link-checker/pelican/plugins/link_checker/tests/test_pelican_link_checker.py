"""pelican-link-checker on a stock Pelican site (test_data/site: the default theme, Markdown and
reStructuredText, nested pages, an article and its translation). Runs with only Pelican,
Markdown and pytest installed: ``pytest`` in the package's folder."""

import importlib
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from blinker import signal
from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import Pelican, signals
from pelican.log import LimitFilter
from pelican.settings import read_settings

from pelican.plugins.link_checker import CHECKS, ORIGINS_SIGNAL
from pelican.plugins.link_checker.config import get_config
from pelican.plugins.link_checker.findings import Finding
from pelican.plugins.link_checker.record import read_record
from pelican.plugins.link_checker.report import annotated, github_report, summary_table
from pelican.plugins.link_checker.validate import Result, validate

DATA = Path(__file__).parent / "test_data"
PLUGIN = "pelican.plugins.link_checker"

#: What the stock site holds, at its source lines (neutral wording: no setting given).
EXPECTED = [
    'content/blog/summary.md:4: error: the link "/old-notes/" leads to a page that does not exist: nothing is '
    "published at /old-notes/. Check the address, or link to the page's Markdown file with {filename}",
    'content/blog/summary.md:6: error: the link "/old-notes/" leads to a page that does not exist: nothing is '
    "published at /old-notes/. Check the address, or link to the page's Markdown file with {filename}",
    'content/pages/about.md:7: error: the link "/pages/contact.html" leads to a page that does not exist: '
    "nothing is published at /pages/contact.html. Check the address, or link to the page's Markdown file "
    "with {filename}",
    'content/pages/call.md:3: error: the phone link "tel:12" is not a valid phone number: expected tel: and '
    "the digits, with the country code for a full number, like tel:+15555550123",
    'content/pages/guides/advanced/tips.md:5: error: the link "{filename}/pages/about.md#who-we-were" points '
    'to a part of /pages/about.html that does not exist: no heading or element there has id="who-we-were". '
    "Did you mean #who-we-are?",
    'content/pages/guides/install.rst:8: error: the link "/pages/old-guide.html" leads to a page that does not '
    "exist: nothing is published at /pages/old-guide.html. Did you mean /pages/guides.html?",
]


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def build(tmp_path, content=None, **overrides):
    """Build a copy of test_data/site with the plugin; the checker's log lines, in order."""
    source = tmp_path / "content"
    if not source.exists():
        shutil.copytree(content or DATA / "site", source)
    settings = read_settings(override={
        "PATH": str(source), "OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
        "PAGE_PATHS": ["pages"], "ARTICLE_PATHS": ["blog"], "TIMEZONE": "UTC", "PLUGINS": [PLUGIN],
        "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "TRANSLATION_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None, "LOAD_CONTENT_CACHE": False, **overrides})
    # Each build reports afresh (Pelican's LimitFilter de-duplicates warnings across builds).
    for name in ("_ignore", "_raised_messages"):
        getattr(LimitFilter, name, set()).clear()
    capture = Capture()
    logger = logging.getLogger(PLUGIN)
    logger.addHandler(capture)
    try:
        Pelican(settings).run()
    finally:
        logger.removeHandler(capture)
    return [r.getMessage() for r in capture.records if r.levelno >= logging.WARNING]


@pytest.fixture(autouse=True)
def elsewhere(tmp_path, monkeypatch):
    # Findings name files relative to the working directory when they are inside it.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_each_broken_link_is_reported_at_its_markdown_or_rst_line(tmp_path):
    assert build(tmp_path) == EXPECTED


@pytest.mark.parametrize("overrides", [
    {"THEME": "simple"},
    {"RELATIVE_URLS": True},
    {"SITEURL": "https://example.org/docs", "RELATIVE_URLS": False},
    {"PAGE_URL": "{slug}/", "PAGE_SAVE_AS": "{slug}/index.html", "ARTICLE_URL": "posts/{date:%Y}/{slug}/",
     "ARTICLE_SAVE_AS": "posts/{date:%Y}/{slug}/index.html", "ARTICLE_LANG_URL": "{lang}/posts/{slug}/",
     "ARTICLE_LANG_SAVE_AS": "{lang}/posts/{slug}/index.html"},
], ids=["simple-theme", "relative-urls", "siteurl-with-path", "custom-urls"])
def test_any_theme_and_url_scheme_gives_the_same_lines(tmp_path, overrides):
    # The addresses in the messages follow the site's URLs; the places do not move, and the
    # theme's own links (menu, feeds, translations) are never reported.
    found = build(tmp_path, **overrides)
    assert [m.split(": error: ")[0] for m in found] == [m.split(": error: ")[0] for m in EXPECTED]


def test_a_check_can_be_turned_off(tmp_path):
    found = build(tmp_path, LINK_CHECKER={"disable": ["fragment", "tel"]})
    assert found == [m for m in EXPECTED if "tips.md" not in m and "call.md" not in m]


def test_the_site_gives_its_own_examples(tmp_path):
    found = build(tmp_path, LINK_CHECKER={"examples": {"tel": "tel:+17075550100"}})
    assert any(m.endswith("like tel:+17075550100") for m in found)


def test_a_link_from_a_setting_is_reported_where_the_setting_is(tmp_path):
    # notmyidea puts MENUITEMS in every page's menu: without an origin the finding would name
    # the theme's template; LINK_CHECKER["origins"] says where the address was written.
    (tmp_path / "pelicanconf.py").write_text("MENUITEMS = (\n    ('Shop', '/shop/'),\n)\n")
    found = build(tmp_path, MENUITEMS=(("Shop", "/shop/"),),
                  LINK_CHECKER={"origins": {"/shop/": ("pelicanconf.py", 2)}})
    assert ('pelicanconf.py:2: error: the link "/shop/" leads to a page that does not exist: nothing is '
            "published at /shop/. Check the address: write the page's address on this site, like /about/") in found


def test_a_plugin_hands_over_origins_through_the_signal(tmp_path):
    data = tmp_path / "menu.yml"
    data.write_text("menu:\n  - title: Shop\n    url: shop/\n")

    def origins(pelican, generators=(), **kwargs):
        assert generators  # Pelican's generators, to find what the plugin needs
        return {"shop/": (str(data), 3)}

    signal(ORIGINS_SIGNAL).connect(origins)
    try:
        found = build(tmp_path, MENUITEMS=(("Shop", "/shop/"),))
    finally:
        signal(ORIGINS_SIGNAL).disconnect(origins)
    assert any(m.startswith('menu.yml:3: error: the link "/shop/"') for m in found)


def test_without_an_origin_a_theme_link_names_the_template(tmp_path):
    found = build(tmp_path, MENUITEMS=(("Shop", "/shop/"),))
    theme = [m for m in found if "/shop/" in m]
    assert len(theme) == 1 and "templates/base.html:" in theme[0] and "more pages)" in theme[0]


def test_the_check_runs_after_every_other_finalized_receiver(tmp_path):
    # A plugin listed after the checker writes a file on `finalized`: the check still sees it.
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "search.md").write_text("Title: Search\n\nThe [index](/search-index.json).\n")

    def write_index(pelican):
        Path(pelican.output_path, "search-index.json").write_text("{}")

    late = types.ModuleType("late_writer")
    late.register = lambda: signals.finalized.connect(write_index)
    try:
        found = build(tmp_path, PLUGINS=[PLUGIN, late])
    finally:
        signals.finalized.disconnect(write_index)
    assert (tmp_path / "output" / "search-index.json").exists()
    assert not [m for m in found if "search-index" in m]


def test_every_check_has_a_name_and_the_readme_explains_it():
    names = [check.name for check in CHECKS]
    assert len(names) == len(set(names)) and all(check.summary for check in CHECKS)
    readme = Path(__file__).parents[4] / "README.md"
    if readme.exists():  # in the source tree (the wheel ships the code, not the README)
        text = readme.read_text(encoding="utf-8")
        assert [n for n in names if f"`{n}`" not in text] == []


def test_bad_settings_are_named_once(caplog):
    with caplog.at_level(logging.WARNING):
        config = get_config({"LINK_CHECKER": {"disable": ["fragments"], "examples": {"tel": 5},
                                              "origins": {"/x/": "here"}, "colour": "red"}})
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 4 and all(m.startswith(f"{PLUGIN}: ") for m in messages)
    assert any("'fragments'" in m and "fragment," in m for m in messages)
    assert config["disable"] == [] and config["origins"] == {} and config["examples"]["tel"].startswith("tel:")


def test_github_output_shows_ten_per_severity_and_a_table_of_all(tmp_path):
    findings = [Finding(f"content/p{n:02d}.md", 3, "error", f"broken {n}", "missing") for n in range(30)]
    findings += [Finding("content/a.md", 1, "warning", "unlinked", "orphan")]
    result = Result(findings=sorted(findings), pages=31, links=31)
    assert [f.path for f in annotated(result.findings)][:10] == [f"content/p{n:02d}.md" for n in range(10)]
    summary = tmp_path / "summary.md"
    out = github_report(result, summary_file=str(summary))
    assert sum(line.startswith("::error ") for line in out.splitlines()) == 10
    assert sum(line.startswith("::warning ") for line in out.splitlines()) == 1
    assert "20 more findings than GitHub shows as annotations: see the step summary" in out
    assert sum(line.startswith("| error |") for line in summary.read_text().splitlines()) == 30
    assert summary_table(result, limit=1000).count("| error |") < 30
    assert "left out to keep this summary under GitHub's 1 MiB limit" in summary_table(result, limit=1000)


def test_the_command_line_names_source_lines_from_the_build_record(tmp_path):
    build(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n")
    done = subprocess.run([sys.executable, "-m", PLUGIN, "--settings", "pelicanconf.py", "output"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"})
    assert done.returncode == 1
    assert done.stdout.splitlines()[:-1] == EXPECTED


def test_the_command_line_without_a_record_names_html_lines(tmp_path):
    done = subprocess.run([sys.executable, "-m", PLUGIN, "--settings", "none.py", str(DATA / "html")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no record of the build" in done.stderr
    lines = done.stdout.splitlines()
    assert any(line.endswith('index.html:6: error: the link "/missing.html" leads to a page that does not '
                             "exist: nothing is published at /missing.html. Check the address, or link to "
                             "the page's Markdown file with {filename}") for line in lines)
    assert any("index.html:7: error: the image \"/logo.png\" has no alt text" in line for line in lines)


def _steps_to_place(tmp_path, count, same=False):
    """Python lines the checker (checks, validate, locate) runs to check and place a page of
    ``count`` broken links (a count of work, not a time: the same on any machine); ``same``:
    all to one address, written alternately as Markdown and as HTML, each at its own line."""
    content = tmp_path / f"content-{count}"
    shutil.copytree(DATA / "site", content)
    links = "\n\n".join(f"See [page {n}](/gone-{n}/) and [about](/pages/about.html)." for n in range(count))
    if same:
        links = "\n\n".join(f"See [page {n}](/gone/)." if n % 2 else f'<p><a href="/gone/">page {n}</a></p>'
                            for n in range(count))
    (content / "pages" / "many.md").write_text(f"Title: Many\n\n{links}\n", encoding="utf-8")
    site_dir = tmp_path / f"site-{count}"
    site_dir.mkdir()
    build(site_dir, content=content, LINK_CHECKER={"disable": ["missing"]})
    site = read_record(str(site_dir / "cache"), str(site_dir / "output"))
    steps = 0
    # The package's __init__ exports validate() under the module's name: ask for the modules.
    code = {importlib.import_module(f"{PLUGIN}.{name}").__file__ for name in ("locate", "checks", "validate")}

    def tracer(frame, event, arg):
        nonlocal steps
        if frame.f_code.co_filename in code:
            steps += 1
            return tracer
        return None

    sys.settrace(tracer)
    try:
        result = validate(site, {"ignore": [r"^/pages/"]})
    finally:
        sys.settrace(None)
    assert sum(f.path.endswith("many.md") for f in result.findings) == count
    if same:  # each at its own line: the nth link at the nth place
        assert [f.line for f in result.findings if f.path.endswith("many.md")] == list(range(3, 2 * count + 2, 2))
    return steps


def test_placing_the_links_of_a_page_is_linear(tmp_path):
    # Tracing each broken link back to its line once counted, for each, the links written
    # before it, and scanned the list of the page's links from the last one found: a page
    # with 20,000 links took a minute. Twice the links must take about twice the steps.
    small, large = _steps_to_place(tmp_path, 400), _steps_to_place(tmp_path, 1600)
    assert large < 4.6 * small, (small, large)


def test_placing_one_address_written_many_times_is_linear(tmp_path):
    # Each of the links is the nth place of the same address: the places are found once, not
    # once per link.
    small, large = _steps_to_place(tmp_path, 400, same=True), _steps_to_place(tmp_path, 1600, same=True)
    assert large < 4.6 * small, (small, large)


#: A link address no one should write, but anyone can (a pull request from a stranger): a line
#: break then a workflow command, a table cell's end, code, HTML and a percent sign.
HOSTILE = '/gone|`x`<script>alert(1)</script>&amp;50%\n::error file=evil.md,line=1::pwned'


def test_hostile_addresses_and_file_names_cannot_inject_commands_or_html(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "odd,name::x.md").write_text(
        f'Title: Odd\n\n<p>A <a href="{HOSTILE}">bad link</a>.</p>\n', encoding="utf-8")
    build(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n")
    summary = tmp_path / "summary.md"
    done = subprocess.run([sys.executable, "-m", PLUGIN, "--format", "github", "--settings", "pelicanconf.py",
                           "output"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    commands = [line for line in done.stdout.splitlines() if line.lstrip().startswith("::")]
    # Each workflow command is one of ours, whole: file, line and title cannot be cut short.
    assert len(commands) == len(EXPECTED) + 1
    ours = re.compile(r"::error file=[^,:\s]+,line=\d+,title=Link check \([\w-]+\)::")
    assert [c for c in commands if not ours.match(c)] == []
    odd = [c for c in commands if "odd" in c]
    assert len(odd) == 1 and odd[0].startswith("::error file=content/pages/odd%2Cname%3A%3Ax.md,line=3,")
    assert "50%25%0A::error file=evil.md,line=1::pwned" in odd[0]
    # The step summary: the row keeps its five cells; the address shows as text, not HTML.
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if "odd" in line]
    assert len(rows) == 1
    assert len(re.findall(r"(?<!\\)\|", rows[0])) == 6
    assert "<" not in rows[0] and "`" not in rows[0]
    assert ("/gone\\|&#96;x&#96;&lt;script&gt;alert(1)&lt;/script&gt;&amp;50%\\\\n::error file=evil.md,"
            "line=1::pwned") in rows[0]
    # The text report: one line per finding, the line break written as \n.
    text = subprocess.run([sys.executable, "-m", PLUGIN, "--settings", "pelicanconf.py", "output"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout
    assert [line for line in text.splitlines() if "pwned" in line] == [
        'content/pages/odd,name::x.md:3: error: the link "/gone|`x`<script>alert(1)</script>&50%\\n::error '
        'file=evil.md,line=1::pwned" leads to a page that does not exist: nothing is published at /gone|`x`'
        "<script>alert(1)</script>&50%\\n::error file=evil.md,line=1::pwned. Check the address, or link to the "
        "page's Markdown file with {filename}"]


def test_findings_left_out_of_a_full_summary_are_in_the_log(tmp_path):
    findings = [Finding(f"content/p{n:02d}.md", 3, "error", f"broken {n}", "missing") for n in range(30)]
    result = Result(findings=sorted(findings), pages=30, links=30)
    summary = tmp_path / "summary.md"
    limit = len(summary_table(Result(findings=sorted(findings)[:12], pages=30, links=30)).encode()) + 200
    out = github_report(result, summary_file=str(summary), summary_limit=limit)
    table = summary.read_text(encoding="utf-8")
    in_table = {line.split(" | ")[1] for line in table.splitlines() if line.startswith("| error |")}
    in_log = {line.split(":")[0] for line in out.splitlines() if line.startswith("content/")}
    assert len(in_table) < 30 and in_table | in_log == {f.path for f in findings} and not in_table & in_log
    assert f"{30 - len(in_table)} more findings left out" in table and "the job's log lists them" in table
    assert f"{30 - len(in_table)} findings left out of the step summary" in out


def test_files_outside_the_repository_are_annotated_last():
    findings = [Finding("/usr/lib/python3/site-packages/theme/base.html", 4, "error", "theme", "missing"),
                Finding("../elsewhere/page.md", 2, "error", "above", "missing")]
    findings += [Finding(f"content/p{n:02d}.md", 3, "error", f"broken {n}", "missing") for n in range(8)]
    shown = annotated(sorted(findings))
    assert [f.path for f in shown][-2:] == ["../elsewhere/page.md", "/usr/lib/python3/site-packages/theme/base.html"]
    assert [f.path for f in annotated(sorted(findings), limit=8)] == [f"content/p{n:02d}.md" for n in range(8)]


def test_a_missing_fragment_is_matched_to_the_ids_of_the_pages_text_only(tmp_path):
    # notmyidea gives every page id="banner", "menu", "content" …: a writer never means those.
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "parts.md").write_text(
        "Title: Parts\n\n## Our history {#our-history}\n\nSee [our history](#our-histry), "
        "[the banner](#bannerr) and [about's banner]({filename}/pages/about.md#baner).\n", encoding="utf-8")
    found = [m for m in build(tmp_path) if m.startswith("content/pages/parts.md")]
    assert sorted(found) == [
        'content/pages/parts.md:5: error: the link "#bannerr" points to a part of this page that does not '
        "exist: no heading or element there has id=\"bannerr\". Check the heading's id on this page",
        'content/pages/parts.md:5: error: the link "#our-histry" points to a part of this page that does not '
        'exist: no heading or element there has id="our-histry". Did you mean #our-history?',
        'content/pages/parts.md:5: error: the link "{filename}/pages/about.md#baner" points to a part of '
        '/pages/about.html that does not exist: no heading or element there has id="baner". Check the '
        "heading's id on that page",
    ]


def test_a_templates_broken_link_is_named_in_whichever_folder_of_the_loader_holds_it(tmp_path):
    # THEME_TEMPLATES_OVERRIDES and a plugin's own folder are read by Jinja as the theme is.
    # Two tags of page.html fit the broken address alike: the one in its surroundings is named.
    overrides, own = tmp_path / "overrides", tmp_path / "plugin_templates"
    overrides.mkdir()
    own.mkdir()
    (overrides / "page.html").write_text(
        '{% extends "!theme/page.html" %}\n{% block content %}\n{{ super() }}\n<div class="intro">\n'
        '  <a href="{{ SITEURL }}/{{ page.first }}">First</a>\n</div>\n<div class="sidebar">\n'
        '  <a href="{{ SITEURL }}/{{ page.second }}">Second</a>\n</div>\n{% include "more.html" %}\n'
        "{% endblock %}\n", encoding="utf-8")
    (own / "more.html").write_text('<p class="more">\n  <a href="{{ SITEURL }}/plugin-gone/">More</a>\n</p>\n',
                                   encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "parts.md").write_text(
        "Title: Parts\nFirst: pages/about.html\nSecond: gone/\n\nThe parts.\n", encoding="utf-8")

    def add_own_templates(generator):  # as a plugin that ships templates does
        generator.env.loader = ChoiceLoader([generator.env.loader, FileSystemLoader(str(own))])

    signals.generator_init.connect(add_own_templates)
    try:
        found = build(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    finally:
        signals.generator_init.disconnect(add_own_templates)
    assert [m.split(" leads to")[0] for m in found if m not in EXPECTED] == [
        'overrides/page.html:8: error: the link "/gone/"',
        'plugin_templates/more.html:2: error: the link "/plugin-gone/"',
    ]


def test_every_message_names_its_file_and_line_and_the_logger_is_the_plugins(tmp_path, caplog):
    # A bad setting is named at the LINK_CHECKER line of the settings file Pelican read; a
    # receiver that answers the origins signal wrongly, at its own line.
    (tmp_path / "pelicanconf.py").write_text(
        'PATH = "content"\nTIMEZONE = "UTC"\n\nLINK_CHECKER = {\n    "disable": ["fragments"],\n}\n',
        encoding="utf-8")
    shutil.copytree(DATA / "site", tmp_path / "content")
    settings = read_settings(str(tmp_path / "pelicanconf.py"))

    def origins(pelican, **kwargs):
        return ["/shop/"]

    signal(ORIGINS_SIGNAL).connect(origins)
    try:
        with caplog.at_level(logging.WARNING):
            found = build(tmp_path, LINK_CHECKER=settings["LINK_CHECKER"])
    finally:
        signal(ORIGINS_SIGNAL).disconnect(origins)
    line = origins.__code__.co_firstlineno
    assert found[:2] == [
        "pelicanconf.py:4: error: LINK_CHECKER['disable'] names no check 'fragments' (the checks: "
        + ", ".join(check.name for check in CHECKS) + "); ignored",
        f"{os.path.abspath(__file__)}:{line}: error: test_every_message_names_its_file_and_line_and_the_logger_is_"
        "the_plugins.<locals>.origins answered link_checker_origins with 'list', not a dict of {address: (file, "
        "line)}; ignored",
    ]
    assert all(re.match(r"^[^:\s]+:\d+: (error|warning): ", m) for m in found)
    assert {r.name for r in caplog.records if r.name.startswith("pelican.plugins")} == {PLUGIN}


def test_the_readmes_origins_receiver_is_this_working_plugin(tmp_path):
    example = DATA / "origins" / "related_origins.py"
    code = example.read_text(encoding="utf-8")
    readme = Path(__file__).parents[4] / "README.md"
    if readme.exists():  # in the source tree (the wheel ships the code, not the README)
        assert f"```python\n{code}```\n" in readme.read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location("related_origins", example)
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "page.html").write_text(
        '{% extends "!theme/page.html" %}\n{% block content %}\n{{ super() }}\n'
        '{% if page.related %}<p><a href="{{ SITEURL }}/{{ page.related }}">Related</a></p>{% endif %}\n'
        "{% endblock %}\n", encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "parts.md").write_text("Title: Parts\nRelated: gone/\n\nThe parts.\n", encoding="utf-8")
    try:
        found = build(tmp_path, PLUGINS=[PLUGIN, plugin], THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    finally:
        signal(ORIGINS_SIGNAL).disconnect(plugin.related_origins)
    # At the Related: line, not at the template that printed it (overrides/page.html:4).
    assert [m.split(" leads to")[0] for m in found if m not in EXPECTED] == [
        'content/pages/parts.md:2: error: the link "/gone/"']


def test_an_image_written_with_static_gets_advice_for_an_image(tmp_path):
    # An image is a file: its fix is {static}, not {filename}; and {static}/x is not an address
    # written relative, even where RELATIVE_URLS has Pelican write it so.
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (tmp_path / "content" / "images").mkdir()
    (tmp_path / "content" / "images" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (pages / "p.md").write_text("Title: P\n\n![A pic](/images/pic.png)\n\n![Gone]({static}/images/gone.png)\n",
                                encoding="utf-8")
    found = build(tmp_path, SITEURL="https://example.org/docs", RELATIVE_URLS=True, ARTICLE_PATHS=[])
    assert found == [
        'content/pages/p.md:3: error: the image "/images/pic.png" leads outside the site, which is published '
        "under /docs/: write the file's address with {static}, like {static}/images/name.jpg, so the address "
        "is always right",
        'content/pages/p.md:5: error: the image "{static}/images/gone.png" does not exist: nothing is published '
        "at /docs/images/gone.png. Check the file name and folder",
    ]


@pytest.mark.parametrize(("overrides", "lands"), [
    ({}, "would reach it only at its draft address, /drafts/pages/soon.html, which nothing lists"),
    ({"RELATIVE_URLS": True}, "would reach it only at its draft address, /drafts/pages/soon.html, which nothing lists"),
    ({"DRAFT_PAGE_URL": "", "DRAFT_PAGE_SAVE_AS": ""}, "would land on the home page instead"),
], ids=["stock", "relative-urls", "drafts-not-written"])
def test_a_link_to_a_draft_says_where_readers_would_land(tmp_path, overrides, lands):
    # Stock Pelican writes a draft page under drafts/ (a link reaches it there); a site that
    # writes no drafts gives them an empty URL, so the link leads to the home page.
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "soon.md").write_text("Title: Soon\nStatus: draft\n\nNot yet.\n", encoding="utf-8")
    (pages / "p.md").write_text("Title: P\n\nSee [soon]({filename}soon.md).\n", encoding="utf-8")
    found = build(tmp_path, ARTICLE_PATHS=[], **overrides)
    assert found == [
        f'content/pages/p.md:3: error: the link "{{filename}}soon.md" points to a draft page, which is not '
        f'published: readers {lands}. Publish that page first (remove "Status: draft" from it), or remove '
        "the link for now"]


# --- the same broken address written more than once (issue 19) -------------------------------

TWICE_MD = """Title: Twice

The [old notes](/gone-twice/) moved.

<p>Again: <a href="/gone-twice/">the old notes</a>.</p>

A [reference][notes] and an [inline one](/gone-ref/).

<p><a href="/gone-ref/">raw</a></p>

[notes]: /gone-ref/
"""

TWICE_RST = """Twice in reStructuredText
#########################

First `the old page </gone-rst/>`_.

.. raw:: html

   <p><a href="/gone-rst/">again</a></p>

Then a `named link`_ to it.

.. _named link: /gone-rst/
"""


def _places(found, address):
    return [m.split(": error: ")[0] for m in found if f'"{address}"' in m]


def test_an_address_written_twice_is_reported_at_each_line_that_wrote_it(tmp_path):
    # The nth link to an address in the page's HTML is the nth place the source writes it,
    # whatever the syntax: a Markdown link, raw HTML, a reference and its definition; in
    # reStructuredText an inline target, raw HTML and a named reference.
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "twice.md").write_text(TWICE_MD, encoding="utf-8")
    (content / "pages" / "twice.rst").write_text(TWICE_RST, encoding="utf-8")
    found = build(tmp_path)
    assert _places(found, "/gone-twice/") == ["content/pages/twice.md:3", "content/pages/twice.md:5"]
    # The reference's link is reported at its definition, where the address is written.
    assert _places(found, "/gone-ref/") == ["content/pages/twice.md:7", "content/pages/twice.md:9",
                                            "content/pages/twice.md:11"]
    assert _places(found, "/gone-rst/") == ["content/pages/twice.rst:4", "content/pages/twice.rst:8",
                                            "content/pages/twice.rst:12"]


def test_when_the_places_cannot_be_counted_each_link_goes_to_the_first(tmp_path):
    # The address also stands in prose (not a link in Markdown): three places for two links, so
    # neither is guessed; both are reported at the first link, as a single finding.
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "prose.md").write_text(
        "Title: Prose\n\nThe address /gone-prose/ moved.\n\nSee [it](/gone-prose/).\n\n"
        '<p><a href="/gone-prose/">again</a></p>\n', encoding="utf-8")
    found = build(tmp_path)
    assert _places(found, "/gone-prose/") == ["content/pages/prose.md:5"]


def test_an_address_shown_as_code_or_in_a_comment_is_not_taken_for_its_links(tmp_path):
    # Fenced code, a code span and an HTML comment write no link: the two links are still
    # counted and each is reported at its own line, not at the code above them.
    content = tmp_path / "content"
    shutil.copytree(DATA / "site", content)
    (content / "pages" / "code.md").write_text(
        "Title: Code\n\n```\n[old](/gone-code/)\n```\n\nWrite `[it](/gone-code/)` like this.\n\n"
        "<!-- [draft](/gone-code/) -->\n\nSee [it](/gone-code/).\n\nAnd [again](/gone-code/).\n",
        encoding="utf-8")
    # An address linked once, after the same link shown as code.
    (content / "pages" / "once.md").write_text(
        "Title: Once\n\n```\n[old](/gone-once/)\n```\n\nSee [it](/gone-once/).\n", encoding="utf-8")
    found = build(tmp_path)
    assert _places(found, "/gone-code/") == ["content/pages/code.md:11", "content/pages/code.md:13"]
    assert _places(found, "/gone-once/") == ["content/pages/once.md:7"]


def test_a_broken_address_on_several_lines_of_a_template_is_reported_at_each(tmp_path):
    # Two tags alike in one <div>, a third in another element: three lines to fix, three
    # findings, each naming the pages it is on.
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "page.html").write_text(
        '{% extends "!theme/page.html" %}\n{% block content %}\n{{ super() }}\n<div class="links">\n'
        '<a href="{{ SITEURL }}/theme-gone/">Up</a>\n<a href="{{ SITEURL }}/theme-gone/">Again</a>\n</div>\n'
        '<p class="more"><a href="{{ SITEURL }}/theme-gone/">Down</a></p>\n{% endblock %}\n', encoding="utf-8")
    found = build(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    theme = [m for m in found if "/theme-gone/" in m]
    assert [m.split(": error: ")[0] for m in theme] == [
        "overrides/page.html:5", "overrides/page.html:6", "overrides/page.html:8"]
    assert all(m.endswith("(on /pages/about.html and 4 more pages)") for m in theme), theme
