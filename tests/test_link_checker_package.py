"""The link checker as an installed package on this site: the same findings whatever the order
of PLUGINS (site_search writes Pagefind's files on the same signal the checker checks on), a
pull request with 30 broken links shown in full on GitHub, and no coupling left."""

import json
import os
import random
import re
import subprocess
import sys
import textwrap

import pytest
from pelican import signals
from pelican.plugins.link_checker.findings import Finding
from pelican.plugins.link_checker.report import summary_table
from pelican.plugins.link_checker.validate import Result

from conftest import FIXTURES, ROOT, build_site, copy_content, get_settings
from test_link_checker_same_findings import ADDED

PACKAGE = ROOT / "plugins" / "pelican-link-checker"
FINDING = re.compile(r"^\S+:\d+: (?:error|warning): .*$", re.M)


def _content_with_broken_links(tmp_path):
    content = copy_content(tmp_path)
    for name, text in ADDED.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return _content_with_broken_links(tmp_path_factory.mktemp("shuffle"))


def _findings(content, output, plugins):
    """A build in a process of its own: Pelican connects a plugin's receivers once per process,
    so only a fresh process honours a new order of PLUGINS."""
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py",
         "--log-handler", "plain", "-e", f"PLUGINS={json.dumps(plugins)}", "LOAD_CONTENT_CACHE=false",
         'SITE_SEARCH={"index": true}'],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    found = sorted(m.group(0) for m in FINDING.finditer(done.stdout + done.stderr))
    return found, output


def _orders():
    """The orders of PLUGINS compared with the listed one, each a case of the test below."""
    plugins = list(get_settings()["PLUGINS"])
    # The checker first and site_search last: before issue 19 this reported Pagefind's files missing.
    worst = [p for p in plugins if "link_checker" in p] + [p for p in plugins if "link_checker" not in p
                                                            and p != "site_search"] + ["site_search"]
    # The worst order guards this in `make test-fast`; three shuffled ones run in `make test` (slow).
    return [pytest.param(worst, id="worst")] + [
        pytest.param(random.Random(seed).sample(plugins, len(plugins)), id=f"shuffled-{seed}",
                     marks=pytest.mark.slow) for seed in (1, 2, 3)]


@pytest.fixture(scope="module")
def as_listed(content, tmp_path_factory):
    """The findings of the PLUGINS order pelicanconf.py lists, the reference for every other."""
    found, output = _findings(content, tmp_path_factory.mktemp("as-listed"), list(get_settings()["PLUGINS"]))
    assert (output / "pagefind").is_dir()
    assert found, "the added broken links are found"
    assert not [m for m in found if "pagefind" in m]
    return found


@pytest.mark.parametrize("order", _orders())
def test_the_findings_do_not_depend_on_the_order_of_plugins(content, as_listed, tmp_path, order):
    found, output = _findings(content, tmp_path / "output", order)
    # Pagefind did write its bundle, and the search page links to it.
    assert (output / "pagefind").is_dir(), order
    assert found == as_listed, order


def test_a_receiver_connected_after_the_check_is_named(tmp_path, caplog):
    # A plugin that connects to finalized during the build (after the checker moved itself
    # last) would write after the check: the checker says so instead of missing it silently.
    def late_writer(pelican):
        pass

    def connect_late(path, **kwargs):
        signals.finalized.connect(late_writer)

    signals.content_written.connect(connect_late)
    try:
        site = build_site(FIXTURES / "sites" / "links_clean", tmp_path / "output")
    finally:
        signals.content_written.disconnect(connect_late)
        signals.finalized.disconnect(late_writer)
    assert any("late_writer will run after the link check" in m for m in site.messages())


def _thirty_broken(tmp_path):
    content = copy_content(tmp_path, FIXTURES / "sites" / "links_clean")
    lines = "\n\n".join(f"See [page {n}](/missing-{n:02d}/)." for n in range(30))
    (content / "pages" / "thirty.md").write_text(f"Title: Thirty\nSummary: Thirty broken links.\n\n{lines}\n",
                                                encoding="utf-8")
    return content


def test_thirty_broken_links_give_ten_annotations_and_a_table_of_all(tmp_path):
    content = _thirty_broken(tmp_path)
    output = tmp_path / "output"
    build_site(content, output, CACHE_PATH=str(tmp_path / "cache"))
    settings = tmp_path / "settings.py"
    settings.write_text(f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    summary = tmp_path / "step_summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run([sys.executable, "-m", "pelican.plugins.link_checker", "--format", "github",
                           "--settings", str(settings), str(output)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 10
    assert all("thirty.md,line=" in a for a in annotations)
    # The most severe first, then by file and line: the first ten lines of thirty.md.
    assert [int(a.split("line=")[1].split(",")[0]) for a in annotations] == list(range(4, 24, 2))
    assert "20 more findings than GitHub shows as annotations: see the step summary" in done.stdout
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("## Earlier step\n")  # appended, as GitHub expects
    rows = [line for line in table.splitlines() if line.startswith("| error |")]
    assert len(rows) == 30
    assert {f"/missing-{n:02d}/" for n in range(30)} == {r.split('"')[1] for r in rows}
    assert "left out" not in table


def test_the_summary_stays_under_githubs_limit(tmp_path):
    findings = [Finding(f"content/pages/p{n:05d}.md", 3, "error", "x" * 400, "missing") for n in range(5000)]
    table = summary_table(Result(findings=findings, pages=5000, links=5000))
    assert len(table.encode("utf-8")) < 1024 * 1024
    rows = sum(1 for line in table.splitlines() if line.startswith("| error |"))
    assert 0 < rows < 5000
    assert f"{5000 - rows:,} more findings left out" in table


def test_no_import_of_tools_or_another_site_plugin():
    sources = list((PACKAGE / "pelican").rglob("*.py"))
    assert sources
    site_plugins = {p.name for p in (ROOT / "plugins").iterdir() if p.is_dir() and not p.name.startswith("pelican-")}
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for line in text.splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and len(words) > 1:
                module = words[1].split(".")[0]
                assert module not in {"sitelib", "tools", *site_plugins}, (source, line)
    html_policy = (ROOT / "plugins" / "html_policy").rglob("*.py")
    assert not [p for p in html_policy if "link_checker" in p.read_text(encoding="utf-8").replace(
        "pelican-link-checker", "")]


def test_the_old_settings_name_is_gone():
    settings = get_settings()
    assert "LINKS" not in settings or settings["LINKS"] != {"ignore": []}
    assert "pelican.plugins.link_checker" in settings["PLUGINS"]
