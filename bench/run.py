"""`make bench`: generate sites of 100, 1,000 and 5,000 pages, build them, run every benchmark,
and write bench/RESULTS.md.

One run does, for each size:

1. ``bench/generate.py`` writes ``<sites>/pages-<N>/content``, where ``<sites>`` is a folder in
   memory (``/dev/shm``) when the machine has one, else ``bench/sites`` (gitignored; see
   ``generate.sites_folder``);
2. timed builds, each in a fresh ``python -m build_report`` process (as ``make html`` runs
   Pelican) into an emptied folder, with no cache, taking turns between three variants of the
   project's settings so that the machine's drift hits all alike: ``stock`` (``PLUGINS = []``:
   stock Pelican and the project's theme, which draws no menu, breadcrumbs or pager without the
   plugin's context), ``navigation`` (``PLUGINS = ["pelican.plugins.nested_navigation"]``) and ``full``
   (pelicanconf.py as it is, every plugin: the whole build of ``make html``). Each is repeated
   ``REPEATS[N]`` times; every run's wall-clock and CPU seconds (user + system of the build
   process) and their medians are kept in ``pages-<N>/timings.json``. Right after each
   ``stock`` build, the Pagefind CLI indexes its output: ``stock+pagefind`` is the sum of the
   two, the baseline the whole build is held to (issue 22). The last ``full`` build
   stays in ``pages-<N>/output``: the site every benchmark measures;
3. one more whole build with ``--timings`` (build_report's per-plugin timing, which costs a
   little itself, so it is not one of the timed runs): each plugin's share, in timings.json.

Then each module in BENCHMARKS is given ``sites``, a dict mapping the number of pages to that
full build's output folder (``sites[N].parent`` holds ``content/`` and ``timings.json``), and
returns a Markdown section; RESULTS.md is the machine, the date, a table of the sites and the
sections in order. To add a benchmark, write ``bench/bench_<name>.py`` with
``run(sites: dict[int, Path]) -> str`` and add it to BENCHMARKS below.

Usage: python bench/run.py [--sizes 100 1000 5000] [--repeats N] [--output bench/RESULTS.md]
"""

import argparse
import fcntl
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

# bench/ is on sys.path as the folder of the script Python runs (python bench/run.py).
import bench_build
import bench_devserver
import bench_link_checker_stock
import bench_links
import bench_navigation
import bench_page_weight
import bench_stock_navigation
from generate import MEMORY, count_pages, generate, sites_folder
from site_search import pagefind as site_pagefind

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

#: The benchmarks, in the order RESULTS.md shows them. Listed, not discovered.
BENCHMARKS = [bench_build, bench_navigation, bench_stock_navigation, bench_page_weight, bench_links,
              bench_link_checker_stock,
              bench_devserver]

SIZES = (100, 1000, 5000)
#: Timed builds per variant: fewer for the big site (about 20 s a build on two cores).
REPEATS = {100: 5, 1000: 7, 5000: 3}
#: PLUGINS for each timed variant (None: pelicanconf.py's own list); everything else is
#: pelicanconf.py as it is.
VARIANTS = {
    "stock": [],
    "navigation": ["pelican.plugins.nested_navigation"],
    "full": None,
}
SITES = sites_folder()
ENV = dict(os.environ)


def timed(command):
    """Run ``command`` from the repository root; (wall seconds, CPU seconds, finished process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")
    return wall, cpu, done


def build(content, output, plugins=None, *options):
    """One build through ``python -m build_report``, as `make html` runs it; ``plugins`` (a
    list) replaces pelicanconf.py's PLUGINS. Returns (wall, CPU, finished process)."""
    shutil.rmtree(output, ignore_errors=True)
    # Without html_policy the theme lacks its two filters: stand-ins, as stock Pelican prints.
    settings = ROOT / "pelicanconf.py" if plugins is None else BENCH / "settings_stand_ins.py"
    command = [sys.executable, "-m", "build_report", *options, str(content), "-o", str(output),
               "--log-handler", "plain", "-s", str(settings),
               "-e", "CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false"]
    if plugins is not None:
        command.append(f"PLUGINS={json.dumps(plugins)}")
    return timed(command)


def index_alone(output, scratch, repeats):
    """Pagefind indexing the built site on its own, with the command plugins/site_search/pagefind.py
    runs in every whole build (into ``scratch``, so the site's own bundle stays): the medians of
    ``repeats`` runs, {"cpu": …, "wall": …}. No build without the search index can show this
    cost, so it is timed apart."""
    cpu, wall = [], []
    for _ in range(repeats):
        shutil.rmtree(scratch, ignore_errors=True)
        seconds, cpu_seconds, _ = timed(site_pagefind.command(output, bundle=scratch))
        wall.append(round(seconds, 3))
        cpu.append(round(cpu_seconds, 3))
    shutil.rmtree(scratch, ignore_errors=True)
    return {"cpu": statistics.median(cpu), "wall": statistics.median(wall)}


def findings_of(done):
    summary = re.search(r"build: (\d+) errors?, (\d+) warnings?", done.stdout + done.stderr)
    return (int(summary.group(1)), int(summary.group(2))) if summary else (None, None)


