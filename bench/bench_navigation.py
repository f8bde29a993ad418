"""Navigation benchmark: what the nested-navigation plugin (plugins/pelican-nested-navigation) costs in
build time and in page bytes.

Goals (issue 3): a build with the plugin takes at most 1.10 times as long as stock Pelican
without a menu; from 1,000 to 5,000 pages the build grows at most 5.3 times (linear, with a
little slack); a page's menu is the same size at 5,000 pages as at 100.

Build times come from bench/run.py, which builds each site alternately with ``PLUGINS = []``
(stock) and ``PLUGINS = ["pelican.plugins.nested_navigation"]`` and keeps the medians in ``timings.json``. The
ratios use CPU seconds (user + system of the build process), which other work on a shared
machine disturbs less than wall-clock seconds; both are shown. The ratio is the median of the
ratios of each pair of builds run one after the other (run.py alternates the variants), which
cancels most of the drift of a shared machine. Menu bytes are measured on the full build every
benchmark shares: the ``<nav class="site-nav">`` element of each HTML page.

``run(sites)`` returns the Markdown section for bench/RESULTS.md.
"""

import json
import statistics
from pathlib import Path

from bench_build import growth_line, verdict

GOAL_RATIO = 1.10
GOAL_GROWTH = 5.3
MENU_START = '<nav class="site-nav"'
MENU_END = "</nav>"


def menu_sizes(output):
    """Bytes of the main menu in every HTML page of ``output`` that has one."""
    sizes = []
    for page in Path(output).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start = html.find(MENU_START)
        if start < 0:
            continue
        end = html.find(MENU_END, start) + len(MENU_END)
        sizes.append(len(html[start:end].encode("utf-8")))
    return sizes


def run(sites):
    """``sites``: number of pages -> the full build's output folder (timings.json beside it)."""
    timings = {pages: json.loads((Path(output).parent / "timings.json").read_text())
               for pages, output in sites.items()}
    menus = {pages: menu_sizes(output) for pages, output in sites.items()}

    lines = [
        "## Navigation (plugins/pelican-nested-navigation)",
        "",
        f"Goals: ratio to stock Pelican without a menu ≤ {GOAL_RATIO:.2f}; growth from 1,000 to "
        f"5,000 pages ≤ {GOAL_GROWTH}×; menu bytes per page the same at 5,000 pages as at 100. "
        "Times are medians of the runs shown; the ratio is the median of the paired runs' ratios "
        "of CPU seconds.",
        "",
        "| Pages | Runs | Stock, no menu: CPU (wall) | With the plugin: CPU (wall) | Ratio (goal ≤ 1.10) "
        "| Menu bytes per page: median (max) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for pages, timing in timings.items():
        stock, nav = timing["variants"]["stock"], timing["variants"]["navigation"]
        ratio = statistics.median(n / s for n, s in zip(nav["cpu"], stock["cpu"], strict=True))
        sizes = menus[pages]
        menu = f"{statistics.median(sizes):,.0f} B ({max(sizes):,} B)" if sizes else "no menu found"
        lines.append(
            f"| {pages:,} | {timing['repeats']} | {stock['median_cpu']:.2f} s ({stock['median_wall']:.2f} s) "
            f"| {nav['median_cpu']:.2f} s ({nav['median_wall']:.2f} s) | {ratio:.3f} {verdict(ratio <= GOAL_RATIO)} "
            f"| {menu} |")

    lines.append("")
    lines.append(growth_line(timings, "navigation", "with the plugin"))
    if 100 in menus and 5000 in menus and menus[100] and menus[5000]:
        small, large = menus[100], menus[5000]
        # The largest menu is the bound; pages differ only by a mark or two (aria-current),
        # and a page past a drop-down's first entries has one mark fewer.
        same = max(small) == max(large)
        lines.append(f"- Menu bytes per page at 5,000 pages against 100: largest {max(large):,} B against "
                     f"{max(small):,} B (goal, the same: {verdict(same)}); median {statistics.median(large):,.0f} B "
                     f"against {statistics.median(small):,.0f} B (the median page at 5,000 is past its "
                     "drop-down's first entries, so its menu has one aria-current mark fewer).")
    return "\n".join(lines)


if __name__ == "__main__":
    # python bench/bench_navigation.py: the section for the sites bench/run.py last built.
    from generate import built_sites

    print(run(built_sites()))
