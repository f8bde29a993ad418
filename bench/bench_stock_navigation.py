"""Stock-site benchmark: what the nested-navigation plugin costs a Pelican site that is not ours.

Goal (issue 19): on the 1,000-page generated site built with Pelican's default theme
(notmyidea), stock Pelican with the plugin takes at most 1.10 times the CPU time of stock
Pelican alone.

Both variants are stock Pelican (``python -m pelican``, Pelican's default settings, the
notmyidea theme; ``bench/stock_settings.py`` says only where the content is and gives each page
an address from its file's path, since the generated site repeats titles across sections):

- *alone*: notmyidea with its own menu off (``DISPLAY_PAGES_ON_MENU`` and
  ``DISPLAY_CATEGORIES_ON_MENU`` False, as the plugin README's recipe sets them);
- *default*, for comparison only: notmyidea as it comes, whose own menu lists every page;
- *with the plugin*: the same as *alone*, plus ``PLUGINS = ["pelican.plugins.nested_navigation"]`` and the
  README's recipe for notmyidea (the plugin's menu, breadcrumbs, section list and pager, drawn by
  the plugin's template functions called from the templates in ``bench/stock_overrides/``), so every
  page draws the menu.

Each build is a fresh process into an emptied folder, with no cache; the variants take turns
(each goes first in turn), and the figure is the median of the paired runs' ratios of CPU
seconds (user + system), which other work on a shared machine disturbs least.

``run(sites)`` returns the Markdown section for bench/RESULTS.md (it builds the 1,000-page
content that bench/run.py generated, or generates it). Alone::

    .venv/bin/python bench/bench_stock_navigation.py [--pages 1000] [--repeats 3] [--write]

``--write`` puts the section into bench/RESULTS.md in place of its previous one.
"""

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import generate, sites_folder  # noqa: E402 (found through sys.path, set just above)

GOAL = 1.10
PAGES = 1000
REPEATS = 5
HEADING = "## Navigation on a stock Pelican site (pelican-nested-navigation)"
#: Both with notmyidea's own menu off, as the README's recipe has it: notmyidea lists every page
#: on every page, which at 1,000 pages costs five times the rest of the build, so a baseline
#: with it would flatter the plugin.
STOCK_MENU_OFF = {"DISPLAY_PAGES_ON_MENU": False, "DISPLAY_CATEGORIES_ON_MENU": False}
VARIANTS = {
    "alone": STOCK_MENU_OFF,
    "plugin": {**STOCK_MENU_OFF, "PLUGINS": ["pelican.plugins.nested_navigation"],
               "THEME_TEMPLATES_OVERRIDES": [str(BENCH / "stock_overrides")]},
    # For comparison only: stock Pelican as it comes, notmyidea listing every page on every page.
    "default": {},
}


def build(content, output, overrides):
    """One stock build in a fresh process: (wall seconds, CPU seconds)."""
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-q",
               "-s", str(BENCH / "stock_settings.py"), "-e",
               *(f"{key}={json.dumps(value)}" for key, value in
                 {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, **overrides}.items())]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(content, folder, repeats):
    runs = {name: {"wall": [], "cpu": []} for name in VARIANTS}
    order = list(VARIANTS)
    for repeat in range(repeats):
        for name in order[repeat % len(order):] + order[:repeat % len(order)]:
            wall, cpu = build(content, folder / f"output-stock-{name}", VARIANTS[name])
            runs[name]["wall"].append(wall)
            runs[name]["cpu"].append(cpu)
            print(f"bench: stock site, {name:<6} {wall:6.2f} s wall {cpu:6.2f} s CPU", flush=True)
    plugin = runs["plugin"]["cpu"]
    ratios = [p / alone for p, alone in zip(plugin, runs["alone"]["cpu"], strict=True)]
    runs["default_ratio"] = statistics.median(
        p / default for p, default in zip(plugin, runs["default"]["cpu"], strict=True))
    menu = (folder / "output-stock-plugin" / "pages" / "library" / "guide-00001.html").read_text(encoding="utf-8")
    assert '<nav class="site-nav"' in menu, "the plugin's menu is not on the page"
    return runs, statistics.median(ratios)


def section(pages, runs, ratio, repeats):
    alone, plugin, default = runs["alone"], runs["plugin"], runs["default"]
    verdict = "met" if ratio <= GOAL else "NOT met"
    return "\n".join([
        HEADING,
        "",
        f"Goal (issue 19): on the {pages:,}-page generated site with Pelican's default theme (notmyidea), "
        f"stock Pelican with the plugin ≤ {GOAL:.2f}× stock Pelican alone (CPU seconds, the median of "
        "interleaved pairs; bench/bench_stock_navigation.py says how). Both with notmyidea's own menu off "
        "(it lists every page on every page); with the plugin, every page draws its menu, breadcrumbs, "
        "section list and pager (the README's notmyidea recipe).",
        "",
        "| Pages | Runs | Stock alone: CPU (wall) | With the plugin: CPU (wall) | Ratio (goal ≤ 1.10) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {pages:,} | {repeats} | {statistics.median(alone['cpu']):.2f} s ({statistics.median(alone['wall']):.2f} s) "
        f"| {statistics.median(plugin['cpu']):.2f} s ({statistics.median(plugin['wall']):.2f} s) "
        f"| {ratio:.3f} ({verdict}) |",
        "",
        f"For comparison, notmyidea as it comes (its own menu, every page on every page): "
        f"{statistics.median(default['cpu']):.2f} s CPU ({statistics.median(default['wall']):.2f} s); "
        f"with the plugin instead, {runs['default_ratio']:.2f}× that.",
    ])


def stock_content(content, folder):
    """A copy of the generated content as a stock site can build it: without the ``Template:``
    lines that name the council theme's own templates (its News page asks for ``news.html``,
    which notmyidea does not have, and Pelican stops at a missing template)."""
    target = folder / "content-stock"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target)
    for path in target.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        head, blank, body = text.partition("\n\n")
        kept = re.sub(r"(?mi)^Template:.*(\n|$)", "", head)
        if kept != head:
            path.write_text(kept + blank + body, encoding="utf-8")
    return target


def run(sites, repeats=None):
    """``sites``: bench/run.py's {pages: full build's output}; uses its 1,000-page content."""
    folder = sites[PAGES].parent if PAGES in sites else sites_folder() / f"pages-{PAGES}"
    content = folder / "content"
    if not content.is_dir():
        generate(content, PAGES)
    repeats = repeats or REPEATS
    runs, ratio = measure(stock_content(content, folder), folder, repeats)
    return section(PAGES, runs, ratio, repeats)


def write(text, results=BENCH / "RESULTS.md"):
    """Put the section into RESULTS.md in place of its previous one (or at the end)."""
    old = results.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(old):
        new = pattern.sub(text.strip() + "\n\n", old)
    else:
        new = old.rstrip() + "\n\n" + text.strip() + "\n"
    results.write_text(new.rstrip() + "\n", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args(argv)
    sites_folder().mkdir(parents=True, exist_ok=True)
    text = run({}, args.repeats)
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
