"""Live preview: seconds from saving one page to the open browser tab showing it.

Goal (issue 22): a median under 0.3 s on the real site, in both languages.
``tools/devserver/measure.py`` does the timing: it copies the real content, starts ``python -m
devserver`` on it, opens the Emergency page in Chromium and appends a sentence to its Markdown
``RUNS`` times, waiting each time for the tab to show it; then the same in Spanish. The
generated sites are not used: the goal is about the site volunteers
edit.

``run(sites)`` returns the Markdown section for bench/RESULTS.md.
"""

import statistics

from devserver import measure

RUNS = 9


def run(sites=None):
    rows = ["## Live preview", "",
            "Goal (issue 22): a one-page edit shows as a refreshed page with a median under "
            f"{measure.GOAL} s on the real site, in both languages (`make devserver`: watchfiles, "
            "Pelican's content cache, livereload told as soon as the saved page is written; the "
            "search index and the site-wide checks follow).", ""]
    try:
        times = measure.measure(RUNS)
    except Exception as error:  # noqa: BLE001 (a missing browser must not stop the other benchmarks)
        return "\n".join(rows + [f"Not measured: {error}"])
    rows += ["| Page | Edits | Median | Slowest | Goal (median) |", "| --- | ---: | ---: | ---: | --- |"]
    every = []
    for url, each in times.items():
        every += each
        rows.append(f"| /{url} | {len(each)} | {statistics.median(each):.2f} s | {max(each):.2f} s | "
                    f"< {measure.GOAL} s |")
    median = statistics.median(every)
    rows.append(f"| **both** | {len(every)} | **{median:.2f} s** | {max(every):.2f} s | < {measure.GOAL} s "
                f"({'met' if median < measure.GOAL else 'not met'}) |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(run())
