"""Whole-build benchmark: every plugin, as `make html` runs it, against stock Pelican plus
Pagefind.

Goals (issue 22): the whole build (``python -m build_report`` with pelicanconf.py's PLUGINS:
menu, front-matter checks, page history, link checking, the search index, everything) takes at
most 1.15 times as long as the same settings and theme with ``PLUGINS = []`` followed by the
Pagefind CLI on its output (search is a tool anyone adds to a static site, so its index is part
of the baseline), at 1,000 pages; from 1,000 to 5,000 pages it grows at most 5.3 times. The
ratio to stock Pelican alone stays beside it for readers.

Build times come from bench/run.py, which builds each site in turn as ``stock``, ``navigation``
and ``full`` and keeps every run in ``timings.json``. As in bench_navigation.py, the ratio is
the median of the ratios of CPU seconds of the builds run one after the other, which cancels
most of the drift of a shared machine. Each plugin's share comes from one more build with
``python -m build_report --timings`` (plugins/build_report/timings.py): a plugin's own seconds,
without Pelican's rendering and Markdown's conversion that run inside its hooks.

``run(sites)`` returns the Markdown section for bench/RESULTS.md.
"""

import json
import statistics
from pathlib import Path

GOAL_RATIO = 1.15
GOAL_GROWTH = 5.3


def verdict(met):
    return "yes" if met else "**no**"


def growth_line(timings, variant, what):
    """The line on how ``variant``'s CPU time grows from 1,000 to 5,000 pages, beside the goal
    and stock Pelican's growth (``what`` names the variant in the sentence)."""
    if not (1000 in timings and 5000 in timings):
        return "- Growth from 1,000 to 5,000 pages: not measured (both sizes are needed)."

    def growth(name):
        return (timings[5000]["variants"][name]["median_cpu"]
                / timings[1000]["variants"][name]["median_cpu"])

    return (f"- Growth from 1,000 to 5,000 pages {what}: {growth(variant):.2f}× "
            f"(goal ≤ {GOAL_GROWTH}×: {verdict(growth(variant) <= GOAL_GROWTH)}); "
            f"stock Pelican: {growth('stock'):.2f}×.")


def search_index_lines(timings):
    """What Pagefind's index costs on its own, beside stock Pelican: a floor under the ratio."""
    measured = {pages: timing for pages, timing in timings.items() if timing.get("search_index")}
    if not measured:
        return []
    lines = ["", "Pagefind's search index on its own (the command plugins/site_search runs in every whole "
             "build, run again on that build's output and timed apart, median of 3): a cost stock Pelican "
             "does not have and no plugin's work can lower, so the whole-build ratio cannot go below "
             "1 + its share. The last column is the whole build's median CPU less Pagefind's, over stock's: "
             "what the rest of the build costs.", "",
             "| Pages | Pagefind: CPU (wall) | Pagefind ÷ stock | Whole build less Pagefind ÷ stock |",
             "| ---: | ---: | ---: | ---: |"]
    for pages, timing in measured.items():
        index = timing["search_index"]
        stock = timing["variants"]["stock"]["median_cpu"]
        rest = (timing["variants"]["full"]["median_cpu"] - index["cpu"]) / stock
        lines.append(f"| {pages:,} | {index['cpu']:.2f} s ({index['wall']:.2f} s) | {index['cpu'] / stock:.3f} "
                     f"| {rest:.3f} |")
    return lines


