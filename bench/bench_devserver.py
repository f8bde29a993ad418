"""Live preview: seconds from saving one page to the open browser tab showing it.

Goal (issue 22): a median under 0.3 s on the real site, in both languages.
``tools/devserver/measure.py`` does the timing: it copies the real content, starts ``python -m
devserver`` on it, opens the Emergency page in Chromium and appends a sentence to its Markdown
``RUNS`` times, waiting each time for the tab to show it; then the same in Spanish. "Shown" is
the reloaded page's first paint (the browser's own timestamp); "seen" is when the driver
(Playwright) found the new sentence, later by its own polling. The generated sites are not used:
the goal is about the site volunteers edit.

``run(sites)`` returns the Markdown section for bench/RESULTS.md.
"""

import os
import statistics

from devserver import measure

RUNS = 9


def run(sites=None):
    rows = ["## Live preview", "",
            "Goal (issue 22): a one-page edit shows as a refreshed page with a median under "
            f"{measure.GOAL} s on the real site, in both languages (`make devserver`: watchfiles, "
            "Pelican's content cache, livereload told as soon as the saved page is written; the "
            "search index and the site-wide checks follow). Shown: the reloaded page's first paint "
            "(the browser's own timestamp); seen: when the driver found the new sentence.", ""]
    try:
        load = os.getloadavg()[0]
        times = measure.measure(RUNS)
    except Exception as error:  # noqa: BLE001 (a missing browser must not stop the other benchmarks)
        return "\n".join(rows + [f"Not measured: {error}"])
    rows += ["| Page | Edits | Shown: median | Shown: slowest | Seen: median | Goal (shown, median) |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    shown_all, seen_all = [], []
    for url, each in times.items():
        shown = [s for s, _ in each]
        seen = [s for _, s in each]
        shown_all += shown
        seen_all += seen
        rows.append(f"| /{url} | {len(each)} | {statistics.median(shown):.2f} s | {max(shown):.2f} s | "
                    f"{statistics.median(seen):.2f} s | < {measure.GOAL} s |")
    median = statistics.median(shown_all)
    rows.append(f"| **both** | {len(shown_all)} | **{median:.2f} s** | {max(shown_all):.2f} s | "
                f"{statistics.median(seen_all):.2f} s | < {measure.GOAL} s "
                f"({'met' if median < measure.GOAL else 'not met'}) |")
    rows += ["", f"Load average (1 min) when it started: {load:.2f} on {os.cpu_count()} cores."]
    return "\n".join(rows)


if __name__ == "__main__":
    print(run())
