"""The link checker on a stock Pelican site: what pelican-link-checker adds to a build that uses
nothing of this project (issue 19).

Goals: stock Pelican with the link checker ≤ 1.20 × stock Pelican alone, on the 1,000-page
generated site with the default theme (notmyidea), in CPU seconds (user + system of the build
process), the median of the ratios of pairs of builds run one after the other in one run
(interleaved, each variant first in turn); the checker's peak memory < 150 MB.

Both variants use the same stock settings (bench/generate.py's content without its ``Template:``
lines, as bench_stock_navigation.stock_content copies it; the default theme,
clean URLs so that the generated links lead somewhere, no feeds, no cache); the only difference
is ``PLUGINS = []`` against ``PLUGINS = ["pelican.plugins.link_checker"]``. Each build is a fresh
``python -m pelican`` process into an emptied folder. The checker's memory is measured on its
own, in a fresh process, on the last build's output and record: tracemalloc's peak while
``validate()`` runs (what the checker allocates) and the process's maximum resident size.

``run(sites)`` returns the Markdown section (bench/run.py); ``python
bench/bench_link_checker_stock.py [--repeats N]`` runs it alone on the 1,000-page site (made if
missing) and puts the section into bench/RESULTS.md in place of the previous one.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench_stock_navigation import stock_content  # noqa: E402 (found through sys.path, set just above)
from generate import generate, sites_folder  # noqa: E402 (found through sys.path, set just above)

GOAL_RATIO = 1.20
GOAL_MEMORY_MB = 150
PAGES = 1000
REPEATS = 5
HEADING = "## Link checker on a stock Pelican site (pelican-link-checker)"
PLUGIN = "pelican.plugins.link_checker"

STOCK_SETTINGS = '''\
AUTHOR = "Bench"
SITENAME = "Stock site"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
STATIC_PATHS = ["extra"]
# The generated pages link to /section/ and /resources/emergency/: clean URLs from the folders.
PATH_METADATA = r"(?:pages/|news/(?:[^/]+/)*)(?P<slug>.+?)(?:/index)?\\.md$"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''

MEMORY_PROBE = '''\
import json, resource, sys, tracemalloc
from pelican.plugins.link_checker import validate
from pelican.plugins.link_checker.record import read_record
site = read_record(sys.argv[1], sys.argv[2])
assert site is not None, "no build record"
tracemalloc.start()
result = validate(site)
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"peak": peak, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "links": result.links, "pages": result.pages, "findings": len(result.findings)}))
'''


def timed(command, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done


def measure(content, folder, repeats):
    settings = folder / "stock_settings.py"
    settings.write_text(STOCK_SETTINGS, encoding="utf-8")
    variants = {"stock": [], "checker": [PLUGIN]}
    runs = {name: {"cpu": [], "wall": []} for name in variants}
    order = list(variants)
    last = None
    for repeat in range(repeats):
        for name in order[repeat % 2:] + order[:repeat % 2]:
            output = folder / f"output-{name}"
            shutil.rmtree(output, ignore_errors=True)
            wall, cpu, done = timed([sys.executable, "-m", "pelican", content, "-o", output, "-s", settings,
                                     "--log-handler", "plain", "-e", f"PLUGINS={json.dumps(variants[name])}",
                                     f"CACHE_PATH={json.dumps(str(folder / 'cache'))}"], cwd=folder)
            runs[name]["cpu"].append(round(cpu, 3))
            runs[name]["wall"].append(round(wall, 3))
            if name == "checker":
                last = done
            print(f"bench: stock site {name:<8} {wall:6.2f} s wall {cpu:6.2f} s CPU", flush=True)
    findings = sum(1 for line in (last.stdout + last.stderr).splitlines()
                   if ": error: " in line or ": warning: " in line)
    probe = subprocess.run([sys.executable, "-c", MEMORY_PROBE, folder / "cache", folder / "output-checker"],
                           capture_output=True, text=True, cwd=folder)
    if probe.returncode != 0:
        raise SystemExit(f"bench: the memory probe failed:\n{probe.stderr}")
    memory = json.loads(probe.stdout)
    html_files = sum(1 for _ in (folder / "output-checker").rglob("*.html"))
    return runs, memory, findings, html_files


def load_average():
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def section(runs, memory, findings, html_files, repeats, started="", load_before=""):
    stock, checker = runs["stock"], runs["checker"]
    ratio = statistics.median(c / s for c, s in zip(checker["cpu"], stock["cpu"], strict=True))
    peak_mb = memory["peak"] / 1e6
    rss_mb = memory["maxrss_kb"] / 1e3

    def verdict(met):
        return "yes" if met else "**no**"

    return "\n".join([
        HEADING,
        "",
        f"Goals (issue 19): stock Pelican with the link checker ≤ {GOAL_RATIO:.2f} × stock Pelican alone on the "
        f"{PAGES:,}-page generated site with the default theme (notmyidea), in CPU seconds, the median of the "
        f"ratios of {repeats} interleaved pairs of builds in one run; the checker's peak memory < "
        f"{GOAL_MEMORY_MB} MB. bench/bench_link_checker_stock.py; both variants have the same stock settings "
        "(clean URLs, no feeds, no cache), only PLUGINS differs.",
        "",
        "| Site | HTML files | Links checked | Stock alone: CPU (wall) | With the checker: CPU (wall) "
        f"| Ratio (goal ≤ {GOAL_RATIO:.2f}) | Checker's peak memory (goal < {GOAL_MEMORY_MB} MB) | Findings |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {PAGES:,} pages, notmyidea | {html_files:,} | {memory['links']:,} "
        f"| {statistics.median(stock['cpu']):.2f} s ({statistics.median(stock['wall']):.2f} s) "
        f"| {statistics.median(checker['cpu']):.2f} s ({statistics.median(checker['wall']):.2f} s) "
        f"| {ratio:.3f} {verdict(ratio <= GOAL_RATIO)} "
        f"| {peak_mb:.0f} MB {verdict(peak_mb < GOAL_MEMORY_MB)} (process: {rss_mb:.0f} MB resident) "
        f"| {findings} |",
        "",
        f"- Run {started} UTC; load average (1 / 5 / 15 min) before: {load_before}; after: {load_average()}.",
        "- Peak memory: tracemalloc's peak while validate() checks the built site in a fresh process (what the "
        "checker itself allocates, its lxml trees included only while a page is parsed); the process's maximum "
        "resident size includes the interpreter and Pelican's modules.",
        "- notmyidea lists every page in every page's menu, so each HTML file carries about a thousand links: "
        "the checker's worst case for a theme of this size.",
    ])


def run(sites, repeats=REPEATS):
    """``sites``: number of pages -> output folder of bench/run.py's builds; only the
    1,000-page site's content is used (made here if bench/run.py did not build that size)."""
    folder = sites_folder() / f"pages-{PAGES}"
    content = folder / "content"
    if PAGES not in sites or not content.is_dir():
        generate(content, PAGES)
    work = folder / "stock-link-checker"
    work.mkdir(parents=True, exist_ok=True)
    # Without the Template: lines that name the council theme's templates (news.html): notmyidea
    # has none of them, and Pelican stops at a missing template.
    content = stock_content(content, work)
    started, load_before = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), load_average()
    return section(*measure(content, work, repeats), repeats, started, load_before)


def replace_section(results, text):
    """Put ``text`` in RESULTS.md in place of the section with HEADING (or at the end)."""
    current = results.read_text(encoding="utf-8") if results.exists() else "# Benchmarks\n"
    start = current.find(HEADING)
    if start == -1:
        return current.rstrip() + "\n\n" + text.strip() + "\n"
    end = current.find("\n## ", start + len(HEADING))
    rest = current[end:] if end != -1 else "\n"
    return current[:start] + text.strip() + "\n" + rest


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="pelican-link-checker on a stock 1,000-page site")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    text = run({}, args.repeats)
    print(text)
    args.output.write_text(replace_section(args.output, text), encoding="utf-8")