def plugin_shares(done):
    """{"whole": seconds, "plugins": {name: seconds}} from build_report --timings' lines."""
    text = done.stdout
    whole = re.search(r"timings: whole build ([\d.]+) s", text)
    plugins = {name: float(seconds) for name, seconds in
               re.findall(r"^  (\S+)\s+([\d.]+) s\s+[\d.]+%$", text, re.M) if name != "all"}
    markdown = re.search(r"Markdown conversion.*?([\d.]+) s in", text)
    pelican_write = re.search(r"Pelican: render and write a page\s+([\d.]+) s", text)
    return {"whole": float(whole.group(1)) if whole else None, "plugins": plugins,
            "markdown": float(markdown.group(1)) if markdown else None,
            "pelican_write": float(pelican_write.group(1)) if pelican_write else None}


def measure_size(pages, repeats):
    """Generate the ``pages``-page site, time both variants, build the full site; return its
    output folder (timings.json is written beside it)."""
    folder = SITES / f"pages-{pages}"
    content = generate(folder / "content", pages)
    runs = {name: {"wall": [], "cpu": []} for name in [*VARIANTS, "stock+pagefind"]}
    order = list(VARIANTS)
    full = None
    for repeat in range(repeats):
        # Each variant goes first in turn, so a slow patch of the machine is shared.
        for name in order[repeat % len(order):] + order[:repeat % len(order)]:
            output = folder / ("output" if name == "full" else f"output-{name}")
            wall, cpu, done = build(content, output, VARIANTS[name])
            runs[name]["wall"].append(round(wall, 3))
            runs[name]["cpu"].append(round(cpu, 3))
            if name == "full":
                full = done
            print(f"bench: {pages:>5} pages, {name:<10} {wall:6.2f} s wall {cpu:6.2f} s CPU", flush=True)
            if name == "stock":
                # The baseline of issue 22: the same site and theme with no plugins, plus the
                # Pagefind CLI run on its output, as anyone adds search to a static site.
                index_wall, index_cpu, _ = timed([sys.executable, "-m", "pagefind", "--site", str(output),
                                                  "--silent"])
                runs["stock+pagefind"]["wall"].append(round(wall + index_wall, 3))
                runs["stock+pagefind"]["cpu"].append(round(cpu + index_cpu, 3))
    errors, warnings = findings_of(full)
    search_index = index_alone(folder / "output", folder / "pagefind-alone", repeats=3)
    # The shares come from a build of their own into a separate folder, so that the
    # benchmarks' site stays the last timed whole build.
    _, _, profiled = build(content, folder / "output-timings", None, "--timings")
    shares = plugin_shares(profiled)
    print(f"bench: {pages:>5} pages, whole build: {errors} errors, {warnings} warnings; plugins "
          + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in shares["plugins"].items()), flush=True)
    timings = {
        "pages": count_pages(content),
        "articles": sum(1 for _ in (content / "news").rglob("*.md")),
        "repeats": repeats,
        "variants": {name: {**values, "median_wall": statistics.median(values["wall"]),
                            "median_cpu": statistics.median(values["cpu"])}
                     for name, values in runs.items()},
        "full": {"wall": statistics.median(runs["full"]["wall"]), "errors": errors, "warnings": warnings},
        "shares": shares,
        "search_index": search_index,
    }
    (folder / "timings.json").write_text(json.dumps(timings, indent=2) + "\n")
    return folder / "output"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
            f"Pelican {version('pelican')}; {platform.system()} {platform.release()}")


def load_average():
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def sites_table(sites):
    lines = ["| Pages | Articles | HTML files | Full build (every plugin) | Errors | Warnings |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for output in sites.values():
        timings = json.loads((output.parent / "timings.json").read_text())
        full = timings["full"]
        html_files = sum(1 for _ in output.rglob("*.html"))
        lines.append(f"| {timings['pages']:,} | {timings['articles']:,} | {html_files:,} "
                     f"| {full['wall']:.1f} s | {full['errors']} | {full['warnings']} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, help="timed builds per variant (default: by size)")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)

    SITES.mkdir(parents=True, exist_ok=True)
    lock = open(SITES / ".lock", "w")
    try:
        # Two runs at once would build into the same folders and time each other's builds.
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit(f"bench: another bench/run.py is using {SITES}; wait for it to finish") from None

    started, load_before = datetime.now(timezone.utc), load_average()
    sites = {pages: measure_size(pages, args.repeats or REPEATS.get(pages, 3)) for pages in args.sizes}
    sections = []
    for benchmark in BENCHMARKS:
        print(f"bench: {benchmark.__name__}", flush=True)
        sections.append(benchmark.run(sites).strip())
    load_after = load_average()

    text = "\n".join([
        "# Benchmarks",
        "",
        f"Written by `make bench` (bench/run.py) on {started:%Y-%m-%d %H:%M} UTC; do not edit by hand.",
        "",
        f"- Machine: {machine()}.",
        f"- Load average (1 / 5 / 15 min) before: {load_before}; after: {load_after}. Other work on the "
        "machine slows every build; ratios compare builds of one run, interleaved.",
        "- Sites: bench/generate.py, N Markdown pages of about 220 words (the real pages' median) "
        "in eight sections (the last holds 40 % of them, 2,000 at 5,000 pages), titles of one width at every size, "
        "and N/10 news articles in three categories; each timed build is a fresh process into an empty folder "
        "with no cache, "
        f"in {'memory (tmpfs, ' if str(SITES).startswith(str(MEMORY)) else 'a folder on disk ('}{SITES}).",
        "",
        "## Sites",
        "",
        sites_table(sites),
        "",
        *[section + "\n" for section in sections],
    ])
    args.output.write_text(text.rstrip() + "\n")
    print(f"bench: wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
