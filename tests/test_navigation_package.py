"""The council site from the installed pelican-nested-navigation package (issue 19).

The navigation moved from plugins/navigation_tree into plugins/pelican-nested-navigation, a
distribution installed like any user's. Before the move every page's navigation HTML was
saved (tests/navigation_snapshot.py); the same sites built now must show the same menu,
breadcrumbs, section lists, pagers and previous/next links on the same pages. And since blinker
calls a signal's receivers in no promised order, the output must not depend on the order of
PLUGINS either.
"""

import difflib
import filecmp
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pelican.plugins.nested_navigation as nested_navigation
import pytest

import navigation_snapshot
from conftest import ROOT, build_site, get_settings


@pytest.fixture(scope="module")
def as_listed(tmp_path_factory):
    """Today's content, built with PLUGINS in pelicanconf.py's order: what every other order
    must give, byte for byte (the same files in the same Git checkout, so the same dates)."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("as-listed") / "output")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return navigation_snapshot.sites(tmp_path_factory.mktemp("nav-package"))


def test_the_plugin_comes_from_the_installed_distribution():
    # Installed into the environment (site-packages), not read from the repository's folder.
    assert "site-packages" in Path(nested_navigation.__file__).parts
    assert "pelican.plugins.nested_navigation" in get_settings()["PLUGINS"]


@pytest.mark.parametrize("name", ["council", f"generated-{navigation_snapshot.GENERATED_PAGES}"])
def test_the_same_navigation_on_the_same_pages_as_before_the_move(built, name):
    site = built[name]
    assert site.errors == []
    before = navigation_snapshot.expand(navigation_snapshot.load(name))
    now = navigation_snapshot.expand(navigation_snapshot.snapshot(site.output))
    assert sorted(now) == sorted(before), "pages appeared or went missing"
    changed = [page for page in before if now[page] != before[page]]
    if changed:
        page = changed[0]
        diff = "\n".join(difflib.unified_diff(
            [f"{k}: {v}" for k, vs in sorted(before[page].items()) for v in vs],
            [f"{k}: {v}" for k, vs in sorted(now[page].items()) for v in vs], lineterm=""))
        pytest.fail(f"{len(changed)} pages changed, first {page}:\n{diff[:4000]}")


def _same_json(left, right):
    # Pagefind writes pagefind-entry.json from a hash map: the same languages, in any order.
    try:
        return json.loads(left.read_text(encoding="utf-8")) == json.loads(right.read_text(encoding="utf-8"))
    except ValueError:
        return False


def _differences(left, right):
    """Files only in one folder, or with different contents (JSON compared as data)."""
    found = []

    def walk(cmp, prefix=""):
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        found.extend(prefix + name for name in cmp.diff_files
                     if not (name.endswith(".json") and _same_json(Path(cmp.left) / name, Path(cmp.right) / name)))
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right))
    return found


# One shuffled order guards this in `make test-fast`; two more run in `make test` (slow).
@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow), pytest.param(3, marks=pytest.mark.slow)])
def test_the_order_of_plugins_changes_nothing(as_listed, tmp_path, seed):
    plugins = list(get_settings()["PLUGINS"])
    random.Random(seed).shuffle(plugins)
    site = build_site(ROOT / "content", tmp_path / "output", PLUGINS=plugins)
    assert site.errors == []
    different = [path for path in _differences(as_listed.output, site.output)]
    assert different == [], f"PLUGINS = {plugins} changed {different[:10]}"


def test_the_stock_bench_draws_the_readmes_notmyidea_recipe():
    """bench/bench_stock_navigation.py measures the plugin as a user following the README would
    use it: bench/stock_overrides/ holds the README's notmyidea templates, no more, no fewer."""
    readme = (ROOT / "plugins" / "pelican-nested-navigation" / "README.md").read_text(encoding="utf-8")
    recipe = readme[readme.index("**The default `notmyidea` theme**"):readme.index("**Your own theme:**")]
    templates = re.search(r"```jinja\n(.*?)```", recipe, re.S).group(1)
    wanted = {name: text.strip() + "\n" for name, text in
              re.findall(r"\{# templates/(\S+) #\}\n(.*?)(?=\n\{# templates/|\Z)", templates, re.S)}
    bench = {path.name: path.read_text(encoding="utf-8")
             for path in (ROOT / "bench" / "stock_overrides").glob("*.html")}
    assert {"index.html", "page.html", "article.html"} <= set(wanted)
    assert bench == wanted


@pytest.mark.parametrize("answer", [True, False])
def test_the_link_checker_reports_a_broken_menu_link_where_it_was_written(tmp_path, answer):
    """The two installed packages on a stock site (the simple theme, the menu in its nav block):
    the navigation answers the checker's link_checker_origins signal by its name, so a broken
    Menu_link is reported at its line in the section's index page, unless its setting is off.
    In a process of its own: Pelican connects a plugin's receivers once per process, and the
    council's plugins, connected by earlier tests, must not take part."""
    pages = tmp_path / "content" / "pages" / "help"
    pages.mkdir(parents=True)
    (pages / "index.md").write_text("Title: Help\nSummary: Where to get help.\nMenu_link: [Gone](/nowhere/)\n\n"
                                    "Text.\n", encoding="utf-8")
    (pages / "one.md").write_text("Title: One\n\nText.\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "base.html").write_text(
        '{% extends "!theme/base.html" %}{% block nav %}{% include "nested_navigation/menu.html" %}{% endblock %}',
        encoding="utf-8")
    settings = {
        "THEME": "simple", "PAGE_PATHS": ["pages"], "THEME_TEMPLATES_OVERRIDES": ["overrides"],
        "PLUGINS": ["pelican.plugins.nested_navigation", "pelican.plugins.link_checker"],
        "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False, "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
        "TIMEZONE": "UTC", "NESTED_NAVIGATION": {"link_checker_origins": answer}}
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "--log-handler", "plain",
         "-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    found = [line for line in (done.stdout + done.stderr).splitlines() if '"/nowhere/"' in line]
    assert found, "the checker found no broken menu link:\n" + done.stdout + done.stderr
    at_its_line = [line for line in found if 'content/pages/help/index.md:3: error: the link "/nowhere/"' in line]
    assert bool(at_its_line) == answer, found
