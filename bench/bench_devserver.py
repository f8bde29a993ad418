"""Live preview: seconds from saving one page to the open browser tab showing it.

Goal (issue 6): under one second on the real site. ``tools/devserver/measure.py`` does the
timing: it copies the real content, starts ``python -m devserver`` on it, opens the Emergency
page in Chromium and appends a sentence to its Markdown ``RUNS`` times, waiting each time for
the tab to show it. The generated sites are not used: the goal is about the site volunteers
edit.

``run(sites)`` returns the Markdown section for bench/RESULTS.md.
"""

import statistics

from devserver import measure

RUNS = 9


def run(sites=None):
    rows = ["## Live preview", "",
            "Goal (issue 6): a one-page edit shows as a refreshed page in under 1 s on the real "
            "site (`make devserver`: watchfiles, Pelican's content cache, livereload).", ""]
    try:
        times = measure.measure(RUNS)
    except Exception as error:  # noqa: BLE001 (a missing browser must not stop the other benchmarks)
        return "\n".join(rows + [f"Not measured: {error}"])
    rows += ["| Edits | Median | Slowest | Goal |", "| ---: | ---: | ---: | --- |",
             f"| {len(times)} | {statistics.median(times):.2f} s | {max(times):.2f} s | < "
             f"{measure.GOAL:.0f} s |"]
    return "\n".join(rows)


if __name__ == "__main__":
    print(run())