def run(sites):
    """``sites``: number of pages -> the full build's output folder (timings.json beside it)."""
    timings = {pages: json.loads((Path(output).parent / "timings.json").read_text())
               for pages, output in sites.items()}
    lines = [
        "## Whole build (every plugin)",
        "",
        f"Goals (issue 22): the whole build of `make html` (`python -m build_report`, every plugin in "
        f"pelicanconf.py) at most {GOAL_RATIO:.2f} times the baseline at 1,000 pages: stock Pelican "
        "with the same settings and theme and `PLUGINS = []`, then the Pagefind CLI on its output "
        f"(`python -m pagefind --site output`); growth from 1,000 to 5,000 pages ≤ {GOAL_GROWTH}×. The "
        "variants take turns in one run; each ratio is the median of the ratios of CPU seconds of "
        "builds run one after the other. The ratio to stock Pelican alone (no search index) is "
        "kept for readers; the navigation plugin alone is in the next section.",
        "",
        "| Pages | Runs | Stock: CPU (wall) | Stock + Pagefind: CPU (wall) | Whole build: CPU (wall) "
        f"| Whole ÷ (stock + Pagefind) (goal ≤ {GOAL_RATIO:.2f} at 1,000) | Whole ÷ stock | "
        "Navigation only ÷ stock |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    ratios = {}
    for pages, timing in timings.items():
        variants = timing["variants"]
        stock, nav, full = variants["stock"], variants["navigation"], variants["full"]
        base = variants.get("stock+pagefind")
        nav_ratio = statistics.median(n / s for n, s in zip(nav["cpu"], stock["cpu"], strict=True))
        stock_ratio = statistics.median(f / s for f, s in zip(full["cpu"], stock["cpu"], strict=True))
        if base:
            ratio = ratios[pages] = statistics.median(f / b for f, b in zip(full["cpu"], base["cpu"], strict=True))
            goal = f" {verdict(ratio <= GOAL_RATIO)}" if pages == 1000 else ""
            base_cells = (f"{base['median_cpu']:.2f} s ({base['median_wall']:.2f} s)", f"{ratio:.3f}{goal}")
        else:
            base_cells = ("–", "not measured")
        lines.append(
            f"| {pages:,} | {timing['repeats']} | {stock['median_cpu']:.2f} s ({stock['median_wall']:.2f} s) "
            f"| {base_cells[0]} | {full['median_cpu']:.2f} s ({full['median_wall']:.2f} s) | {base_cells[1]} "
            f"| {stock_ratio:.3f} | {nav_ratio:.3f} |")
    lines.append("")
    lines.append(growth_line(timings, "full", "with every plugin"))
    lines += search_index_lines(timings)

    shown = [pages for pages in timings if timings[pages].get("shares", {}).get("whole")]
    if shown:
        names = sorted({name for pages in shown for name in timings[pages]["shares"]["plugins"]},
                       key=lambda name: -timings[shown[-1]]["shares"]["plugins"].get(name, 0))
        lines += [
            "",
            "Each plugin's own seconds (wall clock) in one whole build with `python -m build_report "
            "--timings`, and its share of that build; Markdown's conversion and Pelican's rendering "
            "are stock Pelican's work, shown for scale.",
            "",
            "| Part | " + " | ".join(f"{pages:,} pages" for pages in shown) + " |",
            "| --- |" + " ---: |" * len(shown),
        ]

        def cell(pages, seconds):
            whole = timings[pages]["shares"]["whole"]
            return f"{seconds:.2f} s ({seconds / whole:.1%})" if seconds is not None else "–"

        for name in names:
            lines.append(f"| {name} | " + " | ".join(
                cell(pages, timings[pages]["shares"]["plugins"].get(name, 0.0)) for pages in shown) + " |")
        lines.append("| all plugins | " + " | ".join(
            cell(pages, sum(timings[pages]["shares"]["plugins"].values())) for pages in shown) + " |")
        for key, label in (("markdown", "Markdown conversion (stock)"),
                           ("pelican_write", "Pelican's rendering (stock)")):
            lines.append(f"| {label} | " + " | ".join(
                cell(pages, timings[pages]["shares"].get(key)) for pages in shown) + " |")
        lines.append("| whole build | " + " | ".join(
            f"{timings[pages]['shares']['whole']:.2f} s" for pages in shown) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    # python bench/bench_build.py: the section for the sites bench/run.py last built.
    from generate import built_sites

    print(run(built_sites()))
