"""Link checker benchmark: the validator on generated sites, beside linkinator on the same output.

For each built site: the validator's own time (``validate()`` alone, best of three, in a fresh
process each time), that process's peak memory (ru_maxrss: the interpreter, lxml and the
checker together), links per second, and the findings (the generated sites are clean, so any
finding is a false positive). Then the whole command, ``python -m pelican.plugins.link_checker OUTPUT``, and
linkinator (pinned, from npm through npx; skipped with a note when npx cannot get it) checking
the same folder with fragments on and other hosts skipped, both timed from start to exit: the
speed ratio compares those two. Goals (issue 4): 1,000 pages in under 1 s and 150 MB, no false
positives, at least 4 times faster than linkinator.

``run(sites)`` returns the Markdown section for bench/RESULTS.md (bench/run.py calls it);
``python bench/bench_links.py [PAGES …]`` generates and builds sites itself (default 1000 and
5000) with bench/generate.py and prints the section.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

# bench/ is on sys.path: it is the script's own folder, whether bench/run.py or this file runs.
from generate import generate, sites_folder

ROOT = Path(__file__).resolve().parent.parent
LINKINATOR = "7.6.1"  # 8.x needs Node.js 22; Debian's is 20
LINKINATOR_TIMEOUT = 900  # seconds; it took 7 minutes on the 5,000-page site
GOAL_SECONDS, GOAL_MB, GOAL_RATIO = 1.0, 150, 4.0
ENV = dict(os.environ)

# Run in a fresh interpreter by measure(): the record of the build gives Markdown lines, as in
# the plugin; only validate() is timed.
_MEASURE = """
import json, resource, time
from pelican.plugins.link_checker import Site, validate
from pelican.plugins.link_checker.record import read_record
output = {output!r}
site = read_record({cache!r}, output) or Site(output=output)
start = time.perf_counter()
result = validate(site)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "pages": result.pages, "links": result.links,
                  "findings": [str(f) for f in result.findings], "record": bool(site.pages)}}))
"""


def output_of(site):
    return Path(getattr(site, "output", site))


def measure(output, cache=ROOT / "cache", repeats=3):
    """The best of ``repeats`` runs of validate() on ``output``, each in a new process."""
    runs = []
    for _ in range(repeats):
        code = _MEASURE.format(output=str(output), cache=str(cache))
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=True)
        runs.append(json.loads(done.stdout))
    best = min(runs, key=lambda r: r["seconds"])
    best["peak_mb"] = max(r["peak_mb"] for r in runs)
    return best


def time_command(command, cwd=ROOT):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=cwd)
    return time.perf_counter() - start, done


def linkinator(output):
    """(seconds, links scanned, broken links, note) for linkinator on ``output``; seconds is
    None, with the reason in note, when it cannot run here."""
    if shutil.which("npx") is None:
        return None, 0, 0, "npx not found (Node.js is not installed)"
    package = f"linkinator@{LINKINATOR}"
    warm = subprocess.run(["npx", "--yes", package, "--help"], capture_output=True, text=True)
    if warm.returncode != 0:
        return None, 0, 0, f"npx could not run {package}: {warm.stderr.strip().splitlines()[-1:]}"
    # Only this site's own server: other hosts would need the internet, and the validator's
    # build check does not ask them either.
    command = ["npx", "--yes", package, str(output), "--recurse", "--check-fragments", "--format", "json",
               "--skip", r"^(?!https?://(localhost|127\.0\.0\.1)[:/])"]
    # Its report goes to a file: Node exits before a large report has gone through a pipe.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdout:
        start = time.perf_counter()
        try:
            done = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, env=ENV,
                                  cwd=ROOT, timeout=LINKINATOR_TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, 0, 0, f"still running after {LINKINATOR_TIMEOUT} s"
        seconds = time.perf_counter() - start
        stdout.seek(0)
        text = stdout.read()
    try:
        report = json.loads(text)
    except ValueError:
        said = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("npm warn")]
        return None, 0, 0, f"linkinator gave no report (exit {done.returncode}): {' '.join(said[-3:])[-300:]}"
    links = [link for link in report.get("links", []) if link.get("state") != "SKIPPED"]
    broken = Counter(str(link.get("status")) for link in links if link.get("state") == "BROKEN")
    # On a clean site every broken link is a false positive: say what linkinator saw.
    why = ", ".join(f"status {status} ×{count:,}" for status, count in broken.most_common(3))
    return seconds, len(links), sum(broken.values()), why


def row(name, output):
    ours = measure(output)
    cli_seconds, cli = time_command([sys.executable, "-m", "pelican.plugins.link_checker", str(output)])
    other_seconds, other_links, other_broken, note = linkinator(output)
    rate = ours["links"] / ours["seconds"] if ours["seconds"] else 0
    if other_seconds:
        ratio = f"{other_seconds / cli_seconds:.1f}×"
        broken = f"{other_broken:,} broken: {note}" if other_broken else "0 broken"
        other = f"{other_seconds:.2f} s ({other_links:,} links, {broken})"
    else:
        ratio, other = "–", f"not run: {note}"
    return (f"| {name} | {ours['pages']:,} | {ours['links']:,} | {ours['seconds']:.3f} s | {ours['peak_mb']:.0f} MB "
            f"| {rate:,.0f} | {len(ours['findings'])} | {cli_seconds:.2f} s | {other} | {ratio} |"), ours


def run(sites):
    """Markdown for bench/RESULTS.md: one row per built site of 1,000 pages or more (``sites``:
    number of pages, or a name, -> output folder, or anything with ``.output``)."""
    lines = [
        "## Link checker",
        "",
        f"Goals (issue 4): 1,000 pages in under {GOAL_SECONDS:g} s and {GOAL_MB} MB, no findings on the "
        f"clean generated sites, at least {GOAL_RATIO:g}× faster than linkinator {LINKINATOR} on the same "
        "output (both whole commands, start to exit; linkinator with --recurse --check-fragments, other "
        "hosts skipped). *Validator* is validate() alone, best of three; *peak* is the whole process.",
        "",
        "| Site | Pages | Links | Validator | Peak memory | Links/s | Findings | `pelican-link-checker` "
        "| linkinator | Speed-up |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    false_positives = []
    for name, site in sites.items():
        if isinstance(name, int) and name < 1000:
            continue  # the goals are for 1,000 pages and more; bench/run.py also builds 100
        text, ours = row(f"{name:,} pages" if isinstance(name, int) else name, output_of(site))
        lines.append(text)
        false_positives += ours["findings"][:3]
        if not ours["record"]:
            lines.append(f"| | | | | | | | | (no build record for {name}: findings would name HTML lines) | |")
    if false_positives:
        lines += ["", "Findings on the generated sites (false positives, to fix):", ""]
        lines += [f"- `{finding}`" for finding in false_positives]
    return "\n".join(lines)


def build(pages, folder):
    """Generate a site of ``pages`` pages with bench/generate.py and build it with the project's
    settings (the link checker runs in the build and writes its record)."""
    content = generate(folder / "content", pages)
    output = folder / "output"
    shutil.rmtree(output, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s",
                    str(ROOT / "pelicanconf.py"), "-q"], check=True, env=ENV, cwd=ROOT)
    return output


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:] if re.fullmatch(r"\d+", a)] or [1000, 5000]
    built = {n: build(n, sites_folder() / f"links-{n}") for n in sizes}
    print(run(built))
