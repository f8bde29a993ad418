"""Time one edit in the live preview: from saving a page to the browser showing it.

``python -m devserver.measure [--runs 9]`` copies the real content to a temporary folder,
starts ``python -m devserver`` on it, opens the Emergency page in Debian's Chromium (driven by
Playwright), then appends a new sentence to that page's Markdown and waits for the open tab to
show it, ``runs`` times, and the same for the Spanish Emergency page. It prints each time, the
median and the slowest; the goal is a median under 0.3 s.

"Shown" is the moment the reloaded page first paints (the browser's own first-contentful-paint
entry, put on the system clock the save was timed with), read once the driver has found the new
sentence in the tab; the time until the driver found it is printed beside it ("seen"), and is
later by Playwright's own polling and messages, which no volunteer waits for. Each edit starts
once the previous one's whole build (search index and checks) has ended: the devserver's
"rebuilt in" line, not a pause.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
#: The pages edited, one per language: (Markdown file under content/, address).
PAGES = (("pages/resources/emergency.md", "resources/emergency/"),
         ("pages/resources/emergency.es.md", "es/resources/emergency/"))
GOAL = 0.3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_served(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the devserver did not answer at {url}")


class Lines:
    """The devserver's output, read on a thread: wait for a line containing some text."""

    def __init__(self, stream):
        self.lines = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            self.lines.append(None)  # the devserver stopped
            self.changed.notify_all()

    def mark(self):
        with self.changed:
            return len(self.lines)

    def wait_for(self, text, since=0, seconds=60):
        """The first line from ``since`` on that contains ``text``."""
        deadline = time.monotonic() + seconds
        with self.changed:
            while True:
                for line in self.lines[since:]:
                    if line is None:
                        raise RuntimeError("the devserver stopped:\n" + "\n".join(
                            line for line in self.lines[-20:] if line))
                    if text in line:
                        return line
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"no line with {text!r} from the devserver in {seconds} s")
                self.changed.wait(left)


#: The system-clock time (seconds) of the page's first paint: Date.now() less the time since it,
#: on the page's own monotonic clock (performance.timeOrigin may drift from the system clock).
PAINTED = """() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return paint ? (Date.now() - performance.now() + paint.startTime) / 1000 : null;
}"""


def measure(runs=9, chromium=None, rebuilt=None):
    """Each edit of each language's page, ``runs`` times: {address: [(shown, seen), …]}, in
    seconds from the save (see the module's docstring). The devserver's line for each edit
    (where its time went) is appended to the list ``rebuilt``, if given."""
    chromium = chromium or os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory(prefix="devserver-measure-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "devserver", str(content), str(Path(tmp) / "output"),
             "--settings", str(ROOT / "pelicanconf.py"), "--port", str(port),
             "--cache", str(Path(tmp) / "cache")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = Lines(server.stdout)
        try:
            base = f"http://127.0.0.1:{port}/"
            output.wait_for("Stop it with Ctrl+C", seconds=120)
            wait_until_served(base + PAGES[0][1])
            times = {}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium,
                                                     args=["--no-sandbox", "--disable-gpu"])
                for page, url in PAGES:
                    tab = browser.new_page()
                    since = output.mark()
                    tab.goto(base + url)
                    output.wait_for(f"Browser Connected: {base + url}", since)
                    times[url] = []
                    for run in range(runs):
                        marker = f"Edit number {run + 1} for the timing."
                        since = output.mark()
                        with open(content / page, "a", encoding="utf-8") as f:
                            f.write(f"\n{marker}\n")
                        saved, started = time.time(), time.perf_counter()
                        tab.wait_for_selector(f"text={marker}", timeout=10_000)
                        seen = time.perf_counter() - started
                        painted = tab.evaluate(PAINTED)
                        shown = painted - saved if painted is not None else seen
                        times[url].append((shown, seen))
                        # The next edit starts alone: once this one's whole build has ended.
                        line = output.wait_for("rebuilt in", since)
                        if rebuilt is not None:
                            rebuilt.append(line)
                    tab.close()
                browser.close()
            return times
        finally:
            server.terminate()
            server.wait(timeout=10)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m devserver.measure", description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--verbose", action="store_true", help="print the devserver's line for each edit")
    args = parser.parse_args(argv)
    every, rebuilt = [], []
    for url, times in measure(args.runs, rebuilt=rebuilt).items():
        every += [shown for shown, _ in times]
        print(f"/{url}: save to page shown, seconds: " + ", ".join(f"{shown:.2f}" for shown, _ in times))
        print(f"/{url}: save to text seen by the driver: " + ", ".join(f"{seen:.2f}" for _, seen in times))
    if args.verbose:
        print("\n".join(rebuilt))
    median = statistics.median(every)
    print(f"shown: median {median:.2f} s, slowest {max(every):.2f} s (goal: median under {GOAL} s)")
    return 0 if median < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
